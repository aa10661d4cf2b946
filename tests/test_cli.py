"""The `watcher` command as a user runs it: real processes, a loopback server, an SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import DemoPages
from tests.server import TestServer

SETTINGS = """\
fetch:
  obey_robots: false
  hosts:
    127.0.0.1: {concurrency: 4, delay: 0}
"""


def watcher(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "watcher", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=120)


def setup_project(tmp_path: Path, server: TestServer) -> list[str]:
    (tmp_path / "sources.yaml").write_text(f"""\
sources:
  - id: eu-news
    name: EU AI news
    url: {server.url('/en/related-content?topic=119')}
    kind: listing
    jurisdiction: EU
    publisher: European Commission
    interval: 4h
  - id: fr
    name: Federal Register AI
    url: {server.url('/api/v1/documents.json')}
    kind: json
    jurisdiction: US
    publisher: Federal Register
    interval: 6h
""", encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(SETTINGS, encoding="utf-8")
    return ["--db", f"sqlite:///{tmp_path / 'w.db'}"]


def test_check_json_then_changes_and_show(tmp_path, server):
    pages = DemoPages(server)
    db = setup_project(tmp_path, server)

    first = watcher(*db, "check", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)  # stdout holds only the JSON document
    assert [(s["id"], s["status"], s["changes"], s["error"]) for s in doc["sources"]] == [
        ("eu-news", "baseline", [], None), ("fr", "baseline", [], None)]
    assert all(isinstance(s["duration_ms"], int) for s in doc["sources"])
    assert "eu-news" in first.stderr  # progress went to stderr

    pages.round = 2
    second = json.loads(watcher(*db, "check", "--json", cwd=tmp_path).stdout)
    eu = next(s for s in second["sources"] if s["id"] == "eu-news")
    assert eu["status"] == "changed"
    assert [(c["type"], c["title"]) for c in eu["changes"]] == [
        ("added", "Commission opens a targeted consultation on the guidelines for classifying high-risk AI systems")]
    change_id = eu["changes"][0]["id"]

    listed = json.loads(watcher(*db, "changes", "--json", "--source", "eu-news", cwd=tmp_path).stdout)
    assert [c["id"] for c in listed["changes"]] == [change_id]

    shown = watcher(*db, "show", str(change_id), cwd=tmp_path)
    assert shown.returncode == 0
    assert "Commission opens a targeted consultation" in shown.stdout
    assert "+Commission opens a targeted consultation" in shown.stdout  # the diff
    assert "until 19 January 2027" in shown.stdout  # the linked document's text

    table = watcher(*db, "check", cwd=tmp_path)
    assert table.returncode == 0
    assert "unchanged" in table.stdout and "2 sources" in table.stdout


def test_failed_source_gives_exit_code_1_with_a_sentence(tmp_path, server):
    DemoPages(server)
    db = setup_project(tmp_path, server)
    server.route("/api/v1/documents.json", "upstream broke", status=502, content_type="text/plain")
    result = watcher(*db, "check", "--json", cwd=tmp_path)
    assert result.returncode == 1
    fr = next(s for s in json.loads(result.stdout)["sources"] if s["id"] == "fr")
    assert fr["status"] == "failed" and "502" in fr["error"]


def test_check_only_named_sources_and_unknown_id(tmp_path, server):
    DemoPages(server)
    db = setup_project(tmp_path, server)
    one = json.loads(watcher(*db, "check", "fr", "--json", cwd=tmp_path).stdout)
    assert [s["id"] for s in one["sources"]] == ["fr"]
    bad = watcher(*db, "check", "nope", cwd=tmp_path)
    assert bad.returncode == 2
    assert "nope" in bad.stderr


def test_invalid_sources_file_is_rejected_with_file_line_and_reason(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- id: ok-source\n  name: A\n  url: https://example.org/a\n  kind: html\n  jurisdiction: EU\n"
        "  publisher: P\n  interval: 1h\n"
        "- id: second\n  name: B\n  url: https://example.org/b\n  kind: html\n  jurisdiction: EU\n"
        "  publisher: P\n  interval: 5x\n",
        encoding="utf-8",
    )
    result = watcher("--sources", str(bad), "sources", "validate", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{bad}:14" in result.stderr
    assert "5x" in result.stderr
    check = watcher("--sources", str(bad), "--db", f"sqlite:///{tmp_path / 'w.db'}", "check", cwd=tmp_path)
    assert check.returncode == 2
    assert not (tmp_path / "w.db").exists()  # rejected before anything ran


def test_shipped_sources_list_and_validate(tmp_path):
    listed = watcher("sources", "list", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["sources"]) >= 30
    assert watcher("sources", "validate", cwd=tmp_path).returncode == 0


def test_demo_runs_offline(tmp_path):
    result = watcher("demo", "--json", cwd=tmp_path, env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    rounds = json.loads(result.stdout)["rounds"]
    assert {s["status"] for s in rounds[0]["sources"]} == {"baseline"}
    assert {s["status"] for s in rounds[1]["sources"]} == {"changed"}
    text = watcher("demo", cwd=tmp_path, env={"HOME": str(tmp_path)})
    assert "what changed" in text.stdout and "+The rules for high-risk AI systems" in text.stdout
