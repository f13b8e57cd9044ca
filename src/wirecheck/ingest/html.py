"""Reader for saved web pages (``.html``, ``.htm``): one page is one article.

Extraction of the article body and metadata happens in the cleaner
(:mod:`wirecheck.clean.html`), not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..records import RawArticle, Rejected
from .files import ReadError, decode, read_bytes


def read_file(path: Path, source: str, config: IngestConfig) -> Iterator[RawArticle | Rejected]:
    """Yield one ``RawArticle(fmt="html")`` for the page, or a :class:`Rejected`."""
    try:
        html = decode(read_bytes(path, config), html=True)
    except ReadError as exc:
        yield Rejected(source, str(exc))
        return
    if not html.strip():
        yield Rejected(source, "file is empty")
        return
    yield RawArticle(source=source, fmt="html", html=html)
