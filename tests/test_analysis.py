"""Unit tests of the analysis stage: registry, tagger spellings, dates and roles, kind rules, scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis_support import kind_of
from watcher.analysis import Context, Registry, RegistryError, analyse, only_noise
from watcher.analysis.dates import extract
from watcher.analysis.registry import default_registry, role_for_kind
from watcher.eval import _find_cases, run_case, summarise

REG = default_registry()


def ids(text: str, jurisdiction: str | None = None, url: str | None = None) -> list[str]:
    return [t.id for t in analyse(text, context=Context(url=url, jurisdiction=jurisdiction)).instruments]


def pairs(text: str, **kw: object) -> set[tuple[str, str]]:
    return {(f.date, f.role) for f in extract(text, **kw)}  # type: ignore[arg-type]


# ---------------------------------------------------------------- registry


def test_registry_keeps_ids_and_maps_milestone_roles() -> None:
    assert len(REG) >= 92
    act = REG["eu-ai-act"]
    assert act.type == "regulation" and act.jurisdiction == "EU"
    assert any(m.role == "entry-into-force" and m.date == "2024-08-01" for m in act.milestones)
    assert role_for_kind("consultation-closes") == "comments-due"
    assert role_for_kind("applies") == "applies-from"
    assert role_for_kind("ratified") == "other"


def test_registry_user_extension_adds_and_extends() -> None:
    reg = Registry.load(
        extra=[
            {"id": "acme-ai-policy", "names": {"en": "ACME Responsible AI Charter"}, "jurisdiction": "GB",
             "milestones": [{"date": "2026-05-01", "kind": "applies"}]},
            {"id": "eu-ai-act", "aliases": ["Loi européenne sur l'IA"]},
        ]
    )
    assert reg["acme-ai-policy"].milestones[0].role == "applies-from"
    assert "Loi européenne sur l'IA" in reg["eu-ai-act"].aliases
    assert "EU AI Act" in reg["eu-ai-act"].aliases  # extended, not replaced
    got = analyse("We adopted the ACME Responsible AI Charter today.", registry=reg)
    assert [t.id for t in got.instruments] == ["acme-ai-policy"]


def test_registry_rejects_invalid_user_entries() -> None:
    with pytest.raises(RegistryError):
        Registry.load(extra=[{"id": "Bad Id!"}])
    with pytest.raises(RegistryError):
        Registry.load(extra=[{"id": "x-1", "milestones": [{"date": "2025-13-01"}]}])


# ---------------------------------------------------------------- tagger


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Regulation (EU) 2024/1689 applies to providers.", "eu-ai-act"),
        ("See CELEX 32024R1689 for the text.", "eu-ai-act"),
        ("NIST AI 600-1 lists twelve risks.", "us-nist-ai-600-1"),
        ("EO 14110 was revoked in January.", "us-eo-14110"),
        ("Executive Order 14179 directs an action plan.", "us-eo-14179"),
        ("Colorado passed SB24-205 last year.", "us-co-sb24-205"),
        ("O PL 2.338/2023 foi votado.", "br-pl-2338-2023"),
        ("O PL 2338/2023 foi votado.", "br-pl-2338-2023"),
        ("The Senate passed Bill 2338 on AI.", "br-pl-2338-2023"),
        ("《生成式人工智能服务管理暂行办法》自公布之日起施行", "cn-generative-ai-interim-measures"),
        ("《生成式人工智慧服務管理暫行辦法》正式施行", "cn-generative-ai-interim-measures"),
        ("인공지능 발전과 신뢰 기반 조성 등에 관한 기본법이 시행된다", "kr-ai-basic-act"),
        ("人工知能関連技術の研究開発及び活用の推進に関する法律が成立", "jp-ai-promotion-act"),
        ("Die KI-Verordnung gilt ab August.", "eu-ai-act"),
        ("Il regolamento sull'intelligenza artificiale è in vigore.", "eu-ai-act"),
        ("El Reglamento de Inteligencia Artificial se aplica.", "eu-ai-act"),
        ("Le règlement sur l'intelligence artificielle s'applique.", "eu-ai-act"),
        ("O Marco Legal da Inteligência Artificial avança no Senado.", "br-pl-2338-2023"),
        ("Request for Information on the Development of an Artificial Intelligence (AI) Action Plan",
         "us-ai-action-plan"),
        ("議案件名　人工知能関連技術の研究開発及び活用の推進に関する法律案", "jp-ai-promotion-act"),
    ],
)
def test_tagger_spellings(text: str, expected: str) -> None:
    assert expected in ids(text)


def test_generic_phrase_resolved_by_jurisdiction() -> None:
    text = "Businesses must prepare for the AI Act."
    assert ids(text, jurisdiction="EU") == ["eu-ai-act"]
    assert ids(text, jurisdiction="DE") == ["eu-ai-act"]
    assert ids(text, jurisdiction="US-CO") == ["us-co-sb24-205"]
    assert ids(text, url="https://digital-strategy.ec.europa.eu/en/x") == ["eu-ai-act"]
    assert ids(text) == []


def test_ambiguous_short_alias_needs_jurisdiction_word() -> None:
    assert ids("The AIA sets new duties.") == []
    assert ids("The EU's AIA sets new duties for European providers.") == ["eu-ai-act"]


def test_chinese_short_form_and_evidence() -> None:
    got = analyse("国家网信办发布《人工智能生成合成内容标识办法》(以下简称《办法》)。《办法》自2025年9月1日起施行。")
    assert got.instruments[0].id == "cn-ai-generated-content-labeling-measures"
    assert "人工智能生成合成内容标识办法" in got.instruments[0].evidence
    assert 0 < got.instruments[0].confidence <= 1


def test_background_and_link_lists_not_tagged() -> None:
    text = (
        "# Commission publishes guidelines on transparency obligations\n\n"
        "The guidelines explain the AI Act's transparency duties.\n\n"
        "## Related content\n\n- [Guidelines on prohibited AI practices](https://example.eu/x)\n"
    )
    got = ids(text, jurisdiction="EU")
    assert "eu-ai-act-guidelines-transparency-art50" in got
    assert "eu-ai-act-guidelines-prohibited-practices" not in got


def test_pair_tags_only_the_change() -> None:
    old = "Open calls\n- Comments on EO 14110 implementation close soon\n"
    new = old + "- New call: feedback on NIST AI 600-1 due 30 June 2025\n"
    got = analyse(new, old, context=Context(jurisdiction="US"))
    assert [t.id for t in got.instruments] == ["us-nist-ai-600-1"]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("on 1 August 2024", "2024-08-01"),
        ("on August 1, 2024", "2024-08-01"),
        ("on 2024-08-01", "2024-08-01"),
        ("2025年9月1日", "2025-09-01"),
        ("2026년 1월 22일", "2026-01-22"),
        ("令和7年5月28日", "2025-05-28"),
        ("1º de agosto de 2024", "2024-08-01"),
        ("am 2. Dezember 2027", "2027-12-02"),
        ("le 12 février 2025", "2025-02-12"),
        ("il 14 marzo 2025", "2025-03-14"),
        ("el 30 de abril de 2025", "2025-04-30"),
        ("2024.  6.  19.", "2024-06-19"),
        ("２０２５年９月１日", "2025-09-01"),
    ],
)
def test_date_formats(text: str, iso: str) -> None:
    assert iso in {f.date for f in extract(text)}


def test_numeric_dates_by_locale() -> None:
    assert {f.date for f in extract("Date: 01/08/2024")} == {"2024-08-01"}
    assert {f.date for f in extract("Date: 01/08/2024", us_locale=True)} == {"2024-01-08"}
    assert {f.date for f in extract("Effective: 1-1-26", us_locale=True)} == {"2026-01-01"}


def test_roles() -> None:
    assert ("2025-09-01", "entry-into-force") in pairs("《办法》自2025年9月1日起施行。")
    assert ("2024-08-01", "entry-into-force") in pairs("The Act entered into force on 1 August 2024.")
    assert ("2026-08-02", "applies-from") in pairs("The obligations start to apply on 2 August 2026.")
    assert ("2024-10-14", "comments-due") in pairs("意见反馈截止时间为2024年10月14日。")
    assert ("2025-05-22", "comments-due") in pairs("Comments must be received on or before May 22, 2025.")
    assert ("2025-10-22", "comments-due") in pairs("의견은 2025년 10월 22일까지 제출하여 주시기 바랍니다.")
    assert ("2025-01-23", "adopted") in pairs("The President signed the order on January 23, 2025.")


def test_range_gives_closing_date() -> None:
    got = pairs("The consultation runs from 3 March to 31 March 2025; send comments by email.")
    assert ("2025-03-31", "comments-due") in got
    assert ("2025-03-03", "comments-due") not in got


def test_relative_and_elided_dates() -> None:
    text = "[Federal Register (Wednesday, July 10, 2019)]\n\nSubmissions are due 30 days from publication of this notice."
    assert ("2019-08-09", "comments-due") in pairs(text)
    text = "Publication 06 February 2025\n\nAs of Sunday, 2 February, the first rules start to apply."
    assert ("2025-02-02", "applies-from") in pairs(text)
    assert pairs("It entered into force on August 1st.") == set()
    assert ("2026-01-22", "entry-into-force") in pairs("2026-01-21 14:32\n\n인공지능 기본법이 오는 22일 시행된다.")


def test_superseded_date_is_not_the_new_one() -> None:
    got = pairs("The law will now take effect on June 30, 2026, instead of February 1, 2026.", us_locale=True)
    assert ("2026-06-30", "entry-into-force") in got
    assert ("2026-02-01", "entry-into-force") not in got


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("国家网信办就《人工智能生成合成内容标识办法(征求意见稿)》公开征求意见\n意见反馈截止时间为2024年10月14日。", "consultation"),
        ("Commission publishes guidelines on the AI system definition\n\nThe guidelines help providers.", "guideline"),
        ("Governor signs SB 53 into law\n\nThe Governor signed the bill today.", "adopted"),
        ("AI Act enters into force\n\nThe AI Act entered into force today.", "in-force"),
        ("Corrigendum to Regulation (EU) 2024/1689\n\nOn page 4, for 'x' read 'y'.", "corrigendum"),
        ("Regulator fines company over AI chatbot\n\nThe authority fined the provider EUR 5 million.", "enforcement"),
        ("EU postpones high-risk AI rules\n\nThe deadline is postponed to 2 December 2027.", "deadline"),
        ("Senate approves AI bill\n\nThe Senate passed the bill; it now goes to the House.", "news"),
        ("Committee publishes draft AI bill\n\nThe draft bill was introduced today.", "draft"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # attributive uses of adoption cues describe the background, the comment window is the event
        ("規則案へのパブリックコメント\n\n2020年に公布された法律の政令案について意見募集を行う。", "consultation"),
        ("시행령 일부개정령(안) 입법예고\n\n2023년 공포된 법의 시행령을 정하려는 것임. 의견을 제출하여 주시기 바랍니다.", "consultation"),
        ("The AI Office is preparing guidelines\n\nIn the context of the proposed omnibus, the Office will publish guidance.", "news"),
        ("After reviewing responses to the call for evidence, the department set out next steps.", "news"),
        ("标识办法今起正式施行\n\n今天起,《办法》正式施行。四部门3月印发《办法》时明确了施行时间。", "in-force"),
        ("Framework for AI Diffusion\n\nInterim final rule; request for comments. Comments must be received by May 15, 2025.",
         "adopted"),
    ],
)
def test_kind_precedence_rules(text: str, kind: str) -> None:
    assert kind_of(text) == kind


def test_date_roles_from_the_whole_sentence() -> None:
    got = pairs("Published 1 August 2025\n\nFrom Saturday, 2 August 2025, providers of general-purpose models placed on the "
                "market must comply with the obligations of the [AI Act](https://example.eu/a/very/long/link), which start "
                "to apply on that day.")
    assert ("2025-08-02", "applies-from") in got
    moved = pairs("Statt am 2. August 2026 sollen die Pflichten erst ab dem 2. Dezember 2027 gelten; für Anhang I "
                  "verschiebt sich der Termin auf den 2. August 2028.")
    assert {("2027-12-02", "applies-from"), ("2028-08-02", "applies-from")} <= moved
    assert ("2025-09-23", "adopted") in pairs("Pubblicata in Gazzetta Ufficiale n. 223 la legge 23 settembre 2025, n. 132.")


def test_noise_check() -> None:
    body = "The Generative AI Profile was published on July 26, 2024 and lists twelve risks for developers.\n"
    assert only_noise("NIST AI 600-1 · NIST\n" + body, "Issued by\nNIST\n" + body)
    assert not only_noise(body, body + "A new consultation on the profile closes on 1 March 2026 for all comments.\n")


# ---------------------------------------------------------------- scorer regression


def test_scorer_on_own_cases_stays_above_measured_figures() -> None:
    cases = _find_cases([str(Path(__file__).parent / "eval_cases")])
    figures = summarise([run_case(c, REG) for c in cases])
    # Measured on 862 cases: F1 0.932, kind 0.929, dates recall 0.911 / precision 0.867 (applies-from the lowest
    # precision, 0.782; entry-into-force 0.876 / 0.800).
    # Floors sit a little under, so a regression on the phenomena these cases cover fails.
    assert len(cases) >= 862
    assert figures["instruments"]["f1"] >= 0.925
    # one negative is a source typo that names the AI Act where it means the Data Act: the words do say "AI Act"
    assert figures["negatives_with_ai_alert"] <= 1
    assert figures["kind_accuracy"] >= 0.92
    assert figures["dates"]["recall"] >= 0.905
    assert figures["dates"]["precision"] >= 0.86
    for role, got in figures["dates"]["by_role"].items():
        assert got["recall"] >= 0.85 and got["precision"] >= 0.75, role


def test_diet_status_rows_name_the_bill_and_lower_house_passage_is_progress() -> None:
    head = "衆議院\n議案審議経過情報\n議案件名　人工知能関連技術の研究開発及び活用の推進に関する法律案\n"
    old = head + "衆議院審議終了年月日／衆議院審議結果　／\n"
    new = head + "衆議院審議終了年月日／衆議院審議結果　令和 7年 4月24日／可決\n"
    result = analyse(new, old, context=Context(jurisdiction="JP"))
    assert [t.id for t in result.instruments] == ["jp-ai-promotion-act"]
    assert result.kind == "news"
    assert "2025-04-24" in [d.date for d in result.dates]
    both = new + "参議院審議終了年月日／参議院審議結果　令和 7年 5月28日／可決\n"
    assert kind_of(both, "JP", old=old) == "adopted"


def test_a_timetable_page_keeps_the_act_its_headline_names_when_a_related_act_moves_its_dates() -> None:
    top = "Bundesnetzagentur\n\nZeitplan der KI-Verordnung\n\nDie Vorschriften gelten schrittweise.\n\n| Ab | Was gilt |\n|---|---|\n"
    old = top + "| 2. August 2026 | Pflichten für Hochrisiko-KI-Systeme nach Anhang III |\n"
    new = (top + "| 2. Dezember 2027 | Pflichten für Hochrisiko-KI-Systeme nach Anhang III |\n\n"
           "Hinweis: Termine wurden durch die Verordnung (EU) 2026/1744 verschoben.\n")
    result = analyse(new, old, context=Context(jurisdiction="DE"))
    assert {t.id for t in result.instruments} == {"eu-ai-act", "eu-digital-omnibus-on-ai"}
    assert ("2027-12-02", "applies-from") in [(d.date, d.role) for d in result.dates]
