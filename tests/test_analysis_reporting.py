"""How pages report an event around the cue words: an act named with its date, a year said in words, provisions that
start to apply, steps that did not (yet) happen, commentaries, and names written another way."""

from __future__ import annotations

from tests.analysis_support import kind_of
from watcher.analysis import Analysis, Context, analyse


def _dates(got: Analysis) -> set[tuple[str, str]]:
    return {(d.date, d.role) for d in got.dates}


def _ids(got: Analysis) -> list[str]:
    return [t.id for t in got.instruments]


def test_an_eu_act_named_with_its_date_does_not_start_on_that_date() -> None:
    text = ("Proposal for a Regulation amending Regulation (EU) 2024/1689\n\nBrussels, 19.11.2027\n\n"
            "Regulation (EU) 2024/1689 of the European Parliament and of the Council of 13 June 2024 laying down "
            "harmonised rules on artificial intelligence entered into force on 1 August 2024.\n")
    got = _dates(analyse(text, context=Context(jurisdiction="EU")))
    assert ("2024-06-13", "adopted") in got
    assert ("2024-08-01", "entry-into-force") in got
    french = ("Le règlement sur l'IA (RIA) du 13 juin 2024 s'applique de manière progressive ; ses dispositions sur "
              "les modèles d'IA à usage général sont entrées en application le 2 août 2025.\n")
    got = analyse(french, context=Context(jurisdiction="EU"))
    assert ("2024-06-13", "other") in _dates(got)
    assert ("2025-08-02", "applies-from") in _dates(got)
    assert got.kind == "in-force"


def test_a_year_said_in_words_after_a_day() -> None:
    text = ("Intelligenza artificiale: le regole in arrivo\n\nL'AI Act è entrato in vigore il 1 agosto dello scorso anno. "
            "Le disposizioni sui sistemi ad alto rischio scatteranno dal 2 agosto del prossimo anno. "
            "Dal 2 febbraio 2025 sono diventate effettive alcune disposizioni.\n")
    got = _dates(analyse(text, context=Context(jurisdiction="EU")))
    assert ("2024-08-01", "entry-into-force") in got
    assert ("2026-08-02", "applies-from") in got
    assert ("2025-02-02", "applies-from") in got  # some provisions, not the act: they start to apply
    french = "3 septembre 2025\n\nLes obligations sont entrées en application le 2 août dernier.\n"
    assert ("2025-08-02", "applies-from") in _dates(analyse(french, context=Context(jurisdiction="EU")))


def test_publication_dates_told_in_a_sentence() -> None:
    text = ("EU AI Act will formally become law\n\nThe European Parliament voted in March. On July 12, 2024, the Act was "
            "published in the Official Journal. The Act will enter into force on August 1, 2024 and most of its "
            "provisions will apply from August 2, 2026.\n")
    got = analyse(text, context=Context(jurisdiction="EU"))
    assert ("2024-07-12", "published") in _dates(got)
    assert got.kind == "adopted"  # the start dates are announced with the publication
    active = "Code finalised\n\nOn 10 July 2025 the European Commission published the final version of the code.\n"
    assert ("2025-07-10", "published") in _dates(analyse(active, context=Context(jurisdiction="EU")))


def test_starts_worded_as_bans_slips_enforceability_and_the_day_a_law_takes_effect() -> None:
    text = ("Council adopts the omnibus\n\nHigh-risk systems in regulated products slip by 12 months to August 2, 2028. "
            "Apps that generate such images are banned from December 2, 2026. The transparency obligations become "
            "enforceable on 2 August 2026.\n")
    got = _dates(analyse(text, context=Context(jurisdiction="EU")))
    assert {("2028-08-02", "applies-from"), ("2026-12-02", "applies-from"), ("2026-08-02", "applies-from")} <= got
    rules = ("State law update\n\nThe agency has to adopt its rules by January 1, 2027 — the very day the law takes "
             "effect.\n")
    assert ("2027-01-01", "entry-into-force") in _dates(analyse(rules, context=Context(jurisdiction="US")))


def test_a_final_approval_with_a_staged_timetable_is_an_adoption() -> None:
    text = ("# Council seals the AI omnibus\n\nOn 29 June 2026 the Council gave its final approval. Annex III systems now "
            "apply from 2 December 2027, embedded systems from 2 August 2028, new bans from 2 December 2026, while the "
            "rules for general-purpose models, in force since 2 August 2025, stay as they are.\n")
    assert kind_of(text, "EU") == "adopted"


def test_steps_that_did_not_or_may_not_happen_are_not_adoptions() -> None:
    refused = ("Britain's AI institute changes its name\n\nOfficials gave the lack of any reference to security as their "
               "reason for not signing the summit's declaration.\n")
    assert kind_of(refused, "GB") == "news"
    pending = ("# State Legislature Passes Frontier AI Safety Bill\n\nJune 24, 2027\n\nThe legislature passed the bill on "
               "June 12. If the Governor signs it into law, the state would be the first to regulate frontier models.\n")
    assert kind_of(pending, "US") == "news"


def test_documents_a_text_adopts_or_an_author_comments_on() -> None:
    adopted = ("Recommendation on Open Data\n\nThe General Conference, meeting in Paris at its 41st session,\n\n"
               "1 Adopts the present Recommendation on this twenty-third day of November 2027;\n\n"
               "2 Recommends that Member States apply the principles of this Recommendation.\n")
    assert kind_of(adopted, None) == "adopted"
    blog = ("# Early insights from the voluntary reporting framework\n\nIn this post we share preliminary findings from "
            "the first reports that companies submitted under the international code of conduct.\n")
    assert kind_of(blog, None) == "news"
    paper = ("Department published policy paper on the AI assurance market\n\nOn 3 September 2027, the Department (DSIT) "
             "released a policy paper setting out how it will support third-party AI assurance.\n")
    got = analyse(paper, context=Context(jurisdiction="GB"))
    assert got.kind == "guideline"
    assert ("2027-09-03", "published") in _dates(got)


def test_bills_introduced_and_consultations_worded_as_hearings_or_second_readings() -> None:
    assert kind_of("# Federal AI Framework Introduced to Senate\n\nA senator introduced a bill on AI liability.\n",
                   "US") == "draft"
    german = ("NATIONALE KI-AUFSICHT\n\n## Anhörung zum KI-Durchführungsgesetz gestartet\n\nDas Ministerium hat die "
              "Länder- und Verbändeanhörung zum Referentenentwurf eröffnet.\n")
    assert kind_of(german, "DE") == "consultation"
    chinese = ("2027年10月23日\n\n▲大陸將透過修法強化對AI的監管。（圖／CFP）\n\n文／中央社\n\n全國人大常委會會議將於24日至28日"
               "召開，「網絡安全法」修正草案預定提請二次審議。草案增加了促進人工智慧安全與發展的內容。\n")
    assert kind_of(chinese, "CN") == "news"


def test_names_written_another_way_and_texts_named_only_for_comparison() -> None:
    text = ("Two state AI laws take effect\n\nTexas's Responsible Artificial Intelligence Governance Act went into "
            "effect at midnight.\n")
    assert "us-tx-hb-149" in _ids(analyse(text, context=Context(jurisdiction="US")))
    art50 = ("Commission launches consultation for guidelines and code of practice on AI transparency\n\nThe "
             "consultation feeds into Guidelines clarifying Article 50 and a voluntary code of practice.\n")
    ids = _ids(analyse(art50, context=Context(jurisdiction="EU")))
    assert {"eu-ai-act-guidelines-transparency-art50", "eu-ai-act-transparency-code-of-practice"} <= set(ids)
    comparison = ("New York Legislature Passes AI Safety Bill\n\nThe legislature passed the RAISE Act on June 12.\n\n"
                  "Its scope is narrower than SB 1047's. As in SB 1047, its duties center on critical harm. The "
                  "directive was meant to sit next to the EU AI Act.\n")
    ids = _ids(analyse(comparison, context=Context(jurisdiction="US")))
    assert "us-ny-raise-act" in ids and "us-ca-sb-1047" not in ids and "eu-ai-act" not in ids
    last_week = ('The AI Counsel\n\n# Federal framework bill\n\nLast week a senator introduced the "TRUMP AMERICA AI Act".\n')
    assert "us-federal-ai-preemption-bills" in _ids(analyse(last_week, context=Context(jurisdiction="US")))


def test_a_bill_number_on_a_page_that_never_speaks_of_ai_is_another_bill() -> None:
    text = ("TX HB149\n\nRelating to the elimination of school district property taxes.\n\nAI Summary\n\nThe bill would "
            "abolish the taxes from January 1, 2028.\n")
    assert _ids(analyse(text, context=Context(jurisdiction="US-TX"))) == []
    ai = "TX HB 149\n\nRelating to artificial intelligence governance.\n"
    assert _ids(analyse(ai, context=Context(jurisdiction="US-TX"))) == ["us-tx-hb-149"]


def test_dates_in_chinese_numerals_and_a_status_sentence_that_says_the_law_now_applies() -> None:
    old = ("保安局\n\n網絡安全條例\n\n最新消息\n\n• 二○二七年三月二十八日:《條例》刊憲。\n\n"
           "實施狀況:《條例》將於二○二八年一月一日生效。\n")
    new = ("保安局\n\n網絡安全條例\n\n最新消息\n\n• 二○二八年一月一日:《條例》開始實施。專員已發出不具法律效力的《業務守則》,並預計"
           "於年中起陸續指定首批營運者及其關鍵電腦系統。\n• 二○二七年三月二十八日:《條例》刊憲。\n\n"
           "實施狀況:《條例》已於二○二八年一月一日生效。\n")
    got = analyse(new, old, context=Context(jurisdiction="HK"))
    assert got.kind == "in-force"
    assert ("2028-01-01", "entry-into-force") in _dates(got)


def test_french_wordings_of_the_act_a_code_a_closing_day_a_dateline_and_a_joint_declaration() -> None:
    consultation = ("Systèmes d'IA à haut risque\n\nContribuez à la consultation publique d'ici le 18 juillet 2027 !\n\n"
                    "La Commission a ouvert une consultation sur la législation sur l'intelligence artificielle. Les "
                    "acteurs sont invités à envoyer leurs contributions avant le 18 juillet 2027.\n")
    got = analyse(consultation, context=Context(jurisdiction="EU"))
    assert "eu-ai-act" in _ids(got)
    assert ("2027-07-18", "comments-due") in _dates(got)
    code = ("Publication par la Commission du code de bonnes pratiques sur l'intelligence artificielle à usage général\n\n"
            "Le code propose un formulaire type pour les informations de transparence.\n")
    got = analyse(code, context=Context(jurisdiction="EU"))
    assert got.kind == "guideline" and "eu-gpai-code-of-practice" in _ids(got)
    summit = ("61 pays s'entendent à Paris sur une IA ouverte\n\nPARIS, 12 février 2027 (WAM) -- Des représentants de 61 "
              "pays se sont retrouvés mardi à Paris pour le Sommet pour l'action sur l'IA. Les échanges ont débouché sur "
              "une déclaration conjointe.\n")
    got = analyse(summit, context=Context(jurisdiction="FR"))
    assert got.kind == "adopted"
    assert ("2027-02-12", "published") in _dates(got)


def test_a_proposal_restating_the_timetable_of_the_act_it_amends_is_a_draft() -> None:
    text = ("EUR-Lex - 52025PC0836 - EN\n\nBrussels, 19.11.2025\nCOM(2025) 836 final\n\nProposal for a REGULATION amending "
            "Regulation (EU) 2024/1689\n\nThe AI Act entered into force on 1 August 2024. The obligations for "
            "general-purpose AI models already apply; most other provisions will apply from 2 August 2026 or "
            "2 August 2027.\n")
    assert kind_of(text, "EU") == "draft"


def test_a_law_said_not_to_exist_yet_is_not_tagged() -> None:
    text = ("《生成式人工智能服务安全基本要求》(征求意见稿)要点解读\n\n近日,标准化技术委员会公布了《生成式人工智能服务安全基本要求》"
            "(征求意见稿)。\n\n中国目前还没有制定专门的人工智能法。\n")
    ids = _ids(analyse(text, context=Context(jurisdiction="CN")))
    assert "cn-ai-law-legislative-plan" not in ids


def test_a_start_the_registry_knows_takes_its_role_however_the_page_words_it() -> None:
    text = ("EU releases final version of the code\n\nThe code helps industry comply with the AI Act's rules on "
            "general-purpose AI, which come into effect on 2 August 2025. The AI Act itself came into effect on "
            "1 August 2024.\n")
    got = _dates(analyse(text, context=Context(jurisdiction="EU")))
    assert ("2025-08-02", "applies-from") in got  # the registry: the AI Act applies in stages from its entry into force
    assert ("2024-08-01", "entry-into-force") in got


def test_drafts_of_guidance_put_out_for_feedback_are_a_consultation() -> None:
    proposed = ("Proposed Advisory Guidelines on Personal Data in AI Systems\n\nJuly 21, 2027\n\nThe Commission released "
                "the Proposed Advisory Guidelines on 18 July 2027. The Commission will take comments on the Proposed "
                "Guidelines until 31 August 2027.\n")
    assert kind_of(proposed, "SG") == "consultation"
    third = ("Third draft of the Code of Practice on General Purpose AI published\n\nThe code will be finalised on the basis "
             "of the feedback stakeholders give on this proposal. An interactive website makes it easier to give written "
             "feedback on the draft.\n")
    assert kind_of(third, "EU") == "consultation"
    bare = "Second draft of the Code of Practice on General Purpose AI published\n\nThe draft has a leaner structure.\n"
    assert kind_of(bare, "EU") == "draft"


def test_french_pages_on_the_omnibus_and_on_a_stage_of_application() -> None:
    omnibus = ("# Omnibus IA : quel impact sur votre mise en conformité ?\n\nLa Commission européenne a rendu publique le 19 "
               "novembre 2027 une réforme destinée à simplifier le droit du numérique. Comme pour le RGPD, la Commission "
               "a conçu un texte qui traduit les valeurs de l'Union.\n")
    got = analyse(omnibus, context=Context(jurisdiction="EU"))
    assert "eu-digital-omnibus-on-ai" in _ids(got) and "eu-gdpr" not in _ids(got)
    assert got.kind == "draft"
    stage = ("# 2 août 2025 : nouvelle étape dans l'application de l'AI Act\n\nC'est désormais au tour des dispositions du "
             "chapitre V de s'appliquer. Les pratiques interdites devront avoir disparu à compter du 2 février 2025.\n")
    got = analyse(stage, context=Context(jurisdiction="EU"))
    assert got.kind == "in-force"
    assert ("2025-02-02", "applies-from") in _dates(got)


def test_tools_adopted_by_a_committee_and_methodologies_published_are_guidance() -> None:
    tool = ("# The Council of Europe's AI committee creates a new tool\n\nA first-of-its-kind tool has been adopted by the "
            "Committee on Artificial Intelligence: a methodology for assessing the risks of AI systems to human rights.\n")
    assert kind_of(tool, None) == "guideline"
    method = ("# UNESCO to support more countries in designing AI policy\n\nParis, 18 July 2027 – UNESCO has this month "
              "published its Readiness Assessment Methodology, a diagnostic tool, in keeping with its Recommendation "
              "on the Ethics of AI, which its Member States adopted unanimously in November 2021.\n")
    got = analyse(method)
    assert got.kind == "guideline"
    assert ("2027-07-18", "published") in _dates(got)


def test_other_wordings_of_adoptions_commencements_and_calls_for_comments() -> None:
    assert kind_of("# UN creates two AI mechanisms\n\nOn Tuesday the UN General Assembly decided to set up a scientific "
                   "panel on AI and a global dialogue on AI governance.\n", None) == "adopted"
    assert kind_of("# General-purpose AI obligations under the AI Act become applicable\n\nProviders must now comply.\n",
                   "EU") == "in-force"
    assert kind_of("# The Utah AI Act and its newly effective amendments\n\nThe amendments go into effect on May 7, 2027. "
                   "In March 2024 the state enacted the original act.\n", "US-UT") == "in-force"
    assert kind_of("# AI RMF Playbook\n\nNIST is putting out an initial draft of a Playbook and would welcome your "
                   "feedback on its approach.\n", "US") == "consultation"
    sunshine = ("# Coloradans announce AI Sunshine Act\n\nLawmakers announced that the Colorado AI Sunshine Act is being "
                "introduced. It would also push back against efforts to pass a rival bill.\n")
    assert kind_of(sunshine, "US-CO") == "draft"


def test_guidance_said_not_to_exist_is_not_guidance() -> None:
    text = ("Six months of the state AI act: a quiet start\n\nThe advisory council has put out no guidance on the act, and "
            "the sandbox has named no participants. Commentators still debate its reach.\n")
    assert kind_of(text, "US-TX") == "news"
    assert kind_of(text.replace("has put out no guidance", "has put out guidance"), "US-TX") == "guideline"


def test_an_ai_action_plan_of_another_country_is_not_the_us_plan() -> None:
    text = ("The UK's AI Opportunities Action Plan\n\nThe Secretary of State commissioned an adviser to devise an AI action "
            "plan for the British Government; the result is the AI Opportunities Action Plan. The Data Use and Access "
            "Bill is now law.\n")
    ids = _ids(analyse(text, context=Context(jurisdiction="GB")))
    assert "gb-ai-opportunities-action-plan" in ids and "us-ai-action-plan" not in ids
    assert "gb-data-use-and-access-act-2025" in ids
    us = "White House releases AI Action Plan\n\nThe AI Action Plan lists over 90 federal policy actions.\n"
    assert "us-ai-action-plan" in _ids(analyse(us, context=Context(jurisdiction="US")))
