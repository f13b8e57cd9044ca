"""Reading inputs: files, directories and JSONL on stdin, into :class:`RawArticle` records.

:func:`read_inputs` is the only entry point the pipeline calls. It never
raises for bad input: whatever cannot be read becomes a :class:`Rejected`
record with a plain-language reason, and a problem with an input that was
read all the same becomes a :class:`ReadWarning` (a ``Rejected`` subclass)
yielded just before its record. One reader module per format:
:mod:`.text` (``.txt``, ``.md``), :mod:`.html` (``.html``, ``.htm``),
:mod:`.jsonrec` (``.json``, ``.jsonl``, stdin), :mod:`.warc` (``.warc``,
``.warc.gz``), :mod:`.feed` (``.rss``, ``.atom``, ``.xml`` feeds) and
:mod:`.urls` (``.urls`` lists); any of them gzipped (``.txt.gz``, ``.jsonl.gz``...) is read through a
decompressor capped at ``ingest.max_bytes`` (:func:`.files.open_regular`). Pages to fetch (a URL given
as an input, a URL list's lines, a feed entry with only a link) are :class:`LinkEntry` records
that :func:`read_inputs` hands to the fetcher it is given
(:class:`wirecheck.fetch.Fetcher`), in batches, after the other records of
the batch; without a fetcher they are rejected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence, TextIO

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from . import html as _html
from . import jsonrec as _records
from . import feed as _feed
from . import text as _text
from . import urls as _urls
from . import warc as _warc
from .feed import LinkEntry
from .files import ReadWarning, iter_files, not_a_file

Item = RawArticle | LinkEntry | Rejected
Reader = Callable[[Path, str, IngestConfig], Iterator[Item]]
#: links handed to the fetcher at once (it fetches them concurrently, within its per-host limit)
LINK_BATCH = 64


class LinkFetcher(Protocol):
    """What :func:`read_inputs` needs of a fetcher: the records that a batch of links gives, in order."""

    def fetch_links(self, links: Sequence[LinkEntry]) -> Iterator[RawArticle | Rejected]:
        """Fetch each link; yield the articles and rejections (and warnings) they give."""
        ...

#: File extension (lower case, with dot) -> reader.
READERS: dict[str, Reader] = {
    ".txt": _text.read_file,
    ".md": _text.read_file,
    ".html": _html.read_file,
    ".htm": _html.read_file,
    ".json": _records.read_json_file,
    ".jsonl": _records.read_jsonl_file,
    ".warc": _warc.read_file,
    ".warc.gz": _warc.read_file,
    ".rss": _feed.read_file,
    ".atom": _feed.read_file,
    ".xml": _feed.read_file,
    ".urls": _urls.read_file,
}

STDIN = "-"
STDIN_SOURCE = "<stdin>"

__all__ = ["READERS", "LinkEntry", "LinkFetcher", "ReadWarning", "iter_inputs_files", "read_inputs", "read_path"]


def read_path(path: Path, source: str, config: IngestConfig) -> Iterator[Item]:
    """Read one file with the reader for its extension (or reject it)."""
    reader = READERS.get("".join(path.suffixes[-2:]).lower()) or READERS.get(path.suffix.lower())
    if reader is None and path.suffix.lower() == ".gz":  # "feed.jsonl.gz": its reader, through gzip
        reader = READERS.get(Path(path.stem).suffix.lower())
    if reader is None:
        ext = path.suffix or "no extension"
        yield Rejected(source, f"unsupported file type ({ext}); expected one of "
                               + ", ".join(sorted(READERS)))
        return
    yield from reader(path, source, config)


def iter_inputs_files(path: Path) -> Iterator[Path]:
    """The files an input path names: itself, or the files :func:`read_inputs` reads in a folder."""
    if path.is_dir():
        yield from (found for found in iter_files(path) if isinstance(found, Path))
    else:
        yield path


def read_inputs(
    inputs: Sequence[str], config: IngestConfig, stdin: TextIO | None = None,
    fetcher: LinkFetcher | None = None,
) -> Iterator[RawArticle | Rejected]:
    """Yield a :class:`RawArticle` or :class:`Rejected` for every article in ``inputs``.

    Each input is a file, a directory (searched recursively in sorted order,
    hidden files and folders skipped), ``-`` for JSONL on ``stdin``, or an
    ``http(s)://`` URL, fetched by ``fetcher`` with the other pages to fetch
    (rejected when there is no fetcher).
    Bad input is rejected with a reason, never raised; only regular files are
    opened (pipes, sockets, devices and link loops are rejected from ``os.stat``).
    """
    return _fetched(_read_all(inputs, config, stdin), fetcher)


def _fetched(items: Iterable[Item], fetcher: LinkFetcher | None) -> Iterator[RawArticle | Rejected]:
    """``items`` with their links replaced by what fetching them gives (batched), or by rejections."""
    links: list[LinkEntry] = []
    for item in items:
        if not isinstance(item, LinkEntry):
            yield item
            continue
        if fetcher is None:
            why = "entry has only a link; fetch disabled" if item.source != item.url else "fetching is disabled"
            yield Rejected(item.source, f"{why} (fetch.enabled is false): {item.url}")
            continue
        links.append(item)
        if len(links) >= LINK_BATCH:
            yield from fetcher.fetch_links(links)
            links = []
    if links and fetcher is not None:
        yield from fetcher.fetch_links(links)


def _read_all(inputs: Sequence[str], config: IngestConfig, stdin: TextIO | None) -> Iterator[Item]:
    for item in inputs:
        if item == STDIN:
            if stdin is None:
                yield Rejected(STDIN_SOURCE, "'-' given but no standard input is available")
                continue
            yield from _records.read_jsonl_stream(stdin, STDIN_SOURCE, config)
            continue
        if _urls.web_url(item):
            yield LinkEntry(source=item, url=item)
            continue
        path = Path(item)
        if not path.exists():
            yield Rejected(item, not_a_file(path) or "no such file or directory")
            continue
        if path.is_dir():
            for found in iter_files(path):
                if isinstance(found, Rejected):
                    yield found
                else:
                    yield from read_path(found, str(found), config)
        else:
            yield from read_path(path, item, config)
