"""Which clauses of a sentence are statements of their own, each rule both ways, on real parses: a
coordinated subject stays with its verb, a coordinated clause with its own subject is a second fact, a
participle naming its agent is a fact about its noun, and a future clause is a fact only when it sets a date."""

from __future__ import annotations

import pytest

from test_fact_rules import _claims_of

pytestmark = pytest.mark.model


def _statements(parse, models, text):
    return [text[m.label_start:m.label_end] for m in _claims_of(parse, models, text).mentions
            if m.kind == "statement"]


def test_a_coordinated_subject_stays_with_its_verb_and_a_coordinated_clause_is_its_own_fact(
        parse, attribution_models):
    text = ("Train services between Saltire Bay and Kellen were suspended on Tuesday, and a section of the A9 "
            "road near the village was closed.")
    assert _statements(parse, attribution_models, text) == [
        "Train services between Saltire Bay and Kellen were suspended on Tuesday",
        "a section of the A9 road near the village was closed"]
    # one clause with coordinated nouns is one fact, labelled whole
    text = "Police and firefighters evacuated the school and two nearby offices on Monday."
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions]
    assert labels and all(x == "Police and firefighters evacuated the school and two nearby offices on Monday"
                          for x in labels)


def test_a_participle_naming_its_agent_says_who_did_it(parse, attribution_models):
    text = ("Arvessa and Tolmark exchanged 50 prisoners at Corrano airport on Saturday in a deal brokered by "
            "Belmaro, a rare moment of cooperation between the two rivals.")
    assert "a deal brokered by Belmaro" in _statements(parse, attribution_models, text)
    # a participle without an agent says nothing of who did it: no statement of its own
    text = "Rescuers searched the collapsed building for survivors on Sunday."
    assert not any(s.startswith("the collapsed") for s in _statements(parse, attribution_models, text))


def test_a_future_clause_is_a_fact_when_it_sets_a_date(parse, attribution_models):
    for text, label in [("It would take effect on Jan. 1, 2027.", "It would take effect on Jan. 1, 2027"),
                        ("If it becomes law, the cap would take effect January 1, 2027.",
                         "the cap would take effect January 1, 2027"),
                        ("The trial of the two men will open in Lisbon on Monday.",
                         "The trial of the two men will open in Lisbon on Monday")]:
        assert _statements(parse, attribution_models, text) == [label], text
    for text in ["Prices will rise sharply next year as the new tariffs bite.",  # a forecast, no date
                 "The bill could pass the Senate on Thursday.",  # what may happen, not what is set
                 "I will call you on Monday."]:
        assert _statements(parse, attribution_models, text) == [], text
