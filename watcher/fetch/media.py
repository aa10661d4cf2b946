"""Media types: taken from Content-Type, sniffed from the first bytes when the server gives none."""

from __future__ import annotations

_UNKNOWN = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/unknown"})
_SCRIPT = frozenset({"application/javascript", "application/x-javascript", "application/ecmascript"})


def media_type(content_type_header: str | None, body: bytes) -> str:
    """The lower-case media type without parameters; sniffed when missing or only 'octet-stream'."""
    declared = (content_type_header or "").split(";", 1)[0].strip().lower()
    if declared in _UNKNOWN:
        sniffed = sniff(body, plain_text=not declared)
        if sniffed:
            return sniffed
    return declared or "application/octet-stream"


def sniff(body: bytes, *, plain_text: bool = False) -> str | None:
    """Guess a media type from a body's first bytes: PDF, XML feeds, JSON, HTML (and plain text if asked)."""
    head = body[:1024]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    head = head.lstrip()
    if head.startswith(b"%PDF"):
        return "application/pdf"
    lower = head.lower()
    if lower.startswith(b"<?xml") or lower.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if b"<rss" in lower or b"<rdf:rdf" in lower:
            return "application/rss+xml"
        if b"<feed" in lower:
            return "application/atom+xml"
        if b"<html" in lower:
            return "application/xhtml+xml"
        return "application/xml"
    if lower.startswith((b"{", b"[")):
        return "application/json"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or b"<html" in lower:
        return "text/html"
    if plain_text and head and b"\0" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a character cut at the end of the sample is fine
                return None
        return "text/plain"
    return None


def is_textual(media: str) -> bool:
    """True for media types whose body is text: text/*, XML, JSON and scripts."""
    return (
        media.startswith("text/")
        or media.endswith(("/xml", "+xml", "/json", "+json"))
        or media in _SCRIPT
    )
