"""Feeds (wirecheck.ingest.feed): RSS, Atom and .xml files built here from the sample corpus's real text."""

from __future__ import annotations

from html import escape
from pathlib import Path

from wirecheck.clean import clean_article
from wirecheck.config import IngestConfig
from wirecheck.ingest import ReadWarning, read_inputs
from wirecheck.ingest.feed import is_feed, root_element
from wirecheck.records import RawArticle, Rejected
from wirecheck.sample import corpus_dir

CFG = IngestConfig()
TEXT = (corpus_dir() / "ketala-observer.txt").read_text(encoding="utf-8")
PARAS = [p for p in TEXT.split("\n\n") if len(p.split()) > 25]
BODY_HTML = "".join(f"<p>{escape(p)}</p>" for p in PARAS)


def _rss(items: str, title: str = "Ketala Observer") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>'
            f"<link>https://observer.example/</link><language>en-gb</language>{items}</channel></rss>")


def _read(path: Path) -> list:
    return list(read_inputs([str(path)], CFG))


def test_rss_full_content_short_summary_and_link_only(tmp_path: Path):
    short = PARAS[0].split(".")[0] + "."
    feed = tmp_path / "news.rss"
    feed.write_text(_rss(
        "<item><title>Sarandi floods: minister warns of disease</title><link>https://observer.example/floods</link>"
        "<guid>obs-1</guid><pubDate>Thu, 22 Oct 2026 08:15:00 +0200</pubDate>"
        f"<description>{escape(short)}</description>"
        f"<content:encoded><![CDATA[{BODY_HTML}]]></content:encoded></item>"
        f"<item><title>Short</title><link>https://observer.example/short</link><description>{escape(short)}"
        "</description></item>"
        "<item><title>Only a link</title><link>https://observer.example/more</link></item>"
        "<item><title>Nothing at all</title></item>"), encoding="utf-8")
    out = _read(feed)
    full, brief = [r for r in out if isinstance(r, RawArticle)]
    assert full.source == f"{feed}#1" and full.fmt == "html"
    assert (full.title, full.url, full.external_id, full.outlet, full.language) == (
        "Sarandi floods: minister warns of disease", "https://observer.example/floods", "obs-1",
        "Ketala Observer", "en-gb")
    assert full.published == "2026-10-22T06:15:00+00:00"  # in UTC
    article = clean_article(full, CFG)  # the content, not the summary, is the article
    assert not isinstance(article, Rejected) and PARAS[0] in article.text and PARAS[-1] in article.text
    assert brief.source == f"{feed}#2" and short in brief.html  # a short summary is still an article
    reasons = {r.source: r.reason for r in out if type(r) is Rejected}
    assert reasons == {f"{feed}#3": "entry has only a link; fetch disabled (fetch.enabled is false): "
                                    "https://observer.example/more",
                       f"{feed}#4": "feed entry has neither text nor a link"}


def test_atom_content_and_plain_text(tmp_path: Path):
    feed = tmp_path / "news.atom"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Observer Atom</title><link href="https://observer.example/"/><id>urn:obs</id>'
        "<updated>2026-10-22T09:00:00Z</updated>"
        '<entry><title>Floods</title><link href="https://observer.example/a"/><id>urn:obs:a</id>'
        f'<updated>2026-10-22T09:00:00Z</updated><content type="html">{escape(BODY_HTML)}</content></entry>'
        '<entry><title>Plain</title><link href="https://observer.example/b"/><id>urn:obs:b</id>'
        f'<updated>2026-10-22T10:00:00Z</updated><content type="text">{escape(PARAS[1])}</content></entry>'
        "</feed>", encoding="utf-8")
    html, text = _read(feed)
    assert html.fmt == "html" and html.outlet == "Observer Atom" and html.published == "2026-10-22T09:00:00+00:00"
    assert text.fmt == "text" and text.text == PARAS[1] and text.external_id == "urn:obs:b"


def test_feed_html_is_sanitised(tmp_path: Path):
    feed = tmp_path / "x.rss"
    feed.write_text(_rss(f"<item><title>T</title><description><![CDATA[<script>alert(1)</script>{BODY_HTML}]]>"
                         "</description></item>"), encoding="utf-8")
    (item,) = _read(feed)
    assert "<script" not in item.html and PARAS[0][:40] in item.html


def test_xml_that_is_not_a_feed_is_rejected(tmp_path: Path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><!-- map --><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<url><loc>https://observer.example/</loc></url></urlset>", encoding="utf-8")
    (out,) = _read(sitemap)
    assert out.reason == "not an RSS or Atom feed (its root element is <urlset>; a feed's is <rss>, <feed> or <rdf:RDF>)"
    feed_xml = tmp_path / "feed.xml"
    feed_xml.write_text(_rss(f"<item><title>T</title><description>{escape(PARAS[0])}</description></item>"),
                        encoding="utf-8")
    assert isinstance(_read(feed_xml)[0], RawArticle)
    assert root_element(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!DOCTYPE rss>\n<rss>") == "rss"
    assert is_feed(b"<rdf:RDF xmlns:rdf='x'>") and not is_feed(b"not xml at all")


def test_broken_feeds(tmp_path: Path):
    empty = tmp_path / "empty.rss"
    empty.write_text(_rss(""), encoding="utf-8")
    cut = tmp_path / "cut.rss"
    cut.write_text(_rss(f"<item><title>T</title><description>{escape(PARAS[0])}</description></item>")[:-len("</channel></rss>")],
                   encoding="utf-8")
    assert _read(empty)[0].reason == "feed has no entries"
    out = _read(cut)  # read as far as it goes, with a warning
    assert isinstance(out[0], ReadWarning) and "not well-formed" in out[0].reason
    assert isinstance(out[1], RawArticle) and PARAS[0][:40] in out[1].html
