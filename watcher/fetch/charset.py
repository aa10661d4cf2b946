"""Turning body bytes into text, the way a careful browser would.

Order: byte-order mark, charset of the Content-Type header, charset declared in the document itself
(`<meta charset>`, `<meta http-equiv>`, `<?xml encoding?>`), strict UTF-8, statistical detection
(charset_normalizer), and finally UTF-8 with replacement characters. A declared charset that does not
decode the bytes strictly is treated as wrong and the next step is tried. Legacy labels are widened to
the superset browsers really use (GB2312/GBK -> GB18030, Shift_JIS -> cp932, ISO-8859-1 -> cp1252, ...).
"""

from __future__ import annotations

import codecs
from email.message import Message

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

# Python codec name -> the superset actually meant on the web.
_WIDER = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}
# Labels Python does not know but web pages use.
_EXTRA_LABELS = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "x-gbk": "gb18030",
    "x-euc-kr": "cp949",
    "x-user-defined": "cp1252",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DETECT_BYTES = 256 * 1024  # detection looks at the start of the body only


def codec_for(label: str | None) -> str | None:
    """The Python codec to use for a charset label, widened as browsers do; None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").strip().lower()
    if not label:
        return None
    if label in _EXTRA_LABELS:
        return _EXTRA_LABELS[label]
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # e.g. "base64", "rot13": not character sets
    return _WIDER.get(info.name, info.name)


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type or "charset" not in content_type.lower():
        return None
    message = Message()
    message["content-type"] = content_type
    value = message.get_param("charset")
    return value if isinstance(value, str) else None


def _strict(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8_not_ascii(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _try_declared(body: bytes, label: str | None) -> tuple[str, str] | None:
    """Decode with a declared label if it fits the bytes; a 'latin-1' label on valid UTF-8 means UTF-8."""
    codec = codec_for(label)
    if codec is None:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        codec = "utf-8"  # an ASCII-readable declaration cannot be UTF-16; browsers read it as UTF-8
    if codec == "cp1252" and _is_utf8_not_ascii(body):
        return body.decode("utf-8"), "utf-8"  # the classic misconfigured server default
    text = _strict(body, codec)
    return (text, codec) if text is not None else None


def _detect(body: bytes) -> tuple[str, str] | None:
    sample = body[:_DETECT_BYTES]
    if len(body) > _DETECT_BYTES:
        cut = sample.rfind(b"\n")
        sample = sample[:cut] if cut > 0 else sample
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    # Single-byte Latin code pages tie often; the web's default one wins when it reads at least as cleanly and
    # more coherently (an undeclared English page is not Baltic, a Hungarian one keeps its cp1250).
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + 0.05 and western.coherence > best.coherence:
        best = western
    codec = codec_for(best.encoding) or best.encoding
    text = _strict(body, codec)
    if text is None:
        text = body.decode(codec, errors="replace")
    return text, codec


def decode_text(body: bytes, content_type_header: str | None) -> tuple[str, str]:
    """Decode a response body; returns (text, name of the codec used)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace"), codec
    if not body:
        return "", "utf-8"
    found = _try_declared(body, header_charset(content_type_header))
    if found is None:
        declared = EncodingDetector.find_declared_encoding(body, is_html=True)
        found = _try_declared(body, declared) if isinstance(declared, str) else None
    if found is None:
        text = _strict(body, "utf-8")
        found = (text, "utf-8") if text is not None else _detect(body)
    if found is None:
        found = body.decode("utf-8", errors="replace"), "utf-8"
    return found
