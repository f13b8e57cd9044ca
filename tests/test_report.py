"""The report contract, and that untrusted article content is escaped in every rendering."""

import json
import re

import jsonschema
import pytest

from wirecheck.config import load_config
from wirecheck.pipeline import Runner
from wirecheck.report import write_report
from wirecheck.report.contract import build_report, schema, validate
from wirecheck.report.html import render_html
from wirecheck.report.markdown import md_escape, render_markdown
from wirecheck.store import Store

HOSTILE = (
    "Officials in Dorran said on Friday that <script>alert('x')</script> 40 homes were damaged by the "
    "storm, and [click here](javascript:alert(1)) residents were told to stay indoors. "
    "<img src=x onerror=alert(2)> The regional council said repairs would begin next week and cost "
    "about 2 million dollars, according to a statement released by its press office."
)


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_sample_report_meets_the_contract(sample_run):
    _, _, report = sample_run
    validate(report)
    ids = {a["id"] for a in report["articles"]}
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for story in report["stories"]:
        members = set(story["articles"])
        assert members <= ids
        grouped = [a for g in story["origins"] for a in g]
        assert sorted(grouped) == sorted(members), "every article in exactly one origin group"
        assert story["independent_sources"] == len(story["origins"])
        for claim in story["claims"]:
            for s in claim["support"]:
                assert s["article"] in members
                assert texts[s["article"]][s["start"]:s["end"]] == s["text"]
        for d in story["derivations"]:
            for e in d["evidence"]:
                assert 0 <= e["start"] < e["end"] <= len(texts[d["article"]])
                assert 0 <= e["source_start"] < e["source_end"] <= len(texts[d["derived_from"]])
        for b in story["brief"]:
            assert b["citations"] and set(b["citations"]) <= members
            assert texts[b["article"]][b["start"]:b["end"]] == b["text"]


def test_breaking_the_contract_is_caught(sample_run):
    _, _, report = sample_run
    broken = json.loads(json.dumps(report))
    del broken["stories"][0]["origins"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


@pytest.fixture(scope="module")
def hostile_report(nlp, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    feed = tmp / "in.jsonl"
    feed.write_text(json.dumps({"id": "h1", "title": "<b>Storm</b> hits Dorran", "outlet": "<i>Evil</i>",
                                "text": HOSTILE}) + "\n")
    cfg = load_config(overrides={"run": {"db": str(tmp / "w.db"), "out": str(tmp / "out")}}, environ={})
    with Store(cfg.run.db) as store:
        result = Runner(cfg, store, nlp=nlp).run([str(feed)])
        report = build_report(store, run_id=result.run_id)
    assert report["articles"], "the hostile article must be stored"
    return report


def test_html_escapes_article_content(hostile_report):
    page = render_html(hostile_report)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<b>Storm</b>" not in page and "<i>Evil</i>" not in page
    assert "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page.replace('"https://wirecheck', "")


def test_markdown_escapes_article_content(hostile_report):
    text = render_markdown(hostile_report)
    assert "<script>" not in text and "<img" not in text
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None, "an unescaped link survived"
    assert "\\](javascript:" in text
    assert md_escape("[a](b) <x> *y*") == "\\[a\\](b) &lt;x&gt; \\*y\\*"


def test_write_report_writes_requested_formats(hostile_report, tmp_path):
    written = write_report(hostile_report, tmp_path, ["json"])
    assert set(written) == {"json"} and (tmp_path / "report.json").exists()
    assert not (tmp_path / "report.html").exists()
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(hostile_report, tmp_path, ["pdf"])


def test_article_labels_are_numbered_within_each_story():
    from wirecheck.report import article_labels

    report = {"stories": [{"articles": ["x", "y"]}, {"articles": ["z"]}]}
    assert article_labels(report) == {"x": "A1", "y": "A2", "z": "A1"}


def _section(markdown: str, story_id: str) -> str:
    """One story's part of a Markdown report (from its id line to the next story)."""
    start = markdown.index(f"`{story_id}`")
    end = markdown.find("\n## ", start)
    return markdown[start:end if end >= 0 else None]


def test_show_uses_the_labels_of_report_md_and_why_takes_them(sample_run):
    """A story's labels are the same in report.md and in ``show``; ``show STORY --why A2`` explains the
    article labelled A2 there, and the article ids the report lists are what ``--why`` takes."""
    from typer.testing import CliRunner

    from wirecheck.cli import app

    cfg, _, report = sample_run
    story = max(report["stories"][1:] or report["stories"], key=lambda s: len(s["articles"]))
    with Store(cfg.run.db) as store:
        single = build_report(store, story_ids=[story["id"]])
    assert _section(render_markdown(single), story["id"]) == _section(render_markdown(report), story["id"])
    second = story["articles"][1] if len(story["articles"]) > 1 else story["articles"][0]
    label = "A2" if len(story["articles"]) > 1 else "A1"
    assert f"- {label} " in _section(render_markdown(report), story["id"])
    assert f"`{second}`" in _section(render_markdown(report), story["id"])  # the id --why takes
    runner = CliRunner()
    by_label = runner.invoke(app, ["show", story["id"], "--why", label, "--db", cfg.run.db])
    by_id = runner.invoke(app, ["show", "--why", second, "--db", cfg.run.db])
    assert by_label.exit_code == 0 and by_id.exit_code == 0, by_label.output
    assert by_label.output == by_id.output and f"article {second}" in by_id.output


def test_a_failed_report_write_leaves_the_previous_report_whole(tmp_path, monkeypatch):
    """Each report file is replaced atomically: when the write fails (disk full at the rename, say), the
    old file is untouched and no temporary file is left."""
    import os

    import wirecheck.report

    write_report({"schema_version": 1, "old": True}, tmp_path, ["json"])
    before = (tmp_path / "report.json").read_bytes()
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o666 & ~umask  # as a plain write makes it

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wirecheck.report.os, "replace", full)
    with pytest.raises(OSError, match="No space"):
        write_report({"schema_version": 1, "old": False, "big": "x" * 100_000}, tmp_path, ["json"])
    assert (tmp_path / "report.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_an_unwritable_report_directory_is_refused_before_the_run(tmp_path):
    """A report directory that cannot be made is a clear error before any work (nothing stored)."""
    from wirecheck.pipeline import OutputError, run_and_report

    (tmp_path / "file").write_text("not a folder")
    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "file" / "out")}},
                      environ={})
    with pytest.raises(OutputError, match="cannot write the report into"):
        run_and_report([str(tmp_path)], cfg, nlp=object())
    assert not (tmp_path / "w.db").exists()
