"""How far a hedge or a denial reaches in a real parse: a clause of time that sets the scene is not
doubted ("X allegedly struck her as she walked"), and "discounted rumours that" denies; each both ways."""

from __future__ import annotations

from wirecheck.config import ClaimsConfig
from wirecheck.records import Article


def _mentions(parse, models, text):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    doc = parse(text)
    article = Article(id="a", source="a.txt", text=text)
    claims = extract_claims(article, doc, split_sentences(doc), ClaimsConfig(), models)
    return {text[m.label_start:m.label_end]: m for m in claims.mentions if m.kind == "statement"}


def _certainty_of(mentions, words):
    (m,) = [m for label, m in mentions.items() if words in label]
    return m.certainty


def test_a_clause_of_time_is_the_setting_of_an_allegation_not_alleged(parse, attribution_models):
    text = ("Marlow allegedly struck Rina Holt, a 59-year-old grandmother, as she walked along parked cars on "
            "117th Street in Brenton when the car struck her and fled the scene.")
    found = _mentions(parse, attribution_models, text)
    assert _certainty_of(found, "Marlow allegedly struck Rina Holt") == "hedged", found
    assert _certainty_of(found, "the car struck her") == "asserted", found
    text = "The driver allegedly struck a woman near a Brenton parking lot when she was crossing the road."
    found = _mentions(parse, attribution_models, text)
    assert _certainty_of(found, "she was crossing the road") == "asserted", found
    text = "The driver allegedly struck the woman outside the Sam's Club store and then fled the scene in a grey van."
    found = _mentions(parse, attribution_models, text)
    assert found and all(m.certainty == "hedged" for m in found.values()), found  # what the hedge governs


def test_discounting_rumours_denies_them(parse, attribution_models):
    from wirecheck.claims.certainty import assess

    doc = parse("Mr. LaRue discounted rumors that he was Deep Throat, saying the source was several people.")
    assert assess(next(iter(doc.sents)), True, "say")[0] == "denied"
    text = ("Mr. LaRue discounted rumors that he was Deep Throat, saying the mysterious source for the Post's "
            "reporters was not one person.")
    assert _certainty_of(_mentions(parse, attribution_models, text), "he was Deep Throat") == "denied"
    text = "Mr. LaRue said that he was Deep Throat, saying the mysterious source for the Post's reporters was him."
    assert _certainty_of(_mentions(parse, attribution_models, text), "he was Deep Throat") != "denied"
    doc = parse("The airline discounted fares on its routes to Florida for the winter season.")
    assert assess(next(iter(doc.sents)), False)[0] == "asserted"
