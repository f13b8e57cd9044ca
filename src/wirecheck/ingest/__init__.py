"""Reading inputs: files, directories and JSONL on stdin, into :class:`RawArticle` records.

:func:`read_inputs` is the only entry point the pipeline calls. It never
raises for bad input: whatever cannot be read becomes a :class:`Rejected`
record with a plain-language reason, and a problem with an input that was
read all the same becomes a :class:`ReadWarning` (a ``Rejected`` subclass)
yielded just before its record. One reader module per format:
:mod:`.text` (``.txt``, ``.md``), :mod:`.html` (``.html``, ``.htm``) and
:mod:`.jsonrec` (``.json``, ``.jsonl``, stdin).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Sequence, TextIO

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from . import html as _html
from . import jsonrec as _records
from . import text as _text
from . import warc as _warc
from .files import ReadWarning, iter_files, not_a_file

Reader = Callable[[Path, str, IngestConfig], Iterator[RawArticle | Rejected]]

#: File extension (lower case, with dot) -> reader.
READERS: dict[str, Reader] = {
    ".txt": _text.read_file,
    ".md": _text.read_file,
    ".html": _html.read_file,
    ".htm": _html.read_file,
    ".json": _records.read_json_file,
    ".jsonl": _records.read_jsonl_file,
    ".warc": _warc.read_file,
    ".warc.gz": _warc.read_file,
}

STDIN = "-"
STDIN_SOURCE = "<stdin>"

__all__ = ["READERS", "ReadWarning", "read_inputs", "read_path"]


def read_path(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Read one file with the reader for its extension (or reject it)."""
    reader = READERS.get("".join(path.suffixes[-2:]).lower()) or READERS.get(path.suffix.lower())
    if reader is None:
        ext = path.suffix or "no extension"
        yield Rejected(source, f"unsupported file type ({ext}); expected one of "
                               + ", ".join(sorted(READERS)))
        return
    yield from reader(path, source, config)


def read_inputs(
    inputs: Sequence[str], config: IngestConfig, stdin: TextIO | None = None
) -> Iterator[RawArticle | Rejected]:
    """Yield a :class:`RawArticle` or :class:`Rejected` for every article in ``inputs``.

    Each input is a file, a directory (searched recursively in sorted order,
    hidden files and folders skipped) or ``-`` for JSONL on ``stdin``.
    Bad input is rejected with a reason, never raised; only regular files are
    opened (pipes, sockets, devices and link loops are rejected from ``os.stat``).
    """
    for item in inputs:
        if item == STDIN:
            if stdin is None:
                yield Rejected(STDIN_SOURCE, "'-' given but no standard input is available")
                continue
            yield from _records.read_jsonl_stream(stdin, STDIN_SOURCE, config)
            continue
        path = Path(item)
        if not path.exists():
            yield Rejected(item, not_a_file(path) or "no such file or directory")
            continue
        if path.is_dir():
            for found in iter_files(path):
                if isinstance(found, Rejected):
                    yield found
                else:
                    yield from read_path(found, str(found), config)
        else:
            yield from read_path(path, item, config)
