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
from .registry import Instrument, Registry, same_jurisdiction
from .text import SPELLED_AI, STAMP_LINE, fold, fold_alias, head_end, strip_links, table_header

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
_NUMBERED = re.compile(r"^(sb|hb|ab|eo|e\.o\.|pl)[\s-]?(\d[\w/-]*)$")

# Sentences about history, predecessors or comparisons: mentions there are background, not the change.
_BACKGROUND = re.compile(
    r"replac|supersed|predecessor|previous|earlier|formerly|vetoed|revok|rescind|repeal|building on|builds on"
    r"|in line with|similar to|modell?ed on|inspired by|like the|compared|comparison|alongside|together with"
    r"|held as part of|on the sidelines|venue|unlike|依据|根据|落实|贯彻|依照|按照|参考"
    r"|此前|曾经|继.{0,12}之后|此前发布|参照|借鉴|以往|先前|以前|等法律|等法规|衔接|今后|今後|향후|とは別|とは異な|와는\s?별개|与.{0,20}不同|与.{0,30}(?:同步|配套|一并|协同)(?:实施|施行|推进)|との整合|との関係|[과와]의\s?(?:관계|정합)"
    r"|を踏まえ|をふまえ|の策定に向け|を策定する"  # Japanese: "in light of", "to draw up (planned)"
    r"|separate from|distinct from|unrelated to|not part of|in addition to|complement(?:s|ing|ary to)\b|en complément d"
    r"|zusätzlich zu|in aggiunta a|além d[oa]s?\b|además de"
    # an instrument that keeps applying alongside the change: "the GDPR continues to apply", "DSGVO bleibt daneben …"
    r"|continues? to apply|remains? (?:fully )?applicable|\bdaneben\b|unberührt|bleibt (?:\w+ ){0,3}(?:maßgeblich|anwendbar)"
    r"|rest(?:e|ent) (?:pleinement )?applicables?|sigue(?:n)? siendo aplicables?|continua(?:m)? (?:a ser )?aplicáve(?:l|is)"
    r"|take[sn]? (?:\w+ )?into account|tak(?:ing|es) account of|tengono conto|tiennent compte|tient compte|berücksichtig"
    r"|tienen en cuenta|levam em conta|leva em conta"
    r"|(?:while|whilst|enquanto|mentre|mientras|pendant que|während)\b[^,.;]{0,30}(?:debat|discut|discuss|examin|consider|tramit|analis)"
    r"|(?:first|second|third|fourth|latest|another|next) (?:state|country|jurisdiction)|follows? (?:the )?(?:lead|footsteps)"
    r"|\bjoins\b|mirror(?:s|ing)|echoe?s|modell?ed after|patterned (?:on|after)"
    r"|lin(?:e|es|ing) up (?:\w+ ){0,4}with|(?:bring|brings|bringing) (?:\w+ ){0,4}into line|aligning (?:\w+ ){0,4}with"
    # examples given in passing: "laws such as the EU AI Act", "Texas lawmakers, for example, …"
    r"|\bsuch as\b|for example|for instance|\be\.g\.|por exemplo|par exemple|zum beispiel|ad esempio|por ejemplo"
    r"|例えば|比如|例如|\bdialoga com|relates? to the (?:debate|discussion)"
    r"|\bback in (?:\d{4}|the)\b|\blast year\b|\bdraw(?:s|ing)? (?:\w+ ){0,3}?on\b"
    # history told in passing: "in recent years … have successively issued", "…を主導してきた"
    r"|近年|先后(?:制定|出台|发布|印发)|已经?先后|てきた[。、]|してきた|としては[^。]{0,60}(?:があります|がある)"
)
# A sentence that opens with a setting adverbial ("In the context of X and Y, the Commission ...") names the background
# before its first comma.
_SETTING = re.compile(
    r"(?:in the context of|against the backdrop of|in light of|in view of|in the wake of|dans le cadre d|im rahmen d"
    r"|nel quadro d|en el marco d|no âmbito d|在.{0,30}背景下)[^,，;；]*$")


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
    framed: bool = False  # kept only because the headline frames the edit: a moderate confidence
    opening: float = 0.0  # the part of `score` from the page's unchanged opening paragraph


@dataclass(frozen=True)
class Compiled:
    pattern: re.Pattern[str]
    phrases: dict[str, tuple[Phrase, ...]]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


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

    for inst in registry:
        for name in inst.names.values():
            if len(name) <= 90:
                add(fold_alias(name), inst.id, "name", name)
            bare = _TRAILING_NOTE.sub("", name)
            if bare != name and len(bare) >= 8:
                add(fold_alias(bare), inst.id, "name", bare)  # "…に関する法律" without its "（令和7年法律第53号）"
        for alias in inst.aliases:
            add(fold_alias(alias), inst.id, "name", alias)
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
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos), text.rfind("。", 0, pos)) + 1
    ends = [i for i in (text.find("\n", pos), text.find(". ", pos), text.find("。", pos)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


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


_TOC_LINE = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节節编編]|제\s*\d+\s*장|chapter [ivxlc\d]+\b).{0,60}[(（]第?[一二三四五六七八九十百\d]+条?", re.I)
_LINK_LINE = re.compile(r"^\s*(?:[-*]\s*)?\[[^\]]*\]\([^)]*\)\s*$|^\s*[-*]?\s*\[[^\]]*\]\s*$")


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


# a block headed "Related content" / "See also" / "延伸閱讀" lists other pages: navigation, not the change
_RELATED_HEAD = re.compile(
    r"^\W*(?:related(?: content| links| articles| news)?|see also|read more|further reading|voir aussi|à lire aussi"
    r"|weitere informationen|siehe auch|leia também|vea también|leggi anche|延伸阅读|延伸閱讀|相关阅读|相關閱讀|関連(?:記事|資料|情報)?"
    r"|관련\s*(?:기사|자료))\W*$", re.I | re.M)


def _under_related(text: str, pos: int) -> bool:
    block = text.rfind("\n\n", 0, pos)
    head = text.find("\n", block + 2)
    return 0 <= head < pos and bool(_RELATED_HEAD.match(text, block + 2 if block >= 0 else 0, head))


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
    rows_only = bool(changed) and _rows_only(clean, changed or ())
    title_stop = headline_end if rows_only else -1
    # …and with the record's own title field ("議案件名　…法律案", "Short title: …", "Ementa: …")
    title_rows = [(m.start(), m.end()) for m in _TITLE_ROW.finditer(clean)] if rows_only else []
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
    weak_aliases = {p.alias for ps in comp.phrases.values() for p in ps if p.strength == "weak"}
    for ident, weight, start, end, alias in mentions:
        o_start, o_end = folded.span(start, end)
        in_head = o_start < head_stop
        in_change = (changed is None or any(a <= o_start < b for a, b in changed) or o_start < title_stop
                     or any(a <= o_start < b for a, b in title_rows))
        w = weight * (HEAD_BOOST if in_head else 1.0)
        if not in_change:
            w *= 0.6 if in_head else 0.15
        elif (not in_head or head_sentence) and (
                _BACKGROUND.search(_around(clean, o_start, o_end)) or _setting(folded.text, start)):
            w *= BACKGROUND
        if _TOC_LINE.match(_line_at(clean, o_start)):
            w *= 0.3  # a chapter title in a law's table of contents
        new_item = changed is not None and any(a <= o_start < b for a, b in changed)  # a listing's new entry is news
        if o_start >= offset and not new_item and (
                _LINK_LINE.match(_line_at(text, o_start - offset)) or _under_related(clean, o_start)):
            w *= 0.3  # navigation / related-content lists
        hit = hits.setdefault(ident, Hit())
        hit.score += w
        hit.framing += w if o_start < frame_stop and not in_change else 0.0
        hit.opening += w if frame_stop <= o_start < opening_stop and not in_change else 0.0
        hit.concept += w if alias in weak_aliases else 0.0
        hit.positions.append(o_start)
        hit.head = hit.head or in_head
        hit.changed = hit.changed or in_change
        if w > hit.best:
            hit.best = w
            hit.evidence = clean[o_start:o_end].strip() or alias
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
            hit.score += hit.framing * (1 / 0.6 - 1)  # read as if the headline were part of the change
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


def _opening_end(text: str, start: int) -> int:
    """End of the first paragraph after the headline (the page's opening statement)."""
    for m in re.finditer(r"[^\n]{40,}", text[start : start + 1500]):
        return start + m.end()
    return start


# a bill tracker's status or action line: "Status: Became Law", "12/12/2024 - Plenário …", "Dec 19, 2025  SIGNED"
_ROW_DATE = r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}\b|\d{4}\s*[年년.]\s*\d{1,2}\s*[月월.]|令和\s*\S{1,2}\s*年)"
_TITLE_ROW = re.compile(
    r"^[ \t*|-]*(?:議案件名|件名|法案名|案件名|标题|標題|名称|名稱|의안명|법률명|제목|(?:short |long )?title|bill(?: name)?|ementa"
    r"|titre|titolo|título|titel)\s*(?:[:：\t|]|　)[^\n]+", re.I | re.M)
_STATUS_LINE = re.compile(
    r"\W*(?:(?:status|situa[çc][ãa]o|estado|état|stato|stand|状态|狀態|상태|進捗)\s*[:：]|" + _ROW_DATE
    # a field row: a short label, a separator, then a date ("衆議院審議終了年月日／…　令和 7年 4月24日／可決")
    + r"|[^\n]{1,60}?(?:[:：\t|]|　)\s*" + _ROW_DATE + ")", re.I)


def _rows_only(text: str, changed: Sequence[tuple[int, int]]) -> bool:
    """Whether the change is table rows or a tracker's status and action lines (besides an update stamp)."""
    spans = [a for a, b in changed if b > a and not STAMP_LINE.match(text[a:b].strip())]
    return bool(spans) and all(table_header(text, a) is not None or _status_lines(text[a:b])
                               for a, b in changed if a in spans)


def _status_lines(chunk: str) -> bool:
    lines = [line for line in chunk.splitlines() if line.strip()]
    return bool(lines) and all(_STATUS_LINE.match(line) for line in lines)


def _other_place(text: str, pos: int, ident: str, registry: Registry) -> bool:
    """Whether a short name is qualified by another place ("Colorado's AI Act", "the Korean AI Act")."""
    inst = registry.get(ident)
    places = jurisdiction_words_present(text[max(0, pos - 16) : pos])
    return inst is not None and bool(places) and not any(same_jurisdiction(inst.jurisdiction, p) for p in places)


def _hard_break(text: str, start: int) -> int:
    """The line break before `start` that ends a sentence: a wrapped line (a long one ending mid-sentence, as in
    hard-wrapped plain text) continues its sentence on the next."""
    pos = text.rfind("\n", 0, start)
    while pos > 0:
        line = text[text.rfind("\n", 0, pos) + 1 : pos]
        if len(line) < 60 or line.rstrip().endswith((".", "!", "?", ":", "。", "：", "|")) or not line.strip():
            return pos
        pos = text.rfind("\n", 0, pos)
    return pos


def _around(text: str, start: int, end: int) -> str:
    """The words around a mention (original-text offsets) that can make it background, folded: its own sentence, up
    to 90 characters before it (a Chinese clause after its comma) and 25 after it, up to the next comma."""
    sentence = max(_hard_break(text, start), text.rfind(". ", 0, start), text.rfind("。", 0, start))
    comma = text.rfind("，", 0, start)
    clause = max(sentence, comma, start - 90)
    lo = max(sentence, clause if comma >= start - 45 else min(start - 45, clause))
    ends = [i for i in (text.find("\n", end), text.find(". ", end), text.find("。", end), text.find(", ", end)) if i >= 0]
    # Japanese puts the verb that frames a mention at the end of its sentence ("…を主導してきた。")
    reach = 80 if re.search(r"[\u3040-\u30ff]", text[start:end + 40]) else 25
    hi = min([*ends, end + reach])
    return fold(text[max(0, lo + 1) : hi]).text


def _setting(text: str, pos: int) -> bool:
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos), text.rfind("。", 0, pos)) + 1
    return bool(_SETTING.match(text, start + (len(text[start:pos]) - len(text[start:pos].lstrip())), pos))


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
