"""How much a kind cue counts where it stands: attributive, retrospective, hypothetical or planned uses count little."""

from __future__ import annotations

import re

from .text import line_at

_I = re.I


# A cue used as an attribute of a noun ("the proposed Omnibus", "5月に成立した法", "공포된 법", "通过的决定")
# describes something the page mentions, not what happened.
_ATTRIBUTIVE_AFTER = re.compile(
    r"(?:した|された|している|されている)(?=[\u4e00-\u9fff\u30a0-\u30ff\uff21-\uff3a\uff41-\uff5aA-Za-z「『《〈(（])"
    r"|(?:된|한|될|되었던|됐던|되는)\s|的(?![确])")
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\bthe|\ba|\bits|\btheir|\bthis|\bthat|recently|newly|already)\s+$", _I)
_RELATIVE_BEFORE = re.compile(r"(?:,\s*|\b)(?:which|whom)\b[^,.;:\n]{0,40}$", _I)
# the rest of a participle clause set off by commas ("the act, enacted in October 2024, …")
_PARENTHETICAL_END = re.compile(r"[^,.;\n]{0,40},")
# kinds whose cues are often participles describing a text the page names
_ATTRIBUTIVE_KINDS = frozenset({"adopted", "in-force", "draft"})
# A consultation cue about responses already received or a past round is history ("after reviewing responses to the call
# for evidence", "following the consultation", "意见征求结束后").
_PAST_CONSULTATION = re.compile(
    r"(?:(?:responses? to|following|after|outcome of|results? of|summary of|feedback (?:from|to)|in response to)"
    r"(?: the| a| its| our| this)?|(?:receiv(?:ed|ing)|review(?:ed|ing)|analy[sz](?:ed|ing))\b[^.\n]{0,30}"
    # "au terme d'une consultation publique", "à l'issue de la consultation", "após a consulta", "tras la consulta"
    r"|(?:au terme|à l'issue|à la suite) d(?:'une|e la|u)|após (?:a|uma)|depois da|tras (?:la|una)|nach (?:der|einer))\s*$", _I)
# a consultation announced for next month
_NEXT_MONTH = re.compile(r"(?:내달|다음\s?달|来月|下月|next month)\s*$", _I)
# a consultation that is planned ("입법예고할 예정", "意見募集を行う予定")
_DUE_LATER = re.compile(r"\s*(?:을|를)?\s*(?:할|될|받을)?\s*(?:예정|계획|方針|予定|計画)")
# a Chinese commencement still ahead ("将于…起施行")
_WILL_ZH = re.compile(r"[将將](?:于|於|自)?[^，。；\n]{0,14}$")
_PROCESS_CONSULTATIONS = re.compile(
    r"(?:wide-ranging|broad|extensive|global|several|numerous|many|months of|rounds? of|draws? on|drew on|including)\s+"
    r"(?:\w+\s+){0,2}consultations\b|consultation sessions|consultations with (?:more than |over )?\d"
    r"|negotiations and consultations|consultations with (?:a (?:wide |broad )?range of |various |relevant |key )?"
    r"(?:stakeholders|member states|experts|industry|partners|governments)", _I)
# a consultation still to come: "when they will publish their consultation", "plans to launch a consultation"
_CONSULTATION_AHEAD = re.compile(
    r"(?:\b(?:will|shall|would|plans? to|intends? to|expects? to|(?:is|are) (?:set|due|expected) to)\s+"
    r"(?:publish|launch|open|hold|run|issue|start|bring forward)|\bgetting)\s+"
    r"(?:(?:a|an|the|its|their|our|new|public|formal|full)\s+){0,3}$", _I)
# requests for information sent to companies: an enforcement step
_SENT_TO = re.compile(r"(?:sends?|sent|issues?|issued|addresse[sd]) (?:formal |new )?$", _I)
# a day counted from promulgation ("공포 후", "公布之日起")
_COUNTED_FROM = re.compile(r"\s*(?:후|後|한\s?날|된\s?날|之日|の日|日から|일부터)")
# a start still ahead that frames the news ("시행 앞두고", "施行を前に")
_AHEAD_OF = re.compile(r"\s*(?:을|를)?\s*(?:앞두고|앞둔)|\s*(?:を前に|に向け|を控え)|\s*(?:前夕|在即)", _I)
# a commencement that frames the news as its background or a hypothesis ("AI法が全面施行された際には", "施行以来", "시행 이후",
# "since the Act came into force", "if it comes into force")
_SINCE_START = re.compile(r"(?:され|し)?た?(?:際|時に|とき|後|以来|以降)|\s*(?:以来|以后|之后)|\s*(?:된\s*)?(?:이후|이래)", _I)
_SINCE_BEFORE = re.compile(r"\b(?:since|after|once|ever since|if|unless|until|before|would|could|depuis|desde|seit|caso|falls)\b[^.;\n]{0,60}$", _I)
# work still to come in the same sentence ("the task force will produce a report …")
_FUTURE_BEFORE = re.compile(r"\b(?:will|would|shall|plans? to|intends? to|is to|are to|is expected to|are expected to)\b"
                            r"[^.;:!?\n]*$", _I)
# a fact sheet's label and its separator ("Entry into force | Not specified")
_FIELD_LABEL = re.compile(r"[ \t]*[|:：][ \t]")
# the label opens its line or its table cell
_CELL_START = re.compile(r"(?:^|\n|\|)[ \t]*$")
# a relief from a sanction ("행정처분 면제", "exemption")
_EXEMPT_AFTER = re.compile(r"\s*(?:을|를)?\s*(?:면제|하지 않|받지 않)|\s*(?:免除|豁免)|\s+(?:exemption|waiver|relief)", _I)
# penalty nouns that, in a body, describe the rules rather than an act of enforcement
_PENALTY_NOUN = re.compile(r"multa|amendes?|bußgeld|sanzione|sanción|处罚|罚款|過料|과태료|과징금", _I)
# a step that did not happen ("not signing the declaration", "refused to sign", "sem sancionar")
_NEGATED = re.compile(r"(?:\bnot|\b(?:put out|issued|published|imposed|made|there (?:is|was|were|are)) no|\bnever|\bn't|refus\w* to|declin\w* to|fail\w* to|\bwithout|\bsem|\bsans|\bohne|\bsenza|\bsin)\s+$", _I)
_IF_BEFORE = re.compile(r"\b(?:if|unless|once|should|whether|falls|qualora)\b[^.;\n]{0,50}$", _I)
_DOCUMENT_PROPOSES = re.compile(r"\b(?:report|paper|study|guide|guidance|framework|methodology|opinion|code|rapport|guia)\)?\s+(?:also\s+)?$", _I)


def usage(text: str, m: re.Match[str], kind: str, head_end: int) -> float:
    """How much a cue counts where it stands: attributive or retrospective uses count little."""
    if kind in _ATTRIBUTIVE_KINDS:
        if _ATTRIBUTIVE_AFTER.match(text, m.end()):
            return 0.2
        if m.start() >= head_end and _ATTRIBUTIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return 0.2
        if kind == "adopted" and m.start() >= head_end and _RELATIVE_BEFORE.search(text, max(0, m.start() - 50), m.start()):
            return 0.2  # "its Recommendation, which its Member States adopted in 2021": a relative clause's history
        if (m.start() >= head_end and text[max(0, m.start() - 2) : m.start()].endswith((", ", ","))
                and _PARENTHETICAL_END.match(text, m.end())):
            return 0.2  # "the act, enacted in October 2024, came into operation": a participle set off by commas
    if kind in ("adopted", "in-force", "enforcement", "guideline") and _NEGATED.search(text, max(0, m.start() - 16), m.start()):
        return 0.1  # "the UK's reason for not signing the declaration": what did not happen is not the news
    if kind == "adopted" and _IF_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        return 0.2  # "if the Governor signs it into law": a step still to come
    if kind == "adopted" and _COUNTED_FROM.match(text, m.end()):
        return 0.2  # "공포 후 1개월", "公布之日起": a day counted from promulgation, not the promulgation itself
    if kind == "in-force" and _WILL_ZH.search(text, max(0, m.start() - 16), m.start()):
        return 0.3  # "将于2022年10月1日起施行": a commencement still ahead, announced with the adoption
    if kind == "in-force" and _AHEAD_OF.match(text, m.end()):
        return 0.2  # "시행 앞두고", "施行を前に": a start still ahead frames the news
    if kind in ("adopted", "in-force") and _FIELD_LABEL.match(text, m.end()) and _CELL_START.search(
            text, max(0, m.start() - 40), m.start()) and line_at(text, m.start()).strip(" |").count("|") <= 1:
        return 0.2  # "Entry into force | Not specified": a field of a fact sheet (not a table's column header)
    if kind == "in-force" and (_SINCE_START.match(text, m.end())
                               or _SINCE_BEFORE.search(text, max(0, m.start() - 60), m.start())):
        return 0.2  # "施行された際には", "since the act took effect", "if it comes into force": not the event
    if kind in ("draft", "guideline") and _FUTURE_BEFORE.search(text, max(0, m.start() - 80), m.start()):
        return 0.3  # "the task force will produce a report …", "will not draft legislation": work still to come
    if kind == "guideline" and m.start() >= head_end and m.group(0).lower().startswith("recommendation"):
        return 0.3  # "making broad policy recommendations": what a body of work contains, not a publication
    if kind == "enforcement" and _EXEMPT_AFTER.match(text, m.end()):
        return 0.2  # "행정처분 면제", "exempt from penalties": a relief the rules grant, not an action taken
    if kind == "enforcement" and m.start() >= head_end and _PENALTY_NOUN.fullmatch(m.group(0)):
        return 0.3  # fines mentioned in a body describe the rules, not an enforcement act
    if kind == "draft" and m.group(0).lower().startswith("propos") and _DOCUMENT_PROPOSES.search(
            text, max(0, m.start() - 40), m.start()):
        return 0.2  # "the report proposes a methodology": what a published document sets out
    if kind == "consultation" and _SENT_TO.search(text, max(0, m.start() - 30), m.start()):
        return 0.1  # "the Commission sent requests for information to platforms": an enforcement step
    if kind == "consultation" and _PROCESS_CONSULTATIONS.search(text, max(0, m.start() - 40), m.end() + 20):
        return 0.2  # "drew on broad consultations with 2,000 experts": how a report was made
    if kind == "consultation" and _PAST_CONSULTATION.search(text, max(0, m.start() - 40), m.start()):
        return 0.2
    if kind == "consultation" and (_NEXT_MONTH.search(text, max(0, m.start() - 8), m.start())
                                   or _DUE_LATER.match(text, m.end())
                                   or _CONSULTATION_AHEAD.search(text, max(0, m.start() - 40), m.start())):
        return 0.2  # "내달 입법예고", "意見募集を行う予定", "will publish their consultation": a window still to open
    return 1.0
