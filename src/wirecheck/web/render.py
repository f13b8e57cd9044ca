"""HTML pieces the web pages build in code: an article's text with its claim spans highlighted, and the
links the pages may follow (the provenance graph's layout is :mod:`wirecheck.report.graph`, shared with
``report.html``).

Article content is untrusted: every piece of text is escaped here (``markupsafe.escape``) before it is
wrapped in markup, and the highlighted text is cut from the article by character offsets, never by
searching and replacing inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text to mark: ``href`` is where it links (a claim on its story page)."""

    start: int
    end: int
    href: str
    title: str


def highlighted(text: str, spans: Sequence[Span], target: tuple[int, int] | None = None) -> Markup:
    """``text`` as HTML with each span a link (the shortest span covering a stretch wins where spans overlap)
    and ``target`` (a cited passage) marked, the first piece of it with ``id="hl"``."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = {0, n}
    for s in spans:
        cuts |= {s.start, s.end}
    if target is not None:
        cuts |= {max(0, min(n, target[0])), max(0, min(n, target[1]))}
    bounds = sorted(cuts)
    out: list[str] = []
    first_target = True
    for a, b in zip(bounds, bounds[1:]):
        piece = str(escape(text[a:b]))
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if covering:
            s = min(covering, key=lambda s: (s.end - s.start, s.start))
            piece = (f'<a class="claim" href="{escape(s.href)}" title="{escape(s.title)}"'
                     f' data-start="{s.start}" data-end="{s.end}">{piece}</a>')
        if target is not None and target[0] <= a and b <= target[1] and a < b:
            mark_id = ' id="hl"' if first_target else ""
            first_target = False
            piece = f'<mark class="target"{mark_id}>{piece}</mark>'
        out.append(piece)
    return Markup("".join(out))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a page may link to, else None (``javascript:`` and the like
    are shown as text, never as links)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def path_part(value: str) -> str:
    """``value`` quoted as one path segment of a URL (a slash included)."""
    return quote(value, safe="")


def article_link(article: str, start: int | None = None, end: int | None = None) -> str:
    """The article page's address, with a passage to mark when given."""
    base = f"/article/{path_part(article)}"
    if start is None or end is None or end <= start:
        return base
    return f"{base}?hl={start}-{end}#hl"
