"""Input -> text: paths, bytes, binary streams and str; encodings detected, never assumed.

UTF-8 (with or without BOM) and UTF-16 with BOM are taken as declared; UTF-16 without
BOM is recognised by its NUL bytes; an HTML page's declared charset (``<meta charset>``)
is taken when the bytes decode under it (see :func:`declared_charset`); text that is not
UTF-8 but reads as GB18030 made of common (GB2312) Chinese characters is GB18030;
anything else is detected with charset-normalizer. A last character cut off by
truncation becomes U+FFFD. Input that decodes to nothing readable, a PDF, Word or other
non-text file, and input over :data:`MAX_BYTES` raise
:class:`~govdisclose.errors.UnreadableInputError`. See ``docs/bad-input.md``.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import BinaryIO

import attrs

from .errors import NotAReportError, UnreadableInputError

__all__ = ["MAX_BYTES", "Source", "Raw", "decode", "declared_charset", "load", "read_raw"]

#: The largest input read (bytes; characters for ``str``). Real reports are well under 1 MB.
MAX_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@attrs.frozen
class Source:
    text: str
    name: str | None = None        # the path, when read from a file
    encoding: str | None = None
    #: What decoding had to mend: (what, count, line, column of the first), what being
    #: ``"invalid"`` (byte sequences not valid in the encoding, each now U+FFFD) or ``"nul"``
    #: (NUL bytes, dropped); the pipeline makes each a ``text.repaired`` finding.
    repairs: tuple[tuple[str, int, int, int], ...] = ()


def _too_big(size: int | str, unit: str = "bytes", prefix: str = "") -> UnreadableInputError:
    return UnreadableInputError(f"{prefix}{size} {unit} is more than a report ({MAX_BYTES} {unit} at most)")


def _decode_cut(data: bytes, encoding: str, *, evidence: bool = True) -> str:
    """*data* in *encoding*, strictly; a last character cut off (a truncated file) is kept
    visible as U+FFFD. Raises UnicodeDecodeError otherwise. With *evidence*, only after
    some non-ASCII text: ASCII followed by a cut character says nothing of the encoding."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and len(data) - 3 <= exc.start and exc.start > 0 \
                and exc.reason in ("unexpected end of data", "incomplete multibyte sequence", "truncated data") \
                and not (evidence and data[:exc.start].isascii()):
            return data[:exc.start].decode(encoding) + "\ufffd"
        raise


def _common_share(text: str) -> float:
    """The share of *text* that is printable ASCII, whitespace or a common (GB2312) character."""
    if not text:
        return 0.0
    ascii_ = len(text.encode("ascii", "ignore")) - len(_CONTROL.findall(text))
    # ASCII encodes to 1 byte, a GB2312 character to 2, anything else to 1 ('?')
    gb2312 = len(text.encode("gb2312", "replace")) - len(text)
    return (ascii_ + gb2312) / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, known by its NUL bytes (the high byte of every ASCII character):
    the byte order that reads as more common text, or None."""
    sample = data[:100_000]
    sample = sample[:len(sample) & ~1]
    if len(sample) < 8 or sample.count(0) < 2:
        return None
    share, encoding = max((_common_share(sample.decode(e, "replace")), e) for e in ("utf-16-le", "utf-16-be"))
    return encoding if share >= 0.8 else None


def _common_chinese(text: str) -> bool:
    """Whether *text* (decoded as GB18030) is plausible Chinese: no control characters and
    nearly all its non-ASCII characters among the common ones of GB2312."""
    sample = text[:200_000]
    if _CONTROL.search(sample):
        return False
    other = len(sample) - len(sample.encode("ascii", "ignore"))
    gb2312 = len(sample.encode("gb2312", "replace")) - len(sample)     # see _common_share
    return other > 0 and gb2312 >= 0.95 * other


#: File formats that are often given instead of a report's text, by their first bytes.
#: A hint follows when a reader plugin reads the format (the pipeline asks binary readers first).
_NOT_TEXT = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .ofd document?)"),
             (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word/Excel/WPS document (.doc, .xls, .wps)"),
             (b"\x1f\x8b", "gzip-compressed data"), (b"\x89PNG", "an image"), (b"\xff\xd8\xff", "an image"),
             (b"GIF8", "an image"))


_PLUGIN_HINT = {b"%PDF-": 'install govdisclose with the PDF extra (pip install "govdisclose[pdf]") to read it, or ',
                b"PK\x03\x04": 'a .docx is read with the Word extra (pip install "govdisclose[docx]"); or '}


_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first 64 KB (``<meta charset>``, ``<meta
    http-equiv="Content-Type" content="…; charset=…">``, ``<?xml … encoding=…?>``) as a codec
    name: GB2312/GBK/GB18030 read as GB18030 (the superset), UTF-16 as UTF-8 (as browsers do:
    a page whose tags are ASCII bytes is not UTF-16); None when nothing known is declared."""
    head = data[:65536]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name[2:] if name.startswith("x-") else name).name
    except LookupError:
        return None
    if codec in ("gb2312", "gbk", "gb18030"):
        return "gb18030"
    return "utf-8" if codec.startswith(("utf-16", "utf-32")) else codec


def _text_encoding(name: str) -> bool:
    """Whether *name* is a codec that decodes bytes to text (not ``undefined``, not a
    bytes-to-bytes codec such as ``base64`` or ``zlib``)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return info.name != "undefined" and getattr(info, "_is_text_encoding", True)


def _as_declared(data: bytes, declared: str) -> str | None:
    """*data* in the *declared* encoding, or None when the bytes say otherwise: they do not
    decode under it, or they are UTF-8 (non-ASCII, strictly valid) while another encoding is
    declared, or they are common Chinese in GB18030 while a Western single-byte one is. A
    declared name that is no text encoding (``undefined``, ``base64``, unknown) is ignored."""
    if not _text_encoding(declared):
        return None
    if declared != "utf-8":
        try:
            text = _decode_cut(data, "utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if not data.isascii():
                return None
            return text
    try:
        text = _decode_cut(data, declared)
    except (UnicodeError, LookupError):
        return None
    try:
        "中文".encode(declared)
    except UnicodeEncodeError:          # latin-1, windows-1252 … declared on a Chinese page
        try:
            if _common_chinese(_decode_cut(data, "gb18030")):
                return None
        except UnicodeDecodeError:
            pass
    except LookupError:
        return None
    return text


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of *data*."""
    text, encoding, _ = decode_repaired(data)
    return text, encoding


#: The most NUL bytes (per thousand bytes, and at least) a text may hold and still be read
#: as text, the NULs dropped: a converter's or a copy's junk. More is binary data.
_NULS_PER_1000, _NULS_AT_LEAST = 1, 16
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Invalid byte sequences a UTF-8 text may hold (per hundred valid non-ASCII characters, and
#: at least) and still be read as UTF-8, each sequence U+FFFD.
_INVALID_PER_100, _INVALID_AT_LEAST = 1, 3


def decode_repaired(data: bytes) -> tuple[str, str, tuple[tuple[str, int, int, int], ...]]:
    """(text, encoding, repairs) of *data* (see :attr:`Source.repairs`): as :func:`decode`,
    and a text that is clearly UTF-8 but for a few invalid byte sequences or NUL bytes is
    read with them mended, not refused."""
    for magic, what in _NOT_TEXT:
        if data.startswith(magic):
            raise UnreadableInputError(f"this is {what}, not text: {_PLUGIN_HINT.get(magic, '')}"
                                       "extract the report's text first")
    repairs: list[tuple[str, int, int, int]] = []
    nuls = data.count(0)
    if nuls and not data.startswith(_BOMS) and _utf16_without_bom(data) is None:     # NULs in 8-bit text
        if nuls > max(_NULS_AT_LEAST, len(data) * _NULS_PER_1000 // 1000):
            raise NotAReportError("the document is binary data, not report text")
        repairs.append(("nul", nuls, *_where(data, data.index(0))))
        data = data.replace(b"\0", b"")
    try:
        text, encoding = _decode(data)
    except UnreadableInputError:
        mended = _mostly_utf8(data)
        if mended is None:
            raise
        text, invalid, first = mended
        repairs.append(("invalid", invalid, *_where(data, first)))
        encoding = "utf-8"
    return text, encoding, tuple(repairs)


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of the byte *offset*, counting characters as UTF-8 (else bytes)."""
    before = data[:offset]
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1


def _mostly_utf8(data: bytes) -> tuple[str, int, int] | None:
    """(text, invalid sequences, the first one's byte offset) of *data* as UTF-8 with its few invalid
    sequences as U+FFFD, when nearly all of its non-ASCII bytes are valid UTF-8 Chinese text
    (else None: another encoding, or binary)."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())     # less the U+FFFD written as such
    if invalid <= 0:
        return None
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if valid < 20 or invalid > max(_INVALID_AT_LEAST, valid * _INVALID_PER_100 // 100):
        return None
    if _CONTROL.search(text[:20000]) or not _common_share(text[:200_000]) >= 0.95:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return text, invalid, exc.start
    return None


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding, codec in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
                                 (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be")):
        if data.startswith(bom):
            try:
                return _decode_cut(data[len(bom):], codec, evidence=False), encoding
            except UnicodeDecodeError:
                raise UnreadableInputError(f"starts with a {encoding} byte-order mark but is not {encoding} text") \
                    from None
    encoding = _utf16_without_bom(data)     # before UTF-8: UTF-16 of ASCII is valid UTF-8 (with NULs)
    if encoding is not None:
        try:
            return _decode_cut(data, encoding, evidence=False), encoding
        except UnicodeDecodeError:
            pass
    declared = declared_charset(data)       # an HTML page's <meta charset>, when the bytes agree
    if declared is not None:
        text = _as_declared(data, declared)
        if text is not None:
            return text, declared
    try:
        return _decode_cut(data, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Statistical detection is fragile on short text (a few dozen GBK characters read as
    # cp949, Big5 or UTF-16): GBK/GB18030 made of common Chinese characters is taken first.
    try:
        text = _decode_cut(data, "gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _common_chinese(text):
            return text, "gb18030"
    import charset_normalizer
    best = charset_normalizer.from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableInputError("cannot detect the text encoding (binary data?)")
    encoding = "gb18030" if best.encoding in ("gb2312", "gbk", "gb18030", "hz") else best.encoding
    text = data.decode(encoding, errors="replace")
    if not text.strip() and data.strip():       # bytes that read as nothing but spaces (0xFF as cp1125)
        raise UnreadableInputError("cannot detect the text encoding (binary data?)")
    return text, encoding


def _read_bounded(stream) -> bytes:
    """All of a binary stream, read in chunks; more than MAX_BYTES raises as soon as it is
    seen (at most MAX_BYTES + 1 bytes are read: stdin, a FIFO or /dev/zero cannot exhaust memory)."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        chunk = stream.read(min(_CHUNK, MAX_BYTES + 1 - size))
        if not chunk:
            break
        if isinstance(chunk, str):
            raise TypeError("parse() reads a binary stream (open(path, 'rb'), sys.stdin.buffer), not a text stream")
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_BYTES:
        raise _too_big(f"more than {MAX_BYTES}")
    return b"".join(chunks)


@attrs.frozen
class Raw:
    """The bytes of a file, bytes or stream input, and its path when read from a file."""

    data: bytes
    name: str | None = None


def read_raw(source: bytes | os.PathLike | BinaryIO) -> Raw:
    """The bytes of *source* (``bytes``, a path or a binary stream), bounded by
    :data:`MAX_BYTES`: what binary readers (PDF, Word) sniff before any decoding."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = memoryview(source).nbytes
        if size > MAX_BYTES:
            raise _too_big(size)
        return Raw(bytes(source))
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:            # refused before reading a byte
                raise _too_big(size, prefix=f"{path}: ")
            with path.open("rb") as f:      # bounded too: a FIFO or a device has no size
                data = _read_bounded(f)
        except OSError as exc:
            raise UnreadableInputError(f"{path}: {exc.strerror or exc}") from None
        except UnreadableInputError as exc:
            if str(exc).startswith(f"{path}: "):
                raise
            raise UnreadableInputError(f"{path}: {exc}") from None
        return Raw(data, str(path))
    if callable(getattr(source, "read", None)):
        try:
            return Raw(_read_bounded(source))
        except OSError as exc:
            raise UnreadableInputError(f"cannot read the input: {exc.strerror or exc}") from None
    raise TypeError(f"parse() takes report text (str), file contents (bytes), a path or a binary stream, "
                    f"not {type(source).__name__}")


def load(source: str | bytes | os.PathLike | BinaryIO | Raw) -> Source:
    """Read *source*: ``str`` is report text, ``bytes`` file contents, a path a file and a
    binary stream (``sys.stdin.buffer``) file contents; a :class:`Raw` is decoded as it is.
    Over :data:`MAX_BYTES` is refused."""
    if isinstance(source, str):
        if len(source) > MAX_BYTES:
            raise _too_big(len(source), "characters")
        return Source(source)
    raw = source if isinstance(source, Raw) else read_raw(source)
    text, encoding, repairs = decode_repaired(raw.data)
    return Source(text, raw.name, encoding, repairs)
