"""Reader for saved web pages (``.html``, ``.htm``): one page is one article.

Extraction of the article body and metadata happens in the cleaner
(:mod:`wirecheck.clean.html`), not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import read_whole_file


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Yield one ``RawArticle(fmt="html")`` for the page, or a :class:`Rejected`."""
    return read_whole_file(path, source, config, "html")
