"""How much a PDF's streams decode to, measured before pdfminer decodes them.

pdfminer inflates a stream whole when it first needs it: the cross-reference streams and a
damaged file's object streams as the document opens, the object streams, fonts and content
streams as pages are read. A Flate bomb (25 KB inflating to 10 MB) costs it seconds and
hundreds of megabytes, so the reader measures first, decoding no further than a bound:

* :func:`stream_size` decodes one stream's filters (Flate, LZW, ASCII hex and 85, run
  length) no further than a limit, in 1 MiB pieces that are counted and thrown away;
* :func:`document_size` adds up every stream in the file's bytes but images (which pdfminer
  never decodes), before the document is opened;
* :func:`encrypted_size` does the same through pdfminer's own objects for an encrypted
  document, whose streams can be measured only once deciphered;
* :func:`content_size` measures one page's content streams.

Each returns a size over the limit as soon as it knows it is over: a caller compares and
refuses.
"""
from __future__ import annotations

import io
import re
import zlib
from typing import Any, Iterable

_PIECE = 1 << 20

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")

_FLATE = {"FlateDecode", "Fl"}
_LZW = {"LZWDecode", "LZW"}
_HEX = {"ASCIIHexDecode", "AHx"}
_A85 = {"ASCII85Decode", "A85"}
_RUNLENGTH = {"RunLengthDecode", "RL"}


def _inflated(data: bytes, limit: int, keep: bool) -> tuple[int, bytes]:
    """The size Flate *data* inflates to, no further than *limit* + 1 bytes (and, with
    *keep*, the bytes). A damaged stream counts what inflated before the damage, as
    pdfminer salvages."""
    out = zlib.decompressobj()
    total, kept, rest = 0, [], data
    try:
        while not out.eof and total <= limit:
            piece = out.decompress(rest, _PIECE)
            rest = out.unconsumed_tail
            if not piece and not rest:
                break
            total += len(piece)
            if keep:
                kept.append(piece)
    except zlib.error:
        pass
    return total, b"".join(kept)


def _lzw(data: bytes, limit: int, keep: bool) -> tuple[int, bytes]:
    from pdfminer.lzw import LZWDecoder
    total, kept = 0, []
    try:
        for piece in LZWDecoder(io.BytesIO(data)).run():
            total += len(piece)
            if keep:
                kept.append(piece)
            if total > limit:
                break
    except Exception:  # noqa: BLE001 - damaged: what decoded before it counts, as pdfminer's
        pass
    return total, b"".join(kept)


def _run_length(data: bytes) -> int:
    """The size run-length *data* decodes to, counted from its length bytes."""
    total = i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        total, i = (total + length + 1, i + length + 2) if length < 128 else (total + 257 - length, i + 2)
    return total


def stream_size(raw: bytes, filters: Iterable[str], limit: int) -> int:
    """The size *raw* decodes to through *filters* (names, first applied first), decoding no
    further than *limit* + 1 bytes. Filters pdfminer leaves encoded (images: DCT, JPX,
    JBIG2, CCITT) and unknown ones count as the bytes are."""
    filters = list(filters)
    data, size = raw, len(raw)
    for i, name in enumerate(filters):
        last = i == len(filters) - 1
        if name in _FLATE:
            size, data = _inflated(data, limit, keep=not last)
        elif name in _LZW:
            size, data = _lzw(data, limit, keep=not last)
        elif name in _RUNLENGTH:
            size = _run_length(data)
            if not last and size <= limit:
                from pdfminer.runlength import rldecode
                data = rldecode(data)
        elif name in _HEX or name in _A85:
            from pdfminer.ascii85 import ascii85decode, asciihexdecode
            try:
                data = asciihexdecode(data) if name in _HEX else ascii85decode(data)
            except Exception:  # noqa: BLE001
                data = b""
            size = len(data)
        else:
            break
        if size > limit:
            return size
    return size


def document_size(data: bytes, limit: int) -> int:
    """The decoded size of every stream in a PDF file's bytes but images, no further than
    *limit* + 1 bytes. A stream whose bytes do not decode (an encrypted document's) counts
    as the bytes are: :func:`encrypted_size` measures those."""
    total = position = 0
    while total <= limit and (match := _STREAM.search(data, position)):
        head = data[max(0, match.start() - 4096):match.start()]
        head = head[head.rfind(b"obj") + 1:]                   # the stream's dictionary
        length = _LENGTH.search(head)
        end = match.end() + int(length.group(1)) if length else data.find(b"endstream", match.end())
        end = end if match.end() <= end <= len(data) else len(data)
        position = max(end, match.end())                       # a stream's bytes are not searched
        if _IMAGE.search(head):
            continue
        found = _FILTER.search(head)
        names = [n.decode("latin-1") for n in _NAME.findall(found.group(1))] if found else []
        total += stream_size(data[match.end():end], names, limit - total)
    return total


def _filter_names(stream: Any) -> list[str]:
    return [getattr(f, "name", str(f)) for f, _ in stream.get_filters()]


def _is_image(stream: Any) -> bool:
    return getattr(stream.attrs.get("Subtype"), "name", None) == "Image"


def encrypted_size(doc: Any, limit: int) -> int:
    """The decoded size of an encrypted pdfminer document's streams but images, deciphered
    and measured as :func:`document_size` measures a plain file's; objects inside object
    streams are not streams, so only the file's own objects are visited."""
    from pdfminer.pdftypes import PDFStream
    total = 0
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            try:
                if xref.get_pos(objid)[0] is not None:
                    continue                                   # in an object stream
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - what pdfminer cannot find it never decodes
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None or _is_image(obj):
                continue
            raw = obj.decipher(obj.objid, obj.genno, obj.rawdata, obj.attrs) if obj.decipher else obj.rawdata
            total += stream_size(raw, _filter_names(obj), limit - total)
            if total > limit:
                return total
    return total


def content_size(page_obj: Any, limit: int) -> int:
    """The decoded size of a pdfminer page's content streams, no further than *limit* + 1
    bytes (a stream pdfminer has already decoded counts as it is)."""
    from pdfminer.pdftypes import resolve1
    total = 0
    for stream in getattr(page_obj, "contents", None) or ():
        try:
            stream = resolve1(stream)
            if getattr(stream, "data", None) is not None:
                total += len(stream.data)
            elif getattr(stream, "rawdata", None) is not None:
                raw = stream.decipher(stream.objid, stream.genno, stream.rawdata, stream.attrs) \
                    if stream.decipher else stream.rawdata
                total += stream_size(raw, _filter_names(stream), limit - total)
        except Exception:  # noqa: BLE001 - what pdfminer cannot decode either is its error, later
            continue
        if total > limit:
            break
    return total
