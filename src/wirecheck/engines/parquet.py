"""Per-article results as Parquet (pyarrow): one row per item read, with a schema that follows from the
records (issue #13).

Each record type travels as a struct of the columns the store gives it (:class:`wirecheck.codec.Columns`,
``wirecheck.store``'s table plans), so a field added in :mod:`wirecheck.records` appears here with no
second declaration, and a row decodes to exactly the records the store would read back. A row is
``kind`` ``article`` (an :class:`~wirecheck.engines.batch.Analysed` article: ``article``, ``features``,
``sentences``, ``entities``, ``mentions``, ``roles``, ``warnings``) or ``rejected`` / ``too_short`` /
``warning`` (``rejected``), at ``(shard, position)``: its input and its place in it, which give the
input order back. ``worker`` and ``worker_rss_mb`` say which process analysed it and its peak memory then.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Literal, Union

from .. import codec
from ..records import Array, ArticleClaims, Rejected, ShortText
from ..store import ARTICLES, ENTITIES, FEATURES, MENTIONS, REJECTED, ROLES, SENTENCES
from .batch import Analysed

if TYPE_CHECKING:
    import pyarrow as pa

#: a rejection's columns: source and reason, and for a text too short to analyse its text and title
REJECTIONS = codec.Columns(ShortText, "rejected")
KINDS = ("article", "rejected", "too_short", "warning")


def _arrow_type(pa, hint: Any, how: codec.Codec):
    """The Arrow type of a column holding a field of type ``hint`` encoded by ``how``."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = inner[0] if len(inner) == 1 else hint
    if how is codec.BOOL:
        return pa.int64()
    if hint is Array:
        return pa.binary()  # float32 bytes (codec.vector / codec.matrix)
    if how is codec.SCALAR:
        if hint is int:
            return pa.int64()
        if hint is float:
            return pa.float64()
        if hint is str or typing.get_origin(hint) is Literal:
            return pa.string()
    return pa.string()  # JSON text


def _struct(pa, columns: codec.Columns):
    hints = typing.get_type_hints(columns.cls)
    return pa.struct([pa.field(column, _arrow_type(pa, hints[name], how)) for name, column, how in columns.plan])


def result_schema() -> pa.Schema:
    """The Arrow schema of a per-article result row (see the module's docstring)."""
    import pyarrow as pa

    def many(columns: codec.Columns):
        return pa.list_(_struct(pa, columns))

    return pa.schema([
        ("shard", pa.int64()), ("position", pa.int64()), ("kind", pa.string()),
        ("worker", pa.int64()), ("worker_rss_mb", pa.float64()),
        ("rejected", _struct(pa, REJECTIONS)), ("article", _struct(pa, ARTICLES)),
        ("features", _struct(pa, FEATURES)), ("sentences", many(SENTENCES)), ("entities", many(ENTITIES)),
        ("mentions", many(MENTIONS)), ("roles", many(ROLES)), ("warnings", many(REJECTIONS)),
    ])


def _rejection_row(rejected: Rejected) -> dict[str, Any]:
    if isinstance(rejected, ShortText):
        return REJECTIONS.row(rejected)
    return REJECTED.row(rejected, text=None, title=None)


def rejection_kind(rejected: Rejected) -> str:
    """The row kind of a rejection: ``too_short``, ``warning`` (read all the same) or ``rejected``."""
    from ..ingest import ReadWarning

    if isinstance(rejected, ShortText):
        return "too_short"
    return "warning" if isinstance(rejected, ReadWarning) else "rejected"


def result_row(shard: int, position: int, item: Analysed | Rejected, worker: int = 0,
               worker_rss_mb: float = 0.0) -> dict[str, Any]:
    """One result as a row of :func:`result_schema`."""
    row: dict[str, Any] = {"shard": shard, "position": position, "worker": worker, "worker_rss_mb": worker_rss_mb}
    if isinstance(item, Rejected):
        return {**row, "kind": rejection_kind(item), "rejected": _rejection_row(item)}
    feats, claims = item.features, item.claims
    return {
        **row, "kind": "article", "article": ARTICLES.row(item.article), "features": FEATURES.row(feats),
        "sentences": [SENTENCES.row(s) for s in feats.sentences], "entities": [ENTITIES.row(e) for e in feats.entities],
        "mentions": [MENTIONS.row(m) for m in claims.mentions], "roles": [ROLES.row(r) for r in claims.roles],
        "warnings": [_rejection_row(w) for w in item.warnings],
    }


def _rejection(row: dict[str, Any], kind: str) -> Rejected:
    from ..ingest import ReadWarning

    if kind == "too_short":
        return REJECTIONS.record(row)
    return (ReadWarning if kind == "warning" else Rejected)(row["source"], row["reason"])


def read_row(row: dict[str, Any]) -> Analysed | Rejected:
    """The result a row of :func:`result_schema` holds, as the records :func:`result_row` was given."""
    kind = row["kind"]
    if kind != "article":
        return _rejection(row["rejected"], kind)
    article = ARTICLES.record(row["article"])
    features = FEATURES.record(row["features"], sentences=[SENTENCES.record(s) for s in row["sentences"]],
                               entities=[ENTITIES.record(e) for e in row["entities"]])
    claims = ArticleClaims(article.id, [MENTIONS.record(m) for m in row["mentions"]],
                           [ROLES.record(r) for r in row["roles"]])
    return Analysed(article, features, claims, [_rejection(w, "rejected") for w in row["warnings"]])


def read_results(folder: Path, chunk: int = 256) -> Iterator[tuple[dict[str, Any], Analysed | Rejected]]:
    """The result rows in the Parquet files under ``folder``, in input order (shard, then position), each
    with what it holds; read ``chunk`` rows at a time or so (one shard's rows, or a slice of a large shard's,
    at a time), so the reader holds a chunk, not the results. The row dicts give ``worker`` and
    ``worker_rss_mb`` beside the record."""
    import pyarrow.compute as pc
    import pyarrow.dataset as pds

    files = sorted(str(p) for p in folder.rglob("*.parquet"))
    if not files:
        return
    data = pds.dataset(files, format="parquet", schema=result_schema())
    counts = pc.value_counts(data.to_table(columns=["shard"]).column("shard"))
    sizes = sorted((int(c["values"].as_py()), int(c["counts"].as_py())) for c in counts)
    shard, position = pc.field("shard"), pc.field("position")
    for lo, hi, start, stop in _slices(sizes, chunk):
        where = (shard >= lo) & (shard <= hi)
        if start is not None:
            where = where & (position >= start) & (position < stop)
        table = data.to_table(filter=where).sort_by([("shard", "ascending"), ("position", "ascending")])
        for row in table.to_pylist():
            yield row, read_row(row)


def _slices(sizes: list[tuple[int, int]], chunk: int) -> Iterator[tuple[int, int, int | None, int | None]]:
    """Ranges of shards (first, last) of about ``chunk`` rows in all; a shard with more rows is cut into
    position ranges ``[start, stop)`` of ``chunk`` rows (a shard's positions run from 0 without gaps)."""
    group: list[int] = []
    rows = 0
    for shard, n in sizes:
        if n > chunk:
            if group:
                yield group[0], group[-1], None, None
                group, rows = [], 0
            for start in range(0, n, chunk):
                yield shard, shard, start, start + chunk
            continue
        if group and rows + n > chunk:
            yield group[0], group[-1], None, None
            group, rows = [], 0
        group.append(shard)
        rows += n
    if group:
        yield group[0], group[-1], None, None
