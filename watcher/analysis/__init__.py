"""What a change is about: the instruments it concerns, the kind of change, and the dates it sets.

`analyse(new_text, old_text, context=..., registry=...)` is pure (no I/O beyond reading the shipped registry
once) and fast; the CLI and the check pipeline call it for every change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from watcher.records import Analysis, DateMention, InstrumentTag

from .classify import classify, consultation_headline
from .dates import Found, extract
from .jurisdiction import resolve_jurisdiction
from .registry import DATE_ROLES, Instrument, Registry, RegistryError, default_registry
from .tagger import tag
from .text import (
    COMMENCEMENT_FIELD,
    DATE_ONLY,
    STATUS_BADGE,
    STATUS_IN_FORCE,
    fold,
    furniture_line,
    head_end,
    is_wide,
    simplify,
    strip_links,
    strip_pinyin,
    table_header,
)

__all__ = [
    "DATE_ROLES",
    "KINDS",
    "Analysis",
    "Context",
    "DateMention",
    "Instrument",
    "InstrumentTag",
    "Registry",
    "RegistryError",
    "analyse",
    "changed_spans",
    "only_noise",
    "summarise",
]

KINDS = ("draft", "consultation", "guideline", "adopted", "in-force", "corrigendum", "enforcement", "deadline", "news")


@dataclass(frozen=True)
class Context:
    """What the caller knows about the page: from the source config, or guessed for loose files."""

    url: str | None = None
    jurisdiction: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date of publication, the reference for relative dates
    source_instruments: tuple[str, ...] = ()
    title: str | None = None


_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _LINE.finditer(text):
        if m.group(0):
            out.append((m.start(), m.end(), " ".join(fold(m.group(0)).text.split())))
    return out


def changed_spans(old_text: str, new_text: str, *, within_lines: bool = False) -> list[tuple[int, int]]:
    """Character spans of `new_text` whose lines were added or changed relative to `old_text`.

    With `within_lines`, a long line that only gained text at its end ("…; plus Implementing Regulation 2026/1755")
    contributes the added clause, not the whole line.
    """
    old_lines = _lines(old_text)
    old = [line for _, _, line in old_lines]
    new = _lines(new_text)
    matcher = difflib.SequenceMatcher(None, old, [line for _, _, line in new], autojunk=False)
    spans: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert") and j2 > j1:
            if within_lines and op == "replace" and i2 - i1 == j2 - j1:
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    a, b = new[j][0], new[j][1]
                    spans.append((a + _appended_at(old_text[old_lines[i][0] : old_lines[i][1]], new_text[a:b]), b))
                continue
            spans.append((new[j1][0], new[j2 - 1][1]))
    return spans


def _appended_at(old_line: str, new_line: str) -> int:
    """Where a line's added tail begins when the new line keeps most of the old one as its start, else 0."""
    old = old_line.rstrip()
    common = next((i for i, (x, y) in enumerate(zip(old, new_line, strict=False)) if x != y),
                  min(len(old), len(new_line)))
    if common < 80 or common < len(new_line) // 2:
        return 0
    cut = max(new_line.rfind(sep, 0, common) for sep in (";", "；", "。", ". ", ","))
    return cut + 1 if cut > 0 else 0


_WORD = re.compile(r"[^\W_]+", re.U)


def only_noise(old_text: str, new_text: str) -> bool:
    """Whether two versions differ only in noise: markup, whitespace, page furniture, badges, branding.

    Text lines that changed are compared word by word: the pair is noise when the words that appear only on
    one side are few (a renamed badge, a tracking id, a template label) and no new date is among them.
    """
    if old_text == new_text:
        return True
    spans = changed_spans(old_text, new_text)
    added = [_without_furniture(new_text[a:b]) for a, b in spans]
    removed = [_without_furniture(old_text[a:b]) for a, b in changed_spans(new_text, old_text)]
    # a line whose letters and digits are unchanged was only re-spaced or re-punctuated ("SB 942California" ->
    # "SB 942 — California"): an extraction artefact
    old_lines = {_squash(line) for line in old_text.splitlines()}
    new_lines = {_squash(line) for line in new_text.splitlines()}
    added = [_URL.sub("", "\n".join(x for x in chunk.splitlines() if _squash(x) not in old_lines)) for chunk in added]
    removed = [_URL.sub("", "\n".join(x for x in chunk.splitlines() if _squash(x) not in new_lines)) for chunk in removed]
    lines = [line for chunk in added + removed for line in chunk.splitlines() if line.strip()]
    if lines and all(DATE_ONLY.fullmatch(line.strip()) for line in lines) and all(
            a < min(head_end(new_text), 200) for a, _ in spans):
        return True  # only the date in a site's header moved on ("2026.01.11(日)" -> "2026.02.22(日)")
    old_words = set(_WORD.findall(fold(old_text).text))
    new_words = set(_WORD.findall(fold(new_text).text))
    novel = {w for chunk in added for w in _WORD.findall(fold(chunk).text)} - old_words
    novel |= {w for chunk in removed for w in _WORD.findall(fold(chunk).text)} - new_words
    if len(novel) > 12 and any(len(_WORD.findall(fold(line).text)) >= 10 for line in lines):
        return False
    if sum(map(_word_weight, novel)) > 12 and any("。" in line and _wide_count(line) >= 30 for line in lines):
        return False  # whole new Chinese or Japanese sentences (they hold few space-separated words)
    if any(STATUS_BADGE.search(chunk) for chunk in added):
        return False  # a status badge that flips ("即將實施" -> "現行 / 已實施", "Draft" -> "In force") is news
    removed_words = {w for chunk in removed for w in _WORD.findall(chunk)}
    stated = [line for chunk in added for line in chunk.splitlines() if not _LIST_ITEM.match(line)]
    if any(_STAGE_WORD.fullmatch(w) for line in stated for w in _WORD.findall(line) if w not in removed_words):
        return False  # a bill's stage moves on ("접수 단계" -> "위원회 심사 단계", "Introduced" -> "Passed Senate")
    old_dates = {d.date for d in extract(old_text)}
    return not any(d.date not in old_dates for chunk in added for d in extract(chunk))


# an address is markup: its path segments are not words of the page ("https://…", "/member/login.html?returl=…")
_URL = re.compile(r"https?://\S+|(?<![\w/])/[\w.-]+/\S+|(?<![\w/])/[\w-]+\.\w{2,5}\?\S*")


def _word_weight(word: str) -> int:
    """How many words a token stands for: a run of Chinese or Japanese characters holds about one per two."""
    return max(1, _wide_count(word) // 2)


def _wide_count(text: str) -> int:
    return sum(1 for ch in text if is_wide(ch) and not "\uac00" <= ch <= "\ud7a3")  # Han and kana, not Hangul


def _squash(line: str) -> str:
    return re.sub(r"[\W_]+", "", fold(line).text)


_LIST_ITEM = re.compile(r"\s*(?:[-*•·]|\d{1,2}[.)])\s")  # a sidebar's or a listing's item
_STAGE_WORD = re.compile(r"위원회|심사|본회의|이송|공포|committee|referred|passed|enrolled|chaptered|signed|vetoed|審議|审议|通过|可決"
                         r"|成立|comissão|aprovad[oa]|sancionad[oa]|promulgad[oa]|plenário|plenary", re.I)


def _without_furniture(chunk: str) -> str:
    """A changed chunk without its furniture lines (update stamps, cookie banners, site menus, counters): they are noise,
    dates and all."""
    return "".join(line for line in chunk.splitlines(keepends=True)
                   if not furniture_line(line) and not _menu_row(line) and not _counter(line))


_MENU_CELL = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+){0,2}")


def _menu_row(line: str) -> bool:
    """A site menu or share bar ("정치 | 경제 | 사회", "Share: Facebook | X | LinkedIn"), not a tracker's stage bar."""
    cells = [c.strip() for c in re.split(r"\s\|\s|\s{2,}", line.split(":", 1)[-1]) if c.strip()]
    return (len(cells) >= 3 and all(len(c) <= 20 and _MENU_CELL.fullmatch(c) for c in cells)
            and not _STAGE_WORD.search(line) and not STATUS_BADGE.search(line))


def _counter(line: str) -> bool:
    """A line of bare figures (views, votes in a poll) that holds no date."""
    return bool(re.fullmatch(r"[\d\s.,:;%+/-]+", line.strip())) and not extract(line)


def _us_locale(jurisdiction: str | None, url: str | None) -> bool:
    if jurisdiction:
        return jurisdiction.startswith("US")
    return bool(url and re.search(r"\.gov(?:/|$)", url))


def analyse(
    new_text: str,
    old_text: str | None = None,
    *,
    context: Context = Context(),
    registry: Registry | None = None,
) -> Analysis:
    """Analyse a change: `new_text` is the new content; `old_text` the previous version (None = all new)."""
    registry = registry or default_registry()
    new_text = strip_pinyin(new_text)
    old_text = strip_pinyin(old_text) if old_text is not None else None
    spans = changed_spans(old_text, new_text, within_lines=True) if old_text is not None else None
    if spans == []:
        spans = [(0, 0)]
    came_into_force = spans is not None and any(STATUS_IN_FORCE.search(new_text, a, b) for a, b in spans)
    if came_into_force and spans is not None:
        spans = spans + _commencement_fields(new_text)  # the date the badge now confirms
    folded_head = fold(new_text[:4000]).text
    jurisdiction = context.jurisdiction or resolve_jurisdiction(context.url, context.language, folded_head)
    found = tag(
        new_text,
        registry=registry,
        changed=spans,
        page_jurisdiction=jurisdiction,
        url=context.url,
        language=context.language,
        title=context.title,
        source_instruments=context.source_instruments,
    )
    # Chinese pages are read in simplified characters; Japanese kanji are left as they are
    plain = new_text if re.search(r"[\u3040-\u30ff]", new_text) else simplify(new_text)
    dates = _distinct(extract(
        plain,
        published=context.published,
        us_locale=_us_locale(jurisdiction, context.url),
        changed=spans,
    ))
    primary = found[0][0].type if found else None
    if spans is not None:
        heads = {h for h in (_header_cells(new_text, old_text or "", a, b) for a, b in spans if b > a) if h}
        spans = spans + [h for h in heads if h not in spans]
    headline_end = head_end(plain)
    kind = classify(strip_links(plain), changed=spans, head_end=headline_end, dates=[(d.date, d.role) for d in dates],
                    primary_type=primary)
    if came_into_force:
        kind = "in-force"  # a law database's status badge flipped to "in force" ("尚未生效" -> "现行有效")
    dates = _window_close(dates, plain[:headline_end])
    if kind == "consultation":
        dates = _closing_days(dates, plain)
    if kind == "consultation" and any(d.role == "comments-due" for d in dates):
        dates = _background_starts(dates)
    dates = _registry_starts(dates, [inst for inst, _, _ in found])
    tags = tuple(InstrumentTag(inst.id, conf, evidence) for inst, conf, evidence in found)
    mentions = tuple(DateMention(d.date, d.role, d.text) for d in dates)
    return Analysis(tags, kind, mentions, summarise(kind, [inst.id for inst, _, _ in found], mentions))


def _registry_starts(dates: list[Found], instruments: list[Instrument]) -> list[Found]:
    """A start date the registry knows for a tagged instrument that tells entry into force and application apart
    (the AI Act entered into force on 1 August 2024; its rules apply from 2 February 2025, 2 August 2025, …) takes the
    registry's role, however loosely the page words it ("the rules on general-purpose AI come into effect")."""
    starts = ("entry-into-force", "applies-from")
    said: dict[str, set[str]] = {}  # every start role a tagged instrument gives a date
    known: dict[str, str] = {}  # the role given by instruments that tell the two apart
    for inst in instruments:
        distinct = set(starts) <= {m.role for m in inst.milestones}
        for m in inst.milestones:
            if m.role in starts:
                said.setdefault(m.date, set()).add(m.role)
                if distinct:
                    known[m.date] = m.role
    return [Found(d.date, known[d.date], d.text, d.start, d.end)
            if d.role in starts and d.date in known and d.role not in said[d.date] else d for d in dates]


def _commencement_fields(text: str) -> list[tuple[int, int]]:
    """The lines giving a law's commencement date, with the line after a bare label ("施行日期" / "2025-01-01")."""
    out = []
    for m in COMMENCEMENT_FIELD.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if len(text[start:end].strip()) <= len(m.group(0)) + 2:  # a bare label: its value is on the next line
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt < 0 else nxt
        out.append((start, end))
    return out


def _header_cells(new_text: str, old_text: str, a: int, b: int) -> tuple[int, int] | None:
    """The header of the table a changed row stands in: only the header cell of the column that changed when the row
    was there before with one cell filled in or edited ("Norway | 05/09/2024 | 21/04/2026" under "Ratification"), else
    the whole header row."""
    head = table_header(new_text, a)
    if head is None:
        return None
    row = new_text[a:b].rstrip("\n")
    cells = row.split("|")
    key = cells[0].strip() if "\n" not in row else ""
    before = next((line.split("|") for line in old_text.splitlines() if key and line.split("|")[0].strip() == key), None)
    if before is None:
        return head
    changed = [i for i, cell in enumerate(cells) if i >= len(before) or before[i].strip() != cell.strip()]
    header = new_text[head[0] : head[1]].split("|")
    if len(changed) != 1 or changed[0] >= len(header):
        return head
    start = head[0] + sum(len(c) + 1 for c in header[: changed[0]])
    return start, start + len(header[changed[0]])


def _window_close(dates: list[Found], headline: str) -> list[Found]:
    """On a page headed as a consultation ("Tomada de Subsídios: …", "Call for evidence: …") the one closing date
    the change gives ("Encerramento: 24/01/2025") ends its comment window."""
    limits = [d for d in dates if d.role == "deadline"]
    if len(limits) != 1 or any(d.role == "comments-due" for d in dates) or not consultation_headline(headline):
        return dates
    return [Found(d.date, "comments-due", d.text, d.start, d.end) if d is limits[0] else d for d in dates]


_CLOSES = re.compile(r"(?:\bclos(?:es|ing|ed)?|\bends?|\bdeadline(?: is)?)(?: on)?\s*$", re.I)


def _closing_days(dates: list[Found], text: str) -> list[Found]:
    """On a page that opens comment windows, a day one of them "closes on" is a comments-due date even when the
    sentence names the window only as "it" ("The first one … concerns …, and it closes on 9 January")."""
    return [Found(d.date, "comments-due", d.text, d.start, d.end)
            if d.role == "deadline" and _CLOSES.search(text[max(0, d.start - 30) : d.start]) else d for d in dates]


def _background_starts(dates: list[Found]) -> list[Found]:
    """A notice that opens a comment window is about the window: the commencement of an act it states (the parent
    act's, or a past one) is background; when duties start to apply stays, as the subject of the consulted text."""
    return [Found(d.date, "other", d.text, d.start, d.end) if d.role == "entry-into-force" else d for d in dates]


_SPECIFIC_ROLES = frozenset({"comments-due", "entry-into-force", "applies-from"})


def _distinct(dates: list[Found]) -> list[Found]:
    """A date given a specific role is not repeated as a generic deadline or other date."""
    specific = {d.date for d in dates if d.role in _SPECIFIC_ROLES}
    return [d for d in dates if not (d.role in ("deadline", "other") and d.date in specific)]


def summarise(kind: str, instrument_ids: list[str], dates: tuple[DateMention, ...]) -> str:
    """One line: the kind, the first instruments, and the two dates that matter most."""
    names = ", ".join(instrument_ids[:3]) or "no tracked instrument"
    key = [d for d in dates if d.role not in ("other", "published")][:2]
    when = "; ".join(f"{d.role} {d.date}" for d in key)
    return f"{kind}: {names}" + (f" ({when})" if when else "")
