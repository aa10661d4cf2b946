"""HTML helpers shared by the page kinds: parse, select, strip boilerplate, and turn blocks into lines.

lxml does the work (a 40 KB page parses and cleans in a few milliseconds). Every function here either
returns a value or raises `ExtractError`; parser exceptions never escape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from cssselect import HTMLTranslator, SelectorError
from lxml import etree, html
from lxml.html import HtmlElement as Element

from watcher.errors import ExtractError
from watcher.normalize import normalise_space, one_line
from watcher.records import FetchResult

# Dropped wherever they appear: never content.
_ALWAYS_DROP = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "aside", "button", "select",
    "input", "textarea", "object", "embed", "canvas", "dialog", "link", "meta", "head", "map",
})
# Page chrome; inside an <article> they hold the article's own title/date, so they stay there.
_CHROME = frozenset({"header", "footer"})
# Matched anywhere inside an id/class/aria-label value.
_BOILERPLATE = re.compile(
    r"cookie|consent|gdpr|cck-|breadcrumb|crumb|skip-?(?:link|to|nav|main|content)|back-?to-?top|go-?to-?top|totop|"
    r"share-?(?:bar|buttons?|links?|tools|this)|sharethis|addthis|social-?(?:share|media|links|icons)|"
    r"site-?header|site-?footer|page-?footer|last-?update|visually-?hidden|sr-only|screen-?reader|"
    r"print-?link|newsletter-?signup",
    re.I,
)
# Matched as a whole class/id token only: too common as parts of content class names.
_CHROME_TOKENS = frozenset({
    "header", "footer", "nav", "navbar", "navigation", "menu", "mainmenu", "topbar", "sidebar", "position",
    "location", "hidden", "hide", "d-none", "share", "social", "toolbar", "pager", "pagination",
})
_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "complementary"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TOKEN_SPLIT = re.compile(r"[\s]+")
_SECRETS = re.compile(
    r"\b(jsessionid|phpsessid|sessionid|sid|csrf[-_]?token|csrfmiddlewaretoken|authenticity_token|_token|itok)"
    r"=[^\s&\"'<>;]+",
    re.I,
)

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "legend", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br", "option",
})
_CELLS = ("td", "th")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Control characters lxml keeps when parsing but refuses when text is set (dropping an element moves its tail).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_html(fetched: FetchResult) -> Element:
    """The document element of an HTML response (decoded text preferred, raw bytes as a fallback)."""
    source: str | bytes = fetched.text if fetched.text is not None else fetched.body
    if isinstance(source, str):
        source = _CONTROL.sub("", _XML_DECLARATION.sub("", source, count=1))
    if not source.strip():
        raise ExtractError("the page is empty")
    try:
        root = html.document_fromstring(source)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError(f"the page could not be parsed as HTML ({one_line(str(exc)) or 'no content'})") from None
    return root


@lru_cache(maxsize=512)
def _xpath(css: str) -> etree.XPath:
    return etree.XPath(HTMLTranslator().css_to_xpath(css))


def check_css(css: str) -> str:
    """Validate a CSS selector (used by the options models); raises ValueError with a plain reason."""
    try:
        _xpath(css)
    except SelectorError as exc:
        raise ValueError(f"{css!r} is not a valid CSS selector ({exc})") from None
    return css


def select(root: Element, css: str) -> list[Element]:
    """Elements matching a CSS selector, in document order."""
    try:
        found = _xpath(css)(root)
    except (SelectorError, etree.XPathError) as exc:
        raise ExtractError(f"{css!r} is not a valid CSS selector ({exc})") from None
    return [el for el in found if isinstance(el, etree.ElementBase) and isinstance(el.tag, str)]


def select_one(root: Element, css: str) -> Element | None:
    found = select(root, css)
    return found[0] if found else None


def outermost(elements: Iterable[Element]) -> list[Element]:
    """The elements that are not inside another of the given elements (no text twice)."""
    chosen = list(elements)
    ids = {id(el) for el in chosen}
    return [el for el in chosen if not any(id(a) in ids for a in el.iterancestors())]


def drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def open_page(fetched: FetchResult, exclude: Iterable[str] = ()) -> tuple[Element, str | None]:
    """The parsed page with the `exclude` selectors' elements removed, and its title."""
    root = parse_html(fetched)
    title = page_title(root)
    for css in exclude:
        for el in select(root, css):
            drop(el)
    return root, title


def required(root: Element, css: str) -> list[Element]:
    """The outermost elements matching a user's selector; a selector that matches nothing is an error."""
    found = outermost(select(root, css))
    if not found:
        raise ExtractError(f"selector {css!r} matched nothing on the page — did the page layout change?")
    return found


def _is_boilerplate(el: etree._Element) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    if tag in _ALWAYS_DROP:
        return True
    if tag in _CHROME and next(el.iterancestors("article"), None) is None:
        return True
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true" or attrib.get("role") in _ROLES:
        return True
    style = attrib.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = " ".join(filter(None, (attrib.get("id"), attrib.get("class"), attrib.get("aria-label"))))
    return bool(names) and _names_are_boilerplate(names)


@lru_cache(maxsize=4096)
def _names_are_boilerplate(names: str) -> bool:
    """Class names repeat across a page, so the verdict per id/class/label string is cached."""
    if _BOILERPLATE.search(names):
        return True
    return any(token.lower() in _CHROME_TOKENS for token in _TOKEN_SPLIT.split(names))


def strip_boilerplate(root: Element) -> Element:
    """Remove scripts, menus, page header/footer, cookie banners, skip links, breadcrumbs, share bars and
    hidden elements below `root` (never `root` itself). Returns `root`."""
    doomed = [el for el in root.iterdescendants() if _is_boilerplate(el)]
    for el in doomed:
        drop(el)
    return root


def block_lines(root: Element) -> list[str]:
    """One line per block (heading, paragraph, list item; table rows as cells joined by ' | ')."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            line = one_line("".join(buffer))
            if line:
                lines.append(line)
            buffer.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in BLOCKS:
                flush()
            if tag == "tr":
                cells = [" ".join(block_lines(cell)) for cell in el if cell.tag in _CELLS]
                row = " | ".join(c for c in cells if c)
                if row:
                    lines.append(row)
                walker.skip_subtree()
            elif el.text:
                buffer.append(el.text)
        else:
            if tag in BLOCKS:
                flush()
            if el.tail and el is not root:
                buffer.append(el.tail)
    flush()
    return lines


def scrub_secrets(text: str) -> str:
    """Blank session ids, CSRF tokens and image tokens that change on every request."""
    return _SECRETS.sub(lambda m: m.group(1) + "=", text)


def clean_text(elements: Iterable[Element]) -> str:
    """Boilerplate-free text of the given elements, one line per block, secrets blanked."""
    lines: list[str] = []
    for el in elements:
        lines.extend(block_lines(strip_boilerplate(el)))
    return normalise_space(scrub_secrets("\n".join(lines)))


def page_title(root: Element) -> str | None:
    """The page's <title>, else its first <h1>."""
    for path in (".//title", ".//h1"):
        el = root.find(path)
        if el is not None:
            title = one_line(el.text_content())
            if title:
                return title
    return None


def body_of(root: Element) -> Element:
    body = root.find("body")
    return body if body is not None else root


def texts(elements: Iterable[Element]) -> Iterator[str]:
    for el in elements:
        text = one_line(el.text_content())
        if text:
            yield text
