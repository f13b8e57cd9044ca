"""Reading inputs: formats, sources, rejections (wirecheck.ingest)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wirecheck.config import IngestConfig
from wirecheck.ingest import ReadWarning, read_inputs
from wirecheck.records import RawArticle, Rejected

CFG = IngestConfig()
BODY = "PORT ALDER — The harbour council voted on Monday to extend the night ferry service."


def _read(paths, config=CFG, stdin=None):
    return list(read_inputs([str(p) for p in paths], config, stdin=stdin))


def test_text_markdown_and_html_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Headline\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Notes\n\n" + BODY, encoding="utf-8")
    (tmp_path / "c.HTML").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    out = _read([tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "c.HTML"])
    assert [type(r) for r in out] == [RawArticle] * 3
    assert [r.fmt for r in out] == ["text", "text", "html"]
    assert out[0].text.endswith(BODY) and out[0].source == str(tmp_path / "a.txt")
    assert BODY in out[2].html and out[2].text is None


def test_directory_is_walked_sorted_skipping_hidden(tmp_path: Path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "2.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README.md").write_text("# About this folder", encoding="utf-8")
    out = _read([tmp_path])
    names = [Path(r.source).relative_to(tmp_path).as_posix() for r in out]
    assert names == ["a.txt", "b.txt", "notes.docx", "z/2.txt"]
    assert isinstance(out[2], Rejected) and "unsupported file type (.docx)" in out[2].reason
    assert _read([tmp_path]) == out  # deterministic
    assert _read([tmp_path / "README.md"])[0].fmt == "text"  # read when named explicitly


def test_missing_undecodable_oversized_and_empty_files_are_rejected(tmp_path: Path):
    (tmp_path / "cyrillic.txt").write_bytes("Мэр сказал, что мост закрыт. ".encode("cp1251") * 5)
    (tmp_path / "big.txt").write_text(BODY * 10, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    small = IngestConfig(max_bytes=200)
    out = _read([tmp_path / "nope.txt", tmp_path / "cyrillic.txt", tmp_path / "big.txt",
                 tmp_path / "empty.txt"], config=small)
    assert all(isinstance(r, Rejected) for r in out)
    reasons = [r.reason for r in out]
    assert reasons[0] == "no such file or directory"
    assert "not valid UTF-8" in reasons[1]  # not Windows-1252 either: not guessed at (issue #12)
    assert "over the 200-byte limit (ingest.max_bytes)" in reasons[2]
    assert reasons[3] == "file is empty"


def test_windows_1252_and_latin1_are_read_with_a_warning(tmp_path: Path):
    cp1252 = "The mayor said \u201cno\u201d \u2014 caf\xe9 na\xefve. " * 3
    latin1 = "Die Stra\xdfe war gesperrt, sagte der B\xfcrgermeister. " * 3
    (tmp_path / "a.txt").write_bytes(cp1252.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(latin1.encode("latin-1"))
    (tmp_path / "c.jsonl").write_bytes(json.dumps({"text": cp1252}, ensure_ascii=False).encode("cp1252"))
    out = _read([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.jsonl"])
    assert [type(r).__name__ for r in out] == ["ReadWarning", "RawArticle"] * 3
    assert [out[1].text, out[3].text, out[5].text] == [cp1252, latin1, cp1252]  # nothing lost
    assert "read as Windows-1252" in out[0].reason and "none lost" in out[0].reason


def test_utf8_bom_and_utf16_are_decoded(tmp_path: Path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(BODY.encode("utf-16"))
    out = _read([tmp_path / "bom.txt", tmp_path / "u16.txt"])
    assert [r.text for r in out] == [BODY, BODY]


def test_jsonl_records_sources_fields_and_bad_lines(tmp_path: Path):
    lines = [
        json.dumps({"id": "k-1", "text": BODY, "title": " Ferry vote ", "url": "https://x.example/1",
                    "outlet": "Alder Gazette", "published": "2026-11-02T08:00:00Z",
                    "language": "en"}),
        "",
        "{not json",
        json.dumps({"title": "no body here"}),
        json.dumps({"html": f"<p>{BODY}</p>", "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "text": BODY, "published": "2026-11-02"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read([path])
    src = str(path)
    warnings = [r for r in out if isinstance(r, ReadWarning)]
    assert [(w.source, w.reason) for w in warnings] == [
        (f"{src}#5", "'published' 'yesterday' is not an ISO-8601 date or datetime; ignored")]
    out = [r for r in out if not isinstance(r, ReadWarning)]
    assert [r.source for r in out] == [f"{src}#k-1", f"{src}#3", f"{src}#4", f"{src}#5",
                                       f"{src}#6", f"{src}#7"]
    first = out[0]
    assert isinstance(first, RawArticle) and first.fmt == "json" and first.external_id == "k-1"
    assert (first.title, first.outlet, first.language) == ("Ferry vote", "Alder Gazette", "en")
    assert first.published == "2026-11-02T08:00:00+00:00"
    assert isinstance(out[1], Rejected) and "invalid JSON on line 3" in out[1].reason
    assert isinstance(out[2], Rejected) and "no non-empty 'text' or 'html'" in out[2].reason
    html_rec = out[3]
    assert isinstance(html_rec, RawArticle) and html_rec.fmt == "html"
    assert html_rec.published is None  # a bad date is dropped, the record kept
    assert isinstance(out[4], Rejected) and "expected a JSON object" in out[4].reason
    assert out[5].external_id == "7" and out[5].published == "2026-11-02"


def test_json_list_and_single_object(tmp_path: Path):
    (tmp_path / "list.json").write_text(json.dumps([{"text": BODY}, {"id": "x", "text": BODY},
                                                    {"text": ""}]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"text": BODY}), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": ', encoding="utf-8")
    out = _read([tmp_path / "list.json", tmp_path / "one.json", tmp_path / "broken.json"])
    lst = str(tmp_path / "list.json")
    assert [r.source for r in out[:3]] == [f"{lst}#1", f"{lst}#x", f"{lst}#3"]
    assert isinstance(out[2], Rejected)
    assert isinstance(out[3], RawArticle) and out[3].source == str(tmp_path / "one.json")
    assert isinstance(out[4], Rejected) and out[4].reason.startswith("invalid JSON")


def test_stdin_jsonl():
    stream = io.StringIO(json.dumps({"id": "s1", "text": BODY}) + "\nnope\n")
    out = list(read_inputs(["-"], CFG, stdin=stream))
    assert isinstance(out[0], RawArticle) and out[0].source == "<stdin>#s1"
    assert isinstance(out[1], Rejected) and out[1].source == "<stdin>#2"
    assert isinstance(list(read_inputs(["-"], CFG))[0], Rejected)
