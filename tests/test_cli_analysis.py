"""The analysis commands as a user runs them: analyze on local files, instruments, deadlines, and the analysis
in check/changes/show output. Real processes, a loopback server, an SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import DemoPages
from tests.server import TestServer
from tests.test_cli import SETTINGS, setup_project, watcher

NEW_DRAFT = """# Draft guidelines on high-risk classification

The European Commission launches a public consultation on the classification of high-risk AI systems
under Regulation (EU) 2024/1689 (the AI Act). Stakeholders can comment until 19 January 2027.
"""
OLD_DRAFT = """# Draft guidelines on high-risk classification

The European Commission is preparing guidelines on the classification of high-risk AI systems under
Regulation (EU) 2024/1689 (the AI Act).
"""
PAGE = """<!DOCTYPE html><html><head><title>Guidelines</title></head><body><main>
<h1>Guidelines on the AI Act</h1>
<p>The Commission published guidelines on Regulation (EU) 2024/1689.</p>
<p>Page visited {n} times</p>
</main><footer>Last update: {day}</footer></body></html>
"""
WIDE = {"COLUMNS": "250"}  # rich tables in a pipe are 80 columns wide otherwise
USER_INSTRUMENT = """
instruments:
  - id: acme-ai-rulebook
    jurisdiction: US
    type: guideline
    names: {en: ACME AI Rulebook}
    aliases: [ACME Rulebook]
    milestones:
      - date: 2027-03-01
        kind: applies
"""


def test_analyze_a_single_file_and_a_pair(tmp_path):
    (tmp_path / "old.md").write_text(OLD_DRAFT, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW_DRAFT, encoding="utf-8")

    single = watcher("analyze", "-", "new.md", "--jurisdiction", "EU", cwd=tmp_path)
    assert single.returncode == 0, single.stderr
    assert "eu-ai-act" in single.stdout and "consultation" in single.stdout
    assert "2027-01-19" in single.stdout and "comments-due" in single.stdout

    pair = watcher("analyze", "old.md", "new.md", "--json", "--url", "https://digital-strategy.ec.europa.eu/x",
                   cwd=tmp_path)
    assert pair.returncode == 0, pair.stderr
    changes = json.loads(pair.stdout)["changes"]
    assert len(changes) == 1
    change = changes[0]
    assert set(change) == {"title", "url", "kind", "instruments", "dates", "summary"}
    assert change["kind"] == "consultation"
    # the unchanged headline names the guidelines that the edit is about; the edit names their parent act
    assert [i["id"] for i in change["instruments"]] == ["eu-ai-act-guidelines-high-risk-classification", "eu-ai-act"]
    assert set(change["instruments"][0]) == {"id", "confidence", "evidence"}
    assert {"date": "2027-01-19", "role": "comments-due"} in [{k: d[k] for k in ("date", "role")}
                                                               for d in change["dates"]]
    assert all(set(d) == {"date", "role", "text"} for d in change["dates"])


def test_analyze_reports_nothing_for_a_noise_only_pair_and_reads_feeds_item_by_item(tmp_path):
    (tmp_path / "a.html").write_text(PAGE.format(n=1041, day="3 March 2025"), encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE.format(n=1187, day="3 March 2025"), encoding="utf-8")
    noise = watcher("analyze", "a.html", "b.html", "--json", cwd=tmp_path)
    assert noise.returncode == 0, noise.stderr
    assert json.loads(noise.stdout) == {"changes": []}
    assert "no changes" in watcher("analyze", "a.html", "b.html", cwd=tmp_path).stdout

    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>NIST releases draft of the AI RMF Generative AI Profile (NIST AI 600-1)</title>
<link>https://www.nist.gov/news/1</link><pubDate>Mon, 29 Apr 2024 10:00:00 GMT</pubDate></item>
<item><title>NIST names new director of its laboratory programs</title>
<link>https://www.nist.gov/news/2</link><pubDate>Tue, 30 Apr 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    items = json.loads(watcher("analyze", "-", "feed.xml", "--json", cwd=tmp_path).stdout)["changes"]
    assert [c["url"] for c in items] == ["https://www.nist.gov/news/1", "https://www.nist.gov/news/2"]
    assert "us-nist-ai-600-1" in [i["id"] for i in items[0]["instruments"]]


def test_analysis_in_check_changes_and_show(tmp_path: Path, server: TestServer):
    pages = DemoPages(server)
    db = setup_project(tmp_path, server)
    assert watcher(*db, "check", "--json", cwd=tmp_path).returncode == 0
    pages.round = 2
    second = json.loads(watcher(*db, "check", "--json", cwd=tmp_path).stdout)
    eu = next(s for s in second["sources"] if s["id"] == "eu-news")["changes"][0]
    assert eu["kind"] == "consultation" and "eu-ai-act" in [i["id"] for i in eu["instruments"]]
    assert {"date": "2027-01-19", "role": "comments-due"} in [{k: d[k] for k in ("date", "role")} for d in eu["dates"]]
    assert eu["summary"]

    tagged = json.loads(watcher(*db, "changes", "--json", "--instrument", "eu-ai-act", cwd=tmp_path).stdout)
    assert eu["id"] in [c["id"] for c in tagged["changes"]]
    assert watcher(*db, "changes", "--kind", "enforcement", cwd=tmp_path).stdout.strip() == "no changes match"
    table = watcher(*db, "changes", "--kind", "consultation", cwd=tmp_path, env=WIDE).stdout
    assert "consultation" in table and "eu-ai-act" in table

    shown = watcher(*db, "show", str(eu["id"]), cwd=tmp_path).stdout
    assert "kind:  consultation" in shown and "eu-ai-act" in shown
    assert re.search(r"2027-01-19\s+comments-due", shown)


def test_instruments_and_deadlines_with_a_user_instrument(tmp_path: Path):
    (tmp_path / "watcher.yaml").write_text(SETTINGS + USER_INSTRUMENT, encoding="utf-8")
    db = ["--db", f"sqlite:///{tmp_path / 'w.db'}"]

    listing = watcher("instruments", cwd=tmp_path, env=WIDE)
    assert listing.returncode == 0, listing.stderr
    assert "eu-ai-act" in listing.stdout and "acme-ai-rulebook" in listing.stdout

    one = watcher(*db, "instruments", "eu-ai-act", "--json", cwd=tmp_path)
    assert one.returncode == 0, one.stderr
    events = json.loads(one.stdout)["timeline"]
    assert {"date": "2024-08-01", "role": "entry-into-force"} in [{k: e[k] for k in ("date", "role")} for e in events]
    assert "entry-into-force" in watcher(*db, "instruments", "eu-ai-act", cwd=tmp_path, env=WIDE).stdout
    assert watcher(*db, "instruments", "no-such-act", cwd=tmp_path).returncode == 2

    ics = tmp_path / "f.ics"
    due = watcher(*db, "deadlines", "--from", "2026-11-23", "--within", "400d", "--ics", str(ics), "--json", cwd=tmp_path)
    assert due.returncode == 0, due.stderr
    found = json.loads(due.stdout)["deadlines"]
    assert any(d["date"] == "2027-12-02" and "eu-ai-act" in d["instruments"] for d in found)
    assert [d["date"] for d in found] == sorted(d["date"] for d in found)
    assert any(d["instruments"] == ["acme-ai-rulebook"] for d in found)
    events = parse_ics(ics.read_bytes())
    assert len(events) == len(found)
    assert any(e["DTSTART;VALUE=DATE"] == "20271202" and e["UID"].startswith("eu-ai-act-") for e in events)
    assert len({e["UID"] for e in events}) == len(events)

    only = json.loads(watcher(*db, "deadlines", "--within", "1y", "--instrument", "acme-ai-rulebook", "--json",
                              cwd=tmp_path).stdout)["deadlines"]
    assert [(d["date"], d["role"]) for d in only] == [("2027-03-01", "applies-from")]

    (tmp_path / "rule.txt").write_text("The agency issued the ACME Rulebook on AI systems today.\n", encoding="utf-8")
    tagged = json.loads(watcher("analyze", "-", "rule.txt", "--json", cwd=tmp_path).stdout)["changes"]
    assert "acme-ai-rulebook" in [i["id"] for i in tagged[0]["instruments"]]


def test_invalid_user_instrument_is_a_configuration_error_with_its_line(tmp_path: Path):
    (tmp_path / "watcher.yaml").write_text(SETTINGS + "instruments:\n  - id: acme\n    colour: red\n",
                                           encoding="utf-8")
    result = watcher("instruments", cwd=tmp_path)
    assert result.returncode == 2
    assert "watcher.yaml:7" in result.stderr and "colour" in result.stderr


def parse_ics(data: bytes) -> list[dict[str, str]]:
    """A strict-enough reader: CRLF endings, lines of at most 75 octets, unfolded, events with their fields."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    physical = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical)
    lines: list[str] = []
    for raw in physical:
        if raw.startswith(b" "):
            lines[-1] += raw[1:].decode("utf-8")
        else:
            lines.append(raw.decode("utf-8"))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None and {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"} <= set(current)
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events
