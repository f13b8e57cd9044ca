"""``report.html``: one self-contained page (inline CSS, no external resources).

Rendered with Jinja2 from the report contract dict, with autoescaping on:
article content is untrusted and never reaches the page unescaped.
"""

from __future__ import annotations

from typing import Any

from . import article_labels
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
    return env


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML page."""
    articles = {a["id"]: a for a in report["articles"]}
    labels = article_labels(report)
    names = {aid: a.get("source_name") or source_label(a.get("outlet"), a.get("url"), a.get("source"))
             for aid, a in articles.items()}
    return _environment().get_template("report.html.j2").render(
        report=report, articles=articles, labels=labels, names=names, key_facts=KEY_FACTS,
    )
