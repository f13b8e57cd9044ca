"""``report.html``: one self-contained page (inline CSS, no external resources).

Rendered with Jinja2 from the report contract dict, with autoescaping on:
article content is untrusted and never reaches the page unescaped.
"""

from __future__ import annotations

from typing import Any


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("wirecheck", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["figure"] = figure
    return env


def figure(q: dict[str, Any] | None) -> str:
    """A quantity as words: ``more than 200 drones``."""
    if not q:
        return ""
    words = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
             "at_most": "at most ", "less_than": "less than "}
    value = q["value"]
    value = int(value) if float(value).is_integer() else value
    unit = f" {q['unit']}" if q.get("unit") and q.get("type") != "count" else ""
    return f"{words.get(q['bound'], '')}{value}{unit} {q['noun']}".strip()


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML page."""
    articles = {a["id"]: a for a in report["articles"]}
    labels = {aid: f"A{i + 1}" for i, aid in enumerate(articles)}
    return _environment().get_template("report.html.j2").render(
        report=report, articles=articles, labels=labels,
    )
