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
    ("Nearly 90 villages lost power.", "nearly", 90),
    ("Up to 50 trucks crossed the border.", "at_most", 50),
    ("About 1,500 workers went on strike.", "about", 1500),
    ("Fewer than 10 buses ran.", "less_than", 10),
    ("The rocket landed within 20 miles of the city.", "at_most", 20),
    ("A dozen reporters waited outside.", "about", 12),  # a dozen is a round count, not exactly 12
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


@pytest.mark.parametrize("text,low,high", [
    ("The Orioles (seven years, $140-$150 million) made offers.", 140e6, 150e6),  # one token, a sign on each end
    ("The rebuild will cost €5-€6 billion.", 5e9, 6e9),
    ("The Orioles offered $140-150 million.", 140e6, 150e6),
    ("Between 10-20 people died.", 10, 20),  # the other way: no scale after it, none applied
])
def test_a_range_of_money_in_one_token_takes_its_scale(parse, text, low, high):
    q = next(q for q in _q(parse, text) if q.unit in {"USD", "EUR", None} and q.noun != "year")
    assert (q.value, q.high) == (low, high)


def test_names_and_scores_are_not_quantities(parse):
    assert _q(parse, "The Dow 30 closed higher after the Pixel 8 launch.") == []
    assert _q(parse, "The match ended 2-1 after extra time.") == []


def test_from_to_change_keeps_both_levels(parse):
    qs = _q(parse, "Brent crude fell from $90 to $80 a barrel on Monday.")
    assert [(q.value, q.change) for q in qs] == [(90, "from"), (80, "to")]
    assert all(q.unit and q.unit.startswith("USD") for q in qs)


def test_to_before_from_and_unit_written_once(parse):
    from wirecheck.claims.changes import change_pairs

    qs = _q(parse, "Weekly volume narrowed to 1,200 lots from 1,500 lots, and output rose from 12 km to 20.")
    pairs = [(qs[a].value, qs[b].value) for a, b in change_pairs(qs)]
    assert (1500, 1200) in pairs and (12, 20) in pairs
    assert [q for q in qs if q.value == 20][0].unit == "km"


def test_rise_and_fall_sizes(parse):
    qs = _q(parse, "Shares of the bank rose 6.5% to 164p, while the index was down 19 points.")
    by_value = {q.value: q for q in qs}
    assert by_value[6.5].change == "up" and by_value[164].change == "to"
    assert by_value[164].unit == "GBP pence" and by_value[19].change == "down"
    plain = _q(parse, "Rescuers shot down 40 drones over the sea.")
    assert plain[0].change is None


def test_delta_and_new_level_are_not_a_range(parse):
    qs = _q(parse, "The deficit increased by $43.6 billion to $419.2 billion.")
    assert [(q.value, q.high, q.change) for q in qs] == [(43.6e9, None, "up"), (419.2e9, None, "to")]


def test_ages_are_typed_age(parse):
    q = _q(parse, "Nadia Ferro, 44, reached the camp on Monday.")[0]
    assert (q.value, q.type, q.unit) == (44, "age", "years old")
    q = _q(parse, "He will be 35 by the end of the year.")[0]
    assert q.type == "age"


def test_idioms_and_pronoun_numbers_are_dropped(parse):
    assert _q(parse, "They came in waves, one group after another, aiming at the port.") == []
    assert _q(parse, "At one point last week the talks nearly collapsed.") == []
    assert _q(parse, "We heard the first explosion just after two in the morning.") == []
    assert _q(parse, "The Jaguars had one final chance to tie the game.") == []
    assert [q.value for q in _q(parse, "One person died and one more was hurt.")][:1] == [1]


def test_elided_nouns_are_resolved(parse):
    qs = _q(parse, "At least three people were killed and six were wounded.")
    assert [(q.value, q.noun) for q in qs] == [(3, "people"), (6, "people")]
    q = _q(parse, "The death toll from the floods rose to 14 on Thursday.")[0]
    assert (q.value, q.noun) == (14, "death toll")


def test_ascii_folded_and_country_dollar_currencies(parse):
    qs = _q(parse, "The package was worth up to PS2.7m, or $A5,100,000, while profit hit Y=590 billion.")
    assert [(q.value, q.unit) for q in qs] == [(2.7e6, "GBP"), (5.1e6, "AUD"), (590e9, "JPY")]
    assert _q(parse, "Sony sold more PS5 consoles than expected.") == []


def test_timestamps_are_not_counts(parse):
    assert _q(parse, "Updated 2019-09-01T10:38:07.190Z by the desk; he ran a 1:36.6 lap.") == []


def test_phrasal_down_is_not_a_change(nlp):
    from wirecheck.claims.quantities import extract_quantities

    doc = nlp.spacy("Morvania’s air force said its units shot down 187 of the drones over open farmland.")
    (q,) = [q for q in extract_quantities(doc) if q.value == 187]
    assert q.change is None and "drone" in q.noun
    (dow,) = [q for q in extract_quantities(nlp.spacy("The index closed down 190 points on Friday.")) if q.value == 190]
    assert dow.change == "down"


@pytest.mark.parametrize("text,value,noun", [
    ("A magnitude 6.4 earthquake struck the province before dawn.", 6.4, "magnitude earthquake"),
    ("A 6.2-magnitude quake hit the region on Sunday.", 6.2, "magnitude quake"),
    ("A strong earthquake of magnitude 6.2 struck the province on Sunday.", 6.2, "magnitude earthquake"),
    ("More than 20 aftershocks followed, the strongest of magnitude 4.8.", 4.8, "magnitude aftershock"),
    ("A magnitude-6.4 earthquake shook the province early on Sunday.", 6.4, "magnitude earthquake"),
])
def test_an_earthquake_magnitude_is_a_reading_not_a_count(parse, text, value, noun):
    q = next(q for q in _q(parse, text) if q.value == value)
    assert (q.type, q.unit, q.noun) == ("measure", "magnitude", noun)
    counts = [q for q in _q(parse, text) if q.type == "count"]
    assert all("earthquake" not in q.noun and "quake" not in q.noun for q in counts)


def test_half_a_million_is_a_number_and_half_its_population_a_share(parse):
    (homes,) = _q(parse, "The cap would apply to nearly half a million households.")
    assert (homes.value, homes.type, homes.bound, homes.noun) == (500_000, "count", "nearly", "household")
    (crowd,) = _q(parse, "A quarter of a million people marched through the capital.")
    assert (crowd.value, crowd.type) == (250_000, "count")
    (share,) = _q(parse, "The city lost half its population.")
    assert (share.value, share.unit) == (0.5, "fraction")


@pytest.mark.parametrize("text", [
    "The Senate voted 31-19 on Wednesday to cap rent increases.",
    "Senators approved the cap by a 31-19 vote.",
    "Senators approved the cap, voting 31 to 19 after a long debate.",
])
def test_a_vote_tally_is_votes_for_and_votes_against(parse, text):
    tally = [(q.value, q.noun) for q in _q(parse, text) if q.noun.startswith("votes")]
    assert tally == [(31, "votes for"), (19, "votes against")]


@pytest.mark.parametrize("text", [
    "After the vote the jobless rate fell from 30 to 20 percent.",
    "United beat City 3-1 on Sunday.",
    "The vote count showed 2-1 odds.",
])
def test_a_fall_a_score_or_odds_are_no_vote_tally(parse, text):
    assert not [q for q in _q(parse, text) if q.noun.startswith("votes")]


def test_a_figure_opening_a_paragraph_after_a_quote_is_read(parse):
    (homes,) = _q(parse, '"We will rebuild."\n\nAround 220,000 households in the west had no power.')
    assert (homes.value, homes.bound, homes.noun) == (220_000, "about", "household")
