"""Channels against real receivers on 127.0.0.1: an aiosmtpd SMTP server and the loopback HTTP server."""

from __future__ import annotations

import json

import pytest
from aiosmtpd.smtp import AuthResult
from watcher.notifiers import NOTIFIERS, DeliveryError, make_notifier
from watcher.notifiers.email import EmailOptions
from watcher.notifiers.webhook import WebhookOptions, retry_after_seconds, sign

from tests.alert_support import SECRET, consultation_view, smtp_server, verify
from tests.server import RecordedRequest, Reply, TestServer
from watcher.alerts.render import SourceInfo, change_message
from watcher.analysis import default_registry

SOURCE = SourceInfo("eu-news", "Commission AI news", "EU", "https://digital-strategy.ec.europa.eu/en/news")


def message(alert_id: str = "0b7c9a52-1111-4c4e-9d55-6a1f5e3e2a10"):  # type: ignore[no-untyped-def]
    return change_message(alert_id, "eu-legal", consultation_view(), SOURCE, default_registry())


def test_registry_lists_every_channel_with_options_and_docs() -> None:
    assert set(NOTIFIERS) == {"email", "webhook", "apprise"}
    for notifier in NOTIFIERS.values():
        assert notifier.__doc__ and notifier.Options.model_fields["type"].default


def test_email_reaches_a_real_smtp_server_with_both_parts_and_a_stable_message_id() -> None:
    with smtp_server() as (inbox, port):
        options = EmailOptions.model_validate({"host": "127.0.0.1", "port": port, "from": "watcher@example.org",
                                               "to": ["legal@example.org", "ops@example.org"]})
        email = make_notifier("legal-mail", options, environ={})
        assert "accepted by 127.0.0.1" in email.send(message())
        email.send(message())  # the same alert again, e.g. after a crash before the mark was written
        email.send(message("another-alert"))
    first, again, other = inbox.messages
    assert first["Subject"] == ("[EU AI Act] Consultation: Commission seeks comments on the high-risk "
                                "classification guidelines (comments due 2027-01-19)")
    assert first["Message-ID"] == again["Message-ID"] == "<alert-0b7c9a52-1111-4c4e-9d55-6a1f5e3e2a10@example.org>"
    assert other["Message-ID"] != first["Message-ID"]
    assert first["From"] == "watcher@example.org"
    assert inbox.envelopes[0].rcpt_tos == ["legal@example.org", "ops@example.org"]
    assert first.get_content_type() == "multipart/alternative"
    plain_part, html_part = first.get_body(("plain",)), first.get_body(("html",))
    assert plain_part is not None and html_part is not None
    text, html = plain_part.get_content(), html_part.get_content()
    for part in (text, html):
        assert "eu-ai-act" in part and "2027-01-19" in part
        assert "https://digital-strategy.ec.europa.eu/en/library/consultation" in part
        assert "Stakeholders can send comments until 19 January 2027." in part
        assert "Commission AI news" in part and "2026-11-24 09:30 UTC" in part
    assert "Kind: consultation" in text and "<table>" in html


def test_email_login_comes_from_the_environment_and_is_never_shown() -> None:
    def check(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        ok = auth_data.login == b"watcher" and auth_data.password == b"right-password"
        return AuthResult(success=ok)

    with smtp_server(authenticator=check, auth_require_tls=False) as (inbox, port):
        base = {"host": "127.0.0.1", "port": port, "to": "a@example.org", "username_env": "SMTP_USER",
                "password_env": "SMTP_PASSWORD"}
        options = EmailOptions.model_validate(base)
        good = make_notifier("m", options, environ={"SMTP_USER": "watcher", "SMTP_PASSWORD": "right-password"})
        good.send(message())
        assert len(inbox.messages) == 1
        assert inbox.envelopes[0].mail_from == "watcher@localhost"
        unset = make_notifier("m", options, environ={"SMTP_USER": "watcher"})
        with pytest.raises(DeliveryError, match=r"environment variable SMTP_PASSWORD .* is not set"):
            unset.send(message())


def test_email_to_a_closed_port_is_transient() -> None:
    options = EmailOptions.model_validate({"host": "127.0.0.1", "port": 1, "to": ["a@example.org"], "timeout": 2})
    with pytest.raises(DeliveryError) as err:
        make_notifier("m", options, environ={}).send(message())
    assert err.value.transient and "127.0.0.1:1" in str(err.value)


def test_signed_webhook_is_verifiable_and_carries_the_alert_id(server: TestServer) -> None:
    seen: list[RecordedRequest] = []

    def receive(req: RecordedRequest) -> Reply:
        seen.append(req)
        ok = verify(req.headers["x-watcher-signature"], req.body)
        return Reply(204 if ok else 401)

    server.route("/hook", handler=receive)
    options = WebhookOptions(url=server.url("/hook"), secret_env="HOOK_SECRET")
    hook = make_notifier("ops-hook", options, environ={"HOOK_SECRET": SECRET})
    assert hook.warnings() == []
    assert hook.send(message()) == "HTTP 204"
    req = seen[0]
    assert req.method == "POST" and req.headers["idempotency-key"] == "0b7c9a52-1111-4c4e-9d55-6a1f5e3e2a10"
    assert req.headers["x-watcher-event"] == "change"
    payload = json.loads(req.body)
    assert payload["schema"] == "watcher.change.v1"
    assert payload["change_id"] == 7 and payload["kind"] == "consultation"
    assert payload["instruments"][0]["id"] == "eu-ai-act"
    assert {"date": "2027-01-19", "role": "deadline", "text": "19 January 2027"} in payload["dates"]
    assert payload["source"] == {"id": "eu-news", "name": "Commission AI news", "jurisdiction": "EU"}
    assert payload["seen_at"] == "2026-11-24T09:30:00+00:00"
    assert not verify(req.headers["x-watcher-signature"], req.body, secret="other")
    assert not verify(req.headers["x-watcher-signature"], req.body + b" ")


def test_webhook_answers_classified(server: TestServer) -> None:
    server.route("/busy", status=503, headers={"Retry-After": "7"}, body=b"overloaded")
    server.route("/gone", status=410, body=b"no such hook")
    server.route("/moved", status=301, headers={"Location": "https://elsewhere.example/"})
    results = {}
    for path in ("/busy", "/gone", "/moved"):
        hook = make_notifier("h", WebhookOptions(url=server.url(path)), environ={})
        with pytest.raises(DeliveryError) as err:
            hook.send(message())
        results[path] = (err.value.transient, err.value.retry_after)
    assert results == {"/busy": (True, 7.0), "/gone": (False, None), "/moved": (False, None)}
    missing = make_notifier("h", WebhookOptions(url=server.url("/x"), secret_env="NOPE"), environ={})
    with pytest.raises(DeliveryError, match="environment variable NOPE"):
        missing.send(message())


def test_slack_and_teams_formats(server: TestServer) -> None:
    server.route("/slack", body=b"ok")
    server.route("/teams", status=202)
    for fmt in ("slack", "teams"):
        make_notifier(fmt, WebhookOptions(url=server.url(f"/{fmt}"), format=fmt), environ={}).send(message())
    slack = json.loads(server.hits("/slack")[0].body)
    assert slack["text"].startswith("*[EU AI Act] Consultation:")
    teams = json.loads(server.hits("/teams")[0].body)
    card = teams["attachments"][0]["content"]
    assert card["type"] == "AdaptiveCard" and card["actions"][0]["url"].endswith("/consultation")
    assert "x-watcher-signature" not in server.hits("/teams")[0].headers


def test_plain_http_to_a_remote_host_is_allowed_with_a_warning() -> None:
    hook = make_notifier("h", WebhookOptions(url="http://hooks.example.org/x", secret_env="S"), environ={})
    assert any("plain http" in w for w in hook.warnings())


def test_signature_and_retry_after_helpers() -> None:
    header = sign("k", b"{}", 1700000000)
    assert header.startswith("t=1700000000,v1=") and len(header.split("v1=")[1]) == 64
    assert sign("k", b"{}", 1700000000) == header != sign("k", b"{} ", 1700000000)
    assert retry_after_seconds("3") == 3.0 and retry_after_seconds(None) is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_apprise_without_the_extra_is_a_clear_error() -> None:
    notifier = make_notifier("a", NOTIFIERS["apprise"].Options(urls=("json://127.0.0.1:9/",)), environ={})
    try:
        import apprise  # noqa: F401
    except ImportError:
        with pytest.raises(DeliveryError, match=r"pip install 'ai-regulation-watcher\[apprise\]'"):
            notifier.send(message())
