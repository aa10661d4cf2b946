"""One plain sentence for each way the network can fail.

Exceptions arrive wrapped (httpx -> httpcore -> OSError -> ConnectionRefusedError ...), so the whole
cause/context chain is searched against one table, first match wins. Each row also says whether
trying again could help.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class _Rule:
    kind: type[BaseException]
    text: str  # substring of the message that must appear ("" matches any)
    sentence: str  # formatted with {host}
    retry: bool = True


_RULES: tuple[_Rule, ...] = (
    _Rule(ssl.SSLCertVerificationError, "", "the TLS certificate of {host} could not be verified", retry=False),
    _Rule(BaseException, "CERTIFICATE_VERIFY_FAILED", "the TLS certificate of {host} could not be verified",
          retry=False),
    _Rule(ssl.SSLError, "", "the TLS handshake with {host} failed"),
    # A definite "no such name" will not change within one check; a resolver hiccup may.
    _Rule(BaseException, "Name or service not known", "the host name {host} was not found (DNS)", retry=False),
    _Rule(BaseException, "nodename nor servname", "the host name {host} was not found (DNS)", retry=False),
    _Rule(socket.gaierror, "", "the host name {host} could not be resolved (DNS)"),
    _Rule(ConnectionRefusedError, "", "{host} refused the connection (nothing is listening on that port)"),
    _Rule(ConnectionResetError, "", "{host} reset the connection"),
    _Rule(httpx.ConnectTimeout, "", "connecting to {host} timed out"),
    _Rule(httpx.ReadTimeout, "", "{host} stopped sending data (read timeout)"),
    _Rule(httpx.WriteTimeout, "", "sending the request to {host} timed out"),
    _Rule(httpx.PoolTimeout, "", "no connection to {host} became free in time"),
    _Rule(httpx.RemoteProtocolError, "", "{host} closed the connection or sent a malformed HTTP response"),
    _Rule(httpx.ReadError, "", "the connection to {host} broke while reading the response"),
    _Rule(httpx.WriteError, "", "the connection to {host} broke while sending the request"),
    _Rule(httpx.ConnectError, "", "could not connect to {host}"),
    _Rule(httpx.UnsupportedProtocol, "", "watcher can only fetch http and https URLs", retry=False),
    _Rule(httpx.InvalidURL, "", "the URL is not valid", retry=False),
    _Rule(OSError, "", "could not reach {host}"),
)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 16:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def describe_network_error(exc: BaseException, host: str) -> tuple[str, bool]:
    """(one sentence naming `host`, whether a retry could help) for a network-level exception."""
    chain = _chain(exc)
    for rule in _RULES:
        for link in chain:
            if isinstance(link, rule.kind) and rule.text in str(link):
                return rule.sentence.format(host=host), rule.retry
    return f"could not fetch from {host} ({type(exc).__name__})", True
