"""Bad input (issue #14): every case ends in a `rejected` entry with a plain reason, or in a correct
article (with a warning where something was ignored), and the run goes on. The "Bad input" section of
docs/reliability.md lists each case with the test here that shows it."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirecheck.clean import clean_article
from wirecheck.clean.html import MAX_DEPTH, nesting_depth
from wirecheck.cli import app
from wirecheck.config import ConfigError, IngestConfig, load_config
from wirecheck.ingest import ReadWarning, read_inputs
from wirecheck.records import Article, RawArticle, Rejected

CFG = IngestConfig()
BODY = ("PORT ALDER — The harbour council voted on Monday to extend the night ferry service until March, "
        "after residents of the outer islands said the last boat left too early for shift workers.")
PARA = "<p>" + BODY + "</p>"
runner = CliRunner()


def _read(paths, config=CFG):
    return list(read_inputs([str(p) for p in paths], config))


def _reasons(items):
    return {Path(r.source).name: r.reason for r in items if isinstance(r, Rejected)}


# ---------------------------------------------------------------- files that are not articles


def test_empty_and_blank_files_are_rejected(tmp_path: Path):
    for name, data in [("a.txt", b""), ("b.html", b" \n\t\n"), ("c.jsonl", b""), ("d.json", b"")]:
        (tmp_path / name).write_bytes(data)
    reasons = _reasons(_read([tmp_path]))
    assert reasons["a.txt"] == reasons["b.html"] == "file is empty"
    assert "c.jsonl" not in reasons or reasons["c.jsonl"]  # no lines: nothing to read, nothing raised
    assert reasons["d.json"].startswith("invalid JSON")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # an image
    b"PK\x03\x04" + bytes(200),  # a zip archive
    bytes(range(1, 32)) * 40,  # control characters, valid UTF-8
])
def test_binary_files_with_a_text_extension_are_rejected(tmp_path: Path, data: bytes):
    for ext in (".txt", ".html", ".jsonl"):
        (tmp_path / f"x{ext}").write_bytes(data)
    reasons = _reasons(_read([tmp_path]))
    assert len(reasons) == 3
    assert all("binary file" in r or "not valid UTF-8" in r for r in reasons.values()), reasons


def test_legacy_encodings_are_read_without_loss_or_rejected(tmp_path: Path):
    text = "Caf\xe9 owners in S\xe3o Paulo said \u201cenough\u201d \u2014 prices rose 12%. " * 4
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    (tmp_path / "bad-utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate
    (tmp_path / "cp1251.txt").write_bytes("Мэр сказал, что мост закрыт на ремонт. ".encode("cp1251") * 4)
    out = _read([tmp_path])
    articles = {Path(r.source).name: r.text for r in out if isinstance(r, RawArticle)}
    assert articles == {"cp1252.txt": text, "utf16.txt": text}
    warnings = {Path(r.source).name: r.reason for r in out if isinstance(r, ReadWarning)}
    assert list(warnings) == ["cp1252.txt"] and "Windows-1252" in warnings["cp1252.txt"]
    reasons = _reasons(r for r in out if not isinstance(r, ReadWarning))
    assert "UTF-16" in reasons["bad-utf16.txt"]
    assert "not valid UTF-8" in reasons["cp1251.txt"]


def test_without_charset_normalizer_legacy_text_is_rejected_plainly(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # as if not installed
    (tmp_path / "cp1252.txt").write_bytes("caf\xe9 au lait ".encode("cp1252") * 5)
    (rejected,) = _read([tmp_path / "cp1252.txt"])
    assert "needs charset_normalizer, which is not installed" in rejected.reason


# ---------------------------------------------------------------- size caps


def test_size_cap_is_configurable_with_a_clear_message(tmp_path: Path):
    small = IngestConfig(max_bytes=1_000)
    (tmp_path / "big.txt").write_text(BODY * 20, encoding="utf-8")
    (tmp_path / "big.html").write_text("<html><body>" + PARA * 20 + "</body></html>", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    lines = [json.dumps({"id": "long", "text": BODY * 20}), json.dumps({"id": "short", "text": BODY})] * 3
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    feed = _read([tmp_path / "feed.jsonl"], config=IngestConfig(max_bytes=1_000))  # the file is over 12,000
    assert [type(r) for r in feed] == [Rejected, RawArticle] * 3  # read line by line: a line costs only itself
    assert feed[2].reason == "line 3 is over the 1,000-byte limit (ingest.max_bytes)"
    out = _read([tmp_path / "big.txt", tmp_path / "big.html", tmp_path / "ok.txt"], config=small)
    for rejected in out[:2]:
        assert isinstance(rejected, Rejected)
        assert "over the 1,000-byte limit (ingest.max_bytes); not read" in rejected.reason
    assert isinstance(out[2], RawArticle)
    stream = io.StringIO("\n".join(lines[:2]))  # on stdin the cap is per line: one line costs only itself
    feed = list(read_inputs(["-"], IngestConfig(max_bytes=len(lines[1]) + 10), stdin=stream))
    assert [type(r) for r in feed] == [Rejected, RawArticle]
    assert "line 1 is over" in feed[0].reason and "(ingest.max_bytes)" in feed[0].reason


def test_a_huge_sparse_file_is_rejected_from_its_size_without_reading(tmp_path: Path, monkeypatch):
    big = tmp_path / "transcript.txt"
    with open(big, "wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB by size, nothing on disk
    read_calls = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda *a: read_calls.append(a) or real_read(*a))
    (rejected,) = _read([big])
    assert "200,000,000 bytes, over the 20,000,000-byte limit" in rejected.reason
    assert not read_calls


def _gzip_bomb(path: Path, size: int) -> None:
    """A gzip file of ``size`` bytes of one repeated word (text, so only its size can reject it): one 1 MB
    gzip member written again and again (a gzip file may hold many), so the test never holds or compresses
    the gigabyte."""
    import gzip

    chunk = b"flood " * ((1 << 20) // 6)
    member = gzip.compress(chunk, compresslevel=9)
    with path.open("wb") as out:
        for _ in range(size // len(chunk)):
            out.write(member)


def test_gzipped_inputs_are_read_and_a_gzip_bomb_is_capped(tmp_path: Path):
    import gzip
    import resource

    text = BODY + "\n\n" + BODY.replace("night ferry", "winter bus")
    with gzip.open(tmp_path / "story.txt.gz", "wt", encoding="utf-8") as f:
        f.write(text)
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "text": BODY}) + "\n{bad\n" + json.dumps({"id": "b", "html": PARA}) + "\n")
    with gzip.open(tmp_path / "page.html.gz", "wt", encoding="utf-8") as f:
        f.write(f"<html><body><article>{PARA}</article></body></html>")
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(text.encode())[:-12])  # cut short
    (tmp_path / "fake.txt.gz").write_bytes(b"not gzip at all " * 4)
    _gzip_bomb(tmp_path / "bomb.txt.gz", 1 << 30)  # 1 GB in about 1 MB
    _gzip_bomb(tmp_path / "bomb.jsonl.gz", 1 << 30)
    assert (tmp_path / "bomb.txt.gz").stat().st_size < 5_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = _read([tmp_path])
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    raws = {Path(r.source).name: r for r in items if isinstance(r, RawArticle)}
    assert raws["story.txt.gz"].text == text
    assert raws["feed.jsonl.gz#a"].text == BODY and raws["feed.jsonl.gz#b"].html == PARA
    assert BODY in raws["page.html.gz"].html
    reasons = _reasons(items)
    assert reasons["feed.jsonl.gz#2"].startswith("invalid JSON on line 2")
    for bomb in ("bomb.txt.gz", "bomb.jsonl.gz"):
        assert reasons[bomb] == ("gzip file decompresses to over the 20,000,000-byte limit (ingest.max_bytes); "
                                 "not read further (a gzip bomb, or set a higher limit)")
    assert reasons["broken.txt.gz"].startswith("not a valid gzip file")
    assert reasons["fake.txt.gz"].startswith("not a valid gzip file")
    assert grown_mb < 200  # about one cap's worth (20 MB) held at once, never the 1 GB
    size = len(text.encode())
    small = _reasons(_read([tmp_path / "story.txt.gz"], IngestConfig(max_bytes=size - 1)))
    assert small["story.txt.gz"].startswith(f"gzip file decompresses to over the {size - 1:,}-byte limit")
    assert _read([tmp_path / "story.txt.gz"], IngestConfig(max_bytes=size))[0].text == text  # exactly at the cap


def test_a_text_too_short_to_cluster_is_kept_and_listed_with_its_reason(tmp_path: Path):
    from wirecheck.records import ShortText
    from wirecheck.report.contract import build_report, validate
    from wirecheck.store import Store

    # a wire flash with its headline is short but tells its story: clustered, without claims
    flash = clean_article(RawArticle(source="feed.jsonl#flash", fmt="json", title="Harlow bridge shut",
                                     text="BREAKING: Harlow bridge closed, council says."), CFG)
    assert not isinstance(flash, Rejected) and flash.skipped_stages == ["claims"]
    fragment = RawArticle(source="feed.jsonl#bit", fmt="json", title="Update", text="More soon.")
    short = clean_article(fragment, CFG)
    assert isinstance(short, ShortText) and isinstance(short, Rejected)
    assert short.reason == "only 3 words of article text and headline after cleaning (minimum 5)"
    assert short.text == "More soon." and short.title == "Update"
    assert not isinstance(clean_article(RawArticle(source="ok", fmt="text", text=BODY), CFG), Rejected)
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["feed.jsonl"], {}, {})
        store.add_rejected(run, short)
        store.add_rejected(run, Rejected("empty.txt", "file is empty"))
        report = build_report(store, run)
    validate(report)
    assert report["rejected"] == [{"source": "feed.jsonl#bit", "reason": short.reason},
                                  {"source": "empty.txt", "reason": "file is empty"}]  # listed as before
    assert report["too_short"] == [{"source": "feed.jsonl#bit", "reason": short.reason, "text": short.text,
                                    "title": "Update"}]  # and kept, with what it said


def test_a_size_cap_below_one_byte_is_a_config_error():
    with pytest.raises(ConfigError, match="ingest.max_bytes: must be at least 1"):
        load_config(overrides={"ingest": {"max_bytes": 0}}, environ={})
    with pytest.raises(ConfigError, match="nlp.max_chars: must be between"):
        load_config(overrides={"nlp": {"max_chars": 5_000_000}}, environ={})


# ---------------------------------------------------------------- HTML


def test_deeply_nested_html_keeps_its_text():
    for page in ("<html><body>" + "<div>" * 10_000 + PARA + "</div>" * 10_000 + "</body></html>",
                 "<html><body>" + "<div><span>" * 5_000 + PARA):  # never closed
        assert nesting_depth(page) > MAX_DEPTH
        out = clean_article(RawArticle(source="deep.html", fmt="html", html=page), IngestConfig())
        assert isinstance(out, Article) and out.text == BODY


@pytest.mark.parametrize("page,reason", [
    ("<html><bo<<dy><p>The council <b>voted <i>on</p> Monday</div></span>&&#xZZ; " + PARA, None),
    ("<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><footer>© 2026</footer></body></html>",
     "words of article text and headline after cleaning"),
    ("<html><head><title>Nothing here</title></head><body></body></html>", "no article text found"),
    ("<<<>>><!-- unclosed comment <p>", "no article text found"),
])
def test_broken_html_and_html_without_an_article(page: str, reason: str | None):
    out = clean_article(RawArticle(source="p.html", fmt="html", html=page), IngestConfig())
    if reason is None:
        assert isinstance(out, Article) and BODY in out.text
    else:
        assert isinstance(out, Rejected) and reason in out.reason


# ---------------------------------------------------------------- JSON records


def test_one_malformed_jsonl_line_among_good_ones(tmp_path: Path):
    lines = [json.dumps({"id": f"k{i}", "text": BODY}) for i in range(3)]
    lines.insert(2, '{"id": "k9", "text": "cut off')
    lines.insert(3, json.dumps({"id": "sep", "text": "A line\u2028with a line separator in it. " + BODY},
                               ensure_ascii=False))
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _read([path])
    assert [(type(r).__name__, r.source.rsplit("#", 1)[1]) for r in out] == [
        ("RawArticle", "k0"), ("RawArticle", "k1"), ("Rejected", "3"), ("RawArticle", "sep"), ("RawArticle", "k2")]
    assert out[2].reason.startswith("invalid JSON on line 3")


@pytest.mark.parametrize("record,kept,notes", [
    ({"id": "a", "title": "no body"}, False, ["no non-empty 'text' or 'html'"]),
    ({"id": "b", "text": ["a", "list"]}, False, ["'text' is a list, not a string"]),
    ({"id": "c", "text": 42, "html": PARA}, True, ["'text' is a number, not a string; ignored"]),
    ({"id": "d", "text": BODY, "title": 2026}, True, ["'title' is a number, not a string; ignored"]),
    ({"id": "e", "text": BODY, "published": "next Tuesday"}, True, ["'published' 'next Tuesday' is not an ISO"]),
    ({"id": "f", "text": BODY, "published": 1_700_000_000}, True, ["'published' 1700000000 is not an ISO"]),
    ({"id": ["x"], "text": BODY, "outlet": {"name": "X"}}, True,
     ["'id' is a list, not a string or whole number", "'outlet' is an object, not a string"]),
    ({"id": True, "text": BODY}, True, ["'id' is true/false"]),
])
def test_json_records_with_missing_or_wrong_fields(tmp_path: Path, record, kept, notes):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = _read([path])
    final = out[-1]
    assert isinstance(final, RawArticle) is kept
    messages = [r.reason for r in out if isinstance(r, Rejected)]
    assert len(messages) == (len(notes) if kept else 1)
    for note in notes:
        assert any(note in m for m in messages), messages
    if kept:
        assert all(isinstance(r, ReadWarning) for r in out[:-1])
        assert final.title is None and final.outlet is None  # nothing of a wrong type is kept



def test_an_unparseable_url_loses_only_its_host(tmp_path: Path):
    """A record's ``url`` is untrusted: one urllib cannot split ("http://[::1") cleans to a whole article."""
    path = tmp_path / "u.jsonl"
    path.write_text(json.dumps({"id": "u", "text": BODY, "url": "http://[::1"}) + "\n", encoding="utf-8")
    (raw,) = _read([path])
    article = clean_article(raw, CFG)
    assert isinstance(article, Article), article
    assert article.url == "http://[::1" and article.text.startswith(BODY[:40])

# ---------------------------------------------------------------- things in a folder that are not files


def test_pipes_sockets_links_and_unreadable_files_are_skipped_unopened(tmp_path: Path, monkeypatch):
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block for ever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    os.symlink("loop.txt", tmp_path / "loop.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path, tmp_path / "again")  # a folder link back to its own folder
    (tmp_path / "locked.txt").write_text(BODY, encoding="utf-8")
    real_open = os.open

    def guarded_open(path, flags, *args):
        name = Path(path).name
        assert name not in ("pipe.txt", "sock.txt"), f"{name} was opened"
        if name == "locked.txt":
            raise PermissionError(13, "Permission denied")  # as chmod 000 does for a non-root user
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded_open)
    done: list = []
    reader = threading.Thread(target=lambda: done.append(_read([tmp_path])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    sock.close()
    assert done, "reading the folder hung"
    out = done[0]
    assert [r.source for r in out if isinstance(r, RawArticle)] == [str(tmp_path / "good.txt")]
    reasons = _reasons(out)
    assert reasons["pipe.txt"] == "not a regular file (a named pipe); skipped without reading"
    assert reasons["sock.txt"] == "not a regular file (a socket); skipped without reading"
    assert reasons["loop.txt"] == "symbolic link loop; skipped without reading"
    assert reasons["dangling.txt"].startswith("broken symbolic link")
    assert reasons["locked.txt"] == "cannot read file: Permission denied"
    assert reasons["again"].startswith("symbolic link to a folder; not followed")


def test_a_named_pipe_given_by_name_is_not_opened(tmp_path: Path):
    os.mkfifo(tmp_path / "feed.jsonl")
    done: list = []
    reader = threading.Thread(target=lambda: done.append(_read([tmp_path / "feed.jsonl"])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert done and "named pipe" in done[0][0].reason


# ---------------------------------------------------------------- the command line (no model is loaded)


def test_missing_paths_are_listed_and_only_nothing_read_fails(tmp_path: Path):
    args = ["--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "o")]
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), str(tmp_path / "also-nope.txt"), *args])
    assert result.exit_code == 1
    assert result.output.count("no such file or directory") == 2 and "nothing could be read" in result.output


def test_unknown_environment_section_names_the_section_and_variable(tmp_path: Path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "w.db"),
                                 "--out", str(tmp_path / "o")], env={"WIRECHECK_INGST__MAX_BYTES": "10"})
    assert result.exit_code == 2
    assert "WIRECHECK_INGST__MAX_BYTES" in result.output and "unknown section 'ingst'" in result.output
    assert not (tmp_path / "w.db").exists()  # nothing was run


@pytest.mark.parametrize("args,env,message", [
    (["--format", "json,pdf"], {}, "unknown report format(s) pdf"),
    ([], {"WIRECHECK_INGEST__MAX_BYTES": "-5"}, "ingest.max_bytes: must be at least 1"),
    ([], {"WIRECHECK_INGEST__MIN_WORDS": "many"}, "ingest.min_words: expected an integer"),
    ([], {"WIRECHECK_NLP__BATCH_SIZE": "0"}, "nlp.batch_size: must be at least 1"),
    (["--out", "FILE"], {}, "is a file"),
])
def test_options_are_validated_before_any_work(tmp_path: Path, args, env, message):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "FILE").write_text("")
    args = [str(tmp_path / "FILE") if a == "FILE" else a for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "o")]
    result = runner.invoke(app, ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "w.db"), *args], env=env)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "w.db").exists()


# ---------------------------------------------------------------- a whole run over bad input (models)

STORY = ("The Harlow river bridge was closed on Thursday after engineers found cracks in two of its four "
         "supports, the city council said. About 30,000 drivers use the bridge each day. Council leader "
         "Mira Stone said repairs would take at least six weeks.")


def _transcript(chars: int) -> str:
    """About ``chars`` characters of real-looking news paragraphs (the sample corpus's, over and over)."""
    from wirecheck.sample import corpus_dir

    paras = [p for f in sorted(corpus_dir().glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n")
             if len(p.split()) > 12]
    out, size, i = [], 0, 0
    while size < chars:
        out.append(paras[i % len(paras)])
        size += len(out[-1]) + 2
        i += 1
    return "Transcript of the Harlow council hearing\n\n" + "\n\n".join(out)


@pytest.fixture(scope="module")
def bad_run(nlp, tmp_path_factory):
    """One run over duplicates, a malformed line, a short flash, a 200 KB transcript, a pipe and an empty file."""
    import time

    from wirecheck.pipeline import Runner
    from wirecheck.store import Store

    tmp = tmp_path_factory.mktemp("bad-run")
    inputs = tmp / "in"
    inputs.mkdir()
    records = [{"id": f"dup-{i}", "text": STORY} for i in (1, 2, 3)]
    records[1:1] = ['{"id": "torn", "text": "half a rec']
    records.append({"id": "flash", "text": "BREAKING: Harlow bridge closed, council says."})
    (inputs / "feed.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records),
                                       encoding="utf-8")
    (inputs / "transcript.txt").write_text(_transcript(200_000), encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    os.mkfifo(inputs / "pipe.txt")
    cfg = load_config(overrides={"run": {"db": str(tmp / "w.db"), "out": str(tmp / "out")}}, environ={})
    mp = pytest.MonkeyPatch()
    mp.setattr(nlp.config, "max_chars", 20_000)  # ten pieces
    try:
        start = time.perf_counter()
        with Store(cfg.run.db) as store:
            result = Runner(cfg, store, nlp=nlp).run([str(inputs)])
            seconds = time.perf_counter() - start
            stored = {a.source: (a, store.features(a.id), store.claims(a.id))
                      for a in store.articles(result.new_articles)}
    finally:
        mp.undo()
    return inputs, result, stored, seconds


def test_bad_inputs_are_listed_and_the_run_goes_on(bad_run):
    inputs, result, stored, _ = bad_run
    feed = str(inputs / "feed.jsonl")
    rejected = {r.source: r.reason for r in result.rejected}
    assert rejected[f"{feed}#2"].startswith("invalid JSON on line 2")
    assert rejected[str(inputs / "empty.txt")] == "file is empty"
    assert "named pipe" in rejected[str(inputs / "pipe.txt")]
    assert set(stored) == {f"{feed}#dup-1", f"{feed}#flash", str(inputs / "transcript.txt")}
    # the 6-word flash is stored and clustered, without claims, and the run says so
    flash, _, flash_claims = stored[f"{feed}#flash"]
    assert flash.skipped_stages == ["claims"] and not flash_claims.mentions
    assert any(w.source == "<short texts>" and "1 new article under 20 words" in w.reason for w in result.warnings)


def test_duplicate_records_are_stored_once_and_each_reported(bad_run):
    inputs, result, stored, _ = bad_run
    feed = str(inputs / "feed.jsonl")
    article = stored[f"{feed}#dup-1"][0]
    warnings = {w.source: w.reason for w in result.warnings}
    for dup in ("dup-2", "dup-3"):
        assert warnings[f"{feed}#{dup}"] == (f"duplicate of {feed}#dup-1 (article {article.id}): "
                                             f"stored once, this source noted with it")


def test_a_long_text_is_analysed_whole_in_pieces_and_never_aborts_the_run(bad_run):
    inputs, result, stored, seconds = bad_run
    article, features, claims = stored[str(inputs / "transcript.txt")]
    assert len(article.text) > 180_000  # the whole text is stored (its repeated newsletter line cleaned out)
    note = {w.source: w.reason for w in result.warnings}[str(inputs / "transcript.txt")]
    assert note.startswith(f"text is {len(article.text):,} characters, over the 20,000-character analysis limit "
                           "(nlp.max_chars): analysed whole, in ")
    analysed = max(s.end for s in features.sentences)
    assert analysed > len(article.text) - 500  # every piece, to the last paragraph
    assert [s.index for s in features.sentences] == list(range(len(features.sentences)))
    assert len(features.sentence_embeddings) == len(features.sentences)
    assert features.entities and all(article.text[e.start:e.end] == e.text for e in features.entities)
    assert max(e.start for e in features.entities) > len(article.text) - 10_000
    assert all(article.text[s.start:s.end].strip() for s in features.sentences)
    assert claims.mentions and max(m.start for m in claims.mentions) > len(article.text) - 10_000
    assert all(article.text[m.start:m.end] == m.text for m in claims.mentions)
