"""Where a mention of an instrument stands, and what that makes it: background wording ("replaces", "such as",
"in line with"), a setting adverbial, navigation and table-of-contents lines, related-content lists, and the rows of
status tables. The tagger weighs each mention by these readings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import STAMP_LINE, fold, line_at, table_header

# Sentences about history, predecessors or comparisons: mentions there are background, not the change.
BACKGROUND_WORDS = re.compile(
    r"replac|supersed|predecessor|previous|earlier|formerly|vetoed|revok|rescind|repeal|build(?:s|ing)? on"
    r"|in line with|similar to|\bas in\b|comme pour (?:le|la|les|l')|à l'instar d|tout comme|\bwie (?:bei|die|der|das)\b|come per (?:il|la)|como (?:en|no|na) (?:el|la|o|a)?\b|(?:narrower|broader|stricter|weaker|tougher|looser|lighter) than|next to (?:the )?(?=\w)|modell?ed on|inspired by|like the|compared|comparison|alongside|together with"
    r"|held as part of|on the sidelines|venue|unlike|依据|根据|落实|贯彻|依照|按照|参考"
    r"|此前|曾经|继.{0,12}之后|此前发布|参照|借鉴|以往|先前|以前|等法律|等法规|衔接|銜接|相协调|相協調|对齐|對齊|还没有|還沒有|尚未制定|尚未出台|尚无|尚無|还未|還未|今后|今後|향후|とは別|とは異な|와는\s?별개|与.{0,20}不同|与.{0,30}(?:同步|配套|一并|协同)(?:实施|施行|推进)|との整合|との関係|[과와]의\s?(?:관계|정합)"
    r"|を踏まえ|をふまえ|の策定に向け|を策定する|これから策定|今後策定|策定に着手|策定予定"  # Japanese: "in light of", "to draw up (planned)"
    r"|separate from|distinct from|unrelated to|not part of|in addition to|complement(?:s|ing|ed|ary to)?\b|en complément d"
    r"|zusätzlich zu|in aggiunta a|além d[oa]s?\b|además de"
    # an instrument that keeps applying alongside the change: "the GDPR continues to apply", "DSGVO bleibt daneben …"
    r"|continues? to apply|remains? (?:fully )?applicable|\bdaneben\b|unberührt|bleibt (?:\w+ ){0,3}(?:maßgeblich|anwendbar)"
    r"|rest(?:e|ent) (?:pleinement )?applicables?|sigue(?:n)? siendo aplicables?|continua(?:m)? (?:a ser )?aplicáve(?:l|is)"
    r"|take[sn]? (?:\w+ )?into account|tak(?:ing|es) account of|tengono conto|tiennent compte|tient compte|berücksichtig"
    r"|tienen en cuenta|levam em conta|leva em conta"
    # a text cited for a definition or a principle: "as defined in", "points to Executive Order 14110", "reflected in"
    r"|as defined (?:in|by)|definition (?:in|from|used in)|points? to|\bcit(?:es|ing)\b|reflected in|principles of"
    r"|(?:while|whilst|enquanto|mentre|mientras|pendant que|während)\b[^,.;]{0,30}(?:debat|discut|discuss|examin|consider|tramit|analis)"
    r"|(?:first|second|third|fourth|latest|another|next) (?:state|country|jurisdiction)|follows? (?:the )?(?:lead|footsteps)"
    r"|\bjoins\b|mirror(?:s|ing)|\becho(?:e?s|ed|ing)?\b|modell?ed after|patterned (?:on|after)|borrow(?:s|ed|ing)? from"
    r"|lin(?:e|es|ing) up (?:\w+ ){0,4}with|(?:bring|brings|bringing) (?:\w+ ){0,4}into line|aligning (?:\w+ ){0,4}with"
    # examples given in passing: "laws such as the EU AI Act", "Texas lawmakers, for example, …"
    r"|\bsuch as\b|for example|for instance|\be\.g\.|por exemplo|par exemple|zum beispiel|ad esempio|por ejemplo"
    r"|例えば|比如|例如|\bdialoga com|relates? to the (?:debate|discussion)"
    r"|\bback in (?:\d{4}|the)\b|\blast (?:year|month|spring|summer|autumn|fall|winter|january|february|march|april"
    r"|may|june|july|august|september|october|november|december)\b|consistent with|in keeping with"
    r"|\bexisting (?:\w+ ){0,2}(?:framework|rules|legislation|laws?|regulations?)\b|\bnot (?:as|under)\b|\bdraw(?:s|ing)? (?:\w+ ){0,3}?on\b"
    # history told in passing: "in recent years … have successively issued", "…を主導してきた"
    r"|in the pipeline|pour mémoire|as a reminder|zur erinnerung|vale lembrar|cabe recordar|ricordiamo che|为基础|為基礎|を基に|를 바탕으로"
    r"|近年|先后(?:制定|出台|发布|印发)|已经?先后|てきた[。、]|してきた|としては[^。]{0,60}(?:があります|がある)"
)
# A sentence that opens with a setting adverbial ("In the context of X and Y, the Commission ...") names the background
# before its first comma.
SETTING = re.compile(
    r"(?:in the context of|against the backdrop of|in light of|in view of|in the wake of|dans le cadre d|im rahmen d"
    r"|nel quadro d|en el marco d|no âmbito d|在.{0,30}背景下)[^,，;；]*$")


TOC_LINE = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节節编編]|제\s*\d+\s*장|chapter [ivxlc\d]+\b).{0,60}[(（]第?[一二三四五六七八九十百\d]+条?", re.I)
LINK_LINE = re.compile(r"^\s*(?:[-*]\s*)?\[[^\]]*\]\([^)]*\)\s*$|^\s*[-*]?\s*\[[^\]]*\]\s*$")



# a block headed "Related content" / "See also" / "延伸閱讀" lists other pages: navigation, not the change
_RELATED_HEAD = re.compile(
    r"^\W*(?:related(?: content| links| articles| news)?|see also|read more|further reading|voir aussi|à lire aussi"
    r"|weitere informationen|siehe auch|leia também|vea también|leggi anche|延伸阅读|延伸閱讀|相关阅读|相關閱讀|関連(?:記事|資料|情報)?"
    r"|관련\s*(?:기사|자료))\W*$", re.I | re.M)


# an inline related-content line: "Related insights: [A](…) · [B](…)"
_RELATED_INLINE = re.compile(r"^\W*(?:related|see also|read more|more on|further reading|you may also like|leia também"
                             r"|lire aussi|weitere artikel|関連記事|相关阅读|相關閱讀|관련\s*기사)[^:：\n]{0,20}[:：]", re.I)


def under_related(text: str, pos: int) -> bool:
    if _RELATED_INLINE.match(line_at(text, pos)):
        return True
    block = text.rfind("\n\n", 0, pos)
    head = text.find("\n", block + 2)
    return 0 <= head < pos and bool(_RELATED_HEAD.match(text, block + 2 if block >= 0 else 0, head))


# a bill tracker's status or action line: "Status: Became Law", "12/12/2024 - Plenário …", "Dec 19, 2025  SIGNED"
_ROW_DATE = r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}\b|\d{4}\s*[年년.]\s*\d{1,2}\s*[月월.]|令和\s*\S{1,2}\s*年)"
TITLE_ROW = re.compile(
    r"^[ \t*|-]*(?:議案件名|件名|法案名|案件名|标题|標題|名称|名稱|의안명|법률명|제목|(?:short |long )?title|bill(?: name)?|ementa"
    r"|titre|titolo|título|titel)\s*(?:[:：\t|]|　)[^\n]+", re.I | re.M)
_STATUS_LINE = re.compile(
    r"\W*(?:(?:status|situa[çc][ãa]o|estado|état|stato|stand|状态|狀態|상태|進捗)\s*[:：]|" + _ROW_DATE
    # a field row: a short label, a separator, then a date ("衆議院審議終了年月日／…　令和 7年 4月24日／可決")
    + r"|[^\n]{1,60}?(?:[:：\t|]|　)\s*" + _ROW_DATE + ")", re.I)


def rows_only(text: str, changed: Sequence[tuple[int, int]]) -> bool:
    """Whether the change is table rows or a tracker's status and action lines (besides an update stamp)."""
    spans = [a for a, b in changed if b > a and not STAMP_LINE.match(text[a:b].strip())]
    return bool(spans) and all(table_header(text, a) is not None or _status_lines(text[a:b])
                               for a, b in changed if a in spans)


def _status_lines(chunk: str) -> bool:
    lines = [line for line in chunk.splitlines() if line.strip()]
    return bool(lines) and all(_STATUS_LINE.match(line) for line in lines)


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


def around(text: str, start: int, end: int) -> str:
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


def setting(text: str, pos: int) -> bool:
    start = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos), text.rfind("。", 0, pos)) + 1
    return bool(SETTING.match(text, start + (len(text[start:pos]) - len(text[start:pos].lstrip())), pos))


def clause_before(text: str, pos: int) -> str:
    """The words of a mention's own clause before it (back to the line start or the last comma or stop), folded."""
    start = max(text.rfind(sep, 0, pos) + len(sep) for sep in ("\n", "，", ", ", "。", ". ", "；", "; "))
    return fold(text[max(0, start) : pos]).text


_RECITALS_START = re.compile(r"\bWhereas\s*:|considérant ce qui suit|In Erwägung nachstehender Gründe|considerando quanto segue"
                             r"|Considerando lo siguiente|Considerando o seguinte")
_RECITALS_END = re.compile(r"HAS ADOPTED|HAVE ADOPTED|A ADOPTÉ|ONT ADOPTÉ|HAT FOLGENDE|HABEN FOLGENDE|HA ADOTTATO|HANNO ADOTTATO"
                           r"|HA ADOPTADO|HAN ADOPTADO|ADOTOU")


def recital_span(text: str) -> tuple[int, int]:
    """The recitals of an EU-style act ("Whereas: (1) …" up to "HAS ADOPTED THIS REGULATION"), or an empty span."""
    start = _RECITALS_START.search(text)
    if start is None:
        return 0, 0
    end = _RECITALS_END.search(text, start.end())
    return start.end(), end.start() if end else len(text)
