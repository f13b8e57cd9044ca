"""The Ray engine: the per-article work as a Ray Data pipeline (issue #13, ``docs/scaling.md``).

The inputs are cut into shards (a file each: a directory's files, a JSONL or WARC file given); a Ray Data
pipeline reads each shard (:func:`read_shard`, the same readers as the local engine), and model-holding
actors (:class:`Analyser`, ``engine.workers`` of them, each loading the models once) clean the articles
and analyse them in batches with the same library functions as the local engine
(:mod:`wirecheck.engines.batch`). The results are written as Parquet (:mod:`.parquet`), then the runner
reads them back in input order and does what it does for the local engine: the duplicate and revision
checks, storing, clustering, story analyses. Only reading, cleaning, parsing, embedding and claims run
in parallel; everything after them runs in the driver, in the same order as with the local engine, so
the report is the same.

Without ``engine.address`` a local Ray cluster is started for the run (``engine.workers`` CPUs for the
actors and one for reading); with ``auto`` (or ``host:port``) a running one is joined. URLs and standard
input are not shards (fetching needs the store's validators): give them to the local engine.
"""

from __future__ import annotations

import os
import resource
import tempfile
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence, TextIO, cast

from .. import codec
from ..config import Config, ConfigError, EngineConfig, IngestConfig
from ..records import RawArticle, Rejected
from ..timing import timed
from .batch import Analysed, Models, analyse_batch, prepare
from .parquet import read_results, rejection_kind, result_row, result_schema

if TYPE_CHECKING:
    from ..pipeline import Runner, RunResult


def input_shards(inputs: Sequence[str], skip=lambda source: False) -> list[str | Rejected]:
    """The shards of ``inputs`` in reading order: each file (a directory's files, sorted, as the readers
    walk it), or the rejection walking a directory gave; ``skip`` leaves out a file (the run's own store
    and report). A :class:`~wirecheck.config.ConfigError` for an input that is not a local path."""
    from ..ingest import STDIN, iter_files
    from ..ingest.urls import web_url

    shards: list[str | Rejected] = []
    for item in inputs:
        if item == STDIN or web_url(item):
            raise ConfigError(f"engine ray reads local files and folders; {item!r} is not one (read standard "
                              "input and fetch URLs with --engine local)")
        path = Path(item)
        if path.is_dir():
            shards += [f if isinstance(f, Rejected) else str(f) for f in iter_files(path)
                       if isinstance(f, Rejected) or not skip(str(f))]
        elif not skip(item):
            shards.append(item)  # a missing or unreadable one is rejected by the reader, with its reason
    return shards


def read_shard(row: dict[str, Any], config: IngestConfig) -> Iterator[dict[str, Any]]:
    """The records of one shard as rows: ``shard``, ``position`` (its place in the shard), ``kind`` (``raw``,
    or a rejection's kind) and ``record`` (the record as JSON)."""
    from ..ingest import read_inputs

    for position, item in enumerate(read_inputs([row["input"]], config)):
        kind = "raw" if isinstance(item, RawArticle) else rejection_kind(item)
        yield {"shard": row["shard"], "position": position, "kind": kind, "record": codec.dumps(item)}


class Analyser:
    """A Ray actor holding the models (loaded once, when it starts): cleans and analyses a batch of read
    rows into result rows (:func:`wirecheck.engines.parquet.result_row`)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.models = Models(config, device=config.engine.device)
        self.models.load()

    def __call__(self, batch):
        """Result rows (a ``pyarrow.Table``) for a batch of :func:`read_shard` rows (a ``pyarrow.Table``)."""
        import pyarrow as pa

        from ..ingest import ReadWarning
        from ..records import ShortText

        rows = batch.to_pylist()
        done: list[Analysed | Rejected | None] = [None] * len(rows)
        todo = []
        for i, row in enumerate(rows):
            if row["kind"] != "raw":
                cls = {"warning": ReadWarning, "rejected": Rejected, "too_short": ShortText}[row["kind"]]
                done[i] = codec.load_one(cls, row["record"])
                continue
            raw = codec.load_one(RawArticle, row["record"])
            assert raw is not None  # read_shard writes every raw record
            prepared = prepare(raw, self.config, self.models.detector)
            if isinstance(prepared, Rejected):
                done[i] = prepared
            else:
                todo.append((i, prepared))
        for (i, _), analysed in zip(todo, analyse_batch([a for _, a in todo], self.models, self.config)):
            done[i] = analysed
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak so far, MB (Linux: KiB)
        out = [result_row(row["shard"], row["position"], item, os.getpid(), rss)
               for row, item in zip(rows, done) if item is not None]
        return pa.Table.from_pylist(out, schema=result_schema())


def _gpus_per_actor(config: EngineConfig) -> float:
    """GPUs each actor asks Ray for: a share of the cluster's when the embedding model may use one."""
    import ray

    gpus = ray.cluster_resources().get("GPU", 0) if config.device != "cpu" else 0
    return min(1.0, gpus / config.workers) if gpus else 0.0


class RayEngine:
    """Runs the per-article work as a Ray Data pipeline; the runner stores, clusters and analyses."""

    def __init__(self, config: EngineConfig) -> None:
        self.config = config

    def ingest(self, runner: Runner, inputs: Sequence[str], stdin: TextIO | None, result: RunResult) -> None:
        """Analyse ``inputs``' shards on Ray into Parquet (timing ``analyse_articles``), then hand the
        results to ``runner`` in input order (timing ``ingest``); the peak memory of each worker process
        goes into ``result.worker_memory_mb``."""
        shards = input_shards(inputs, runner.is_own_output)
        folder_cm: AbstractContextManager[str]
        if self.config.results:  # kept: a new folder per run (run numbers repeat across stores)
            Path(self.config.results).mkdir(parents=True, exist_ok=True)
            folder_cm = nullcontext(tempfile.mkdtemp(prefix=f"run-{result.run_id}-", dir=self.config.results))
        else:
            folder_cm = tempfile.TemporaryDirectory(prefix="wirecheck-ray-")
        with folder_cm as folder:
            files = [(i, s) for i, s in enumerate(shards) if isinstance(s, str)]
            with timed(result.timings, "analyse_articles"):
                if files:
                    self.execute(runner.config, files, Path(folder))
            with timed(result.timings, "ingest"):
                self._hand_over(runner, shards, Path(folder), result)

    def execute(self, config: Config, files: list[tuple[int, str]], folder: Path) -> None:
        """Run the pipeline over ``files`` (shard number, path), writing the result rows under ``folder``."""
        import logging

        import ray

        started = not ray.is_initialized()
        if started:
            if self.config.address:
                ray.init(address=self.config.address, logging_level=logging.ERROR, log_to_driver=False)
            else:
                ray.init(num_cpus=self.config.workers + 1, include_dashboard=False, logging_level=logging.ERROR,
                         log_to_driver=False)
        try:
            context = ray.data.DataContext.get_current()
            for name in ("ray", "ray.data"):  # Ray's own notices (plan, progress, resources) stay in its logs
                logging.getLogger(name).setLevel(logging.ERROR)
            context.enable_progress_bars = False
            context.execution_options.preserve_order = True
            rows = ray.data.from_items([{"shard": i, "input": path} for i, path in files],
                                       override_num_blocks=len(files))
            read = rows.flat_map(cast(Any, read_shard), fn_kwargs={"config": config.ingest})
            analysed = read.map_batches(Analyser, fn_constructor_kwargs={"config": config}, batch_format="pyarrow",
                                        batch_size=self.config.batch_size,
                                        compute=ray.data.ActorPoolStrategy(size=self.config.workers),
                                        num_cpus=1, num_gpus=_gpus_per_actor(self.config))
            analysed.write_parquet(str(folder))
        finally:
            if started:
                ray.shutdown()

    def _hand_over(self, runner: Runner, shards: list[str | Rejected], folder: Path, result: RunResult) -> None:
        """The results, in input order, to ``runner``: rejections recorded, new articles stored."""
        from ..ingest import ReadWarning

        walked = [(i, s) for i, s in enumerate(shards) if isinstance(s, Rejected)]  # from walking a folder,
        walked.reverse()  # put back at their place: popped from the end, in shard order

        def reject_walked(upto: float) -> None:
            while walked and walked[-1][0] <= upto:
                runner.reject(result, walked.pop()[1])

        for row, item in read_results(folder, chunk=self.config.batch_size * 8):
            reject_walked(row["shard"])
            worker = row["worker"]
            result.worker_memory_mb[worker] = max(result.worker_memory_mb.get(worker, 0.0), row["worker_rss_mb"])
            if isinstance(item, ReadWarning):
                runner.warn(result, item)
            elif isinstance(item, Rejected):
                runner.reject(result, item)
            else:
                new = runner.accept(item.article, result)
                if new is not None:
                    runner.store_analysed([replace(item, article=new)], result)
        reject_walked(float("inf"))
