"""Stage timings: seconds added up per stage name, for a run's stats."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator, TypeVar

T = TypeVar("T")


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Add the seconds the ``with`` block takes to ``timings[stage]``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def timed_iter(items: Iterator[T], timings: dict[str, float], stage: str) -> Iterator[T]:
    """``items``, the seconds spent producing each one added to ``timings[stage]`` (not the consumer's)."""
    while True:
        start = time.perf_counter()
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start
        yield item
