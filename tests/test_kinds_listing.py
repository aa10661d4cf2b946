"""The listing kind on the shapes of the real pages: EU digital-strategy related content, CAC drafts."""

from __future__ import annotations

import pytest

from tests.kinds_support import fetched, page
from watcher.errors import ExtractError
from watcher.kinds.listing import ListingKind, ListingOptions

EU_BASE = "https://digital-strategy.ec.europa.eu/en/related-content?topic=119"
CAC_BASE = "https://www.cac.gov.cn/zqyj/"
EU_V1 = [
    ("Guidelines on reporting serious incidents involving high-risk AI systems",
     "https://digital-strategy.ec.europa.eu/en/library/guidelines-serious-incident-reporting-high-risk-ai", "2026-05-19"),
    ("Study on how Member States run AI regulatory sandboxes",
     "https://digital-strategy.ec.europa.eu/en/library/study-regulatory-sandboxes-member-states", "2026-05-12"),
    ("Co-legislators agree on the digital omnibus for AI",
     "https://digital-strategy.ec.europa.eu/en/news/political-agreement-reached-digital-omnibus-ai#timeline", "2026-05-07"),
    ("Factsheet: what deployers of AI systems must do",
     "https://digital-strategy.ec.europa.eu/en/library/ai-act-obligations-deployers-factsheet", "2026-04-28"),
    ("Consultation on the draft implementing act on AI regulatory sandboxes",
     "https://digital-strategy.ec.europa.eu/en/library/consultation-draft-implementing-act-ai-sandboxes", "2026-04-15"),
    ("The AI Office in 2026: tasks and contacts",
     "https://digital-strategy.ec.europa.eu/en/library/ai-office-brochure-2026", "2026-04-02"),
]
CAC_V1 = [
    ("国家互联网信息办公室关于《人工智能拟人化互动服务管理暂行办法（征求意见稿）》公开征求意见的通知",
     "https://www.cac.gov.cn/2026-05/09/c_1778300000000102.htm", "2026-05-09"),
    ("国家互联网信息办公室关于《生成式人工智能服务训练数据安全要求（征求意见稿）》公开征求意见的通知",
     "https://www.cac.gov.cn/2026-04/28/c_1777340000000103.htm", "2026-04-28"),
    ("国家互联网信息办公室关于《网络平台算法备案信息公示规定（征求意见稿）》公开征求意见的通知",
     "https://www.cac.gov.cn/2026-04/16/c_1776300000000104.htm", "2026-04-16"),
    ("国家互联网信息办公室关于《个人信息保护合规审计指引（征求意见稿）》公开征求意见的通知",
     "https://www.cac.gov.cn/2026-03/31/c_1774900000000105.htm", "2026-03-31"),
    ("国家互联网信息办公室关于《深度合成内容标识核验办法（征求意见稿）》公开征求意见的通知",
     "https://www.cac.gov.cn/2026-03/12/c_1773290000000106.htm", "2026-03-12"),
]


def extract(name: str, base: str, options: ListingOptions | None = None):  # type: ignore[no-untyped-def]
    return ListingKind().extract(page(name, base), options)


def triples(doc):  # type: ignore[no-untyped-def]
    return [(i.title, i.url, i.date) for i in doc.items]


def test_eu_items_found_without_selectors() -> None:
    doc = extract("eu_related_v1.html", EU_BASE)
    assert triples(doc) == EU_V1
    first = doc.items[0]
    # tracking parameters and fragments are not part of an item's identity
    assert first.key == "https://digital-strategy.ec.europa.eu/en/library/guidelines-serious-incident-reporting-high-risk-ai"
    assert doc.items[2].key.endswith("/political-agreement-reached-digital-omnibus-ai")
    assert first.summary == "How providers notify market surveillance authorities and which deadlines apply."
    assert doc.title == "Related content | Shaping Europe’s digital future"


def test_eu_v2_gains_exactly_one_item_and_nothing_else_moves() -> None:
    old, new = extract("eu_related_v1.html", EU_BASE), extract("eu_related_v2.html", EU_BASE)
    added = [i for i in new.items if i.key not in {o.key for o in old.items}]
    assert [(i.title, i.date) for i in added] == [
        ("Draft guidelines on the transparency obligations of Article 50", "2026-05-21")
    ]
    assert new.items[1:] == old.items  # the changed footer, token and image itok change nothing
    assert new.text.splitlines()[1:] == old.text.splitlines()


def test_listing_text_has_one_line_per_item_and_no_boilerplate() -> None:
    doc = extract("eu_related_v1.html", EU_BASE)
    lines = doc.text.splitlines()
    assert len(lines) == 6
    assert lines[1] == ("Study on how Member States run AI regulatory sandboxes | 2026-05-12 | A comparison of national "
                        "sandbox set-ups, entry criteria and exit reports. | "
                        "https://digital-strategy.ec.europa.eu/en/library/study-regulatory-sandboxes-member-states")
    for noise in ("cookie", "Policies", "Filter by type", "Last update", "Share this page", "Next"):
        assert noise not in doc.text


def test_cac_gbk_list_found_without_selectors() -> None:
    doc = extract("cac_zqyj_v1.html", CAC_BASE)
    assert triples(doc) == CAC_V1  # relative and protocol-relative links both resolved
    assert doc.title == "征求意见_中国网信网"
    assert "热点专题" not in doc.text and "网络安全宣传周" not in doc.text


def test_cac_v2_gains_the_new_notice() -> None:
    new = extract("cac_zqyj_v2.html", CAC_BASE)
    assert triples(new)[0] == (
        "国家互联网信息办公室关于《人工智能生成合成内容标识办法（修订草案征求意见稿）》公开征求意见的通知",
        "https://www.cac.gov.cn/2026-05/20/c_1779250000000101.htm", "2026-05-20",
    )
    assert triples(new)[1:] == CAC_V1


def test_explicit_selectors() -> None:
    options = ListingOptions(selector="ul.list li", title="a", link="a", date="span.times")
    doc = extract("cac_zqyj_v2.html", CAC_BASE, options)
    assert len(doc.items) == 6 and doc.items[-1].date == "2026-03-12"
    eu = ListingOptions(selector="article.ecl-content-item", title=".ecl-content-block__title",
                        summary=".ecl-content-block__description")
    assert triples(extract("eu_related_v1.html", EU_BASE, eu)) == EU_V1


def test_selector_matching_nothing_is_a_plain_error() -> None:
    with pytest.raises(ExtractError, match=r"selector '#x' matched nothing on the page — did the page layout change\?"):
        extract("eu_related_v1.html", EU_BASE, ListingOptions(selector="#x"))


def test_exclude_drops_items() -> None:
    doc = extract("eu_related_v1.html", EU_BASE, ListingOptions(exclude=(".views-row-6",)))
    assert [i.title for i in doc.items][-1] == "Consultation on the draft implementing act on AI regulatory sandboxes"


def test_table_rows_and_us_dates() -> None:
    rows = "".join(
        f'<tr><td><a href="/bills/{n}">Artificial Intelligence Act number {n} of the session</a></td>'
        f"<td>0{n}/1{n}/2026</td></tr>" for n in range(1, 5)
    )
    body = f"<html><body><table><tr><th>Bill</th><th>Date</th></tr>{rows}</table></body></html>"
    doc = ListingKind().extract(fetched(body, url="https://congress.example/list"), ListingOptions(day_first=False))
    assert [(i.url, i.date) for i in doc.items][:2] == [
        ("https://congress.example/bills/1", "2026-01-11"), ("https://congress.example/bills/2", "2026-02-12"),
    ]


def test_items_without_links_are_keyed_by_title() -> None:
    options = ListingOptions(selector="li")
    doc = ListingKind().extract(fetched("<ul><li><b>Draft  Guidance</b> 2 March 2026</li></ul>"), options)
    assert doc.items[0].key == "title:draft guidance 2 march 2026"
    assert doc.items[0].date == "2026-03-02" and doc.items[0].url is None


def test_page_without_a_list_says_what_to_do() -> None:
    with pytest.raises(ExtractError, match="found no list of linked entries on the page; set 'selector'"):
        ListingKind().extract(fetched("<html><body><p>Just one paragraph.</p></body></html>"), None)


def test_error_page_instead_of_a_list_is_named_as_such() -> None:
    body = "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected.</body></html>"
    with pytest.raises(ExtractError, match="the server answered with an error page"):
        ListingKind().extract(fetched(body), None)


def test_invalid_selector_is_refused_by_the_options_model() -> None:
    with pytest.raises(ValueError, match="not a valid CSS selector"):
        ListingOptions(selector="ul >> li[")
