"""Quotes and roles on short texts written for the tests."""

from __future__ import annotations

from wirecheck.claims.attribution import find_attributions
from wirecheck.claims.names import person_names
from wirecheck.claims.quotes import find_quotes
from wirecheck.claims.roles import find_roles
from wirecheck.nlp import split_sentences


def _quotes(parse, models, text):
    doc = parse(text)
    canon = person_names(doc)
    qs = find_quotes(doc, split_sentences(doc), find_attributions(doc, models), canon)
    return [(text[q.start:q.end], q.speaker) for q in qs]


def test_said_after_name_and_straight_quotes(parse, attribution_models):
    text = 'Health Minister Viktor Liashko visited the hospital. "The situation is stable," said Viktor Liashko.'
    assert _quotes(parse, attribution_models, text) == [("The situation is stable,", "Viktor Liashko")]


def test_pronoun_speaker_resolves_to_last_named_person(parse, attribution_models):
    text = ("Prime Minister Anna Berg spoke to reporters on Monday in Brussels.\n\n"
            "“We will not accept these tariffs,” she said.")
    quotes = _quotes(parse, attribution_models, text)
    assert quotes == [("We will not accept these tariffs,", "Anna Berg")]


def test_multi_paragraph_quote_is_one_quote(parse, attribution_models):
    text = ("John Okafor said: “The first part of the plan is ready.\n\n"
            "“The second part will follow next year.”")
    quotes = _quotes(parse, attribution_models, text)
    assert len(quotes) == 1
    body, speaker = quotes[0]
    assert body.startswith("The first part") and body.endswith("next year.") and speaker == "John Okafor"


def test_speaker_normalised_to_longest_name(parse, attribution_models):
    text = ("Maria Lopez arrived in Geneva on Tuesday for the talks.\n\n"
            "“It was a frank exchange,” Lopez told reporters.")
    assert _quotes(parse, attribution_models, text) == [("It was a frank exchange,", "Maria Lopez")]


def test_roles_before_and_after_names(parse):
    text = ("Former Prime Minister John Okafor met Anna Berg, the bloc's trade chief, in Lagos. "
            "Okafor later flew home.")
    doc = parse(text)
    roles = {(p, r) for p, r, _a, _b in find_roles(doc, person_names(doc))}
    assert ("John Okafor", "Former Prime Minister") in roles
    assert ("Anna Berg", "bloc's trade chief") in roles
    assert not any(p == "John Okafor" and r == "later" for p, r in roles)
