"""Config mistakes, secrets and outbound safety, as the `watcher` command shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from watcher.notifiers.base import DeliveryError, Message
from watcher.notifiers.webhook import Webhook, WebhookOptions

from tests.reliability_support import HTML, free_port, page, settings_yaml, source_yaml, watcher
from tests.server import TestServer
from watcher.cli import main

GOOD_SOURCES = "sources:\n" + source_yaml("hub", "http://127.0.0.1:9/hub")
BAD_SOURCES = [
    ("sources:\n  - id: a\n    name: A\n    url: notaurl\n    kind: html\n    jurisdiction: EU\n"
     "    publisher: t\n    interval: 1h\n", 4, "url"),
    ("sources:\n  - id: a\n    name: A\n    url: https://x.test/\n    kind: html\n    jurisdiction: EU\n"
     "    publisher: t\n    interval: 1h\n    colour: blue\n", 9, "colour"),
    ("sources:\n  - id: a\n    name: 'A\n    url: https://x.test/\n", 5, "quoted scalar that starts on line 3"),
    ("sources:\n  - id: a\n    name: A\n    url: https://x.test/\n    kind: html\n    jurisdiction: EU\n"
     "    publisher: t\n    interval: every now and then\n", 8, "interval"),
    (GOOD_SOURCES.replace("kind: html", "kind: htm"), 2, "kind"),
]
BAD_SETTINGS = [
    ("fetch:\n  retries: many\n", 2, "retries"),
    ("fetch:\n  obey_robots: false\nnotifications: {}\n", 3, "notifications"),
    ("channels:\n  hook: {type: webhook, url: 'ftp://x.test/hook'}\n", 2, "url"),
    ("fetch:\n  connect_timeout: 2\n\tread_timeout: 3\n", 3, ""),
]


@pytest.mark.parametrize(("text", "line", "words"), BAD_SOURCES)
def test_an_invalid_sources_file_names_file_line_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str
) -> None:
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(settings_yaml(), encoding="utf-8")
    code = main(["--sources", str(tmp_path / "sources.yaml"), "--config", str(tmp_path / "watcher.yaml"),
                 "--db", f"sqlite:///{tmp_path / 'w.db'}", "check"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'sources.yaml'}:{line}: " in err, err
    assert words in err.split(f":{line}: ", 1)[1]
    assert "Traceback" not in err


@pytest.mark.parametrize(("text", "line", "words"), BAD_SETTINGS)
def test_an_invalid_watcher_yaml_names_file_line_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str
) -> None:
    (tmp_path / "sources.yaml").write_text(GOOD_SOURCES, encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(text, encoding="utf-8")
    code = main(["--sources", str(tmp_path / "sources.yaml"), "--config", str(tmp_path / "watcher.yaml"),
                 "--db", f"sqlite:///{tmp_path / 'w.db'}", "check"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'watcher.yaml'}:{line}: " in err, err
    assert words in err.split(f":{line}: ", 1)[1]


SECRETS = {"API_TOKEN": "tok-7f3a9c-SECRET", "HOOK_SECRET": "hook-51d2-SECRET", "SMTP_PASS": "smtp-8e0b-SECRET",
           "SMTP_USER": "user-44c1-SECRET"}


def test_secrets_never_appear_in_output_errors_alerts_or_the_database(tmp_path: Path, server: TestServer) -> None:
    other = TestServer("127.0.0.2").start()
    try:
        server.route("/ok", page("AI Act hub", "The AI Act applies in stages from 2025 to 2027."), content_type=HTML)
        server.route("/denied", "denied", status=401, content_type="text/plain")
        server.route("/away", status=302, headers={"Location": other.url("/landing")})
        server.route("/hook", "down", status=500, content_type="text/plain")
        other.route("/landing", page("Landing", "Moved here for good, with the whole text of the page."),
                    content_type=HTML)
        auth = "{Authorization: 'Bearer ${API_TOKEN}', X-Api-Key: '${API_TOKEN}'}"
        (tmp_path / "sources.yaml").write_text("sources:\n" + "".join(
            source_yaml(i, server.url(f"/{i}"), headers=auth) for i in ("ok", "denied", "away")), encoding="utf-8")
        (tmp_path / "watcher.yaml").write_text(settings_yaml(retries=0, extra=f"""\
channels:
  hook: {{type: webhook, url: '{server.url("/hook")}', secret_env: HOOK_SECRET}}
  mail: {{type: email, host: 127.0.0.1, port: {free_port()}, username_env: SMTP_USER, password_env: SMTP_PASS,
          to: [ops@example.org], timeout: 2}}
subscriptions:
  - {{name: all, channels: [hook, mail]}}
operators: [hook]
"""), encoding="utf-8")
        runs = [watcher(tmp_path, *args, env=SECRETS) for args in (
            ["check"], ["check", "--json"], ["sources", "list"], ["sources", "list", "--json"], ["alerts"],
            ["notify", "test"], ["--debug", "check", "denied"])]
    finally:
        other.stop()
    assert runs[0].returncode == 1 and "401" in runs[0].stdout + runs[0].stderr
    assert server.hits("/ok")[0].headers["authorization"] == f"Bearer {SECRETS['API_TOKEN']}"  # it was sent
    assert all("authorization" not in r.headers and "x-api-key" not in r.headers for r in other.requests)
    posted = b"".join(r.body for r in server.hits("/hook")) + str([r.headers for r in server.hits("/hook")]).encode()
    shown = "".join(r.stdout + r.stderr for r in runs) + posted.decode()
    assert "${API_TOKEN}" in runs[2].stdout + runs[3].stdout  # the reference is shown, never its value
    stored = (tmp_path / "w.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("w.db-*"))
    for name, value in SECRETS.items():
        assert value not in shown, name
        assert value.encode() not in stored, name


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00:ec2::254]/",
    "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/latest/meta-data/",
])
def test_source_urls_at_metadata_addresses_are_refused_unless_allowed(tmp_path: Path, url: str) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n" + source_yaml("meta", url), encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(settings_yaml(), encoding="utf-8")
    run = watcher(tmp_path, "check", "--json", "--no-alerts")
    assert run.returncode == 1 and "refusing to fetch from" in run.stdout and "allow_link_local" in run.stdout


def test_redirects_are_rechecked_and_loopback_and_private_stay_allowed(tmp_path: Path, server: TestServer) -> None:
    server.route("/to-metadata", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    server.route("/page", page("Loopback mirror", "An internal mirror of the AI Act hub page."), content_type=HTML)
    private = TestServer("127.0.0.9").start()
    private.route("/page", page("Another mirror", "A second internal mirror with the same page."),
                  content_type=HTML)
    try:
        (tmp_path / "sources.yaml").write_text("sources:\n" + source_yaml("hop", server.url("/to-metadata"))
                                               + source_yaml("mirror", server.url("/page"))
                                               + source_yaml("mirror2", private.url("/page")), encoding="utf-8")
        (tmp_path / "watcher.yaml").write_text(settings_yaml(), encoding="utf-8")
        run = watcher(tmp_path, "check", "--json", "--no-alerts")
    finally:
        private.stop()
    assert '"status": "baseline"' in run.stdout and run.stdout.count('"status": "baseline"') == 2
    assert "refusing to fetch from 169.254.169.254" in run.stdout


def _message() -> Message:
    return Message(alert_id="a1", event="test", subject="s", text="t", html="<p>t</p>", payload={"x": 1})


def test_webhooks_to_metadata_addresses_are_refused_unless_allowed(server: TestServer) -> None:
    for url in ("http://169.254.169.254/hook", "http://[fe80::1]:8080/hook", "http://[::ffff:169.254.1.1]/"):
        with pytest.raises(DeliveryError, match=r"refusing to post to .* link-local or cloud-metadata") as caught:
            Webhook("ops", WebhookOptions(url=url)).send(_message())
        assert not caught.value.transient
    allowed = Webhook("ops", WebhookOptions(url="http://169.254.169.254:9/hook", allow_link_local=True, timeout=1))
    with pytest.raises(DeliveryError) as caught:
        allowed.send(_message())  # tried, and fails only because nothing answers there
    assert "refusing" not in str(caught.value)
    server.route("/hook", "ok", content_type="text/plain")
    assert Webhook("ops", WebhookOptions(url=server.url("/hook"))).send(_message()) == "HTTP 200"
