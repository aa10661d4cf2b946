"""The pdf kind: the text layer via pypdf; encrypted, damaged and image-only files are plain errors."""

from __future__ import annotations

import pytest

from tests.kinds_support import encrypt_pdf, fetched, make_pdf
from watcher.errors import ExtractError
from watcher.kinds.pdf import PdfKind

PAGES = [
    ["Guidelines on general-purpose AI models", "Providers keep the technical docu-",
     "mentation up to date   (Article 53)."],
    ["Annex", "The obligations apply from 2 August 2025."],
]


def extract(data: bytes):  # type: ignore[no-untyped-def]
    return PdfKind().extract(fetched(data, "application/pdf", url="https://example.org/doc.pdf"), None)


def test_text_layer_pages_joined_hyphens_mended() -> None:
    doc = extract(make_pdf(PAGES, title="GPAI guidelines"))
    assert doc.text.splitlines() == [
        "Guidelines on general-purpose AI models",
        "Providers keep the technical documentation up to date (Article 53).",
        "Annex",
        "The obligations apply from 2 August 2025.",
    ]
    assert doc.title == "GPAI guidelines" and doc.items is None and not PdfKind.itemised


def test_an_empty_user_password_is_tried() -> None:
    assert "Annex" in extract(encrypt_pdf(make_pdf(PAGES), "")).text


@pytest.mark.parametrize(("data", "sentence"), [
    (encrypt_pdf(make_pdf(PAGES), "secret"), "the PDF is encrypted and needs a password"),
    (make_pdf(PAGES)[:180], "the PDF is damaged and could not be read"),
    (b"%PDF-1.7\n" + b"\x00garbage" * 20, "the PDF is damaged and could not be read"),
    (make_pdf([[], []]), "the PDF has no text layer"),
    (b"<html><body>Not a PDF</body></html>", "the response is not a PDF"),
])
def test_unreadable_pdfs(data: bytes, sentence: str) -> None:
    with pytest.raises(ExtractError, match=sentence):
        extract(data)
