"""Conversions between typed records and plain JSON-able data.

Used by the store (rows hold JSON for nested fields) and the report contract.
Numpy arrays travel as raw float32 bytes, never as JSON.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

from .records import (
    Clues, Quantity, Quote, Removed, RoleGroup, SpanPair, Variant,
)

T = TypeVar("T")


def plain(record: Any) -> Any:
    """A record (or list of records, or None) as plain dicts and lists."""
    if record is None:
        return None
    if dataclasses.is_dataclass(record):
        return dataclasses.asdict(record)
    if isinstance(record, list):
        return [plain(r) for r in record]
    return record


def dumps(record: Any) -> str:
    """Compact JSON text of :func:`plain` of ``record``."""
    return json.dumps(plain(record), ensure_ascii=False, separators=(",", ":"))


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def load_one(cls: type[T], text: str | None) -> T | None:
    """One record of ``cls`` from JSON text (``None`` stays ``None``)."""
    if text is None:
        return None
    data = json.loads(text)
    return None if data is None else _build(cls, data)


def load_many(cls: type[T], text: str | None) -> list[T]:
    """A list of ``cls`` records from JSON text."""
    if not text:
        return []
    return [_build(cls, d) for d in json.loads(text)]


def load_quantity(text: str | None) -> Quantity | None:
    """A :class:`Quantity` from JSON text or ``None``."""
    return load_one(Quantity, text)


def load_quote(text: str | None) -> Quote | None:
    """A :class:`Quote` from JSON text or ``None``."""
    return load_one(Quote, text)


def load_clues(text: str | None) -> Clues:
    """:class:`Clues` from JSON text (empty clues when missing)."""
    return load_one(Clues, text) or Clues()


def load_removed(text: str | None) -> list[Removed]:
    """The removed-furniture list from JSON text."""
    return load_many(Removed, text)


def load_spans(text: str | None) -> list[SpanPair]:
    """Evidence span pairs from JSON text."""
    return load_many(SpanPair, text)


def load_variants(text: str | None) -> list[Variant]:
    """Discrepancy variants from JSON text."""
    return load_many(Variant, text)


def load_roles(text: str | None) -> list[RoleGroup]:
    """An entity's role groups from JSON text."""
    return load_many(RoleGroup, text)


def array_to_blob(array) -> bytes:
    """A numpy array as float32 bytes (shape is implied by the caller)."""
    import numpy as np

    return np.ascontiguousarray(array, dtype=np.float32).tobytes()


def blob_to_array(blob: bytes | None, dim: int):
    """float32 bytes back to a (n, dim) array, or a (dim,) vector when ``dim`` rows is one."""
    import numpy as np

    if not blob:
        return np.zeros((0, dim), dtype=np.float32)
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, dim).copy()
