"""The `html` kind: one page whose readable text is compared as a whole."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from watcher.kinds.base import Kind
from watcher.kinds.common import Css, KindOptions, options_of
from watcher.kinds.dom import body_of, clean_text, open_page, required
from watcher.records import Document, FetchResult


class HtmlOptions(KindOptions):
    selector: Css | None = Field(
        None,
        description="CSS selector of the part of the page that matters, e.g. 'main' or '#content' "
        "(default: the whole page without menus, header, footer and cookie banners)",
    )
    exclude: tuple[Css, ...] = Field(
        (), description="CSS selectors of parts to leave out, e.g. ['.related-links', '#visitor-counter']"
    )


class HtmlKind(Kind):
    """A web page compared as text: menus, header, footer, cookie banners, breadcrumbs, share bars, scripts
    and hidden parts are removed; every heading, paragraph, list item and table row becomes one line."""

    name = "html"
    version = "1"
    Options: ClassVar[type[BaseModel]] = HtmlOptions
    itemised = False

    def extract(self, fetched: FetchResult, options: BaseModel | None) -> Document:
        opts = options_of(HtmlOptions, options)
        root, title = open_page(fetched, opts.exclude)
        targets = required(root, opts.selector) if opts.selector else [body_of(root)]
        return Document(text=clean_text(targets), extractor_version=self.version, title=title)
