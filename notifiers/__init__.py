"""Alert channels, registered by name (import as watcher.notifiers).

One module per channel type; each has a pydantic options model (its part of `watcher.yaml`) and a docstring
that `watcher notifiers` prints. Adding a channel type = one module + one line in NOTIFIERS + the union below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field
from watcher.notifiers.apprise import Apprise, AppriseOptions
from watcher.notifiers.base import DeliveryError, Message, Notifier
from watcher.notifiers.email import Email, EmailOptions
from watcher.notifiers.webhook import Webhook, WebhookOptions

NOTIFIERS: dict[str, type[Notifier]] = {"email": Email, "webhook": Webhook, "apprise": Apprise}

# A channel of watcher.yaml: the options model of its `type`.
ChannelOptions = Annotated[EmailOptions | WebhookOptions | AppriseOptions, Field(discriminator="type")]

__all__ = ["NOTIFIERS", "ChannelOptions", "DeliveryError", "Message", "Notifier", "make_notifier"]


def make_notifier(name: str, options: Any, environ: Mapping[str, str] | None = None) -> Notifier:
    """The notifier for a configured channel (`options` is one of the options models)."""
    return NOTIFIERS[options.type](name, options, environ)
