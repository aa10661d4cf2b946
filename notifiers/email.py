"""email: a multipart (plain text + HTML) mail over SMTP.

Plain SMTP (port 25), STARTTLS (`starttls: true`, port 587) or SMTPS (`ssl: true`, port 465). The login, when
the relay needs one, comes only from the environment variables named by `username_env` / `password_env`;
neither value is ever written anywhere. Each mail carries a `Message-ID` derived from the alert id, so a
repeat after a crash is collapsed by mail clients. 4xx answers and lost connections are retried; 5xx answers
are permanent failures.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from watcher.notifiers.base import DeliveryError, Message, Notifier


class EmailOptions(BaseModel):
    """Options of an email channel."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: Literal["email"] = "email"
    host: str = Field(default="localhost", description="SMTP relay host")
    port: int | None = Field(default=None, ge=1, le=65535, description="default 25, 587 with starttls, 465 with ssl")
    starttls: bool = Field(default=False, description="upgrade the connection with STARTTLS (required once asked for)")
    ssl: bool = Field(default=False, description="SMTPS: TLS from the first byte")
    username_env: str | None = Field(default=None, description="environment variable holding the SMTP user name")
    password_env: str | None = Field(default=None, description="environment variable holding the SMTP password")
    sender: str = Field(default="watcher@localhost", alias="from", description="From address")
    to: tuple[str, ...] = Field(min_length=1, description="recipient addresses")
    timeout: float = Field(default=30.0, gt=0, description="seconds per SMTP command")

    @field_validator("to", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    def effective_port(self) -> int:
        if self.port is not None:
            return self.port
        return 465 if self.ssl else (587 if self.starttls else 25)


def message_id(alert_id: str, sender: str) -> str:
    """A Message-ID that is the same for every attempt to send one alert."""
    domain = sender.rpartition("@")[2].strip("<> ") or "watcher.invalid"
    return f"<alert-{alert_id}@{domain}>"


class Email(Notifier):
    """Send a multipart text + HTML mail through an SMTP relay (plain, STARTTLS or SMTPS)."""

    Options = EmailOptions
    options: EmailOptions

    def compose(self, message: Message) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = message.subject
        mail["From"] = self.options.sender
        mail["To"] = ", ".join(self.options.to)
        mail["Date"] = formatdate(localtime=False, usegmt=True)
        mail["Message-ID"] = message_id(message.alert_id, self.options.sender)
        mail["X-Watcher-Alert"] = message.alert_id
        mail["X-Watcher-Event"] = message.event
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        return mail

    def send(self, message: Message) -> str:
        opts = self.options
        user = self.secret(opts.username_env, "the SMTP user name")
        password = self.secret(opts.password_env, "the SMTP password")
        mail = self.compose(message)
        where = f"{opts.host}:{opts.effective_port()}"
        try:
            smtp: smtplib.SMTP
            if opts.ssl:
                smtp = smtplib.SMTP_SSL(opts.host, opts.effective_port(), timeout=opts.timeout,
                                        context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(opts.host, opts.effective_port(), timeout=opts.timeout)
            with smtp:
                if opts.starttls and not opts.ssl:
                    smtp.starttls(context=ssl.create_default_context())
                if user is not None:
                    smtp.login(user, password or "")
                refused = smtp.send_message(mail)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"{where} refused the login ({exc.smtp_code})", transient=False) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = ", ".join(f"{addr}: {code}" for addr, (code, _) in exc.recipients.items())
            transient = all(400 <= code < 500 for code, _ in exc.recipients.values())
            raise DeliveryError(f"{where} refused every recipient ({codes})", transient=transient) from None
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"{where} answered {exc.smtp_code} {' '.join(text.split())}",
                                transient=exc.smtp_code < 500) from None
        except smtplib.SMTPNotSupportedError:
            raise DeliveryError(f"{where} does not support STARTTLS", transient=False) from None
        except ssl.SSLError as exc:
            raise DeliveryError(f"TLS with {where} failed: {exc.reason or exc}", transient=False) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot deliver through {where}: {exc or type(exc).__name__}") from None
        if refused:
            return f"accepted by {where}, refused for {', '.join(sorted(refused))}"
        return f"accepted by {where}"
