"""Concurrency: runs on one store take turns (the writer lock), readers never see a half-written story."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from wirecheck.store import Store, lock_path, writer_lock

from test_crash_safety import check_store, events_jsonl, start_run


def test_a_second_writer_waits_for_the_first_and_says_so(tmp_path):
    """The writer lock is exclusive; the waiting side hears once why it waits, then gets the lock."""
    db = tmp_path / "w.db"
    messages: list[str] = []
    order: list[str] = []
    with writer_lock(db):
        def second() -> None:
            with writer_lock(db, on_wait=messages.append):
                order.append("second")
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        order.append("first done")
    t.join(5)
    assert order == ["first done", "second"]
    assert len(messages) == 1 and "waiting for another run on this store" in messages[0]
    assert lock_path(db).exists()


def test_nested_transactions_are_savepoints(tmp_path):
    """An inner transaction that fails undoes only its own writes; the outer one commits the rest."""
    with Store(tmp_path / "w.db") as store:
        with store.transaction() as db:
            db.execute("INSERT INTO meta VALUES ('a', '1')")
            try:
                with store.transaction() as inner:
                    inner.execute("INSERT INTO meta VALUES ('b', '2')")
                    raise RuntimeError("inner fails")
            except RuntimeError:
                pass
        assert [r[0] for r in store.db.execute("SELECT key FROM meta")] == ["a"]


@pytest.mark.model
def test_two_runs_on_one_store_both_finish(tmp_path):
    """Two ``wirecheck run`` processes on one store at once (overlapping inputs): both exit 0, one waits
    with a message, each article is stored once; a reader polling meanwhile never sees a story whose
    analysis lags its articles."""
    from wirecheck.sample import corpus_dir

    db = tmp_path / "w.db"
    events = str(events_jsonl(tmp_path / "events.jsonl"))
    first = start_run([str(corpus_dir())], db, tmp_path / "out1", tmp_path)
    second = start_run([str(corpus_dir()), events], db, tmp_path / "out2", tmp_path)
    half_written = []
    while first.poll() is None or second.poll() is None:
        if db.exists():
            try:
                with Store(db) as store, store.snapshot():
                    half_written += store.unanalysed_story_ids()
            except Exception:  # the store is still being created
                pass
        time.sleep(0.2)
    logs = [p.communicate()[0] for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, logs
    assert sum("waiting for another run on this store" in log for log in logs) == 1, logs
    assert half_written == []
    con = sqlite3.connect(db)
    n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    con.close()
    check_store(Path(db), n)
    assert n == 34
