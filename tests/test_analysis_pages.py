"""Page shapes that hide the headline or announce an act without cue words: what a user sees in the alert's kind."""

from __future__ import annotations

from tests.analysis_support import kind_of
from watcher.analysis import Context, analyse, only_noise
from watcher.analysis.text import head_end


def _headline(text: str) -> str:
    end = head_end(text)
    return text[text.rfind("\n", 0, end) + 1 : end]


def test_an_organisation_name_above_the_page_is_not_its_headline() -> None:
    text = ("Eurosmart - The Voice of the Digital Security Industry\nAI - Draft standardisation request | View online\n\n"
            "Commission Notifies Intention to Adopt a Standardisation Request on Trustworthy AI\n\n"
            "Feedback on the draft implementing decision can be sent by email until 3 January 2027.\n")
    assert _headline(text).startswith("Commission Notifies Intention")
    governor = ("The Office of the Governor of the State of New York\n\n11/10/2026 | Press release | Distributed by Public\n\n"
                "Governor Writes to AI Companion Companies: Safeguard Requirements Are Now in Effect\n\nTechnology\n\n"
                "Governor Writes to AI Companion Companies: Safeguard Requirements Are Now in Effect\n\n"
                "The nation's first law of its kind makes companion apps detect talk of self-harm and refer users to help.\n")
    assert _headline(governor).startswith("Governor Writes")
    assert kind_of(governor, "US-NY") == "in-force"


def test_a_photo_caption_and_a_byline_are_not_headlines() -> None:
    caption = ("Grok é o assistente de IA da rede X - Reprodução\n\nANPD e Senacon enviam recomendação conjunta ao X sobre "
               "o Grok\n\nPublicado 20/01/2027 20:09\n\nOs órgãos pediram medidas imediatas contra conteúdo sintético.\n")
    assert _headline(caption).startswith("ANPD e Senacon")
    byline = ("中国政法大学数据法治研究院教授 张凌寒\n国务院年度立法工作计划解读\n计划公布后引起了不少讨论和关注。\n")
    assert _headline(byline) == "国务院年度立法工作计划解读"


def test_an_act_page_opening_with_its_enacting_formula_is_an_adoption() -> None:
    text = ("Conselho Nacional de Justiça | Atos Normativos | Pesquisa avançada\n\n# Atos Normativos\n\n## Identificação\n"
            "Resolução Nº 432 de 21/08/2026\n\n## Ementa\nDispõe sobre a governança da Inteligência Artificial no Poder "
            "Judiciário\n\n## Texto\nO PRESIDENTE DO CONSELHO NACIONAL DE JUSTIÇA, no uso de suas atribuições legais e "
            "regimentais;\n\nCONSIDERANDO que a Inteligência Artificial pode trazer agilidade ao processo decisório;\n")
    assert kind_of(text, "BR") == "adopted"
    fr = ("Décret n° 2026-902 relatif au conseil de l'intelligence artificielle\n\nLe Premier ministre,\n\nDécrète :\n\n"
          "Il est créé auprès du Premier ministre un conseil de l'intelligence artificielle et du numérique.\n")
    assert kind_of(fr, "FR") == "adopted"


def test_damages_awarded_by_a_court_are_enforcement() -> None:
    text = ("Empresas\n\nSobe para R$ 500 mil indenização por reconhecimento facial sem autorização no metrô\n\n16/05/2027\n\n"
            "A Justiça de São Paulo elevou a indenização coletiva devida pela concessionária por captar imagens com câmeras "
            "de reconhecimento facial sem consentimento.\n")
    assert kind_of(text, "BR") == "enforcement"


def test_a_draft_guide_put_out_for_comments_is_a_consultation_however_often_the_body_names_it() -> None:
    zh = ("3月27日，《人工智能安全治理标准体系建设指南(2027)(征求意见稿)》(以下简称《指南》)向社会公开征求意见。《指南》提出搭建"
          "标准体系框架。\n《指南》设定了两个阶段的目标。\n《指南》还列出了重点标准。\n")
    assert kind_of(zh, "CN") == "consultation"
    ko = ("금융권 AI 가이드라인 통합·개정…업계 의견 듣고 내년 1분기 시행\n\n입력 2026.12.10\n\n금융위원회는 금융분야 AI "
          "가이드라인 개정안을 마련해 업계 의견을 듣기로 했다. 가이드라인은 내년 1분기부터 시행된다.\n")
    assert kind_of(ko, "KR") == "consultation"


def test_a_consultation_still_to_come_or_held_with_stakeholders_does_not_open_comments() -> None:
    lords = ("# Artificial Intelligence: Legislation\n\nMonday 21st July 2027\n\nLords Chamber\n\nQuestion\n\nTo ask His "
             "Majesty's Government when they will publish their consultation on plans for AI legislation.\n\nThe Minister: "
             "the Government are getting a consultation on AI legislation ready and will update Parliament in due course.\n")
    assert kind_of(lords, "GB") == "news"
    un = ("Global Dialogue on AI Governance launched\n\nAfter intergovernmental negotiations and consultations with a range of "
          "stakeholders, the General Assembly set up the Global Dialogue on AI Governance as a forum inside the UN.\n")
    assert kind_of(un) == "news"
    still_open = ("Commission opens a public consultation on AI in science\n\nStakeholders can contribute to the public "
                  "consultation until 5 March 2027.\n")
    assert kind_of(still_open, "EU") == "consultation"


def test_enactments_worded_without_the_usual_cues_are_adoptions() -> None:
    utah = ("JD Supra · Legal News\n\nUtah Enacts Mental Health Chatbot Law\n\nOn March 25, 2027, the Governor signed HB 452, "
            "setting rules for AI mental health chatbots.\n")
    assert kind_of(utah, "US-UT") == "adopted"
    council = ("EU Council clears path for AI gigafactories\n\nThe Council has signed off on changes to the regulation that "
               "governs the EuroHPC Joint Undertaking, widening its mandate to AI gigafactories.\n")
    assert kind_of(council, "EU") == "adopted"
    unesco = ("Ethics Of AI: 193 Members Of UNESCO Adopt Recommendations\n\nAll 193 member states adopted the Recommendation on "
              "the ethics of artificial intelligence on 25 November 2027. The recommendations are guidelines countries may "
              "follow.\n")
    assert kind_of(unesco) == "adopted"
    mandate = ("Standards › Catalog › Mandates › M/593\n\nM/593 - Artificial Intelligence\n\nCOMMISSION IMPLEMENTING DECISION of "
               "22.5.2027 on a standardisation request to CEN and CENELEC in support of Union policy on artificial intelligence"
               " and in particular on the requirements for high-risk systems set out in the Regulation\n\nBy this decision "
               "the Commission addresses a standardisation request to the two bodies.\n")
    assert kind_of(mandate, "EU") == "adopted"


def test_a_council_position_behind_a_paywall_is_legislative_progress() -> None:
    text = ("Support Centre\n\nYou have out of 5 free articles left for the month\n\nKeep reading on DataGuidance with:\n\n"
            "Free Trial\nUnlimited Access\nBegin your free trial for unlimited access to articles, resources, guidance notes."
            "\n\nEU: Council adopts position on AI Act\n\nOn 6 December 2026, the Council announced that it had adopted its "
            "general approach on the AI Act proposal.\n")
    assert kind_of(text, "EU") == "news"


def test_rules_in_effect_since_a_day_and_a_request_for_comment_notice() -> None:
    tracker = ("Regulations · California\n\nCalifornia AI Training Data Transparency Act (AB 2013)\n\nIn effect\n\nIn effect "
               "since January 1, 2027\n\nOverview\n\nDevelopers of generative AI systems have to publish documentation on "
               "their training data.\n")
    assert kind_of(tracker, "US-CA") == "in-force"
    notice = ("Notice 2027-03763\n\nDual Use Foundation Models With Widely Available Model Weights\n\nPublished\nFebruary 26, "
              "2027\n\nAbstract\n\nThe President issued an Executive order on AI on October 30, 2026. Acting under that order, "
              "NTIA is issuing this Request for Comment on the risks and benefits of open model weights.\n")
    assert kind_of(notice, "US") == "consultation"
    eeoc = ("EEOC Releases New Resource on Artificial Intelligence and Title VII\n\nMay 18, 2027\n\nThe Commission today "
            "issued a technical assistance document on assessing adverse impact in software used in hiring.\n")
    assert kind_of(eeoc, "US") == "guideline"


def test_chinese_guidance_issued_and_a_local_regulator_dealing_with_a_service_are_told_apart() -> None:
    issued = ("九部委发文加强互联网信息服务算法综合治理\n\n2027-09-30 09:46:26 来源: 新华网\n\n新华社北京9月29日电 国家互联网信息"
              "办公室等九个部委近日联合印发《关于加强互联网信息服务算法综合治理的指导意见》。\n")
    assert kind_of(issued, "CN") == "guideline"
    handled = ("南昌市网信办依法处置违规从事生成式人工智能服务企业\n\n近日，南昌市网信办针对属地网站的运营主体存在的内容审核管理不严"
               "等问题，依法进行了处置。\n")
    assert kind_of(handled, "CN") == "enforcement"


def test_korean_bill_stages_and_an_open_comment_badge() -> None:
    committee = ("선거 90일 전부터 '딥페이크 유세' 못한다\n\n입력 2026. 12. 05\n\n공직선거법 개정안 정개특위 통과\n\n딥페이크 "
                 "선거운동을 금지하는 공직선거법 개정안이 5일 국회 정치개혁특별위원회 문턱을 넘었다.\n")
    assert kind_of(committee, "KR") == "news"
    badge = ("# [2211084] 초·중등교육법 일부개정법률안(의원 등 11인)\n\n`입법예고중`\n\n**요약**\n디지털교과서를 교육 자료로 "
             "분류합니다.\n\n### 제안이유\n교육제도의 기본 사항은 국회의 심의·의결을 통해 법률로 정하도록 하고 있음.\n")
    assert kind_of(badge, "KR") == "consultation"


def test_a_bill_page_whose_stage_sentence_moves_on_is_a_change_and_a_reordered_sidebar_is_not() -> None:
    old = "# 인공지능 이용자 보호법안\n\n제안일 2026-11-02\n\n현재 접수 단계입니다.\n\n고영향 인공지능 이용자를 보호합니다.\n"
    assert not only_noise(old, old.replace("접수 단계", "위원회 심사 단계"))
    page = ("# Projeto regula inteligência artificial\n\nO texto segue em análise.\n\nMais lidas\n1. Câmara aprova reajuste\n"
            "2. Deputados debatem reforma\n")
    assert only_noise(page, page.replace("1. Câmara aprova reajuste", "1. Comissão aprova proposta sobre escolas"))


def test_a_generic_name_qualified_by_an_untracked_country_is_not_the_eu_act() -> None:
    text = ("Vietnam artificial intelligence regulation\n\n# Vietnam's digital technology law takes effect\n\nSince January 1, "
            "2027, Vietnam has a horizontal legal framework for AI, whose risk tiers echo the EU AI Act.\n")
    assert "eu-ai-act" not in [t.id for t in analyse(text).instruments]


def test_apply_as_a_name_or_a_usage_does_not_make_an_application_date() -> None:
    strategy = "The Commission published its Apply AI Strategy on 8 October 2027. It is a broad policy framework.\n"
    assert all(d.role != "applies-from" for d in analyse(strategy, context=Context(jurisdiction="EU")).dates)
    usage = ("The Commission opened a targeted consultation on AI in finance on 18 June 2027, asking how AI is applied in "
             "practice. Responses can be submitted until 13 September 2027.\n")
    got = {(d.date, d.role) for d in analyse(usage, context=Context(jurisdiction="EU")).dates}
    assert ("2027-06-18", "applies-from") not in got and ("2027-09-13", "comments-due") in got
    rule = "The rules for high-risk AI systems will apply from 2 August 2028.\n"
    assert ("2028-08-02", "applies-from") in {(d.date, d.role) for d in analyse(rule).dates}


def test_a_decree_starting_the_day_after_its_publication_has_no_start_date_without_the_publication_date() -> None:
    text = ("Accueil > Textes officiels > Fiche\n\nDécret n° 2027-902 du 4 septembre 2027 relatif au Conseil de "
            "l'intelligence artificielle et du numérique\n\nEntrée en vigueur : le texte entre en vigueur le lendemain de sa "
            "publication au Journal officiel de la République française.\n")
    got = analyse(text, context=Context(jurisdiction="FR", published="2027-09-04"))
    assert not [d for d in got.dates if d.role == "entry-into-force"]
    stated = text + "\nPublié au Journal officiel du 5 septembre 2027.\n"
    got = analyse(stated, context=Context(jurisdiction="FR", published="2027-09-04"))
    assert ("2027-09-06", "entry-into-force") in {(d.date, d.role) for d in got.dates}


def test_an_acronym_alias_in_lower_case_is_a_word() -> None:
    text = ("WHO issues guidance on large multi-modal models\n\nThe document aims to help companies and governments use AI "
            "responsibly in health care.\n")
    assert "int-iso-iec-42001" not in [t.id for t in analyse(text).instruments]


def test_an_executive_order_record_and_a_signature_cell_filled_in_are_adoptions() -> None:
    record = ("Advancing United States Leadership in AI Infrastructure\n•\nPresidential Document\nExecutive Order\n"
              "Executive Order 14999: Advancing United States Leadership in AI Infrastructure\nExecutive Order 14999, issued on "
              "January 14, 2027, lays out a strategy for AI data centers. It also sets guidelines for federal agencies.\n")
    assert kind_of(record, "US") == "adopted"
    old = ("SB 212 - Right to Compute Act\n\n| Action | Date |\n|---|---|\n| Transmitted to Governor | 04/10/2027 |\n"
           "| Signed by Governor | |\n")
    new = old.replace("| Signed by Governor | |", "| Signed by Governor | 04/17/2027 |")
    assert kind_of(new, "US-MT", old=old) == "adopted"


def test_a_tracker_whose_template_was_re_spaced_and_given_a_byline_is_unchanged() -> None:
    old = ("Illinois HB 3773 tracker\n\nLast verified · Jul 4, 2027\n\nRelated laws\nSB 942California AI Transparency Act\n"
           "SB 24-205Colorado AI Act\nRead the official text — ilga.gov\n")
    new = ("Illinois HB 3773 tracker\n\nBy Jane Roe · Founder\nPublished Reviewed\nLast verified · Jul 4, 2027\n\nRelated laws\n"
           "SB 942 — California AI Transparency Act\nSB 24-205 — Colorado AI Act\n"
           "- ↗ilga.govhttps://www.ilga.gov/legislation/ilcs/ilcs5.asp?ActID=2266\n")
    assert only_noise(old, new)
    assert not only_noise(old, new + "\nThe Governor signed HB 3773 on August 9, 2027.\n")


def test_an_ordinal_day_of_a_month_closes_a_consultation() -> None:
    text = "ICO consults on automated decision-making guidance\n\nThe consultation closes on the 29th of May 2027.\n"
    assert ("2027-05-29", "comments-due") in {(d.date, d.role) for d in analyse(text, context=Context(jurisdiction="GB")).dates}


def test_a_yearless_deadline_under_a_december_dateline_is_in_the_coming_january() -> None:
    text = ("12/17/2026 | Press release\n\nCommission publishes first draft of the Code of Practice on AI-generated content\n\n"
            "Participants can send feedback on this first draft until 23 January.\n")
    got = analyse(text, context=Context(jurisdiction="EU"))
    assert ("2027-01-23", "comments-due") in {(d.date, d.role) for d in got.dates}
    assert got.kind == "consultation"


def test_the_european_parliaments_approval_is_one_step_and_the_product_liability_directive_by_its_title() -> None:
    ep = ("# Digital Omnibus on AI: European Parliament Approves\n\nThe European Parliament approved the omnibus on 16 June "
          "2027. Formal adoption by the Council and publication in the Official Journal are still to come.\n")
    assert kind_of(ep, "EU") == "news"
    pld = ("Press release\n10 October 2027\n\nEU brings product liability rules into the digital age\n\nThe Council today "
           "formally adopted a directive on liability for defective products, covering software and AI systems.\n")
    got = analyse(pld, context=Context(jurisdiction="EU"))
    assert got.kind == "adopted" and [t.id for t in got.instruments] == ["eu-product-liability-directive-2024"]


def test_acts_published_and_passed_in_words_the_cues_missed() -> None:
    peru = ("Insights\n\nPeru: Law promoting the use of Artificial Intelligence\n\nLaw No. 31814, the Law Promoting the Use of "
            "Artificial Intelligence, was published on 5 July 2027. The Law sets out guiding principles.\n")
    assert kind_of(peru) == "adopted"
    zh = ("我的位置:首页>文章详情\n\n国家互联网信息办公室公布《促进和规范数据跨境流动规定》\n\n3月22日，国家互联网信息办公室公布"
          "《促进和规范数据跨境流动规定》，自公布之日起施行。\n")
    assert kind_of(zh, "CN") == "adopted"
    ko = ("의원 대표발의, '딥페이크 성범죄 방지법' 국회 본회의 통과\n\n작성일 26-11-14 19:23\n\n딥페이크 영상에 대한 정부의 관리·감독 "
          "책임을 강화하는 법률 개정안이 국회 본회의를 통과했다.\n")
    assert kind_of(ko, "KR") == "adopted"
    resolution = ("Institui o Comitê de Ética para Projetos de Inteligência Artificial e define diretrizes para sua aplicação.\n\n"
                  "RESOLUÇÃO Nº 17, DE 09 DE ABRIL DE 2027\n\nO TRIBUNAL DE JUSTIÇA, no uso de suas atribuições legais e "
                  "regimentais,\n\nRESOLVE:\n\nArt. 1º Fica instituído o Comitê.\n")
    assert kind_of(resolution, "BR") == "adopted"


def test_consultations_and_regulator_actions_in_hong_kong_korean_and_japanese_wording() -> None:
    hk = ("香港特別行政區政府 新聞公報\n\n政府就版權與人工智能展開公眾諮詢\n\n政府今日展開為期兩個月的公眾諮詢，徵詢公眾意見。\n")
    assert kind_of(hk) == "consultation"
    ko = ("中 딥시크 앱 새로 못 깐다…개인정보위 \"국내법 준수 미흡\"\n\n개인정보위 권고에 '딥시크 앱' 국내 서비스 잠정 중단…개선 뒤 "
          "재개\n\n신규 다운로드가 중단됐다.\n")
    assert kind_of(ko, "KR") == "enforcement"
    jp = ("神戸市、全国初の“包括的なAI条例”を施行――制定の背景を語る\n\n2027年5月10日\n\n神戸市は条例を段階的に施行していく。\n")
    assert kind_of(jp, "JP") == "in-force"
    call = "内閣府、AIの規制に関する情報募集を開始\n\n締め切りは2027年3月10日(水)17時です。\n"
    got = analyse(call, context=Context(jurisdiction="JP", published="2027-02-10"))
    assert ("2027-03-10", "comments-due") in {(d.date, d.role) for d in got.dates}


def test_a_law_database_badge_that_flips_to_in_force_is_the_entry_into_force() -> None:
    def page(status: str, views: int) -> str:
        return ("法规库 > 部门规章\n\n生成式内容管理规定\n发布部门：某部委\n发布日期：2027.03.15\n实施日期：2027.09.01\n"
                f"时效性：{status}\n浏览：{views}\n\n第一条 为了促进生成式人工智能健康发展，制定本规定。\n")
    got = analyse(page("现行有效", 2210), page("尚未生效", 1204), context=Context(jurisdiction="CN"))
    assert got.kind == "in-force"
    assert [(d.date, d.role) for d in got.dates] == [("2027-09-01", "entry-into-force")]
    # the label and its value on lines of their own, in English
    def table(status: str) -> str:
        return ("Legislation database\n\nOnline Safety (AI Labelling) Regulations\nMade\n2027-04-02\nEntry into force\n"
                f"2027-10-01\nStatus\n{status}\nViews 88\n")
    got = analyse(table("In force"), table("Not yet in force"), context=Context(jurisdiction="GB"))
    assert got.kind == "in-force" and ("2027-10-01", "entry-into-force") in {(d.date, d.role) for d in got.dates}
    assert not only_noise(table("Not yet in force"), table("In force"))
    # only the view counter moved: nothing to report
    assert only_noise(page("现行有效", 2210), page("现行有效", 9000))


def test_a_commencement_that_frames_the_news_is_background() -> None:
    review = ("Commission publishes a first review of AI literacy practices\n\nSince the AI Act entered into force on 1 August "
              "2024, providers and deployers have shared their practices with the AI Office. The living repository now holds "
              "40 examples.\n")
    assert kind_of(review) == "news"
    checklist = ("総務省、AI事業者向けのチェックリストを公表\n\n2025年9月にAI法が全面施行された際には、事業者から多くの質問が寄せられた。"
                 "総務省は事業者が確認すべき項目をまとめた。\n")
    assert kind_of(checklist, "JP") == "guideline"
    hypothetical = ("Brazil's AI bill: what businesses should know\n\nThe proposed AI bill, if it comes into force, would "
                    "require providers to run risk assessments before placing high-risk systems on the market.\n")
    assert kind_of(hypothetical, "BR") == "news"
    # the commencement itself is still the news
    start = "Colorado AI Act takes effect\n\nThe Colorado AI Act took effect on 30 June 2026 after two delays.\n"
    assert kind_of(start, "US-CO") == "in-force"


def test_reordered_menus_share_bars_tallies_and_login_links_are_noise() -> None:
    body = ("\n\n문체부, 생성형 AI 저작권 안내서 발간\n\n문화체육관광부는 생성형 인공지능 산출물의 저작권 등록 안내서를 "
            "발간했다고 3일 밝혔다.\n\n")
    old = "정치 | 사회 | 경제 | 국제 | 문화" + body + "기사 공유하기  페이스북 | 카카오톡 | 링크복사\n"
    new = ("정치 | 경제 | 사회 | 문화 | 국제 | 전체기사" + body + "기사 공유하기  페이스북 | X | 카카오톡 | 링크복사\n"
           "[로그인하고 댓글 쓰기 → /member/login.html?returl=%2Fsite%2Fdata%2F2025110300083.html&sid=7f3c29be41a0]\n")
    assert only_noise(old, new)
    poll = "Enquete: PL 2338/2023\n\nSim Não\n{}\nResultado apurado em {} às 03:09\n"
    assert only_noise(poll.format("12.418 3.107", "2025-06-02"), poll.format("12.431 3.112", "2025-06-03"))
    # a tracker's stage bar that gains a step is news, and so is a new comment deadline
    bar = "SB 53 progress\n\nIntroduced | Passed Senate | Passed Assembly{}\n"
    assert not only_noise(bar.format(""), bar.format(" | Signed by Governor"))
    deadline = "Call for evidence\n\nComments: {}\n"
    assert not only_noise(deadline.format("1 204 | 88"), deadline.format("1 204 | 88 | due 30 June 2027"))


def test_an_update_stamp_and_a_pdf_reader_notice_are_noise() -> None:
    body = "香川県議会\n\nAIの適正な利用に関する意見書\n\n国に対し、AIの利用に関する法整備を求める。\n\n"
    old = body + "更新日：2027年12月12日\n"
    new = body + "PDFファイルをご覧いただくには、Adobe Acrobat Reader（無料）が必要です。\n更新日：2027年12月16日\n"
    assert only_noise(old, new)
