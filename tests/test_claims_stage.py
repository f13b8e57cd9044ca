"""The whole claims stage on a short article written for the tests: quotes, speakers, roles, mentions."""

from __future__ import annotations

import pytest

from wirecheck.claims import extract_claims
from wirecheck.config import ClaimsConfig
from wirecheck.nlp import split_sentences
from wirecheck.records import Article

TEXT = (
    "UN Special Envoy Maria Lopez met the delegations in Geneva on Tuesday. "
    "Lopez described the meeting as a “frank exchange” of views.\n\n"
    "“We made real progress today,” the envoy said. “But much remains to be done.”\n\n"
    "Former Prime Minister John Okafor said 14 prisoners would be released. "
    "Okafor did not give a date.\n\n"
    "Floods covered 300 sq km (116 sq miles), according to the World Health Organization. "
    "Unverified reports on social media suggested that more than 40 people had died."
)


@pytest.fixture(scope="module")
def claims(parse, attribution_models):
    doc = parse(TEXT)
    return extract_claims(Article(id="a1", source="test", text=TEXT), doc, split_sentences(doc), ClaimsConfig(),
                          attribution_models)


def test_quotes_and_speakers(claims):
    quotes = [m for m in claims.mentions if m.kind == "quote"]
    texts = [m.quote.text for m in quotes]
    assert "frank exchange" in texts
    assert any(t.startswith("We made real progress") for t in texts)
    assert any(t.startswith("But much remains") for t in texts)
    for m in quotes:
        assert m.quote.speaker == "Maria Lopez", m.quote
        assert TEXT[m.quote.start:m.quote.end] == m.quote.text


def test_quantities_carry_attribution_and_certainty(claims):
    qs = {m.quantity.value: m for m in claims.mentions if m.kind == "quantity"}
    assert qs[14].quantity.noun == "prisoner" and qs[14].attributed_to == "John Okafor"
    assert qs[14].certainty == "attributed" and qs[14].cue == "said"
    area = qs[300]
    assert area.quantity.unit == "sq km" and area.quantity.alt_unit == "sq mi" and area.quantity.alt_value == 116
    assert area.attributed_to == "World Health Organization" and area.cue == "according to"
    assert qs[40].certainty == "unverified" and qs[40].quantity.bound == "more_than"
    for m in qs.values():
        assert TEXT[m.start:m.end] == m.text and m.sentence_index >= 0


def test_negated_statement(claims):
    stmt = [m for m in claims.mentions if m.kind == "statement" and "did not give" in m.text]
    assert stmt and stmt[0].negated


def test_roles(claims):
    roles = {(r.person, r.role) for r in claims.roles}
    assert ("Maria Lopez", "UN Special Envoy") in roles
    assert ("John Okafor", "Former Prime Minister") in roles


def test_appositive_source_is_normalised_to_the_person(parse, attribution_models):
    text = ("Helen Marsh, the attorney general of Ontario, said 27 towns had joined the lawsuit. "
            "Marsh called the rule unfair.")
    doc = parse(text)
    out = extract_claims(Article(id="a2", source="test", text=text), doc, split_sentences(doc), ClaimsConfig(),
                         attribution_models)
    q = [m for m in out.mentions if m.kind == "quantity"][0]
    assert q.quantity.value == 27 and q.quantity.noun == "town"
    assert q.attributed_to == "Helen Marsh" and q.certainty == "attributed"
    assert ("Helen Marsh", "attorney general of Ontario") in {(r.person, r.role) for r in out.roles}
