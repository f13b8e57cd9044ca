"""Web archives (wirecheck.ingest.warc): WARCs written here with warcio from the bundled sample pages."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirecheck.clean import clean_article
from wirecheck.config import IngestConfig
from wirecheck.ingest import ReadWarning, read_inputs
from wirecheck.records import RawArticle, Rejected
from wirecheck.sample import corpus_dir

CFG = IngestConfig()
PAGES = sorted(corpus_dir().glob("*.html"))


def _http(content_type: str, status: str = "200 OK") -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def _write(path: Path, gz: bool, records: list[tuple[str, str, bytes, StatusAndHeaders | None]]) -> Path:
    """A WARC of (type, uri, payload, http headers) records, with a warcinfo record first."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "wirecheck tests"}))
        for rec_type, uri, payload, http in records:
            writer.write_record(writer.create_warc_record(uri, rec_type, payload=io.BytesIO(payload),
                                                          http_headers=http))
    return path


def _mixed() -> list[tuple[str, str, bytes, StatusAndHeaders | None]]:
    page_a, page_b = PAGES[0].read_bytes(), PAGES[1].read_bytes()
    return [
        ("request", "https://example.org/a", b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n", None),
        ("response", "https://example.org/a", page_a, _http("text/html; charset=utf-8")),
        ("metadata", "https://example.org/a", b"outlinks: https://example.org/b", None),
        ("request", "https://example.org/b", b"GET /b HTTP/1.1\r\nHost: example.org\r\n\r\n", None),
        ("response", "https://example.org/b", page_b, _http("application/xhtml+xml")),
        ("response", "https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), _http("image/png")),
        ("response", "https://example.org/gone", b"<html><body>Not found</body></html>",
         _http("text/html", "404 Not Found")),
    ]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path: Path, gz: bool):
    path = _write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz, _mixed())
    out = list(read_inputs([str(path)], CFG))
    articles = [r for r in out if isinstance(r, RawArticle)]
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert [a.source for a in articles] == [f"{path}#3", f"{path}#6"]  # counted over every record
    assert all(a.fmt == "html" and a.captured and a.captured.startswith("20") for a in articles)
    assert articles[0].published is None  # the capture time is not the publication date
    assert articles[0].html == PAGES[0].read_text(encoding="utf-8")
    (warning,) = [r for r in out if isinstance(r, ReadWarning)]
    assert warning.reason == ("skipped 6 records that are not HTML pages (request 2, metadata 1, non-2xx "
                              "response 1, non-HTML response 1, warcinfo 1)")
    assert not [r for r in out if type(r) is Rejected]
    cleaned = clean_article(articles[0], CFG)  # the page cleans as the saved file does
    assert not isinstance(cleaned, Rejected)
    assert cleaned.url == "https://example.org/a" and cleaned.text


def test_legacy_charset_from_the_http_header_is_used(tmp_path: Path):
    text = "<html><body><p>Caf\u00e9 owners \u201cwelcomed\u201d the vote.</p></body></html>"
    path = _write(tmp_path / "legacy.warc", False, [
        ("response", "https://example.org/c", text.encode("cp1252"), _http("text/html; charset=windows-1252")),
        ("response", "https://example.org/d", text.encode("cp1252"), _http("text/html; charset=ISO-8859-1")),
    ])
    articles = [r for r in read_inputs([str(path)], CFG) if isinstance(r, RawArticle)]
    assert [a.html for a in articles] == [text, text]  # Latin-1 labels read as Windows-1252, as browsers do


def test_truncated_record_is_rejected_and_earlier_records_kept(tmp_path: Path):
    path = _write(tmp_path / "cut.warc", False, _mixed()[:2] + [
        ("response", "https://example.org/b", PAGES[1].read_bytes(), _http("text/html"))])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 500])  # the last record loses its end
    out = list(read_inputs([str(path)], CFG))
    assert [r.url for r in out if isinstance(r, RawArticle)] == ["https://example.org/a"]
    (cut,) = [r for r in out if type(r) is Rejected]
    assert cut.source == f"{path}#4" and cut.reason.startswith("truncated record:")


def test_corrupt_payload_fails_its_digest(tmp_path: Path):
    path = _write(tmp_path / "bad.warc", False, _mixed()[:2])
    data = path.read_bytes()
    at = data.index(b"Kestrava") if b"Kestrava" in data else data.index(b"<body")
    path.write_bytes(data[:at] + b"X" + data[at + 1:])  # one byte changed, length kept
    (bad,) = [r for r in read_inputs([str(path)], CFG) if type(r) is Rejected]
    assert bad.reason.startswith("corrupt record:") and "digest" in bad.reason


def test_oversize_record_is_rejected_alone(tmp_path: Path):
    path = _write(tmp_path / "big.warc.gz", True, _mixed())
    small = IngestConfig(max_bytes=len(PAGES[0].read_bytes()) + 10)
    out = list(read_inputs([str(path)], small))
    sizes = {PAGES[0].stat().st_size, PAGES[1].stat().st_size}
    over = [r for r in out if type(r) is Rejected]
    assert len(over) == sum(s > small.max_bytes for s in sizes) and all("ingest.max_bytes" in r.reason for r in over)
    assert [r.url for r in out if isinstance(r, RawArticle)][0] == "https://example.org/a"


def test_broken_archive_keeps_what_was_read(tmp_path: Path):
    path = _write(tmp_path / "broken.warc", False, _mixed()[:2])
    path.write_bytes(path.read_bytes() + b"this is not a WARC record header\r\n\r\nnor this\r\n")
    out = list(read_inputs([str(path)], CFG))
    assert [r.url for r in out if isinstance(r, RawArticle)] == ["https://example.org/a"]
    (stop,) = [r for r in out if type(r) is Rejected]
    assert stop.source == f"{path}#4" and "the rest of the file is not read" in stop.reason


def test_whole_file_gzip_is_read_too(tmp_path: Path):
    plain = _write(tmp_path / "p.warc", False, _mixed())
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))  # one gzip stream, not one member per record
    out = list(read_inputs([str(whole)], CFG))
    assert [r.url for r in out if isinstance(r, RawArticle)] == ["https://example.org/a", "https://example.org/b"]
    assert not [r for r in out if type(r) is Rejected]


def test_not_a_warc(tmp_path: Path):
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    text = tmp_path / "notes.warc"
    text.write_text("just some notes\n", encoding="utf-8")
    out = list(read_inputs([str(empty), str(text)], CFG))
    assert [r.reason for r in out][0] == "no WARC records in the file"
    assert out[1].source == f"{text}#1" and "the rest of the file is not read" in out[1].reason
