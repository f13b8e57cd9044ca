"""File-system helpers shared by the readers: walking folders, size checks, decoding."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Iterator, Literal

from ..config import IngestConfig
from ..records import RawArticle, Rejected

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class ReadError(Exception):
    """A file that cannot be read; the message is the plain-language reason."""


#: Documentation files skipped in a folder walk (read only when named explicitly).
DOC_FILES = re.compile(r"^(?:readme|license|licence|changelog|copying)(?:\.[a-z0-9]+)?$", re.I)


def iter_files(root: Path) -> Iterator[Path]:
    """All files under ``root``, recursively, sorted.

    Skips hidden files and folders, ``__pycache__`` and documentation files
    (README, LICENSE, CHANGELOG), which describe a corpus rather than belong to it.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if not name.startswith(".") and not DOC_FILES.match(name):
                yield Path(dirpath) / name


def read_bytes(path: Path, config: IngestConfig) -> bytes:
    """The file's bytes; raises :class:`ReadError` when it is too big or unreadable."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if size > config.max_bytes:
        raise ReadError(f"file is {size:,} bytes, over the {config.max_bytes:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None


def decode(data: bytes, html: bool = False) -> str:
    """Decode bytes as UTF-8 (BOM-aware, UTF-16 with a BOM too).

    For HTML, a ``<meta charset>`` declaration is honoured when UTF-8 fails.
    Raises :class:`ReadError` when the bytes cannot be decoded.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("not valid UTF-16 text despite its byte-order mark") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            charset = match.group(1).decode("ascii", "replace")
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass
    raise ReadError(
        f"not valid UTF-8 text (undecodable byte at position {first_error.start})"
    )


def read_whole_file(path: Path, source: str, config: IngestConfig,
                    fmt: Literal["text", "html"]) -> Iterator[RawArticle | Rejected]:
    """Yield the whole file as one ``RawArticle`` of ``fmt``, or a :class:`Rejected` (unreadable or empty)."""
    try:
        content = decode(read_bytes(path, config), html=fmt == "html")
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    if not content.strip():
        yield Rejected(source, "file is empty")
        return
    if fmt == "html":
        yield RawArticle(source=source, fmt=fmt, html=content)
    else:
        yield RawArticle(source=source, fmt=fmt, text=content)
