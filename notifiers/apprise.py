"""apprise: any service Apprise supports (Matrix, Telegram, Discord, ntfy, ...), by Apprise URL.

Needs the optional extra: `pip install 'ai-regulation-watcher[apprise]'`. Apprise URLs usually embed tokens,
so they may come from an environment variable (`urls_env`, several separated by spaces or commas).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from watcher.notifiers.base import DeliveryError, Message, Notifier

MISSING = ("the apprise channel needs the optional package apprise: "
           "pip install 'ai-regulation-watcher[apprise]'")


class AppriseOptions(BaseModel):
    """Options of an apprise channel."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["apprise"] = "apprise"
    urls: tuple[str, ...] = Field(default=(), description="Apprise URLs (they may hold tokens: prefer urls_env)")
    urls_env: str | None = Field(default=None, description="environment variable holding the Apprise URLs")

    @model_validator(mode="after")
    def _some(self) -> AppriseOptions:
        if not self.urls and not self.urls_env:
            raise ValueError("an apprise channel needs urls or urls_env")
        return self


class Apprise(Notifier):
    """Notify through Apprise (optional extra `apprise`): one channel, any of its services, by URL."""

    Options = AppriseOptions
    options: AppriseOptions

    def send(self, message: Message) -> str:
        try:
            import apprise
        except ImportError:
            raise DeliveryError(MISSING, transient=False) from None
        urls = list(self.options.urls)
        extra = self.secret(self.options.urls_env, "the Apprise URLs")
        if extra:
            urls.extend(u for u in extra.replace(",", " ").split() if u)
        client = apprise.Apprise()
        for url in urls:
            if not client.add(url):
                raise DeliveryError(f"channel {self.name}: Apprise does not understand one of its URLs",
                                    transient=False)
        if not client.notify(title=message.subject, body=message.text):
            raise DeliveryError(f"channel {self.name}: Apprise reported a failed notification")
        return f"sent to {len(urls)} Apprise service(s)"
