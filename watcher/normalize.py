"""Text, URL and date normalisation shared by the kinds and applied centrally after extraction."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from watcher.records import Document, Item

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BLANK_RUNS = re.compile(r"\n{2,}")
_TAG = re.compile(r"<[^>]*>")

# Query parameters that identify a visit, not a document.
_TRACKING = frozenset({"itok", "sessionid", "jsessionid", "phpsessid", "sid", "fbclid", "gclid", "mc_cid", "mc_eid"})
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_space(text: str) -> str:
    """Collapse runs of spaces (including no-break and ideographic spaces) and trim every line.

    Empty lines are dropped, so the result is one non-empty line per line of content.
    """
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """All whitespace, line breaks included, collapsed to single spaces."""
    return " ".join(_SPACE.sub(" ", text).split())


def strip_tags(markup: str) -> str:
    """Text of an HTML snippet (feed descriptions): tags removed, entities decoded, space collapsed."""
    return one_line(html.unescape(_TAG.sub(" ", html.unescape(markup))))


@lru_cache(maxsize=65536)
def canonical_url(url: str, base: str | None = None, *, keep_fragment: bool = False) -> str:
    """An absolute URL without tracking/session parameters (utm_*, itok, jsessionid, ...) or fragment.

    Scheme and host are lower-cased and default ports dropped, so one document has one spelling.
    """
    absolute = urljoin(base, url.strip()) if base else url.strip()
    try:
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:
        return absolute
    host = (parts.hostname or "").lower()
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in _TRACKING]
    path = _PATH_SESSION.sub("", parts.path) or ("/" if host else "")
    fragment = parts.fragment if keep_fragment else ""
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(query, doseq=True), fragment))


def title_key(title: str) -> str:
    """The identity of an item that has no link: its title, case-folded and space-collapsed."""
    return "title:" + one_line(title).casefold()


# --- dates -------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jän jänner enero ene gennaio gen janeiro",
        "february feb février fevrier févr fevr februar febrero febbraio fevereiro fev",
        "march mar mars märz maerz marzo março marco",
        "april apr avril avr abril aprile abr",
        "may mai mayo maggio mag maio",
        "june jun juin juni junio giugno giu junho",
        "july jul juillet juil juli julio luglio lug julho",
        "august aug août aout agosto ago",
        "september sep sept septembre septiembre setiembre settembre set setembro",
        "october oct octobre oktober okt octubre ottobre outubro out",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre dezember dez diciembre dic dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_WORD = r"(?P<mon>[^\W\d_]{3,10})\.?"
_Y = r"(?P<y>\d{4})"
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th|er|º|°|\.)?"
# Tried in order; the first that yields a valid date wins. `num` patterns are day/month ambiguous.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.I))
    for name, rx in (
        ("ymd", r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
        ("cjk", r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?"),
        ("num", r"(?<![\d.])(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
        ("dmy", rf"(?<!\w){_D}(?:\s+de)?\s+{_MONTH_WORD},?(?:\s+de)?\s+{_Y}(?!\d)"),
        ("mdy", rf"(?<!\w){_MONTH_WORD}\s+{_D},?\s+{_Y}(?!\d)"),
    )
)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, *, day_first: bool = True) -> str | None:
    """The first date found in `text` as ISO `YYYY-MM-DD`, or None.

    Understands `2026-05-19`, `2026.05.19`, `2026年5月19日`, `2026년 5월 19일`, `19-05-2026` and
    `19/05/2026` (day first unless `day_first=False`), `19 May 2026`, `May 19, 2026`, and month names
    in English, French, German, Italian, Spanish and Portuguese (`19 de maio de 2025`).
    """
    if not text:
        return None
    best: tuple[int, str] | None = None
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            found = _match_date(name, match.groupdict(), day_first)
            if found:
                best = (match.start(), found)
                break
    return best[1] if best else None


def _match_date(name: str, groups: dict[str, str], day_first: bool) -> str | None:
    year = int(groups["y"])
    if name == "num":
        first, second = int(groups["a"]), int(groups["b"])
        day, month = (first, second) if day_first else (second, first)
        return _valid(year, month, day) or _valid(year, day, month)
    if name in ("dmy", "mdy"):
        month_number = _MONTHS.get(groups["mon"].casefold())
        return _valid(year, month_number, int(groups["d"])) if month_number else None
    return _valid(year, int(groups["m"]), int(groups["d"]))


# --- ignore patterns ------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _scrub(text: str, patterns: Sequence[re.Pattern[str]]) -> str:
    for pattern in patterns:
        text = pattern.sub("", text)
    return text


def apply_ignore(doc: Document, patterns: Sequence[str]) -> Document:
    """Remove every match of the source's `ignore` regular expressions from the text and the items.

    Item keys, links and dates are identities, not prose, and stay as extracted.
    """
    if not patterns:
        return doc
    compiled = [_compiled(p) for p in patterns]
    text = normalise_space("\n".join(_scrub(line, compiled) for line in doc.text.splitlines()))
    items = doc.items
    if items is not None:
        items = tuple(
            replace(item, title=one_line(_scrub(item.title, compiled)) or item.title,
                    summary=one_line(_scrub(item.summary, compiled)))
            for item in items
        )
    return replace(doc, text=text, items=items)


def items_text(items: Sequence[Item]) -> str:
    """The text form of an itemised document: one line per item."""
    return "\n".join(item.text() for item in items)
