"""Watch mode: poll feeds, URLs and folders, and run wirecheck on what is new, until told to stop.

Each cycle hands :func:`wirecheck.pipeline.run_and_report` the inputs that may hold something new: every
URL (a feed or page is re-fetched conditionally, so an unchanged one costs a 304), and the files of each
folder or file input that are new or changed since the last cycle (by size and modification time; a
:class:`Watcher` keeps what it saw, for its own run only). The run stores only new articles and re-analyses
only the stories whose membership changed. A cycle that fails (the store is locked by a crashed disk, the
network is down) is logged with its cause and the next cycle tries again; a bad entry is a rejection of its
cycle, not a failure. Stopping (Ctrl-C, SIGTERM: the caller sets the ``stop`` event) loses nothing already
stored: each article is committed as soon as it is analysed, and what a stopped run left unclustered is
resumed by the next run.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .config import Config
from .ingest import iter_inputs_files

Seen = dict[str, tuple[int, int]]  # path -> (size, mtime in ns)


@dataclass(slots=True)
class Watcher:
    """The inputs of a watch, and the files it has handed to a run (their size and time then)."""

    inputs: Sequence[str]
    seen: Seen = field(default_factory=dict)

    def due(self) -> list[str]:
        """The inputs worth a run now: URLs always, files new or changed since the last call."""
        due: list[str] = []
        for item in self.inputs:
            if "://" in item:
                due.append(item)
                continue
            for path in iter_inputs_files(Path(item)):
                try:
                    info = os.stat(path)
                except OSError:
                    due.append(str(path))  # let the run say why it cannot be read
                    continue
                stamp = (info.st_size, info.st_mtime_ns)
                if self.seen.get(str(path)) != stamp:
                    self.seen[str(path)] = stamp
                    due.append(str(path))
        return due


RunFn = Callable[[list[str], Config], object]


def watch(inputs: Sequence[str], config: Config, stop: threading.Event, *, interval: float = 300.0,
          run: RunFn | None = None, on_result: Callable[[object], None] | None = None,
          on_error: Callable[[str], None] | None = None, cycles: int | None = None) -> int:
    """Run cycles every ``interval`` seconds until ``stop`` is set (or ``cycles`` have run); return how
    many cycles ran. ``run`` is :func:`wirecheck.pipeline.run_and_report` unless given; ``on_result`` hears
    each cycle's result, ``on_error`` each failed cycle's cause (the watch goes on)."""
    if run is None:
        from .pipeline import run_and_report

        def run(items: list[str], cfg: Config) -> object:
            return run_and_report(items, cfg)
    watcher = Watcher(list(inputs))
    done = 0
    while not stop.is_set() and (cycles is None or done < cycles):
        due = watcher.due()
        if due:
            try:
                result = run(due, config)
            except Exception as exc:  # the watch outlives any one cycle; the next one retries
                for path in due:
                    watcher.seen.pop(path, None)  # not taken in: hand it over again next cycle
                if on_error is not None:
                    on_error(f"cycle {done + 1} failed: {type(exc).__name__}: {exc}")
            else:
                if on_result is not None:
                    on_result(result)
        done += 1
        if cycles is not None and done >= cycles:
            break
        stop.wait(interval)
    return done
