"""Watch mode (wirecheck.watch): what each poll hands to a run, and a watch that outlives failing polls."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from wirecheck.config import Config
from wirecheck.sample import corpus_dir
from wirecheck.watch import Watcher, watch

SAMPLES = sorted(p for p in corpus_dir().iterdir() if p.suffix in (".txt", ".html"))


def test_each_poll_hands_over_new_and_changed_files_and_every_url(tmp_path: Path):
    shutil.copy(SAMPLES[0], tmp_path / SAMPLES[0].name)
    watcher = Watcher([str(tmp_path), "https://example.org/feed.rss"])
    assert watcher.due() == [str(tmp_path / SAMPLES[0].name), "https://example.org/feed.rss"]
    assert watcher.due() == ["https://example.org/feed.rss"]  # nothing new in the folder
    shutil.copy(SAMPLES[1], tmp_path / SAMPLES[1].name)
    (tmp_path / SAMPLES[0].name).write_text(SAMPLES[0].read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    assert sorted(watcher.due()[:-1]) == sorted(str(tmp_path / p.name) for p in SAMPLES[:2])


def test_a_watch_survives_failing_polls_and_retries_their_files(tmp_path: Path):
    shutil.copy(SAMPLES[0], tmp_path / SAMPLES[0].name)
    calls: list[list[str]] = []
    errors: list[str] = []
    results: list[object] = []

    def flaky(items: list[str], config: Config) -> object:
        calls.append(items)
        if len(calls) == 1:
            raise ConnectionError("network is unreachable")  # an injected fault
        if len(calls) == 2:
            shutil.copy(SAMPLES[1], tmp_path / SAMPLES[1].name)  # a file arrives during a poll
        return len(items)

    ran = watch([str(tmp_path)], Config(), threading.Event(), interval=0, run=flaky, on_error=errors.append,
                on_result=results.append, cycles=4)
    first = [str(tmp_path / SAMPLES[0].name)]
    assert ran == 4
    assert calls == [first, first, [str(tmp_path / SAMPLES[1].name)]]  # retried, then only the new file
    assert errors == ["cycle 1 failed: ConnectionError: network is unreachable"]
    assert results == [1, 1]


def test_a_set_stop_event_ends_the_watch_at_once(tmp_path: Path):
    stop = threading.Event()
    stop.set()
    assert watch([str(tmp_path)], Config(), stop, interval=3600, run=lambda items, cfg: None) == 0
