"""Reader for web archives (``.warc``, ``.warc.gz``), with warcio.

Every ``response`` record whose HTTP answer is a 2xx HTML page becomes a ``RawArticle(fmt="html")`` with
the record's ``WARC-Target-URI`` as its URL and its ``WARC-Date`` as the capture time (``captured``, apart
from the page's own publication date). Every other record (requests, metadata, warcinfo, revisits, non-HTML
or non-2xx responses) is skipped and counted: one :class:`~.files.ReadWarning` per file says how many of
each kind. The file is streamed record by record; a record's body over ``ingest.max_bytes`` is rejected
without being kept, and so is a truncated record (fewer bytes than its ``Content-Length``) or one whose
digest does not match. Records are named ``FILE#N``, N counting every record of the file from 1. When the
archive itself becomes unreadable part way (a broken record header), what was read is kept and the rest
of the file is rejected with the reason.
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

from ..config import IngestConfig
from ..dates import parse_datetime
from ..records import RawArticle, Rejected
from .files import ReadError, ReadWarning, open_regular
from .payload import is_html, page_text

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

EXTENSIONS = (".warc", ".warc.gz")
_CHUNK = 1 << 16


def _read_capped(stream: IO[bytes], limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``, or None when it holds more (the rest is left unread)."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            return None


def _skip_kind(record: "ArcWarcRecord") -> str | None:
    """Why a record is not an article ("request", "non-HTML response"...), or None for an HTML page."""
    if record.rec_type != "response":
        return record.rec_type or "untyped"
    if record.http_headers is None:
        return "response without HTTP headers"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return "non-2xx response"
    if not is_html(record.http_headers.get_header("Content-Type")):
        return "non-HTML response"
    return None


def _capture_time(value: str | None) -> str | None:
    dt = parse_datetime(value)
    return dt.isoformat() if dt is not None else None


def _article(record: "ArcWarcRecord", where: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """The article one HTML response record holds (after a warning when its text was not UTF-8), or why not."""
    assert record.http_headers is not None  # checked by _skip_kind
    data = _read_capped(record.content_stream(), config.max_bytes)
    if data is None:
        yield Rejected(where, f"record body is over the {config.max_bytes:,}-byte limit (ingest.max_bytes); "
                              "not read")
        return
    if record.raw_stream.limit > 0:  # fewer bytes than the record's Content-Length: the file was cut short
        yield Rejected(where, f"truncated record: {record.raw_stream.limit:,} bytes of its block missing")
        return
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        yield Rejected(where, "corrupt record: " + "; ".join(checker.problems))
        return
    decoded = yield from page_text(where, data, record.http_headers.get_header("Content-Type"))
    if decoded is None:
        return
    yield RawArticle(source=where, fmt="html", html=decoded.text, encoding=decoded.encoding,
                     url=record.rec_headers.get_header("WARC-Target-URI"),
                     captured=_capture_time(record.rec_headers.get_header("WARC-Date")))


def _summary(skipped: Counter[str]) -> str:
    total = sum(skipped.values())
    parts = ", ".join(f"{kind} {n}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"skipped {total} record{'s' if total != 1 else ''} that are not HTML pages ({parts})"


def _records(path: Path, whole_gzip: bool) -> Iterator["ArcWarcRecord"]:
    """The file's records, streamed; ``whole_gzip`` for a file gzipped as one stream rather than record by
    record (warcio refuses those; Python's gzip reads them)."""
    from warcio.archiveiterator import ArchiveIterator

    with open_regular(path) as handle:
        if whole_gzip:
            with gzip.GzipFile(fileobj=handle) as unzipped:
                yield from ArchiveIterator(unzipped, check_digests=True)
        else:
            yield from ArchiveIterator(handle, check_digests=True)


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Yield a ``RawArticle(fmt="html")`` for every HTML response in a WARC file (plain or gzip), a
    :class:`Rejected` for each record that cannot be read, and one :class:`ReadWarning` counting the
    records skipped."""
    try:
        import warcio  # noqa: F401
    except ImportError:
        yield Rejected(source, "reading WARC files needs the warcio package, which is not installed")
        return
    skipped: Counter[str] = Counter()
    number = 0
    whole_gzip = failed = False
    while True:
        seen = 0
        try:
            for record in _records(path, whole_gzip):
                seen += 1
                if seen <= number:  # read before warcio found the file gzipped as one stream
                    continue
                number += 1
                kind = _skip_kind(record)
                if kind is not None:
                    skipped[kind] += 1
                    continue
                yield from _article(record, f"{source}#{number}", config)
        except ReadError as exc:
            yield Rejected(source, str(exc))
            return
        except Exception as exc:  # warcio, zlib and header-parser errors: keep what was read, say where it stopped
            if not whole_gzip and "non-chunked gzip" in str(exc):
                whole_gzip = True
                continue
            failed = True
            reason = " ".join(str(exc).split())[:300] or type(exc).__name__
            yield Rejected(f"{source}#{number + 1}", f"unreadable WARC data after record {number}; the rest of "
                                                     f"the file is not read: {reason}")
        break
    if number == 0 and not failed:
        yield Rejected(source, "no WARC records in the file")
    elif skipped:
        yield ReadWarning(source, _summary(skipped))


__all__ = ["EXTENSIONS", "read_file"]
