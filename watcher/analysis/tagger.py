"""Instrument tagging: which registry instruments a change concerns, with evidence and a confidence.

All names, aliases and official numbers (with their spelling variants) are folded and compiled into one trie
regex per registry. A scan of the folded change text yields mentions; each mention is weighted by how exact it
is (name/number > generic phrase resolved by jurisdiction > ambiguous short alias with a jurisdiction word >
concept alias), where it is (headline, changed region, background sentence) and how often it recurs. An
instrument is tagged when its weight reaches one full mention and it is not dwarfed by the main instrument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .jurisdiction import jurisdiction_words_present, resolve_jurisdiction
from .matcher import compile_phrases, scan
from .mentions import (
    BACKGROUND_WORDS,
    LINK_LINE,
    TITLE_ROW,
    TOC_LINE,
    around,
    clause_before,
    recital_span,
    rows_only,
    setting,
    under_related,
)
from .registry import Instrument, Registry, same_jurisdiction
from .text import SPELLED_AI, fold, fold_alias, head_end, line_at, strip_links

WEIGHT = {"name": 1.0, "number": 1.0, "generic": 0.8, "ambiguous": 0.7, "weak": 0.35, "short": 0.9}
HEAD_BOOST = 1.6
BACKGROUND = 0.3
FRAMED_CONFIDENCE = 0.6

_PREFIXES = {
    "sb": ("sb", "s.b.", "senate bill", "senate bill no."),
    "hb": ("hb", "h.b.", "house bill", "house bill no."),
    "ab": ("ab", "a.b.", "assembly bill", "assembly bill no."),
    "eo": ("eo", "e.o.", "executive order", "executive order no."),
    "e.o.": ("eo", "e.o.", "executive order", "executive order no."),
    "pl": ("pl", "pl nº", "pl n°", "pl no.", "projeto de lei", "projeto de lei nº", "bill", "bill no."),
}
_TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{2,40}[）)]\s*$")  # a name's closing parenthetical: law number, short form
_CODE_PREFIX = re.compile(r"^[A-Z][\w./-]*\d[\w./-]*\s*[:：—–-]\s+(.{20,120})$")  # a document code, then its title
_NUMBERED = re.compile(r"^(sb|hb|ab|eo|e\.o\.|pl)[\s-]?(\d[\w/-]*)$")

@dataclass(frozen=True)
class Phrase:
    ident: str
    strength: str
    alias: str


@dataclass
class Hit:
    score: float = 0.0
    best: float = 0.0
    evidence: str = ""
    head: bool = False
    changed: bool = False
    positions: list[int] = field(default_factory=list)
    concept: float = 0.0  # the part of `score` from weak (concept-word) aliases
    framing: float = 0.0  # the part of `score` from the page's unchanged headline
    frame_gain: float = 0.0  # what that part weighs once read as part of the change
    framed: bool = False  # kept only because the headline frames the edit: a moderate confidence
    opening: float = 0.0  # the part of `score` from the page's unchanged opening paragraph
    bill_number_only: bool = True  # named only by a bill number, which recurs in every session


# a bare bill number ("HB 149") names some bill of some session; on a page that never speaks of AI it is another bill
_BILL_NUMBER = re.compile(r"^(?:[HSA]\.?\s?[BF]\.?|HF|SF|LD|[HS]\.?)\s*\d+$", re.I)
_AI_TOPIC = re.compile(
    r"\bAI\b(?!\s+(?:summary|overview|generated summary))|artificial intelligence|machine learning|人工智能|人工知能"
    r"|인공지능|inteligência artificial|intelligence artificielle|künstliche intelligenz|intelligenza artificiale"
    r"|inteligencia artificial|algorithm|automated decision", re.I)


@dataclass(frozen=True)
class Compiled:
    pattern: re.Pattern[str]
    phrases: dict[str, tuple[Phrase, ...]]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
# a state law's name led by its state ("Texas Responsible Artificial Intelligence Governance Act") is also written
# "Texas's Responsible …" or without the state; the rest is a name of its own when it is long enough to be one
_STATE_LED = re.compile(
    r"^(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois"
    r"|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri"
    r"|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma"
    r"|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington"
    r"|West Virginia|Wisconsin|Wyoming)\s+((?:\S+\s+){3,}\S*Act)$")
_OWN_WORDS = re.compile(r"\b(?!(?:artificial|intelligence|ai|act|of|the|and|for|on)\b)\w+", re.I)


def number_variants(alias: str) -> list[str]:
    """Spelling variants of an official number: 'SB 24-205' -> 'SB24-205', 'Senate Bill 24-205', ..."""
    folded = fold_alias(alias)
    out = [folded]
    m = _NUMBERED.match(folded)
    if m:
        for prefix in _PREFIXES[m.group(1)]:
            out.extend([f"{prefix} {m.group(2)}", f"{prefix}{m.group(2)}", f"{prefix}-{m.group(2)}"])
    if " " in folded and any(c.isdigit() for c in folded):
        out.append(folded.replace(" ", "."))
        out.append(folded.replace(" ", "-"))
    return list(dict.fromkeys(out))


def _compile(registry: Registry) -> Compiled:
    table: dict[str, list[Phrase]] = {}

    def add(text: str, ident: str, strength: str, alias: str) -> None:
        if len(text) < 2:
            return
        bucket = table.setdefault(text, [])
        if all(p.ident != ident or p.strength != strength for p in bucket):
            bucket.append(Phrase(ident, strength, alias))
        if strength != "number" and _WORD_HYPHEN.search(text):
            add(_WORD_HYPHEN.sub(" ", text), ident, strength, alias)  # "General-Purpose AI" as "General Purpose AI"

    rests = [m.group(1) for inst in registry for a in {*inst.aliases} if (m := _STATE_LED.match(a))]
    for inst in registry:
        for name in inst.names.values():
            if len(name) <= 90:
                add(fold_alias(name), inst.id, "name", name)
            bare = _TRAILING_NOTE.sub("", name)
            if bare != name and len(bare) >= 8:
                add(fold_alias(bare), inst.id, "name", bare)  # "…に関する法律" without its "（令和7年法律第53号）"
            titled = _CODE_PREFIX.match(name)
            if titled and len(titled.group(1).split()) >= 5:
                add(fold_alias(titled.group(1)), inst.id, "name", titled.group(1))  # "A/RES/78/311: Enhancing …"
        for alias in inst.aliases:
            add(fold_alias(alias), inst.id, "name", alias)
            led = _STATE_LED.match(alias)
            if led and rests.count(led.group(1)) == 1 and len(_OWN_WORDS.findall(led.group(1))) >= 2:
                add(fold_alias(led.group(1)), inst.id, "name", alias)
        for num in inst.numbers:
            for variant in number_variants(num):
                add(variant, inst.id, "number", num)
        for alias in inst.ambiguous_aliases:
            for variant in number_variants(alias):
                add(variant, inst.id, "ambiguous", alias)
        for alias in inst.weak_aliases:
            add(fold_alias(alias), inst.id, "weak", alias)
        for alias in inst.generic_phrases:
            phrase = fold_alias(alias).removeprefix("the ")
            add(phrase, inst.id, "generic", alias)
            if phrase.isascii():
                add("the " + phrase, inst.id, "generic", alias)
    # a phrase that is a full name of one instrument is not "generic" for the others; a name that folds to an
    # instrument's own generic phrase ("Artificial Intelligence Act" -> "ai act") is read as that generic phrase
    frozen = {k: tuple(p for p in v if p.strength != "name" or not SPELLED_AI.search(p.alias) or not any(
        q.ident == p.ident and q.strength == "generic" for q in v)) for k, v in table.items()}
    patterns = tuple((inst.id, re.compile(rx)) for inst in registry for rx in inst.patterns)
    return Compiled(compile_phrases(frozen), frozen, patterns)


def compiled(registry: Registry) -> Compiled:
    result: Compiled = registry.cached("tagger", _compile)
    return result




def _sentence_at(text: str, pos: int) -> str:
    lo, hi = max(0, pos - 1500), min(len(text), pos + 1500)
    stops = [m.start() for m in _STOP.finditer(text, lo, hi)]
    start = max([s for s in stops if s < pos], default=lo - 1) + 1
    end = min([s for s in stops if s >= pos], default=hi)
    return text[start:end]


_STOP = re.compile(r"\n|(?<!\bi\.e)(?<!\be\.g)\. |。")


def _resolve(phrase: Phrase, registry: Registry, page_jur: str | None, jur_words: set[str]) -> float:
    """The weight of a mention, 0 when an ambiguous or generic phrase cannot be resolved here."""
    inst = registry.get(phrase.ident)
    if inst is None:
        return 0.0
    local = same_jurisdiction(inst.jurisdiction, page_jur)
    if phrase.strength == "generic":
        return WEIGHT["name"] if local else 0.0
    if phrase.strength == "ambiguous":
        if local:
            return WEIGHT["name"]
        return WEIGHT["ambiguous"] if inst.jurisdiction in jur_words else 0.0
    return WEIGHT[phrase.strength]


_PLANNED_MENTION = re.compile(r"\bin the pipeline\b|\bplanned for (?:Q[1-4]|early|late|next)|\bexpected (?:in|by) Q[1-4]", re.I)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_INDEFINITE = re.compile(r"\b(?:an?|another|its own|their own)\s+$", re.I)
_SHORT_DEF = re.compile(r"(?:以下简称|下称|简称)[\"“「《]?([^\"”」》)）,，。]{1,10})")
_SHORT_GENERIC = re.compile(r"《(办法|规定|条例|决定|意见|框架|指南|标准|法)》")


def tag(
    text: str,
    *,
    registry: Registry,
    changed: Sequence[tuple[int, int]] | None = None,
    page_jurisdiction: str | None = None,
    url: str | None = None,
    language: str | None = None,
    title: str | None = None,
    source_instruments: Sequence[str] = (),
) -> list[tuple[Instrument, float, str]]:
    """Tag `text` (the whole new text; `changed` = spans of the change in it, None = all of it)."""
    comp = compiled(registry)
    clean = strip_links(text)
    offset = 0
    if title and title not in text:
        clean = title + "\n" + clean
        offset = len(title) + 1
        changed = [(a + offset, b + offset) for a, b in changed] if changed is not None else None
        head_stop = len(title)
    else:
        head_stop = head_end(clean, skip_furniture=False)
    folded = fold(clean)
    # a change made only of table rows is read with the page's headline: the table belongs to what it names
    headline_end = head_end(clean)  # the page's own headline, past its masthead
    frame_stop = head_stop if offset else headline_end
    opening_stop = _opening_end(clean, frame_stop)
    only_rows = bool(changed) and rows_only(clean, changed or ())
    title_stop = headline_end if only_rows else -1
    # …and with the record's own title field ("議案件名　…法律案", "Short title: …", "Ementa: …")
    title_rows = [(m.start(), m.end()) for m in TITLE_ROW.finditer(clean)] if only_rows else []
    jur_words = jurisdiction_words_present(folded.text)
    page_jur = page_jurisdiction or resolve_jurisdiction(url, language, folded.text)
    hits: dict[str, Hit] = {}
    mentions: list[tuple[str, float, int, int, str]] = []
    last_ident: str | None = None
    shorts: dict[str, str] = {}
    for start, end, phrase in scan(comp.pattern, folded.text):
        for p in comp.phrases.get(phrase, ()):
            weight = _resolve(p, registry, page_jur, jur_words)
            if weight and p.strength in ("generic", "ambiguous") and _other_place(folded.text, start, p.ident, registry):
                continue
            if weight and _other_place(folded.text, start, p.ident, registry, reach=4):
                continue  # a name qualified by another place right before it: "the UK GDPR" is not the EU's
            if weight:
                mentions.append((p.ident, weight, start, end, p.alias))
                last_ident = p.ident
        m = _SHORT_DEF.search(folded.text, end, min(len(folded.text), end + 12))
        if m and last_ident:
            shorts[m.group(1)] = last_ident
    for ident, rx in comp.patterns:
        for m in rx.finditer(folded.text):
            # a descriptive reference decides what the words inside it name
            mentions = [x for x in mentions if x[0] == ident or x[2] != m.start()]
            mentions.append((ident, WEIGHT["name"], m.start(), m.end(), m.group(0)))
    for short, ident in shorts.items():
        for m in re.finditer(re.escape(short), folded.text):
            mentions.append((ident, WEIGHT["short"] * 0.5, m.start(), m.end(), short))
    if source_instruments:
        for m in _SHORT_GENERIC.finditer(clean):
            for ident in source_instruments:
                if ident in registry and m.group(1) not in shorts:
                    lo, hi = _fold_pos(folded.index, m.start(), m.end())
                    mentions.append((ident, WEIGHT["short"], lo, hi, m.group(0)))

    # a page that starts mid-text has a sentence, not a headline, at its top: its background words count
    top_line = clean[:head_stop].strip().rsplit("\n", 1)[-1]
    head_sentence = len(top_line) > 100 or (len(top_line) > 60 and top_line.endswith("."))
    recitals = recital_span(clean)
    weak_aliases = {p.alias for ps in comp.phrases.values() for p in ps if p.strength == "weak"}
    for ident, weight, start, end, alias in mentions:
        o_start, o_end = folded.span(start, end)
        if _ACRONYM.fullmatch(alias) and not clean[o_start:o_end].isupper():
            continue  # an acronym alias written in lower case is a word: "the document aims to help"
        if (_INDEFINITE.search(clean, max(0, o_start - 12), o_start) and alias.isascii() and alias != alias.lower()
                and any(w[:1].islower() for w in clean[o_start:o_end].split())):
            continue  # "to devise an AI action plan for the British Government": a description, not the named text
        in_head = o_start < head_stop
        in_change = (changed is None or any(a <= o_start < b for a, b in changed) or o_start < title_stop
                     or any(a <= o_start < b for a, b in title_rows))
        w = weight * (HEAD_BOOST if in_head else 1.0)
        if not in_change:
            w *= 0.6 if in_head else 0.15
        elif (not in_head or head_sentence) and (
                BACKGROUND_WORDS.search(around(clean, o_start, o_end)) or setting(folded.text, start)):
            w *= BACKGROUND
        elif in_head and BACKGROUND_WORDS.search(clause_before(clean, o_start)):
            w *= BACKGROUND  # a headline's object of comparison: "Voluntary code to complement EU AI Act"
        if _PLANNED_MENTION.search(_sentence_at(clean, o_start)):
            w *= BACKGROUND  # "a third consultation, on the AI Act, is also in the pipeline for Q3 2026"
        if recitals[0] <= o_start < recitals[1]:
            w *= BACKGROUND  # an act's recitals cite the acts it sits beside; its title says what it implements
        if TOC_LINE.match(line_at(clean, o_start)):
            w *= 0.3  # a chapter title in a law's table of contents
        new_item = changed is not None and any(a <= o_start < b for a, b in changed)  # a listing's new entry is news
        if o_start >= offset and not new_item and (
                LINK_LINE.match(line_at(text, o_start - offset)) or under_related(clean, o_start)):
            w *= 0.3  # navigation / related-content lists
        hit = hits.setdefault(ident, Hit())
        hit.score += w
        if o_start < frame_stop and not in_change:
            hit.framing += w
            hit.frame_gain += w * (1 / 0.6 - 1 if in_head else 1 / 0.15 - 1)
        hit.opening += w if frame_stop <= o_start < opening_stop and not in_change else 0.0
        hit.concept += w if alias in weak_aliases else 0.0
        hit.positions.append(o_start)
        hit.bill_number_only = hit.bill_number_only and bool(_BILL_NUMBER.match(alias))
        hit.head = hit.head or in_head
        hit.changed = hit.changed or in_change
        if w > hit.best:
            hit.best = w
            hit.evidence = clean[o_start:o_end].strip() or alias
    if not _AI_TOPIC.search(clean):
        hits = {ident: hit for ident, hit in hits.items() if not hit.bill_number_only}
    if changed is not None:
        _frame(hits, registry)
    return _select(hits, registry)


def _frame(hits: dict[str, Hit], registry: Registry) -> None:
    """An instrument the page's unchanged headline names frames an edit that names nothing else or names an
    instrument related to it (a timetable page of the AI Act whose dates the omnibus moved)."""
    inside = [i for i, h in hits.items() if h.changed and h.score >= 1.0]
    for ident, hit in hits.items():
        if hit.framing and not hit.changed and (not inside or any(_related(registry, ident, o) for o in inside)):
            hit.changed = True
            hit.framed = hit.score - hit.framing < 1.0
            # read as if the headline were part of the change (in full when the edit names nothing itself)
            hit.score += hit.framing * (1 / 0.6 - 1) if inside else hit.frame_gain
            hit.best = max(hit.best, hit.framing * (1 / 0.6) if inside else hit.framing + hit.frame_gain)
    # the act the page's opening paragraph states frames an edit of a text implementing it, and an edit that names
    # nothing under a headline that names nothing
    opening = [i for i, h in hits.items() if h.opening > 0 and not h.changed]
    anchors = inside or [i for i, h in hits.items() if h.framed]
    if anchors:
        opening = [i for i in opening if any(_related(registry, i, o) for o in anchors)]
    elif len(opening) != 1:
        opening = []
    for ident in opening:
        hit = hits[ident]
        hit.changed = hit.framed = True
        hit.score += hit.opening * (1 / 0.15 - 1)  # read as if the opening were part of the change
        hit.best = max(hit.best, hit.opening / 0.15)


def _opening_end(text: str, start: int) -> int:
    """End of the first paragraph after the headline (the page's opening statement)."""
    for m in re.finditer(r"[^\n]{40,}", text[start : start + 1500]):
        return start + m.end()
    return start


def _other_place(text: str, pos: int, ident: str, registry: Registry, reach: int = 16) -> bool:
    """Whether a short name is qualified by another place ("Colorado's AI Act", "the Korean AI Act")."""
    inst = registry.get(ident)
    places = jurisdiction_words_present(text[max(0, pos - reach) : pos])
    return inst is not None and bool(places) and not any(same_jurisdiction(inst.jurisdiction, p) for p in places)


def _fold_pos(index: Sequence[int], start: int, end: int) -> tuple[int, int]:
    lo = next((i for i, v in enumerate(index) if v >= start), len(index) - 1)
    hi = next((i for i, v in enumerate(index) if v >= end), len(index))
    return lo, max(hi, lo + 1)


def _select(hits: dict[str, Hit], registry: Registry) -> list[tuple[Instrument, float, str]]:
    if not hits:
        return []
    for ident, hit in hits.items():
        if hit.concept and any(other.score - other.concept >= 1.0 and other.score > hit.score
                               and _related(registry, ident, name) for name, other in hits.items() if name != ident):
            hit.score -= hit.concept  # concept words shared with a related instrument named more strongly are its
    top = max(h.score for h in hits.values())
    kept = []
    for ident, hit in hits.items():
        if hit.score < 1.0 or not hit.changed:
            continue
        if hit.best < 0.5 and hit.score < 0.3 * top:
            continue  # only faint mentions (background, navigation) next to a dominant instrument
        conf = round(min(FRAMED_CONFIDENCE if hit.framed else 0.99, 1.0 - math.exp(-1.2 * hit.score)), 2)
        kept.append((registry[ident], conf, hit.evidence, hit.score, min(hit.positions)))
    kept.sort(key=lambda k: (-k[3], k[4]))
    return [(inst, conf, ev) for inst, conf, ev, _, _ in kept]


def _related(registry: Registry, a: str, b: str) -> bool:
    return b in registry[a].related or a in registry[b].related
