"""Find the repeated, dated, linked entries of a listing page without being told where they are.

Every element's children are grouped by signature (tag plus stable class names). A group of at least
three siblings that each hold a link is a candidate; it scores count x (share with a date) x typical
text length, and link-heavy groups (menus, tag clouds) are marked down. Sections of the page built the
same way (the same item and container signature) are merged, in page order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

from watcher.kinds.dom import Element, select
from watcher.normalize import one_line, parse_date

MIN_ITEMS = 3
_ITEM_TAGS = frozenset({"li", "tr", "article", "div", "section", "dd", "dt", "p", "a", "span", "h2", "h3", "h4", "td"})
_UNSTABLE_CLASS = re.compile(r"\d|^(?:odd|even|first|last|active|selected|current|is-\w+|has-\w+)$")
_DATE_CLASS = re.compile(r"date|time|meta|day|pub", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LINK_XPATH = etree.XPath(".//a[@href]")


@dataclass
class _Group:
    parent: Element
    signature: tuple[str, str]
    members: list[Element]
    score: float


def signature(el: Element) -> tuple[str, str]:
    classes = sorted(c for c in (el.get("class") or "").split() if not _UNSTABLE_CLASS.search(c))
    return str(el.tag), " ".join(classes)


def links(el: Element) -> list[Element]:
    """The element's usable links (itself when it is one), skipping script and in-page anchors."""
    found = [el] if el.tag == "a" and el.get("href") else _LINK_XPATH(el)
    return [a for a in found if not a.get("href", "").strip().lower().startswith(("javascript:", "#", "mailto:"))]


def main_link(el: Element) -> Element | None:
    """The item's own link: the one in a heading, else the one with the longest text."""
    candidates = links(el)
    if not candidates:
        return None
    for a in candidates:
        if any(anc.tag in _HEADINGS for anc in a.iterancestors()) or any(a.iterdescendants(*_HEADINGS)):
            return a
    return max(candidates, key=lambda a: len(one_line(a.text_content())))


def item_date(el: Element, *, day_first: bool = True, skip: str = "") -> str | None:
    """The entry's date: a <time datetime>, else an element whose class says date, else its text."""
    for time_el in el.iter("time"):
        found = parse_date(time_el.get("datetime") or "", day_first=day_first) or parse_date(
            time_el.text_content(), day_first=day_first
        )
        if found:
            return found
    for child in el.iterdescendants():
        if isinstance(child.tag, str) and _DATE_CLASS.search(child.get("class") or ""):
            found = parse_date(child.text_content(), day_first=day_first)
            if found:
                return found
    text = el.text_content()
    if skip:
        text = text.replace(skip, " ")
    return parse_date(text, day_first=day_first)


def _score(members: list[Element], day_first: bool) -> tuple[list[Element], float]:
    linked = [m for m in members if links(m)]
    if len(linked) < MIN_ITEMS or len(linked) < 0.6 * len(members):
        return linked, 0.0
    dated = sum(1 for m in linked if item_date(m, day_first=day_first))
    lengths = [len(one_line(m.text_content())) for m in linked]
    typical = min(sorted(lengths)[len(lengths) // 2], 300)
    per_item_links = sum(len(links(m)) for m in linked) / len(linked)
    score = len(linked) * (0.2 + dated / len(linked)) * typical
    if per_item_links > 4:
        score *= 0.3
    return linked, score


def _groups(root: Element, day_first: bool) -> list[_Group]:
    found: list[_Group] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) < MIN_ITEMS:
            continue
        by_signature: dict[tuple[str, str], list[Element]] = defaultdict(list)
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _ITEM_TAGS:
                by_signature[signature(child)].append(child)
        for sig, members in by_signature.items():
            if len(members) < MIN_ITEMS:
                continue
            linked, score = _score(members, day_first)
            if score > 0:
                found.append(_Group(parent, sig, linked, score))
    return found


def find_items(root: Element, *, day_first: bool = True) -> list[Element]:
    """The entries of the page's main list of linked items, or [] when there is none."""
    groups = _groups(root, day_first)
    if not groups:
        return []
    best = max(groups, key=lambda g: g.score)
    same_shape = [
        g for g in groups if g.signature == best.signature and signature(g.parent) == signature(best.parent)
    ]
    items: list[Element] = []
    seen: set[int] = set()
    for group in same_shape:
        for member in group.members:
            if id(member) not in seen and not any(id(a) in seen for a in member.iterancestors()):
                seen.add(id(member))
                items.append(member)
    return items


def first_text(el: Element, css: str) -> str:
    found = select(el, css)
    return one_line(found[0].text_content()) if found else ""
