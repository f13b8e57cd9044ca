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

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
#: tags kept when a page too deeply nested for the parser is flattened (every other tag is dropped)
_FLAT_KEEP = frozenset({"html", "head", "body", "title", "meta", "link", "p", "br", "h1", "h2", "h3", "h4", "h5",
                        "h6", "li", "ul", "ol", "blockquote", "script", "style", "time"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr", "p", "li"})  # p and li close themselves often enough to count as void
#: libxml2 stops building the tree below this depth, so text nested deeper is lost to the parser
MAX_DEPTH = 255
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


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest at most, counted from its tags (void tags are not counted)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(0).endswith("/>") and m.group(2).lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten(html: str) -> str:
    """The page with every tag but headings, paragraphs, list items and the document's frame dropped, so a
    page nested deeper than the parser goes (:data:`MAX_DEPTH`) keeps its text."""
    return _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in _FLAT_KEEP else " ", html)


def extract_html(html: str, url: str | None = None, precision: bool = True) -> PageExtract:
    """Extract body paragraphs and metadata (title, site name, url, date, author) from a page.

    A page whose text is nested deeper than :data:`MAX_DEPTH` levels, which the parser would lose, is
    read again :func:`flatten` ed when the first reading finds no text."""
    page = _extract(html, url, precision)
    if not page.paragraphs and nesting_depth(html) > MAX_DEPTH:
        return _extract(flatten(html), url, precision)
    return page


def _extract(html: str, url: str | None, precision: bool) -> PageExtract:
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
