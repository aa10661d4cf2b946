"""watcher.diff: item diffs by key, text diffs by changed sentence, the content hash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.diff import MAX_DIFF_LINES, content_hash, diff_documents, split_sentences
from watcher.records import Document, Item


def listing(*items: Item) -> Document:
    return Document(text="\n".join(i.text() for i in items), extractor_version="1", items=tuple(items))


def page(*lines: str, title: str | None = "Hub") -> Document:
    return Document(text="\n".join(lines), extractor_version="1", title=title)


A = Item("https://x.eu/a", "Consultation on high-risk guidelines", "https://x.eu/a", "2026-11-01")
B = Item("https://x.eu/b", "Code of practice published", "https://x.eu/b", "2026-10-20", "A summary.")
C = Item("https://x.eu/c", "AI Office call for experts", "https://x.eu/c")
D = Item("https://x.eu/d", "Draft implementing act", "https://x.eu/d", "2026-11-05")


def test_no_previous_version_is_a_baseline_without_changes() -> None:
    assert diff_documents(None, listing(A, B, C)) == []
    assert diff_documents(None, page("Some text.")) == []


def test_items_added_removed_and_modified_exactly() -> None:
    edited_b = Item(B.key, B.title, B.url, B.date, "A longer summary.")
    changes = diff_documents(listing(A, B, C), listing(D, A, edited_b))
    assert [(c.type, c.item_key) for c in changes] == [
        ("added", D.key), ("modified", B.key), ("removed", C.key),
    ]
    added, modified, removed = changes
    assert (added.title, added.url, added.date) == (D.title, D.url, D.date)
    assert added.excerpt == D.text() and added.new_text == D.text() and added.old_text == ""
    assert "+Draft implementing act" in added.diff.splitlines()
    assert modified.old_text == B.text() and modified.new_text == edited_b.text()
    assert "-A summary." in modified.diff.splitlines() and "+A longer summary." in modified.diff.splitlines()
    assert removed.excerpt == C.text() and removed.new_text == "" and removed.title == C.title
    assert "-AI Office call for experts" in removed.diff.splitlines()


def test_added_items_come_in_the_new_page_order() -> None:
    changes = diff_documents(listing(A), listing(C, A, D, B))
    assert [c.item_key for c in changes] == [C.key, D.key, B.key]


def test_an_edited_title_is_one_modified_item_not_removed_and_added() -> None:
    renamed = Item(A.key, "Consultation on high-risk guidelines (extended)", A.url, A.date)
    changes = diff_documents(listing(A, B), listing(renamed, B))
    assert len(changes) == 1
    change = changes[0]
    assert (change.type, change.title, change.item_key) == ("modified", renamed.title, A.key)
    assert change.diff.splitlines()[2:] == [
        "@@ -1,3 +1,3 @@",
        "-Consultation on high-risk guidelines",
        "+Consultation on high-risk guidelines (extended)",
        " 2026-11-01",
        " https://x.eu/a",
    ]


def test_reordering_items_is_no_change_and_keeps_the_hash() -> None:
    assert diff_documents(listing(A, B, C), listing(C, A, B)) == []
    reordered = Document(text=listing(A, B, C).text, extractor_version="1", items=(C, A, B))
    assert content_hash(reordered) == content_hash(listing(A, B, C))


def test_a_key_repeated_on_the_page_is_matched_occurrence_by_occurrence() -> None:
    twice = Item(A.key, "Second link to the same page", A.url)
    changes = diff_documents(listing(A, B), listing(A, B, twice))
    assert [(c.type, c.title) for c in changes] == [("added", twice.title)]


def test_text_change_excerpt_is_exactly_the_edited_sentence() -> None:
    old = page(
        "Regulatory framework for AI",
        "The AI Act entered into force on 1 August 2024. The rules for high-risk AI systems apply from "
        "2 August 2026. The Commission will publish guidelines.",
        "Contact the AI Office.",
    )
    new = page(
        "Regulatory framework for AI",
        "The AI Act entered into force on 1 August 2024. The rules for high-risk AI systems apply from "
        "2 December 2027. The Commission will publish guidelines.",
        "Contact the AI Office.",
    )
    changes = diff_documents(old, new)
    assert len(changes) == 1
    change = changes[0]
    assert (change.type, change.title, change.url, change.item_key) == ("modified", "Hub", None, None)
    assert change.excerpt == "The rules for high-risk AI systems apply from 2 December 2027."
    lines = change.diff.splitlines()
    assert lines[:3] == ["--- previous", "+++ current", "@@ -1,3 +1,3 @@"]
    assert lines[3] == " Regulatory framework for AI"
    assert lines[4].startswith("-The AI Act") and "2 August 2026" in lines[4]
    assert lines[5].startswith("+The AI Act") and "2 December 2027" in lines[5]
    assert change.new_text == new.text.splitlines()[1]
    assert change.old_text == old.text.splitlines()[1]


def test_text_diff_keeps_three_lines_of_context() -> None:
    old = [f"Paragraph {n}." for n in range(20)]
    new = list(old)
    new[10] = "Paragraph ten, rewritten."
    diff = diff_documents(page(*old), page(*new))[0].diff.splitlines()
    assert diff[2] == "@@ -8,7 +8,7 @@"
    assert diff[3:6] == [" Paragraph 7.", " Paragraph 8.", " Paragraph 9."]
    assert diff[-3:] == [" Paragraph 11.", " Paragraph 12.", " Paragraph 13."]


def test_removed_sentences_are_the_excerpt_when_nothing_was_added() -> None:
    change = diff_documents(page("Keep this. Drop this one.", "End."), page("Keep this.", "End."))[0]
    assert change.excerpt == "removed: Drop this one."


def test_identical_text_is_no_change() -> None:
    assert diff_documents(page("Same.", title="Old title"), page("Same.", title="New title")) == []


def test_cjk_sentences_split_without_spaces() -> None:
    text = "国家网信办发布通知。意见反馈截止时间为2026年12月24日！是否适用？最后一句"
    assert split_sentences(text) == ["国家网信办发布通知。", "意见反馈截止时间为2026年12月24日！", "是否适用？", "最后一句"]
    old = page("国家网信办发布通知。意见反馈截止时间为2026年11月24日。欢迎提出意见。")
    new = page("国家网信办发布通知。意见反馈截止时间为2026年12月24日。欢迎提出意见。")
    assert diff_documents(old, new)[0].excerpt == "意见反馈截止时间为2026年12月24日。"


def test_western_sentence_split_keeps_abbreviations_numbers_and_quotes() -> None:
    text = 'Fines reach 1.5 percent, e.g. for data errors. He said "Stop." Then (see below.) Done? Yes!'
    assert split_sentences(text) == [
        "Fines reach 1.5 percent, e.g. for data errors.", 'He said "Stop."',
        "Then (see below.)", "Done?", "Yes!",
    ]


def test_a_very_large_diff_is_capped_and_says_how_much_was_cut() -> None:
    old = page(*(f"Old line {n}." for n in range(1000)))
    new = page(*(f"New line {n}." for n in range(1000)))
    change = diff_documents(old, new)[0]
    lines = change.diff.splitlines()
    assert len(lines) == MAX_DIFF_LINES + 1
    total = 2 + 1 + 2000  # headers, one hunk header, every line removed and added
    assert lines[-1] == f"[{total - MAX_DIFF_LINES} more diff lines not shown]"
    assert len(change.excerpt) <= 1000


def test_content_hash_is_stable_and_covers_text_and_items() -> None:
    doc = listing(A, B)
    assert content_hash(doc) == content_hash(listing(A, B))
    # A fixed value: the hash must not change between runs or releases, or every source would re-alert.
    assert content_hash(page("Hello.", title=None)) == (
        "5ef29b286738746e62b7f9305cccd06d7d39aa0c8a6c0ab557ebbc9eb59d6333"
    )
    assert content_hash(doc) != content_hash(listing(A, Item(B.key, B.title, B.url, B.date, "Other.")))
    assert content_hash(page("a")) != content_hash(page("b"))
    assert content_hash(page("x", title="One")) == content_hash(page("x", title="Two"))


keys = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8)


@settings(max_examples=60, deadline=None)
@given(old=keys, new=keys, retitled=st.sets(st.sampled_from("abcdefgh")))
def test_item_diff_matches_set_arithmetic_on_keys(old: list[str], new: list[str], retitled: set[str]) -> None:
    def item(key: str, edited: bool) -> Item:
        return Item(key, f"Title {key}" + (" (edited)" if edited else ""))

    before = listing(*(item(k, False) for k in old))
    after = listing(*(item(k, k in retitled) for k in new))
    changes = diff_documents(before, after)
    assert [c.item_key for c in changes if c.type == "added"] == [k for k in new if k not in old]
    assert [c.item_key for c in changes if c.type == "removed"] == [k for k in old if k not in new]
    assert {c.item_key for c in changes if c.type == "modified"} == set(old) & set(new) & retitled
    assert diff_documents(after, after) == []
