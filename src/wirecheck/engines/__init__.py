"""Engines: the executors of a run's per-article work (issue #13, ``docs/scaling.md``).

Both run the same library functions (:mod:`wirecheck.engines.batch`) and hand their results to the same
runner (:class:`wirecheck.pipeline.Runner`), which stores them, clusters and analyses the stories:

- ``local`` (:mod:`.local`): in this process, streamed in batches of ``engine.batch_size`` articles;
- ``ray`` (:mod:`.ray`): a Ray Data pipeline over the input files, with model-holding actors, writing the
  per-article results as Parquet, read back by the runner in input order.

``engine.name`` chooses; nothing here imports Ray, which is an optional extra (``wirecheck[ray]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Sequence, TextIO

from ..config import ConfigError, EngineConfig

if TYPE_CHECKING:
    from ..pipeline import Runner, RunResult


class Engine(Protocol):
    """Reads a run's inputs and has their per-article work done, handing each result to the runner."""

    def ingest(self, runner: Runner, inputs: Sequence[str], stdin: TextIO | None, result: RunResult) -> None:
        """Read ``inputs``, analyse each new article and store it through ``runner`` (in input order)."""
        ...


class EngineUnavailable(ConfigError):
    """The configured engine needs a package that is not installed."""


def engine_for(config: EngineConfig) -> Engine:
    """The engine ``config.name`` names, set up from ``config``; :class:`EngineUnavailable` when it is
    ``ray`` and Ray is not installed."""
    if config.name == "ray":
        try:
            import ray  # noqa: F401
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(f"engine ray: {exc.name or 'ray'} is not installed; install wirecheck[ray] "
                                    f"(pip install 'wirecheck[ray]') or use --engine local") from None
        from .ray import RayEngine

        return RayEngine(config)
    if config.name != "local":
        raise ConfigError(f"engine.name: must be local or ray, got {config.name!r}")
    from .local import LocalEngine

    return LocalEngine(config)
