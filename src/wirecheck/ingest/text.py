"""Reader for plain-text dumps (``.txt``, ``.md``) as copied from news sites.

The whole file is one article. The title (first non-empty line) is taken by
the cleaner, after site furniture is removed, so that a share prompt or menu
copied above the headline is never mistaken for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import ReadError, decode, read_bytes


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Yield one ``RawArticle(fmt="text")`` for the file, or a :class:`Rejected`."""
    try:
        text = decode(read_bytes(path, config))
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    if not text.strip():
        yield Rejected(source, "file is empty")
        return
    yield RawArticle(source=source, fmt="text", text=text)
