"""Properties of the text path and of clustering, over generated inputs.

- The cleaner never loses or reorders body text: every paragraph of an input is in the clean text
  (in input order), or is the title, or is in a removed piece of furniture.
- The sentence splitter's sentences and spaCy's entities point at the right characters of the clean
  text, in order, and the sentences cover every letter and digit of it (model tier).
- A quantity worded by :func:`wirecheck.wording.figure` parses back to the same value, bound and
  type, and its wording is a fixed point (model tier).
- Clustering is independent of arrival order within the bound documented on
  :func:`test_clustering_is_independent_of_arrival_order` (model-free: hand-built features).

Examples are few (at most 50, 25 where a model runs) so both tiers stay fast.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest_properties import DUMPS, HTML

from wirecheck.clean import clean_article
from wirecheck.clean.html import extract_html
from wirecheck.clean.normalise import paragraphs
from wirecheck.cluster import Clusterer
from wirecheck.config import ClusterConfig, IngestConfig
from wirecheck.records import Article, ArticleFeatures, EntityMention, Quantity, RawArticle, Rejected, Sentence
from wirecheck.wording import figure

CFG = IngestConfig(min_words=1)
FAST = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MODEL = settings(max_examples=25, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])


# ---------------------------------------------------------------- the cleaner


def _subsequence(items: list[str], of: list[str]) -> bool:
    it = iter(of)
    return all(any(x == y for y in it) for x in items)


def _accounted(source: list[str], article: Article) -> None:
    """Every source paragraph is body (in order), title, or removed furniture."""
    body = article.text.split("\n\n")
    assert _subsequence(body, source), "the clean text reorders or rewrites paragraphs"
    removed = {line for r in article.removed for line in r.text.split("\n")}
    title = (article.title or "").casefold().strip()
    for para in source:
        assert para in body or para in removed or para.casefold() == title, f"lost: {para!r}"


@FAST
@given(text=DUMPS, fmt=st.sampled_from(["text", "json"]))
def test_cleaning_a_text_loses_and_reorders_nothing(text, fmt):
    out = clean_article(RawArticle(source="p.txt", fmt=fmt, text=text), CFG)
    source = paragraphs(text)
    if isinstance(out, Rejected):  # nothing left once title and furniture are out: the reason says so
        assert "words of article text" in out.reason
        return
    _accounted(source, out)


@FAST
@given(html=HTML)
def test_cleaning_a_page_keeps_what_extraction_found_in_order(html):
    """For HTML, trafilatura decides what the body is; the furniture pass after it loses nothing."""
    out = clean_article(RawArticle(source="p.html", fmt="html", html=html), CFG)
    if isinstance(out, Rejected):
        return
    _accounted(extract_html(html, precision=CFG.html_precision).paragraphs, out)


# ---------------------------------------------------------------- sentences and entities (model tier)


@MODEL
@given(text=DUMPS)
def test_sentences_and_entities_point_at_the_right_characters(nlp, text):
    article = clean_article(RawArticle(source="p.txt", fmt="text", text=text), CFG)
    if isinstance(article, Rejected):
        return
    feats = nlp.features([article])[0]
    t = article.text
    end = 0
    for k, s in enumerate(feats.sentences):
        assert s.index == k and end <= s.start < s.end <= len(t)
        piece = t[s.start:s.end]
        assert piece == piece.strip() and any(c.isalnum() for c in piece)
        assert "\n" not in piece  # split at line breaks
        end = s.end
    covered = np.zeros(len(t), bool)
    for s in feats.sentences:
        covered[s.start:s.end] = True
    assert all(covered[i] for i, c in enumerate(t) if c.isalnum()), "a letter or digit is in no sentence"
    for e in feats.entities:
        assert 0 <= e.start < e.end <= len(t) and t[e.start:e.end] == e.text
    assert len(feats.sentence_embeddings) == len(feats.sentences)


# ---------------------------------------------------------------- quantities (model tier)

# values a wording writes exactly: integers below a million, two decimals, and millions or billions
# with two decimals ("8.5 million"); figure() rounds anything finer, so only these can round-trip
EXACT_VALUES = st.one_of(
    st.integers(1, 999_999), st.integers(1, 99_999).map(lambda k: k / 100),
    st.integers(100, 99_999).map(lambda k: k * 10_000), st.integers(100, 99_999).map(lambda k: k * 10_000_000))
BOUNDS = st.sampled_from(["exact", "about", "at_least", "more_than", "at_most", "nearly", "less_than"])
KINDS = st.sampled_from([
    ("drones", None, "count"), ("people", None, "count"), ("homes", None, "count"),
    ("percentage", "%", "percent"), ("dollar", "USD", "money"), ("euro", "EUR", "money"),
    ("kilometre", "km", "measure"),
])


@MODEL
@given(value=EXACT_VALUES, bound=BOUNDS, kind=KINDS)
def test_a_worded_quantity_parses_back_to_itself(nlp, value, bound, kind):
    """``figure`` then parsing gives the same value, bound and type; wording the parse gives the same words.

    Not a property: percentages of a million or more ("8.5 million%") parse as a count, so percentages
    are kept below 1,000; nouns come back as lemmas ("drones" -> "drone"), so only the figure is compared.
    """
    from wirecheck.claims.quantities import extract_quantities

    noun, unit, kind_ = kind
    if kind_ == "percent" and value >= 1000:
        value = value % 1000 or 1
    q = Quantity(value, noun, bound, unit=unit, type=kind_)
    words = figure(q)
    text = f"Officials said {words} were reported on Saturday."
    got = [x for x in extract_quantities(nlp.spacy(text)) if x.type not in ("date", "time")]
    assert got, words
    back = got[0]
    assert (back.bound, back.type, back.unit) == (bound, kind_, unit), (words, back)
    assert math.isclose(back.value, value, rel_tol=1e-9), (words, back)
    assert figure(back, with_noun=False) == figure(q, with_noun=False)
    assert text[back.start:back.end].startswith(words.split()[0])


# ---------------------------------------------------------------- clustering (model-free)

PLACES = ["Lima", "Quito", "Odesa", "Manila", "Tromso"]
EVENTS = ["flood", "quake", "strike", "fire", "ferry"]


def _article(event: int, k: int, direction: np.ndarray) -> tuple[Article, ArticleFeatures]:
    text = f"The {EVENTS[event]} in {PLACES[event]} is report {k}."
    art = Article(f"e{event}-{k}", f"e{event}-{k}", text)
    vec = np.pad(direction, (0, 384 - len(direction))).astype(np.float32)
    vec /= np.linalg.norm(vec)
    start = text.index(PLACES[event])
    ents = [EntityMention(start, start + len(PLACES[event]), PLACES[event], "GPE")]
    lemmas = [EVENTS[event], PLACES[event].lower(), f"{EVENTS[event]}word"]
    return art, ArticleFeatures(art.id, [Sentence(0, 0, len(text))], ents, lemmas, [], vec, vec[None, :])


@st.composite
def _events(draw):
    """Events in distinct directions (centre cosines at most ``overlap``), each reported 1-6 times with noise."""
    n = draw(st.integers(2, 5))
    overlap = draw(st.floats(0, 0.3))
    noise = draw(st.floats(0, 0.15))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    items = []
    for e in range(n):
        centre = np.zeros(8)
        centre[e] = 1.0
        centre[(e + 1) % n] += overlap  # neighbouring events lean towards each other
        for k in range(draw(st.integers(1, 6))):
            items.append(_article(e, k, centre + noise * rng.standard_normal(8)))
    order = draw(st.permutations(range(len(items))))
    return items, order


def _partition(items, order) -> list[list[str]]:
    cl = Clusterer(ClusterConfig())
    for i in order:
        cl.assign(*items[i])
    groups: dict[str, list[str]] = {}
    for aid, sid in cl.state().article_story.items():
        groups.setdefault(sid, []).append(aid)
    return sorted(sorted(g) for g in groups.values())


@FAST
@given(data=_events())
def test_clustering_is_independent_of_arrival_order(data):
    """Bound: articles of one event share its place and key words and lie within cosine ~0.9 of its
    direction (noise at most 0.15 per dimension in 8); events share no place or key word and their
    directions have cosine at most 0.3. Within it any arrival order gives the events as stories.
    Outside it (near-duplicate events, articles between two stories) online clustering may depend on
    order, and nothing is guaranteed."""
    items, order = data
    gold = sorted(sorted(a.id for a, _ in items if a.id.startswith(f"e{e}-"))
                  for e in {a.id.split("-")[0][1:] for a, _ in items})
    assert _partition(items, order) == gold
    assert _partition(items, list(range(len(items)))) == gold


# ---------------------------------------------------------------- found by benchmarks/fuzz.py


def test_json_nested_too_deeply_is_rejected_not_raised(tmp_path):
    import io

    from wirecheck.ingest import read_inputs

    deep = "[" * 5000
    (tmp_path / "deep.json").write_text(deep, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text(deep + '\n{"text": "a good record"}\n', encoding="utf-8")
    items = list(read_inputs([str(tmp_path), "-"], CFG, stdin=io.StringIO(deep)))
    reasons = [i.reason for i in items if isinstance(i, Rejected)]
    assert reasons == ["invalid JSON: nested too deeply", "invalid JSON on line 1: nested too deeply",
                       "invalid JSON on line 1: nested too deeply"]
    assert [i.text for i in items if isinstance(i, RawArticle)] == ["a good record"]
