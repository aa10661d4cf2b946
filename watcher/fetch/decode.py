"""Bounded decompression of response bodies (gzip, deflate, br).

httpx would decompress for us, but without an output bound: a 10 KB gzip bomb can expand to gigabytes
before any size check runs. Here every decoder yields output in steps of at most `STEP` bytes, and the
caller counts them against the limit, so decompression stops right after the limit is crossed and
memory stays near the limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Protocol

import brotli

from watcher.errors import FetchError

STEP = 64 * 1024  # most bytes of output produced per decompression step
_BROTLI_SLICE = 1024  # input slice for brotli builds without an output limit


class Decoder(Protocol):
    """Turns raw body chunks into decoded chunks, each at most STEP bytes."""

    def feed(self, data: bytes) -> Iterator[bytes]: ...

    def finish(self) -> Iterator[bytes]: ...


class Identity:
    """No content coding."""

    def feed(self, data: bytes) -> Iterator[bytes]:
        for start in range(0, len(data), STEP):
            yield data[start:start + STEP]

    def finish(self) -> Iterator[bytes]:
        return iter(())


class ZlibDecoder:
    """gzip (several members allowed) or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._gzip = coding in ("gzip", "x-gzip")
        self._obj: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS) if self._gzip else None
        self._head = b""  # deflate: first bytes kept until the wrapper can be recognised
        self._done = False  # set when the rest of the body is to be ignored
        self._members = 0  # gzip members started after the first
        self._member_output = False  # the current member produced output

    def _start_deflate(self, data: bytes) -> bytes:
        """Choose zlib-wrapped or raw deflate from the first two bytes; returns input still to decode."""
        self._head += data
        if len(self._head) < 2:
            return b""
        cmf, flg = self._head[0], self._head[1]
        wrapped = cmf & 0x0F == 8 and (cmf * 256 + flg) % 31 == 0
        self._obj = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        data, self._head = self._head, b""
        return data

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._obj is None:
            data = self._start_deflate(data)
            if self._obj is None:
                return
        yield from self._run(data)

    def finish(self) -> Iterator[bytes]:
        if self._obj is None and self._head:
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            data, self._head = self._head, b""
            yield from self._run(data)
        elif self._obj is not None:
            yield from self._run(b"")

    def _run(self, pending: bytes) -> Iterator[bytes]:
        while not self._done:
            obj = self._obj
            assert obj is not None
            if obj.eof:
                # After a gzip member another may follow; anything after a deflate stream, or gzip
                # padding, is ignored as browsers do.
                if not self._gzip or not pending.strip(b"\0"):
                    return
                obj = self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._members += 1
            try:
                out = obj.decompress(pending, STEP)
            except zlib.error as exc:
                if self._members and not self._member_output:
                    self._done = True  # junk after a complete gzip member
                    return
                raise FetchError(f"the {self.coding}-compressed body is corrupt ({exc})") from None
            if out:
                self._member_output = True
                yield out
            if obj.eof:
                pending = obj.unused_data
                self._member_output = False
                if not pending:
                    return
                continue
            pending = obj.unconsumed_tail
            if not pending and len(out) < STEP:
                return


class BrotliDecoder:
    """br, with the output capped per step where the brotli build allows it."""

    def __init__(self) -> None:
        self._obj = brotli.Decompressor()
        try:
            self._obj.process(b"", output_buffer_limit=STEP)
            self._limited = True
        except TypeError:
            self._limited = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        try:
            if not self._limited:
                for start in range(0, len(data), _BROTLI_SLICE):
                    out = self._obj.process(data[start:start + _BROTLI_SLICE])
                    if out:
                        yield out
                return
            out = self._obj.process(data, output_buffer_limit=STEP)
            if out:
                yield out
            while not self._obj.can_accept_more_data():
                out = self._obj.process(b"", output_buffer_limit=STEP)
                if not out:
                    break
                yield out
        except brotli.error as exc:
            raise FetchError(f"the br-compressed body is corrupt ({exc})") from None

    def finish(self) -> Iterator[bytes]:
        return iter(())


def make_decoder(content_encoding: str | None) -> Decoder:
    """A decoder for the Content-Encoding header; several codings are undone in reverse order."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return Identity()
    decoders = [_one(c) for c in reversed(codings)]
    return decoders[0] if len(decoders) == 1 else Chain(decoders)


def _one(coding: str) -> Decoder:
    if coding in ("gzip", "x-gzip", "deflate"):
        return ZlibDecoder(coding)
    if coding == "br":
        return BrotliDecoder()
    raise FetchError(
        f"the server compressed the body with {coding!r}, which watcher cannot decode", transient=False
    )


class Chain:
    """Several content codings, undone one after the other."""

    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(1, self._decoders[0].feed(data))

    def finish(self) -> Iterator[bytes]:
        for index, decoder in enumerate(self._decoders):
            yield from self._through(index + 1, decoder.finish())

    def _through(self, index: int, chunks: Iterator[bytes]) -> Iterator[bytes]:
        if index >= len(self._decoders):
            yield from chunks
            return
        for chunk in chunks:
            yield from self._through(index + 1, self._decoders[index].feed(chunk))


def decode_bounded(decoder: Decoder, raw: bytes, limit: int, sink: bytearray) -> None:
    """Feed `raw` through `decoder` into `sink`, raising as soon as `sink` would pass `limit` bytes."""
    for piece in decoder.feed(raw):
        _append(sink, piece, limit)


def finish_bounded(decoder: Decoder, limit: int, sink: bytearray) -> None:
    """Flush what the decoder still holds, with the same bound."""
    for piece in decoder.finish():
        _append(sink, piece, limit)


def _append(sink: bytearray, piece: bytes, limit: int) -> None:
    if len(sink) + len(piece) > limit:
        raise too_large(limit)
    sink.extend(piece)


def too_large(limit: int, compressed: tuple[str, int] | None = None) -> FetchError:
    """The sentence for a body over the size limit; `compressed` is (content coding, bytes on the wire so far)."""
    if compressed is not None:
        coding, received = compressed
        return FetchError(
            f"the {coding}-compressed body expands past the {_size(limit)} limit after only {_size(received)} on "
            "the wire (a compression bomb?); raise max_bytes for this source if it is expected",
            transient=False,
        )
    return FetchError(
        f"body larger than the {_size(limit)} limit (after decompression); "
        "raise max_bytes for this source if it is expected",
        transient=False,
    )


def _size(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):.1f} MB"
    if limit >= 1024:
        return f"{limit / 1024:.0f} KB"
    return f"{limit} bytes"
