"""The local engine: a run's per-article work in this process, streamed (issue #13, "memory stays flat").

Articles are read, cleaned and checked against the store one at a time; each ``engine.batch_size`` new
ones are analysed together (:func:`wirecheck.engines.batch.analyse_batch`) and stored at once, so a run
holds one batch of texts and features however large its input is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, TextIO

from ..config import EngineConfig
from ..records import Article
from ..timing import timed, timed_iter
from .batch import analyse_batch

if TYPE_CHECKING:
    from ..pipeline import Runner, RunResult

class LocalEngine:
    """Runs the per-article work in the calling process, a batch at a time."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config

    def ingest(self, runner: Runner, inputs: Sequence[str], stdin: TextIO | None, result: RunResult) -> None:
        """Stream ``inputs`` through cleaning, the store's duplicate checks, analysis and storing, in batches
        (timings ``ingest`` for reading and cleaning, ``analyse_articles`` for analysing and storing)."""
        batch: list[Article] = []
        for cleaned in timed_iter(runner.prepared(inputs, stdin, result), result.timings, "ingest"):
            new = runner.accept(cleaned, result)
            if new is not None:
                batch.append(new)
            if len(batch) >= self.config.batch_size:
                self._flush(runner, batch, result)
                batch = []
        self._flush(runner, batch, result)

    def _flush(self, runner: Runner, batch: list[Article], result: RunResult) -> None:
        with timed(result.timings, "analyse_articles"):
            runner.store_analysed(analyse_batch(batch, runner.models, runner.config, result.timings), result)
