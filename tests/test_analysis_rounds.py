"""Date roles and tagging for phenomena met on unseen pages (wording of these tests is our own)."""

from __future__ import annotations

from watcher.analysis.dates import extract


def pairs(text: str, **kw: object) -> set[tuple[str, str]]:
    return {(f.date, f.role) for f in extract(text, **kw)}  # type: ignore[arg-type]


def test_commencement_from_promulgation_counts_from_the_stated_promulgation_day() -> None:
    text = ("お知らせ\n\n令和8年1月10日\n\n本法は令和8年2月3日に成立し、令和8年2月9日に公布されました。\n\n"
            "本法は、公布の日から施行されます。\n")
    got = pairs(text)
    assert ("2026-02-09", "entry-into-force") in got
    assert ("2026-02-09", "published") in got
    assert ("2026-02-03", "entry-into-force") not in got
    assert ("2026-01-10", "entry-into-force") not in got


def test_status_line_signed_is_adoption() -> None:
    text = "Bill HB 77\nStatus: Became Law\n03/14/2026 | Governor Signed\n"
    assert ("2026-03-14", "adopted") in pairs(text, us_locale=True)
