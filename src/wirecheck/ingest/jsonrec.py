"""Reader for structured records: ``.json`` (one object or a list), ``.jsonl`` and stdin.

Each object is one article and needs a non-empty ``text`` or ``html`` string.
Optional fields: ``id`` (-> ``external_id``), ``title``, ``url``, ``outlet``,
``published`` (ISO-8601) and ``language``. Records get the source
``FILE#ID`` when they carry an id, else ``FILE#LINE`` (1-based line number
for JSONL, 1-based index for a JSON list).

A ``published`` value that is not a valid ISO-8601 date or datetime is
dropped (set to ``None``) and the record is kept: a bad date should not
cost the article. A record with both ``text`` and ``html`` is read as text.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import ReadError, decode, read_bytes

_OPTIONAL = ("title", "url", "outlet", "language")


def normalise_published(value: Any) -> str | None:
    """An ISO-8601 date or datetime string in normal form, or ``None`` when invalid."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("z", "Z")).isoformat()
    except ValueError:
        return None


def record_to_raw(obj: Any, file_source: str, position: int) -> RawArticle | Rejected:
    """Turn one decoded JSON value into a :class:`RawArticle`, or reject it."""
    if not isinstance(obj, dict):
        return Rejected(f"{file_source}#{position}",
                        f"expected a JSON object, got {type(obj).__name__}")
    ident = obj.get("id")
    external_id = str(ident) if isinstance(ident, (str, int)) and str(ident).strip() else None
    source = f"{file_source}#{external_id if external_id else position}"
    text, html = obj.get("text"), obj.get("html")
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    if text is None and html is None:
        return Rejected(source, "record has no non-empty 'text' or 'html' field")
    extra = {k: (obj[k].strip() or None) if isinstance(obj.get(k), str) else None
             for k in _OPTIONAL}
    return RawArticle(
        source=source,
        fmt="json" if text is not None else "html",
        text=text,
        html=None if text is not None else html,
        external_id=external_id,
        published=normalise_published(obj.get("published")),
        **extra,
    )


def _read_lines(lines: Iterable[str], source: str, config: IngestConfig
                ) -> Iterator[RawArticle | Rejected]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > config.max_bytes:
            yield Rejected(f"{source}#{number}", f"line is over the {config.max_bytes:,}-byte limit")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{source}#{number}", f"invalid JSON on line {number}: {exc.msg}")
            continue
        except RecursionError:
            yield Rejected(f"{source}#{number}", f"invalid JSON on line {number}: nested too deeply")
            continue
        yield record_to_raw(obj, source, number)


def read_jsonl_stream(stream: TextIO, source: str, config: IngestConfig
                      ) -> Iterator[RawArticle | Rejected]:
    """Read JSONL from an open text stream (stdin); bad lines are rejected one by one."""
    try:
        yield from _read_lines(stream, source, config)
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejected(source, f"cannot read input stream: {exc}")


def _read_text(path: Path, source: str, config: IngestConfig) -> str | Rejected:
    """A file's decoded text, or the reason it cannot be read."""
    try:
        return decode(read_bytes(path, config))
    except ReadError as exc:
        return Rejected(source, str(exc))


def read_jsonl_file(path: Path, source: str, config: IngestConfig
                    ) -> Iterator[RawArticle | Rejected]:
    """Read a ``.jsonl`` file: one article per line; an invalid line rejects only itself."""
    text = _read_text(path, source, config)
    if isinstance(text, Rejected):
        yield text
        return
    yield from _read_lines(text.splitlines(), source, config)


def read_json_file(path: Path, source: str, config: IngestConfig
                   ) -> Iterator[RawArticle | Rejected]:
    """Read a ``.json`` file holding one article object or a list of them."""
    text = _read_text(path, source, config)
    if isinstance(text, Rejected):
        yield text
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"invalid JSON: {exc.msg} (line {exc.lineno})")
        return
    except RecursionError:
        yield Rejected(source, "invalid JSON: nested too deeply")
        return
    if isinstance(data, list):
        if not data:
            yield Rejected(source, "JSON list is empty")
        for index, obj in enumerate(data, start=1):
            yield record_to_raw(obj, source, index)
    elif isinstance(data, dict):
        raw = record_to_raw(data, source, 1)
        if isinstance(raw, RawArticle) and raw.external_id is None:
            raw = replace(raw, source=source)  # a single object is the file itself
        elif isinstance(raw, Rejected) and not isinstance(data.get("id"), (str, int)):
            raw = replace(raw, source=source)
        yield raw
    else:
        yield Rejected(source, f"expected a JSON object or list, got {type(data).__name__}")
