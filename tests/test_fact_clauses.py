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
    # (also when the tagger reads the participle as a past tense)
    text = ("The wildfire started by an arsonist in the hills above Calveston has now swallowed about 5,200 "
            "hectares, leaving a trail of charred homes.")
    assert "The wildfire started by an arsonist in the hills above Calveston" in _statements(
        parse, attribution_models, text)
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


def test_a_verb_phrase_sharing_the_subject_is_its_own_fact(parse, attribution_models):
    text = "The fire started in a solvent storage area and spread to a neighbouring warehouse."
    assert _statements(parse, attribution_models, text) == [
        "The fire started in a solvent storage area", "spread to a neighbouring warehouse"]
    # what might happen next is no fact, however it is joined
    text = "The fire started in a solvent storage area and could spread to a neighbouring warehouse."
    assert _statements(parse, attribution_models, text) == ["The fire started in a solvent storage area"]


def test_what_a_speaker_did_besides_what_they_said_is_asserted(parse, attribution_models):
    text = "Prime Minister Davor Lenz visited Tesk in the afternoon and pledged state money to rebuild destroyed homes."
    found = {text[m.label_start:m.label_end]: m.certainty for m in _claims_of(parse, attribution_models, text).mentions
             if m.kind == "statement"}
    assert found.get("Prime Minister Davor Lenz visited Tesk in the afternoon") == "asserted"
    assert found.get("to rebuild destroyed homes") == "attributed"
    # a sentence whose main verb is the reporting one holds only what was said
    text = "Police said on Tuesday that the driver of the van had been arrested in Lyon."
    assert _statements(parse, attribution_models, text) == ["the driver of the van had been arrested in Lyon"]


def test_a_commitment_is_a_fact_an_opinion_is_not(parse, attribution_models):
    assert _statements(parse, attribution_models, "City officials have promised a review of other bridges in Castellan.") \
        == ["City officials have promised a review of other bridges in Castellan"]
    assert _statements(parse, attribution_models, "Residents hope for a review of other bridges in Castellan.") == []


def test_clauses_of_a_sentence_the_parser_left_without_a_subject(parse, attribution_models):
    # the small parser reads "part" as joined to "Tuesday", leaving "shut" with no subject
    text = ("Rail services between Saltire Bay and Kellen were halted on Tuesday and part of the A9 near "
            "Brennock was shut.")
    assert any(s.startswith("Rail services between Saltire Bay and Kellen were halted")
               for s in _statements(parse, attribution_models, text))
    # an imperative is no fact, nor are its side clauses
    text = "Click here to read about the bridges in Castellan, which reopened on Monday."
    assert _statements(parse, attribution_models, text) == []


def test_a_clock_time_counts_as_a_word_of_a_short_statement(parse, attribution_models):
    assert _statements(parse, attribution_models, "The quake hit at 3:12 a.m.") == ["The quake hit at 3:12 a.m."]
    assert _statements(parse, attribution_models, "It was 3:12 a.m.") == []


def test_a_label_keeps_the_phrase_that_opens_it_whole(parse, attribution_models):
    text = "In 2021, an Ostmark train derailed near Fellbridge, and 22 of its cars left the track."
    assert "In 2021, an Ostmark train derailed near Fellbridge" in _statements(parse, attribution_models, text)


def test_the_frame_of_what_a_relative_clause_reports_is_no_fact_beside_it_and_the_main_clause_is(
        parse, attribution_models):
    text = "The governor, who has promised to sign the bill, met residents on Friday."
    # what she promised, once (not also "who has promised to sign the bill"), and what she did
    assert _statements(parse, attribution_models, text) == ["to sign the bill", "met residents on Friday"]
    # the other way: a relative clause that reports nothing is a fact of its own
    text = "The mayor, who met residents on Friday, toured the damaged bridge with engineers."
    assert "who met residents on Friday" in _statements(parse, attribution_models, text)


def test_two_things_said_are_two_statements(parse, attribution_models):
    text = ("Korvenergo said power had been restored to parts of the city by dawn and that crews had repaired the "
            "main substation overnight.")
    assert _statements(parse, attribution_models, text) == [
        "power had been restored to parts of the city by dawn", "crews had repaired the main substation overnight"]
    # the other way: one thing said with two verbs is one statement
    text = "Police said the driver had been arrested in Salt Lake City and taken to a jail in the city."
    assert _statements(parse, attribution_models, text) == [
        "the driver had been arrested in Salt Lake City and taken to a jail in the city"]


def test_a_reported_figure_is_no_statement_beside_its_figure_claims(parse, attribution_models):
    text = "Six people were injured, two of them seriously, according to the regional emergency service."
    assert _statements(parse, attribution_models, text) == []  # the figures are its facts
    # the other way: a clause that states more than the figure inside it is a statement as well
    text = "Aldane was found guilty of accepting bribes worth 3.1 million euros, the court said."
    assert _statements(parse, attribution_models, text) == [
        "Aldane was found guilty of accepting bribes worth 3.1 million euros"]


def test_a_figure_label_ends_with_its_percent_sign(parse, attribution_models):
    text = ("Steel makers expect exports to Norvalia to grow by as much as 30% once the lower duties take full "
            "effect, according to an industry group.")
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions
              if m.quantity is not None]
    assert labels == ["exports to Norvalia to grow by as much as 30%"]
    # the other way: a clause's closing punctuation is still no part of its label
    text = "Exports to Norvalia grew by 30 percent, officials said."
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions
              if m.quantity is not None]
    assert labels == ["Exports to Norvalia grew by 30 percent"]


def test_a_figure_label_closes_the_bracket_it_opens(parse, attribution_models):
    text = ("Other teams in the battle for Ramos are the Harbour Cats (seven years, $140-150 million), Lowland Owls "
            "(eight years, $160 million) and Riverside Kings.")
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions
              if m.quantity is not None and m.quantity.unit == "USD"]
    assert "the Harbour Cats (seven years, $140-150 million)" in labels
    assert all(label.count("(") == label.count(")") for label in labels), labels


def test_the_frame_of_a_quote_is_no_statement_and_a_deed_beside_one_is(parse, attribution_models):
    text = '"We will not negotiate with criminals," Chief Executive Ruth Adeyemi said in a statement on Tuesday.'
    assert _statements(parse, attribution_models, text) == []  # the quote, with its speaker, is the claim
    # the other way: what the speaker did besides speaking is a fact
    text = 'Haro admitted defeat soon after midnight, telling supporters: "We fought hard."'
    assert _statements(parse, attribution_models, text) == ["Haro admitted defeat soon after midnight"]


def test_a_quote_label_ends_without_the_comma_that_joins_it_to_its_speaker(parse, attribution_models):
    text = '"Clean water is now as urgent as food," Bello said. "We have no tents," she said.'
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions
              if m.kind == "quote"]
    assert labels == ["Clean water is now as urgent as food", "We have no tents"]


def test_a_figure_in_a_relative_clause_is_labelled_with_the_noun_it_describes(parse, attribution_models):
    text = "In Mirelle, volunteers turned the covered market into a kitchen that served 2,000 meals on Wednesday."
    assert [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions
            if m.quantity is not None] == ["a kitchen that served 2,000 meals on Wednesday"]
    # the other way: a statement's relative clause keeps its own start (its words are what align it)
    text = "Bello, who visited a relief camp outside Mirelle on Wednesday, said the risk would rise."
    assert "who visited a relief camp outside Mirelle on Wednesday" in _statements(parse, attribution_models, text)
