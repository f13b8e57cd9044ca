"""Attribution relations and certainty on sentences written for the tests."""

from __future__ import annotations

from wirecheck.claims.attribution import find_attributions
from wirecheck.claims.certainty import assess


def _spans(doc, attrs):
    return [(doc.text[a.source[0]:a.source[1]] if a.source else None, a.cue_text,
             doc.text[a.content[0]:a.content[1]] if a.content else None) for a in attrs]


def test_said_with_subject_and_complement(nlp):
    doc = nlp.spacy("The defence ministry said that 20 drones were shot down over the region.")
    src, cue, content = _spans(doc, find_attributions(doc))[0]
    assert src == "The defence ministry" and cue == "said"
    assert content.startswith("20 drones") and content.endswith("region")


def test_parenthetical_said(nlp):
    doc = nlp.spacy("The talks collapsed late on Friday, two diplomats said.")
    src, cue, content = _spans(doc, find_attributions(doc))[0]
    assert src == "two diplomats" and cue == "said" and "talks collapsed" in content


def test_according_to(nlp):
    doc = nlp.spacy("According to the World Health Organization, the outbreak has slowed.")
    src, cue, content = _spans(doc, find_attributions(doc))[0]
    assert cue == "according to" and src == "the World Health Organization" and content == "the outbreak has slowed"


def test_outlet_assertion_has_no_attribution(nlp):
    doc = nlp.spacy("The bridge reopened to traffic on Monday.")
    assert find_attributions(doc) == []


def test_certainty_levels(nlp):
    def c(text, attributed=False, lemma=None):
        return assess(next(nlp.spacy(text).sents), attributed, lemma)[0]

    assert c("The bridge reopened on Monday.") == "asserted"
    assert c("The general was reportedly killed in the strike.") == "hedged"
    assert c("The video could not be independently verified.") == "unverified"
    assert c("Unverified reports on social media suggested the dam had burst.") == "unverified"
    assert c("The ministry denied that soldiers were involved.", True, "deny") == "denied"
    assert c("Officials said the dam held.", True, "say") == "attributed"


def test_negation_flag(nlp):
    sent = next(nlp.spacy("No one was killed in the blast.").sents)
    assert assess(sent, False)[2] is True
    sent = next(nlp.spacy("The army did not confirm the losses.").sents)
    assert assess(sent, False)[2] is True
    sent = next(nlp.spacy("The army confirmed the losses.").sents)
    assert assess(sent, False)[2] is False
