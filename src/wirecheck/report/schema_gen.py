"""Generate ``report.schema.json`` from the records and the contract's views.

The schema is derived, never written by hand: each record of :mod:`wirecheck.records`
the report shows becomes a definition with the fields :data:`contract.VIEWS` gives it
(their types, ``Literal`` vocabularies as enums, the comments beside them in
``records.py`` as descriptions), a few limits the contract promises (offsets are never
negative, scores lie in 0–1) are added, and pydantic's ``TypeAdapter`` writes the JSON
Schema. ``python -m wirecheck.report.schema_gen`` rewrites the checked-in file
(``--check`` only says whether it is current). pydantic is imported only here.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import json
import re
import sys
import textwrap
import tokenize
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Union

from ..records import ArticleProvenance, BriefSentence, Derivation, StoryAnalysis
from .contract import DETAIL_FIELDS, REPORT_FIELDS, SCHEMA_VERSION, view_of

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "report.schema.json"

HEADER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://wirecheck.invalid/schema/report/{SCHEMA_VERSION}",
    "title": "wirecheck report",
    "description": f"report.json, schema_version {SCHEMA_VERSION}. Every offset (start/end) points into the clean "
                   "text of the article it names. Generated from wirecheck.records by wirecheck.report.schema_gen; "
                   "extra fields may be added.",
}

# Limits the contract promises beyond the field types.
NON_NEGATIVE = {"start", "end", "source_start", "source_end", "label_start", "label_end", "origin",
                "independent_support", "independent_sources"}
UNIT_INTERVAL = {(Derivation, "score"), (ArticleProvenance, "aligned_share")}
NOT_EMPTY = {(BriefSentence, "citations")}  # lists with at least one item
NOT_EMPTY_ITEMS = {(StoryAnalysis, "origins")}  # lists of lists, each with at least one item

# The typing forms the schema's types are built with, subscripted with types known only at run time
# (mypy reads a subscript as a static type, so they are typed as plain values here).
_UNION: Any = Union
_LIST: Any = list
_DICT: Any = dict
_ANNOTATED: Any = Annotated


def field_comments(cls: type) -> dict[str, str]:
    """Field name -> the comment beside it in its class's source, else the comment lines just above it."""
    source = textwrap.dedent(inspect.getsource(cls))
    comments = {tok.start[0]: tok.string.lstrip("#:").strip()
                for tok in tokenize.generate_tokens(io.StringIO(source).readline) if tok.type == tokenize.COMMENT}
    lines = source.splitlines()
    names = {f.name for f in dataclasses.fields(cls)}
    out: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        match = re.match(r"    (\w+)\s*:", line)
        if not match or match.group(1) not in names:
            continue
        above: list[str] = []
        k = number - 1
        while k in comments and lines[k - 1].lstrip().startswith("#"):
            above.insert(0, comments[k])
            k -= 1
        text = comments.get(number) or " ".join(above)
        if text:
            out[match.group(1)] = text
    return out


def generate() -> dict[str, Any]:
    """The JSON Schema of ``report.json`` (with ``$defs/StoryDetail``, what ``show --format json`` prints)."""
    from pydantic import Field, TypeAdapter
    from pydantic.json_schema import GenerateJsonSchema
    from typing_extensions import TypedDict

    make_typed_dict: Any = TypedDict  # called with names and fields known only at run time

    class Generator(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            return False

    made: dict[type, Any] = {}

    def shown_type(hint: Any) -> Any:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return typed(hint)
        if origin in (Union, types.UnionType):
            return _UNION[tuple(shown_type(a) for a in args)]
        if origin is list:
            return _LIST[shown_type(args[0])]
        if origin is dict:
            return _DICT[args[0], shown_type(args[1])]
        return hint

    def limited(cls: type, name: str, hint: Any, meaning: str | None) -> Any:
        limits: dict[str, Any] = {"description": meaning} if meaning else {}
        if hint is int and name in NON_NEGATIVE:
            limits["ge"] = 0
        if (cls, name) in UNIT_INTERVAL:
            limits.update(ge=0, le=1)
        if (cls, name) in NOT_EMPTY:
            limits["min_length"] = 1
        if (cls, name) in NOT_EMPTY_ITEMS:
            hint = _LIST[_ANNOTATED[typing.get_args(hint)[0], Field(min_length=1)]]
        return _ANNOTATED[hint, Field(**limits)] if limits else hint

    def typed(cls: type) -> Any:
        if cls not in made:
            view, hints, meanings = view_of(cls), typing.get_type_hints(cls), field_comments(cls)
            fields = {view.rename.get(f.name, f.name): limited(cls, f.name, shown_type(hints[f.name]),
                                                              meanings.get(f.name))
                      for f in dataclasses.fields(cls) if f.name not in view.drop}
            for name in view.derived:
                hint = typing.get_type_hints(getattr(cls, name).fget)["return"]
                fields[name] = limited(cls, name, shown_type(hint), None)
            for name, (hint, meaning) in view.extra.items():
                fields[name] = limited(cls, name, shown_type(hint), meaning)
            made[cls] = make_typed_dict(cls.__name__, fields)
            made[cls].__doc__ = inspect.cleandoc(cls.__doc__ or "")
        return made[cls]

    def top(name: str, fields: dict[str, tuple[Any, str]], base: dict[str, Any] | None = None) -> Any:
        return make_typed_dict(name, {**(base or {}), **{k: _ANNOTATED[shown_type(hint), Field(description=meaning)]
                                                         for k, (hint, meaning) in fields.items()}})

    report = top("Report", REPORT_FIELDS)
    detail = top("StoryDetail", DETAIL_FIELDS, typed(StoryAnalysis).__annotations__)
    detail.__doc__ = "What `wirecheck show --format json` prints: one story, with its articles."
    refs, definitions = TypeAdapter.json_schemas(
        [("report", "validation", TypeAdapter(report)), ("detail", "validation", TypeAdapter(detail))],
        ref_template="#/$defs/{model}", schema_generator=Generator)
    defs = definitions["$defs"]
    root = defs.pop("Report")
    root.pop("title", None)
    root.pop("description", None)
    return compact({**HEADER, **root, "$defs": defs})


def compact(node: Any) -> Any:
    """``anyOf`` of bare types (``string`` or ``null``) written as one ``type`` list, all through ``node``."""
    if isinstance(node, list):
        return [compact(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: compact(v) for k, v in node.items()}
    options = out.get("anyOf")
    if isinstance(options, list) and all(isinstance(o, dict) and set(o) == {"type"} for o in options):
        out.pop("anyOf")
        out["type"] = [o["type"] for o in options]
    return out


def render(schema: dict[str, Any]) -> str:
    """The schema as the checked-in file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the checked-in schema (or, with ``--check``, return 1 when it is not the generated one)."""
    argv = sys.argv[1:] if argv is None else argv
    text = render(generate())
    if "--check" in argv:
        current = SCHEMA_FILE.read_text("utf-8") == text
        print("report.schema.json is current" if current else "report.schema.json is stale: "
              "run python -m wirecheck.report.schema_gen")
        return 0 if current else 1
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
