"""Fetching (wirecheck.fetch): httpx.MockTransport answers, and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import httpx
import pytest

from wirecheck.config import FetchConfig, IngestConfig
from wirecheck.fetch import Fetcher, Unchanged, retry_after, user_agent
from wirecheck.ingest import LinkEntry, read_inputs
from wirecheck.records import RawArticle, Rejected
from wirecheck.sample import corpus_dir
from wirecheck.store import Store

PAGE = sorted(corpus_dir().glob("*.html"))[0].read_bytes()
FAST = FetchConfig(backoff=0.01, max_backoff=0.05, timeout=2.0)
INGEST = IngestConfig()
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _fetcher(handler, config: FetchConfig = FAST, store=None, sleeps: list[float] | None = None) -> Fetcher:
    waits = sleeps if sleeps is not None else []
    return Fetcher(config, INGEST, store, transport=httpx.MockTransport(handler), sleep=waits.append)


def _site(pages: dict[str, httpx.Response], robots: str = "", seen: list[httpx.Request] | None = None):
    """A handler serving ``pages`` by path, robots.txt (404 when empty), and 404 for the rest."""
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text=robots) if robots else httpx.Response(404)
        return pages.get(request.url.path, httpx.Response(404))
    return handler


def _links(*urls: str) -> list[LinkEntry]:
    return [LinkEntry(source=u, url=u) for u in urls]


def test_a_page_becomes_an_article_with_a_clear_user_agent():
    seen: list[httpx.Request] = []
    with _fetcher(_site({"/a": httpx.Response(200, headers=HTML, content=PAGE)}, seen=seen)) as fetcher:
        (art,) = fetcher.fetch_links(_links("https://news.example/a"))
    assert isinstance(art, RawArticle) and art.fmt == "html" and art.html == PAGE.decode()
    assert art.url == art.source == "https://news.example/a" and art.captured
    assert [r.url.path for r in seen] == ["/robots.txt", "/a"]
    agent = seen[1].headers["User-Agent"]
    assert agent == user_agent(FAST) and agent.startswith("wirecheck/")
    assert user_agent(FetchConfig(contact="https://example.org/bot")).endswith("(+https://example.org/bot)")


def test_robots_disallow_is_respected_and_read_once_per_host():
    seen: list[httpx.Request] = []
    robots = "User-agent: *\nDisallow: /private/\n"
    site = _site({"/private/x": httpx.Response(200, headers=HTML, content=PAGE),
                  "/public": httpx.Response(200, headers=HTML, content=PAGE)}, robots=robots, seen=seen)
    with _fetcher(site) as fetcher:
        out = list(fetcher.fetch_links(_links("https://a.example/private/x", "https://a.example/public")))
    assert isinstance(out[0], Rejected) and "robots.txt of a.example disallows it" in out[0].reason
    assert isinstance(out[1], RawArticle)
    assert [r.url.path for r in seen].count("/robots.txt") == 1 and "/private/x" not in [r.url.path for r in seen]
    with _fetcher(site, FetchConfig(respect_robots=False)) as fetcher:  # turned off: fetched
        assert isinstance(next(fetcher.fetch_links(_links("https://a.example/private/x"))), RawArticle)


def test_robots_that_cannot_be_read_stops_the_host():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503) if request.url.path == "/robots.txt" else httpx.Response(200, headers=HTML,
                                                                                            content=PAGE)
    with _fetcher(handler) as fetcher:
        (out,) = fetcher.fetch_links(_links("https://b.example/a"))
    assert isinstance(out, Rejected) and "robots.txt answered HTTP 503" in out.reason


def test_429_then_200_waits_as_retry_after_asks():
    answers = iter([httpx.Response(429, headers={"Retry-After": "2"}),
                    httpx.Response(503), httpx.Response(200, headers=HTML, content=PAGE)])
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404) if request.url.path == "/robots.txt" else next(answers)
    with _fetcher(handler, FetchConfig(backoff=0.01, max_backoff=5), sleeps=sleeps) as fetcher:
        (out,) = fetcher.fetch_links(_links("https://c.example/a"))
    assert isinstance(out, RawArticle)
    assert sleeps == [2.0, 0.02]  # what Retry-After asks, then the doubled backoff
    answers = iter([httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200, headers=HTML,
                                                                                         content=PAGE)])
    with _fetcher(handler, FetchConfig(backoff=0.01, max_backoff=5), sleeps=sleeps) as fetcher:
        assert isinstance(next(fetcher.fetch_links(_links("https://c.example/a"))), RawArticle)
    assert sleeps[-1] == 5  # never longer than fetch.max_backoff


def test_retries_give_up_with_the_cause():
    sleeps: list[float] = []
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls.append(1)
        raise httpx.ConnectError("connection refused", request=request)
    with _fetcher(handler, FetchConfig(retries=2, backoff=0.01, max_backoff=1), sleeps=sleeps) as fetcher:
        (out,) = fetcher.fetch_links(_links("https://d.example/a"))
    assert isinstance(out, Rejected) and "ConnectError: connection refused (after 3 tries)" in out.reason
    assert len(calls) == 3 and sleeps == [0.01, 0.02]  # exponential backoff


def test_retry_after_forms():
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert retry_after("soon") is None and retry_after(None) is None


def test_redirects_followed_within_the_limit_and_loops_named():
    site = _site({"/old": httpx.Response(301, headers={"Location": "/new"}),
                  "/new": httpx.Response(200, headers=HTML, content=PAGE),
                  "/x": httpx.Response(302, headers={"Location": "https://e.example/y"}),
                  "/y": httpx.Response(302, headers={"Location": "/x"})})
    with _fetcher(site) as fetcher:
        moved, loop = fetcher.fetch_links(_links("https://e.example/old", "https://e.example/x"))
    assert isinstance(moved, RawArticle) and moved.url == "https://e.example/new" and moved.source.endswith("/old")
    assert isinstance(loop, Rejected)
    assert loop.reason == "redirect loop: https://e.example/x -> https://e.example/y -> https://e.example/x"
    chain = {f"/{i}": httpx.Response(302, headers={"Location": f"/{i + 1}"}) for i in range(10)}
    with _fetcher(_site(chain), FetchConfig(max_redirects=3)) as fetcher:
        (far,) = fetcher.fetch_links(_links("https://e.example/0"))
    assert isinstance(far, Rejected) and far.reason.startswith("too many redirects (more than 3")


def test_non_html_and_errors_are_rejected_with_their_content_type_or_status():
    site = _site({"/doc.pdf": httpx.Response(200, headers={"Content-Type": "application/pdf"}, content=b"%PDF-1.7"),
                  "/data": httpx.Response(200, headers={"Content-Type": "application/json"}, content=b"{}")})
    with _fetcher(site) as fetcher:
        pdf, data, missing = fetcher.fetch_links(_links("https://f.example/doc.pdf", "https://f.example/data",
                                                        "https://f.example/gone"))
    assert pdf.reason == "not an HTML page or a feed: the answer's content type is application/pdf"
    assert "application/json" in data.reason
    assert missing.reason == "HTTP 404 Not Found from https://f.example/gone"


def test_oversize_answers_stop_at_the_cap():
    big = b"<html><body>" + b"<p>word </p>" * 20_000 + b"</body></html>"

    def stream(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/declared":
            return httpx.Response(200, headers=HTML, content=big)  # Content-Length says it all
        return httpx.Response(200, headers=HTML, content=iter([big[i:i + 4096] for i in range(0, len(big), 4096)]))
    with _fetcher(stream, FetchConfig(max_bytes=50_000)) as fetcher:
        declared, streamed = fetcher.fetch_links(_links("https://g.example/declared", "https://g.example/streamed"))
    assert "over the 50,000-byte limit (fetch.max_bytes); not read" in declared.reason
    assert "over the 50,000-byte limit (fetch.max_bytes); stopped reading" in streamed.reason


def test_conditional_refetch_answers_unchanged(tmp_path: Path):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, headers={**HTML, "ETag": '"v1"', "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"},
                              content=PAGE)
    url = "https://h.example/story"
    with Store(tmp_path / "w.db") as store:
        with _fetcher(handler, store=store) as fetcher:
            (first,) = fetcher.fetch_links(_links(url))
        assert isinstance(first, RawArticle)
        assert store.validators(url) is None  # kept, but unused until an article from the URL is stored
        store.db.execute("PRAGMA foreign_keys=OFF")  # stands for an article stored from the URL (see the run test)
        store.db.execute("INSERT INTO article_sources VALUES ('a1', ?, NULL)", (url,))
        assert store.validators(url) == ('"v1"', "Mon, 02 Nov 2026 10:00:00 GMT")
        with _fetcher(handler, store=store) as fetcher:
            (again,) = fetcher.fetch_links(_links(url))
    assert isinstance(again, Unchanged) and again.reason.startswith("unchanged since last fetch")
    assert seen[-1].headers["If-None-Match"] == '"v1"'
    assert seen[-1].headers["If-Modified-Since"] == "Mon, 02 Nov 2026 10:00:00 GMT"


def test_per_host_limit_holds_with_many_workers():
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        host = request.url.host
        with lock:
            active[host] = active.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), active[host])
        time.sleep(0.02)
        with lock:
            active[host] -= 1
        return httpx.Response(200, headers=HTML, content=PAGE)
    urls = [f"https://{h}.example/{i}" for h in ("p", "q") for i in range(6)]
    with _fetcher(handler, FetchConfig(per_host=2, workers=8)) as fetcher:
        out = list(fetcher.fetch_links(_links(*urls)))
    assert [a.source for a in out] == urls  # in the links' order
    assert max(peak.values()) == 2


# ---------------------------------------------------------------- a real server on loopback

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback Herald</title><link>http://{host}/</link>
<item><title>Ferry vote</title><link>http://{host}/full</link><guid>full-1</guid>
<description>The harbour council voted on Monday to extend the night ferry service by two hours.</description></item>
<item><title>Linked story</title><link>http://{host}/page</link><guid>link-2</guid>
<pubDate>Mon, 02 Nov 2026 09:30:00 GMT</pubDate></item>
<item><title>Slow story</title><link>http://{host}/slow</link></item>
<item><title>Missing story</title><link>http://{host}/missing</link></item>
</channel></rss>"""


#: the page's next version, as a site would correct it (the real page says duties fall "from 25% to 10%")
REVISED_PAGE = PAGE.replace(b"from 25% to 10% over three years", b"from 25% to 12% over four years")


class _Handler(http.server.BaseHTTPRequestHandler):
    version = 1  # of /changing

    def log_message(self, *args: object) -> None:  # quiet
        return

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        host = self.headers["Host"]
        routes = {"/feed.xml": ("application/xml", FEED.format(host=host).encode()),
                  "/page": ("text/html; charset=utf-8", PAGE),
                  "/changing": ("text/html; charset=utf-8", PAGE if _Handler.version == 1 else REVISED_PAGE),
                  "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private\n")}
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/page" and self.headers.get("If-None-Match") == '"p1"':
            self.send_response(304)
            self.end_headers()
            return
        if self.path not in routes:
            self.send_response(404)
            self.end_headers()
            return
        kind, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/page":
            self.send_header("ETag", '"p1"')
        if self.path == "/changing":
            self.send_header("ETag", f'"c{_Handler.version}"')
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_url_and_a_url_list_over_loopback(server: str, tmp_path: Path):
    listing = tmp_path / "today.urls"
    listing.write_text(f"# morning list\n{server}/page\n\n{server}/private/x  # disallowed\nnot a url\n",
                       encoding="utf-8")
    config = FetchConfig(timeout=0.5, retries=0)
    with Fetcher(config, INGEST) as fetcher:
        out = list(read_inputs([f"{server}/feed.xml", str(listing)], INGEST, fetcher=fetcher))
    articles = [r for r in out if isinstance(r, RawArticle)]
    rejected = {r.source: r.reason for r in out if isinstance(r, Rejected)}
    full = articles[0]  # a feed entry with text is read from the feed
    assert (full.title, full.outlet, full.external_id, full.url) == ("Ferry vote", "Loopback Herald", "full-1",
                                                                     f"{server}/full")
    linked = articles[1]  # a link-only entry is fetched, the feed's fields kept
    assert linked.source == f"{server}/feed.xml#2" and linked.html == PAGE.decode()
    assert (linked.title, linked.published) == ("Linked story", "2026-11-02T09:30:00+00:00")
    assert "ReadTimeout" in rejected[f"{server}/feed.xml#3"]  # the slow answer, past fetch.timeout
    assert rejected[f"{server}/feed.xml#4"].startswith("HTTP 404")
    assert articles[2].source == f"{server}/page"
    assert "robots.txt of 127.0.0.1" in rejected[f"{server}/private/x"]
    assert "is not an http(s) URL" in rejected[f"{listing}#5"]


def test_without_a_fetcher_links_are_rejected(tmp_path: Path):
    feed = tmp_path / "f.rss"
    feed.write_text(FEED.format(host="example.org"), encoding="utf-8")
    out = list(read_inputs([str(feed), "https://example.org/page"], INGEST))
    reasons = [r.reason for r in out if isinstance(r, Rejected)]
    assert reasons[0] == "entry has only a link; fetch disabled (fetch.enabled is false): http://example.org/page"
    assert reasons[-1].startswith("fetching is disabled")
    assert isinstance(out[0], RawArticle) and out[0].title == "Ferry vote"


def test_a_run_refetches_conditionally_and_keeps_the_article(server: str, tmp_path: Path, nlp):
    from wirecheck.config import load_config
    from wirecheck.pipeline import Runner

    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    with Store(cfg.run.db) as store:
        first = Runner(cfg, store, nlp=nlp).run([f"{server}/page"])
        second = Runner(cfg, store, nlp=nlp).run([f"{server}/page"])
        (stored,) = store.articles(first.new_articles)
    assert stored.url == f"{server}/page" and stored.captured
    assert second.new_articles == [] and second.seen_articles == first.new_articles  # still in the run's report
    assert [w.reason for w in second.warnings] == ["unchanged since last fetch (HTTP 304 Not Modified); skipped"]


def test_a_changed_page_on_refetch_is_a_revision(server: str, tmp_path: Path, nlp):
    from wirecheck.config import load_config
    from wirecheck.pipeline import Runner

    assert REVISED_PAGE != PAGE
    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    url = f"{server}/changing"
    try:
        with Store(cfg.run.db) as store:
            first = Runner(cfg, store, nlp=nlp).run([url])
            _Handler.version = 2
            second = Runner(cfg, store, nlp=nlp).run([url])
            (old_id,), (new_id,) = first.new_articles, second.new_articles
            assert store.article(new_id).revision_of == old_id
            assert store.story_article_ids(store.story_of(old_id)) == [new_id]
            assert store.validators(url) == ('"c2"', None)
            (revision,) = store.analysis(store.story_of(new_id)).revisions
    finally:
        _Handler.version = 1
    assert any("12%" in t for t in revision.added) and any("10%" in t for t in revision.removed)
