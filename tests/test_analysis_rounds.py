"""Date roles and tagging for phenomena met on unseen pages (wording of these tests is our own)."""

from __future__ import annotations

from tests.analysis_support import kind_of
from watcher.analysis import Context, analyse, only_noise
from watcher.analysis.dates import extract


def pairs(text: str, **kw: object) -> set[tuple[str, str]]:
    return {(f.date, f.role) for f in extract(text, **kw)}  # type: ignore[arg-type]


def test_commencement_from_promulgation_counts_from_the_stated_promulgation_day() -> None:
    text = ("お知らせ\n\n令和8年1月10日\n\n本法は令和8年2月3日に成立し、令和8年2月9日に公布されました。\n\n"
            "本法は、公布の日から施行されます。\n")
    got = pairs(text)
    assert ("2026-02-09", "entry-into-force") in got
    assert ("2026-02-09", "published") in got
    assert ("2026-02-03", "entry-into-force") not in got
    assert ("2026-01-10", "entry-into-force") not in got


def test_status_line_signed_is_adoption() -> None:
    text = "Bill HB 77\nStatus: Became Law\n03/14/2026 | Governor Signed\n"
    assert ("2026-03-14", "adopted") in pairs(text, us_locale=True)


def test_must_comply_beginning_is_application_but_a_bare_phased_start_is_not() -> None:
    text = ("Board news\n\nMarch 2, 2026\n\nOperators must comply with the new disclosure requirements beginning "
            "March 1, 2028. Reports are collected in batches starting June 1, 2029.\n")
    got = pairs(text)
    assert ("2028-03-01", "applies-from") in got
    assert ("2029-06-01", "applies-from") not in got


def test_german_ab_dem_with_sanctions_and_taiwan_shanglu_with_duties() -> None:
    de = "Hinweis\n\nGeldbußen dürfen die Behörden erst ab dem 3. März 2027 festsetzen, wenn die Sanktionsregeln wirken.\n"
    assert ("2027-03-03", "applies-from") in pairs(de)
    zh = "新聞\n2026年03月01日\n新規範3月9日起正式上路，平台須標示生成內容。\n"
    assert ("2026-03-09", "applies-from") in pairs(zh)


def test_amended_rules_operative_from_is_entry_into_force() -> None:
    text = "Notice\n\nMay 4, 2026\n\nThe amended rules will be operative from May 20, 2026.\n"
    assert ("2026-05-20", "entry-into-force") in pairs(text)


def test_tracker_pair_with_only_status_lines_takes_the_headline_instrument() -> None:
    old = ("State Legislature\nResponsible AI Safety and Education Act (RAISE Act)\nSponsor: A. Member\n"
           "Status: In Assembly\n\nActions\nMar 02, 2026  REFERRED TO COMMITTEE\n")
    new = old.replace("Status: In Assembly", "Status: Passed Assembly").replace(
        "Actions\n", "Actions\nApr 14, 2026  PASSED ASSEMBLY\n")
    got = [t.id for t in analyse(new, old, context=Context(jurisdiction="US-NY")).instruments]
    assert got == ["us-ny-raise-act"]


def test_degree_sign_number_spelling() -> None:
    text = "Câmara dos Deputados\nProjeto de Lei n° 2.338, de 2023\nO relator apresentou parecer sobre o texto.\n"
    assert "br-pl-2338-2023" in [t.id for t in analyse(text, context=Context(jurisdiction="BR")).instruments]


def test_cookie_banner_and_stamp_change_is_noise() -> None:
    body = "KI-Verordnung: Hinweise\n\nDie Behörde beantwortet Fragen zur Umsetzung der Verordnung (EU) 2024/1689.\n"
    old = body + "Wir setzen Cookies ein. [OK]\nStand: 02.03.2026\n"
    new = body + "Mit Ihrer Einwilligung verwenden wir Statistik-Cookies für eine bessere Nutzung dieser Seiten. [Ja] [Nein]\nStand: 09.04.2026\n"
    assert only_noise(old, new)
    assert not only_noise(old, new + "Ab dem 2. August 2026 gelten neue Pflichten für Anbieter von Hochrisiko-KI-Systemen.\n")


def test_japanese_plan_to_be_drawn_up_is_background() -> None:
    text = ("内閣府\n\nAI法の施行について\n\n人工知能関連技術の研究開発及び活用の推進に関する法律が施行されました。"
            "政府は有識者の意見を聞きながら人工知能基本計画の策定に向けた検討を進めます。\n")
    got = [t.id for t in analyse(text, context=Context(jurisdiction="JP")).instruments]
    assert "jp-ai-promotion-act" in got and "jp-ai-basic-plan" not in got


def test_obligations_apply_since_is_an_in_force_report() -> None:
    old = "Aufsichtsbehörde\nKünstliche Intelligenz\n\nDie Verordnung (EU) 2024/1689 ist in Kraft.\n"
    new = old + "\nSeit dem 2. August 2026 gelten die Pflichten für Betreiber von Hochrisiko-Systemen.\n"
    result = analyse(new, old, context=Context(jurisdiction="DE"))
    assert result.kind == "in-force"
    assert ("2026-08-02", "applies-from") in {(d.date, d.role) for d in result.dates}
    en = "Regulator news\n\nMay 3, 2026\n\nThe transparency obligations have applied since 2 March 2026.\n"
    assert ("2026-03-02", "applies-from") in pairs(en)


def test_responsible_in_a_name_is_not_a_comment_window() -> None:
    text = ("City Ledger\nTech\nBy Ann Writer   Mar. 2, 2026\n"
            "Starting today, firms must follow the Responsible Machine Learning Act of the state.\n")
    assert ("2026-03-02", "entry-into-force") in pairs(text, us_locale=True)


def test_japanese_submission_period_words_make_a_comment_window() -> None:
    text = ("経済産業省\n「指針（案）」について\n2026年3月2日\n\n1．募集期間\n令和8年3月2日（月曜日）～令和8年4月1日（水曜日）\n")
    assert ("2026-04-01", "comments-due") in pairs(text)
    table = ("お知らせ\n2026年3月2日\n\n| 項目 | 内容 |\n|---|---|\n| 受付締切日時 | 令和8年4月3日 17時 |\n")
    assert ("2026-04-03", "comments-due") in pairs(table)


def test_a_start_date_in_the_opening_sentence_is_not_the_page_date() -> None:
    text = ("시행령 제정안 입법예고\n\n「모범 기본법」이 2027년 3월 2일 시행됨에 따라 위임 사항을 정하려는 것임.\n\n"
            "의견이 있는 기관·단체 또는 개인은 2027년 1월 15일까지 의견을 제출하여 주시기 바랍니다.\n\n2026년 12월 1일\n장관\n")
    assert ("2027-01-15", "comments-due") in pairs(text)


def test_posted_online_stamp_is_publication() -> None:
    text = ("Actualités\nDe nouvelles règles sont désormais opposables\nMis en ligne le 6 mars 2026\n\n"
            "Depuis le 2 mars 2026, les fournisseurs doivent publier un résumé.\n")
    got = pairs(text)
    assert ("2026-03-06", "published") in got and ("2026-03-06", "applies-from") not in got


def test_japanese_call_for_opinions_headline_is_a_consultation() -> None:
    text = ("総務省\n「AI利用ガイドライン（案）」に対する意見の募集について\n2026年3月2日\n\n"
            "ガイドラインの案を取りまとめました。広く御意見を頂くため、意見を募集します。\n1．募集期間\n"
            "令和8年3月2日～令和8年4月1日\n")
    assert kind_of(text, "JP") == "consultation"


def test_an_instrument_that_keeps_applying_alongside_is_background() -> None:
    text = ("Aufsicht aktuell\n\nAb heute greifen die Verbote der KI-Verordnung (EU) 2024/1689 für bestimmte Praktiken. "
            "Für personenbezogene Daten bleibt die DSGVO daneben weiter maßgeblich.\n")
    got = ids(text, jurisdiction="DE")
    assert "eu-ai-act" in got and "eu-gdpr" not in got


def ids(text: str, jurisdiction: str | None = None) -> list[str]:
    return [t.id for t in analyse(text, context=Context(jurisdiction=jurisdiction)).instruments]


def test_concept_words_of_a_related_standard_do_not_tag_the_measures() -> None:
    text = ("标准动态\n\n国家标准GB 45438—2025《网络安全技术 人工智能生成合成内容标识方法》解读\n\n"
            "该标准明确了显式标识和隐式标识的技术要求。该标准与《人工智能生成合成内容标识办法》配套实施。\n")
    got = ids(text, jurisdiction="CN")
    assert "cn-gb-45438-2025" in got and "cn-ai-generated-content-labeling-measures" not in got


def test_chinese_background_word_stays_in_its_own_clause() -> None:
    text = ("通知\n\n为做好与相关法律的衔接，有关部门对网络安全法修正草案再次作了修改，现向社会公开征求意见。\n")
    assert "cn-cybersecurity-law-2025-amendment" in ids(text, jurisdiction="CN")


def test_treaty_chart_row_change_is_read_with_the_headline() -> None:
    old = ("Treaty Office\nCouncil of Europe Framework Convention on Artificial Intelligence\nStatus as of: 01/03/2026\n"
           "States | Signature | Ratification\nAndorra | 05/09/2024 | |\nMonaco | 05/09/2024 | |\n")
    new = old.replace("01/03/2026", "09/03/2026").replace("Monaco | 05/09/2024 | |", "Monaco | 05/09/2024 | 06/03/2026 |")
    got = [t.id for t in analyse(new, old).instruments]
    assert got == ["int-coe-framework-convention-ai"]


def test_published_filing_statistics_are_news() -> None:
    text = ("网信动态\n\n国家网信办公布2026年第一批深度合成服务算法备案信息\n\n"
            "截至2026年2月底，累计已有120款服务完成备案，名单同步公开。\n")
    assert kind_of(text, "CN") == "news"


def test_foot_timestamp_and_weekday_with_day_number() -> None:
    text = ("Agência de Notícias\n\nComissão discute o projeto\n\nA comissão especial ouve especialistas "
            "nesta quarta-feira (4). O debate começa às 10 horas.\n\nOutros convidados confirmaram presença.\n\n"
            "02/03/2026 - 17:05\nReportagem – Fulano\n")
    got = pairs(text)
    assert ("2026-03-02", "published") in got
    assert ("2026-03-04", "other") in got


def test_a_veto_is_legislative_news_and_an_opinion_of_the_state_council_is_guidance() -> None:
    veto = ("Policy Blog\n\n# Governor vetoes state AI bill\n\nOn March 3, 2026 the Governor vetoed HB 900, the high-risk "
            "artificial intelligence bill, which had passed both chambers. The bill would have been signed into law.\n")
    assert kind_of(veto, "US") == "news"
    opinion = ("首页 > 政策 > 国务院文件\n\n国务院关于推进人工智能与制造业融合发展的意见\n国发〔2026〕3号\n\n"
               "各省、自治区、直辖市人民政府：现提出以下意见。\n")
    assert kind_of(opinion, "CN") == "guideline"


def test_enforcement_held_back_until_a_date_is_a_timetable_change() -> None:
    old = ("City agency\n\n# Hiring tools law\n\nThe law takes effect January 1, 2027.\n")
    new = old.replace("# Hiring tools law\n", "# Hiring tools law\n\n**Update:** After receiving many public comments we "
                      "plan a second public hearing. We will not enforce the law before May 3, 2027.\n")
    result = analyse(new, old, context=Context(jurisdiction="US"))
    assert result.kind == "deadline"
    assert ("2027-05-03", "applies-from") in {(d.date, d.role) for d in result.dates}


def test_eurlex_reference_line_dates_the_publication_that_commencement_counts_from() -> None:
    text = ("EUR-Lex\n\n# Document 32026R0123\n\nCommission Implementing Regulation (EU) 2026/123 of 2 February 2026 "
            "on the AI regulatory sandboxes\n\nOJ L, 2026/123, 5.2.2026, ELI: http://data.europa.eu/eli/reg_impl/2026/123/oj\n\n"
            "Having regard to Regulation (EU) 2024/1689 (OJ L, 2024/1689, 12.7.2024),\n\nArticle 3\n\nThis Regulation shall "
            "enter into force on the twentieth day following that of its publication in the Official Journal of the "
            "European Union.\n\nDone at Brussels, 2 February 2026.\n")
    got = pairs(text)
    assert ("2026-02-05", "published") in got
    assert ("2026-02-25", "entry-into-force") in got
    assert ("2026-02-22", "entry-into-force") not in got


def test_a_timetable_of_past_and_coming_starts_is_a_deadline_page() -> None:
    text = ("Observatorio\n\nEl reglamento de IA: fechas clave\n\nMadrid, 10 de marzo de 2026\n\n"
            "El Reglamento (UE) 2024/1689 entró en vigor el 1 de agosto de 2024. Las prohibiciones se aplican desde el "
            "2 de febrero de 2025 y el grueso de las obligaciones será aplicable a partir del 2 de agosto de 2026. "
            "Los sistemas de alto riesgo del anexo I tendrán hasta el 2 de agosto de 2027.\n")
    assert kind_of(text, "ES") == "deadline"


def test_an_edit_naming_nothing_is_about_the_act_the_opening_states() -> None:
    old = ("Regulator\nArtificial intelligence\n\nThe AI Act, Regulation (EU) 2024/1689, entered into force on 1 August "
           "2024.\n\nMore about AI literacy in our handout.\n")
    new = old.replace("\n\nMore", "\n\nNew: since 2 August 2025 the duties for providers of general-purpose models "
                      "apply, as do the rules on penalties.\n\nMore")
    tags = analyse(new, old, context=Context(jurisdiction="DE")).instruments
    assert [t.id for t in tags] == ["eu-ai-act"]
    assert tags[0].confidence <= 0.6  # inferred from the page, not named by the edit


def test_instruments_given_as_examples_are_background() -> None:
    text = ("Standards news\n\n# ISO/IEC 42001 certification reaches a milestone\n\nA certifiable standard helps as laws "
            "such as the EU AI Act and frameworks such as the NIST AI Risk Management Framework take effect.\n")
    assert ids(text) == ["int-iso-iec-42001"]


def test_a_label_line_above_a_lone_date_gives_its_role() -> None:
    text = ("意見募集\n\n報告書（案）について御意見を募集します。\n\n（2）意見の提出期限\n令和8年3月2日（月）（必着）\n\n"
            "（3）提出方法\n電子メール\n")
    assert ("2026-03-02", "comments-due") in pairs(text)
    dateline = "ニュース > 政治\nAI法、9月1日に全面施行\n2026年8月29日 19:05\n\n本文。\n"
    assert ("2026-08-29", "entry-into-force") not in pairs(dateline)


def test_list_of_new_application_dates_and_a_start_that_was_due() -> None:
    text = ("Council press release\n\n# AI rules simplified\n\nThe high-risk provisions were due to enter into force on "
            "2 August 2026. The new application dates are 2 December 2027 for stand-alone systems and 2 August 2028 "
            "for systems embedded in products.\n")
    got = pairs(text)
    assert {("2027-12-02", "applies-from"), ("2028-08-02", "applies-from")} <= got
    assert ("2026-08-02", "entry-into-force") not in got


def test_addresses_above_the_headline_do_not_decide_the_kind() -> None:
    text = ("[Skip to main content](https://digital-strategy.ec.europa.eu/en/policies/forum#main-content)\n\n"
            "Shaping Europe's digital future\n\n# AI Act Advisory Forum\n\nThe forum gathers stakeholders who advise the "
            "AI Board and the Commission under the AI Act.\n")
    assert kind_of(text, "EU") == "news"


def test_congress_bill_record_just_introduced_is_a_draft_and_a_signed_order_record_is_adopted() -> None:
    bill = ("Ban Example Act of 2026 | 2026-10-02 | congress: 119; introduced date: 2026-09-23; latest action text: "
            "Read twice and referred to the Committee on Commerce, Science, and Transportation.; origin chamber: Senate")
    assert kind_of(bill, "US") == "draft"
    hearing = bill.replace("Read twice and referred to the Committee on Commerce, Science, and Transportation.",
                           "Committee on Homeland Security and Governmental Affairs. Hearings held.")
    assert kind_of(hearing, "US") == "news"
    order = ("Advancing Example Technology | 2026-10-02 | citation: 91 FR 1; executive order number: 14999; "
             "signing date: 2026-09-29; type: Presidential Document")
    assert kind_of(order, "US") == "adopted"


def test_a_plan_that_complements_existing_acts_does_not_tag_them() -> None:
    text = ("Library\n\n# Action Plan on Cybersecurity and Artificial Intelligence\n\nThe Commission presents an action "
            "plan for the security of advanced AI models.\n\nThe Action Plan complements the existing legal framework, "
            "including the AI Act and the Cyber Resilience Act.\n")
    assert "eu-ai-act" not in ids(text, jurisdiction="EU")


def test_questions_and_answers_are_guidance_and_a_move_to_a_digital_world_is_not_a_deadline() -> None:
    faq = ("# Navigating the rules\n\nThese questions and answers explain the goals, governance and enforcement of "
           "the rules.\n")
    assert kind_of(faq) == "guideline"
    page = ("# Cybersecurity\n\nThe move to a more digital world has brought new threats. The Commission works on "
            "secure networks.\n")
    assert kind_of(page) == "news"


def test_a_tracker_whose_last_step_is_the_governors_approval_is_an_adoption() -> None:
    text = ("Tracker\n\nRequires disclosures where generative AI is used.\nLegislative History\n"
            "Bill introduced into the Senate on Feb. 4, 2026; Senate passed the bill on Feb. 24, 2026.\n"
            "House passed the bill on Mar. 7, 2026.\nMar. 27, 2026 LEG Governor Approval\n"
            "Governor approved bill SB300 on Mar. 27, 2026.\n")
    result = analyse(text, context=Context(jurisdiction="US-UT"))
    assert result.kind == "adopted"
    assert ("2026-03-27", "adopted") in {(d.date, d.role) for d in result.dates}


def test_an_act_passed_back_in_an_earlier_year_is_background_even_in_the_first_sentence() -> None:
    text = ("Back in 2024, the general assembly passed Senate Bill 24-205 on algorithmic discrimination. Senate Bill "
            "26-189, signed into law May 2026, repeals those provisions and reenacts them with new requirements.\n\n"
            "Under SB26-189 the office must adopt rules before January 1, 2027.\n")
    assert ids(text, jurisdiction="US-CO") == ["us-co-sb26-189"]


def test_a_commencement_proviso_for_part_of_a_text_is_an_application_date() -> None:
    text = ("부칙\n\n제1조(시행일) 이 영은 2027년 3월 2일부터 시행한다. 다만, 별표 2 중 의료기기에 관한 부분은 2027년 3월 9일부터 "
            "시행한다.\n")
    got = pairs(text)
    assert ("2027-03-02", "entry-into-force") in got and ("2027-03-09", "applies-from") in got


def test_another_basic_act_is_not_koreas_ai_basic_act() -> None:
    text = "# 지능정보화 기본법 시행규칙\n\n제1조(목적) 이 규칙은 「지능정보화 기본법」에서 위임된 사항을 규정한다.\n"
    assert "kr-ai-basic-act" not in ids(text, jurisdiction="KR")


def test_a_yearless_date_takes_the_year_of_the_publication_line_and_from_onwards_is_application() -> None:
    text = ("# Commission opinion on the code\n\n- NEWS ARTICLE\n- Publication 09 July 2026\n\nOn july 8, the Commission "
            "concluded that the code is adequate.\n\nProtection against retaliation extends to reports about "
            "infringements from 2 August 2026 onwards.\n")
    got = pairs(text)
    assert any(day == "2026-07-08" for day, _ in got)
    assert ("2026-08-02", "applies-from") in got


def test_next_year_and_next_month_words_give_the_year_and_month_of_a_korean_date() -> None:
    text = ("'AI 기본법' 개정안 국회 본회의 통과…내달 22일 시행\n\n입력 2025-12-30 21:03\n\n"
            "개정안이 국회 본회의에서 가결됐다. 법은 내년 1월 22일 시행된다.\n")
    got = pairs(text)
    assert ("2026-01-22", "entry-into-force") in got
    assert not any(day == "2025-01-22" for day, _ in got)
    assert kind_of(text, "KR") == "adopted"


def test_a_recurring_yearly_day_is_not_a_date() -> None:
    text = ("# 某服务管理规定\n\n2026年5月29日 公布\n\n第九条 平台应当在每年12月31日前，将服务规范报送备案。\n\n"
            "第二十条 本规定自2026年9月1日起施行。\n")
    got = pairs(text)
    assert not any(day.endswith("12-31") for day, _ in got)
    assert ("2026-09-01", "entry-into-force") in got
    assert kind_of(text, "CN") == "adopted"


def test_responding_to_a_consultation_and_starting_work_on_a_decree_are_news() -> None:
    listing = ("新経済連盟\n\n2026年2月11日\n【パブコメ】「AI指針(案)」に対して、意見を提出しました\n"
               "内閣府が募集した「AI指針(案)」のパブリックコメントに意見を出しました。\n")
    assert kind_of(listing, "JP") == "news"
    work = ("과기정통부, 'AI 기본법' 시행령 작업 돌입…TF 꾸려 운영\n\n입력 2026-01-15\n\n과기정통부는 하위법령 준비와 함께 "
            "주요 가이드라인을 다룰 태스크포스를 운영한다.\n")
    assert kind_of(work, "KR") == "news"


def test_adopting_guidelines_is_guidance_and_a_legal_framework_bill_is_not() -> None:
    text = ("# Board adopts guidelines on pseudonymisation\n\nAt its plenary the Board adopted guidelines on "
            "pseudonymisation.\n")
    assert kind_of(text) == "guideline"
    bill = ("# Chamber sets a plenary vote on the Artificial Intelligence Legal Framework (Bill 2,338/2023)\n\n"
            "The bill passed the Senate in December 2024; the plenary vote is set for 27 May 2026.\n")
    assert kind_of(bill, "BR") == "news"


def test_a_headline_plan_is_out_even_when_later_steps_are_forthcoming_and_bill_text_is_a_draft() -> None:
    text = ("Industry body\n\nThe AI moment: a bold new plan for innovation and growth\n\nThe government's plan sets out "
            "50 recommendations. A forthcoming compute strategy will follow.\n")
    assert kind_of(text, "GB") == "guideline"
    bill = ("The people of the State of California do enact as follows:\n\nSECTION 1. This act shall be known as the "
            "Example Frontier Models Act.\n")
    assert kind_of(bill, "US-CA") == "draft"


def test_an_earlier_veto_in_the_background_does_not_undo_a_signature() -> None:
    text = ("Law firm alert\nOctober 2, 2026\nState puts AI developers on notice\nOn September 29, 2026, the Governor put "
            "his name to Senate Bill 99, the frontier AI act. It follows an earlier attempt that the Governor vetoed a "
            "year before.\n")
    assert kind_of(text, "US-CA") == "adopted"


def test_a_ratification_entered_in_a_treaty_chart_is_an_adoption_not_an_entry_into_force() -> None:
    old = ("Treaty Office\nFramework Convention on Artificial Intelligence\nCETS No. 225\nStatus as of: 14/04/2026\n"
           "States | Signature | Ratification | Entry into force\nAndorra | 05/09/2024 | |\nNorway | 05/09/2024 | |\n")
    new = old.replace("14/04/2026", "22/04/2026").replace("Norway | 05/09/2024 | |", "Norway | 05/09/2024 | 21/04/2026 |")
    assert analyse(new, old).kind == "adopted"


def test_a_hearing_announced_in_the_headline_is_legislative_news() -> None:
    text = ("정책 뉴스\n\n국회, AI 기본법 공청회 24일 개최\n\n입력 :2026/09/09 15:38\n\n국회 과방위는 9일 전체회의에서 두 제정 "
            "법률안에 대한 공청회 계획서를 채택했다. 관련 법안은 모두 9건이 발의돼 있다.\n")
    assert kind_of(text, "KR") == "news"


def test_minguo_dates_of_taiwan() -> None:
    text = ("數位發展部 新聞稿\n\n人工智慧基本法三讀通過 數發部：打造安心應用環境\n\n發布日期：2025-12-23\n\n"
            "為推動以人為本的人工智慧發展，相關法案歷經多次討論與協商，各界意見均已納入考量，以下說明立法進程。\n\n"
            "立法院於114年12月23日三讀通過《人工智慧基本法》。國科會於113年7月15日辦理草案預告。\n")
    got = {(d.date, d.role) for d in analyse(text, context=Context(jurisdiction="TW")).dates}
    assert ("2025-12-23", "adopted") in got
    assert any(day == "2024-07-15" for day, _ in got)


def test_an_undated_policy_page_listing_many_start_dates_is_a_timetable() -> None:
    text = ("# AI Act\n\n## Application timeline\n\nThe AI Act entered into force on 1 August 2024 and will be fully "
            "applicable on 2 August 2026, with exceptions:\n\n- prohibitions apply from 2 February 2025\n"
            "- the obligations for GPAI models became applicable on 2 August 2025\n"
            "- rules for high-risk systems embedded in products apply from 2 August 2028\n")
    assert kind_of(text, "EU") == "deadline"


def test_a_law_page_edited_by_another_acts_consequential_amendment_is_a_corrigendum() -> None:
    filler = "".join(f"제{n}조(위원회) 위원회는 위원장 1명을 포함한 {n}명 이내의 위원으로 구성하며, 회의는 재적위원 과반수의 출석으로 "
                     "개의하고 출석위원 과반수의 찬성으로 의결한다.\n\n" for n in range(39, 49))
    old = ("##### 제38조 (실태조사)\n\n**①** 장관은 통계청장과 협의하여 실태조사를 하여야 한다.\n\n" + filler +
           "부칙 <제20676호,2025.1.21>\n\n제1조(시행일) 이 법은 공포 후 1년이 경과한 날부터 시행한다.\n")
    new = old.replace("통계청장과", "국가데이터처장과").replace("하여야 한다.\n", "하여야 한다. <개정 2025.10.1>\n", 1) + (
        "\n부칙(정부조직법) <제21065호,2025.10.1>\n\n제1조(시행일) 이 법은 공포한 날부터 시행한다. 다만, 부칙 제7조에 따라 "
        "개정되는 법률 중 시행일이 도래하지 아니한 법률을 개정한 부분은 각각 해당 법률의 시행일부터ㆍㆍㆍ<생략>ㆍㆍㆍ 시행한다.\n\n"
        "제7조(다른 법률의 개정) 모범기본법 일부를 다음과 같이 개정한다. 제38조제1항 중 \"통계청장\"을 \"국가데이터처장\"으로 한다.\n")
    assert kind_of(new, "KR", old=old) == "corrigendum"


def test_frameworks_a_tool_draws_on_across_wrapped_lines_are_background() -> None:
    text = ("Consultation outcome\n\n# AI Management Essentials\n\nThe self-assessment tool distils principles from existing "
            "regulation and\nstandards into a starting point for organisations. The tool draws in particular on three\n"
            "prominent frameworks: ISO/IEC 42001, the EU AI Act and the NIST AI Risk Management\nFramework.\n")
    assert ids(text, jurisdiction="GB") == []


def test_japanese_history_told_at_the_end_of_the_sentence_is_background() -> None:
    text = ("AI安全研究所を設立\n\n2024年2月14日\n\n政府はAIの安全性を評価する研究所を設立した。日本は国際的なルールを検討する"
            "広島AIプロセスを主導し、包括的政策枠組をまとめるなど、議論を後押ししてきた。\n")
    assert ids(text, jurisdiction="JP") == []


def test_legislative_plan_headline_is_news_and_a_published_resolution_is_adopted() -> None:
    plan = ("國務院公布今年立法工作計劃 人工智能法草案擬提請審議\n\n2026-06-08\n\n國務院辦公廳公布年度立法工作計劃，"
            "人工智能法草案等擬提請全國人大常委會審議。草案由有關部門起草。\n")
    assert kind_of(plan, "CN") == "news"
    resolution = ("Direito e Justiça\n\nAs novas diretrizes do Conselho para a inteligência artificial\n\nNo último dia 11 de "
                  "março, foi publicada a Resolução 615/2025 do Conselho, que estabelece diretrizes para o uso de "
                  "inteligência artificial no Judiciário.\n")
    assert kind_of(resolution, "BR") == "adopted"


def test_an_opinion_adopted_by_a_board_is_guidance_and_a_crackdown_is_enforcement() -> None:
    opinion = ("# Board opinion on AI models: data protection principles support responsible AI\n\nThe Board adopted an "
               "opinion on the use of personal data for the development of AI models.\n")
    assert kind_of(opinion) == "guideline"
    crackdown = ("# Agency announces crackdown on deceptive AI claims\n\nUnder the operation the agency brings five law "
                 "enforcement actions against companies that used AI hype to lure consumers.\n")
    assert kind_of(crackdown, "US") == "enforcement"


def test_italian_bill_passed_by_one_chamber_and_sent_on_is_progress() -> None:
    old = "Progetto di legge C. 2316\n\nStato: **In corso di esame in Assemblea**\n\n| Data | Fase |\n| --- | --- |\n"
    new = old.replace("In corso di esame in Assemblea", "Approvato con modificazioni. Trasmesso al Senato (S. 1146-B)") + (
        "| 25/06/2026 | Approvato con modificazioni dall'Assemblea |\n")
    assert kind_of(new, "IT", old=old) == "news"


def test_a_site_header_date_moving_on_is_noise_but_a_labelled_date_below_is_not() -> None:
    old = "2026.01.11(日)\nScanNet > ニュース\n\n# 個人情報委、生成AIの注意喚起\n\n委員会は注意喚起を公表した。\n"
    new = old.replace("2026.01.11(日)", "2026.02.22(日)")
    assert only_noise(old, new)
    old2 = "# 意見募集\n\n案について意見を募集します。\n\n締切\n2026.03.01(日)\n"
    new2 = old2.replace("2026.03.01(日)", "2026.03.15(日)")
    assert not only_noise(old2, new2)


def test_ahead_of_a_deadline_is_a_timetable_story() -> None:
    text = ("Federation news\n\nThe Commission is pressing EU countries to speed up their preparations for the AI Act "
            "ahead of the Aug. 2, 2026 deadline. Member states have to designate competent authorities.\n")
    assert kind_of(text, "EU") == "deadline"


def test_uk_gdpr_is_not_the_eu_regulation_and_a_headline_comparison_is_background() -> None:
    fine = ("ICO news\n\n# ICO fines a genetic testing firm\n\nAny buyer of the company will have to comply with the UK GDPR.\n")
    assert "eu-gdpr" not in ids(fine, jurisdiction="GB")
    code = ("ANSA\n\nPrinciples and voluntary code to complement EU AI Act, says Commission\n\nThe G7 leaders agreed on "
            "guiding principles and a voluntary code of conduct under the Hiroshima AI Process.\n")
    assert "eu-ai-act" not in ids(code, jurisdiction="INT")


def test_a_site_name_above_the_headline_is_not_a_headline_cue() -> None:
    text = ("FAQ.com.tw › Policy › Great Example AI Act\n\nJune 5, 2026 · Policy\n\n# Congress drops a 269-page AI bill "
            "that would override state AI laws\n\nA bipartisan discussion draft in the House would preempt every state "
            "rule on AI development for three years. The proposal already meets resistance.\n")
    assert kind_of(text, "US") == "draft"


def test_a_procedure_file_gaining_its_official_journal_row_is_adopted_and_proposals_adopted_are_drafts() -> None:
    old = ("Legislative Observatory\n\n# Procedure file\n\n2021/0106(COD) Artificial Intelligence Act\n\n| Date | Event |\n"
           "| --- | --- |\n| 13/03/2024 | Decision by Parliament, 1st reading |\n| 21/05/2024 | Act adopted by Council after "
           "Parliament's 1st reading |\n")
    new = old + "| 12/07/2024 | Final act published in Official Journal |\n"
    assert kind_of(new, "EU", old=old) == "adopted"
    proposals = ("# New liability rules on products and AI\n\nBrussels, 28 September 2026\n\nTwo proposals were adopted by "
                 "the Commission today to adapt liability rules to the digital age.\n")
    assert kind_of(proposals, "EU") == "draft"


def test_guidance_given_to_a_named_company_is_enforcement_and_a_compliance_deadline_headline_is_a_timetable() -> None:
    ppc = ("Impress Watch ＞ ニュース\n\n個人情報保護委員会、生成AI事業者に適正な取扱いを要請\n\n2026年6月2日\n\n"
           "委員会は2日、生成AIサービスの利用に関する注意喚起等を公表した。あわせて、サービスを提供する事業者に対しても、"
           "個人情報の取扱いについて指導を行なう。\n")
    assert kind_of(ppc, "JP") == "enforcement"
    deadline = ("Policy · May 18, 2026\n\n# Takedown law compliance deadline is tomorrow — what platforms must have ready\n\n"
                "The one-year implementation window closes on May 19, 2026. FTC penalties run to $53,088 per violation.\n")
    assert kind_of(deadline, "US") == "deadline"


def test_a_deadline_extension_on_a_consultation_page_carries_the_code_its_opening_names() -> None:
    old = ("Shaping Europe's digital future\n\nConsultation | Publication 30 July 2026\n\n# AI Act: Have your say on "
           "trustworthy general-purpose AI\n\nThe AI Office has launched a consultation on the topics of the first "
           "General-Purpose AI Code of Practice.\n\n**Submissions can be made until 10 September 2026.**\n")
    new = old.replace("**Submissions can be made until 10 September 2026.**",
                      "**Update: the deadline for submissions has been extended to 18 September 2026.**")
    got = [t.id for t in analyse(new, old, context=Context(jurisdiction="EU")).instruments]
    assert "eu-gpai-code-of-practice" in got and "eu-ai-act" in got


def test_a_resolution_named_by_its_title_and_an_inline_related_line() -> None:
    text = ("News > Global\n\nUN General Assembly adopts resolution on AI capacity-building\n\nThe resolution on \"Enhancing "
            "International Cooperation on Capacity-building of Artificial Intelligence\" was adopted without a vote.\n")
    assert "int-un-ga-res-78-311" in ids(text, jurisdiction="INT")
    page = ("Insights\n\n# ISO 14001 climate amendment\n\nThe amendment adds climate change considerations.\n\n"
            "Related insights: [ISO/IEC 42001: what the AI standard asks](https://example.org/a) · [Audits](https://example.org/b)\n")
    assert ids(page) == []


def test_a_status_row_turning_to_published_and_share_widgets_above_a_chinese_headline() -> None:
    old = ("全国网络安全标准化技术委员会\n\n# 生成式人工智能服务安全基本要求\n\n| 项目 | 内容 |\n|---|---|\n"
           "| 文件状态 | 征求意见稿 |\n| 发布日期 | 2026-01-11 |\n")
    new = old.replace("| 文件状态 | 征求意见稿 |\n| 发布日期 | 2026-01-11 |", "| 文件状态 | 已发布 |\n| 发布日期 | 2026-02-28 |")
    assert kind_of(new, "CN", old=old) in ("guideline", "adopted")
    page = ("点击右上角微信好友\n\n朋友圈\n\n请使用浏览器分享功能进行分享\n\n人工智能全球治理行动计划\n\n来源:新华社2026-07-27\n\n"
            "7月26日，高级别会议发表《人工智能全球治理行动计划》。全文如下：\n")
    assert kind_of(page, "CN") == "guideline"


def test_a_status_badge_flipping_to_in_force_is_news_not_noise() -> None:
    old = "標準下載 > 國家標準\n\nGB/T 45674-2026 生成式人工智能數據標注安全規範\n\n  • 即將實施\n  • 2026-04-25 頒布\n"
    new = old.replace("即將實施", "已實施")
    assert not only_noise(old, new)
    assert kind_of(new, "CN", old=old) == "in-force"


def test_a_ban_that_applies_from_a_day_counted_after_promulgation_is_commencement_news() -> None:
    text = ("총선 D-90…딥페이크 선거운동 금지\n\n입력2026. 1. 9. 14:18\n\n선거일 90일 전인 11일부터 딥페이크 영상 등을 이용한 "
            "선거운동이 제한되거나 금지된다.\n지난달 28일 개정된 선거법에 따라 선거일 90일 전부터는 누구든지 딥페이크 영상을 게시할 수 "
            "없다. 다만 부칙에 따라 이 규정은 공포 후 1개월이 지난 오는 29일부터 적용된다.\n")
    assert kind_of(text, "KR") == "in-force"


def test_consulting_until_a_date_with_proposed_guidance_is_a_consultation() -> None:
    text = ("# Department proposes guidance on AI in insurance\n\nOn January 17, 2026, the Department released a proposed "
            "circular letter giving guidance to insurers. Comments are due by March 17, 2026.\n")
    assert kind_of(text, "US-NY") == "consultation"
    edpb = ("# New Board guidelines on processing personal data on blockchain\n\nThe Board has released draft guidelines, "
            "on which it is consulting until 09 June 2026. Players are invited to send in their observations.\n")
    result = analyse(edpb, context=Context(jurisdiction="EU"))
    assert result.kind == "consultation"
    assert ("2026-06-09", "comments-due") in {(d.date, d.role) for d in result.dates}


def test_a_law_in_force_until_a_date_is_not_a_comment_window_and_a_full_width_breadcrumb_is_not_a_headline() -> None:
    text = ("# Jeux Olympiques : la loi du 19 mai 2023\n\nLa loi autorise à titre expérimental la vidéoprotection "
            "algorithmique jusqu'au 31 mars 2025.\n")
    assert not any(role == "comments-due" for _, role in pairs(text))
    jp = ("エコノミックニュース ＞ 政治\n\n首相、全閣僚でAI戦略本部 新法案の早期提出指示\n\n首相は26日の会議で、新たな法案を"
          "できるだけ早く国会に提出できるよう準備を進めるよう指示した。\n")
    assert kind_of(jp, "JP") == "news"


def test_a_summit_that_ended_with_a_joint_declaration_and_a_law_named_by_its_date() -> None:
    text = ("Network | English\n\n61 Countries Agree On Open, Inclusive, Ethical AI\n\nPARIS - Representatives of 61 "
            "countries came together in Paris for the Artificial Intelligence (AI) Action Summit.\n\nThe meeting ended with "
            "a joint declaration calling for AI that is open and inclusive.\n")
    result = analyse(text, context=Context(jurisdiction="INT"))
    assert result.kind == "adopted"
    assert [t.id for t in result.instruments] == ["int-paris-ai-action-summit-statement"]
    loi = ("# Jeux Olympiques : la loi du 19 mai 2023\n\nLe Parlement a voté une loi qui ouvre la voie à des "
           "expérimentations, dont la vidéoprotection algorithmique.\n")
    assert kind_of(loi, "FR") == "adopted"


def test_an_extrajudicial_notice_to_a_platform_is_enforcement() -> None:
    text = ("Notícias\n\nAGU notifica Meta sobre chatbots de IA\n\nA Advocacia-Geral da União enviou notificação "
            "extrajudicial à Meta pedindo a remoção de chatbots que simulam crianças.\n")
    assert kind_of(text, "BR") == "enforcement"


def test_pinyin_annotations_of_a_mirror_do_not_break_names_and_cues() -> None:
    text = ("《上海市促進人工智能產(chǎn)業(yè)發(fā)展條例》9月22日在上海市人大常委會會議上表決獲得通過，將於2022年10月1日起施行。"
            "這部法規(guī)是全國第一部促進人工智能產(chǎn)業(yè)發(fā)展的省級地方性法規(guī)。\n")
    result = analyse(text, context=Context(jurisdiction="CN"))
    assert [t.id for t in result.instruments] == ["cn-shanghai-ai-industry-regulations"]
    assert result.kind == "adopted"


def test_a_national_assembly_passing_a_law_and_a_prefecture_enforcing_an_ordinance() -> None:
    vn = ("# NA passes first-ever Law on Artificial Intelligence\n\nAt its sitting on December 10, the National Assembly "
          "adopted the law with a large majority.\n")
    assert kind_of(vn) == "adopted"
    jp = ("生成AIで児童の性的画像を作成した場合に過料　鳥取県が全国初の条例施行\n\n2026年8月4日、県は条例を全国で初めて"
          "施行した。\n")
    assert kind_of(jp, "JP") == "in-force"


def test_a_concluded_consultation_page_with_the_government_response_is_guidance() -> None:
    old = ("# AI regulation: policy proposals\n\nWe want to hear your views on the proposals.\n\nThis consultation has "
           "concluded\n\n## Consultation outcome\n\n")
    new = old + "The government response to the consultation was published on 6 February 2026.\n"
    assert kind_of(new, "GB", old=old) == "guideline"


def test_a_status_change_under_a_bill_title_that_is_not_the_first_line_carries_the_bill() -> None:
    old = ("Senado Federal > Atividade Legislativa > Projetos e Matérias\n\nProjeto de Lei n° 2338, de 2023\n\n"
           "Autoria: Senador Rodrigo Pacheco (PSD/MG)\n\nSituação atual\nEm tramitação — Aguardando deliberação na comissão\n")
    new = old.replace("Aguardando deliberação na comissão", "Pronta para a pauta no Plenário")
    assert [t.id for t in analyse(new, old, context=Context(jurisdiction="BR")).instruments] == ["br-pl-2338-2023"]


def test_the_draft_title_of_the_generative_ai_measures() -> None:
    text = "征求意见\n\n国家互联网信息办公室关于《生成式人工智能服务管理办法（征求意见稿）》公开征求意见的通知\n"
    assert "cn-generative-ai-interim-measures" in ids(text, jurisdiction="CN")


def test_existing_frameworks_last_novembers_declaration_and_not_under_an_act_are_background() -> None:
    plan = ("Library\n\n# Action Plan on Cybersecurity and AI\n\nThe Action Plan adds to the EU's existing legal framework for "
            "AI and cybersecurity, which includes the AI Act.\n")
    assert "eu-ai-act" not in ids(plan, jurisdiction="EU")
    seoul = ("Yonhap\n\n# Leaders adopt Seoul Declaration on safe AI\n\nThe summit follows the first one held in Britain last "
             "November, at which 28 countries adopted the Bletchley Declaration.\n")
    assert ids(seoul, jurisdiction="INT") == ["int-seoul-declaration"]
    edps = ("# Orientations on generative AI, version 2\n\nThe supervisor acts as data protection authority, not as market "
            "surveillance authority under the AI Act.\n")
    assert "eu-ai-act" not in ids(edps, jurisdiction="EU")


def test_relative_closing_days_in_korean_and_portuguese_news() -> None:
    ko = ("정책 뉴스\n\n국가 AI 윤리기준 초안 공개…의견 수렴\n\n입력 2026.11.27 10:00\n\n정부는 내달 7일 공개 공청회를 열고, "
          "15일까지 이메일로 의견을 접수한다.\n")
    assert ("2026-12-15", "comments-due") in pairs(ko)
    pt = ("Notícias\n\nTribunal recebe até sexta (19) sugestões para as regras das eleições\n\n15/01/2026 - 10:00\n\n"
          "O tribunal aceita, até a próxima sexta-feira, 19, propostas de cidadãos para aperfeiçoar as resoluções.\n")
    result = analyse(pt, context=Context(jurisdiction="BR"))
    assert ("2026-01-19", "comments-due") in {(d.date, d.role) for d in result.dates}


def test_a_date_opening_a_japanese_sentence_whose_verb_is_commencement() -> None:
    text = ("ニュース\n\n県が全国初の条例施行\n\n2026年8月4日、県は、生成AIで加工した性的画像の提供に過料を科す条例を、全国で初めて"
            "施行した。\n\n条例はもともと性的画像の提供を禁じていた。\n")
    assert ("2026-08-04", "entry-into-force") in pairs(text)


def test_measures_issued_by_name_are_adopted_even_when_their_penalties_are_described() -> None:
    text = ("首页 > 检索页\n\n国家网信办发布《国家网络安全事件报告管理办法》\n\n发布时间:2026-09-15\n\n新华社北京9月15日电 国家网信办"
            "日前发布《国家网络安全事件报告管理办法》，办法将于2026年11月1日起施行。运营者迟报、漏报的，依法从重处罚。\n")
    assert kind_of(text, "CN") == "adopted"


def test_a_portuguese_authority_publishing_or_approving_a_regulation_adopts_it() -> None:
    anpd = ("# ANPD publica o Regulamento de Comunicação de Incidente de Segurança\n\nO regulamento prevê prazos e a "
            "fiscalização pelo órgão.\n")
    assert kind_of(anpd, "BR") == "adopted"
    tse = ("TSE proíbe conteúdo feito por IA 72 horas antes do pleito\n\n02/03/2026\n\nO Tribunal aprovou nesta "
           "segunda-feira (2) uma proposta de resolução que atualiza as normas de propaganda eleitoral.\n")
    assert kind_of(tse, "BR") == "adopted"


def test_a_court_issuing_its_opinions_is_guidance() -> None:
    text = ("最高人民法院发(fā)布《意见(jiàn)》 规范人工智能司法应用\n\n2026-12-11 14:48\n\n最高人民法院今日对外发布《关于规范和加强"
            "人工智能司法应用的意见》，推动人工智能与司法工作深度融合。\n")
    assert kind_of(text, "CN") == "guideline"


def test_acts_cited_in_recitals_and_reminders_are_background() -> None:
    text = ("EUR-Lex\n\n# Council Regulation (EU) 2026/99 amending Regulation (EU) 2021/1173 as regards an AI factories "
            "initiative\n\nTHE COUNCIL OF THE EUROPEAN UNION,\n\nWhereas:\n\n(1) Regulation (EU) 2024/1689 of the European "
            "Parliament and of the Council on harmonised rules on AI (the 'AI Act') is intended to improve the internal "
            "market.\n\nHAS ADOPTED THIS REGULATION:\n\nArticle 1\n\nRegulation (EU) 2021/1173 is amended as follows.\n")
    assert "eu-ai-act" not in ids(text, jurisdiction="EU")
    fr = ("Actualités\n\n# IA : création d'un institut national\n\nLe gouvernement annonce un institut d'évaluation de l'IA. "
          "Pour mémoire, le premier volet de l'AI Act s'applique depuis février.\n")
    assert "eu-ai-act" not in ids(fr, jurisdiction="FR")


def test_requests_for_information_sent_to_platforms_and_a_reintroduced_bill() -> None:
    rfi = ("EU Institution News\n\nCommission sends requests for information on generative AI risks to 6 Very Large Online "
           "Platforms under the Digital Services Act\n\nThe Commission has today formally sent requests for information "
           "under the Digital Services Act to the platforms.\n")
    assert kind_of(rfi, "EU") == "enforcement"
    bill = ("# Texas AI Governance Act was reintroduced to the State House as HB 149\n\nThe act was reintroduced in the House "
            "with monitoring requirements.\n")
    assert kind_of(bill, "US-TX") == "draft"


def test_skip_links_and_spam_title_runs_are_not_headlines() -> None:
    text = ("바로가기 메뉴 본문 바로가기 주메뉴 바로가기\n\n외교부\n\nAI 서울 정상회의\n\n정상들은 21일 서울 선언을 채택했다.\n")
    from watcher.analysis.text import head_end
    assert "바로가기" not in text[text.rfind("\n", 0, head_end(text) - 1) + 1 : head_end(text)]
    spam = "免費影視在線看_熱門短劇合集_高清電影第一頁_手機追劇\n\n全球人工智能治理倡議發布\n\n本報北京電 中央網信辦發布倡議。\n"
    assert "免費影視" not in spam[: head_end(spam)].rsplit("\n", 1)[-1]


def test_korean_adoption_and_a_chinese_initiative() -> None:
    ko = "외교부\n\n# 정상들, AI 서울 선언 채택\n\n정상들은 21일 안전하고 혁신적인 AI를 위한 서울 선언을 채택했다.\n"
    assert kind_of(ko, "KR") == "adopted"
    zh = "资讯中心 > 时政要闻\n\n全球人工智能治理倡议发布\n\n本报北京10月18日电 中央网信办18日发布全球人工智能治理倡议。\n"
    assert kind_of(zh, "CN") == "guideline"


def test_a_window_that_closes_named_as_it_and_entry_into_force_in_days() -> None:
    text = ("# Commission opens two stakeholder consultations\n\n2025-12-01\n\nThe Commission has recently opened two "
            "stakeholder consultations. The first one concerns copyright-related obligations, and it closes on 9 January "
            "2026. The second one asks for feedback on a draft implementing act, and it closes on 6 January 2026.\n")
    result = analyse(text, context=Context(jurisdiction="EU"))
    got = {(d.date, d.role) for d in result.dates}
    assert {("2026-01-09", "comments-due"), ("2026-01-06", "comments-due")} <= got
    pt = ("Saúde\n\n27/02/2026\n\nConselho publica resolução sobre IA na medicina\n\nA resolução foi publicada nesta "
          "sexta-feira (27) no Diário Oficial da União e entra em vigor em 180 dias.\n")
    got_pt = {(d.date, d.role) for d in analyse(pt, context=Context(jurisdiction="BR")).dates}
    assert ("2026-08-26", "entry-into-force") in got_pt


def test_regulations_under_the_ccpa_and_indias_ai_governance_guidelines() -> None:
    ca = ("# Regulations under California Consumer Privacy Act on cybersecurity audits enter into force\n\nThe regulations "
          "adopted under the California Consumer Privacy Act (CCPA) enter into force on 1 January 2026.\n")
    assert ids(ca, jurisdiction="US-CA") == ["us-ca-ccpa-admt-regulations"]
    india = ("Unpacking MeitY's Report on AI Governance Guidelines Development\n\nThe Ministry of Electronics and Information "
             "Technology of India invites comments on the report.\n")
    assert "in-ai-governance-guidelines" in ids(india, jurisdiction="IN")


def test_the_consultations_a_final_report_drew_on_are_its_history() -> None:
    text = ("# Final Report - Governing AI for Humanity\n\nThe advisory body presents its final report after months of work, "
            "including wide-ranging consultations around the world.\n\n## Extensive Global Consultations\n\nThe report "
            "draws on broad consultations with more than 2,000 participants and more than 50 consultation sessions.\n")
    assert kind_of(text) == "guideline"


def test_an_act_in_a_consultation_still_in_the_pipeline_and_a_settlement() -> None:
    text = ("# Interplay consultations\n\nThe Board published a consultation on the interplay between the DSA and the GDPR. "
            "A third consultation, on how the AI Act interacts with the GDPR, is also in the pipeline, though only for Q3 "
            "2026, i.e. after some key provisions of the AI Act have come into force.\n")
    assert "eu-ai-act" not in ids(text, jurisdiction="EU")
    tx = ("# Attorney General Reaches Settlement in First-of-its-Kind Healthcare Generative AI Investigation\n\n"
          "September 18, 2026\n\nThe Attorney General has obtained a settlement with an AI healthcare company.\n")
    assert kind_of(tx, "US-TX") == "enforcement"


def test_a_breadcrumb_marks_where_the_pages_own_headline_starts() -> None:
    text = ("Updates on developments in data privacy and cybersecurity\nHome > Artificial Intelligence\n\nEuropean "
            "Commission Publishes Apply AI Strategy to Accelerate Sectoral AI Adoption\n\nThe Commission published its "
            "Apply AI Strategy on 8 October 2025, setting out how to speed up the use of AI in key sectors.\n")
    assert kind_of(text, "EU") == "guideline"


def test_a_status_line_glued_to_public_act_and_a_french_projet_de_designation() -> None:
    old = "Bill Status for HB1806\n\nActions\n5/30/2025HousePassed Both Houses\n"
    new = old + "8/1/2025HousePublic Act . . . . . . . . . 104-0054\n"
    assert kind_of(new, "US-IL", old=old) == "adopted"
    fr = ("La DGE et la DGCCRF publient le projet de désignation des autorités nationales en charge du règlement européen "
          "sur l'IA\n\n9 Septembre 2025 | Communiqué de presse\n\nLe projet sera soumis au Parlement.\n")
    assert kind_of(fr, "FR") == "draft"


def test_committee_steps_before_the_final_vote_are_news_and_measures_issued_are_adopted() -> None:
    old = ("# Artificial Intelligence Act\n\nOn 8 December 2026, negotiators reached a provisional agreement on the act.\n")
    new = ("# Artificial Intelligence Act\n\nOn 13 February 2027, members of the two committees backed, in a vote, the "
           "provisional agreement. The text still has to be formally adopted in plenary and by the Council.\n")
    assert kind_of(new, "EU", old=old) == "news"
    ko = ("AI 기본법 법사위 통과…다른 법안도 가결\n\n발행일 : 2026-12-17\n\n'AI 기본법'이 17일 국회 법제사법위원회 전체회의를 "
          "통과했다. 법안은 19건의 법률안을 하나로 묶은 위원회 대안이다.\n")
    assert kind_of(ko, "KR") == "news"
    zh = ("三部门：生成或编辑人脸须取得个人单独同意\n\n2026-12-28 09:49 来源：人民网\n\n国家网信办等三部门近期发布了《互联网信息服务"
          "深度合成管理规定》。《规定》自2027年1月10日起施行。\n")
    assert kind_of(zh, "CN") == "adopted"


def test_a_korean_plenary_passage_after_committee_steps_is_adoption() -> None:
    text = ("딥페이크 성범죄물 소지·시청도 처벌…법안 국회 본회의 통과\n\n입력 2026.09.26 15:00\n\n법사위를 거친 개정안이 26일 "
            "국회 본회의를 통과했다.\n")
    assert kind_of(text, "KR") == "adopted"


def test_a_paywall_notice_above_the_headline_and_rules_no_longer_required_since_a_date() -> None:
    text = ("DataGuidance\nNews | Guidance Notes | Log in\n\nContinue reading on DataGuidance with:\nFree Member - Limited "
            "Articles: create an account to keep accessing selected articles, resources and guidance notes.\n\n"
            "EU: Council adopts Cyber Resilience Act\n\nOn October 10, 2026, the Council adopted the regulation.\n")
    assert kind_of(text, "EU") == "adopted"
    fr = ("Activité commerciale des influenceurs : des règles moins strictes\n\nDepuis le 8 novembre 2026, il n'est plus "
          "obligatoire pour un influenceur d'apposer la mention « Publicité », à condition qu'une mention équivalente "
          "apparaisse.\n")
    assert kind_of(fr, "FR") == "in-force"


def test_joint_statements_and_declarations_issued_are_adoptions() -> None:
    zh = ("发布时间:2026-11-24 09:18:21 来源: 新华社\n中华人民共和国和法兰西共和国关于人工智能和全球治理的联合声明\n"
          "两国元首认为，双方将加强人工智能全球治理合作。\n")
    assert kind_of(zh, "CN") == "adopted"
    decl = ("2026世界人工智能大会上发布《人工智能全球治理上海宣言》，呼吁各国携手推动人工智能发展。\n7月4日，大会在上海举行。\n")
    assert kind_of(decl, "CN") == "adopted"


def test_an_eu_act_titled_with_its_date_and_a_national_security_memorandum_are_adopted() -> None:
    eu = ("Council Decision (EU) 2026/2349 of 21 November 2026 authorising the opening of negotiations (32026D2349)\n"
          "EU - Rechtsakte: 01 General matters\n\nCOUNCIL DECISION (EU) 2026/2349\n\nof 21 November 2026\n\nauthorising the "
          "opening of negotiations on behalf of the Union for a convention on artificial intelligence\n")
    assert kind_of(eu, "EU") == "adopted"
