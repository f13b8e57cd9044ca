"""HTML extraction with trafilatura: article paragraphs and page metadata.

Precision-oriented settings (``favor_precision``, no comments); the
publication date comes from htmldate through trafilatura, preferring the
original date over the last-modified one. Same furniture rules as for text
dumps are applied afterwards by :func:`wirecheck.clean.clean_article`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .normalise import paragraphs

_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)


@dataclass(slots=True)
class PageExtract:
    """What trafilatura found in one page."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None


def extract_html(html: str, url: str | None = None, precision: bool = True) -> PageExtract:
    """Extract body paragraphs and metadata (title, site name, url, date, author) from a page."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(  # a Document (as_dict=False)
        html,
        url=url,
        favor_precision=precision,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    lang = _LANG.search(html[:5000])
    if doc is None:
        return PageExtract(language=lang.group(1).lower() if lang else None)
    return PageExtract(
        paragraphs=paragraphs(doc.text or ""),
        title=doc.title or None,
        outlet=doc.sitename or None,
        url=doc.url or url,
        published=doc.date or None,
        author=doc.author or None,
        language=(doc.language or (lang.group(1).lower() if lang else None)),
    )
