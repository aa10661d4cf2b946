"""Kind of change: draft, consultation, guideline, adopted, in-force, corrigendum, enforcement, deadline, news.

Cue phrases in many languages are counted with weights by position (headline > opening > body) inside the
change; the kind with the highest score wins, with a precedence order for ties and a few rules that encode the
labelling conventions (a comment window beats "draft"; one chamber's vote is legislative progress = news).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .kind_cues import CUES
from .text import line_at, menu_line
from .usage import usage

_I = re.I

KINDS = ("draft", "consultation", "guideline", "adopted", "in-force", "corrigendum", "enforcement", "deadline", "news")
PRECEDENCE = ("corrigendum", "enforcement", "consultation", "deadline", "in-force", "adopted", "guideline", "draft", "news")

# A vote in one chamber / a committee step is legislative progress, not adoption.
_ONE_CHAMBER = re.compile(
    r"senate (?:passe[sd]|approve[sd])|house (?:passe[sd]|approve[sd])|passed (?:the )?(?:senate|house)(?! bill)"
    r"|hearings? held|markup|ordered (?:to be )?reported|reported by (?:the )?committee"
    r"|senado aprov|câmara aprov|câmara (?:\w+ ){1,2}aprov|deputados aprovaram|(?:segue|vai|seguirá|irá) (?:agora )?(?:para )?(?:(?:o )?exame d)?(?:o|ao) senado|comissão especial|committee (?:approve|vote|set up|created)|plenary vote"
    r"|first reading|second reading|\b1st reading|\b2nd reading|decision by parliament|referred back to (?:the )?committee"
    r"|interinstitutional negotiations|european parliament (?:approves|approved|backs|backed|votes|voted)\b|adopts? (?:its |a |their )?(?:general approach|negotiating (?:position|mandate)|position on)|국회 상임위|法制审议|法制審議|一审|二审|一審|二審|初次审议|初次審議|(?:二|三)次(?:审议|審議)|提请(?:二|三)次审议|senato (?:ha )?approv|primo via libera"
    r"|(?:le )?sénat (?:valide|adopte|a adopté|approuve|vote)|(?:l'assemblée nationale|les députés) (?:valide|adopte|a adopté|approuve|vote)"
    r"|examin[ée]e? par le sénat|navette parlementaire|commission mixte paritaire"
    r"|passa (?:ora )?all'esame|trasmesso al senato|trasmesso alla camera|remetid[oa] ao senado|enviad[oa] ao senado"
    r"|transmitted to the (?:senate|house)|still (?:has|have|needs?) to be (?:formally )?(?:adopted|approved|endorsed)"
    r"|yet to be (?:formally )?(?:adopted|approved)|법사위|법제사법위원회|상임위|특위|특별위원회|위원회\s?(?:문턱|를\s?통과)|법안소위|소위원회|공청회|청문회|公聴会|听证会|public hearing|audiência pública|audizion", _I)
# the step that makes a bill law, wherever a tracker lists it
_FINAL_STEP = re.compile(
    r"governor approv\w*|governor signed|signed by (?:the )?governor|approved by (?:the )?governor|became (?:law|public act)"
    r"|royal assent|\bchaptered\b|(?:was|were|has been|is) published in the official journal|본회의(?:에서|를)?\s*(?:통과|가결|의결)", _I)
# the Diet: passage by the House of Representatives alone is progress; the Councillors' vote or 成立 makes it law
_LOWER_HOUSE_JP = re.compile(r"衆議院[^\n。]{0,40}可決")
_BOTH_HOUSES_JP = re.compile(r"参議院[^\n。]{0,40}可決|成立")
_PUBLISHED = re.compile(
    r"\bpublish(?:ed|es|ing)?\b|\breleas(?:e|es|ed|ing)\b|\bissue[sd]?\b|\bupdated\b|now available|发布|公布|印发|公表|발표|공개|publicad|publié"
    r"|veröffentlicht|pubblicat", _I)
_PLANNED = re.compile(
    r"is preparing|are preparing|will (?:develop|prepare|publish|issue|draft)|plans to|forthcoming|upcoming"
    r"|intends to (?:publish|issue|develop)|arbeitet an|prévoit de|está preparando|sta preparando"
    r"|拟提请|将提请|立法工作计划|立法计划|早期提出|提出(?:を|の)?指示|提出する方針|작업(?:에)?\s*(?:돌입|착수)|준비(?:에)?\s*(?:착수|돌입)|마련할 (?:계획|방침|예정)|着手|策定作業|制定工作|起草工作", _I)
_OPINION = re.compile(r"\bopinions?\b|\bavis\b|stellungnahme|\bparere\b|dictamen|\bparecer\b|意见书|意見書|의견서", _I)
# a binding act published: "foi publicada a Resolução 615/2025", "the decree was published"
_ACT_PUBLISHED = re.compile(
    r"(?:foi|foram) publicad[oa]s? (?:a |o )?(?:resolução|portaria|decreto|lei|instrução normativa)"
    r"|publicad[oa] (?:a |o )?(?:resolução|portaria|decreto|lei)\b"
    r"|\b(?:law|act|decree|regulation|ley|decreto)\b[^.\n]{0,100}\b(?:was|has been|were|fue) (?:published|publicad[oa])\b"
    r"|\b(?:publica|publicou|aprova|aprovou|edita|editou|sanciona|sancionou|promulga|promulgou|institui|instituiu)\b[^.\n]{0,40}?\b(?:a |o |uma |um )?(?:nova |novo )?(?:proposta de )?"
    r"(?:resolução|regulamento|portaria|decreto|lei)\b", _I)
_STATUS_PUBLISHED = re.compile(
    r"(?:文件状态|状态|狀態|status|stage|estado|situação)\s*[|:：]\s*(?:已发布|已發布|现行|現行|published|final|adopted|publicad[oa])", _I)
# a status badge saying comments are being taken now ("`입법예고중`", "意见征集中", "Open for comments")
_STATUS_OPEN = re.compile(r"^\W*(?:입법예고\s?중|행정예고\s?중|意见征集中|征求意见中|意見募集中|open for (?:comments|consultation|feedback)"
                          r"|consultation open|em consulta|en consultation)\W*$", _I | re.M)
# a non-binding Chinese policy document issued ("印发《关于加强…的指导意见》", "发布《…行动计划》")
_ISSUED_GUIDANCE_ZH = re.compile(r"(?:印发|发布|出台|公布)了?《[^》]{1,60}(?:指导意见|意见|指南|指引|规划|计划|倡议|白皮书)》(?![（(]?征求意见稿)")
_DATED_LAW = re.compile(
    r"\b(?:loi|décret|decreto|lei|legge|gesetz|verordnung|ley|law|decree)\b(?: n[°º.]?\s*[\d./-]+)?,? (?:du|de|del|vom|of) \d{1,2}(?:er|º)? "
    r"(?:de )?[a-zà-ÿ]{3,9}\.? (?:de )?\d{4}"
    # an EU act's own title: "Council Decision (EU) 2022/2349 of 21 November 2022"
    r"|\b(?:regulation|directive|decision)\s*\((?:eu|ec|eu, euratom)\)\s*(?:no\s*)?\d{2,4}/\d+\s+of\s+\d{1,2}\s+[a-z]+\s+\d{4}", _I)
# an act's own title line: "COMMISSION IMPLEMENTING DECISION of 22.5.2023 on a standardisation request …"
_ACT_TITLE_LINE = re.compile(
    r"^\W*(?:commission |council )?(?:implementing |delegated )?(?:regulation|directive|decision) of \d{1,2}\.\d{1,2}\.\d{4}\b"
    # an official identification line: "RESOLUÇÃO Nº 17, DE 09 DE ABRIL DE 2025"
    r"|^\W*(?-i:RESOLUÇÃO|PORTARIA|DECRETO|LEI|RESOLUCIÓN|LEY|DÉCRET|ARRÊTÉ|LOI)\b[^\n]{0,40}\b\d{4}\W*$"
    # a numbered act's title: "Arrêté n°2024-00860 portant autorisation …", "Decreto n.º 12/2025 que aprova …"
    r"|^\W*(?:arrêté|décret|ordonnance|decreto|portaria|resolução|resolución|real decreto)(?: préfectoral)?\s+n\W{0,3}\s*"
    r"[\d./-]{3,}\s+(?:du|de|portant|relati(?:f|ve)|que|por|dispõe)\b",
    _I | re.M)
_CONCLUDED = re.compile(r"(?:consultation|discussion|call for (?:evidence|input|views)) (?:has |is )?(?:now )?(?:concluded|closed)|(?:consulta|consultation) (?:encerrada|clôturée|terminée)", _I)
_OUTCOME = re.compile(r"consultation outcome|government response|response to (?:the )?consultation|summary of (?:the )?responses"
                      r"|feedback statement", _I)
_PROPOSAL_ADOPTED = re.compile(
    r"proposals? (?:was|were|has been|have been|is|are) (?:formally )?adopted|adopt(?:s|ed)? (?:a|two|three|the|its|new)"
    r" (?:\w+ ){0,3}proposals?\b|propositions? (?:de (?:loi|règlement|directive) )?adoptées?|vorschläge? angenommen", _I)
# a body that answered a consultation reports its own response: news, not a call for comments
_RESPONDED = re.compile(
    r"意見を提出(?:しました|した)|submitted (?:our |its |their )?(?:comments|response|views|evidence)|(?:our|its) response to the"
    r"|respond(?:s|ed) to the (?:\w+ ){0,3}consultation|의견(?:서)?를? 제출했|提交了?(?:意见|反馈)|a répondu à|contribuição enviada", _I)
# Commencement reported as a present fact rather than quoted from the text's final article.
_NOW_IN_FORCE = re.compile(
    r"(?<!将)(?<!将于)(?<!将自)(?:正式施行|正式实施|正式实行|正式生效)|本格(?:的に)?施行|본격(?:적으로)?\s*시행(?:된다|됐다|되었다|에 들어)"
    r"|施行された|(?:is|are) now in (?:force|effect)|now applies|(?:enters?|entered|come|comes|came) into (?:force|effect) today"
    r"|(?:entra|entrou|entrano|entrent|tritt|treten) (?:hoje |oggi |aujourd'hui |heute )", _I)
# A final rule is a binding text even when it also takes comments.
_FINAL_RULE = re.compile(r"\b(?:interim )?final rule\b", _I)
_BINDING_STANDARD = re.compile(r"强制性国家标准|強制性國家標準|mandatory (?:national )?standard", _I)
# a non-binding text adopted by a body
_NONBINDING_ADOPTED = re.compile(
    r"\b(?:tool|toolkit|methodology|guidance|guidelines|checklist|handbook|template)\b[^.\n]{0,30}\b(?:has been|have been|was|were)"
    r" adopted|\badopted (?:the |a |its |new )?(?:[\w-]+ ){0,3}(?:tool|toolkit|methodology|guidance|guidelines|checklist|handbook)\b", _I)
# a headline announcing a draft of a non-binding text
_DRAFT_GUIDANCE = re.compile(r"\b(?:(?:first|second|third|fourth|final|new|revised) )?(?:draft|proposed)\s+(?:of\s+(?:the\s+|a\s+)?)?"
                             r"(?:[\w-]+\s+){0,3}?(?:guidelines?|guidance|codes? of (?:practice|conduct)|template)", _I)
# a headline offering an analysis of something rather than reporting that it happened
_COMMENTARY = re.compile(r"\b(?:early |first |key |initial |preliminary )?(?:insights|findings|lessons|takeaways|reflections)"
                         r" (?:from|on|of|into)\b", _I)
# the operative clause of a body adopting a text: "1 Adopts the present Recommendation …", "Adopte la présente Déclaration"
_ADOPTS_PRESENT = re.compile(r"\b(?:adopts|approves|adopte|aprueba|adota|approva|nimmt)\s+(?:the present|this|la présente|la presente"
                             r"|a presente|die vorliegende)\b", _I)
_PUBLISH_TYPES = frozenset({"guideline", "framework", "code-of-practice", "standard"})
# a headline asking for views in other words ("asks stakeholders for their views on …")
_ASK_VIEWS = re.compile(
    r"\b(?:ask|seek|invit|welcom|gather|collect|solicit|want|hear)\w*\b[^.\n]{0,40}\b(?:views|feedback|comments"
    r"|input|opinions|suggestions|contributions)\b|(?:quer|querem) ouvir|souhaite recueillir|bittet um|意見(?:の|を)募集", _I)
# an act whose news is that it moves a start date: the timetable is the change, the act its vehicle
_MOVE_STEMS = ("mov(?:e|es|ed|ing) the (?:start|date|deadline|effective date)", "postpon", "push(?:es|ed)? back(?! against)",
               "delay(?:s|ed)? the", "verschieb", "verschob", "adia", "aplaz", "prorrog", "posticip", "推迟", "延期", "延后", "연기", "先送り")
_MOVES_START = re.compile("|".join(_MOVE_STEMS), _I)
# states adopting a text, binding or not ("193 Members Of UNESCO Adopt Recommendations"): an adoption by states
_STATES_ADOPT = re.compile(
    r"\b(?:member states|members|countries|nations|governments|leaders|states)\b[^.\n]{0,20}\b(?:adopt|sign|endorse)"
    # a statement or declaration of leaders or states: "金砖国家领导人关于…的声明", "Leaders' Declaration on AI"
    r"|(?:领导人|領導人|首脑|首腦|정상)[^\n。]{0,40}(?:声明|聲明|宣言|선언)|\bleaders'? (?:joint )?(?:statement|declaration)\b", _I)
# a document calling itself a call for comments ("NTIA is issuing this Request for Comment")
_SELF_CALL = re.compile(r"\bthis (?:request for (?:comments?|information)|RFI|RFC|call for (?:evidence|input|comments|views))\b"
                        r"|\b(?:is|are|will be) (?:now )?(?:subject to|open (?:to|for)|put (?:out )?to) (?:a )?public consultation", _I)
_BINDING_ISSUED = re.compile(r"(?:issu|sign|releas|unveil)\w*\b[^.\n]{0,80}\bexecutive orders\b", _I)
_HEAD_GUIDELINE = re.compile(
    r"(?<!legal )(?<!regulatory )framework(?! (?:convention|act|law|directive|regulation))|\bplan\b|\bopinions?\b|\bavis\b"
    r"|\bparecer\b|\bparere\b|\bdictamen\b"
    r"|strategy(?! (?:council|headquarters|committee|board))|roadmap|框架|计划|戦略(?!本部|会議)|計画|전략(?!위원회|회의)"
    r"|《(?:指导|实施|指導|實施)?(?:意见|意見)》|倡议|倡議|\bfinal report\b|(?:publish|releas|launch|present|unveil)\w*\b[^\n]{0,40}\breport\b|关于[^，。\n]{1,40}的(?:指导|实施)?意见(?![稿反征])"
    r"|關於[^，。\n]{1,40}的(?:指導|實施)?意見(?![稿反徵])", _I)
# words that put a veto in the past of the story ("after the Governor vetoed SB 1047 a year earlier")
_EARLIER = re.compile(r"\bafter\b|\bearlier\b|last year|previous|\bprior\b|\bonce\b|\bin 20\d\d\b", _I)


def _sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


# a bill vetoed did not become law: the news is the legislative step
_VETO = re.compile(r"\bvetoe?[sd]?\b|\bvetoing\b|\bnix(?:es|ed)\b|拒否権|거부권|\bvet(?:a|ou|ó)\b", _I)
# a binding text's own opening: its first article, or the enacting formula of a Romance-language act
# ("O PRESIDENTE …, no uso de suas atribuições …", "RESOLVE:", "Décrète :")
_LAW_TEXT = re.compile(r"^\s*(?:第一条|제1조|第1条|article (?:1|premier)\b|art\. 1[º°]?\b|section 1\.)"
                       r"|^\s*(?:resolve|decreta|d[ée]cr[èe]te|arr[êe]te|dispongo|resuelve)\s*:"
                       r"|\bno uso (?:de suas|das) atribui[çc][õo]es\b", _I | re.M)

HEAD, OPENING, BODY, MASTHEAD = 3.0, 1.5, 1.0, 1.5
_OPENING_ONLY = frozenset({"guideline", "draft", "adopted", "in-force", "deadline"})


def consultation_headline(headline: str) -> bool:
    """Whether a headline announces a call for comments."""
    return bool(CUES["consultation"].search(headline) or _ASK_VIEWS.search(headline))


def _weight(pos: int, head_end: int, opening_end: int, head_start: int = 0) -> float:
    if pos < head_start:
        return MASTHEAD  # site name, menus and breadcrumbs above the headline
    if pos < head_end:
        return HEAD
    if pos < opening_end:
        return OPENING
    return BODY


def classify(
    text: str,
    *,
    changed: Sequence[tuple[int, int]] | None = None,
    head_end: int = 0,
    dates: Sequence[tuple[str, str]] = (),
    primary_type: str | None = None,
) -> str:
    """The kind of the change in `text` (the change's spans given by `changed`, None = all of it).

    `primary_type` is the registry type of the main instrument (a published framework is a guideline).
    """
    spans = list(changed) if changed is not None else [(0, len(text))]
    scores = kind_scores(text, spans, head_end, dates, primary_type)
    best = max(PRECEDENCE, key=lambda k: (scores[k], -PRECEDENCE.index(k)))
    return best if scores[best] >= 1.0 else "news"


def kind_scores(
    text: str, spans: Sequence[tuple[int, int]], head_end: int, dates: Sequence[tuple[str, str]], primary_type: str | None
) -> dict[str, float]:
    """Evidence for every kind in the change's `spans`, after the precedence rules of the labelling conventions."""
    dates_roles = [role for _, role in dates]
    scores = dict.fromkeys(KINDS, 0.0)
    open_end = _opening_end(text, head_end)
    head_start = text.rfind("\n", 0, max(0, head_end - 1)) + 1  # the headline's own line
    for kind, rx in CUES.items():
        for a, b in spans:
            opening_end = open_end if a <= head_end else a + 700
            for m in rx.finditer(text, a, b):
                if kind in _OPENING_ONLY and m.start() >= opening_end:
                    continue  # words deep in a page describe it; they do not say what happened
                if m.start() < head_start and menu_line(line_at(text, m.start())):
                    continue  # "News | Guidance Notes | Log in" above the headline is the site's menu
                scores[kind] += _weight(m.start(), head_end, opening_end, head_start) * usage(text, m, kind, head_end)
    head = text[head_start:head_end]
    self_call = any(_SELF_CALL.search(text, a, min(b, max(a, head_end) + 1500)) for a, b in spans) or bool(
        _STATUS_OPEN.search(text, 0, head_end + 400))
    if self_call:
        scores["consultation"] += HEAD
    if _ASK_VIEWS.search(head):
        scores["consultation"] += HEAD
    if _HEAD_GUIDELINE.search(head) and not CUES["draft"].search(head):
        scores["guideline"] += HEAD  # (a "framework" bill introduced is a draft)
    if _COMMENTARY.search(head) and not _PUBLISHED.search(head):
        scores["guideline"] *= 0.4  # "Early insights from the … Reporting Framework": a piece about the document
        scores["news"] += HEAD
    states_adopt = bool(_STATES_ADOPT.search(head)) or bool(_ADOPTS_PRESENT.search(text, 0, open_end))
    if states_adopt:
        scores["adopted"] += HEAD  # states adopting a text, binding or not
        scores["guideline"] *= 0.3
    if _BINDING_ISSUED.search(head):
        scores["adopted"] += HEAD  # executive orders issued with a plan: the binding texts are the event
    if primary_type in _PUBLISH_TYPES and _PUBLISHED.search(head) and not _BINDING_STANDARD.search(text, 0, open_end):
        scores["guideline"] += HEAD  # a non-binding document released or updated
    if _DRAFT_GUIDANCE.search(head):
        scores["guideline"] *= 0.4  # "Third draft of the Code of Practice published": the draft is out, not the code
        scores["consultation" if scores["consultation"] else "draft"] += OPENING
    now_in_force = any(_NOW_IN_FORCE.search(text, a, min(b, open_end if a <= head_end else a + 700)) for a, b in spans)
    history = "comments-due" not in dates_roles and not CUES["consultation"].search(head) and not self_call
    if history and (scores["adopted"] >= 1.0 or scores["in-force"] >= 1.0):
        scores["consultation"] *= 0.3  # the comment stage is history of an adopted text
        if not CUES["draft"].search(head):
            scores["draft"] *= 0.3
    if now_in_force:
        scores["in-force"] += OPENING
    elif not CUES["in-force"].search(head) and scores["adopted"] >= 1.0:
        scores["in-force"] *= 0.4  # an adoption report that also states the commencement date
    opening = text[:open_end]
    act_published = bool(_ACT_PUBLISHED.search(opening))
    if (CUES["adopted"].search(opening) and (CUES["guideline"].search(head) or _OPINION.search(head))
            and not _BINDING_ISSUED.search(head) and not act_published and not states_adopt):
        scores["adopted"] *= 0.3  # "EDPB adopts guidelines": adopting a non-binding text is publishing guidance
        scores["guideline"] += OPENING
    if any(_STATUS_PUBLISHED.search(text, a, b) for a, b in spans) and not scores["consultation"] >= HEAD:
        # a document's status row now says it is out ("文件状态 | 已发布", "Status: Published")
        scores["guideline" if primary_type in _PUBLISH_TYPES else "adopted"] += HEAD
        scores["consultation"] *= 0.3
    if _PROPOSAL_ADOPTED.search(opening):
        scores["adopted"] *= 0.2  # "two proposals were adopted by the Commission": a proposal is a draft
        scores["draft"] += OPENING
    if _DATED_LAW.search(head) or _ACT_TITLE_LINE.search(text, head_start, head_end + 400):
        scores["adopted"] += HEAD  # "la loi du 19 mai 2023", "Decreto de 3 de julio": a law named by its date
    if _ISSUED_GUIDANCE_ZH.search(opening) and not act_published:
        scores["guideline"] += HEAD  # "联合印发《关于…的指导意见》": the document issued is non-binding
        scores["adopted"] *= 0.3
    if _NONBINDING_ADOPTED.search(opening) and not act_published:
        scores["adopted"] *= 0.3  # "a tool has been adopted by the committee: the HUDERIA Methodology": guidance
        scores["guideline"] += OPENING
    if act_published:
        scores["adopted"] += HEAD  # the binding act is out, whatever guidance it sets
        scores["guideline"] *= 0.5
    if _CONCLUDED.search(opening):
        scores["consultation"] *= 0.2  # "This consultation has concluded": the page now carries its outcome
        scores["guideline"] += HEAD if _OUTCOME.search(text) else 0.0
    if _RESPONDED.search(opening):
        scores["consultation"] *= 0.2
        scores["guideline"] *= 0.3
        scores["news"] += 2.5
    head_document = _HEAD_GUIDELINE.search(head) and not _PLANNED.search(head)  # "a bold new plan": the plan is out
    if _PLANNED.search(head) or (_PLANNED.search(opening) and not _PUBLISHED.search(head) and not head_document):
        scores["guideline"] *= 0.3  # guidance being prepared is planned work, not a publication
        scores["news"] += 2.0
        if _PLANNED.search(head):
            scores["draft"] *= 0.2  # "草案拟提请审议": a draft still to come
            scores["adopted"] *= 0.3  # "国务院公布立法工作计划": what is published is the plan
            scores["news"] += HEAD
    published_on = min((d for d, role in dates if role == "published"), default="")
    if any(role == "comments-due" and d >= published_on for d, role in dates):
        scores["consultation"] += 2.0  # an open comment window (a closed one is history)
        scores["guideline"] *= 0.5  # a draft guideline put out for comments
        if CUES["draft"].search(text, head_start, head_end):
            scores["consultation"] += HEAD  # "NYDFS proposes guidance" with a comment deadline: the call is the news
    if _FINAL_RULE.search(text):
        scores["consultation"] *= 0.3
        scores["guideline"] *= 0.5
        scores["adopted"] += 2.0
    if scores["consultation"] and scores["draft"]:
        scores["draft"] *= 0.2  # a comment window announced wins over "draft"
    if CUES["adopted"].search(head) and CUES["draft"].search(head) and not _ONE_CHAMBER.search(head):
        scores["draft"] *= 0.3  # "…대표발의 법안 본회의 통과": the bill the headline says passed
    final_step = any(_FINAL_STEP.search(text, a, b) for a, b in spans)
    if final_step:
        scores["adopted"] += OPENING  # a tracker whose last step is the executive's approval: the bill became law
    # a step of the change, or the page's own headline (a procedure page's older steps are history)
    one_chamber = any(_ONE_CHAMBER.search(text, a, b) for a, b in [*spans, (head_start, head_end)]) or (
        _LOWER_HOUSE_JP.search(text) and not _BOTH_HOUSES_JP.search(text))
    if one_chamber and not final_step and not CUES["in-force"].search(head):
        scores["adopted"] *= 0.3
        scores["draft"] *= 0.3
        scores["news"] += 2.5 if scores["deadline"] < 1.0 else 0.0  # a hearing that moves a date: the timetable
        if _ONE_CHAMBER.search(head) and not scores["consultation"]:
            scores["news"] += HEAD  # the headline is the step itself ("AI 기본법 공청회 24일 개최")
    if any(m.start() < head_end or not _EARLIER.search(_sentence_of(text, m.start()))
           for m in _VETO.finditer(text, 0, open_end)):
        scores["adopted"] *= 0.2
        scores["guideline"] *= 0.3
        scores["news"] += 2.5
    edit = spans != [(0, len(text))]  # a new version of a page, not a whole new document
    if CUES["corrigendum"].search(text, 0, open_end) or (
            edit and any(CUES["corrigendum"].search(text, a, b) for a, b in spans)):
        scores["adopted"] *= 0.3  # a correction is itself published in the official journal
    if scores["adopted"] and not CUES["in-force"].search(head) and any(
            _MOVES_START.search(text, a, min(b, open_end if a <= head_end else a + 700)) for a, b in spans):
        scores["adopted"] *= 0.4
        scores["deadline"] += OPENING
    if scores["draft"] and (_MOVES_START.search(head) or "유예" in head) and not scores["consultation"]:
        scores["draft"] *= 0.4  # a bill or proposal whose headline news is a postponement: the timetable is the change
        scores["deadline"] += OPENING
    if edit and "adopted" in dates_roles and max(scores.values()) < 1.0:
        scores["adopted"] += HEAD  # a tracker's signature or approval cell filled in with a date
    if _LAW_TEXT.search(text) and not scores["consultation"] and not (edit and scores["corrigendum"] >= 1.0):
        scores["adopted"] += 2.0
        scores["guideline"] *= 0.5  # "define diretrizes": what a binding text sets out
    if ("entry-into-force" in dates_roles or "applies-from" in dates_roles) and scores["in-force"] >= HEAD:
        scores["in-force"] += 1.0
    if scores["consultation"] >= HEAD:
        # a draft guideline put out for comments is a consultation, however often the body names the guideline
        scores["guideline"] *= 0.25 if consultation_headline(head) else 0.5
    published = max((d for d, role in dates if role == "published"), default=None)
    starts = [d for d, role in dates if role in ("entry-into-force", "applies-from")]
    if published and starts and max(starts) <= published and not scores["consultation"]:
        scores["in-force"] += 2.0  # the page reports rules that already apply
    timetable = (len(set(starts)) >= 3 and min(starts) < published < max(starts)) if published else (
        len(set(starts)) >= 4 and not _LAW_TEXT.search(text))
    proposal = scores["draft"] >= 2.0 and not _MOVES_START.search(head)  # a proposal restating the act it amends
    if (timetable and not CUES["in-force"].search(head) and not CUES["adopted"].search(head) and not scores["consultation"]
            and not proposal):
        scores["deadline"] += 3.0  # past and coming starts side by side: a timetable
        scores["in-force"] *= 0.5
    # a headline announcing a start a few days ahead ("全面施行", "kicks in Monday") reports the commencement itself
    head_start = bool(published and starts and CUES["in-force"].search(head) and not CUES["adopted"].search(head)
                      and (date.fromisoformat(min(starts)) - date.fromisoformat(published)).days <= 7)
    if published and starts and min(starts) > published and scores["adopted"] > 0 and not now_in_force and not head_start:
        scores["in-force"] *= 0.3  # commencement announced ahead: the event is the adoption
    return scores


def _opening_end(text: str, head_end: int, size: int = 700) -> int:
    """Where the opening below the headline ends: after `size` characters of running text, not counting fact-sheet
    rows ("Publication | May 13, 2026"), menus and paywall notices standing between the headline and the story."""
    pos, counted = head_end, 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        line = text[pos:end]
        if "|" not in line and not menu_line(line):
            if counted + len(line) >= size:
                return min(pos + size - counted, head_end + 3 * size)
            counted += len(line)
        pos = end
    return len(text)


