"""Property tests for reading and cleaning: no input makes them raise, cleaning is stable.

Hypothesis generates arbitrary bytes, JSON-ish records, text dumps and HTML;
no model is loaded and every property runs at most about 50 examples.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirecheck.clean import article_id, clean_article
from wirecheck.config import IngestConfig
from wirecheck.ingest import read_inputs
from wirecheck.ingest.files import binary_reason
from wirecheck.records import Article, RawArticle, Rejected

CFG = IngestConfig(min_words=1)
FAST = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------- strategies

EXTENSIONS = st.sampled_from([".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40))
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
FIELDS = st.sampled_from(["id", "title", "url", "outlet", "published", "language", "text", "html"])
RECORD = st.dictionaries(FIELDS, st.one_of(SCALARS, st.sampled_from([
    "2026-11-14", "2026-11-14T15:20:00+00:00", "not a date", "https://x.example/a",
    "KESTRAVA — Residents swept glass from the streets on Saturday.",
    "<p>Some <b>bold</b> words in a paragraph.</p>"])), max_size=8)

LINES = st.sampled_from([
    "Home » World » Europe", "By Jane Roe | November 14, 2026", "Share this @site.example",
    "Share on Facebook", "ADVERTISEMENT", "Copyright 2026 The Associated Press.",
    "Tags: floods, rain", "You May Also Like", "Read more: Why the port matters",
    "Leave a Reply", "Post Comment", "Source link", "Related Sources:", "• A source",
    "More from Global Trade Digest", "This article originally appeared in Trade Weekly.",
    "Photo: Ivo Marek/Northlight", "Subscribe", "Storm floods Tarnow Bay harbour",
    "KESTRAVA, Morvania (AP) — Drones hit the city overnight, officials said.",
    "The mayor said 212 drones were launched and “most were shot down” by morning.",
    "About 40% of homes lost power, the grid operator said on Saturday.",
    "a hard-wrapped line without an end", "continued in lower case here.", "Café  naïve\u00a0text",
    "\u200bzero\u200dwidth", "—", "", " ", "(Jane Roe/Agency via Getty Images)",
])
DUMPS = st.one_of(
    st.lists(LINES, max_size=25).flatmap(
        lambda ls: st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]), min_size=len(ls),
                            max_size=len(ls)).map(lambda seps: "".join(
                                line + sep for line, sep in zip(ls, seps)))),
    st.text(max_size=400),
)
TAGS = st.sampled_from(["p", "div", "article", "nav", "footer", "h1", "title", "script", "b", "li"])
HTML = st.one_of(
    st.lists(st.tuples(TAGS, st.one_of(LINES, st.text(max_size=60))), max_size=12).map(
        lambda parts: "<html><body>" + "".join(f"<{t}>{x}</{t}>" for t, x in parts)
        + "</body></html>"),
    st.text(max_size=300),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


def _check(item: RawArticle | Rejected) -> None:
    assert isinstance(item, (RawArticle, Rejected)), item
    if isinstance(item, Rejected):
        assert item.source and isinstance(item.reason, str) and item.reason.strip()
    else:
        assert (item.text is None) != (item.html is None)
        assert item.fmt in ("text", "html", "json")
        out = clean_article(item, CFG)
        assert isinstance(out, (Article, Rejected))
        if isinstance(out, Rejected):
            assert out.reason.strip()


# ---------------------------------------------------------------- reading


@FAST
@given(files=st.lists(st.tuples(EXTENSIONS, st.binary(max_size=300)), min_size=1, max_size=4))
def test_read_inputs_on_arbitrary_bytes_never_raises(files):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (ext, data) in enumerate(files):
            path = Path(tmp) / f"f{i}{ext}"
            path.write_bytes(data)
            paths.append(str(path))
        items = list(read_inputs([tmp, *paths, str(Path(tmp) / "missing.txt")], CFG))
    assert items and isinstance(items[-1], Rejected)  # the missing file
    for item in items:
        _check(item)


@FAST
@given(values=st.lists(st.one_of(RECORD, JSONISH), min_size=1, max_size=5),
       garble=st.booleans(), as_list=st.booleans())
def test_read_inputs_on_jsonish_files_never_raises(values, garble, as_list):
    lines = [json.dumps(v) for v in values]
    if garble:
        lines.append(lines[0][: len(lines[0]) // 2] or "{")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
        body = json.dumps(values if as_list else values[0])
        (Path(tmp) / "one.json").write_text(body + ("}" if garble else ""), encoding="utf-8")
        items = list(read_inputs([tmp], CFG))
    items += list(read_inputs(["-"], CFG, stdin=io.StringIO("\n".join(lines))))
    assert items
    for item in items:
        _check(item)


# ---------------------------------------------------------------- cleaning


@FAST
@given(text=DUMPS, fmt=st.sampled_from(["text", "json"]))
def test_clean_article_never_raises_on_text(text, fmt):
    out = clean_article(RawArticle(source="p.txt", fmt=fmt, text=text), CFG)
    assert isinstance(out, (Article, Rejected))
    if isinstance(out, Article):
        assert out.text and out.text == out.text.strip() and "\n\n\n" not in out.text


@FAST
@given(html=HTML)
def test_clean_article_never_raises_on_html(html):
    out = clean_article(RawArticle(source="p.html", fmt="html", html=html), CFG)
    assert isinstance(out, (Article, Rejected))
    if isinstance(out, Rejected):
        assert out.reason.strip()


@FAST
@given(text=DUMPS)
def test_cleaning_is_idempotent_on_its_own_text(text):
    first = clean_article(RawArticle(source="p.txt", fmt="text", text=text), CFG)
    if isinstance(first, Rejected):
        return
    again = clean_article(RawArticle(source="p.txt", fmt="text", text=first.text,
                                     title=first.title), CFG)
    assert isinstance(again, Article)
    assert again.text == first.text
    assert not again.removed  # nothing left in the clean text reads as furniture


# ---------------------------------------------------------------- article ids

ID_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                  max_size=200).filter(str.strip)
WHITESPACE = st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", " \r\n "]),
                      min_size=200, max_size=200)


def _respace_and_recase(text: str, spaces: list[str], upper: list[bool]) -> str:
    """The same words with other whitespace between them and some letters in the other case."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if upper[i % len(upper)]:
            # only case changes that casefold back to the same letters (not "ı" -> "I")
            word = "".join(c.upper() if c.upper().casefold() == c.casefold() else c for c in word)
        out.append(word)
    return spaces[0] + "".join(w + spaces[(i + 1) % len(spaces)] for i, w in enumerate(out))


@FAST
@given(text=ID_TEXT, spaces=WHITESPACE, upper=st.lists(st.booleans(), min_size=1, max_size=8),
       publisher=st.sampled_from([None, "Riverside Post", "riversidepost.example"]))
def test_article_id_is_stable_under_whitespace_and_case(text, spaces, upper, publisher):
    variant = _respace_and_recase(text, spaces, upper)
    pub_variant = publisher and f"  {publisher.upper()} "
    assert article_id(variant, pub_variant) == article_id(text, publisher)


@FAST
@given(text=ID_TEXT, a=st.text(min_size=1, max_size=20), b=st.text(min_size=1, max_size=20))
def test_article_id_differs_with_publisher(text, a, b):
    norm = lambda s: " ".join(s.casefold().split())  # noqa: E731
    if norm(a):
        assert article_id(text, a) != article_id(text)
    if norm(a) and norm(b) and norm(a) != norm(b):
        assert article_id(text, a) != article_id(text, b)


@FAST
@given(text=DUMPS)
def test_same_text_at_two_outlets_is_two_articles(text):
    one = clean_article(RawArticle(source="a", fmt="json", text=text, outlet="Harlow Herald"), CFG)
    two = clean_article(RawArticle(source="b", fmt="json", text=text, outlet="Tarnow Times"), CFG)
    assert type(one) is type(two)
    if isinstance(one, Article):
        assert one.text == two.text and one.id != two.id
        again = clean_article(RawArticle(source="c", fmt="json", text=text,
                                         outlet="harlow  HERALD"), CFG)
        assert again.id == one.id


@FAST
@given(values=st.lists(st.one_of(RECORD, JSONISH), min_size=1, max_size=5),
       junk=st.lists(st.text(max_size=30), max_size=3), cap=st.integers(min_value=20, max_value=400))
def test_jsonl_file_and_stdin_read_alike_line_by_line(values, junk, cap):
    """A feed file is read line by line like stdin: same records, same rejections, whatever the size cap."""
    lines = [json.dumps(v) for v in values] + [j.replace("\n", " ").replace("\r", " ") for j in junk]
    config = IngestConfig(min_words=1, max_bytes=cap)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        from_file = list(read_inputs([str(path)], config))
    from_stdin = list(read_inputs(["-"], config, stdin=io.StringIO("\n".join(lines))))
    whole_file_binary = binary_reason("\n".join(lines).encode("utf-8")[:65536]) is not None
    if whole_file_binary:  # a file full of control characters is rejected whole (stdin is read line by line)
        assert len(from_file) == 1 and "binary file" in from_file[0].reason
    elif all(s.isascii() for s in lines):  # on stdin the cap counts characters, in a file bytes
        assert [(type(r), r.source.split("#")[-1]) for r in from_file] == \
            [(type(r), r.source.split("#")[-1]) for r in from_stdin]
    for item in from_file:
        _check(item)
