"""Wordings that state an event without the usual cues, or use the cues for something else: the kind a user sees."""

from __future__ import annotations

from tests.analysis_support import kind_of
from watcher.analysis import Context, analyse


def test_a_notice_served_by_a_regulator_is_enforcement() -> None:
    text = ("UK data watchdog serves chatbot maker with enforcement notice\n\n12 March 2027\n\nThe Information "
            "Commissioner said provisional findings point to a failure to assess the privacy risks of the chatbot.\n")
    assert kind_of(text, "GB") == "enforcement"


def test_a_prohibition_in_place_since_a_date_is_in_force() -> None:
    text = ("New laws make sharing intimate deepfakes a crime\n\n5 March 2027\n\nSince 1st March 2027, sharing AI-generated "
            "intimate images without consent has been illegal under the Online Safety Act.\n")
    got = analyse(text, context=Context(jurisdiction="GB"))
    assert got.kind == "in-force"
    assert ("2027-03-01", "entry-into-force") in {(d.date, d.role) for d in got.dates}


def test_work_still_to_come_is_not_a_publication() -> None:
    text = ("House sets up bipartisan AI task force\n\nOn Tuesday the Speaker announced a task force of 24 members. The task "
            "force will not draft legislation. Instead it will produce a report setting out guiding principles and making "
            "broad policy recommendations.\n")
    assert kind_of(text, "US") == "news"


def test_an_amendment_adopted_with_a_later_start_is_an_adoption_not_a_commencement() -> None:
    text = ("September 02, 2027\n\nState Division of Insurance Widens AI Governance Duties for Insurers\n\nThe Division has "
            "adopted Amended Regulation 10-1-1. Effective October 15, 2027, the amendment widens the scope of the existing "
            "regulation (effective November 14, 2025) to auto insurers.\n")
    assert kind_of(text, "US-CO") == "adopted"


def test_a_closed_discussion_whose_page_now_carries_a_feedback_statement_is_guidance() -> None:
    old = ("Discussion paper DP9/27: Artificial Intelligence\n\nWe want to hear what you think about AI in financial services.\n"
           "Please send us your response by 10 February 2028.\n")
    new = ("Discussion paper DP9/27: Artificial Intelligence\n\nThis discussion has closed. We have now published a feedback "
           "statement.\nFS28/1 sets out a summary of the responses we received.\n")
    assert kind_of(new, "GB", old=old) == "guideline"


def test_a_text_cited_for_its_definition_is_not_tagged() -> None:
    text = ("State Attorney General issues advisory on AI and consumer protection\n\nThe advisory explains how existing "
            "consumer protection law applies to AI systems. As its source for the definition of AI, the advisory points to "
            "Executive Order 14110.\n")
    got = analyse(text, context=Context(jurisdiction="US-MA"))
    assert got.kind == "guideline" and [t.id for t in got.instruments] == []


def test_a_fact_sheet_above_the_story_neither_decides_nor_hides_the_kind() -> None:
    text = ("LegalNews | Regulations | Alerts | PRO\n\nEuropean Regulations\n\nAI Convention: what tech companies must do\n\n"
            "Key data\nRegulation | Decision (EU) 2027/0410 of the Council\nPublication | May 13, 2027\n"
            "Council approval | April 21, 2027\nEntry into force | Not specified\n"
            + "".join(f"Affected party {i} | organisations using AI systems in their daily operations and services\n"
                      for i in range(8))
            + "\nOn April 21, 2027 the Council of the EU approved the ratification of the Framework Convention on "
            "Artificial Intelligence; the act was published in the Official Journal on May 13, 2027.\n")
    assert kind_of(text, "EU") == "adopted"


def test_a_regulator_fining_named_companies_is_enforcement() -> None:
    text = "Tech | AI | Policy\n\nEU fines Apple, Meta for violating competition rules\n\nThe penalties total €700 million.\n"
    assert kind_of(text, "EU") == "enforcement"


def test_a_numbered_order_under_a_site_name_is_an_adoption() -> None:
    text = ("Attrap - recueils des actes administratifs\n\nArrêté n°2027-00412 portant autorisation de l'emploi d'un "
            "traitement algorithmique des images de vidéoprotection du 3 au 6 juin 2027\n\nPréfecture de police\n")
    assert kind_of(text, "FR") == "adopted"


def test_enforcement_of_rules_that_starts_on_a_date_is_their_commencement() -> None:
    text = ("# Commission starts enforcing AI Act rules and new transparency requirements from 2 August\n\n- PRESS RELEASE\n"
            "- Publication 31 July 2027\n\nAs of 2 August, the AI Office takes up its enforcement role and the transparency "
            "obligations start to apply. The Commission has also published a list of signatories of the code.\n")
    assert kind_of(text, "EU") == "in-force"


def test_an_authority_name_in_its_own_language_is_a_masthead() -> None:
    text = ("AZOP - Agencija za zaštitu osobnih podataka\nHome | News | Publications\n\nEDPB: Joint Opinion on the "
            "Commission's Proposal for a Digital Omnibus adopted\n\nThe EDPB and the EDPS adopted a Joint Opinion on the "
            "proposal at the plenary meeting held on 20 January 2027.\n")
    assert kind_of(text, "EU") == "guideline"


def test_french_pages_a_position_after_a_consultation_an_opinion_and_a_senate_vote() -> None:
    position = ("CNIL - Commission nationale de l'informatique et des libertés\nAccueil > Actualités\n\n"
                "Caméras dites « augmentées » dans les espaces publics : la position de la CNIL\n\n19 juillet 2027\n\n"
                "Au terme d'une consultation publique, la CNIL rend publique sa position sur les dispositifs de vidéo "
                "« augmentée ».\n")
    assert kind_of(position, "FR") == "guideline"
    opinion = ("Autorité de la concurrence\nAccueil > Actualités\n\nIntelligence artificielle générative : l'Autorité rend "
               "son avis\n\nPublié le 28 juin 2027\n\nEn février, l'Autorité avait décidé d'ouvrir une consultation publique "
               "sur le secteur.\n")
    assert kind_of(opinion, "FR") == "guideline"
    senate = ("Localtis\nAccueil > Numérique > Actualités\n\nLe Sénat valide une régulation de l'IA en mode puzzle\n\n"
              "Examiné par le Sénat le 17 février 2027, le projet de loi désigne les autorités qui contrôleront les "
              "systèmes d'IA.\n")
    assert kind_of(senate, "FR") == "news"


def test_guidelines_adopted_for_public_consultation_are_a_consultation() -> None:
    text = ("EDPB adopts recommendations on e-commerce accounts\n\nBrussels, 4 December - At its plenary, the EDPB adopted "
            "recommendations on the legal basis for requiring an account. The recommendations are subject to public "
            "consultation, giving stakeholders the opportunity to comment.\n")
    assert kind_of(text, "EU") == "consultation"


def test_a_name_written_without_its_hyphen_is_still_the_instrument() -> None:
    text = ("Third draft of the Code of Practice on General Purpose AI published\n\nThe code will be finalised on the basis "
            "of the feedback stakeholders give on this draft.\n")
    ids = [t.id for t in analyse(text, context=Context(jurisdiction="EU")).instruments]
    assert "eu-gpai-code-of-practice" in ids


def test_chinese_and_korean_wordings_of_statements_calls_and_principles() -> None:
    brics = ("金磚國家領導人關於人工智能全球治理的聲明\n\n人工智能為推動全球邁向更加公平的未來提供了重要機遇。治理應當在各國監管框架"
             "之下進行，尊重國家主權。\n")
    assert kind_of(brics) == "adopted"
    dialogue = ("2027年5月14日，中美兩國在日內瓦啟動人工智能領域的政府間對話。\n\n雙方就人工智能技術風險進行了交流，中方呼籲共同形成"
                "得到全球認同的治理框架和標準。\n")
    assert kind_of(dialogue) == "news"
    seminar = ("과기부, AI 개발 안내서 초안…산업계 의견 들어\n\n과학기술정보통신부는 23일 공개 세미나를 열고 AI 개발 안내서 초안을 놓고 "
               "각계 의견을 모았다고 밝혔다.\n")
    assert kind_of(seminar, "KR") == "consultation"
    principles = ("방통위, AI 추천 서비스 '이용자 보호 원칙' 내놔\n\n방송통신위원회가 30일 AI 기반 미디어 추천 서비스 이용자 보호 "
                  "기본원칙을 내놨다.\n")
    assert kind_of(principles, "KR") == "guideline"
    relief = ("'AI 프라이버시팀' 새로 만든다\n정부, '안전한 개인정보 활용' 정책 방향 공개\n'사전 적정성 검토제' 도입해 행정처분 면제도\n\n"
              "개인정보보호위원회는 3일 AI 시대 안전한 개인정보 활용 정책 방향을 공개했다.\n")
    assert kind_of(relief, "KR") == "guideline"


def test_brazilian_and_other_wordings_of_acts_calls_checks_and_commencements() -> None:
    senate = ("Senado define regras para uso de IA nas atividades internas\n\nA Casa passou a contar com uma norma própria. "
              "A Diretoria-Geral instituiu o Programa de Apoio em Inteligência Artificial.\n")
    assert kind_of(senate, "BR") == "adopted"
    parana = ("Início | Política | Tecnologia\n\nParaná sanciona lei que cria plano de diretrizes para IA\n\nEm 2 de abril de "
              "2027, o Governo do Paraná sancionou a Lei nº 23.100, que institui o Plano de Diretrizes de IA.\n")
    assert kind_of(parana, "BR") == "adopted"
    tse = ("# Eleições 2028: TSE abre prazo para sugestões nas regras eleitorais\n\nO TSE liberou o canal pelo qual partidos e "
           "a sociedade civil podem mandar sugestões para as resoluções.\n")
    assert kind_of(tse, "BR") == "consultation"
    circular = ("Updates from the Superintendence regarding personal data processing\n\nTwo circulars on the processing of "
                "personal data by AI systems were issued at the end of August 2027 by the Superintendence.\n")
    assert kind_of(circular) == "guideline"
    checks = ("Hong Kong checks AI privacy compliance across sectors\n\nCompliance checks on 60 organisations, examining how "
              "their use of AI affects privacy, have been completed by the Privacy Commissioner.\n")
    assert kind_of(checks) == "enforcement"
    operation = ("Singapore enforces law to tackle fake online election ads\n\nXinhua, January 23, 2028\n\nThe amendment act, "
                 "enacted in October 2027, officially came into operation on Wednesday.\n")
    assert kind_of(operation) == "in-force"


def test_a_long_line_that_gains_a_clause_reports_only_the_clause() -> None:
    base = ("Tracker: EU AI Act\n\nstatus: \"Base text Regulation (EU) 2024/1689, in force since 2024-08-01, amended by the "
            "Digital Omnibus on AI (in force 2026-07-27); Code of Practice on transparency of AI-generated content signed by "
            "180 providers")
    old = base + "\"\n"
    new = base + "; plus Commission Implementing Regulation (EU) 2027/0311 of 2027-03-02 on fining procedures\"\n"
    got = analyse(new, old, context=Context(jurisdiction="EU"))
    assert [(d.date, d.role) for d in got.dates if d.role == "entry-into-force"] == []
    assert "eu-digital-omnibus-on-ai" not in [t.id for t in got.instruments]
