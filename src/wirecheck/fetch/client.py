"""The fetcher: HTTP GETs with httpx, politely, into :class:`~wirecheck.records.RawArticle` records.

One :class:`Fetcher` serves one run and owns everything that lasts that long: the httpx client, the
robots.txt rules of each host (:class:`~.robots.RobotsCache`) and a slot count per host. A batch of links
is fetched by a thread pool (``fetch.workers`` at once, at most ``fetch.per_host`` to one host), and the
results come back in the links' order. Each request:

- is refused when the host's robots.txt disallows it (``fetch.respect_robots``);
- names itself with a clear User-Agent (``wirecheck/<version> (+<contact>)``);
- is retried after a 429, a 5xx, a timeout or a failed connection (``fetch.retries`` times), waiting
  ``fetch.backoff`` seconds doubled at each try, or what the server's ``Retry-After`` asks, never longer
  than ``fetch.max_backoff``;
- follows redirects itself (robots.txt checked at each hop) up to ``fetch.max_redirects``, and names a loop;
- is conditional (``If-None-Match`` / ``If-Modified-Since``) when the store kept the URL's validators and
  an article from it; a 304 answer becomes an :class:`Unchanged` notice and nothing is read;
- reads the body in pieces and stops at ``fetch.max_bytes``; an answer that is not an HTML page (or, for
  a URL given directly, a feed) is rejected with its content type before its body is read.

Threads only do HTTP; the store's validators are read and written by the caller's thread.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import TYPE_CHECKING, Callable, Iterator, Protocol, Sequence
from urllib.parse import urljoin, urlsplit

from ..config import FetchConfig, IngestConfig
from ..ingest.feed import FEED_TYPES, XML_TYPES, LinkEntry, entries, is_feed
from ..ingest.files import ReadWarning
from ..ingest.payload import is_html, media_type, page_text
from ..records import RawArticle, Rejected
from .robots import RobotsCache

if TYPE_CHECKING:
    import httpx

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 1 << 16


@dataclass(slots=True, frozen=True)
class Unchanged(ReadWarning):
    """A URL fetched before that answered 304 Not Modified: nothing new to read (the stored article stands)."""

    url: str = ""


class ValidatorStore(Protocol):
    """Where the fetcher keeps each URL's ETag and Last-Modified (:class:`wirecheck.store.Store`)."""

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The validators kept for ``url``, or None."""
        ...

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep the validators ``url`` answered with."""
        ...


@dataclass(slots=True, frozen=True)
class Fetched:
    """A successful answer: the final URL (after redirects), its content type, body and validators."""

    url: str
    content_type: str
    body: bytes
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None


def user_agent(config: FetchConfig) -> str:
    """The User-Agent the fetcher sends: ``fetch.user_agent``, else ``wirecheck/<version> (+<contact>)``."""
    if config.user_agent.strip():
        return config.user_agent.strip()
    try:
        version = metadata.version("wirecheck")
    except metadata.PackageNotFoundError:
        version = "0"
    contact = config.contact.strip()
    return f"wirecheck/{version} (+{contact})" if contact else f"wirecheck/{version} (news corroboration)"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number of seconds or an HTTP date), or None."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Fetcher:
    """Fetches links for one run (see the module's description); a context manager that closes its client.

    ``transport`` replaces the network (tests pass an ``httpx.MockTransport``); ``sleep`` is what waits
    between retries.
    """

    def __init__(self, config: FetchConfig, ingest: IngestConfig, store: ValidatorStore | None = None,
                 transport: "httpx.BaseTransport | None" = None, sleep: Callable[[float], None] = time.sleep,
                 progress: Callable[[str, int, int], None] | None = None) -> None:
        self.config, self.ingest, self.store, self.sleep = config, ingest, store, sleep
        self.progress = progress
        self._fetched = 0  # links answered so far, for progress
        self.user_agent = user_agent(config)
        self._transport = transport
        self._client: httpx.Client | None = None
        self.robots = RobotsCache(self._robots_text, self.user_agent)
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()

    @property
    def client(self) -> "httpx.Client":
        """The HTTP client, made on first use (a run that fetches nothing never imports httpx)."""
        with self._slots_lock:
            if self._client is None:
                import httpx

                self._client = httpx.Client(transport=self._transport, follow_redirects=False,
                                            timeout=httpx.Timeout(self.config.timeout),
                                            headers={"User-Agent": self.user_agent, "Accept": _ACCEPT})
            return self._client

    def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ links to records
    def fetch_links(self, links: Sequence[LinkEntry]) -> Iterator[RawArticle | Rejected]:
        """Fetch ``links`` concurrently and yield, in their order, the article each gives (a feed given as
        a URL gives its entries, link-only ones fetched in turn) or why it gives none."""
        yield from self._fetch_links(links, feeds=True)

    def _fetch_links(self, links: Sequence[LinkEntry], feeds: bool) -> Iterator[RawArticle | Rejected]:
        known = {link.url: self.store.validators(link.url) if self.store else None for link in links}
        workers = max(1, min(self.config.workers, len(links)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="wirecheck-fetch") as pool:
            answers = pool.map(lambda link: self.get(link.url, known[link.url]), links)
            for link, answer in zip(links, answers):
                self._fetched += 1
                if self.progress is not None:
                    self.progress("fetch", self._fetched, 0)
                if isinstance(answer, Rejected):
                    yield replace(answer, source=link.source)
                    continue
                if self.store is not None and (answer.etag or answer.last_modified):
                    self.store.save_validators(link.url, answer.etag, answer.last_modified)
                yield from self._records(link, answer, feeds)

    def _records(self, link: LinkEntry, answer: Fetched, feeds: bool) -> Iterator[RawArticle | Rejected]:
        kind = media_type(answer.content_type)
        if feeds and (kind in FEED_TYPES or (kind in XML_TYPES and is_feed(answer.body))):
            nested: list[LinkEntry] = []
            for item in entries(answer.body, link.source, answer.content_type):
                if isinstance(item, LinkEntry):
                    nested.append(item)
                elif isinstance(item, RawArticle):
                    yield replace(item, captured=answer.fetched_at)
                else:
                    yield item
            if nested:
                yield from self._fetch_links(nested, feeds=False)
            return
        if not is_html(answer.content_type):
            yield Rejected(link.source, _not_html(answer.content_type, feeds))
            return
        decoded = yield from page_text(link.source, answer.body, answer.content_type)
        if decoded is None:
            return
        yield RawArticle(source=link.source, fmt="html", html=decoded.text, encoding=decoded.encoding,
                         url=answer.url, captured=answer.fetched_at,
                         title=link.title, published=link.published, outlet=link.outlet,
                         external_id=link.external_id, language=link.language)

    # ------------------------------------------------------------ HTTP
    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """Hold one of the ``fetch.per_host`` request slots of ``url``'s host."""
        host = (urlsplit(url).hostname or "").lower()
        with self._slots_lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = threading.BoundedSemaphore(self.config.per_host)
        with slot:
            yield

    def _robots_text(self, url: str) -> "tuple[int, str] | str":
        """robots.txt as (status, text), following redirects, or the error that kept it from being read."""
        import httpx

        try:
            with self._slot(url):
                response = self.client.get(url, follow_redirects=True)
        except httpx.HTTPError as exc:
            return _error(exc)
        text = response.content[: 500_000].decode(response.encoding or "utf-8", "replace")
        return response.status_code, text

    def get(self, url: str, validators: tuple[str | None, str | None] | None = None) -> Fetched | Rejected:
        """Fetch one URL (robots.txt, redirects, retries, size cap; conditional with ``validators``): the
        answer, an :class:`Unchanged` notice, or a :class:`Rejected` saying why there is none."""
        seen = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            if self.config.respect_robots:
                refusal = self.robots.refusal(current)
                if refusal:
                    return Rejected(url, refusal)
            answer = self._request(url, current, validators if current == url else None)
            if not isinstance(answer, str):
                return answer
            target = urljoin(current, answer)
            if urlsplit(target).scheme not in ("http", "https"):
                return Rejected(url, f"redirected to {target[:200]}, which is not an http(s) URL")
            if target in seen:
                return Rejected(url, "redirect loop: " + " -> ".join(seen[seen.index(target):] + [target]))
            seen.append(target)
            current = target
        return Rejected(url, f"too many redirects (more than {self.config.max_redirects}, fetch.max_redirects): "
                             + " -> ".join(seen))

    def _request(self, url: str, current: str, validators: tuple[str | None, str | None] | None
                 ) -> Fetched | Rejected | str:
        """One URL with retries: the answer, a rejection, or the ``Location`` a redirect points to."""
        import httpx

        headers = {}
        if validators:
            etag, modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        tries = self.config.retries + 1
        for attempt in range(tries):
            wait: float | None = None
            try:
                with self._slot(current), self.client.stream("GET", current, headers=headers) as response:
                    status = response.status_code
                    if status == 429 or 500 <= status < 600:
                        why = f"HTTP {status} {response.reason_phrase}".strip()
                        wait = retry_after(response.headers.get("Retry-After"))
                    else:
                        return self._answer(url, current, response)
            except httpx.HTTPError as exc:
                if not isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)):
                    return Rejected(url, f"cannot fetch {current}: {_error(exc)}")
                why = _error(exc)
            if attempt + 1 < tries:
                backoff = self.config.backoff * 2 ** attempt
                self.sleep(min(self.config.max_backoff, max(backoff, wait or 0.0)))
        return Rejected(url, f"cannot fetch {current}: {why} (after {tries} tr{'y' if tries == 1 else 'ies'})")

    def _answer(self, url: str, current: str, response: "httpx.Response") -> Fetched | Rejected | str:
        """What one non-retryable answer gives (its body read up to the cap)."""
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("Location")
            return location if location else Rejected(url, f"HTTP {status} redirect without a Location")
        if status == 304:
            return Unchanged(url, "unchanged since last fetch (HTTP 304 Not Modified); skipped", url=url)
        if not 200 <= status < 300:
            return Rejected(url, f"HTTP {status} {response.reason_phrase}".strip() + f" from {current}")
        content_type = response.headers.get("Content-Type", "")
        kind = media_type(content_type)
        if not (is_html(content_type) or kind in FEED_TYPES or kind in XML_TYPES):
            return Rejected(url, _not_html(content_type, True))
        cap = self.config.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            return Rejected(url, f"answer is {int(declared):,} bytes, over the {cap:,}-byte limit (fetch.max_bytes); "
                                 "not read")
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > cap:
                return Rejected(url, f"answer is over the {cap:,}-byte limit (fetch.max_bytes); stopped reading")
            parts.append(chunk)
        return Fetched(url=current, content_type=content_type, body=b"".join(parts), fetched_at=_now(),
                       etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"))


_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


def _not_html(content_type: str, feeds: bool) -> str:
    what = "an HTML page or a feed" if feeds else "an HTML page"
    return f"not {what}: the answer's content type is {content_type or 'not given'}"


def _error(exc: Exception) -> str:
    """A network error in a few words: its kind and message."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}"[:300] if message else type(exc).__name__
