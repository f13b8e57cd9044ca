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


def gzipped(path: Path) -> bool:
    """Whether ``path`` names a gzip-compressed input read through :func:`open_regular`'s decompressor:
    ``*.gz`` other than ``*.warc.gz`` (which warcio reads record by record)."""
    name = path.name.lower()
    return name.endswith(".gz") and not name.endswith(".warc.gz")


class _CappedGzip:
    """A gzip file's decompressed bytes, raising :class:`ReadError` once more than ``limit`` of them have
    been read (a gzip bomb), or when the data is not valid gzip; memory stays that of one read."""

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        import gzip

        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._limit, self._done = limit, 0
        self._raw = raw

    def _count(self, data: bytes) -> bytes:
        self._done += len(data)
        if self._done > self._limit:
            raise ReadError(f"gzip file decompresses to over the {self._limit:,}-byte limit (ingest.max_bytes); "
                            "not read further (a gzip bomb, or set a higher limit)")
        return data

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` decompressed bytes (at most the limit + 1 when ``size`` is negative)."""
        size = self._limit + 1 - self._done if size is None or size < 0 else size
        try:
            return self._count(self._gz.read(max(0, min(size, self._limit + 1 - self._done))))
        except (OSError, EOFError, ValueError) as exc:
            raise ReadError(f"not a valid gzip file: {exc}") from None

    def readline(self, size: int = -1) -> bytes:
        """One decompressed line, of at most ``size`` bytes."""
        try:
            return self._count(self._gz.readline(size if size is not None and size >= 0 else self._limit + 1))
        except (OSError, EOFError, ValueError) as exc:
            raise ReadError(f"not a valid gzip file: {exc}") from None

    def seek(self, offset: int, whence: int = 0) -> int:
        """Rewind (to 0 only); the count of bytes read starts again."""
        if offset or whence:
            raise ValueError("a gzip input can only be rewound")
        self._done = 0
        return self._gz.seek(0)

    def fileno(self) -> int:
        """The compressed file's descriptor."""
        return self._raw.fileno()


@contextmanager
def open_regular(path: Path, max_bytes: int | None = None) -> Iterator[BinaryIO]:
    """``path`` opened for binary reading, when it is a regular file (checked before opening, and again on
    the open file); raises :class:`ReadError` otherwise or when it cannot be opened.

    A :func:`gzipped` file is read decompressed, and reading more than ``max_bytes`` decompressed bytes
    (default 20,000,000) raises :class:`ReadError`: a gzip bomb never fills memory or disk."""
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
        if gzipped(path):
            yield _CappedGzip(handle, max_bytes or IngestConfig().max_bytes)  # type: ignore[misc]
        else:
            yield handle


def read_bytes(path: Path, config: IngestConfig) -> bytes:
    """The file's bytes, at most ``config.max_bytes`` of them in memory.

    Raises :class:`ReadError` when the path is not a regular file (checked before opening), is too big
    (by its size, or by what it yields while read) or cannot be read.
    """
    try:
        with open_regular(path, config.max_bytes) as handle:
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
    """Whether bytes (or their decoding) are a binary file's: over 1% NUL bytes, or over 1% control
    characters. A few stray NULs occur in real saved pages; they are dropped from the text."""
    if text is None:
        head = data[:65536]
        return head.count(0) > len(head) // 100
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _legacy(data: bytes) -> tuple[str, str, str] | None:
    """``data`` decoded as Windows-1252 or Latin-1 when charset_normalizer finds it reads cleanly as one
    of them (strict decoding: no character replaced), with the codec's name and the name shown; else None. Raises
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
        return data.decode(best.encoding), codecs.lookup(best.encoding).name, LEGACY_ENCODINGS[best.encoding]
    except UnicodeDecodeError:
        return None


_NUL = "binary file (it is full of NUL bytes), not text"
_CONTROLS = "binary file (it is full of control characters), not text"


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file (not UTF-16) show it is binary, or None."""
    if _binary(head, None):
        return _NUL
    return _CONTROLS if _binary(head, head.decode("utf-8", "replace")) else None


#: charset labels that browsers read as Windows-1252 (the WHATWG Encoding Standard): pages labelled Latin-1
#: or ASCII are written in Windows-1252 far more often than not (curly quotes and dashes in 0x80-0x9F)
_AS_CP1252 = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})


#: the characters Windows-1252 (or Latin-1) shows for the bytes 0x80-0xBF, which continue a UTF-8 sequence
_CONT = "".join(bytes([b]).decode("cp1252", "replace") for b in range(0x80, 0xC0)).replace("\ufffd", "") + \
    "\x81\x8d\x8f\x90\x9d"
#: a UTF-8 sequence shown as Windows-1252 characters, for the sequences that make up nearly all of it in
#: English and Western European pages: Latin-1 signs and letters ("Â£" for "£", "Ã©" for "é") and
#: general punctuation ("â€™" for "’"). Other lead bytes are left alone: "ß«" can be German text.
_MOJIBAKE = re.compile(f"[\u00c2\u00c3][{_CONT}]|\u00e2[{_CONT}]{{2}}")


def _unmangle(match: re.Match[str]) -> str:
    """One :data:`_MOJIBAKE` sequence turned back into its bytes (a Latin-1 code point is its own byte, as
    the bytes Windows-1252 leaves undefined are) and read as UTF-8; unchanged when that is not valid."""
    seq = match.group(0)
    try:
        return b"".join(bytes([ord(c)]) if ord(c) < 0x100 else c.encode("cp1252") for c in seq).decode("utf-8")
    except UnicodeError:
        return seq


def repair_mojibake(text: str) -> tuple[str, int]:
    """``text`` with each UTF-8 sequence that was read as Windows-1252 and saved again as UTF-8 (a page
    copied through a wrongly labelled step: "â€™" for "’", "Ã©" for "é", "Â£" for "£") put back, and how
    many were (:data:`_MOJIBAKE` says which sequences are looked for). Only sequences that are valid UTF-8
    once turned back into bytes are touched."""
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        fixed = _unmangle(match)
        count += fixed != match.group(0)
        return fixed

    return _MOJIBAKE.sub(fix, text), count


@dataclass(slots=True, frozen=True)
class Decoded:
    """Decoded bytes: the text, the codec used (Python's name: ``utf-8``, ``utf-16``, ``cp1252``...),
    where that choice came from, and the legacy encoding's display name when it was guessed (else None)."""

    text: str
    encoding: str
    how: Literal["utf-8", "bom", "declared", "detected"]
    legacy: str | None = None
    repaired: int = 0  # sequences of UTF-8 read as Windows-1252 ("â€™" for "’") put right (see repair_mojibake)


def _codec(label: str) -> str | None:
    """Python's name for a charset label, Latin-1 and ASCII labels read as Windows-1252; None if unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _declared(data: bytes, html: bool, declared_charset: str | None) -> Iterator[str]:
    """The codecs the input declares for itself, in order: an HTTP ``charset`` first, then an HTML page's
    ``<meta charset>`` (first 4 KiB; a UTF-16 or UTF-32 label there is ignored, as browsers do: a page
    that can carry it in ASCII bytes is not in it)."""
    codec = _codec(declared_charset) if declared_charset else None
    if codec is not None:
        yield codec
    match = _META_CHARSET.search(data[:4096]) if html else None
    codec = _codec(match.group(1).decode("ascii", "replace")) if match else None
    if codec is not None and not codec.startswith(("utf-16", "utf-32")):
        yield codec


def decode_bytes(data: bytes, html: bool = False, declared_charset: str | None = None) -> Decoded:
    """Decode bytes, saying which encoding was used and why.

    In order: a UTF-16 byte-order mark; UTF-8 (with or without BOM) whenever the bytes are valid UTF-8,
    whatever a label says (pages re-encoded as UTF-8 often keep a stale ``iso-8859-1`` label); the
    charset the input declares (``declared_charset``, e.g. from an HTTP ``Content-Type``, then an HTML
    page's ``<meta charset>``; Latin-1 and ASCII labels read as Windows-1252, as browsers do); else
    Windows-1252 or Latin-1 when charset_normalizer finds the bytes read cleanly as one of them (``legacy``
    names it). A few stray NUL characters are dropped. Raises :class:`ReadError` for binary data and for
    bytes no encoding fits, with the reason.
    """
    if data.startswith(UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16").replace("\x00", ""), "utf-16", "bom")
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
        text, repaired = repair_mojibake(text.replace("\x00", ""))
        return Decoded(text, "utf-8", "bom" if data.startswith(codecs.BOM_UTF8) else "utf-8", repaired=repaired)
    tried = []
    for codec in _declared(data, html, declared_charset):
        tried.append(codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _binary(data, text):
            return Decoded(text.replace("\x00", ""), codec, "declared")
    legacy = _legacy(data)
    if legacy is not None and not _binary(data, legacy[0]):
        return Decoded(legacy[0].replace("\x00", ""), legacy[1], "detected", legacy[2])
    declared = f", nor the declared {', '.join(dict.fromkeys(tried))}" if tried else ""
    raise ReadError(f"not valid UTF-8 text (undecodable byte at position {first_error.start}){declared}, "
                    f"nor Windows-1252 or Latin-1 text")


def decode(data: bytes, html: bool = False, declared_charset: str | None = None) -> tuple[str, str | None]:
    """Decode bytes (see :func:`decode_bytes` for the order); return the text and, when the encoding was
    guessed rather than UTF-8 or declared, its display name (Windows-1252 or Latin-1) for a warning.

    ``declared_charset`` is a charset the input's transport declares (an HTTP ``Content-Type`` charset);
    for HTML, the page's ``<meta charset>`` is read too. Raises :class:`ReadError` for binary data and for
    bytes no encoding fits.
    """
    decoded = decode_bytes(data, html=html, declared_charset=declared_charset)
    return decoded.text, decoded.legacy


def legacy_warning(source: str, encoding: str) -> ReadWarning:
    """The warning a reader yields for a file decoded from a legacy encoding."""
    return ReadWarning(source, f"not UTF-8: read as {encoding} (every byte mapped to one character, none lost)")


def file_text(path: Path, source: str, config: IngestConfig,
              html: bool = False) -> Generator[Rejected, None, str | None]:
    """A whole file's decoded text, for ``yield from``: it yields a :class:`Rejected` and returns None when
    the file cannot be read (not a regular file, too big, binary, undecodable), else yields a
    :class:`ReadWarning` first when the text was not UTF-8, and returns the text."""
    decoded = yield from file_decoded(path, source, config, html=html)
    return None if decoded is None else decoded.text


def file_decoded(path: Path, source: str, config: IngestConfig,
                 html: bool = False) -> Generator[Rejected, None, Decoded | None]:
    """:func:`file_text` with the encoding used: the :class:`Decoded` file, or None when it cannot be read."""
    try:
        decoded = decode_bytes(read_bytes(path, config), html=html)
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return None
    if decoded.legacy:
        yield legacy_warning(source, decoded.legacy)
    if decoded.repaired:
        yield ReadWarning(source, f"{decoded.repaired} character(s) mis-encoded before this file was saved "
                                  "(UTF-8 read as Windows-1252, e.g. \"â€™\" for \"’\") put right")
    return decoded


def read_whole_file(path: Path, source: str, config: IngestConfig,
                    fmt: Literal["text", "html"]) -> Iterator[RawArticle | Rejected]:
    """Yield the whole file as one ``RawArticle`` of ``fmt`` (after a :class:`ReadWarning` when it was not
    UTF-8), or a :class:`Rejected` (not a regular file, too big, binary, undecodable or empty)."""
    decoded = yield from file_decoded(path, source, config, html=fmt == "html")
    if decoded is None:
        return
    if not decoded.text.strip():
        yield Rejected(source, "file is empty")
        return
    if fmt == "html":
        yield RawArticle(source=source, fmt=fmt, html=decoded.text, encoding=decoded.encoding)
    else:
        yield RawArticle(source=source, fmt=fmt, text=decoded.text, encoding=decoded.encoding)
