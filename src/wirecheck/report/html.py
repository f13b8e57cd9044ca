"""``report.html``: one self-contained page (inline CSS, no external resources).

Rendered with Jinja2 from the report contract dict, with autoescaping on:
article content is untrusted and never reaches the page unescaped.
"""

from __future__ import annotations

from typing import Any

from ..wording import figure


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("wirecheck", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["figure"] = figure
    return env


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML page."""
    articles = {a["id"]: a for a in report["articles"]}
    labels = {aid: f"A{i + 1}" for i, aid in enumerate(articles)}
    return _environment().get_template("report.html.j2").render(
        report=report, articles=articles, labels=labels,
    )
