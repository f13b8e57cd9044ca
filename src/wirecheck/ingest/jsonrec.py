"""Reader for structured records: ``.json`` (one object or a list), ``.jsonl`` and stdin.

Each object is one article and needs a non-empty ``text`` or ``html`` string.
Optional fields: ``id`` (-> ``external_id``), ``title``, ``url``, ``outlet``,
``published`` (ISO-8601) and ``language``. Records get the source
``FILE#ID`` when they carry an id, else ``FILE#LINE`` (1-based line number
for JSONL, 1-based index for a JSON list).

A field of the wrong JSON type (a number as ``title``, a list as ``text``)
and a ``published`` value that is not a valid ISO-8601 date or datetime are
ignored with a :class:`~.files.ReadWarning` saying so, and the record is kept
when it still has a ``text`` or ``html`` string: a bad field should not cost
the article. A record with both ``text`` and ``html`` is read as text.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, TextIO

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import (UTF16_BOMS, ReadError, ReadWarning, binary_reason, decode, file_text, iter_lines,
                    legacy_warning, open_regular)

_OPTIONAL = ("title", "url", "outlet", "language")
_JSON_TYPES = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object",
               type(None): "null"}


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


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _string_field(obj: dict, key: str, notes: list[str]) -> str | None:
    """``obj[key]`` stripped when it is a non-empty string; a note when it is there but not a string."""
    value = obj.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if value is not None:
        notes.append(f"'{key}' is {_json_type(value)}, not a string; ignored")
    return None


def record_to_raw(obj: Any, file_source: str, position: int) -> tuple[RawArticle | Rejected, list[str]]:
    """Turn one decoded JSON value into a :class:`RawArticle`, or reject it; with the notes (fields of the
    wrong type or an unreadable date, ignored) to report as warnings about a kept record."""
    if not isinstance(obj, dict):
        return Rejected(f"{file_source}#{position}",
                        f"expected a JSON object, got {_json_type(obj)}"), []
    notes: list[str] = []
    ident = obj.get("id")
    external_id = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) \
        and str(ident).strip() else None
    if ident is not None and external_id is None and not isinstance(ident, str):
        notes.append(f"'id' is {_json_type(ident)}, not a string or whole number; ignored")
    source = f"{file_source}#{external_id if external_id else position}"
    text, html = obj.get("text"), obj.get("html")
    wrong = [f"'{k}' is {_json_type(v)}, not a string" for k, v in (("text", text), ("html", html))
             if v is not None and not isinstance(v, str)]
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    if text is None and html is None:
        return Rejected(source, "record has no non-empty 'text' or 'html' field"
                                + "".join(f"; {w}" for w in wrong)), []
    notes += [f"{w}; ignored" for w in wrong]
    extra = {k: _string_field(obj, k, notes) for k in _OPTIONAL}
    published = normalise_published(obj.get("published"))
    if published is None and obj.get("published") not in (None, ""):
        value = repr(obj["published"])
        notes.append(f"'published' {value[:60] + '...' if len(value) > 60 else value} is not an "
                     f"ISO-8601 date or datetime; ignored")
    return RawArticle(
        source=source,
        fmt="json" if text is not None else "html",
        text=text,
        html=None if text is not None else html,
        external_id=external_id,
        published=published,
        **extra,
    ), notes


def _with_notes(item: RawArticle | Rejected, notes: list[str]) -> Iterator[RawArticle | Rejected]:
    """The warnings about a kept record, then the record."""
    for note in notes:
        yield ReadWarning(item.source, note)
    yield item


def _read_lines(lines: Iterable[tuple[int, str | Rejected]], source: str, config: IngestConfig
                ) -> Iterator[RawArticle | Rejected]:
    """Records from numbered lines; a line that is already a :class:`Rejected` (or warning) is passed on."""
    for number, line in lines:
        if isinstance(line, Rejected):
            yield line
            continue
        if not line.strip():
            continue
        if len(line) > config.max_bytes:
            yield Rejected(f"{source}#{number}", _line_too_long(number, config))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(f"{source}#{number}", f"invalid JSON on line {number}: {exc.msg}")
            continue
        except RecursionError:
            yield Rejected(f"{source}#{number}", f"invalid JSON on line {number}: nested too deeply")
            continue
        yield from _with_notes(*record_to_raw(obj, source, number))


def _line_too_long(number: int, config: IngestConfig) -> str:
    return f"line {number} is over the {config.max_bytes:,}-byte limit (ingest.max_bytes)"


def read_jsonl_stream(stream: TextIO, source: str, config: IngestConfig
                      ) -> Iterator[RawArticle | Rejected]:
    """Read JSONL from an open text stream (stdin) line by line, at most ``ingest.max_bytes`` characters
    of a line in memory; bad lines are rejected one by one."""
    lines = ((n, Rejected(f"{source}#{n}", _line_too_long(n, config)) if line is None else line)
             for n, line in iter_lines(stream, config.max_bytes))
    try:
        yield from _read_lines(lines, source, config)
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejected(source, f"cannot read input stream: {exc}")


def _decoded_lines(handle: BinaryIO, source: str, config: IngestConfig) -> Iterator[tuple[int, str | Rejected]]:
    """Each line of a JSONL file decoded on its own (UTF-8, else Windows-1252/Latin-1 with a warning), or
    rejected: over the size cap, binary or undecodable."""
    for number, data in iter_lines(handle, config.max_bytes):
        where = f"{source}#{number}"
        if data is None:
            yield number, Rejected(where, _line_too_long(number, config))
            continue
        try:
            text, encoding = decode(data)
        except ReadError as exc:
            yield number, Rejected(where, f"line {number}: {exc}")
            continue
        if encoding:
            yield number, legacy_warning(where, encoding)
        yield number, text


def read_jsonl_file(path: Path, source: str, config: IngestConfig
                    ) -> Iterator[RawArticle | Rejected]:
    """Read a ``.jsonl`` file: one article per line; an invalid line rejects only itself.

    The file is read line by line (at most one line of ``ingest.max_bytes`` in memory at once), so a feed
    of any size is read; a binary file is rejected as a whole, and a UTF-16 file is read whole (within
    ``ingest.max_bytes``).
    """
    try:
        with open_regular(path, config.max_bytes) as handle:  # a .jsonl.gz: at most max_bytes decompressed
            head = handle.read(65536)
            if not head.startswith(UTF16_BOMS):
                binary = binary_reason(head)
                if binary:  # a binary file is rejected as a whole, not line by line
                    raise ReadError(binary)
                handle.seek(0)
                yield from _read_lines(_decoded_lines(handle, source, config), source, config)
                return
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    except OSError as exc:
        yield Rejected(source, f"cannot read file: {exc.strerror or exc}")
        return
    text = yield from file_text(path, source, config)  # UTF-16: decoded whole
    if text is None:
        return
    yield from _read_lines(enumerate(text.split("\n"), start=1), source, config)  # not splitlines(): U+2028


def read_json_file(path: Path, source: str, config: IngestConfig
                   ) -> Iterator[RawArticle | Rejected]:
    """Read a ``.json`` file holding one article object or a list of them."""
    text = yield from file_text(path, source, config)
    if text is None:
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
            yield from _with_notes(*record_to_raw(obj, source, index))
    elif isinstance(data, dict):
        raw, notes = record_to_raw(data, source, 1)
        if isinstance(raw, RawArticle) and raw.external_id is None:
            raw = replace(raw, source=source)  # a single object is the file itself
        elif isinstance(raw, Rejected) and not isinstance(data.get("id"), (str, int)):
            raw = replace(raw, source=source)
        yield from _with_notes(raw, notes)
    else:
        yield Rejected(source, f"expected a JSON object or list, got {_json_type(data)}")
