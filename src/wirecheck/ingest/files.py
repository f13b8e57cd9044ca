"""File-system helpers shared by the readers: walking folders, file checks, bounded reads, decoding."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, AnyStr, BinaryIO, Generator, Iterator, Literal

from ..config import IngestConfig
from ..records import RawArticle, Rejected

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: C0 control characters that never occur in text (tab, line feed, form feed, carriage return do)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: the legacy encodings read when a file is not UTF-8, by charset_normalizer's name, with the name shown
LEGACY_ENCODINGS = {"cp1252": "Windows-1252", "latin_1": "Latin-1"}
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


class ReadError(Exception):
    """A file that cannot be read; the message is the plain-language reason."""


@dataclass(slots=True, frozen=True)
class ReadWarning(Rejected):
    """A problem with an input that was read all the same (a legacy encoding, a field ignored).

    Readers yield it just before the record it concerns; the runner stores it as a warning, not as a
    rejection."""


#: Documentation files skipped in a folder walk (read only when named explicitly).
DOC_FILES = re.compile(r"^(?:readme|license|licence|changelog|copying)(?:\.[a-z0-9]+)?$", re.I)


def iter_files(root: Path) -> Iterator[Path | Rejected]:
    """All files under ``root``, recursively, sorted; a :class:`Rejected` for what cannot be walked.

    Skips hidden files and folders, ``__pycache__`` and documentation files
    (README, LICENSE, CHANGELOG), which describe a corpus rather than belong to it.
    Symbolic links to folders are not followed (they may loop); each is rejected with that reason,
    and so is a folder that cannot be listed. Nothing is opened here.
    """
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            exc = errors.pop(0)
            yield Rejected(str(exc.filename), f"cannot read folder: {exc.strerror or exc}")
        kept = []
        for d in sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"):
            if os.path.islink(os.path.join(dirpath, d)):
                yield Rejected(os.path.join(dirpath, d), "symbolic link to a folder; not followed "
                                                         "(name the folder itself to read it)")
            else:
                kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.startswith(".") and not DOC_FILES.match(name):
                yield Path(dirpath) / name
    for exc in errors:
        yield Rejected(str(exc.filename), f"cannot read folder: {exc.strerror or exc}")


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a regular file (a pipe, socket, device, link loop...), or None.

    Uses ``os.stat`` only: a named pipe is never opened (opening one blocks until a writer comes)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop; skipped without reading"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "broken symbolic link (its target does not exist); skipped"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        return f"cannot read file: {exc.strerror or exc}"
    for test, kind in _KINDS:
        if test(info.st_mode):
            return f"not a regular file ({kind}); skipped without reading"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file; skipped without reading"
    return None


def _too_big(size: int, config: IngestConfig) -> str:
    return f"file is {size:,} bytes, over the {config.max_bytes:,}-byte limit (ingest.max_bytes); not read"


@contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for binary reading, when it is a regular file (checked before opening, and again on
    the open file); raises :class:`ReadError` otherwise or when it cannot be opened."""
    problem = not_a_file(path)
    if problem:
        raise ReadError(problem)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks, even if swapped for a pipe
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReadError("not a regular file; skipped without reading")
        yield handle


def read_bytes(path: Path, config: IngestConfig) -> bytes:
    """The file's bytes, at most ``config.max_bytes`` of them in memory.

    Raises :class:`ReadError` when the path is not a regular file (checked before opening), is too big
    (by its size, or by what it yields while read) or cannot be read.
    """
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > config.max_bytes:
                raise ReadError(_too_big(size, config))
            data = handle.read(config.max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > config.max_bytes:
        raise ReadError(f"file grew past the {config.max_bytes:,}-byte limit (ingest.max_bytes) while read")
    return data


def iter_lines(handle: IO[AnyStr], max_size: int) -> Iterator[tuple[int, AnyStr | None]]:
    """The lines of an open file (bytes, or characters for a text stream), numbered from 1 and split at
    ``\\n`` only, each with at most ``max_size + 1`` in memory: ``None`` stands for a longer line, whose
    rest is skipped unkept."""
    number = 0
    while True:
        line = handle.readline(max_size + 1)
        if not line:
            return
        number += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_size and not line.endswith(newline):
            while line and not line.endswith(newline):
                line = handle.readline(1 << 20)
            yield number, None
        else:
            yield number, line


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _binary(data: bytes, text: str | None) -> bool:
    """Whether bytes (or their decoding) are a binary file's: NUL bytes, or over 1% control characters."""
    if text is None:
        return b"\x00" in data[:65536]
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _legacy(data: bytes) -> tuple[str, str] | None:
    """``data`` decoded as Windows-1252 or Latin-1 when charset_normalizer finds it reads cleanly as one
    of them (strict decoding: no character replaced), with the encoding's name; else None. Raises
    :class:`ReadError` when charset_normalizer is not installed."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # installed with trafilatura; say so rather than guess
        raise ReadError("not valid UTF-8 text; reading Windows-1252 or Latin-1 needs charset_normalizer, "
                        "which is not installed") from None
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding not in LEGACY_ENCODINGS:
        return None
    try:
        return data.decode(best.encoding), LEGACY_ENCODINGS[best.encoding]
    except UnicodeDecodeError:
        return None


_NUL = "binary file (it contains NUL bytes), not text"
_CONTROLS = "binary file (it is full of control characters), not text"


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file (not UTF-16) show it is binary, or None."""
    if _binary(head, None):
        return _NUL
    return _CONTROLS if _binary(head, head.decode("utf-8", "replace")) else None


def decode(data: bytes, html: bool = False) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM-aware, UTF-16 with a BOM too); return the text and, when the bytes were
    not UTF-8, the name of the legacy encoding used (Windows-1252 or Latin-1, judged by charset_normalizer).

    For HTML, a ``<meta charset>`` declaration is honoured when UTF-8 fails (no encoding is returned: the
    page says what it is). Raises :class:`ReadError` for binary data and for bytes no encoding fits.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise ReadError("not valid UTF-16 text despite its byte-order mark") from None
    if _binary(data, None):
        raise ReadError(_NUL)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    else:
        if _binary(data, text):
            raise ReadError(_CONTROLS)
        return text, None
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            charset = match.group(1).decode("ascii", "replace")
            try:
                return data.decode(charset), None
            except (LookupError, UnicodeDecodeError):
                pass
    legacy = _legacy(data)
    if legacy is not None and not _binary(data, legacy[0]):
        return legacy
    raise ReadError(f"not valid UTF-8 text (undecodable byte at position {first_error.start}), "
                    f"nor Windows-1252 or Latin-1 text")


def legacy_warning(source: str, encoding: str) -> ReadWarning:
    """The warning a reader yields for a file decoded from a legacy encoding."""
    return ReadWarning(source, f"not UTF-8: read as {encoding} (every byte mapped to one character, none lost)")


def file_text(path: Path, source: str, config: IngestConfig,
              html: bool = False) -> Generator[Rejected, None, str | None]:
    """A whole file's decoded text, for ``yield from``: it yields a :class:`Rejected` and returns None when
    the file cannot be read (not a regular file, too big, binary, undecodable), else yields a
    :class:`ReadWarning` first when the text was not UTF-8, and returns the text."""
    try:
        content, encoding = decode(read_bytes(path, config), html=html)
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return None
    if encoding:
        yield legacy_warning(source, encoding)
    return content


def read_whole_file(path: Path, source: str, config: IngestConfig,
                    fmt: Literal["text", "html"]) -> Iterator[RawArticle | Rejected]:
    """Yield the whole file as one ``RawArticle`` of ``fmt`` (after a :class:`ReadWarning` when it was not
    UTF-8), or a :class:`Rejected` (not a regular file, too big, binary, undecodable or empty)."""
    content = yield from file_text(path, source, config, html=fmt == "html")
    if content is None:
        return
    if not content.strip():
        yield Rejected(source, "file is empty")
        return
    if fmt == "html":
        yield RawArticle(source=source, fmt=fmt, html=content)
    else:
        yield RawArticle(source=source, fmt=fmt, text=content)
