"""HTML extraction with trafilatura: article paragraphs and page metadata.

Precision-oriented settings (``favor_precision``, no comments), checked
against a reading without tables on pages laid out in tables and against a
recall reading when they find little (:func:`better_body`, chosen by
measurement: docs/benchmarks.md, Extraction); the publication date comes from
htmldate through trafilatura, preferring the original date over the
last-modified one. Same furniture rules as for text dumps are applied
afterwards by :func:`wirecheck.clean.clean_article`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .normalise import paragraphs, word_count

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
#: tags kept when a page too deeply nested for the parser is flattened (every other tag is dropped)
_FLAT_KEEP = frozenset({"html", "head", "body", "title", "meta", "link", "p", "br", "h1", "h2", "h3", "h4", "h5",
                        "h6", "li", "ul", "ol", "blockquote", "script", "style", "time"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr", "p", "li"})  # p and li close themselves often enough to count as void
#: libxml2 stops building the tree below this depth, so text nested deeper is lost to the parser
MAX_DEPTH = 255
_OPEN_DOCTYPE = re.compile(r"\A(\s*<!DOCTYPE[^<>\n]*)(\n\s*<)", re.I)
_TITLE_END = re.compile(r"</title\s*>", re.I)
_OPEN_TITLE = re.compile(r"(<title\b[^>]*>[^<\n]*)", re.I)
#: a table cell this long is running text: the table lays out the page (see :func:`layout_table`)
LAYOUT_CELL_WORDS = 25
#: the share of the first reading's words a reading without layout tables must keep to replace it
LAYOUT_KEEP = 0.3
#: below this share of the recall reading's words, the precise reading missed the body
RECALL_FALLBACK = 0.4
#: fewest words a second reading needs to replace the first
MIN_BODY_WORDS = 20
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
    #: rows of a layout table left out of the body (see :func:`split_layout`), kept as removed furniture
    layout: list[str] = field(default_factory=list)


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


def repair_head(html: str) -> str:
    """The page with the two breaks in its head that make the parser see no body at all mended: a
    ``<!DOCTYPE`` left open (the next tag read as part of it) is closed, and a ``<title>`` never closed by
    ``</title>`` (everything after it read as the title) is closed at the end of its line. Truncated and
    badly converted pages have them; any other page is returned unchanged."""
    html = _OPEN_DOCTYPE.sub(r"\1>\2", html, count=1)
    if not _TITLE_END.search(html):
        html = _OPEN_TITLE.sub(r"\1</title>", html, count=1)
    return html


def flatten(html: str) -> str:
    """The page with every tag but headings, paragraphs, list items and the document's frame dropped, so a
    page nested deeper than the parser goes (:data:`MAX_DEPTH`) keeps its text."""
    return _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in _FLAT_KEEP else " ", html)


def extract_html(html: str, url: str | None = None, precision: bool = True) -> PageExtract:
    """Extract body paragraphs and metadata (title, site name, url, date, author) from a page.

    A page whose text is nested deeper than :data:`MAX_DEPTH` levels, which the parser would lose, is
    read again :func:`flatten` ed when the first reading finds no text. The body is then checked
    against two other readings of the page (:func:`better_body`): without its tables when it is laid
    out in tables, and with trafilatura's recall settings when the precise reading finds little or
    nothing. Layout-table rows left in the body are split into their cells (:func:`split_layout`)."""
    page = _extract(html, url, precision)
    if not page.paragraphs and (repaired := repair_head(html)) != html:
        html, page = repaired, _extract(repaired, url, precision)
    if not page.paragraphs and nesting_depth(html) > MAX_DEPTH:
        html = flatten(html)
        page = _extract(html, url, precision)
    body = better_body(html, page.paragraphs, url, precision)
    page.paragraphs, page.layout = split_layout(body) if layout_table(body) else (body, [])
    return page


def _cells(paragraph: str) -> list[str]:
    """The cells of a table row as trafilatura writes it (``| a | b |``)."""
    return paragraph.strip().strip("|").split(" | ")


def _sentence(cell: str) -> bool:
    return word_count(cell) >= 3 and cell.rstrip()[-1:] in '.!?"”’\''


def split_layout(paras: list[str]) -> tuple[list[str], list[str]]:
    """A body that still holds layout-table rows (no reading without tables found the article), as
    ``(paragraphs, rows left out)``: each row of article text becomes its cells, one paragraph each, so
    the furniture rules see a footer or a promo cell on its own; a row with neither
    :data:`LAYOUT_CELL_WORDS` words nor a cell ending a sentence (a menu, a list of section names, a
    date cell) is left out, and rows with no text at all are dropped."""
    kept: list[str] = []
    left_out: list[str] = []
    for para in paras:
        if not para.startswith("|"):
            kept.append(para)
            continue
        cells = [c.strip() for c in _cells(para) if c.strip(" |")]
        if sum(word_count(c) for c in cells) >= LAYOUT_CELL_WORDS or any(_sentence(c) for c in cells):
            kept.extend(cells)
        elif cells:
            left_out.append(para)
    return kept, left_out


def layout_table(paras: list[str]) -> bool:
    """Whether the page is laid out in a table: a table row has a cell of running text
    (:data:`LAYOUT_CELL_WORDS` words or more), which a table of data does not have."""
    return any(word_count(cell) >= LAYOUT_CELL_WORDS for p in paras if p.startswith("|") for cell in _cells(p))


def better_body(html: str, paras: list[str], url: str | None, precision: bool) -> list[str]:
    """The body paragraphs to keep: ``paras`` (the first reading) or a second reading of the page.

    - A page laid out in tables (:func:`layout_table`) is read again without tables: trafilatura turns
      a layout table into rows that mix the article with menus, teasers and footers, while without
      tables it finds the article's own paragraphs. That reading is kept when it has at least
      :data:`LAYOUT_KEEP` of the words and :data:`MIN_BODY_WORDS` words.
    - Otherwise (not a layout table, or its plain reading is too short), with precision settings, the
      page is read again with ``favor_recall``; when the precise reading has less than
      :data:`RECALL_FALLBACK` of the recall reading's words, it missed the body (an article in an
      unusual container) and the recall reading is kept.
    """
    words = sum(word_count(p) for p in paras)
    if layout_table(paras):
        plain = _body(html, url, favor_precision=precision, include_tables=False)
        kept = sum(word_count(p) for p in plain)
        if kept >= LAYOUT_KEEP * words and kept >= MIN_BODY_WORDS:
            return plain
    if precision:
        recall = _body(html, url, favor_recall=True, include_tables=True)
        if words < RECALL_FALLBACK * sum(word_count(p) for p in recall):
            return recall
    return paras


def _body(html: str, url: str | None, favor_precision: bool = False, favor_recall: bool = False,
          include_tables: bool = True) -> list[str]:
    """The body paragraphs of one more reading of the page (no metadata, no comments)."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=False,
                                           favor_precision=favor_precision, favor_recall=favor_recall,
                                           include_tables=include_tables)
    return paragraphs(doc.text or "") if doc is not None else []


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
