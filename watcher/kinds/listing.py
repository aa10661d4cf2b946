"""The `listing` kind: a page of dated entries (news, consultations, drafts), compared entry by entry."""

from __future__ import annotations

import re
from typing import ClassVar

from pydantic import BaseModel, Field

from watcher.kinds.base import Kind
from watcher.kinds.common import Css, KindOptions, options_of, refuse
from watcher.kinds.detect import find_items, first_text, item_date, links, main_link
from watcher.kinds.dom import (
    Element,
    body_of,
    open_page,
    required,
    scrub_secrets,
    select_one,
    strip_boilerplate,
)
from watcher.normalize import canonical_url, items_text, one_line, parse_date, title_key
from watcher.records import Document, FetchResult, Item

_SUMMARY_CLASS = re.compile(r"desc|summary|teaser|abstract|intro|excerpt|lead", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class ListingOptions(KindOptions):
    selector: Css | None = Field(
        None,
        description="CSS selector of each entry, e.g. 'ul.list li' (default: found automatically — the "
        "page's main run of repeated entries that each have a link and a date)",
    )
    title: Css | None = Field(None, description="CSS selector of the title inside an entry (default: its main link)")
    link: Css | None = Field(
        None, description="CSS selector of the link inside an entry (default: the link in its heading, else the longest)"
    )
    date: Css | None = Field(None, description="CSS selector of the date inside an entry (default: found in its text)")
    summary: Css | None = Field(
        None, description="CSS selector of a short description inside an entry (default: its description paragraph)"
    )
    exclude: tuple[Css, ...] = Field((), description="CSS selectors of parts of the page to leave out first")
    day_first: bool = Field(
        True, description="read numeric dates like 05/04/2026 as day/month (set false for US pages)"
    )


def _link_target(el: Element | None) -> Element | None:
    if el is None:
        return None
    if el.tag == "a" and el.get("href"):
        return el
    found = links(el)
    return found[0] if found else None


def _title(entry: Element, link: Element | None, opts: ListingOptions) -> str:
    if opts.title:
        return first_text(entry, opts.title)
    if link is not None:
        text = one_line(link.text_content()) or one_line(link.get("title") or "")
        if text:
            return text
    for heading in entry.iter(*_HEADINGS):
        text = one_line(heading.text_content())
        if text:
            return text
    return one_line(entry.text_content())[:200]


def _summary(entry: Element, link: Element | None, opts: ListingOptions, title: str) -> str:
    if opts.summary:
        return first_text(entry, opts.summary)
    paragraphs = [p for p in entry.iterdescendants("p", "div", "span") if _SUMMARY_CLASS.search(p.get("class") or "")]
    paragraphs += [p for p in entry.iter("p") if link is None or link not in p.iterdescendants()]
    for p in paragraphs:
        text = one_line(p.text_content())
        if text and text != title:
            return text
    return ""


def _date(entry: Element, opts: ListingOptions, title: str) -> str | None:
    if opts.date:
        found = select_one(entry, opts.date)
        if found is None:
            return None
        return parse_date(found.get("datetime") or "", day_first=opts.day_first) or parse_date(
            found.text_content(), day_first=opts.day_first
        )
    return item_date(entry, day_first=opts.day_first, skip=title)


def entry_item(entry: Element, opts: ListingOptions, base: str) -> Item | None:
    """One entry as an Item, or None when it has neither a title nor a link."""
    link = _link_target(select_one(entry, opts.link)) if opts.link else main_link(entry)
    title = scrub_secrets(_title(entry, link, opts))
    href = (link.get("href") or "").strip() if link is not None else ""
    url = canonical_url(href, base, keep_fragment=True) if href else None
    if not title and not url:
        return None
    key = canonical_url(href, base) if href else title_key(title)
    summary = scrub_secrets(_summary(entry, link, opts, title))
    return Item(key=key, title=title or url or "", url=url, date=_date(entry, opts, title), summary=summary)


class ListingKind(Kind):
    """A page listing dated entries (news, publications, consultations, drafts for comment). Each entry
    becomes an item with its title, link, date and summary; new entries are reported one by one. Without
    selectors the entries are found automatically."""

    name = "listing"
    version = "1"
    Options: ClassVar[type[BaseModel]] = ListingOptions
    itemised = True

    def extract(self, fetched: FetchResult, options: BaseModel | None) -> Document:
        opts = options_of(ListingOptions, options)
        root, title = open_page(fetched, opts.exclude)
        if opts.selector:
            entries = required(root, opts.selector)
            for entry in entries:
                strip_boilerplate(entry)
        else:
            entries = find_items(strip_boilerplate(body_of(root)), day_first=opts.day_first)
            if not entries:
                raise refuse(fetched, "found no list of linked entries on the page; set 'selector' (and 'title', "
                             "'link', 'date' if needed) for this source")
        items: dict[str, Item] = {}
        for entry in entries:
            item = entry_item(entry, opts, fetched.final_url)
            if item is not None and item.key not in items:
                items[item.key] = item
        found = tuple(items.values())
        return Document(text=items_text(found), extractor_version=self.version, title=title, items=found)
