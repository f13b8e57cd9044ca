"""A store the user cannot write (issue #14): the reading commands and the web UI work on it (they open it
with SQLite's ``mode=ro``), ``wirecheck run`` stops with a clear message and exit 2, and nothing in it
changes. The store is made read-only for real: ``chattr +i`` (immutable) on the store, its files and its
folder when the tests run as root (for whom ``chmod`` stops nothing), ``chmod`` otherwise."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web import build_store
from typer.testing import CliRunner

from wirecheck.cli import app
from wirecheck.sample import corpus_dir
from wirecheck.web import create_app

runner = CliRunner()


def _set_read_only(folder: Path, on: bool) -> None:
    """Make ``folder`` and every file in it read-only (``on``) or writable again."""
    paths = [*sorted(folder.iterdir()), folder]
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i" if on else "-i", *map(str, paths)], check=True, capture_output=True)
    else:
        for p in paths:
            p.chmod((0o555 if p.is_dir() else 0o444) if on else (0o755 if p.is_dir() else 0o644))


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def read_only_store(tmp_path: Path):
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "w.db"
    ids = build_store(db)
    (folder / "w.db.lock").touch()  # as a run leaves it
    if os.geteuid() == 0 and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a store read-only")
    before = _digest(folder)
    try:
        _set_read_only(folder, True)
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"cannot make the store read-only here: {exc}")
    try:
        with pytest.raises(OSError):  # the store really is read-only, even for root
            (folder / "probe").write_text("x")
        yield db, ids
    finally:
        _set_read_only(folder, False)
    assert _digest(folder) == before  # nothing in it changed, no file added


def test_reading_commands_and_the_web_ui_work_on_a_read_only_store(read_only_store):
    db, ids = read_only_store
    listing = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert listing.exit_code == 0, listing.output
    assert "s-flood" in listing.output
    shown = runner.invoke(app, ["show", "s-flood", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "Floods in the Sarandi valley" in shown.output or "Sarandi" in shown.output
    client = TestClient(create_app(db), base_url="http://localhost")
    assert client.get("/").status_code == 200
    assert client.get("/story/s-flood").status_code == 200 and "Sarandi" in client.get("/story/s-flood").text


def test_run_on_a_read_only_store_fails_clearly_and_keeps_it(read_only_store, tmp_path: Path):
    db, _ = read_only_store
    result = runner.invoke(app, ["run", str(corpus_dir()), "--db", str(db), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "read-only" in result.output and str(db) in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_the_store_is_whole_after_the_failed_run(tmp_path: Path):
    folder = tmp_path / "s"
    folder.mkdir()
    build_store(folder / "w.db")
    with sqlite3.connect(folder / "w.db") as conn:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    _set_read_only(folder, True)
    try:
        assert runner.invoke(app, ["run", str(corpus_dir()), "--db", str(folder / "w.db"),
                                   "--out", str(tmp_path / "out")]).exit_code == 2
    finally:
        _set_read_only(folder, False)
    with sqlite3.connect(folder / "w.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
