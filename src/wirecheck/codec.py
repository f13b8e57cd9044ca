"""Conversions between typed records and plain data.

Used by the store, whose rows are records as named columns (:class:`Columns`):
scalars as they are, booleans as integers, nested records, lists and dicts as
compact JSON text, numpy arrays as raw float32 bytes, never as JSON. What goes
into which column follows from the record's field types in
:mod:`wirecheck.records`, so a new field is one change there plus a migration
adding its column.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import TYPE_CHECKING, Any, Callable, Generic, Literal, Mapping, Sequence, TypeVar, Union

from .records import Array

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")  # a record class


def plain(record: Any) -> Any:
    """A record (or list of records, or None) as plain dicts and lists."""
    if record is None:
        return None
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
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
    """One (flat) record of ``cls`` from JSON text (``None`` and ``null`` give ``None``); unknown keys are ignored."""
    if text is None:
        return None
    data = json.loads(text)
    return None if data is None else _build(cls, data)


def load_many(cls: type[T], text: str | None) -> list[T]:
    """A list of (flat) ``cls`` records from JSON text."""
    if not text:
        return []
    return [_build(cls, d) for d in json.loads(text)]


def array_to_blob(array) -> bytes:
    """A numpy array as float32 bytes (shape is implied by the caller)."""
    import numpy as np

    return np.ascontiguousarray(array, dtype=np.float32).tobytes()


def blob_to_array(blob: bytes | None, dim: int):
    """float32 bytes back to an (n, dim) array (no rows for empty bytes)."""
    import numpy as np

    if not blob:
        return np.zeros((0, dim), dtype=np.float32)
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, dim).copy()


# ---------------------------------------------------------------- records as rows


@dataclasses.dataclass(frozen=True, slots=True)
class Codec:
    """How one field's value travels through a column: ``encode`` into it, ``decode`` back."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


SCALAR = Codec(_same, _same)
BOOL = Codec(int, bool)
JSON = Codec(dumps, lambda text: None if text is None else json.loads(text))


def record_json(cls: type[DataclassInstance], many: bool) -> Codec:
    """Nested (flat) records of ``cls`` as JSON text: one record (or None), or a list of them."""
    if many:
        return Codec(dumps, lambda text: load_many(cls, text))
    return Codec(dumps, lambda text: load_one(cls, text))


def vector(dim: int) -> Codec:
    """A (dim,) float32 vector (or None) as bytes."""
    return Codec(lambda v: None if v is None else array_to_blob(v),
                 lambda b: None if b is None else blob_to_array(b, dim)[0])


def matrix(dim: int) -> Codec:
    """An (n, dim) float32 matrix as bytes."""
    return Codec(array_to_blob, lambda b: blob_to_array(b, dim))


def codec_for(hint: Any) -> Codec:
    """The codec a field of type ``hint`` is stored with (arrays need an explicit :func:`vector`/:func:`matrix`)."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return codec_for(inner[0])
        return JSON
    if hint is bool:
        return BOOL
    if hint in (str, int, float) or typing.get_origin(hint) is Literal:
        return SCALAR
    if hint is Array:
        raise TypeError("an array field needs an explicit codec (vector or matrix: its shape)")
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return record_json(hint, many=False)
    if typing.get_origin(hint) is list and args and isinstance(args[0], type) and dataclasses.is_dataclass(args[0]):
        return record_json(args[0], many=True)
    return JSON


class Columns(Generic[T]):
    """One record type as the named columns of one table.

    Every field is a column of the same name (``rename`` maps the exceptions)
    unless it is in ``skip`` (held in another table); its codec follows from its
    type unless ``codecs`` gives one. Columns a table holds beside the record's
    fields (the owning story, a position) are passed as ``extra``.
    """

    def __init__(self, cls: type[T], table: str, *, rename: Mapping[str, str] | None = None,
                 skip: Sequence[str] = (), codecs: Mapping[str, Codec] | None = None) -> None:
        rename, codecs = rename or {}, codecs or {}
        hints = typing.get_type_hints(cls)
        self.cls, self.table = cls, table
        self.plan: tuple[tuple[str, str, Codec], ...] = tuple(
            (f.name, rename.get(f.name, f.name), codecs.get(f.name) or codec_for(hints[f.name]))
            for f in dataclasses.fields(cls) if f.name not in skip
        )

    def row(self, record: T, **extra: Any) -> dict[str, Any]:
        """``record`` as column -> value, with the ``extra`` columns after its own."""
        out = {column: codec.encode(getattr(record, name)) for name, column, codec in self.plan}
        out.update(extra)
        return out

    def record(self, row: Mapping[str, Any], **fields: Any) -> T:
        """The record a row holds; ``fields`` gives the skipped ones (and overrides)."""
        values = {name: codec.decode(row[column]) for name, column, codec in self.plan}
        values.update(fields)
        return self.cls(**values)
