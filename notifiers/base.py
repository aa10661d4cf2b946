"""What every channel shares: the message handed to it, the error it raises, and the notifier interface.

A notifier turns one `Message` into one delivery attempt. It returns a short note of what the channel
answered (`HTTP 200`, `250 queued as ...`) or raises `DeliveryError`, saying whether a later attempt may
succeed (`transient`) and, when the channel said so, after how many seconds (`retry_after`).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel


@dataclass(frozen=True)
class Message:
    """One alert as every channel sees it: a subject and bodies for people, a JSON document for programs."""

    alert_id: str  # stable: Idempotency-Key of webhooks, Message-ID of emails
    event: str  # change | digest | reminder | test
    subject: str
    text: str
    html: str
    payload: dict[str, Any] = field(default_factory=dict)  # the documented watcher.<event>.v1 document
    link: str | None = None


class DeliveryError(Exception):
    """A channel did not accept a message. The sentence never contains a secret."""

    def __init__(self, sentence: str, *, transient: bool = True, retry_after: float | None = None) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.transient = transient
        self.retry_after = retry_after

    def __str__(self) -> str:
        return self.sentence


class Notifier(ABC):
    """A configured channel. Subclasses set `Options` (their pydantic config model) and implement `send`."""

    Options: ClassVar[type[BaseModel]]

    def __init__(self, name: str, options: Any, environ: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.options = options
        self.environ: Mapping[str, str] = os.environ if environ is None else environ

    @abstractmethod
    def send(self, message: Message) -> str:
        """Deliver `message`; return what the channel answered, or raise DeliveryError."""

    def warnings(self) -> list[str]:
        """Things worth telling the user about this channel's configuration (never an error)."""
        return []

    def secret(self, variable: str | None, what: str) -> str | None:
        """The value of the environment variable `variable` names; a sentence error when it is unset."""
        if variable is None:
            return None
        value = self.environ.get(variable)
        if value is None:
            raise DeliveryError(f"environment variable {variable} ({what} of channel {self.name}) is not set",
                                transient=False)
        return value
