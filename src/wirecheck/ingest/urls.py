"""Reader for URL lists (``.urls``): one ``http://`` or ``https://`` URL per line, to be fetched.

Blank lines and ``#`` comments (whole lines, or after a URL following a space) are skipped; any other
line that is not an http(s) URL is rejected as ``FILE#LINE``. Each URL becomes a
:class:`~.feed.LinkEntry` named by the URL itself, which :func:`wirecheck.ingest.read_inputs` hands to
the fetcher.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ..config import IngestConfig
from ..records import Rejected
from .feed import LinkEntry
from .files import ReadError, ReadWarning, decode, legacy_warning, read_bytes

EXTENSIONS = (".urls",)


def web_url(text: str) -> bool:
    """Whether ``text`` is an absolute ``http://`` or ``https://`` URL with a host."""
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[LinkEntry | Rejected]:
    """The URLs a list names, in order (each once), or a :class:`Rejected` for the file or a bad line."""
    try:
        text, encoding = decode(read_bytes(path, config))
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    if encoding:
        yield legacy_warning(source, encoding)
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        url = line.split(" #", 1)[0].strip()
        if not url or url.startswith("#"):
            continue
        if not web_url(url):
            yield Rejected(f"{source}#{number}", f"line {number} is not an http(s) URL: {url[:200]!r}")
        elif url in seen:
            yield ReadWarning(f"{source}#{number}", f"{url} is listed twice; fetched once")
        else:
            seen.add(url)
            yield LinkEntry(source=url, url=url)
    if not seen:
        yield Rejected(source, "URL list names no URL")
