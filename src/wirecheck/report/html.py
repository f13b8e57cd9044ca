"""``report.html``: one self-contained page (inline CSS, no external resources).

Rendered with Jinja2 from the report contract dict, with autoescaping on:
article content is untrusted and never reaches the page unescaped. The provenance
graph is the web UI's (``_graph.svg.j2`` laid out by :mod:`wirecheck.report.graph`,
styled by the web UI's ``graph.css``, inlined here), its links pointing within the page.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from . import article_labels
from .graph import provenance_graph
from ..wording import KEY_FACTS, claim_words, figure, source_label


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("wirecheck", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["figure"] = figure
    env.filters["claim_words"] = claim_words
    env.globals["article_link"] = in_page_link
    return env


def in_page_link(article: str, start: int | None = None, end: int | None = None) -> str:
    """Where an article link goes in the one-page report: the article's section."""
    return f"#art-{article}"


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML page."""
    articles = {a["id"]: a for a in report["articles"]}
    labels = article_labels(report)
    names = {aid: a.get("source_name") or source_label(a.get("outlet"), a.get("url"), a.get("source"))
             for aid, a in articles.items()}
    from markupsafe import Markup

    graphs = {s["id"]: provenance_graph(s, articles, labels, names) for s in report["stories"]}
    graph_css = Markup(resources.files("wirecheck").joinpath("web/static/graph.css").read_text("utf-8"))
    return _environment().get_template("report.html.j2").render(
        report=report, articles=articles, labels=labels, names=names, key_facts=KEY_FACTS,
        graphs=graphs, graph_css=graph_css,
    )
