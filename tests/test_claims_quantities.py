"""Quantities: values, bounds, nouns, units, types and predicates on sentences written for the tests."""

from __future__ import annotations

import pytest

from wirecheck.claims.quantities import extract_quantities


@pytest.fixture(scope="module")
def parse(nlp):
    return nlp.spacy


def _q(parse, text):
    return [q for q in extract_quantities(parse(text)) if q.type not in {"date", "time"}]


def test_counts_with_nouns_and_predicates(parse):
    qs = _q(parse, "Russia launched 212 drones and 14 missiles at the city.")
    assert [(q.value, q.noun, q.type) for q in qs] == [(212, "drone", "count"), (14, "missile", "count")]
    assert qs[0].predicate == "launched"


def test_number_words_and_of_them(parse):
    qs = _q(parse, "Six people were injured, two of them in the capital region.")
    assert [q.value for q in qs] == [6, 2]
    assert qs[0].noun == "people" and qs[1].noun == "people"
    assert qs[0].predicate == "injured"


@pytest.mark.parametrize("text,bound,value", [
    ("Over 200 homes were flooded.", "more_than", 200),
    ("More than 200 homes were flooded.", "more_than", 200),
    ("At least three soldiers died.", "at_least", 3),
    ("Nearly 90 villages lost power.", "at_most", 90),
    ("Up to 50 trucks crossed the border.", "at_most", 50),
    ("About 1,500 workers went on strike.", "about", 1500),
    ("Fewer than 10 buses ran.", "less_than", 10),
    ("A dozen reporters waited outside.", "exact", 12),
])
def test_bounds(parse, text, bound, value):
    q = _q(parse, text)[0]
    assert (q.bound, q.value) == (bound, value)


def test_vague_plural_is_a_range(parse):
    q = _q(parse, "Hundreds of protesters gathered in the square.")[0]
    assert q.value == 100 and q.high == 1000 and q.noun == "protester"


def test_units_money_percent_and_alternatives(parse):
    qs = _q(parse, "The storm flooded 300 sq km (116 sq miles) and cost $2.5bn, a 12% rise.")
    by_type = {q.type: q for q in qs}
    assert by_type["money"].value == 2.5e9 and by_type["money"].unit == "USD"
    assert by_type["percent"].value == 12 and by_type["percent"].unit == "%"
    area = [q for q in qs if q.unit == "sq mi"][0]
    assert area.value == 116 and area.alt_unit == "sq km" and abs(area.alt_value - 300.4) < 1


def test_years_days_times_and_ordinals_are_not_counts(parse):
    qs = extract_quantities(parse("On March 29, 2019, the 3rd convoy left at 5am with 40 lorries."))
    counts = [q for q in qs if q.type == "count"]
    assert [(q.value, q.noun) for q in counts] == [(40, "lorry")]
    assert {q.type for q in qs} >= {"date", "time"}


def test_range_with_shared_scale(parse):
    q = _q(parse, "Four to five thousand people sheltered in the camp.")[0]
    assert (q.value, q.high, q.noun) == (4000, 5000, "people")


def test_names_and_scores_are_not_quantities(parse):
    assert _q(parse, "The Dow 30 closed higher after the Pixel 8 launch.") == []
    assert _q(parse, "The match ended 2-1 after extra time.") == []
