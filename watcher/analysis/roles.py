"""Role of a date from per-role vocabularies of stems, scored by distance inside the date's own sentence.

The phrase cues of `cues.py` know the formulaic wordings; this reader knows the words. Each role has a
vocabulary of stems in the languages the watcher meets; the stem nearest to the date on either side of it
(before the date counts a little more than after it) decides, and a comment vocabulary anywhere in the
sentence turns a closing or time-limit word into the end of a comment window. Where several roles are
equally near, the precedence is: comment window closing > entry into force > application > generic limit.

Start words that do not say what starts ("take effect", "operative", "效力") are read with their subject:
obligations, requirements or prohibitions start to apply; an act, a law or rules come into force.
"""

from __future__ import annotations

import re

from .cues import is_comment_context
from .text import is_wide, table_header

_I = re.I

# per-role vocabularies of stems; "start" words do not say what starts, "duty" and "instrument" words say it
_STEMS: dict[str, str] = {
    "force": r"in\s?force|into effect|tak(?:e|es|en|ing) effect|took effect|effective|(?:divent|diventat|devenu)\w* effe(?:tt|ct)iv|vigor|vigueur|vigore|vigente"
             r"|vigência|kraft|commence|(?:施行|生效|实施|實施|实行|實行|시행|효력|発効)"
             r"(?!以来|以後|之后|以后|이후|령|규칙|令|規則|规则|细则|細則)",
    # not "the Apply AI Strategy", nor how AI "is applied in practice"
    "apply": r"(?:appl(?:y|ies|icable|ication)|(?<!is )(?<!are )(?<!be )applied)(?!\s+ai\b)|applicab|s'appliqu|aplica|applica|anwend|anzuwend|\bgelten|\bgilt\b"
             r"|\bgreif|opposable|适用|適用|적용",
    "start": r"operativ|\bscatt(?:a|ano|erà|eranno|at[oaie])\b|(?:become|becomes|became|be) enforceable|kick(?:s|ed)? in|\bbites?\b|\bstart(?:s|ed)?\b|switched on|in (?:place|effect)|上路",
    "limit": r"deadline|\buntil\b|no later than|not later than|\bby\b|\bbefore\b|\bclos(?:e|es|ed|ing)\b|\bends?\b"
             r"|expir|shut|encerra|termina|finaliza|scade|scadenza|frist|spätestens|jusqu|até|\bbis\b|entro|hasta|fino"
             r"|\bavant (?:le|la|l')|\bd'ici (?:le|au|la|fin)"
             r"|まで|까지|截止|截至|以前|之前|(?<=日)前|마감|締切|締め切り|期限",
    "duty": r"obligation|requir|duties|\bduty\b|prohibit|\bban\b|\bmust\b|pflicht|verbot|verlang|müssen|obblig|obrigaç"
            r"|obligacion|exig|doivent|devono|deben|devem|richied|义务|義務|의무|要求|禁止|規制|[須须](?!知)|sanction|penalt|bußgeld"
            r"|\bamendes?\b|multa|sanzion|sanktion|interdi[ts]|devr(?:a|ont)\b|provisions|disposizioni|dispositions|disposiciones|bestimmungen",
    "instrument": r"\b(?:act|law|rules?|regulations?|order|decree|measures?|statute)\b|\blei\b|\bloi\b|\blegge\b"
                  r"|\bley\b|gesetz|verordnung|décret|decreto|办法|規定|规定|条例|法律|법|令",
    "since": r"\bsince\b|depuis|\bseit\b|\bab\b|desde|\bdal\b|dès|\bas of\b|以来|から|부터|起",
    # "beginning"/"starting" with a date start something only when duties are named ("must comply … beginning")
    "begin": r"\bbeginning\b|\bstarting\b|\bà partir d|a partir d|\ba decorrere\b|\bà compter d",
}
_FORCE, _APPLY, _START, _LIMIT, _DUTY, _INSTRUMENT, _SINCE, _BEGIN = (
    re.compile(_STEMS[k], _I) for k in ("force", "apply", "start", "limit", "duty", "instrument", "since", "begin"))

_BANNED_FROM = re.compile(r"\b(?:banned|prohibited|forbidden|outlawed|mandatory|required|obligatory)\s+(?:from|as of|starting)\s*$", _I)
_BEFORE_BIAS = 0  # a stem before the date is read as it stands
_AFTER_BIAS = 6  # one after it counts as a little further away
_AFTER_REACH = 34
_AFTER_REACH_WIDE = 16  # CJK and Hangul say as much in fewer characters: "22일부터 시행", "9月1日起施行"


def _nearest(rx: re.Pattern[str], before: str, after: str) -> int | None:
    best: int | None = None
    for m in rx.finditer(before):
        d = len(before) - m.end() + _BEFORE_BIAS
        best = d if best is None or d < best else best
    m2 = rx.search(after)
    if m2 and m2.start() <= (_AFTER_REACH_WIDE if any(is_wide(c) for c in after[: m2.start()]) else _AFTER_REACH):
        d = m2.start() + _AFTER_BIAS
        best = d if best is None or d < best else best
    return best


def start_subject(sentence: str, default: str) -> str:
    """What a loosely worded start means: application when duties start, entry into force when an act does."""
    duty = [m.start() for m in _DUTY.finditer(sentence)]
    inst = [m.start() for m in _INSTRUMENT.finditer(sentence)]
    if duty and not inst:
        return "applies-from"
    if inst and not duty:
        return "entry-into-force"
    if duty and inst:  # the nearer of the two to the start word is its subject
        return "applies-from" if duty[-1] > inst[-1] else default
    return default


_PRECEDENCE = ("comments-due", "entry-into-force", "applies-from", "deadline")


_NEXT_DATE = re.compile(r"\d{4}(?![/\d])|\d{1,2}\s*[月월]|\d{1,2}\.?\s+[A-Za-zÀ-ÿ]{3,9}\.?\s+\d|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b")


def vocabulary_role(before: str, after: str, reach: int = 60) -> tuple[int, str] | None:
    """(distance, role) from the stems nearest the date inside its sentence, or None when none is within `reach`.

    The words after the date are read up to the next date: those beyond it are about that date.
    """
    nxt = _NEXT_DATE.search(after)
    after = after[: nxt.start()] if nxt else after
    sentence = before + " " + after
    found: list[tuple[int, str]] = []
    limit = _nearest(_LIMIT, before, after)
    if limit is not None:
        found.append((limit, "comments-due" if is_comment_context(sentence) else "deadline"))
    force = _nearest(_FORCE, before, after)
    if force is not None:
        found.append((force, "entry-into-force"))
    apply = _nearest(_APPLY, before, after)
    if apply is not None:
        found.append((apply, "applies-from"))
    start = _nearest(_START, before, after)
    if start is not None:
        found.append((start, start_subject(sentence, "entry-into-force")))
    begin = _nearest(_BEGIN, before, after)
    if begin is not None and _DUTY.search(sentence):
        found.append((begin, "applies-from"))  # "must comply with the requirements beginning 1 January"
    banned = _BANNED_FROM.search(before)
    if banned:
        found.append((len(before) - banned.end(), "applies-from"))  # "systems that generate CSAM are banned from …"
    since = _SINCE.search(before[-24:])
    if since and _DUTY.search(after):
        found.append((len(before) - since.end(), "applies-from"))  # "since 2 February, providers must …"
    found = [f for f in found if f[0] <= reach]
    if not found:
        return None
    dist, role = min(found, key=lambda f: (f[0] // 8, _PRECEDENCE.index(f[1])))
    if role == "entry-into-force" and _DUTY.search(sentence) and not _INSTRUMENT.search(sentence[: len(before)]):
        role = "applies-from"  # "the reporting obligations take effect on …"
    return dist, role


def column_header(text: str, pos: int) -> tuple[str, str, str, str] | None:
    """The header cell above a date in a '|' table, the label cell just before it in its row, the row's cells after
    it, and the whole header row."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    row = text[start : end if end >= 0 else len(text)]
    if row.count("|") < 2:
        return None
    index = text.count("|", start, pos)
    cells = row.split("|")
    label = next((c for c in reversed(cells[:index]) if c.strip()), "")
    top = table_header(text, pos)
    head_row = text[top[0] : top[1]] if top else ""
    head = head_row.split("|")
    rest = " ".join(cells[index + 1 :])
    return (head[index] if index < len(head) else ""), label, rest, head_row


def table_role(text: str, pos: int) -> tuple[bool, tuple[int, str] | None]:
    """Whether a date stands in a table row, and the role it gets there: from its column header, else the label cell
    before it, else what its row says after it ("Frist für …"), else the header row as a whole ("| Ab | Was gilt |")."""
    cells = column_header(text, pos)
    if cells is None:
        return False, None
    header, label, rest, head_row = cells
    return True, (vocabulary_role(header, "", reach=200) or vocabulary_role(label, "", reach=200)
                  or vocabulary_role("", rest[:80]) or vocabulary_role(head_row, "", reach=200))


_MOVE = re.compile(
    r"\bmov(?:e|es|ed|ing)\b|postpon|delay|defer|push(?:es|ed)? back(?! against)|verschieb|verschob|report|repouss|adia|aplaz"
    r"|pospon|rinvi|posticip|slitt|\bslip(?:s|ped|ping)?\b|prorrog|推迟|延期|延后|延至|연기", _I)
_FROM_END = re.compile(r"(?:\bfrom|\bvon|\bdu|\bdel?|\bdal|\bdo)\s*(?:the\s+|dem\s+|le\s+|il\s+|o\s+)?$", _I)
_TO_END = re.compile(r"(?:\bto|\buntil|\bauf|\bau|\bà|\bpara|\bal|\balla|\bhasta|\bao|至|到)\s*(?:the\s+|den\s+|le\s+|il\s+|o\s+)?$", _I)
_FROM_WORD = re.compile(r"(?:\bfrom|\bvon|\bdu|\bdel?|\bdal|\bdo)\s", _I)
_DATE_AHEAD = re.compile(r"^[^.;。\n]{0,6}?(?:to|until|auf|au|à|para|al|alla|hasta|ao|至|到)\s", _I)


def moved_span(before: str, after: str) -> str | None:
    """'from' or 'to' when the date is one end of a move ("moves the start from 1 Feb to 30 June"), else None."""
    move = _MOVE.search(before)
    if move is None:
        return None
    if _FROM_END.search(before[-12:]) and _DATE_AHEAD.search(after):
        return "from"
    if _TO_END.search(before[-10:]) and _FROM_WORD.search(before[move.end():]):
        return "to"
    return None
