"""Surface forms of dates: every day-precise date written in the formats AI-regulation pages use, with its span."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
}
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|º|°|ª|o|er|\.)?"
_ERA = {"令和": 2018, "平成": 1988, "昭和": 1925}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range_dm", re.compile(
        rf"(?<!\d)(\d{{1,2}}){_ORD}\s*(?:-|–|to|and|au|bis|al|a|e|y|until)\s*(\d{{1,2}}){_ORD}\s+(?:de\s+|di\s+)?({_MON})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})",
        re.I)),
    ("era", re.compile(r"(令和|平成|昭和)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    # Taiwan's Minguo calendar: "114年12月23日" (= 2025), "民國113年7月15日"
    ("roc", re.compile(r"(?<![\d])(?:民國|民国)?\s*(1[0-4]\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    ("cjk", re.compile(r"(?:(\d{4}|同)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
    # dates in Chinese numerals, as gazettes and ordinances write them: "二○二六年一月一日", "二〇二五年十二月二十八日"
    ("zh_num", re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                          r"\s*([一二三四五六七八九十]{1,3})\s*[日号]")),
    ("ko", re.compile(r"(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    ("iso", re.compile(r"(?<![\d/.-])(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.\s*(\d{1,2})\.\s*(\d{1,2})\.?)(?![\d/-])")),
    ("dmy", re.compile(rf"(?<![\d\w])(\d{{1,2}}){_ORD}\s*(?:de\s+|di\s+|(?:day\s+)?of\s+)?({_MON})\.?(?![a-zà-ÿ])(?:,?\s*(?:de\s+|del\s+)?(\d{{4}}))?", re.I)),
    ("mdy", re.compile(rf"(?<![\w])({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:\s*,\s*|\s+)?(\d{{4}})?", re.I)),
    ("num", re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/])")),
    ("us_short", re.compile(r"(?<![\d/-])(\d{1,2})-(\d{1,2})-(\d{2})(?![\d/-])")),
    ("ko_day", re.compile(r"(오는|지난|다음\s?달|내달|이번\s?달|이달)\s*(\d{1,2})\s*일")),
    # a bare day with "until"/"from" after a dated mention: "내달 7일 공청회를 열고 … 15일까지 접수"
    ("ko_bare", re.compile(r"(?<![\d월.])(?<!월\s)(\d{1,2})\s*일(?=\s*(?:까지|부터))")),
]


@dataclass
class RawDate:
    start: int
    end: int
    year: int | None
    month: int
    day: int
    kind: str
    year_ref: bool = False  # "同年": same year as the previous date
    shift: int | None = None  # years after the page's date ("내년 1월 22일", "明年3月"), or months for "다음 달 22일"
    recent: int | None = None  # the last (-1) or next (+1) such day before or after the page's date ("le 2 août dernier")


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters), keeping the text's length where possible."""
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def raw_dates(text: str, us_locale: bool) -> list[RawDate]:
    found: list[RawDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, rx in _PATTERNS:
        if kind == "us_short" and not us_locale:
            continue
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groups()
            items: list[RawDate] = []
            yr: int | None
            if kind == "range_dm":
                mon, yr = _MONTHS[g[2].lower()], int(g[3])
                items = [RawDate(m.start(1), m.end(1), yr, mon, int(g[0]), kind),
                         RawDate(m.start(2), m.end(), yr, mon, int(g[1]), kind)]
            elif kind == "era":
                yr = _ERA[g[0]] + (1 if g[1] == "元" else int(g[1]))
                items = [RawDate(m.start(), m.end(), yr, int(g[2]), int(g[3]), kind)]
            elif kind == "roc":
                items = [RawDate(m.start(), m.end(), int(g[0]) + 1911, int(g[1]), int(g[2]), kind)]
            elif kind in ("cjk", "ko"):
                same = g[0] == "同"
                yr = int(g[0]) if g[0] and not same else None
                shift = _year_shift(text[max(0, m.start() - 5) : m.start()]) if yr is None and not same else None
                items = [RawDate(m.start(), m.end(), yr, int(g[1]), int(g[2]), kind, year_ref=same, shift=shift)]
            elif kind == "zh_num":
                items = [RawDate(m.start(), m.end(), int("".join(str(_ZH_DIGITS[c]) for c in g[0])), _zh_number(g[1]),
                                 _zh_number(g[2]), "cjk")]
            elif kind == "iso":
                mo, dy = next((g[i], g[i + 1]) for i in (1, 3, 5) if g[i])
                items = [RawDate(m.start(), m.end(), int(g[0]), int(mo), int(dy), kind)]
            elif kind == "dmy":
                items = [RawDate(m.start(), m.end(), int(g[2]) if g[2] else None, _MONTHS[g[1].lower()], int(g[0]), kind)]
            elif kind == "mdy":
                if g[0].lower() in ("may", "mar", "march") and not g[2] and not m.group(0)[0].isupper():
                    continue  # "may 5" in prose is a verb, "march" a noun, unless a year follows
                items = [RawDate(m.start(), m.end(), int(g[2]) if g[2] else None, _MONTHS[g[0].lower()], int(g[1]), kind)]
            elif kind == "num":
                a, b = int(g[0]), int(g[2])
                mon, day = (a, b) if us_locale else (b, a)
                if mon > 12 and day <= 12:
                    day, mon = mon, day
                items = [RawDate(m.start(), m.end(), int(g[3]), mon, day, kind)]
            elif kind == "us_short":
                items = [RawDate(m.start(), m.end(), 2000 + int(g[2]), int(g[0]), int(g[1]), kind)]
            elif kind == "ko_bare":
                items = [RawDate(m.start(), m.end(), None, 0, int(g[0]), "ko_day", year_ref=True)]
            elif kind == "ko_day":
                month_shift = 1 if g[0] in ("내달", "다음달", "다음 달") else 0 if g[0] in ("이달", "이번달", "이번 달") else None
                items = [RawDate(m.start(), m.end(), None, 0, int(g[1]), kind, year_ref=g[0] == "오는", shift=month_shift)]
            if kind in ("dmy", "mdy") and items[0].year is None:
                items[0].shift, items[0].recent = _relative_year(text[m.end() : m.end() + 40])
            found.extend(items)
            taken.append((m.start(), m.end()))
    found.sort(key=lambda r: r.start)
    return found


_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}


def _zh_number(word: str) -> int:
    """1-31 written in Chinese numerals: "一", "十", "十二", "二十", "二十八"."""
    if "十" not in word:
        return _ZH_DIGITS[word]
    tens, _, units = word.partition("十")
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)


_NEXT_YEAR = re.compile(r"(?:내년|명년|明年|来年|來年|翌年)\s*(?:도\s*)?$")
_THIS_YEAR = re.compile(r"(?:올해|금년|今年|本年)\s*(?:도\s*)?$")
_LAST_YEAR = re.compile(r"(?:작년|지난해|去年|昨年|前年)\s*(?:도\s*)?$")


# a yearless day with its year said in words after it: "2 agosto dello scorso anno", "August 2 of next year"
_YEAR_AFTER = re.compile(
    r"\s*,?\s*(?:(?:of |de l'|de la |del |dello |dell'|do |da |des |de )?(?:the )?"
    r"(?P<last>last year|previous year|année (?:dernière|précédente|passée)|scorso anno|anno (?:scorso|passato|precedente)"
    r"|ano passado|ano anterior|año pasado|año anterior|vergangenen jahres|letzten jahres|vorjahres)"
    r"|(?:of |de l'|del |dell'|do |da |des |de )?(?:the )?(?P<next>next year|following year|coming year|année prochaine"
    r"|année suivante|prossimo anno|anno prossimo|próximo ano|ano que vem|próximo año|año que viene|nächsten jahres"
    r"|kommenden jahres|folgenden jahres))"
    # "le 2 août dernier", "il 2 agosto scorso", "em 2 de agosto passado", "el 2 de agosto pasado", "last 2 August"
    r"|\s+(?P<recent>dernier|scorso|passato|passado|pasado)\b|\s+(?P<coming>prochain|prossimo|próximo)\b", re.I)


def _relative_year(after: str) -> tuple[int | None, int | None]:
    """(year shift, last/next occurrence) said in words right after a yearless day."""
    m = _YEAR_AFTER.match(after)
    if m is None:
        return None, None
    if m.group("last") or m.group("next"):
        return (-1 if m.group("last") else 1), None
    return None, (-1 if m.group("recent") else 1)


def _year_shift(before: str) -> int | None:
    """The year a yearless CJK or Korean date is in, relative to the page's date, from the word just before it."""
    for rx, shift in ((_NEXT_YEAR, 1), (_THIS_YEAR, 0), (_LAST_YEAR, -1)):
        if rx.search(before):
            return shift
    return None


def valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d) if 1990 <= y <= 2100 else None
    except ValueError:
        return None
