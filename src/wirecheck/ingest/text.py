"""Reader for plain-text dumps (``.txt``, ``.md``) as copied from news sites.

The whole file is one article. The title (the first paragraph left once site
furniture is removed, when it is headline-sized) is taken by the cleaner, so
that a share prompt or menu copied above the headline is never mistaken for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import read_whole_file


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Yield one ``RawArticle(fmt="text")`` for the file, or a :class:`Rejected`."""
    return read_whole_file(path, source, config, "text")
