"""Address safety: never fetch link-local or cloud-metadata addresses unless a source explicitly allows it.

A URL in a sources file, or a redirect from a server we watch, could otherwise point watcher at the
instance-metadata service of the machine it runs on and leak credentials into a snapshot. Loopback and
private ranges stay allowed (intranet mirrors and tests use them). The host is resolved here, before
any connection, and checked again on every redirect hop. Verdicts for host names are cached briefly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time

from watcher.errors import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_BLOCKED_NETWORKS = (
    ipaddress.ip_network("169.254.0.0/16"),  # IPv4 link-local, incl. 169.254.169.254 metadata
    ipaddress.ip_network("fe80::/10"),  # IPv6 link-local
)
_BLOCKED_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("fd00:ec2::254"),  # AWS metadata over IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud metadata
    }
)
_CACHE_SECONDS = 60.0


def is_blocked(address: IPAddress) -> bool:
    """True for link-local and known cloud-metadata addresses (IPv4-mapped IPv6 included)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_blocked(address.ipv4_mapped)
    return address in _BLOCKED_ADDRESSES or any(address in net for net in _BLOCKED_NETWORKS)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _refusal(host: str, address: IPAddress) -> FetchError:
    shown = host if host == str(address) else f"{host} ({address})"
    return FetchError(
        f"refusing to fetch from {shown}: it is a link-local or cloud-metadata address "
        "(set allow_link_local: true on the source if this is intended)",
        transient=False,
    )


class AddressGuard:
    """Checks a host's addresses before watcher connects to it."""

    def __init__(self, allow_link_local: bool = False) -> None:
        self.allow_link_local = allow_link_local
        self._verdicts: dict[str, tuple[float, IPAddress | None]] = {}  # host -> (expires, blocked address)

    async def check(self, host: str, port: int, *, allow_link_local: bool = False) -> None:
        """Raise FetchError if `host` is or resolves to a forbidden address; socket.gaierror if it does not resolve."""
        if allow_link_local or self.allow_link_local:
            return
        literal = _literal(host)
        if literal is not None:
            if is_blocked(literal):
                raise _refusal(host, literal)
            return
        key = host.lower()
        now = time.monotonic()
        cached = self._verdicts.get(key)
        if cached is None or cached[0] < now:
            cached = (now + _CACHE_SECONDS, await self._resolve(key, port))
            self._verdicts[key] = cached
        if cached[1] is not None:
            raise _refusal(host, cached[1])

    @staticmethod
    async def _resolve(host: str, port: int) -> IPAddress | None:
        """The first forbidden address `host` resolves to, or None when all are fine."""
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for info in infos:
            address = _literal(str(info[4][0]))
            if address is not None and is_blocked(address):
                return address
        return None
