"""Input -> text: paths, bytes and str; encodings detected, never assumed.

UTF-8 (with or without BOM) and UTF-16 with BOM are taken as declared; anything else
is detected with charset-normalizer. Input that decodes to nothing readable raises
:class:`~govdisclose.errors.UnreadableInputError`.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import attrs

from .errors import UnreadableInputError

__all__ = ["Source", "load", "decode"]

MAX_BYTES = 64 * 1024 * 1024


@attrs.frozen
class Source:
    text: str
    name: str | None = None        # the path, when read from a file
    encoding: str | None = None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of *data*."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise UnreadableInputError(f"starts with a {encoding} byte-order mark but is not {encoding} text") \
                    from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer
    best = charset_normalizer.from_bytes(data[:2_000_000]).best()
    if best is None or best.encoding is None:
        raise UnreadableInputError("cannot detect the text encoding (binary data?)")
    encoding = "gb18030" if best.encoding in ("gb2312", "gbk", "gb18030", "hz") else best.encoding
    return data.decode(encoding, errors="replace"), encoding


def load(source: str | bytes | os.PathLike) -> Source:
    """Read *source*: ``str`` is report text, ``bytes`` file contents, a path a file."""
    if isinstance(source, str):
        return Source(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        text, encoding = decode(bytes(source))
        return Source(text, encoding=encoding)
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise UnreadableInputError(f"{path}: {size} bytes is more than a report ({MAX_BYTES} at most)")
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableInputError(f"{path}: {exc.strerror or exc}") from None
        text, encoding = decode(data)
        return Source(text, str(path), encoding)
    raise TypeError(f"parse() takes report text (str), file contents (bytes) or a path, not {type(source).__name__}")
