"""The rss/atom kind: RSS 2.0, RSS 1.0/RDF and Atom, parsed without ever expanding entities."""

from __future__ import annotations

import pytest

from tests.kinds_support import fetched, page
from watcher.errors import ExtractError
from watcher.kinds import KINDS
from watcher.kinds.feed import ENTITY_SENTENCE, FeedKind, feed_date


def extract(name: str):  # type: ignore[no-untyped-def]
    return FeedKind().extract(page(name, "https://www.nist.gov/news-events/artificial-intelligence/rss.xml"), None)


def test_both_names_are_the_same_kind() -> None:
    assert KINDS["rss"] is FeedKind and KINDS["atom"] is FeedKind and FeedKind.itemised


def test_nist_rss_items() -> None:
    doc = extract("nist_news_v1.xml")
    assert doc.title == "NIST News: Artificial intelligence"
    assert [(i.key, i.title, i.date) for i in doc.items] == [
        ("41207 at https://www.nist.gov", "NIST seeks input on a profile for securing AI agents", "2026-05-19"),
        ("41102 at https://www.nist.gov", "CAISI reports on evaluations of frontier models", "2026-05-04"),
        ("40987 at https://www.nist.gov", "Workshop on AI standards for critical infrastructure", "2026-04-22"),
    ]
    first = doc.items[0]
    assert first.url == "https://www.nist.gov/news-events/news/2026/05/nist-seeks-input-profile-securing-ai-agents"
    assert first.summary == ("The draft profile describes controls for AI agents that act on behalf of users. "
                             "Comments are due July 15, 2026.")
    assert doc.items[2].summary == "A two-day hybrid workshop & listening session."
    assert len(doc.text.splitlines()) == 3


def test_nist_rss_v2_gains_one_item() -> None:
    old, new = extract("nist_news_v1.xml"), extract("nist_news_v2.xml")
    assert new.items[1:] == old.items
    assert (new.items[0].title, new.items[0].date) == (
        "NIST extends the comment period for the AI agent security profile", "2026-06-02")


def test_atom_entries() -> None:
    doc = FeedKind().extract(page("govuk_ai_v1.atom", "https://www.gov.uk/search/x.atom"), None)
    assert doc.title == "Policy papers and consultations about artificial intelligence - GOV.UK"
    assert [(i.title, i.url, i.date) for i in doc.items] == [
        ("Building a profession for AI assurance",
         "https://www.gov.uk/government/consultations/ai-assurance-profession", "2026-05-18"),
        ("AI playbook for the public sector",
         "https://www.gov.uk/government/publications/ai-playbook-for-the-public-sector", "2026-04-30"),
        ("Frontier AI: capabilities & risks",
         "https://www.gov.uk/government/publications/frontier-ai-capabilities-and-risks", "2026-04-02"),
    ]
    assert doc.items[0].key == "tag:www.gov.uk,2005:/government/consultations/ai-assurance-profession"
    assert doc.items[0].summary == "Views sought on skills, standards and accreditation for third-party AI assurance."
    new = FeedKind().extract(page("govuk_ai_v2.atom", "https://www.gov.uk/search/x.atom"), None)
    assert new.items[1:] == doc.items
    assert new.items[0].title == "AI and copyright: technical measures for rights reservation"


def test_rss1_rdf_with_dc_dates() -> None:
    body = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.go.jp/rss"><title>Public comments</title></channel>
  <item rdf:about="https://example.go.jp/pcm/1"><title>AI basic plan draft</title>
    <link>https://example.go.jp/pcm/1</link><dc:date>2026-05-19T09:00:00+09:00</dc:date></item>
  <item rdf:about="https://example.go.jp/pcm/2"><title>Guidelines</title><link>/pcm/2</link></item>
</rdf:RDF>"""
    doc = FeedKind().extract(fetched(body, "application/rdf+xml", url="https://example.go.jp/rss"), None)
    assert doc.title == "Public comments"
    assert [(i.key, i.date) for i in doc.items] == [
        ("https://example.go.jp/pcm/1", "2026-05-19"), ("https://example.go.jp/pcm/2", None)]


def test_items_without_guid_are_keyed_by_link_then_title() -> None:
    body = ("<rss version='2.0'><channel><title>t</title><item><title>A</title><link>/a?utm_source=x</link></item>"
            "<item><title>Only  a title</title></item></channel></rss>")
    doc = FeedKind().extract(fetched(body, "application/rss+xml", url="https://example.org/feed"), None)
    assert [i.key for i in doc.items] == ["https://example.org/a", "title:only a title"]


@pytest.mark.parametrize("body", [
    # billion laughs
    """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><item><title>&lol3;</title></item>
    </channel></rss>""",
    # external entity (XXE)
    """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>""",
    # entity declaration in a document that is malformed too
    """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><rss><channel><item><title>&x;</title></channel>""",
])
def test_entity_declarations_are_refused(body: str) -> None:
    with pytest.raises(ExtractError) as caught:
        FeedKind().extract(fetched(body, "application/rss+xml"), None)
    assert str(caught.value) == ENTITY_SENTENCE


def test_malformed_but_entity_free_xml_is_recovered() -> None:
    body = ("<rss version='2.0'><channel><title>Broken & co</title><item><title>Still readable</title>"
            "<link>https://example.org/1</link></item></channel>")
    doc = FeedKind().extract(fetched(body, "application/rss+xml"), None)
    assert [i.title for i in doc.items] == ["Still readable"]


@pytest.mark.parametrize(("body", "sentence"), [
    ("<html><body><p>Hello</p></body></html>", "not an RSS or Atom feed"),
    ("<?xml version='1.0'?><urlset><url/></urlset>", "not an RSS or Atom feed (its root element is <urlset>)"),
    ("", "the response is empty"),
    ("just words", "not well-formed XML"),
])
def test_not_a_feed(body: str, sentence: str) -> None:
    with pytest.raises(ExtractError, match=sentence.replace("(", r"\(").replace(")", r"\)")):
        FeedKind().extract(fetched(body, "application/xml"), None)


def test_feed_dates() -> None:
    assert feed_date("Tue, 19 May 2026 10:02:11 -0400") == "2026-05-19"
    assert feed_date("2026-05-19T23:30:00-05:00") == "2026-05-19"
    assert feed_date("19 May 2026") == "2026-05-19"
    assert feed_date("soon") is None and feed_date("") is None
