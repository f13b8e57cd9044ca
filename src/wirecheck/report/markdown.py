"""``report.md``: the report contract rendered as Markdown for people.

Renders the contract dict (see :mod:`wirecheck.report.contract`), so Markdown
and JSON can never disagree. Article content is untrusted: every piece of it
is escaped so it cannot inject links, HTML or formatting.
"""

from __future__ import annotations

import re
from typing import Any

from . import article_labels
from ..wording import KEY_FACTS, claim_words, source_label

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # with [ ] escaped no link or image can form
# what makes a list item's text a heading, a nested list or a rule ("# x", "1. x", "- x", "---"), and a
# closing "#" a heading would drop: backslash-escaped, they read as themselves wherever the text lands
_MD_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=(?:#+|[+-])(?:\s|$))|(?=-\s*-\s*-))")
_MD_HEADING_END = re.compile(r"(?<=\s)(?=#+$)")


def md_escape(text: str | None) -> str:
    """Escape Markdown and HTML syntax in untrusted text, on one line."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_HEADING_END.sub("\\\\", _MD_BLOCK_START.sub(r"\1\\", text, count=1), count=1)


def md_code(text: str | None) -> str:
    """Untrusted text as an inline code span, on one line: shown as written (nothing inside a code span
    is Markdown or HTML, so nothing is escaped), fenced by more backticks than any run in the text."""
    text = " ".join(str(text or "").split())
    fence = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    articles = {a["id"]: a for a in report["articles"]}
    labels = article_labels(report)

    def cite(ids: list[str]) -> str:
        return "".join(f"[{labels.get(a, a)}]" for a in ids)

    def name(aid: str) -> str:
        a = articles.get(aid) or {}
        return a.get("source_name") or source_label(a.get("outlet"), a.get("url"), a.get("source"))

    out = ["# wirecheck report", "",
           f"Generated {report['generated_at']} · {len(report['stories'])} stories · "
           f"{len(report['articles'])} articles · {len(report['rejected'])} rejected inputs", ""]
    for story in report["stories"]:
        out += [f"## {md_escape(story['title']) or story['id']}", "",
                f"`{story['id']}` · {len(story['articles'])} articles · "
                f"**{story['independent_sources']} independent source(s)**", ""]
        if story["brief"]:
            out += ["### Brief", ""]
            out += [f"- {md_escape(b['text'])} {cite(b['citations'])}" for b in story["brief"]]
            out.append("")
        out += ["### Origins", ""]
        for i, group in enumerate(story["origins"], 1):
            names = ", ".join(f"{labels.get(a, a)} {md_escape(name(a))}" for a in group if a in articles)
            out.append(f"{i}. {names}")
        out.append("")
        if story["derivations"]:
            out += ["### Copies and rewrites", ""]
            for d in story["derivations"]:
                arrow = "from" if d.get("direction_known", True) else "↔ (direction unknown)"
                out.append(f"- {cite([d['article']])} is a **{d['kind']}** {arrow} {cite([d['derived_from']])} "
                           f"(score {d['score']:.2f}, {len(d['evidence'])} aligned passages). "
                           f"{md_escape(d.get('reason'))}")
                out += _evidence(d, articles, cite)
            out.append("")
        if story["claims"]:
            out += _fact_table(story, cite)
        timeline = [c for c in story["claims"] if c.get("timeline")]
        if timeline:
            out += ["### Figures that changed over time", ""]
            for c in timeline:
                steps = " → ".join(f"{md_escape(p['value'])} ({md_escape((p['published'] or '')[:16])} "
                                   f"{md_escape(name(p['article']))})" for p in c["timeline"])
                out.append(f"- {md_escape(c['label'])}: {steps}")
            out.append("")
        if story.get("revisions"):
            out += ["### Revisions", ""]
            for r in story["revisions"]:
                out.append(f"- {cite([r['article']])} revises {md_escape(r['previous'])} "
                           f"({md_escape((r['previous_time'] or '')[:16])} → {md_escape((r['time'] or '')[:16])}): "
                           + "; ".join([f"now: {md_escape(t)}" for t in r["added"]]
                                       + [f"before: {md_escape(t)}" for t in r["removed"]] or ["claims unchanged"]))
            out.append("")
        if story["discrepancies"]:
            out += ["### Discrepancies", ""]
            for d in story["discrepancies"]:
                out.append(f"- **{d['kind']}**: {md_escape(d['summary'])}")
                for v in d["variants"]:
                    value = f"**{md_escape(v.get('value'))}** " if v.get("value") else ""
                    origin = f" (origin {v['origin'] + 1})" if v.get("origin") is not None else ""
                    out.append(f"  - {cite([v['article']])}{origin} {value}“{md_escape(v['text'])}”")
            out.append("")
        roles = [e for e in story.get("entities", []) if e.get("roles")]
        if roles:
            out += ["### People and their titles", ""]
            for e in roles:
                titles = "; ".join(f"{md_escape(r['role'])} {cite(r['articles'])}" for r in e["roles"])
                out.append(f"- {md_escape(e['name'])}: {titles}")
            out.append("")
        out += ["### Articles", ""]
        provenance = {p["article"]: p for p in story.get("article_provenance", [])}
        for aid in story["articles"]:
            a = articles.get(aid)
            if a:
                out.append(f"- {labels[aid]} {md_escape(a['title'])} — {md_escape(name(aid))} "
                           f"{md_escape(a['published'])} (`{aid}`)"
                           f"{_provenance_note(provenance.get(aid))}")
        out.append("")
    if report["rejected"]:
        out += ["## Rejected inputs", ""]
        out += [f"- {md_code(r['source'])}: {md_escape(r['reason'])}" for r in report["rejected"]]
        out.append("")
    if report.get("warnings"):
        out += ["## Warnings", ""]
        out += [f"- {md_code(r['source'])}: {md_escape(r['reason'])}" for r in report["warnings"]]
        out.append("")
    return "\n".join(out)


EVIDENCE_SHOWN = 3


def _evidence(derivation: dict[str, Any], articles: dict[str, dict], cite) -> list[str]:
    """The first aligned passages of a derivation, each side quoted and cited."""
    derived, source = articles.get(derivation["article"]), articles.get(derivation["derived_from"])
    if not derived or not source:
        return []
    lines = []
    for e in derivation["evidence"][:EVIDENCE_SHOWN]:
        lines.append(f"  - {cite([derived['id']])} “{md_escape(derived['text'][e['start']:e['end']])}”")
        lines.append(f"    {cite([source['id']])} “{md_escape(source['text'][e['source_start']:e['source_end']])}”")
    hidden = len(derivation["evidence"]) - EVIDENCE_SHOWN
    if hidden > 0:
        lines.append(f"  - … and {hidden} more aligned passage(s) in report.json")
    return lines


def _provenance_note(p: dict[str, Any] | None) -> str:
    """' · 80% aligned to earlier articles · adds 2 facts, repeats 5 · likely rewrite: <reason>'."""
    if not p:
        return ""
    note = (f" · {p['aligned_share']:.0%} aligned to earlier articles · adds {len(p.get('adds', []))} "
            f"fact(s), repeats {len(p.get('repeats', []))}")
    if p["likely_rewrite"]:
        return note + f" · **likely rewrite**: {md_escape(p.get('reason'))}"
    return note


def _fact_table(story: dict[str, Any], cite) -> list[str]:
    """The fact table: key facts first, the rest folded in a details block."""
    rows = []
    for c in story["claims"]:
        rows.append(f"| {c['status'].replace('_', ' ')} | {c['independent_support']} | "
                    f"{md_escape(claim_words(c))} | {cite(list(dict.fromkeys(s['article'] for s in c['support'])))} |")
    head = ["| status | independent origins | fact | reported by |", "|---|---|---|---|"]
    out = ["### Facts", ""] + head + rows[:KEY_FACTS] + [""]
    if len(rows) > KEY_FACTS:
        out += [f"<details><summary>{len(rows) - KEY_FACTS} more fact(s), mostly single-sourced</summary>", ""]
        out += head + rows[KEY_FACTS:] + ["", "</details>", ""]
    return out
