"""The command line, end to end through its real entry point."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from wirecheck.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def cli_run(sample_dir, tmp_path_factory):
    """`wirecheck run` over the bundled corpus plus one unreadable file."""
    tmp = tmp_path_factory.mktemp("cli")
    bad = tmp / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4 not an article")
    db, out = tmp / "w.db", tmp / "out"
    result = runner.invoke(app, ["run", str(sample_dir), str(bad), "--db", str(db), "--out", str(out),
                                 "--format", "json,md,html"])
    assert result.exit_code == 0, result.output
    return db, out, result


def test_run_writes_all_formats_and_lists_rejected(cli_run):
    db, out, result = cli_run
    for name in ("report.json", "report.md", "report.html"):
        assert (out / name).exists()
        assert str(out / name) in result.output
    report = json.loads((out / "report.json").read_text())
    assert any(r["source"].endswith("notes.pdf") for r in report["rejected"])
    assert "notes.pdf" in result.output


def test_rerun_adds_nothing_twice(cli_run, sample_dir):
    db, out, _ = cli_run
    again = runner.invoke(app, ["run", str(sample_dir), "--db", str(db), "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "0 new article(s)" in again.output


def test_stories_and_show_read_the_store(cli_run):
    db, out, _ = cli_run
    listed = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    report = json.loads((out / "report.json").read_text())
    assert {r["id"] for r in rows} == {s["id"] for s in report["stories"]}
    story = report["stories"][0]
    shown = runner.invoke(app, ["show", story["id"], "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["id"] == story["id"] and data["origins"] == story["origins"]
    md = runner.invoke(app, ["show", story["id"], "--db", str(db)])
    assert md.exit_code == 0 and "independent source" in md.output


def test_show_why_explains_membership(cli_run):
    db, out, _ = cli_run
    report = json.loads((out / "report.json").read_text())
    article = report["stories"][0]["articles"][-1]
    why = runner.invoke(app, ["show", "--why", article, "--db", str(db)])
    assert why.exit_code == 0, why.output
    assert report["stories"][0]["id"] in why.output or "new story" in why.output


@pytest.mark.parametrize("args,message", [
    (["show", "s-nope"], "no story"),
    (["show", "--why", "nope"], "no stored article"),
    (["show", "x", "--format", "pdf"], "--format"),
])
def test_bad_requests_are_clear_errors(cli_run, args, message):
    db, _, _ = cli_run
    result = runner.invoke(app, args + ["--db", str(db)])
    assert result.exit_code == 2
    assert message in result.output


def test_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store" in result.output


def test_nothing_readable_exits_nonzero(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01")
    result = runner.invoke(app, ["run", str(bad), "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nothing could be read" in result.output


def test_every_command_has_help_with_an_example():
    for command in ("run", "demo", "stories", "show", "schema"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "wirecheck", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)["properties"]["schema_version"]["const"] == 1


RECORD = {"id": "s1", "title": "Bridge closes in Harlow", "outlet": "Harlow Herald",
          "published": "2026-11-20T07:00:00Z",
          "text": "The Harlow river bridge was closed on Thursday after engineers found cracks in two of "
                  "its four supports, the city council said. About 30,000 drivers use the bridge each day. "
                  "Council leader Mira Stone said repairs would take at least six weeks."}


@pytest.fixture(scope="module")
def stdin_run(tmp_path_factory):
    """`wirecheck run -` over one JSONL record, with a config file that sets the store and a join threshold."""
    tmp = tmp_path_factory.mktemp("stdin")
    config = tmp / "wc.toml"
    config.write_text(f'[run]\ndb = "{tmp / "w.db"}"\n[cluster]\nthreshold = 0.42\n')
    result = runner.invoke(app, ["run", "-", "--config", str(config), "--out", str(tmp / "o")],
                           input=json.dumps(RECORD) + "\n")
    assert result.exit_code == 0, result.output
    return tmp, config


def test_jsonl_on_stdin(stdin_run):
    tmp, _ = stdin_run
    report = json.loads((tmp / "o" / "report.json").read_text())
    assert [a["external_id"] for a in report["articles"]] == ["s1"]
    assert report["articles"][0]["source"] == "<stdin>#s1"


def test_config_file_on_reading_commands(stdin_run):
    tmp, config = stdin_run
    listed = runner.invoke(app, ["stories", "--config", str(config), "--json"])
    assert listed.exit_code == 0, listed.output
    (story,) = json.loads(listed.output)
    shown = runner.invoke(app, ["show", story["id"], "--config", str(config), "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.output)["id"] == story["id"]


def test_show_why_explains_with_the_runs_configuration(stdin_run):
    """--why reads the threshold the article was clustered with, not today's default or flags."""
    tmp, _ = stdin_run
    article = json.loads((tmp / "o" / "report.json").read_text())["articles"][0]["id"]
    why = runner.invoke(app, ["show", "--why", article, "--db", str(tmp / "w.db")])
    assert why.exit_code == 0, why.output
    assert "join threshold 0.42" in why.output


def test_every_command_that_reads_configuration_takes_config():
    for command in ("run", "demo", "stories", "show"):
        assert "--config" in runner.invoke(app, [command, "--help"]).output


@pytest.mark.parametrize("setup,args,message", [
    ("bad-toml", ["run", "IN", "--config", "CFG"], "cannot read config file"),
    ("bad-value", ["run", "IN", "--config", "CFG"], "cluster.threshold: expected a number"),
    (None, ["run", "IN", "--format", "json,pdf"], "unknown report format"),
    ("not-a-store", ["run", "IN"], "cannot open store"),
    ("not-a-store", ["stories"], "cannot open store"),
    ("out-is-a-file", ["run", "IN"], "is a file"),
    (None, ["show", "--why", "x", "--config", "CFG"], "cannot read config file"),
])
def test_user_errors_are_clear_messages(tmp_path, setup, args, message):
    """What is the user's to fix exits 2 with one line, before any work is done."""
    inp, cfg, db, out = tmp_path / "a.txt", tmp_path / "wc.toml", tmp_path / "w.db", tmp_path / "o"
    inp.write_text(RECORD["text"])
    cfg.write_text("[run\n" if setup != "bad-value" else "[cluster]\nthreshold = 'high'\n")
    if setup == "not-a-store":
        db.write_text("this is not a database, " * 100)
    if setup == "out-is-a-file":
        out.write_text("")
    args = [{"IN": str(inp), "CFG": str(cfg)}.get(a, a) for a in args] + ["--db", str(db)]
    result = runner.invoke(app, args + (["--out", str(out)] if args[0] == "run" else []))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    if setup != "not-a-store":
        assert not db.exists()  # nothing was run


def test_missing_input_is_rejected_with_its_reason(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "none.txt"), "--db", str(tmp_path / "w.db"),
                                 "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.output and "nothing could be read" in result.output


def test_bugs_are_not_turned_into_messages(tmp_path, monkeypatch):
    """An error that is no user's fault surfaces as itself, not as a friendly exit."""
    import wirecheck.pipeline

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(wirecheck.pipeline.Runner, "run", broken)
    result = runner.invoke(app, ["run", str(tmp_path), "--db", str(tmp_path / "w.db"), "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, ValueError) and result.exit_code == 1
