"""webhook: an HTTP POST of a JSON document to a URL.

Format `watcher` (default) posts the versioned `watcher.<event>.v1` document, signed with the channel's
secret: `X-Watcher-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, and carries the
alert id as `Idempotency-Key`. Formats `slack` and `teams` post what Slack and Microsoft Teams incoming
webhooks expect. 2xx is accepted; 408, 425, 429 and 5xx are retried (honouring Retry-After); other answers
are permanent failures. Plain http is allowed, with a warning for hosts that are not loopback.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator
from watcher.notifiers.base import DeliveryError, Message, Notifier

RETRIED_STATUSES = frozenset({408, 425, 429})
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class WebhookOptions(BaseModel):
    """Options of a webhook channel."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["webhook"] = "webhook"
    url: str = Field(description="where to POST (https, or http with a warning unless loopback)")
    format: Literal["watcher", "slack", "teams"] = Field(default="watcher", description="payload: watcher | slack | teams")
    secret_env: str | None = Field(default=None, description="environment variable holding the signing secret")
    headers: dict[str, str] = Field(default_factory=dict, description="extra request headers")
    timeout: float = Field(default=10.0, gt=0, description="seconds for the whole request")
    allow_link_local: bool = Field(default=False, description="allow link-local and cloud-metadata addresses")

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url must be an http(s) URL, got {value!r}")
        return value


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The X-Watcher-Signature header value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def slack_body(message: Message) -> dict[str, Any]:
    text = f"*{message.subject}*\n{message.text}"
    return {"text": text[:3900], "unfurl_links": False}


def teams_body(message: Message) -> dict[str, Any]:
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": message.subject, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "TextBlock", "text": message.text[:20000], "wrap": True},
        ],
    }
    if message.link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open the source", "url": message.link}]
    return {"type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]}


class Webhook(Notifier):
    """POST a JSON document to a URL: signed watcher.<event>.v1 payload, or Slack / Teams incoming-webhook format."""

    Options = WebhookOptions
    options: WebhookOptions

    def warnings(self) -> list[str]:
        parts = urlsplit(self.options.url)
        notes = []
        if parts.scheme == "http" and (parts.hostname or "").lower() not in LOOPBACK:
            notes.append(f"channel {self.name} posts over plain http to {parts.hostname}: alerts travel unencrypted")
        if self.options.format == "watcher" and self.options.secret_env is None:
            notes.append(f"channel {self.name} has no secret_env: its payloads are not signed")
        return notes

    def body(self, message: Message) -> bytes:
        if self.options.format == "slack":
            data = slack_body(message)
        elif self.options.format == "teams":
            data = teams_body(message)
        else:
            data = message.payload
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def request_headers(self, message: Message, body: bytes) -> dict[str, str]:
        from watcher import __version__

        headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": f"watcher/{__version__}",
                   **self.options.headers}
        if self.options.format == "watcher":
            headers["Idempotency-Key"] = message.alert_id
            headers["X-Watcher-Event"] = message.event
            secret = self.secret(self.options.secret_env, "the signing secret")
            if secret is not None:
                headers["X-Watcher-Signature"] = sign(secret, body, int(time.time()))
        return headers

    def check_address(self) -> None:
        """Refuse a URL that is or resolves to a link-local or cloud-metadata address, unless allowed.

        Redirects are never followed (a 3xx is a permanent failure), so this one check covers every hop.
        """
        from watcher.fetch.netguard import (
            is_blocked,  # here: watcher.fetch imports the config, which imports us
        )

        if self.options.allow_link_local:
            return
        parts = urlsplit(self.options.url)
        host = parts.hostname or ""
        try:
            infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return  # unresolvable: the request itself reports it
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if is_blocked(address):
                shown = host if host == str(address) else f"{host} ({address})"
                raise DeliveryError(f"refusing to post to {shown}: it is a link-local or cloud-metadata address "
                                    "(set allow_link_local: true on the channel if this is intended)",
                                    transient=False)

    def send(self, message: Message) -> str:
        body = self.body(message)
        headers = self.request_headers(message, body)
        host = urlsplit(self.options.url).hostname
        self.check_address()
        try:
            with httpx.Client(timeout=self.options.timeout, follow_redirects=False, trust_env=False) as client:
                response = client.post(self.options.url, content=body, headers=headers)
        except httpx.TimeoutException:
            raise DeliveryError(f"{host} did not answer within {self.options.timeout:g}s") from None
        except httpx.HTTPError as exc:
            raise DeliveryError(f"cannot reach {host}: {exc or type(exc).__name__}") from None
        status = response.status_code
        if 200 <= status < 300:
            return f"HTTP {status}"
        reason = f"{host} answered HTTP {status}"
        snippet = " ".join(response.text[:200].split())
        if snippet:
            reason += f": {snippet}"
        if 300 <= status < 400:
            raise DeliveryError(f"{reason} (redirect to {response.headers.get('location', '?')}: "
                                "configure the final URL)", transient=False)
        transient = status in RETRIED_STATUSES or status >= 500
        raise DeliveryError(reason, transient=transient,
                            retry_after=retry_after_seconds(response.headers.get("retry-after")))
