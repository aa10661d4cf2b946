"""Shared pieces of the alert tests: a real SMTP server, a signature checker, a stored change with analysis."""

from __future__ import annotations

import hashlib
import hmac
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from watcher.records import Analysis, ChangeView, DateMention, InstrumentTag

SECRET = "s3cret-for-tests"


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK queued"


@contextmanager
def smtp_server(**options: Any) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def verify(header: str, body: bytes, secret: str = SECRET, tolerance: float = 300) -> bool:
    """The receiver's side of X-Watcher-Signature, as the README shows it."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"]) and abs(time.time() - int(fields["t"])) < tolerance


def consultation_view(change_id: int = 7) -> ChangeView:
    analysis = Analysis(
        instruments=(InstrumentTag("eu-ai-act", 0.91, "Regulation (EU) 2024/1689"),),
        kind="consultation",
        dates=(DateMention("2026-11-24", "published", "24 November 2026"),
               DateMention("2027-01-19", "deadline", "19 January 2027")),
        summary="consultation: eu-ai-act (deadline 2027-01-19)",
    )
    return ChangeView(
        id=change_id, source_id="eu-news", type="added",
        title="Commission seeks comments on the high-risk classification guidelines",
        url="https://digital-strategy.ec.europa.eu/en/library/consultation", diff="+ new item",
        excerpt="Stakeholders can send comments until 19 January 2027.",
        created_at=datetime(2026, 11, 24, 9, 30, tzinfo=UTC), analysis=analysis,
    )
