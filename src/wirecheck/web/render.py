"""HTML pieces the web pages build in code: an article's text with its claim spans highlighted, the
provenance graph's layout, and the links the pages may follow.

Article content is untrusted: every piece of text is escaped here (``markupsafe.escape``) before it is
wrapped in markup, and the highlighted text is cut from the article by character offsets, never by
searching and replacing inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

#: colours of origin groups in the graph and the agreement bars, by CSS class ``g0`` … ``g7``
GROUP_CLASSES = 8


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


# ---------------------------------------------------------------- the provenance graph


@dataclass(slots=True)
class Node:
    """An article in the graph: its place, origin group and label."""

    article: str
    x: int
    y: int
    group: int
    label: str
    title: str


@dataclass(slots=True)
class Edge:
    """A derivation drawn from the source's node to the derived article's (``index``: its place in the
    story's derivations, the id of its aligned pairs on the page)."""

    index: int
    kind: str
    path: str
    title: str
    direction_known: bool
    handle: tuple[int, int] = (0, 0)  # the curve's midpoint, where a click target sits


@dataclass(slots=True)
class Graph:
    """The laid-out graph: SVG size, nodes and edges."""

    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


STEP, LANE, MARGIN = 70, 56, 36


def provenance_graph(story: dict[str, Any], articles: dict[str, dict[str, Any]], labels: dict[str, str],
                     names: dict[str, str]) -> Graph:
    """Lay out a story's provenance (``story`` as the contract shows it): articles left to right in
    publication order (arrival order where a time is missing), one lane per origin group, an edge per
    derivation arcing from source to derived article."""
    arrival = {a: i for i, a in enumerate(story["articles"])}
    group = {a: g for g, members in enumerate(story["origins"]) for a in members}
    ordered = sorted(story["articles"], key=lambda a: ((articles.get(a) or {}).get("published") or "", arrival[a]))
    column = {a: i for i, a in enumerate(ordered)}
    drawn = [d for d in story["derivations"] if d["article"] in column and d["derived_from"] in column]
    lift = {id(d): 18 + STEP * abs(column[d["article"]] - column[d["derived_from"]]) // 4 for d in drawn}
    top = MARGIN + max([0] + list(lift.values())) // 2  # a quadratic arc rises half its control point's lift
    lanes = max(1, len(story["origins"]))
    graph = Graph(width=2 * MARGIN + STEP * max(0, len(ordered) - 1), height=top + LANE * (lanes - 1) + MARGIN)
    where: dict[str, Node] = {}
    for aid in ordered:
        g = group.get(aid, 0)
        title = f"{labels.get(aid, aid)} {names.get(aid, '')}: {(articles.get(aid) or {}).get('title') or ''}"
        where[aid] = node = Node(aid, MARGIN + STEP * column[aid], top + LANE * g, g % GROUP_CLASSES,
                                 labels.get(aid, aid), title)
        graph.nodes.append(node)
    for k, d in enumerate(story["derivations"]):
        if id(d) not in lift:
            continue
        src, dst = where[d["derived_from"]], where[d["article"]]
        mid_x, mid_y = (src.x + dst.x) // 2, min(src.y, dst.y) - lift[id(d)]
        words = "of" if d["direction_known"] else "(direction unknown) with"
        graph.edges.append(Edge(k, d["kind"], f"M{src.x},{src.y} Q{mid_x},{mid_y} {dst.x},{dst.y}",
                                f"{dst.label} is a {d['kind'].replace('_', ' ')} {words} {src.label}"
                                f" (score {d['score']:.2f}, {len(d['evidence'])} aligned passages)",
                                d["direction_known"],
                                ((src.x + 2 * mid_x + dst.x) // 4, (src.y + 2 * mid_y + dst.y) // 4)))
    return graph
