"""The provenance graph of a story laid out for an inline SVG (``_graph.svg.j2``), in ``report.html`` and
on the web UI's story page: articles left to right in publication order, one lane per origin group
(coloured by CSS classes ``g0`` … ``g7``), an arc per derivation from the source to the derived article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: colours of origin groups, by CSS class ``g0`` … ``g7`` (``web/static/graph.css``)
GROUP_CLASSES = 8


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
    lift: dict[int, int] = {}
    from_source: dict[str, int] = {}  # arcs leaving one article rise to different heights
    for d in drawn:
        k = from_source[d["derived_from"]] = from_source.get(d["derived_from"], -1) + 1
        lift[id(d)] = 18 + STEP * abs(column[d["article"]] - column[d["derived_from"]]) // 4 + 14 * k
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
