"""Figures worded "nearly"/"almost", verbs in other inflections, the who of a datelined clause, sizes."""

from __future__ import annotations

import pytest

from wirecheck.align import align_claims, as_percent, predicate_relation, values_consistent
from wirecheck.config import AlignConfig, ClaimsConfig
from wirecheck.discrepancy import find_discrepancies
from wirecheck.records import Article, Quantity

TOL = AlignConfig().value_tolerance


def q(value, bound="exact", unit=None, type="count"):
    return Quantity(value, "hectares", bound, unit=unit, type=type)


@pytest.mark.parametrize("a,b", [
    (q(3400), q(3500, "nearly")),  # "nearly 3,500 hectares" holds 3,400
    (q(20, unit="%", type="percent"), q(30, "at_most", unit="%", type="percent")),  # "up to 30%" holds 20%
    (q(17, unit="mi", type="measure"), q(20, "at_most", unit="mi", type="measure")),  # "within 20 miles"
    (q(9.5, unit="%", type="percent"), q(0.1, "nearly", unit="fraction", type="percent")),  # "nearly a tenth"
])
def test_nearly_holds_a_figure_just_under_it(a, b):
    assert values_consistent(as_percent(a), as_percent(b), TOL)
    assert values_consistent(as_percent(b), as_percent(a), TOL)


@pytest.mark.parametrize("a,b", [
    (q(8, unit="%", type="percent"), q(0.1, "nearly", unit="fraction", type="percent")),  # 8% is not nearly 10%
    (q(290), q(400, "nearly")),
    (q(410), q(400, "nearly")),  # nearly is under, never over
    (q(30, unit="mi", type="measure"), q(20, "at_most", unit="mi", type="measure")),  # not "within 20 miles"
])
def test_nearly_excludes_a_figure_well_under_or_over_it(a, b):
    assert not values_consistent(as_percent(a), as_percent(b), TOL)
    assert not values_consistent(as_percent(b), as_percent(a), TOL)


def test_inflections_of_one_verb_are_one_predicate_and_other_verbs_stay_apart():
    assert predicate_relation("cut", "cutting") == "same"
    assert predicate_relation("closes", "closed") == "same"
    assert predicate_relation("passed", "passes") == "same"
    assert predicate_relation("killed", "injured") == "opposed"
    assert predicate_relation("cut", "rose") == "unknown"


def _claims(parse, models, aid, text, published=None):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    doc = parse(text)
    article = Article(id=aid, source=f"{aid}.txt", text=text, published=published)
    return article, doc, extract_claims(article, doc, split_sentences(doc), ClaimsConfig(), models)


def test_a_dateline_is_not_the_subject_of_the_lead(parse, attribution_models):
    text = "BRENNICK, March 10 (Eastline) - Corvane Industries will cut 4,200 jobs over the next nine months."
    _, _, claims = _claims(parse, attribution_models, "a", text)
    jobs = next(m for m in claims.mentions if m.quantity is not None and m.quantity.value == 4200)
    assert jobs.subject == "Corvane Industries"


def test_nearly_a_tenth_disputes_8_percent_and_other_percentages_do_not_crowd_it(nlp, parse, attribution_models):
    texts = [
        "Corvane Industries will cut 4,200 jobs, or 8% of its workforce, over the next nine months. "
        "Shares in Corvane fell 4.6% in early trading. Sales in Europe rose 3% last year. "
        "The company's profit margin shrank by 2% in the autumn.",
        "Corvane Industries is cutting thousands of jobs, nearly a tenth of its workforce. "
        "Corvane's shares fell nearly 5% in morning trading. Sales in Asia slipped 6% last year.",
    ]
    built = [_claims(parse, attribution_models, f"a{i}", t, "2026-03-10T13:00:00+00:00") for i, t in enumerate(texts)]
    articles = [a for a, _, _ in built]
    features = nlp.features(articles, [d for _, d, _ in built])
    claims = [c for _, _, c in built]
    origins = [["a0"], ["a1"]]
    aligned = align_claims(articles, features, claims, origins, AlignConfig())
    found = find_discrepancies(aligned, claims, articles, features, origins, AlignConfig())
    value = [d for d in found if d.kind == "value"]
    assert len(value) == 1, [d.summary for d in found]
    assert {v.value for v in value[0].variants} == {"8%", "nearly a tenth of its workforce"}


@pytest.mark.parametrize("text,kept", [
    ("The screen is 2880 pixels by 1800 and costs $2,199.", ["$2,199"]),
    ("It has a Retina display at a whopping 2,880 by 1,800 pixels.", []),
    ("The company will cut 4,200 jobs by 2027.", ["4,200 jobs"]),  # "by" a year: still a count
    ("The flood covered 30 miles of road by Tuesday.", ["30 miles"]),
])
def test_the_sides_of_a_size_are_not_counted_facts(parse, attribution_models, text, kept):
    _, _, claims = _claims(parse, attribution_models, "a", text)
    assert [text[m.quantity.start:m.quantity.end] for m in claims.mentions if m.quantity is not None] == kept
