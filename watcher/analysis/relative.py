"""Dates a text gives relative to its publication: "within 30 days of publication", "the day after its
publication", "公布の日から施行", "今天起施行", "starting today".

The reference is the page's (earliest) publication date; a page that is the official publication itself (a
gazette or an official journal) gives the law's publication date, a news page its own day ("today").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta

_I = re.I

# "within 30 days of publication": a deadline (or the end of a comment window)
WITHIN = re.compile(
    r"(within|no later than|not later than|after|from|following)?\s*(\d{1,3}|thirty|sixty|ninety|twenty|fifteen|ten)"
    r"\s*(?:calendar\s+)?days?\s*(?:of|after|from|following)\s+(?:the\s+(?:date\s+of\s+)?)?publication",
    _I,
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10, "fifteenth": 15, "twentieth": 20,
    "thirtieth": 30, "troisième": 3, "vingtième": 20, "terzo": 3, "ventesimo": 20, "tercer": 3, "vigésimo": 20,
    "dritten": 3, "zwanzigsten": 20, "terceiro": 3,
}
_ORD_WORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_PUBLICATION = r"(?:publication|publicación|publicação|pubblicazione|verkündung)"
# commencement counted from the day of publication: (pattern, days after publication; None = the ordinal group)
_COMMENCE: list[tuple[re.Pattern[str], int | None]] = [
    (re.compile(rf"\bthe\s+(?:(\d{{1,2}})(?:st|nd|rd|th)|({_ORD_WORD}))\s+day\s+(?:following|after)\s+(?:that\s+of\s+)?"
                rf"(?:its|their|the)\s+(?:date\s+of\s+)?{_PUBLICATION}", _I), None),
    (re.compile(rf"\ble\s+(?:(\d{{1,2}})e|({_ORD_WORD}))\s+jour\s+suivant\s+(?:celui\s+de\s+)?(?:sa|leur)\s+{_PUBLICATION}", _I), None),
    (re.compile(rf"\bthe\s+day\s+(?:following|after)\s+(?:that\s+of\s+)?(?:its|their|the)\s+{_PUBLICATION}"
                rf"|\ble\s+lendemain\s+de\s+(?:sa|leur)\s+{_PUBLICATION}|giorno\s+successivo\s+a\s+quello\s+della\s+(?:sua\s+)?{_PUBLICATION}"
                rf"|d[ií]a\s+siguiente\s+(?:al|de)\s+(?:su\s+)?{_PUBLICATION}|(?:am|vom)\s+Tag\s+nach\s+(?:seiner|ihrer|der)\s+{_PUBLICATION}",
                _I), 1),
    (re.compile(rf"(?:on|from)\s+the\s+(?:date|day)\s+of\s+(?:its|their)\s+{_PUBLICATION}|na\s+data\s+de\s+sua\s+{_PUBLICATION}"
                r"|自(?:公布|发布|印发|發布)之日起(?:施行|生效|实施)|公布の日から施行|공포한\s*날부터\s*시행", _I), 0),
]
_START_VERB = re.compile(
    r"enter(?:s|ed)? into force|take[s]? effect|entr(?:e|a|ano|ará)\s+(?:en|em|in)\s+(?:vigueur|vigor|vigore)|in Kraft"
    r"|施行|生效|实施|시행|apply|applies|s'appliqu", _I)
_APPLY = re.compile(r"\bappl(?:y|ies)\b|s'appliqu|si applica|se aplica|gilt|gelten", _I)
# "today" as the start: news pages reporting a commencement on the day it happens
_TODAY_CJK = re.compile(r"(?:从|自)?(?:今天|今日|即日|今)起\s*(?:正式)?(?:施行|实施|实行|實施|實行|生效)|오늘부터\s*(?:본격\s*)?시행|本日から施行")
# "今(2)日起 …适用", "오늘(22일)부터 시행": today with its day number, the start word later in the same clause
_TODAY_DAY = re.compile(
    r"(?:今|本|오늘)\s*[(（]\s*(\d{1,2})\s*(?:日|일)?\s*[)）]\s*(?:日|일)?\s*(?:起|부터)"
    r"(?=[^，,。；\n]{0,16}?(?:施行|实施|實施|实行|生效|适用|適用|上路|시행|적용))")
_TODAY_APPLY = re.compile(r"适用|適用|義務|义务|의무|적용|obligation", _I)
_TODAY_WORDS = re.compile(
    r"\b(?:starting|beginning|effective|as of|from)\s+today\b|à partir d'aujourd'hui|dès aujourd'hui|a partir de hoje"
    r"|\bab heute\b|a partir de hoy|da oggi", _I)
_RULE_WORDS = re.compile(r"\b(?:law|act|rules?|regulations?|requirements?|obligations?|ban|measures?)\b|\blei\b|\bloi\b|gesetz|\blegge\b|\bley\b", _I)

# a weekday with its day number, as Portuguese news writes it: "nesta terça-feira (10)", "no sábado (14)"
_WEEKDAY_DAY = re.compile(
    r"\b(?:(?:segunda|terça|terca|quarta|quinta|sexta)(?:-feira)?|sábado|domingo)(?:\s*\((\d{1,2})º?\)|,\s*(\d{1,2})\b(?![/.:]))", _I)
# "até sexta (19)", "até a próxima sexta-feira, 19": the day a window closes
_UNTIL_PT = re.compile(r"\baté\s+(?:a\s+|o\s+)?(?:pr[óo]xim[oa]\s+)?$", _I)
# a start on a named weekday of the week of publication: "new rules … starting Wednesday, when the act becomes law"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_START = re.compile(rf"\b(?:starting|beginning|effective|from|as of)\s+(?:this\s+|next\s+)?({'|'.join(_WEEKDAYS)})\b(?![,\s]*(?:the\s+)?\d)", _I)
_IN_DAYS = re.compile(
    r"(?:entra(?:rá)? em vigor|entra(?:rá)? en vigor|entre(?:ra)? en vigueur|enters? into force|takes? effect)\s+"
    r"(?:em|en|dans|in)\s+(\d{1,3})\s+(?:dias|días|jours|days)\b(?!\s+(?:after|após|después|après)\s+(?!(?:a |the |la |sua |su |sa )?publica))", _I)
_STATED_REACH = 300  # how far before a "from the day of publication" a stated publication date is its reference
Context = Callable[[str, int, int], tuple[str, str]]


def relative_dates(
    text: str, pub: date, context: Context, is_comment: Callable[[str], bool], inside: Callable[[int], bool],
    stated: Sequence[tuple[int, date]] = (),
) -> Iterator[tuple[str, str, str, int, int]]:
    """(iso date, role, matched text, start, end) for every date stated relative to the publication date `pub`.

    `stated` are (position, date) of publication dates the text states: a commencement counted from the day of
    publication counts from the nearest one stated shortly before it ("promulgated on 4 June. It takes effect from the
    day of promulgation"), else from `pub`.
    """
    for m in WITHIN.finditer(text):
        if not inside(m.start()):
            continue
        n = m.group(2).lower()
        days = int(n) if n.isdigit() else {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60,
                                           "ninety": 90}[n]
        before, after = context(text, m.start(), m.end())
        role = "comments-due" if is_comment(before + m.group(0) + after) else "deadline"
        yield (pub + timedelta(days=days)).isoformat(), role, m.group(0).strip(), m.start(), m.end()
    for m in _IN_DAYS.finditer(text):
        if inside(m.start()):  # "entra em vigor em 180 dias": counted from the publication
            yield (pub + timedelta(days=int(m.group(1)))).isoformat(), "entry-into-force", m.group(0), m.start(), m.end()
    for rx, fixed in _COMMENCE:
        for m in rx.finditer(text):
            if not inside(m.start()):
                continue
            before, after = context(text, m.start(), m.end())
            if not _START_VERB.search(before + m.group(0) + after):
                continue
            days = fixed if fixed is not None else int(m.group(1)) if m.group(1) else _ORDINALS[m.group(2).lower()]
            role = "applies-from" if _APPLY.search(before[-60:]) else "entry-into-force"
            near = [d for pos, d in stated if 0 <= m.start() - pos <= _STATED_REACH]
            base = near[-1] if near else pub
            yield (base + timedelta(days=days)).isoformat(), role, m.group(0).strip(), m.start(), m.end()
    for m in _TODAY_CJK.finditer(text):
        if inside(m.start()):
            yield pub.isoformat(), "entry-into-force", m.group(0), m.start(), m.end()
    for m in _TODAY_DAY.finditer(text):
        if not inside(m.start()):
            continue
        try:
            day = pub.replace(day=int(m.group(1)))
        except ValueError:
            continue
        before, after = context(text, m.start(), m.end())
        role = "applies-from" if _TODAY_APPLY.search(m.group(0) + after) else "entry-into-force"
        yield day.isoformat(), role, m.group(0), m.start(), m.end()
    for m in _WEEKDAY_DAY.finditer(text):
        weekday = _near_day(pub, int(m.group(1) or m.group(2)))
        if weekday is not None and inside(m.start()):
            before, after = context(text, m.start(), m.end())
            until = _UNTIL_PT.search(before[-30:])
            role = ("comments-due" if is_comment(before + m.group(0) + after) else "deadline") if until else "other"
            yield weekday.isoformat(), role, m.group(0), m.start(), m.end()
    for m in _WEEKDAY_START.finditer(text):
        if not inside(m.start()):
            continue
        before, after = context(text, m.start(), m.end())
        sentence = before.rsplit("\n", 1)[-1] + m.group(0) + after
        if _RULE_WORDS.search(sentence) and not is_comment(sentence):
            ahead = (_WEEKDAYS.index(m.group(1).lower()) - pub.weekday()) % 7 or 7
            role = "applies-from" if _APPLY.search(sentence) else "entry-into-force"
            yield (pub + timedelta(days=ahead)).isoformat(), role, m.group(0), m.start(), m.end()
    for m in _TODAY_WORDS.finditer(text):
        if not inside(m.start()):
            continue
        before, after = context(text, m.start(), m.end())
        sentence = before.rsplit("\n", 1)[-1] + m.group(0) + after  # a line break before "today" starts its sentence
        if _RULE_WORDS.search(sentence) and not is_comment(sentence):
            role = "applies-from" if _APPLY.search(sentence) else "entry-into-force"
            yield pub.isoformat(), role, m.group(0), m.start(), m.end()


def _near_day(pub: date, day: int) -> date | None:
    """The date with day-of-month `day` nearest to `pub` (the same month, or the next or previous one)."""
    options = []
    for shift in (-1, 0, 1):
        month = (pub.month - 1 + shift) % 12 + 1
        year = pub.year + (pub.month - 1 + shift) // 12
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - pub).days), default=None)
