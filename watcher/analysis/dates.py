"""Date extraction with roles: every day-precise date a change states, as an ISO date and what it is for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .citations import cited_role
from .cues import ROLE_CUES, is_comment_context
from .datescan import RawDate, normalise, raw_dates, valid
from .relative import relative_dates
from .roles import moved_span, start_subject, table_role, vocabulary_role
from .text import strip_links, table_header

_FURNITURE = re.compile(
    r"(last\s+update[d]?|updated|modified|captured|retrieved|accessed|generated|rendered|cached|crawled|更新时间|更新日期|最終更新|수정|업데이트)\W{0,4}$",
    re.I,
)
_GAZETTE = re.compile(
    r"official journal|journal officiel|amtsblatt|gazzetta ufficiale|diario oficial|diário oficial|bolet[ií]n oficial"
    r"|bundesgesetzblatt|官報|官报|관보|\bJORF\b", re.I)
_AMEND_MARK = re.compile(r"[<〈](?:개정|신설|전문개정|본조신설|타법개정|일부개정)\s*[\d.,\s]*$")
_TOPIC_DATE = re.compile(r"\s*(?:に|には|から)?\s*[、,，]")
_FINAL_START = re.compile(r"(?:施行した|施行された|施行しました|施行されました|시행했다|시행됐다|시행되었다|开始施行|正式施行)[^。.\n]{0,6}$")
# the end of a grace period, or of a time the authority will not enforce, is when the duties start to bite
_GRACE = re.compile(
    r"grace period|transition(?:al)? period|période transitoire|Übergangsfrist|periodo transitorio|유예"
    r"|(?:\bnot|\bno)\s+(?:\w+\s+){0,2}enforc\w*[^.;\n]{0,60}$", re.I)
_SUPERSEDED = re.compile(
    r"(?:instead of|rather than|originally|previously|formerly|was due|statt|au lieu d[eu]|invece d[eil]|en lugar de"
    r"|em vez de|原定|原定于|기존)\s*(?:the\s+|on\s+|dem\s+|am\s+)?$", re.I)
# a start that was planned and has been moved: "were due to enter into force on 2 August 2026"
_WAS_DUE = re.compile(r"\b(?:was|were) (?:due|scheduled|set|expected|supposed|planned) to\b[^.;\n\d]{0,40}$", re.I)
_SINCE = re.compile(r"(?:\bsince|\bas of|depuis|à compter d[ue]|à partir d[ue]|desde|a partir d[eo]|\bseit|\bab dem|dal)\s*(?:the|le|el|o|la|dem)?\s*$",
                    re.I)
_NOW_BINDING = re.compile(r"prohibit|banned|must\b|interdit|doivent|verboten|müssen|proibid|prohibid|vietat|obligat|obblig", re.I)
_OPERATIVE = re.compile(r"operativ", re.I)
_CONNECT = re.compile(r"^\s*(?:\([^)]{1,6}\)|（[^）]{1,6}）)?\s*(?:-|–|—|~|〜|～|to|until|till|through|au|bis|al|a|até|hasta|至|到|から|부터|~)\s*$", re.I)


# some of an act's provisions in force from a date: they start to apply ("le disposizioni in vigore dal 2 febbraio")
_PROVISIONS = (r"(?:provisions|disposizioni|dispositions|disposiciones|dispositivos|bestimmungen|vorschriften|obligations|obblighi"
               r"|obrigações|obligaciones|chapters?|articles|capítulos?|chapitres?|capi|kapitel)")
_IN_FORCE = r"(?:in force|in vigore|en vigueur|en vigor|em vigor|in kraft|effective|effettiv\w*|applicab\w*)"
_SOME_PROVISIONS = re.compile(rf"\b{_PROVISIONS}\b[^.;]{{0,25}}{_IN_FORCE}\s+(?:\w+\s+){{0,2}}$", re.I)
_SOME_PROVISIONS_AFTER = re.compile(rf"^[^.;]{{0,30}}?{_IN_FORCE}\s+(?:\w+\s+){{0,3}}?{_PROVISIONS}\b", re.I)
# a limit that falls on the law's commencement: "by January 1, 2027 — the very day the law takes effect"
_SAME_DAY_START = re.compile(r"\s*[—–-]+\s*(?:the (?:very |same )?(?:day|date)|when)\b[^.;]{0,40}?\b(?:takes? effect|comes? into"
                             r" (?:force|effect)|enters? into force|goes into effect)", re.I)
# a commencement article's proviso: part of the text starts on another day
_PROVISO = re.compile(
    r"(?:다만|但(?:是)?|ただし|但し|provided(?:,)? (?:however, )?that|\bhowever\b|except that|with the exception of"
    r"|à l'exception|ausgenommen|abweichend|salvo|exceto|ressalvad)[^.;。]{0,80}?"
    r"(?:부분|규정|[조항](?:의|은|는|\b)|条|規定|部分|provisions?|articles?|sections?|chapters?|paragraphs?|artigos?|\bart\.)", re.I)
_EVERY_YEAR = re.compile(r"(?:每年|每一年|매년|매해|毎年|each year|every year|annually|yearly)[^\n\d]{0,6}$", re.I)
_FROM_END = re.compile(r"\bfrom\s*(?:the\s+)?$", re.I)
_ONWARDS = re.compile(r"\s*(?:,\s*)?onwards?\b", re.I)
_LIST_ROLES = frozenset({"entry-into-force", "applies-from", "comments-due"})
# the next item of a list of dates in one clause: "… 2 December 2027 for stand-alone systems and 2 August 2028 for …"
_LIST_JOIN = re.compile(r"^[^.;:。；\n\d]{0,50}?(?:,\s*|\band\b|\bor\b|\bund\b|\bet\b|\be\b|\by\b|及|和|以及|및)\s*(?:on\s+|the\s+|le\s+|am\s+|el\s+|o\s+)?$", re.I)
_TIMESTAMP = re.compile(r"\s*(?:-|–|—|,|às|um|à|at|a las|alle)?\s*\d{1,2}[:h.]\d{2}(?:\s*(?:h|Uhr|[ap]\.?m\.?))?\s*", re.I)
_RANGE_END_ROLES = ("other", "published", "adopted", "deadline")


@dataclass(frozen=True)
class Found:
    date: str
    role: str
    text: str
    start: int
    end: int


_APPLICATION = re.compile(
    r"appl(?:y|ies|ication|icable)|\bgelten|\bgilt|anwend|anzuwend|s'appliqu|applica|aplica|适用|적용|適用|obligations"
    r"|pflichten|obblighi|obligaciones|obrigações|义务|의무|義務|requirements|duties", re.I)
# ". " ends a sentence unless a number follows ("n. 223", "Art. 5") or the word before is an abbreviation
_SENTENCE_END = re.compile(r"(?<![ap]\.m)(?<!\bn)(?<!\bnr)(?<!\bno)(?<!\bart)(?<!\bpar)(?<!\bca)\.\s(?!\s*\d)", re.I)
_SPACES = re.compile(r"[ \t]{2,}")
_LINE_END = re.compile(r"[^\sa-zà-ÿ,;(\-]\s*\n")


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause before the date (back to the sentence start, at most 160 chars) and the rest of its sentence.

    A line break ends the clause unless the line before it stops mid-sentence (a wrapped line).
    """
    lo = max(0, start - 400)
    before = _SPACES.sub(" ", text[lo:start])[-160:]  # blanked links and layout runs count as one space
    stops = [m.start() for m in _SENTENCE_END.finditer(before)]
    cut = max(stops[-1] if stops else -1, before.rfind("。"), before.rfind("\n\n"), before.rfind("；"))
    for m in _LINE_END.finditer(before):
        cut = max(cut, m.end() - 1)
    if cut >= 0:
        before = before[cut + 1 :]
    after = _SPACES.sub(" ", text[end : end + 400])[:200]
    if not before.strip():
        before = _label_above(text, start, end) or before
    end_m = _SENTENCE_END.search(after)
    stop = min([i for i in (end_m.start() if end_m else -1, after.find("。"), after.find("\n"), after.find("；")) if i >= 0]
               or [200])
    return before, after[:stop]


def _label_above(text: str, start: int, end: int) -> str:
    """The short label line right above a date that stands alone on its line ("（2）意見の提出期限\n令和元年7月2日（火）");
    not a headline above a timestamp ("…9月起實施\n2025-03-14 18:20")."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    prev_end = text.rfind("\n", 0, start)
    rest = _PARENS.sub("", rest).strip()
    if prev_end <= 0 or text[prev_end + 1 : start].strip() or len(rest) > 6 or re.search(r"\d", rest):
        return ""
    label = text[text.rfind("\n", 0, prev_end) + 1 : prev_end].strip()
    return label + " " if 0 < len(label) <= 30 and not label.endswith((".", "。", "!", "?")) else ""


_PARENS = re.compile(r"[（(][^）)\n]{0,8}[）)]")


def _role(text: str, r: RawDate, header_end: int) -> str | None:
    before, after = _context(text, r.start, r.end)
    if _FURNITURE.search(before[-30:]):
        return None
    if _SUPERSEDED.search(before[-30:]) or _WAS_DUE.search(before[-60:]):
        return "other"
    if _AMEND_MARK.search(before[-12:]):
        return "other"  # "<개정 2025.10.1>": a Korean law text's note of when an article was last amended
    cited = cited_role(text, r.start, before, after)
    if cited is not None:
        return cited  # an act cited with its date, an Official Journal reference, a byline or a dateline
    if _SAME_DAY_START.match(after):
        return "entry-into-force"  # "by January 1, 2027 — the very day the law takes effect"
    if _TOPIC_DATE.match(after) and _FINAL_START.search(after):
        return "entry-into-force"  # "2025年8月4日、県は…条例を全国で初めて施行した。": the sentence's final verb
    if _FROM_END.search(before[-12:]) and _ONWARDS.match(after):
        return "applies-from"  # "protection extends to reports … from 2 August 2026 onwards"
    if _SINCE.search(before[-30:]) and _NOW_BINDING.search(after):
        return "applies-from"  # "since 2 February 2025, these practices are prohibited"
    best: tuple[int, str] | None = None
    for role, before_rx, after_rx in ROLE_CUES:
        for m in before_rx.finditer(before) if before_rx else ():
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, role)
        m2 = after_rx.match(after) if after_rx else None
        if m2:
            group = next((i for i in range(1, (after_rx.groups if after_rx else 0) + 1) if m2.group(i)), 0)
            dist = m2.start(group) if group else 0
            dist += 15 if dist > 3 else 0
            if best is None or dist <= best[0]:
                best = (dist, role)
    in_table, header = table_role(text, r.start)  # a table row's date: its column header or row label says what
    moved = moved_span(before, after)
    if moved is not None:
        return "other" if moved == "from" else _moved_role(text, r)
    if header is not None:
        best = header
    elif best is None:
        best = None if in_table else vocabulary_role(before, after)
    elif best[1] in ("published", "adopted", "other"):
        near = vocabulary_role(before, after[:10])  # a start or limit word right at the date beats a distant cue
        if near is not None and near[0] + 4 < best[0]:
            best = near
    elif best[1] == "entry-into-force":
        loose = vocabulary_role(before, after)  # what takes effect: duties start to apply
        if loose is not None and loose[1] == "applies-from" and loose[0] <= best[0] + 4:
            best = loose
    if best is not None:
        role = best[1]
        if role == "entry-into-force" and _part_of_act(before, after):
            role = "applies-from"
        if role == "applies-from" and _OPERATIVE.search(before[-40:] + after[:60]):
            role = start_subject(before + after, role)
        if role == "moved":
            return _moved_role(text, r)
        if role == "start":  # a start worded loosely ("kick in", "with effect from"): what starts decides
            return "applies-from" if _APPLICATION.search(before + after) else "entry-into-force"
        if role == "until":
            if _GRACE.search(before):
                return "applies-from"  # the end of a grace or transition period
            return "comments-due" if is_comment_context(before + after) else "deadline"
        return role
    line_start = text.rfind("\n", 0, r.start) + 1
    line_end = text.find("\n", r.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if r.start < header_end and len(line.strip()) <= 80:
        return "published"  # a dateline or timestamp near the top
    if line.strip() == text[r.start : r.end].strip() and _GAZETTE.search(text, max(0, line_start - 300), line_start):
        return "published"  # the issue date under an official journal's masthead
    if _TIMESTAMP.fullmatch(text[r.end : line_end if line_end >= 0 else len(text)]) and not text[line_start : r.start].strip():
        return "published"  # a date and time alone on a line: the article's timestamp (often at its foot)
    return "other"


def _part_of_act(before: str, after: str) -> bool:
    """Whether what starts is part of an act, not the act: a proviso ("다만, 별표 1 중 … 부분은 2026년 1월 24일부터
    시행한다") or some of its provisions ("le disposizioni in vigore dal 2 febbraio")."""
    return bool(_PROVISO.search(before) or _SOME_PROVISIONS.search(before[-60:]) or _SOME_PROVISIONS_AFTER.match(after))


def _line_before(text: str, pos: int) -> str:
    line_start = text.rfind("\n", 0, pos)
    return text[text.rfind("\n", 0, max(line_start, 0)) + 1 : max(line_start, 0)]


def _moved_role(text: str, r: RawDate) -> str:
    """The new date of something postponed: what it is follows from the paragraph (commencement, application)."""
    lo, hi = text.rfind("\n\n", 0, r.start), text.find("\n\n", r.end)
    para = text[max(lo, r.start - 400, 0) : min(hi if hi >= 0 else len(text), r.end + 300)]
    in_force = next(b for name, b, _ in ROLE_CUES if name == "entry-into-force")
    before, after = _context(text, r.start, r.end)
    for scope in (before + after, para):  # the date's own sentence first, then its paragraph
        if in_force is not None and in_force.search(scope):
            return "entry-into-force"
        if _APPLICATION.search(scope):
            return "applies-from"
    return start_subject(para, "deadline")


def extract(
    text: str,
    *,
    published: str | None = None,
    us_locale: bool = False,
    changed: list[tuple[int, int]] | None = None,
) -> list[Found]:
    """Dates in `text` with roles; with `changed` spans only dates inside them (the header still gives years)."""
    norm = strip_links(normalise(text))
    raws = raw_dates(norm, us_locale)
    header_end = _header_end(norm)
    results: list[Found] = []
    ref: date | None = date.fromisoformat(published) if published else None
    # a header date (first lines) is the page's publication date and the reference for elided years
    if ref is None:  # a dateline or stamp line first, else a header date that is not a start or a limit
        heads = [r for r in raws if r.start < header_end and r.year and valid(r.year, r.month, r.day)]
        first = next((r for r in heads if _short_line(norm, r)), None) or next(
            (r for r in heads if _role(norm, r, header_end) not in _START_OR_LIMIT), None)
        if first is not None and first.year:
            ref = valid(first.year, first.month, first.day)
    prev_year: int | None = None
    for i, r in enumerate(raws):
        year = r.year
        if r.kind == "ko_day":
            if ref is None:
                continue
            month, year = ref.month, ref.year
            earlier = raws[i - 1] if i > 0 else None
            if r.shift is None and earlier is not None and earlier.kind == "ko_day" and earlier.month and (
                    r.start - earlier.end < 120 and r.day >= earlier.day):
                month = earlier.month  # "내달 7일 … 15일까지": the same month as the day just named
                year = ref.year + (1 if month < ref.month else 0)
            elif r.shift == 1 or (r.shift is None and r.year_ref and r.day < ref.day):
                month, year = (1, year + 1) if month == 12 else (month + 1, year)
            r.month = month
        elif year is None and r.shift is not None and (ref is not None or r.kind in ("dmy", "mdy")):
            anchor = ref.year if ref else next((x.year for x in reversed(raws[:i]) if x.year), None) or next(
                (x.year for x in raws[i + 1 :] if x.year), None)
            if anchor is None:
                continue
            year = anchor + r.shift  # "내년 1월 22일" under a 2025-12-30 dateline, "2 agosto dello scorso anno"
        elif year is None and r.recent is not None and ref is not None:
            year = ref.year  # "le 2 août dernier": the last such day before the page's date, or the next one after it
            near = valid(year, r.month, r.day)
            if near is not None and r.recent < 0 and near > ref:
                year -= 1
            elif near is not None and r.recent > 0 and near < ref:
                year += 1
        elif year is None:
            nxt = raws[i + 1] if i + 1 < len(raws) else None
            if nxt and nxt.year and _CONNECT.match(norm[r.end : nxt.start]):
                year = nxt.year  # "3 March to 31 March 2025", "9月12日至10月11日" keeps the later year
            elif (r.year_ref and prev_year) or (r.kind in ("cjk", "ko") and prev_year):
                year = prev_year
            elif r.kind in ("cjk", "ko"):
                later = next((x.year for x in raws[i + 1 :] if x.year and x.kind in ("cjk", "ko", "iso", "roc")), None)
                year = later or (ref.year if ref else None)
            elif ref is not None:
                year = ref.year
                near = valid(year, r.month, r.day)
                if near is not None and (ref - near).days > 180:
                    year += 1  # "feedback until 23 January" under a December dateline: the coming January
            elif prev_year:
                year = prev_year  # "On july 8" under a "Publication 09 July 2026" line below the headline
        if year is None or (r.year is None and _EVERY_YEAR.search(norm, max(0, r.start - 14), r.start)):
            continue  # "每年12月31日前", "by 31 March of each year": a recurring day, not a date
        d = valid(year, r.month, r.day)
        if d is None:
            continue
        prev_year = year
        if changed is not None and not any(a <= r.start < b for a, b in changed):
            continue
        role = _role(norm, r, header_end)
        if role is None:
            continue
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        prev = raws[i - 1] if i > 0 else None
        if role in _RANGE_END_ROLES and prev is not None and _CONNECT.match(norm[prev.end : r.start]):
            before, after = _context(norm, prev.start, r.end)
            header = table_header(norm, r.start)
            title = _line_before(norm, prev.start)  # a listing card: the item's title is the line above its dates
            if is_comment_context(before + after + title + (norm[header[0] : header[1]] if header else "")):
                role = "comments-due"  # closing day of a comment period
        elif nxt is not None and _CONNECT.match(norm[r.end : nxt.start]) and role == "comments-due":
            role = "other"  # opening day of the period
        if role in ("other", "deadline") and results and prev is not None and results[-1].start == prev.start \
                and results[-1].role in _LIST_ROLES and _LIST_JOIN.match(norm[prev.end : r.start]):
            role = results[-1].role  # "the new dates are 2 December 2027 for X and 2 August 2028 for Y"
        results.append(Found(d.isoformat(), role, norm[r.start : r.end].strip(), r.start, r.end))
    results = _window_openings(norm, results)
    # the earliest publication stamp dates the event (a mirror's or an update's timestamp comes later)
    stamps = [date.fromisoformat(f.date) for f in results if f.role == "published"]
    made = {f.date for f in results if f.role == "adopted"}  # an act's own date heads it but is not its publication
    pub = min([*stamps, *([ref] if ref and ref.isoformat() not in made else [])], default=None)
    if pub is not None:
        # a comment window that closed before the page was published is history, not a deadline
        results = [Found(f.date, "other", f.text, f.start, f.end)
                   if f.role == "comments-due" and f.date < pub.isoformat() else f for f in results]
    if pub is not None:
        def inside(pos: int) -> bool:
            return changed is None or any(a <= pos < b for a, b in changed)

        stated = [(f.start, date.fromisoformat(f.date)) for f in results if f.role == "published"]
        labelled = [(pos, d) for pos, d in stated if _PUBLICATION_LABEL.search(norm, max(0, pos - 30), pos)]
        stated = labelled or stated  # "Data de publicação 15 Julho 2021" outranks the act's own "Data 13 Julho 2021"
        base = labelled[0][1] if labelled else pub
        for iso, role, said, start, end in relative_dates(norm, base, _context, is_comment_context, inside, stated):
            results.append(Found(iso, role, said, start, end))
    return _dedupe(results)


_PUBLICATION_LABEL = re.compile(r"publica(?:tion|ção|ción|do|da)|publiée?|veröffentlicht|pubblica|发布|發布|公布|公表|게시", re.I)
_START_OR_LIMIT = frozenset({"entry-into-force", "applies-from", "comments-due", "deadline"})


def _short_line(text: str, r: RawDate) -> bool:
    start, end = text.rfind("\n", 0, r.start) + 1, text.find("\n", r.end)
    return len(text[start : end if end >= 0 else len(text)].strip()) <= 80


def _header_end(text: str) -> int:
    """The first five non-empty lines (or 400 characters): where a bare date is the publication date."""
    lines = 0
    pos = 0
    for m in re.finditer(r"[^\n]*\n?", text):
        if m.group(0).strip():
            lines += 1
        pos = m.end()
        if lines >= 5 or pos >= 400:
            break
    return min(pos, 400)


def _window_openings(text: str, found: list[Found]) -> list[Found]:
    """Two closing dates of one comment window in one sentence ("open from 6 June and runs until 18 July"): the
    earlier one opens the window."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.role == b.role == "comments-due" and a.date < b.date and b.start - a.end < 120
                and not _SENTENCE_END.search(text, a.end, b.start) and "\n" not in text[a.end : b.start]):
            out[i] = Found(a.date, "other", a.text, a.start, a.end)
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    """One entry per (date, role); a date with a specific role drops its 'other' duplicate."""
    specific = {f.date for f in found if f.role != "other"}
    seen: set[tuple[str, str]] = set()
    out = []
    for f in found:
        if f.role == "other" and f.date in specific:
            continue
        if (f.date, f.role) in seen:
            continue
        seen.add((f.date, f.role))
        out.append(f)
    return out
