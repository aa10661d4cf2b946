"""Cue phrases (many languages) that give a date its role."""

from __future__ import annotations

import re

_I = re.I


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# (role, cue searched in the clause before the date, cue matched right after the date, group 1 = the cue)
ROLE_CUES: list[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None]] = [
    ("entry-into-force",
     _rx(r"enter(?:s|ed|ing)? into force|entry into force|into force on|into operation(?: on)?|effective(?: date| on| as of| from)?\b"
         r"|takes? effect|took effect|come into effect|came into effect|in vigore|entra(?:rá)? en vigor"
         r"|entr(?:a|ará|ou|ará)? em vigor|vigência|vigor a partir|entrée en vigueur|entre(?:ra)? en vigueur"
         r"|in kraft|inkrafttreten|施行日期|施行日|시행일자|시행일|生效日期|生效时间"),
     _rx(r"^[\s,)）]{0,3}(?:之?日?起|から|부터|より|的)?\s*(?:본격적으로\s*)?(施行|生效|시행|実施|实施|正式施行|正式生效|正式实施|起施行|实行|實行)(?!以来|以後|之后)"
         r"|^[^.\n]{0,160}?(enter(?:s|ed)? into force|take[sn]? effect|took effect|entrou em vigor|entra em vigor|tritt .{0,20}in Kraft"
         r"|in Kraft (?:treten|tritt)|entre(?:ra|nt)? en vigueur|entra(?:rá)? en vigor|entr(?:a|erà|ano) in vigore|효력을?\s*(?:갖|발생|발휘)"
         # "Since 31 January 2024, sharing … has been illegal": the day a prohibition began
         r"|(?:has|have) been (?:illegal|unlawful|an offence|a criminal offence|a crime|banned|prohibited)\b)")),
    ("applies-from",
     # not "the Apply AI Strategy", nor how AI "is applied in practice"
     _rx(r"(?:appl(?:y|ies|icable)|(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeing )applied)\b(?!\s+ai\b)(?: from| as of| on)?"
         r"|date of application|start(?:s|ed)? to apply"
         r"|become applicable|becomes? operative|operative (?:date|on|from|as of)|si applica|applicabil|s'appliqu|gelten ab|gilt ab|anwendbar|aplicable|aplicar"
         r"|适用|적용|適用"),
     _rx(r"^[^.\n]{0,160}?(start(?:s|ed)? to apply|started applying|(?:will )?become (?:applicable|operative)|appl(?:y|ies) (?:to|from)"
         r"|\bgelten\b|\bgilt\b|anwendbar|anzuwenden|s'appliquer(?:ont|a)?|applicables?|si applicher|applicabil"
         r"|se aplicar(?:á|án)|aplicables?|aplicar-se|aplicáve(?:l|is))"
         r"|^[\s,]{0,3}(?:から|부터|起)\s*(適用|적용|适用)")),
    ("comments-due",
     _rx(r"comments? (?:are |must be |should be )?(?:due|received)|(?:must|should) be received"
         r"|deadline for (?:comments|submissions|responses|feedback|input|replies)|submissions? (?:are )?due"
         r"|closes? on|closing date|respond by|responses? (?:are )?due|意见反馈截止时间为?|反馈截止时间?为?"
         r"|截止(?:时间|日期)?为?|截至|意见.{0,8}截止|의견.{0,12}(?:제출|마감)|마감|意見.{0,12}(?:締切|提出)|締切|締め切り"
         r"|prazo|contribuições até|date limite|comments? by"),
     _rx(r"^[\s,)）]{0,3}(前|止)")),
    ("until",
     _rx(r"(?:(?:\buntil|no later than|not later than|\bbefore|deadline(?: is| of)?|up to|até|bis|entro|hasta|fino al?|jusqu'(?:au|à))[^.;\n\d]{0,40}"
         r"|\bby[^.;\n\d]{0,14}"
         r"|\b(?:clos(?:es|ed|ing)|ends?|ended|shuts?|expires?)(?:\s+at\s+[\d:.]{1,5}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?(?:\s+on)?\s*)$"),
     _rx(r"^[\s,)）]{0,3}(まで|까지|之前|以前)")),
    ("start",
     _rx(r"with effect (?:from|as of)|kick(?:s|ed)? in(?: on| from)?|bites? (?:from|on)$"),
     _rx(r"^[^.\n]{0,160}?(kick(?:s|ed)? in\b)")),
    ("moved",
     _rx(r"(?:postponed|delayed|deferred|pushed back|moved|put back|slip(?:s|ped)?(?: by [\w ]{1,20})?|verschoben|verschiebt sich[^.;\d]{0,40}|aplazad[oa]"
         r"|pospuest[oa]|rinviat[oa]|posticipat[oa]|slittat[oa]|adiad[oa]|prorrogad[oa]|report[ée]e?s?|repouss[ée]e?s?"
         r"|延期至|推迟至|推迟到|延至|延后至|연기(?:되어|돼)?)\s*(?:to|until|auf|al|hasta|para|au|à|a|ao|à la|alla)?"
         r"\s*(?:den|dem|the|le|il|el|o|la)?\s*$"),
     None),
    ("published",
     _rx(r"publish(?:ed|es)?|publication|released?|issued|date of issue|official journal|gazzetta ufficiale|journal officiel"
         r"|diario oficial|amtsblatt|diário oficial|bundesgesetzblatt|发布|公布|印发|发文|공포|公表|publicad"
         r"|publicação|publié|veröffentlicht|pubblicat|announced|press release|mis(?:e)? en ligne|\bposted\b|online (?:seit|am)"),
     _rx(r"^[\s,)）]{0,3}(?:に|에)?\s*(?:电|發布|发布|公布|公表|공포|発表)"
         r"|^[\s,]{0,3}(?:the\s+)?[\w\s'\"-]{0,25}?\b(?:was|were|has been|have been|is) (published|released|issued)\b"
         r"|^[\s,]{0,3}the\s+[^.;\n]{0,70}?\s(published|released|issued|unveiled)\s+(?:the|its|a|an)\b")),
    ("adopted",
     _rx(r"\badopt(?:ed|s)\b|\bsigned\b|signs\b|signing|enacted|governor approv\w*|審議通過|审议通过|表决通过|会议通过|\b通过|签署|의결"
         r"|可決|成立|採択|sancion|promulg|adopt[ée]e?s?\b|verabschiedet|approvat[oa]|aprobad[oa]|sancionad"
         r"|date de signature|signature|signé|unterzeichnet|firmad[oa]|firmat[oa]|assinad[oa]"
         r"|(?:done at|fait à|geschehen zu|fatto a|hecho en|feito em) [\w-]+,?\s*(?:le|am|il|el|em)?\s*$"
         # the date in an act's title is the day it was made: "legge 23 settembre 2025", "loi n° 2024-449 du"
         r"|(?:\blegge|decreto(?:-legge| legislativo)?|\bloi|décret|ordonnance|délibération|\bley|real decreto|gesetz"
         r"|\blei|decreto-lei|regulation \((?:eu|ec)\)|directive \((?:eu|ec)\))(?: n[°º.]?)?\s*[\d/-]*,?\s*(?:du|del|de|vom|of)?\s*$"),
     _rx(r"^[\s,)）]{0,3}(?:[^。\n]{0,25}?)(审议通过|表决通过|通过(?=了|《|〈|的|[,，。;；]|$)|签署|可決|成立|의결)"
         r"|^[\s,|]{0,3}(?:(?:the\s+)?(?:governor|president|mayor)\s+)?(signed\b)"
         r"|^[^.\n]{0,20}?\bgovernor\s+(approv\w*|sign\w*)"
         r"|^[\s,]{0,3}(portant adoption|(?:was|were|has been) (?:adopted|signed)|verabschiedet|approvat[oa] |aprobad[oa] )")),
    ("other",
     _rx(r"introduced|발의|proposed|vote[ds]?|votação|aprovou|aprovad[oa]|approved|plenary|summit|meeting|session"),
     None),
]

_COMMENT = _rx(
    r"comment|feedback|submission|respon(?:d|ds|ded|ding|se|ses)\b|input|evidence|consultation|consulting|request for information|\bRFI\b"
    r"|observations"
    r"|意见|コメント|意見|의견|예고\s*기간|contribui|sugest|commentaire|stellungnahme|osservazion|comentario|consulta"
    r"|survey|\bviews\b|have your say|contribution|manifesta[çc]|예고|募集期間|受付締切|受付期間"
)


def is_comment_context(text: str) -> bool:
    return bool(_COMMENT.search(text))
