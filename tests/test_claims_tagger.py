"""The attribution span tagger: BIO decoding, reconciling with the parse-based relations, the shipped model."""

from __future__ import annotations

import numpy as np
import pytest

from wirecheck.claims.attribution import drop_nested, find_attributions
from wirecheck.claims.attribution_relations import Attribution, candidates
from wirecheck.claims.attribution_rules import rule_attributions
from wirecheck.claims.attribution_tagger import FIELDS, combine, decode, token_features


@pytest.fixture(scope="module")
def tagger(attribution_models):
    return attribution_models.tagger


def test_decode_bio_runs():
    # O B I I O I B O B  -> spans (1,4), (5,6) opened by a stray I, (6,7), (8,9)
    assert decode(np.array([0, 1, 2, 2, 0, 2, 1, 0, 1])) == [(1, 4), (5, 6), (6, 7), (8, 9)]
    assert decode(np.array([0, 0])) == []


def _probs(doc, marks):
    """A probability array that puts each (role, start, end) token range at B/I with certainty."""
    p = np.zeros((len(doc), 3, 3), dtype=np.float32)
    p[:, :, 0] = 1.0
    for role, s, e in marks:
        p[s:e, role, 0] = 0.0
        p[s, role, 1] = 1.0
        p[s + 1:e, role, 2] = 1.0
    return p


def test_combine_drops_an_unmarked_source_and_adds_a_marked_one(parse):
    doc = parse("A vote is expected early next year. In a Fox poll, most voters backed the plan.")
    rules = rule_attributions(doc)
    assert any(a.cue_text == "is expected" for a in rules)
    toks = [t.text for t in doc]
    fox = toks.index("Fox")
    backed = toks.index("backed")
    marks = [(0, fox - 1, fox + 2), (1, backed, backed + 1), (2, backed + 1, backed + 3)]
    out = combine(doc, rules, _probs(doc, marks), keep=0.3, keep_core=0.2, add=0.5)
    assert not any(a.cue_text == "is expected" for a in out)
    added = [a for a in out if a.source_text == "a Fox poll"]
    assert added and added[0].cue_text == "backed" and doc.text[slice(*added[0].content)] == "the plan"


def test_combine_keeps_a_source_the_tagger_marks(parse):
    doc = parse("It rained all week, the weather service said.")
    rules = rule_attributions(doc)
    toks = [t.text for t in doc]
    s = toks.index("the")
    out = combine(doc, rules, _probs(doc, [(0, s, s + 3)]), keep=0.3, keep_core=0.2, add=0.5)
    assert [a.source_text for a in out] == ["the weather service"]


def test_token_features_mark_rule_roles_and_quotes(parse):
    doc = parse('“We will rebuild,” the mayor said.')
    feats = token_features(doc, rule_attributions(doc), candidates(doc), {"mayor", "say"})
    by_text = {t.text: dict(zip(FIELDS, row)) for t, row in zip(doc, feats)}
    assert by_text["mayor"]["rule"] == "Ss" and by_text["said"]["rule"] == "Cs"
    assert by_text["rebuild"]["quote"] == "True" and by_text["mayor"]["quote"] == "False"
    assert by_text["said"]["lex"].startswith("core") and by_text["We"]["lemma"] == "<PRON>"


def test_shipped_tagger_marks_speakers_and_not_bystanders(parse, tagger):
    doc = parse("The bridge reopened on Monday. Transport minister Ana Ruiz said repairs had cost less "
                    "than expected.")
    spans = tagger.tag(doc, rule_attributions(doc), candidates(doc))
    sources = [doc[s:e].text for s, e, _p in spans.source]
    assert any("Ana Ruiz" in s for s in sources)
    assert not any("bridge" in s for s in sources)
    cues = [doc[s:e].text for s, e, _p in spans.cue]
    assert "said" in cues


def test_find_attributions_uses_the_tagger_when_given(parse, attribution_models):
    doc = parse("The senator said the bill would pass.")
    with_tagger = find_attributions(doc, attribution_models)
    assert [(a.source_text, a.cue_text) for a in with_tagger] == [("The senator", "said")]


def test_a_tagged_relation_survives_nesting_and_an_untagged_one_does_not():
    text = "“Voters believe the plan works,” the mayor said."
    m = text.index("the mayor")
    outer = Attribution(cue=(text.index("said"), text.index("said") + 4), source=(m, m + 9),
                        content=(1, 30), cue_text="said", source_text="the mayor", sentence_start=0)
    b = text.index("believe")
    inner = Attribution(cue=(b, b + 7), source=(1, 7), content=(b + 8, 30), cue_text="believe",
                        source_text="Voters", sentence_start=0, speech=True, depth=1)
    assert text[1:7] == "Voters"
    assert [a.cue_text for a in drop_nested([outer, inner], text)] == ["said"]
    inner.tagged = True
    assert sorted(a.cue_text for a in drop_nested([outer, inner], text)) == ["believe", "said"]


def test_shipped_tagger_drops_the_recipient_of_a_passive_report(parse, attribution_models):
    doc = parse("Residents of the low-lying districts were told to leave their homes before the river "
                    "peaked. The regional governor said the dikes would hold.")
    rules = [(a.source_text, a.cue_text) for a in rule_attributions(doc)]
    assert ("Residents of the low-lying districts", "were told") in rules  # the rules take any subject
    found = [(a.source_text, a.cue_text) for a in find_attributions(doc, attribution_models)]
    assert not any(cue == "were told" for _src, cue in found)
    assert ("The regional governor", "said") in found


def test_packed_weights_round_trip_within_a_row_scale():
    from wirecheck.claims.attribution_tagger import pack_weights, unpack_weights

    rng = np.random.default_rng(7)
    state = {"m0.w": rng.normal(size=(5, 9)).astype(np.float32), "m0.b": rng.normal(size=9).astype(np.float32),
             "m0.zero": np.zeros((2, 3), dtype=np.float32)}
    packed = pack_weights(state)
    assert packed["m0.w.q"].dtype == np.int8 and "m0.w" not in packed
    back = unpack_weights(packed)
    assert set(back) == set(state)
    row_max = np.abs(state["m0.w"]).max(axis=1, keepdims=True)
    assert np.all(np.abs(back["m0.w"] - state["m0.w"]) <= row_max / 127.0 / 2 + 1e-6)
    assert np.allclose(back["m0.b"], state["m0.b"], atol=1e-2) and not back["m0.zero"].any()


def test_the_tagger_says_what_to_run_when_a_parse_has_no_token_states(nlp, attribution_models):
    doc = nlp.spacy("The senator said the bill would pass.")
    with pytest.raises(ValueError, match="token states"):
        find_attributions(doc, attribution_models)
