"""Reader for news feeds (``.rss``, ``.atom``, and ``.xml`` files that are feeds), with feedparser.

Each entry with text (``content:encoded``, Atom ``content``, or a ``description``/``summary`` of any
length: a short summary is still an article) becomes a :class:`RawArticle`: ``fmt="html"`` for HTML
content (as feeds nearly always carry it; feedparser sanitises it), ``fmt="text"`` for plain text. It
carries the entry's title, its link as ``url``, its ``guid``/``id`` as ``external_id``, its publication
(or else update) time as ``published``, the feed's title (else its site's host) as ``outlet`` and the
feed's declared language. Records are named ``FILE#N`` (N counting entries from 1).

An entry with a link but no text becomes a :class:`LinkEntry`, which :func:`wirecheck.ingest.read_inputs`
hands to the fetcher (fetching on) or rejects with "entry has only a link; fetch disabled". An entry with
neither is rejected. An ``.xml`` file whose root element is not ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` is
rejected with what its root is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from ..text import url_host
from .files import ReadError, ReadWarning, read_bytes

EXTENSIONS = (".rss", ".atom", ".xml")
#: media types of feeds, as servers send them (``application/xml`` and ``text/xml`` are sniffed)
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf"}


@dataclass(slots=True, frozen=True)
class LinkEntry:
    """A page to fetch: a feed entry with only a link, a line of a URL list or a URL given as an input.

    The other fields are what the feed said about the page; they fill what the page itself does not say.
    """

    source: str
    url: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    external_id: str | None = None
    language: str | None = None


def root_element(data: bytes) -> str | None:
    """The name of an XML document's root element (lower case), skipping the declaration, comments and
    doctype; None when none is found in the first 4 KiB."""
    head = re.sub(rb"<!--.*?-->", b"", data[:4096].lstrip(b"\xef\xbb\xbf"), flags=re.S)
    match = _ROOT.search(head)
    return match.group(1).decode("ascii", "replace").lower() if match else None


def is_feed(data: bytes) -> bool:
    """Whether XML bytes are an RSS, RDF or Atom feed, by their root element."""
    root = root_element(data)
    return root is not None and root.encode() in _FEED_ROOTS


def _iso(parsed: Any) -> str | None:
    """A feedparser time (a UTC ``struct_time``) as ISO-8601, or None."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _text_of(entry: Any) -> tuple[str, str] | None:
    """The entry's longest text (content, else summary) with its media type, or None when it has none."""
    found = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or []]
    summary = entry.get("summary")
    if summary:
        found.append((summary, (entry.get("summary_detail") or {}).get("type") or "text/html"))
    found = [(value, kind) for value, kind in found if value.strip()]
    return max(found, key=lambda vk: len(vk[0])) if found else None


def _outlet(feed: Any) -> str | None:
    title = (feed.get("title") or "").strip()
    return title or url_host(feed.get("link")) or None


def entries(data: bytes, source: str, content_type: str | None = None) -> Iterator[RawArticle | LinkEntry | Rejected]:
    """Parse feed bytes into articles, links to fetch and rejections (see the module's description);
    ``content_type`` is the HTTP header it came with (its charset counts, as feedparser reads it)."""
    try:
        import feedparser
    except ImportError:
        yield Rejected(source, "reading feeds needs the feedparser package, which is not installed")
        return
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, resolve_relative_uris=True, sanitize_html=True, response_headers=headers)
    items = parsed.get("entries") or []
    if not items:
        problem = parsed.get("bozo_exception")
        yield Rejected(source, "feed has no entries" + (f" (it is not well-formed: {problem})" if problem else ""))
        return
    if parsed.get("bozo"):
        yield ReadWarning(source, f"feed is not well-formed XML ({parsed.get('bozo_exception')}); "
                                  "read as far as it could be")
    feed = parsed.get("feed") or {}
    outlet, language = _outlet(feed), (feed.get("language") or None)
    for number, entry in enumerate(items, start=1):
        where = f"{source}#{number}"
        link = (entry.get("link") or "").strip() or None
        meta = dict(title=(entry.get("title") or "").strip() or None, outlet=outlet, language=language,
                    published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                    external_id=(entry.get("id") or "").strip() or None)
        body = _text_of(entry)
        if body is None:
            if link is None:
                yield Rejected(where, "feed entry has neither text nor a link")
            else:
                yield LinkEntry(source=where, url=link, **meta)
            continue
        value, kind = body
        if "html" in kind:
            yield RawArticle(source=where, fmt="html", html=f"<html><body><article>{value}</article></body></html>",
                             url=link, **meta)
        else:
            yield RawArticle(source=where, fmt="text", text=value, url=link, **meta)


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | LinkEntry | Rejected]:
    """Read a feed file (within ``ingest.max_bytes``): its entries, or a :class:`Rejected` when it cannot
    be read or an ``.xml`` file is not a feed."""
    try:
        data = read_bytes(path, config)
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    if not data.strip():
        yield Rejected(source, "file is empty")
        return
    if not is_feed(data):
        root = root_element(data)
        what = f"its root element is <{root}>" if root else "no XML element found"
        yield Rejected(source, f"not an RSS or Atom feed ({what}; a feed's is <rss>, <feed> or <rdf:RDF>)")
        return
    yield from entries(data, source)
