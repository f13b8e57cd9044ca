"""Fuzzing the readers and the cleaner with Hypothesis for a fixed time budget.

    python benchmarks/fuzz.py [--seconds 120] [--chunk 100] [--seed N]

Targets, each given an equal share of the budget, in turns of ``--chunk`` examples (the budget is
checked between turns, so a run can overshoot by one turn per target):

- ``html``, ``text``, ``json``, ``jsonl``: generated files (pages nested up to a few hundred
  levels, broken markup, furniture lines, hostile Unicode, legacy encodings, records with wrong
  types, malformed lines) written into a temporary folder and read with
  :func:`wirecheck.ingest.read_inputs`, each article then cleaned with
  :func:`wirecheck.clean.clean_article`;
- ``bytes``: arbitrary bytes under every extension the readers know and some they do not;
- ``stdin``: JSON lines on standard input;
- ``clean``: :func:`~wirecheck.clean.clean_article` on generated raw text and HTML directly.

What is checked for every input: nothing raises; every item is a ``RawArticle`` or a ``Rejected``
with a non-empty reason; a cleaned article has a trimmed text with no triple line break, and its id
is the id of its text. The figures printed per target: inputs tried, items read, rejected, articles,
crashes (with Hypothesis's shrunk, minimal reproducer), and the slowest input. There is no feed
(RSS/Atom) reader yet, so none is fuzzed. No model is loaded. Exit status 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from wirecheck.clean import article_id, clean_article  # noqa: E402
from wirecheck.clean.normalise import publisher_of  # noqa: E402
from wirecheck.config import IngestConfig  # noqa: E402
from wirecheck.ingest import read_inputs  # noqa: E402
from wirecheck.records import Article, RawArticle, Rejected  # noqa: E402

CFG = IngestConfig(min_words=5)

# ---------------------------------------------------------------- strategies

PROSE = [
    "KESTRAVA, Morvania (AP) — Drones hit the city overnight, officials said.",
    "The mayor said 212 drones were launched and “most were shot down” by morning.",
    "About 40% of homes lost power, the grid operator said on Saturday, and repairs would take days.",
    "Residents swept glass from the streets as rescuers searched the rubble of two buildings.",
    "a hard-wrapped line without an end", "continued in lower case here.",
]
FURNITURE = [
    "Home » World » Europe", "By Jane Roe | November 14, 2026", "Share this @site.example", "ADVERTISEMENT",
    "Copyright 2026 The Associated Press.", "Tags: floods, rain", "You May Also Like", "Read more: Why",
    "Leave a Reply", "Related Sources:", "• A source", "Photo: Ivo Marek/Northlight", "Subscribe",
    "This article originally appeared in Trade Weekly.", "(Jane Roe/Agency via Getty Images)",
]
ODD = ["\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0", "\u202e", "\u2028", "\u2029", "\x00", "\x0c", "\r",
       "\ud7ff", "\U0001f600", "e\u0301", "\ufffd", "İ", "ß", "ﬁ", "…", "—", "“", "”"]
CHARS = st.characters(codec="utf-8")
WORDS = st.one_of(st.sampled_from(PROSE + FURNITURE + ODD), st.text(CHARS, max_size=30))
LINE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
SEPS = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\r", "\n\n\n\n", "\t\n"])
TEXT = st.lists(st.tuples(LINE, SEPS), max_size=40).map(lambda parts: "".join(a + b for a, b in parts))

TAGS = ["p", "div", "article", "main", "section", "nav", "footer", "header", "aside", "h1", "h2", "span", "b",
        "a", "li", "ul", "table", "tr", "td", "script", "style", "noscript", "iframe", "figure", "figcaption",
        "title", "meta", "br", "img", "svg", "template", "form", "textarea", "pre", "code", "blockquote"]
ATTRS = st.sampled_from(['', ' class="content"', ' id="article-body"', ' itemprop="articleBody"',
                         ' href="javascript:x"', ' lang="en"', ' charset="latin-1"', ' style="display:none"',
                         ' data-x="&quot;&lt;"', ' class="share related comments"', " ='", ' a=b c'])


def _node(children):
    return st.tuples(st.sampled_from(TAGS), ATTRS, st.lists(children, max_size=5), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else ""))


TREE = st.recursive(st.one_of(LINE, st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "<!--", "-->",
                                                     "<![CDATA[", "]]>", "<", ">", "</", "<?xml ?>"])),
                    _node, max_leaves=40)


@st.composite
def _deep(draw):
    """A page nested ``depth`` levels deep, closed or not."""
    depth = draw(st.integers(50, 600))
    tag = draw(st.sampled_from(["div", "span", "b", "p", "td", "li"]))
    close = draw(st.booleans())
    body = draw(LINE)
    return f"<{tag}>" * depth + body + (f"</{tag}>" * depth if close else "")


HEAD = st.sampled_from(["", "<!doctype html>", '<html lang="en"><head><meta charset="utf-8"><title>Storm</title>'
                        '<meta property="og:site_name" content="Harlow Herald"></head>',
                        '<?xml version="1.0" encoding="ISO-8859-1"?>',
                        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'])
PAGE = st.tuples(HEAD, st.lists(st.one_of(TREE, _deep()), max_size=6)).map(
    lambda t: t[0] + "<body>" + "".join(t[1]) + "</body></html>")
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "shift_jis", "koi8-r"])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(CHARS, max_size=40))
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)
FIELDS = st.sampled_from(["id", "title", "url", "outlet", "published", "language", "text", "html", "extra"])
FIELD_VALUES = st.one_of(JSONISH, TEXT, PAGE, st.sampled_from([
    "2026-11-14", "2026-11-14T15:20:00+00:00", "2026-02-30", "not a date", "", "   ", "https://x.example/a",
    "http://[::1", "Harlow Herald"]))
RECORD = st.dictionaries(FIELDS, FIELD_VALUES, max_size=9)
GARBLE = st.sampled_from(["", "{", "}", "[", '{"text": "unterminated', "\x00", "NaN", "null", ",", "\ufeff{}",
                          '{"a": 1} {"b": 2}', "[" * 2000, '{"text": "' + "x" * 20 + '\\ud800"}'])


def _jsonl(lines):
    return "\n".join(json.dumps(v) if not isinstance(v, str) else v for v in lines)


JSONL = st.lists(st.one_of(RECORD, JSONISH, GARBLE), min_size=1, max_size=12).map(_jsonl)
JSON_DOC = st.one_of(RECORD.map(json.dumps), st.lists(st.one_of(RECORD, JSONISH), max_size=6).map(json.dumps),
                     st.tuples(RECORD.map(json.dumps), GARBLE).map("".join), JSONISH.map(json.dumps))


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


# ---------------------------------------------------------------- running and counting


@dataclass
class Tally:
    """Counts for one target."""

    tried: int = 0
    items: int = 0
    rejected: int = 0
    articles: int = 0
    slowest: float = 0.0
    crashes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _check_items(items, tally: Tally) -> None:
    for item in items:
        tally.items += 1
        assert isinstance(item, (RawArticle, Rejected)), f"reader yielded {type(item).__name__}"
        if isinstance(item, Rejected):
            assert item.source and isinstance(item.reason, str) and item.reason.strip(), item
            tally.rejected += 1
            continue
        assert (item.text is None) != (item.html is None), item
        _check_clean(clean_article(item, CFG), tally)


def _check_clean(out, tally: Tally) -> None:
    assert isinstance(out, (Article, Rejected)), f"cleaner returned {type(out).__name__}"
    if isinstance(out, Rejected):
        assert out.reason.strip()
        tally.rejected += 1
        return
    assert out.text and out.text == out.text.strip() and "\n\n\n" not in out.text
    assert out.id == article_id(out.text, publisher_of(out.outlet, out.url))
    tally.articles += 1


def _files(tally: Tally, files: list[tuple[str, bytes]], stdin: str | None = None) -> None:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, data) in enumerate(files):
            (Path(tmp) / f"{i}{name}").write_bytes(data)
        inputs = [tmp] + (["-"] if stdin is not None else [])
        _check_items(read_inputs(inputs, CFG, stdin=io.StringIO(stdin) if stdin is not None else None), tally)
    tally.tried += 1
    tally.slowest = max(tally.slowest, time.perf_counter() - start)


def _clean_direct(tally: Tally, raw: RawArticle) -> None:
    start = time.perf_counter()
    _check_clean(clean_article(raw, CFG), tally)
    tally.tried += 1
    tally.slowest = max(tally.slowest, time.perf_counter() - start)


EXTENSIONS = st.sampled_from([".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".TXT", ".csv", ".gz", ""])

TARGETS = {
    "html": (st.lists(st.tuples(st.sampled_from([".html", ".htm"]), st.tuples(PAGE, ENCODINGS).map(
        lambda t: _encode(*t))), min_size=1, max_size=3), lambda t, x: _files(t, x)),
    "text": (st.lists(st.tuples(st.sampled_from([".txt", ".md"]), st.tuples(TEXT, ENCODINGS).map(
        lambda t: _encode(*t))), min_size=1, max_size=3), lambda t, x: _files(t, x)),
    "json": (st.lists(st.tuples(st.just(".json"), JSON_DOC.map(str.encode)), min_size=1, max_size=3),
             lambda t, x: _files(t, x)),
    "jsonl": (st.lists(st.tuples(st.just(".jsonl"), JSONL.map(lambda s: s.encode("utf-8", "surrogatepass"))),
                       min_size=1, max_size=3), lambda t, x: _files(t, x)),
    "bytes": (st.lists(st.tuples(EXTENSIONS, st.binary(max_size=2000)), min_size=1, max_size=4),
              lambda t, x: _files(t, x)),
    "stdin": (JSONL, lambda t, x: _files(t, [], stdin=x)),
    "clean": (st.one_of(TEXT.map(lambda s: RawArticle("raw.txt", "text", text=s)),
                        PAGE.map(lambda s: RawArticle("raw.html", "html", html=s))),
              lambda t, x: _clean_direct(t, x)),
}


def fuzz(name: str, tally: Tally, budget: float, chunk: int, seed_base: int) -> None:
    """Run one target in turns of ``chunk`` examples until ``budget`` seconds have gone."""
    strategy, run = TARGETS[name]
    end = time.perf_counter() + budget
    turn = 0
    while time.perf_counter() < end:
        started = time.perf_counter()

        @seed(seed_base * 1000 + turn)  # a fresh, reproducible stream per turn
        @settings(max_examples=chunk, deadline=None, database=None, derandomize=False,
                  phases=[Phase.generate, Phase.shrink], report_multiple_bugs=False,
                  suppress_health_check=list(HealthCheck))
        @given(x=strategy)
        def target(x):
            run(tally, x)

        try:
            target()
        except Exception as exc:  # a crash: Hypothesis has shrunk it to a minimal example
            notes = "\n".join(n if len(n) <= 600 else f"{n[:300]} … ({len(n):,} characters) … {n[-200:]}"
                              for n in dict.fromkeys(getattr(exc, "__notes__", [])))
            report = f"{type(exc).__name__}: {exc}\n{notes}\n" + "".join(traceback.format_exception(exc)[-4:])
            if not any(c.startswith(f"{type(exc).__name__}: {exc}\n") for c in tally.crashes):
                tally.crashes.append(report)
        tally.seconds += time.perf_counter() - started
        turn += 1


def main(argv: list[str] | None = None) -> int:
    """Fuzz every target for its share of ``--seconds`` and print the counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=120.0, help="total budget (default 120)")
    ap.add_argument("--chunk", type=int, default=100, help="examples per Hypothesis turn (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", choices=sorted(TARGETS), action="append", help="fuzz only these targets")
    args = ap.parse_args(argv)
    names = args.only or list(TARGETS)
    tallies = {n: Tally() for n in names}
    t0 = time.perf_counter()
    for n in names:
        fuzz(n, tallies[n], args.seconds / len(names), args.chunk, args.seed)
    total = time.perf_counter() - t0
    print(f"fuzzed {len(names)} targets for {total:.0f} s (seed {args.seed}, chunk {args.chunk})\n")
    print("| target | inputs | inputs/s | items read | rejected | articles | crashes | slowest input (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for n, t in tallies.items():
        rate = t.tried / t.seconds if t.seconds else 0.0
        print(f"| {n} | {t.tried} | {rate:.1f} | {t.items} | {t.rejected} | {t.articles} | {len(t.crashes)} | "
              f"{t.slowest:.2f} |")
    crashes = [(n, c) for n, t in tallies.items() for c in t.crashes]
    for n, c in crashes:
        print(f"\n--- crash in {n} ---\n{c}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
