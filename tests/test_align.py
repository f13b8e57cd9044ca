"""Aligning claim mentions across articles, and the discrepancies between them."""

import math

from hypothesis import given, strategies as st

from storybuild import make_story
from wirecheck.align import align_claims, interval, values_consistent
from wirecheck.config import AlignConfig
from wirecheck.discrepancy import find_discrepancies
from wirecheck.records import (
    ArticleClaims, ClaimMention, Quantity, RoleMention,
)

BOUNDS = ["exact", "about", "at_least", "more_than", "at_most", "nearly", "less_than"]


def test_rounded_bound_is_consistent_with_exact_figure():
    exact = Quantity(212, "drones", "exact")
    assert values_consistent(exact, Quantity(200, "drones", "more_than"), 0.15)
    assert values_consistent(exact, Quantity(210, "drones", "about"), 0.15)
    assert not values_consistent(exact, Quantity(180, "drones", "exact"), 0.15)
    assert not values_consistent(exact, Quantity(300, "drones", "more_than"), 0.15)
    assert not values_consistent(Quantity(14, "people", "exact"), Quantity(14, "people", "more_than"), 0.15)
    # a round figure may stand for a rounded one: "200 drones" and "more than 200 drones" can both hold
    assert values_consistent(Quantity(200, "drones", "exact"), Quantity(200, "drones", "more_than"), 0.15)


@given(st.floats(0, 1e6), st.floats(0, 1e6), st.sampled_from(BOUNDS), st.sampled_from(BOUNDS))
def test_consistency_is_symmetric_and_reflexive(a, b, ba, bb):
    qa, qb = Quantity(a, "x", ba), Quantity(b, "x", bb)
    assert values_consistent(qa, qb, 0.1) == values_consistent(qb, qa, 0.1)
    lo, hi = interval(qa, 0.1)
    assert lo <= hi
    if ba not in ("more_than", "less_than") and not math.isinf(a):
        assert values_consistent(qa, qa, 0.1)


def _qty(article, sentence_index, features, value, noun, bound="exact", predicate=None, certainty="asserted"):
    s = features.sentences[sentence_index]
    return ClaimMention(article.id, "quantity", s.start, s.end, article.text[s.start:s.end], certainty=certainty,
                        quantity=Quantity(value, noun, bound, predicate=predicate), sentence_index=sentence_index)


def test_same_figure_across_outlets_is_one_claim_counted_by_origin(nlp):
    articles, features = make_story(nlp, [
        ["Russia launched 212 drones and 14 missiles at Ukraine overnight.", "Air defences intercepted 180 drones."],
        ["More than 200 drones were fired at Ukraine during the night, along with 14 missiles."],
        ["Overnight, Ukraine was targeted by 212 drones and 14 missiles."],
    ])
    a0, a1, a2 = articles
    claims = [
        ArticleClaims("a0", [_qty(a0, 0, features[0], 212, "drones", predicate="launched"),
                             _qty(a0, 0, features[0], 14, "missiles", predicate="launched"),
                             _qty(a0, 1, features[0], 180, "drones", predicate="intercepted")], []),
        ArticleClaims("a1", [_qty(a1, 0, features[1], 200, "drones", "more_than", predicate="launched"),
                             _qty(a1, 0, features[1], 14, "missiles")], []),
        ArticleClaims("a2", [_qty(a2, 0, features[2], 212, "drones"),
                             _qty(a2, 0, features[2], 14, "missiles")], []),
    ]
    # a2 is a copy of a0 (one origin); a1 is independent
    aligned = align_claims(articles, features, claims, [["a0", "a2"], ["a1"]], AlignConfig())
    drones = [c for c in aligned if c.quantity and c.quantity.noun == "drones" and c.quantity.value == 212]
    assert len(drones) == 1
    assert {s.article for s in drones[0].support} == {"a0", "a1", "a2"}
    assert drones[0].independent_support == 2
    assert drones[0].status == "corroborated"
    intercepted = [c for c in aligned if c.quantity and c.quantity.predicate == "intercepted"]
    assert len(intercepted) == 1 and intercepted[0].status == "single_source"
    missiles = [c for c in aligned if c.quantity and c.quantity.noun == "missiles"]
    assert len(missiles) == 1 and len(missiles[0].support) == 3


def test_conflicting_figures_and_hedges_are_discrepancies(nlp):
    articles, features = make_story(nlp, [
        ["Six people were injured in the blast in Ketta on Monday."],
        ["Nine people were injured in the blast in Ketta on Monday, unverified reports said."],
    ])
    a0, a1 = articles
    claims = [
        ArticleClaims("a0", [_qty(a0, 0, features[0], 6, "people", predicate="injured")],
                      [RoleMention("a0", "Amara Bello", "Deputy Health Minister", 0, 10)]),
        ArticleClaims("a1", [_qty(a1, 0, features[1], 9, "people", predicate="injured", certainty="unverified")],
                      [RoleMention("a1", "Amara Bello", "Health Minister", 0, 10)]),
    ]
    aligned = align_claims(articles, features, claims, [["a0"], ["a1"]], AlignConfig())
    assert len(aligned) == 1 and aligned[0].status == "disputed"
    found = find_discrepancies(aligned, claims, articles, features, [["a0"], ["a1"]], AlignConfig())
    kinds = {d.kind for d in found}
    assert kinds == {"value", "certainty", "role"}
    role = next(d for d in found if d.kind == "role")
    assert "Amara Bello" in role.summary and set(role.articles) == {"a0", "a1"}


def test_unrelated_quantities_stay_apart(nlp):
    articles, features = make_story(nlp, [
        ["The flood covered 300 square kilometres of farmland."],
        ["Talks in Geneva lasted 300 minutes without agreement."],
    ])
    claims = [ArticleClaims("a0", [_qty(articles[0], 0, features[0], 300, "square kilometres")], []),
              ArticleClaims("a1", [_qty(articles[1], 0, features[1], 300, "minutes")], [])]
    aligned = align_claims(articles, features, claims, [["a0"], ["a1"]], AlignConfig())
    assert len(aligned) == 2 and all(c.status == "single_source" for c in aligned)


def test_statements_in_unlike_sentences_align_by_their_clauses_alone():
    import numpy as np

    from wirecheck.records import Article, ArticleFeatures, Sentence

    texts = {"a": "Crews restored supply to parts of Salvik by dawn, the utility said in a statement.",
             "b": "Power had been restored to parts of the city by dawn, after a night of storms."}
    e = np.eye(4, dtype=np.float32)
    articles = [Article(k, f"{k}.txt", t, seq=i) for i, (k, t) in enumerate(texts.items())]
    features = [ArticleFeatures(k, [Sentence(0, 0, len(t))], [], [], [], e[i], e[[i]])
                for i, (k, t) in enumerate(texts.items())]  # the two sentences: cosine 0

    def aligned(clause_b):
        claims = [ArticleClaims(k, [ClaimMention(k, "statement", 0, len(t), t, sentence_index=0, label_vector=v)], [])
                  for (k, t), v in zip(texts.items(), (e[2], clause_b))]
        return align_claims(articles, features, claims, [["a"], ["b"]], AlignConfig())

    assert [len(c.support) for c in aligned(e[2])] == [2], "like clauses are one fact, however unlike the rest"
    assert [len(c.support) for c in aligned(e[3])] == [1, 1]


def _told(article, *figures):
    """(index, _Figure) of each (value, bound, predicate) figure of people one article gives."""
    from wirecheck.align import _figure

    out = []
    for k, (value, bound, predicate) in enumerate(figures):
        q = Quantity(value=value, noun="people", bound=bound, predicate=predicate)
        out.append((k, _figure(ClaimMention(article, "quantity", 0, 10, "x", quantity=q), q)))
    return out


def test_an_article_that_gives_the_other_figure_too_counts_something_else_with_its_own():
    from wirecheck.align import _gives_also

    cfg = AlignConfig()
    # "Twelve people were killed ... in Bener Meriah district" beside "We have recorded 24 people dead"
    article = _told("a0", (12.0, "exact", "killed"), (24.0, "exact", "killed"))
    other = _told("a1", (24.0, "at_least", "killed"))[0][1]
    assert _gives_also(article, 0, other, cfg)
    # the same article's figure of another role, or no second figure, leaves a real dispute
    assert not _gives_also(_told("a0", (12.0, "exact", "killed"), (24.0, "exact", "injured")), 0, other, cfg)
    assert not _gives_also(_told("a0", (12.0, "exact", "killed")), 0, other, cfg)

