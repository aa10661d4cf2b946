"""The html kind: boilerplate removal, one line per block, selectors, titles."""

from __future__ import annotations

import difflib

import pytest

from tests.kinds_support import fetched, page
from watcher.errors import ExtractError
from watcher.kinds.html import HtmlKind, HtmlOptions

NIST = "https://www.nist.gov/itl/ai-risk-management-framework"


def text_of(name: str, options: HtmlOptions | None = None) -> str:
    return HtmlKind().extract(page(name, NIST), options).text


def test_nist_page_text_is_the_content_only() -> None:
    doc = HtmlKind().extract(page("nist_ai_rmf_v1.html", NIST), None)
    assert doc.title == "AI Risk Management Framework | NIST"
    lines = doc.text.splitlines()
    assert lines[:3] == [
        "AI Risk Management Framework",
        "The framework is a voluntary resource for organizations that design, develop, deploy or use AI systems "
        "and want to manage the risks of doing so.",
        "It was released on January 26, 2023 after an open, consensus-driven process with drafts, workshops and "
        "public comments.",
    ]
    assert "The Playbook suggests actions for each subcategory." in lines
    assert "Number | Title | Status" in lines
    assert "NIST AI 600-1 | Generative Artificial Intelligence Profile | Final" in lines
    for noise in ("Skip to main content", "official website", "Topics", "Facebook", "Share", "Updated May 19",
                  "Return to top", "Internal editorial note", "googletagmanager", "nR4tY8uW2qZ6", "77aa"):
        assert noise not in doc.text, noise
    assert "" not in lines


def test_nist_v2_differs_by_exactly_the_edited_paragraph() -> None:
    old, new = text_of("nist_ai_rmf_v1.html"), text_of("nist_ai_rmf_v2.html")
    changed = [line for line in difflib.ndiff(old.splitlines(), new.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "- Comments on the draft agent-security profile are due by July 15, 2026; send them to the address given in "
        "the draft.",
        "+ Comments on the draft agent-security profile are now due by August 14, 2026, after the comment period was "
        "extended by thirty days.",
    ]


def test_eu_page_boilerplate_is_gone() -> None:
    text = text_of("eu_related_v1.html")
    assert text.splitlines()[0] == "Related content: artificial intelligence"
    for noise in ("small files on your device", "Accept all cookies", "Skip to main content", "Policies",
                  "You are here", "Home", "Last update", "20 May 2026", "Share this page", "Back to top",
                  "Legal notice", "dtconfig", "English"):
        assert noise not in text, noise
    assert "Guidelines on reporting serious incidents involving high-risk AI systems" in text
    # the footer date and the tokens changed too, but only the new entry's lines differ
    changed = [line for line in difflib.ndiff(text.splitlines(), text_of("eu_related_v2.html").splitlines())
               if line[:1] in "+-"]
    assert changed == ["+ Policy and legislation", "+ 21-05-2026",
                       "+ Draft guidelines on the transparency obligations of Article 50",
                       "+ Comments on the draft are welcome until 30 June 2026."]


def test_selector_and_exclude() -> None:
    options = HtmlOptions(selector="table.nist-table", exclude=("thead",))
    assert text_of("nist_ai_rmf_v1.html", options).splitlines() == [
        "NIST AI 100-1 | AI Risk Management Framework 1.0 | Final",
        "NIST AI 600-1 | Generative Artificial Intelligence Profile | Final",
        "NIST AI 800-4 | Managing misuse risk for dual-use foundation models | Draft",
    ]


def test_nested_matches_are_not_repeated() -> None:
    doc = HtmlKind().extract(fetched("<div><div><p>Once.</p></div></div>"), HtmlOptions(selector="div"))
    assert doc.text == "Once."


def test_selector_miss_is_a_plain_error() -> None:
    with pytest.raises(ExtractError) as caught:
        HtmlKind().extract(page("nist_ai_rmf_v1.html"), HtmlOptions(selector="#x"))
    assert str(caught.value) == "selector '#x' matched nothing on the page — did the page layout change?"


def test_blocks_inline_and_breaks() -> None:
    body = ("<html><head><title> A \n title </title></head><body><h2>Heading</h2><p>Some <b>bold</b>\n text"
            "<br>after a break</p><ul><li>one</li><li>two <a href='/x'>link</a></li></ul>"
            "<div role='navigation'>menu</div><p style='display: none'>hidden</p><!-- comment -->"
            "<p>&nbsp;</p><p>tail</p></body></html>")
    doc = HtmlKind().extract(fetched(body), None)
    assert doc.title == "A title"
    assert doc.text == "Heading\nSome bold text\nafter a break\none\ntwo link\ntail"


def test_title_falls_back_to_h1_and_session_ids_are_blanked() -> None:
    body = "<body><h1>Only a heading</h1><p>Continue at /page;jsessionid=ABCDEF123?x=1 or csrf_token=9f8e7d.</p></body>"
    doc = HtmlKind().extract(fetched(body), None)
    assert doc.title == "Only a heading"
    assert "ABCDEF123" not in doc.text and "9f8e7d" not in doc.text


def test_empty_and_binary_input() -> None:
    with pytest.raises(ExtractError, match="the page is empty"):
        HtmlKind().extract(fetched(""), None)
    doc = HtmlKind().extract(fetched(b"<p>caf\xc3\xa9</p>", content_type="application/octet-stream"), None)
    assert doc.text  # decoded by lxml from the bytes when the fetcher had no text


def test_kind_metadata() -> None:
    assert HtmlKind.itemised is False and HtmlKind.version
    assert HtmlKind.__doc__ and "menus" in HtmlKind.__doc__
    for name, info in HtmlOptions.model_fields.items():
        assert info.description, name
    with pytest.raises(ValueError):
        HtmlOptions(colour="red")  # type: ignore[call-arg]
