"""The `pdf` kind: the text layer of a PDF document, compared as text."""

from __future__ import annotations

import io
import logging
import re

from pydantic import BaseModel

from watcher.errors import ExtractError
from watcher.kinds.base import Kind
from watcher.normalize import normalise_space
from watcher.records import Document, FetchResult

MAX_PAGES = 500
_HYPHENATED = re.compile(r"(\w)-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")


def pdf_text(body: bytes) -> tuple[str, str | None]:
    """(text, title) of a PDF; raises ExtractError for encrypted, damaged or image-only files."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%PDF" not in body[:1024]:
        raise ExtractError("the response is not a PDF (it does not start with %PDF)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractError("the PDF is encrypted and needs a password, so watcher cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        meta = reader.metadata
        title = str(meta.title).strip() if meta is not None and meta.title else None
    except ExtractError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise ExtractError("the PDF is encrypted and needs a password, so watcher cannot read its text") from None
    except Exception as exc:  # pypdf raises a zoo of exception types on hostile files; all mean "damaged"
        raise ExtractError(f"the PDF is damaged and could not be read ({type(exc).__name__}: {exc})") from None
    text = normalise_space(_HYPHENATED.sub(r"\1", "\n".join(pages)))
    if not text:
        raise ExtractError("the PDF has no text layer (probably scanned images), so watcher cannot read it")
    return text, title or None


class PdfKind(Kind):
    """A PDF document compared as text (its text layer; scanned image-only PDFs cannot be read). Words
    hyphenated across lines are joined; at most the first 500 pages are read."""

    name = "pdf"
    version = "1"
    itemised = False

    def extract(self, fetched: FetchResult, options: BaseModel | None) -> Document:
        text, title = pdf_text(fetched.body)
        return Document(text=text, extractor_version=self.version, title=title)
