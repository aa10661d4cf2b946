"""Text normalisation shared by the tagger, the date extractor and the kind rules.

`fold` maps a text to a matching form (NFKC width folding, traditional -> simplified Chinese for the characters
that occur in instrument names and cue words, "artificial intelligence" as "ai", lower case, one kind of quote and dash, no spaces next to CJK or
Hangul, no thousands separators inside numbers) and keeps, for every folded character, the index of the original
character it came from, so evidence can be quoted from the page itself.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

_QUOTES = {"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
_DASHES = dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d", "-")
_DROP = set("《》〈〉「」『』\u200b\u200c\u200d\ufeff")
# "Artificial Intelligence (AI) Action Plan" and "AI Action Plan" are one name: the spelled-out form folds to "ai"
SPELLED_AI = re.compile(r"\bartificial[ \t]+intelligence(?:[ \t]*\([ \t]*ai[ \t]*\))?(?![a-z])", re.I)
_URL = re.compile(r"!?\[([^\]]*)\]\((?:https?://|/)[^)\s]*\)|https?://[^\s)\]>\"']+|www\.[^\s)\]>\"']+")


def is_wide(ch: str) -> bool:
    """Han, kana or Hangul: scripts written without (Chinese, Japanese) or with loose (Korean) word spaces."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3040 <= code <= 0x30FF
        or 0xAC00 <= code <= 0xD7A3
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFF0F
    )


@functools.lru_cache(maxsize=1)
def _zh_tables() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files("watcher.data").joinpath("zh_variants.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    pairs: str = data["t2s_pairs"]
    chars = {pairs[i]: pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}
    return chars, dict(data.get("phrases", {}))


def _char_fold(ch: str, t2s: dict[str, str]) -> str:
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in _DASHES:
        return "-"
    if ch.isspace():
        return " "
    if ch == "°":
        return "o"  # "n°" is the number sign "nº" (NFKC folds the ordinal indicator to "o")
    if ord(ch) > 0x7F:
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) == 1:
            ch = folded
        ch = t2s.get(ch, ch)
    return ch.lower() if len(ch.lower()) == 1 else ch


@dataclass(frozen=True)
class Folded:
    text: str
    index: tuple[int, ...]  # index[i] = position in the original of folded character i

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.index[start], self.index[end - 1] + 1


def fold(text: str) -> Folded:
    t2s, phrases = _zh_tables()
    for trad, simp in phrases.items():
        if trad in text:
            text_parts = text.split(trad)
            text = simp.join(text_parts)
    out: list[str] = []
    idx: list[int] = []
    n = len(text)
    spelled = {m.start(): m.end() for m in SPELLED_AI.finditer(text)}
    skip_to = 0
    for i, raw in enumerate(text):
        if i < skip_to or raw in _DROP:
            continue
        if i in spelled:
            skip_to = spelled[i]
            out.extend("ai")
            idx.extend((i, skip_to - 1))
            continue
        ch = _char_fold(raw, t2s)
        if ch == " ":
            if not out or out[-1] == " " or is_wide(out[-1]):
                continue
            # look ahead to the next visible character: no space before CJK/Hangul
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and is_wide(_char_fold(text[j], t2s)):
                continue
        elif (
            ch in ".,"
            and out
            and out[-1].isdigit()
            and text[i + 1 : i + 4].isdigit()
            and len(text[i + 1 : i + 4]) == 3
            and (i + 4 >= n or not text[i + 4].isdigit())
        ):
            continue  # 2.338 / 2,338 -> 2338 (thousands separator)
        out.append(ch)
        idx.append(i)
    return Folded("".join(out), tuple(idx))


# pinyin that mirror sites put after characters: "網(wǎng)絡(luò)安全", "產(chǎn)業(yè)"
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-z]{1,6}\d)\)")


def strip_pinyin(text: str) -> str:
    """A mirror's text without its pinyin annotations, so names and cue words read whole again."""
    return _PINYIN.sub("", text) if "(" in text else text


def fold_alias(alias: str) -> str:
    return fold(alias).text.strip()


def strip_links(text: str) -> str:
    """Blank out URLs and Markdown link targets (keeping link text) so addresses are not read as mentions."""

    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None and not m.group(0).startswith("!"):
            inner = m.group(1)
            return inner + " " * (len(m.group(0)) - len(inner))
        return " " * len(m.group(0))

    return _URL.sub(repl, text)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences/lines: split at line breaks and sentence punctuation (Latin and CJK)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n\s*\n|\n|(?<=[.!?;])\s+(?=[A-Z\"'(])|(?<=[。！？；])", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def table_header(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the header row of the '|' table whose row holds `pos` (a listing row is read with its header)."""
    start = text.rfind("\n", 0, pos) + 1
    if "|" not in text[start : text.find("\n", pos) if "\n" in text[pos:] else len(text)]:
        return None
    top = start
    while top > 0:
        prev = text.rfind("\n", 0, top - 1) + 1
        if "|" not in text[prev : top - 1]:
            break
        top = prev
    if top == start:
        return None
    return top, text.find("\n", top)


# "Home > News", "首页＞政策", "Accueil » Actualités" (a closing guillemet after an opening one is a quotation mark)
_CRUMB = r"\S\s*(?:>|＞|›)\s*\S|^(?![^\n]*«)[^\n]*?\S\s*»\s*\S"
_BREADCRUMB = re.compile(_CRUMB)
_FURNITURE_LINE = re.compile(
    _CRUMB + r"|\S\s*::\s*\S|\S\s+/\s+\S|\s\|\s|^\W*(?:home|首页|首頁|홈|ホーム|início|inicio|accueil|startseite|share|print"
    r"|subscribe|by |記者|记者|来源|來源)\b|^[\W\d]*(?:\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w{3,9}\s+\d{4})[\W\d]*$"
    r"|^[\d\s./:年月日-]+(?:[（(][^）)\d]{1,3}[）)])?\s*$"
    # share widgets and reading aids of Chinese, Japanese and Korean news sites
    r"|微信|朋友圈|分享|扫一扫|掃一掃|二维码|二維碼|字号|字號|打印本页|关闭窗口|關閉窗口|正在阅读|正在閱讀|シェア|ツイート|공유하기|글자크기"
    r"|^\W*(?:发布时间|發佈時間|發布時間|发布日期|發布日期)\s*[:：]|도메인 주소|\S\s+·\s+\S[^\n]*\s·\s+\S|continue reading|keep reading|log in\b|sign in\b|create an account|free trial|unlimited access|free articles?\b|start (?:a |your )?(?:free )?trial|바로가기|누리집|skip to (?:main )?content|[^_\n]+_[^_\n]+_[^_\n]+_"  # skip links, official-site banners, spam title runs
    r"|^\W*(?:\w+\s){0,2}(?:institution |press |latest )?news\W*$"
    # photo captions and bylines of Chinese and Korean news sites: "▲…。（圖／CFP）", "(사진=…)", "文／中央社"
    r"|^\s*[▲△▼▶]|[（(](?:圖|图|照片|사진|写真)\s*[／/=：:][^）)\n]{1,30}[）)]\s*$|^\W*文\s*[／/]", re.I)


_CONSENT = re.compile(
    r"(?:uses?|verwendet|nutzt|utilise|utiliza|usa|utilizza) (?:\w+ )?cookies|cookie (?:settings|policy|banner)|accept all"
    r"|alle akzeptieren|tout accepter|accetta tutt|aceptar todas|aceitar todos|^\W*navigation\s*:", re.I)


_ORG_NOUN = (r"(?:Office|Ministry|Department|Federation|Committee|Association|Council|Institute|Agency|Authority"
             r"|Supervisor|Commissioner|Society|Alliance|Foundation|Cent(?:re|er)|Chamber|Board|Industry|Services|Voice)")
_TITLE_WORD = r"(?:[A-Z][\w&'’.-]*|of|for|the|and|&|in)"
# a site's own name standing above the page: "The Office of the Governor of the State of New York",
# "FEBIS – Federation of Business Information Services", "Eurosmart - The Voice of the Digital Security Industry";
# an image caption with its credit ("… - Reprodução", "Photo: …"); a byline with the author's post ("… 教授 张凌寒")
_MASTHEAD = re.compile(
    r"^\W*(?:[A-Z][\w&.]{1,15}\s+[–—-]\s+)?(?:The\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}" + _ORG_NOUN
    + r"(?:\s+" + _TITLE_WORD + r")*\s*$"
    # an authority's acronym and its name in its own language: "AZOP - Agencija za zaštitu osobnih podataka"
    r"|^\W*[A-Z]{2,8}\s+[–—-]\s+(?:Agencija|Agência|Agencia|Agence|Agentur|Agenzia|Autoridade|Autoridad|Autorité|Autorità"
    r"|Behörde|Bundesamt|Ministério|Ministerio|Ministère|Ministero|Úřad|Urząd|Urad|Garante|Conselho|Consejo|Conseil|Commission)"
    r"\b[^\n.]{0,80}$"
    r"|(?i:[–—-]\s*(?:reprodução|reproducción|divulgação|foto|photo|image|credit)\b[^\n]{0,40}$|^\W*(?:foto|photo|image|credit)\s*:)"
    r"|(?:教授|研究员|研究員|记者|記者|编辑|編輯|기자|특파원|パートナー|弁護士)\s*[\u4e00-\u9fff]{2,3}\s*$")


def _headline_like(line: str) -> bool:
    """A line that reads as a headline rather than a masthead, a menu, a breadcrumb or a dateline."""
    if _FURNITURE_LINE.search(line) or _CONSENT.search(line) or line.rstrip().endswith((".", "。")):
        return False
    if _MASTHEAD.search(line.strip()):
        return False
    wide = sum(1 for ch in line if is_wide(ch))
    if wide * 2 >= len(line.strip()):
        return 8 <= wide <= 60
    return 32 <= len(line.strip()) <= 160


def _short_title(line: str) -> bool:
    text = line.strip()
    if _FURNITURE_LINE.search(line) or _CONSENT.search(line) or text.endswith((".", "。", ":", "：")) or any(
            c in text for c in "[]|>›»"):
        return False
    wide = sum(1 for ch in text if is_wide(ch))
    return 4 <= wide < 8 if wide * 2 >= len(text) else 12 <= len(text) < 32


def line_at(text: str, pos: int) -> str:
    """The whole line of `text` that holds `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def menu_line(line: str) -> bool:
    """Whether a line above a headline is site furniture: a menu, breadcrumb, paywall or cookie notice."""
    return bool(_FURNITURE_LINE.search(line) or _CONSENT.search(line))


def head_end(text: str, *, skip_furniture: bool = True) -> int:
    """End of the headline: the first Markdown '# ' heading line, else the first headline-like line among the
    first ten (mastheads, menus, breadcrumbs and datelines are passed over), else the first non-empty line."""
    m = re.search(r"^#{1,2} .+$", text, re.M)
    if m and m.start() < len(text) * 0.6:
        return m.end()
    lines = [x for x in re.finditer(r"\S[^\n]*", text) if len(re.findall(r"\w", x.group(0))) >= 6]
    first = lines[0] if lines else None
    if skip_furniture:  # with no headline line, the page's first line that is not furniture (a lede) heads it
        first = next((x for x in lines[:12] if not (_FURNITURE_LINE.search(x.group(0)) or _CONSENT.search(x.group(0)))),
                     first)
    top: list[re.Match[str]] = []  # the lines above the first body paragraph
    after_crumb = -1  # index in `top` of the first line below a breadcrumb
    for x in lines[:12]:
        if _BREADCRUMB.search(x.group(0)) and len(x.group(0)) <= 200:
            after_crumb = len(top)
        if skip_furniture and (_FURNITURE_LINE.search(x.group(0)) or _CONSENT.search(x.group(0))) and len(x.group(0)) <= 300:
            continue  # a paywall or cookie notice above the headline is not the body's first paragraph
        if len(x.group(0)) > 200 or (len(x.group(0)) > 80 and x.group(0).rstrip().endswith((".", "。"))):
            break
        top.append(x)
    if skip_furniture:
        # a breadcrumb ("Home > Artificial Intelligence") stands just above the page's own headline: a tagline above
        # it belongs to the site
        if after_crumb >= 0 and any(_headline_like(x.group(0)) for x in top[after_crumb:]):
            top = top[after_crumb:]
        # else the last short title-like line just above the body ("Zeitplan der KI-Verordnung")
        # a title the capture holds twice (the page's <title> and its <h1>) is the headline
        said = [x.group(0).strip() for x in lines[:16]]
        m = next((x for x in top if _headline_like(x.group(0)) and said.count(x.group(0).strip()) > 1), None)
        m = m or next((x for x in top if _headline_like(x.group(0))), None) or next(
            (x for x in reversed(top) if _short_title(x.group(0))), first)
    else:
        m = first
    if not m:
        return 0
    line = m.group(0)
    if len(line) > 160:
        stop = re.search(r"[.!?。！？](?:\s|$)|[。！？]", line)
        return m.start() + (stop.end() if stop and stop.end() <= 200 else 160)
    return m.end()


def simplify(text: str) -> str:
    """Traditional -> simplified Chinese and full-width -> ASCII, character for character (same length)."""
    t2s, phrases = _zh_tables()
    for trad, simp in phrases.items():
        if trad in text:
            text = simp.join(text.split(trad))
    out = []
    for ch in text:
        if ord(ch) > 0x7F:
            folded = unicodedata.normalize("NFKC", ch)
            ch = t2s.get(folded if len(folded) == 1 else ch, folded if len(folded) == 1 else ch)
        out.append(ch)
    return "".join(out)


# page furniture lines: an update stamp ("Stand: 03.06.2025", "Last updated …") and a cookie or consent banner
STAMP_LINE = re.compile(
    r"\W*(?:(?:page )?last\s+updated?|updated|modified|(?:最終)?更新日(?:時)?|掲載日|更新|최종\s*수정|aktualisiert|zuletzt aktualisiert|stand(?=\s*:)|(?:status\s+)?as\s+(?:of|at)(?=\s*:)"
    r"|mis à jour|atualizad[oa]|actualizad[oa]|aggiornat[oa]"
    # when a capture or a poll's tally was made ("Resultado apurado em …", "Retrieved 3 May 2026", "Abgerufen am …")
    r"|(?:resultado\s+)?apurad[oa]\s+em|retrieved|accessed|consultado em|acesso em|abgerufen am|consulté le)\b[^\n]{0,40}$", re.I)
_BANNER = re.compile(r"cookie|쿠키|クッキー|adobe (?:acrobat )?reader|acrobat reader|(?:consent|einwilligung|consentement|consentimento|consenso).*\[[^\]\n]{1,24}\]", re.I)


# a line that is only a date (a site header's "today": "2026.02.22(日)")
DATE_ONLY = re.compile(r"\d{4}[./年-]\s*\d{1,2}[./月-]\s*\d{1,2}日?\s*(?:[（(][^）)\d]{1,3}[）)])?")


def furniture_line(line: str) -> bool:
    """Whether a line is page furniture: an update stamp, or a short cookie/consent banner."""
    line = line.strip()
    return bool(STAMP_LINE.match(line)) or (len(line) <= 300 and bool(_BANNER.search(line)))



# a status badge of a law database or a document page, with or without its label ("时效性：现行有效", "Status: In force")
_STATUS_LABEL = r"^\W*(?:(?:时效性|時效性|效力|状态|狀態|status|현행\s*여부|시행\s*여부|施行状況)\s*[:：|]\s*)?"
_IN_FORCE_WORDS = r"现行有效|現行有效|现行|現行|有效|已生效|已实施|已實施|施行中|시행|현행|in force|in effect|effective|vigente|en vigueur|in kraft"
STATUS_IN_FORCE = re.compile(_STATUS_LABEL + rf"(?:{_IN_FORCE_WORDS})\W*$", re.I | re.M)
STATUS_BADGE = re.compile(
    _STATUS_LABEL + rf"(?:{_IN_FORCE_WORDS}|已发布|已發布|已废止|已廢止|废止|失效|repealed|superseded|withdrawn|published"
    r"|revogad[oa]|abrogée?|aufgehoben)\W*$", re.I | re.M)
# the field or sentence that gives a law's commencement ("施行日期", "시행일", "Effective date")
COMMENCEMENT_FIELD = re.compile(r"施行日期|实施日期|實施日期|生效日期|施行日|시행일|effective date|date of entry into force"
                                r"|entry into force|data de vigência|date d'entrée en vigueur", re.I)
