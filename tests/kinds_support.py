"""Helpers for the kind tests: FetchResults built from fixture pages, and a tiny PDF writer that makes
real text layers (Helvetica, WinAnsi) without any PDF library."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from watcher.demo import select_version
from watcher.fetch import decode_text
from watcher.records import FetchResult

PAGES = Path(__file__).parent / "fixtures" / "pages"


def fetched(body: bytes | str, content_type: str = "text/html", url: str = "https://example.org/list/",
            charset: str | None = None) -> FetchResult:
    """A 200 response as the fetch stage hands it on (textual bodies decoded the way the fetcher does)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    header = content_type + (f"; charset={charset}" if charset else "")
    text: str | None = None
    encoding: str | None = None
    if content_type != "application/pdf":
        text, encoding = decode_text(data, header)
    return FetchResult(url=url, final_url=url, status=200, headers={"content-type": header}, body=data,
                       content_type=content_type, encoding=encoding, text=text, elapsed_ms=5)


def fixture_bytes(name: str) -> bytes:
    """`stem_vN.ext` is version N of the two-version fixture `stem.ext` (see watcher.demo.select_version);
    the GBK CAC page is built by make_pages.py."""
    match = re.fullmatch(r"(.+)_v([12])(\.\w+)", name)
    if match is None:
        return (PAGES / name).read_bytes()
    stem, version, suffix = match.group(1), int(match.group(2)), match.group(3)
    if stem == "cac_zqyj":
        spec = importlib.util.spec_from_file_location("make_pages", PAGES / "make_pages.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        data: bytes = module.cac_version(version)
        return data
    text = (PAGES / f"{stem}{suffix}").read_text(encoding="utf-8")
    return select_version(text, version).encode("utf-8")


def page(name: str, url: str = "https://example.org/list/") -> FetchResult:
    """A fixture from tests/fixtures/pages, with the media type its extension implies."""
    types = {".html": "text/html", ".xml": "application/rss+xml", ".atom": "application/atom+xml",
             ".json": "application/json", ".pdf": "application/pdf"}
    return fetched(fixture_bytes(name), types[Path(name).suffix], url)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _page_stream(lines: list[str]) -> bytes:
    if not lines:  # an "image-only" page: a filled rectangle and no text
        return b"0.5 g 72 72 450 650 re f"
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("cp1252")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one page per list of lines (an empty list makes a page without text)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        stream = _page_stream(lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info_ref = b""
    if title is not None:
        objects.append(f"<< /Title ({_escape(title)}) >>".encode("cp1252"))
        info_ref = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The same PDF encrypted with a user password (RC4, which pypdf handles without extra packages)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
