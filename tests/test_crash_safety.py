"""Crash safety: a run killed with SIGKILL at any point loses nothing, and the next run finishes its work.

The real ``wirecheck run`` runs as a subprocess over a few dozen real articles (the bundled sample corpus
and four events of the alignment benchmark), is killed at several points, and is run again; the store
must pass SQLite's integrity check, hold every article once, and the final report must equal an
uninterrupted run's. Failed writes (a full disk, a read-only store) and failed report writes leave the
store consistent and the previous report whole.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wirecheck

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ("ferry", "floods", "derailment", "layoffs")  # 24 articles in four stories
TIMES = {"generated_at", "started_at", "finished_at"}


def events_jsonl(path: Path, events: tuple[str, ...] = EVENTS) -> Path:
    """A fixed subset of the alignment benchmark's articles as one JSONL input."""
    with path.open("w", encoding="utf-8") as out:
        for event in events:
            data = json.loads((ROOT / "benchmarks" / "alignment" / f"{event}.json").read_text(encoding="utf-8"))
            for a in data["articles"]:
                out.write(json.dumps({"id": f"{event}-{a['key']}", "title": a["title"], "outlet": a["outlet"],
                                      "published": a["published"], "text": a["text"]}) + "\n")
    return path


def inputs(tmp_path: Path) -> list[str]:
    """The sample corpus and the benchmark subset: 34 articles, read in a fixed order."""
    from wirecheck.sample import corpus_dir

    return [str(corpus_dir()), str(events_jsonl(tmp_path / "events.jsonl"))]


def env() -> dict[str, str]:
    """The environment of a subprocess run: this checkout's wirecheck, no user configuration."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("WIRECHECK_")}
    out["PYTHONPATH"] = os.pathsep.join([str(Path(wirecheck.__file__).parents[1]), out.get("PYTHONPATH", "")])
    out["OMP_NUM_THREADS"] = "1"
    return out


def start_run(args: list[str], db: Path, out: Path, cwd: Path) -> subprocess.Popen:
    """``wirecheck run ARGS --db DB --out OUT`` as a subprocess (stdout and stderr captured)."""
    return subprocess.Popen([sys.executable, "-m", "wirecheck", "run", *args, "--db", str(db), "--out", str(out)],
                            cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def counts(db: Path) -> tuple[int, int, bool]:
    """(articles stored, articles clustered, whether a run has finished), as a reader sees them now."""
    if not db.exists():
        return 0, 0, False
    con = sqlite3.connect(db, timeout=30)
    try:
        stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        clustered = con.execute("SELECT COUNT(*) FROM assignments").fetchone()[0]
        finished = con.execute("SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL").fetchone()[0] > 0
        return stored, clustered, finished
    except sqlite3.OperationalError:  # tables not created yet
        return 0, 0, False
    finally:
        con.close()


def kill_when(proc: subprocess.Popen, db: Path, stored_at_least: int, timeout: float = 240) -> tuple[int, int, bool]:
    """SIGKILL ``proc`` as soon as the store holds ``stored_at_least`` articles (or it ended first);
    returns what the store held just before the kill."""
    deadline = time.monotonic() + timeout
    state = counts(db)
    while proc.poll() is None and state[0] < stored_at_least and time.monotonic() < deadline:
        time.sleep(0.01)
        state = counts(db)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return state


def normalised(report_path: Path) -> dict:
    """report.json without what differs between equal runs: times, the run's own record."""
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in TIMES and k != "run"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    return strip(json.loads(report_path.read_text(encoding="utf-8")))


def check_store(db: Path, n_articles: int) -> None:
    """The store passes SQLite's integrity check and holds each article exactly once, in one story."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)) == n_articles
        assigned = [r[0] for r in con.execute("SELECT article_id FROM assignments")]
        assert sorted(assigned) == sorted(ids)
    finally:
        con.close()


@pytest.fixture(scope="module")
def baseline(nlp, tmp_path_factory):
    """An uninterrupted run over the inputs: (inputs, normalised report, article count)."""
    from wirecheck.config import load_config
    from wirecheck.pipeline import run_and_report

    tmp = tmp_path_factory.mktemp("baseline")
    args = inputs(tmp)
    cfg = load_config(overrides={"run": {"db": str(tmp / "w.db"), "out": str(tmp / "out")}}, environ={})
    result = run_and_report(args, cfg, nlp=nlp)
    return args, normalised(result.reports["json"]), len(result.seen_articles)


def test_killed_runs_resume_to_the_uninterrupted_report(baseline, tmp_path):
    """SIGKILL while articles are being stored, then while the last are stored or clustered, then a run
    that finishes: the store is whole and the report equals the uninterrupted run's."""
    args, expected, n = baseline
    db, out = tmp_path / "w.db", tmp_path / "out"
    states = []
    for stored_at_least in (5, n):  # mid-way through storing; at the last article (clustering next)
        states.append(kill_when(start_run(args, db, out, tmp_path), db, stored_at_least))
        check_store_partial(db)
    assert any(0 < stored and clustered < stored for stored, clustered, _ in states), states  # work was left over
    final = start_run(args, db, out, tmp_path)
    log, _ = final.communicate(timeout=300)
    assert final.returncode == 0, log
    check_store(db, n)
    assert normalised(out / "report.json") == expected
    stats = json.loads((out / "report.json").read_text(encoding="utf-8"))["run"]["stats"]
    assert stats["new_articles"] + stats.get("resumed_articles", 0) <= n
    assert stats["seen_articles"] == n


def check_store_partial(db: Path) -> None:
    """After a kill: integrity ok, no article twice, and every clustered story is analysed (clustering and
    analysis commit together)."""
    if not db.exists():
        return
    from wirecheck.store import Store

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids))
    finally:
        con.close()
    with Store(db) as store:
        assert store.unanalysed_story_ids() == []


def test_a_failed_store_write_keeps_the_store_and_the_report(nlp, tmp_path, monkeypatch):
    """A full disk (a size-limited store) mid-run: a clear error, the store consistent with no story
    changed, the previous report whole; the next run with room resumes and finishes."""
    import wirecheck.pipeline
    from wirecheck.config import load_config
    from wirecheck.pipeline import run_and_report
    from wirecheck.sample import corpus_dir
    from wirecheck.store import Store, StoreError

    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    first = run_and_report([str(corpus_dir())], cfg, nlp=nlp)
    before = {fmt: path.read_bytes() for fmt, path in first.reports.items()}
    with Store(cfg.run.db) as store:
        stories_before = store.stories_summary()

    class FullStore(Store):  # the disk fills up after a few more articles (about 15 pages each)
        def __init__(self, path):
            super().__init__(path)
            pages = self.db.execute("PRAGMA page_count").fetchone()[0]
            self.db.execute(f"PRAGMA max_page_count = {pages + 40}")

    monkeypatch.setattr(wirecheck.pipeline, "Store", FullStore)
    events = str(events_jsonl(tmp_path / "events.jsonl", EVENTS[:2]))
    with pytest.raises(StoreError, match="cannot write to the store .*full"):
        run_and_report([str(corpus_dir()), events], cfg, nlp=nlp)
    assert {fmt: path.read_bytes() for fmt, path in first.reports.items()} == before
    with Store(cfg.run.db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.stories_summary() == stories_before  # no story changed, none half-written
        assert store.unanalysed_story_ids() == []
        kept = store.unclustered_article_ids()
    assert kept  # whole articles stored before the disk filled up

    monkeypatch.setattr(wirecheck.pipeline, "Store", Store)
    again = run_and_report([str(corpus_dir()), events], cfg, nlp=nlp)
    assert again.resumed_articles == kept
    check_store(Path(cfg.run.db), len(again.seen_articles))


def test_a_read_only_store_is_a_clear_error(nlp, tmp_path, monkeypatch):
    """A store that cannot be written: a clear error before anything changes, the previous report whole."""
    import wirecheck.pipeline
    from wirecheck.config import load_config
    from wirecheck.pipeline import run_and_report
    from wirecheck.sample import corpus_dir
    from wirecheck.store import Store, StoreError

    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    first = run_and_report([str(corpus_dir())], cfg, nlp=nlp)
    before = first.reports["json"].read_bytes()

    class ReadOnlyStore(Store):  # as a file the user may not write (chmod is no test as root)
        def __init__(self, path):
            super().__init__(path)
            self.db.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(wirecheck.pipeline, "Store", ReadOnlyStore)
    with pytest.raises(StoreError, match="cannot write to the store .*readonly"):
        run_and_report([str(corpus_dir())], cfg, nlp=nlp)
    assert first.reports["json"].read_bytes() == before
