"""Hostile strings in every field of a report: report.json meets its schema, and every rendering escapes them.

Hypothesis writes articles, stories, claims, briefs, discrepancies, entities and rejected inputs
whose texts, titles, outlets, sources and reasons mix ``<script>``, quotes, ``&``, Markdown
control characters, ``|`` and newlines; they are stored in a real :class:`~wirecheck.store.Store`
and read back by :func:`~wirecheck.report.contract.build_report`, so the report is what a run
would publish. Then:

- ``report.json`` validates against the published schema;
- the HTML page, parsed, holds only the template's own tags and attributes, and every hostile
  string is in its text exactly as written;
- the Markdown, parsed as CommonMark with tables, holds no HTML, link, image, heading, rule or
  list from content, and every fact-table row keeps its four columns.

No model is loaded.
"""

from __future__ import annotations

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wirecheck.records import (
    Article, ArticleClaims, ArticleFeatures, ArticleProvenance, Assignment, BriefSentence, Claim, Derivation,
    Discrepancy, FigurePoint, Quantity, Quote, Rejected, RoleGroup, SpanPair, StoryAnalysis, StoryEntity, Support,
    Variant,
)
from wirecheck.report.contract import build_report, validate
from wirecheck.report.html import render_html
from wirecheck.report.markdown import md_code, md_escape, render_markdown
from wirecheck.store import Store

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"', "'", "&", "&amp;", "&lt;b&gt;",
    "</div>", "<!--", "]]>", "{{ x }}", "{% if %}", "*", "**", "_", "`", "``", "~~", "\\", "[a](javascript:x)",
    "![i](http://x.example/p.png)", "<http://x.example>", "|", " | ", "||", "\n", "\n\n", "\r\n", "\t",
    "# ", "## ", "1. ", "2) ", "- ", "+ ", "---", "===", "> ", "    code", " #", "Storm", "Dorran", "212",
])
HOSTILE = st.lists(st.one_of(PIECES, st.text(max_size=6)), min_size=1, max_size=8).map("".join).filter(str.strip)


def _store_report(tmp: str, s: list[str], n_claims: int) -> dict:
    """A report read back from a store holding one story of two articles written from the strings ``s``."""
    texts = [f"{s[0]} Storm hits Dorran. {s[1]}", f"{s[2]} Dorran storm. {s[3]}"]
    ids = ["a1", "a2"]
    articles = [Article(ids[i], source=f"{s[4 + i]}.txt", text=texts[i], title=s[6 + i], outlet=s[8 + i],
                        url=f"https://x.example/{s[i]}", published="2026-11-14", seq=i + 1) for i in range(2)]
    quantity = Quantity(212, s[10], "more_than", start=0, end=len(s[0]))
    support = [Support(a, 0, len(texts[0 if a == "a1" else 1]), s[11], "attributed", attributed_to=s[12],
                       cue=s[13], quantity=quantity, label_start=0, label_end=5) for a in ids]
    claims = [Claim(f"c{k}", "quantity", s[14], quantity, Quote(s[15], s[16]) if k % 2 else None, support,
                    independent_support=2, status="disputed", label=s[17],
                    timeline=[FigurePoint("a1", s[18], s[19]), FigurePoint("a2", None, s[20])])
              for k in range(n_claims)]
    story = StoryAnalysis(
        story_id="s1", title=s[21], articles=ids,
        derivations=[Derivation("a2", "a1", "rewrite", 0.5, direction_known=False,
                                evidence=[SpanPair(0, 5, 0, 5, 0.9)], reason=s[22])],
        origins=[ids], provenance=[ArticleProvenance(a, 0.5, likely_rewrite=True, reason=s[23]) for a in ids],
        claims=claims,
        discrepancies=[Discrepancy("d1", "value", s[24], ["c0"], ids,
                                   [Variant("a1", s[25], s[26], 0), Variant("a2", s[27], None, None)])],
        brief=[BriefSentence(s[28], ids, "a1", 0, 5)],
        entities=[StoryEntity(s[29], "PERSON", ids, [RoleGroup(s[30], ids)])],
    )
    zero = np.zeros(384, np.float32)
    with Store(Path(tmp) / "w.db") as store:
        run = store.begin_run([s[31]], {}, {})
        for a in articles:
            store.add_article(a, ArticleFeatures(a.id, [], [], [], [], zero, zero[None, :]),
                              ArticleClaims(a.id, [], []), run)
        store.save_assignments([Assignment(a, "s1", 1.0, a == "a1", reason=s[32]) for a in ids], [], [], [],
                               {}, run)
        store.save_analysis(story, run)
        store.add_rejected(run, Rejected(s[33], s[34]))
        store.add_rejected(run, Rejected(s[35], s[36]), kind="warning")
        store.finish_run(run, {})
        return build_report(store, run_id=run)


@st.composite
def _hostile_reports(draw):
    """(strings, claim count, report): 37 hostile strings, one or thirteen claims, the report read back."""
    strings, n_claims = draw(st.lists(HOSTILE, min_size=37, max_size=37)), draw(st.sampled_from([1, 13]))
    with tempfile.TemporaryDirectory() as tmp:
        return strings, n_claims, _store_report(tmp, strings, n_claims)


# ---------------------------------------------------------------- report.json


@FAST
@given(args=_hostile_reports())
def test_report_json_always_meets_the_schema(args):
    strings, n_claims, report = args
    validate(report)
    assert [a["title"] for a in report["articles"]] == strings[6:8]  # stored and read back as written
    assert report["rejected"][0] == {"source": strings[33], "reason": strings[34]}


# ---------------------------------------------------------------- HTML

TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "div", "main", "section",
                 "h2", "h3", "span", "ul", "li", "a", "ol", "details", "summary", "strong", "table", "tr",
                 "th", "td", "p", "br",
                 "svg", "defs", "marker", "path", "circle", "text"}  # the provenance graph (_graph.svg.j2)
TEMPLATE_ATTRS = {"lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "title",
                  "xmlns", "viewbox", "width", "height", "role", "aria-label", "refx", "refy", "markerwidth",
                  "markerheight", "orient", "d", "marker-end", "cx", "cy", "r", "x", "y", "text-anchor"}


class _Page(HTMLParser):
    """Tags, attributes, comments and text of a page, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.other.append(f"comment {data!r}")

    def handle_pi(self, data):
        self.other.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.other.append(f"declaration {data!r}")


@FAST
@given(args=_hostile_reports())
def test_html_escapes_every_string(args):
    strings, n_claims, report = args
    page = _Page()
    page.feed(render_html(report))
    page.close()
    assert not page.other
    assert {t for t, _ in page.tags} <= TEMPLATE_TAGS
    assert {k for _, attrs in page.tags for k, _ in attrs} <= TEMPLATE_ATTRS
    assert sum(t == "script" for t, _ in page.tags) == 0
    text = "".join(page.text)
    titles = {v for _, attrs in page.tags for k, v in attrs if k == "title"}
    for k in (0, 21, 24, 25, 28, 29, 33, 34):  # article text, story title, summary, variant, brief, name, rejected
        assert strings[k].strip() in text, strings[k]
    assert strings[6] in titles  # an article title in a cite link's title attribute, whole


# ---------------------------------------------------------------- Markdown

MD = MarkdownIt("commonmark").enable("table")
CONTENT_BLOCKS = {"html_block", "html_inline", "link_open", "image", "hr", "code_block", "fence", "blockquote_open"}


def _inline_children(tokens):
    for t in tokens:
        yield t
        yield from t.children or ()


@FAST
@given(args=_hostile_reports())
def test_markdown_escapes_every_string_and_tables_keep_their_columns(args):
    strings, n_claims, report = args
    text = render_markdown(report)
    tokens = list(_inline_children(MD.parse(text)))
    found = {t.type for t in tokens} & CONTENT_BLOCKS
    # the report's own HTML is the <details> block folding long fact tables
    html = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
    assert all(h.strip().startswith(("<details>", "</details>")) for h in html), html
    assert found <= {"html_block"}, found
    headings = sum(t.type == "heading_open" for t in tokens)
    assert headings == sum(line.startswith("#") for line in text.splitlines())  # the report's own headings only
    items = sum(t.type == "list_item_open" for t in tokens)  # the report's own list items only
    assert items == sum(bool(re.match(r"\s*(?:-|\d+\.) ", line)) for line in text.splitlines())
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| status")]
    assert len(rows) == n_claims
    # every row parses into exactly the header's four cells
    assert sum(t.type == "td_open" for t in tokens) == 4 * n_claims
    assert sum(t.type == "th_open" for t in tokens) == 4 * (1 if n_claims <= 12 else 2)


@FAST
@given(text=HOSTILE)
def test_md_escape_reads_back_as_the_text(text):
    """Escaped text rendered as CommonMark is the text itself (whitespace collapsed), with no markup."""
    flat = " ".join(text.split()).replace("\x00", "\ufffd")  # CommonMark shows U+0000 as U+FFFD
    for line in (md_escape(text), f"- {md_escape(text)}", f"## {md_escape(text)}"):
        tokens = list(_inline_children(MD.parse(line)))
        assert {t.type for t in tokens} <= {"paragraph_open", "paragraph_close", "inline", "text", "softbreak",
                                           "bullet_list_open", "bullet_list_close", "list_item_open",
                                           "list_item_close", "heading_open", "heading_close"}, line
        shown = "".join(t.content for t in tokens if t.type == "text")
        assert shown == flat, (line, shown)
    cell = MD.parse(f"| a | b |\n|---|---|\n| {md_escape(text)} | x |")
    assert sum(t.type == "td_open" for t in cell) == 2
    code = [t for t in _inline_children(MD.parse(f"- {md_code(text)}")) if t.type == "code_inline"]
    assert len(code) == 1 and code[0].content == flat
