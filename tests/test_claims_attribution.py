"""Attribution relations and certainty on sentences written for the tests."""

from __future__ import annotations

from wirecheck.claims.attribution import find_attributions
from wirecheck.claims.certainty import assess


def _spans(doc, attrs):
    return [(doc.text[a.source[0]:a.source[1]] if a.source else None, a.cue_text,
             doc.text[a.content[0]:a.content[1]] if a.content else None) for a in attrs]


def test_said_with_subject_and_complement(parse, attribution_models):
    doc = parse("The defence ministry said that 20 drones were shot down over the region.")
    src, cue, content = _spans(doc, find_attributions(doc, attribution_models))[0]
    assert src == "The defence ministry" and cue == "said"
    assert content.startswith("20 drones") and content.endswith("region")


def test_parenthetical_said(parse, attribution_models):
    doc = parse("The talks collapsed late on Friday, two diplomats said.")
    src, cue, content = _spans(doc, find_attributions(doc, attribution_models))[0]
    assert src == "two diplomats" and cue == "said" and "talks collapsed" in content


def test_according_to(parse, attribution_models):
    doc = parse("According to the World Health Organization, the outbreak has slowed.")
    src, cue, content = _spans(doc, find_attributions(doc, attribution_models))[0]
    assert cue == "according to" and src == "the World Health Organization" and content == "the outbreak has slowed"


def test_outlet_assertion_has_no_attribution(parse, attribution_models):
    doc = parse("The bridge reopened to traffic on Monday.")
    assert find_attributions(doc, attribution_models) == []


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


def test_mixed_quote_marks_do_not_hide_a_later_cue(parse, attribution_models):
    text = ("The governor “clearly differentiated herself from the president\" on fuel, aides noted.\n\n"
            "Grassley said that voters have become more concerned with foreign policy.")
    doc = parse(text)
    found = [(s, c) for s, c, _ in _spans(doc, find_attributions(doc, attribution_models))]
    assert ("Grassley", "said") in found


def test_subject_nearest_the_cue_after_a_timestamp(parse, attribution_models):
    doc = parse("9:30 p.m.\n\nDonald Trump says he may move to the South if he loses the primary.")
    found = [(s, c) for s, c, _ in _spans(doc, find_attributions(doc, attribution_models))]
    assert ("Donald Trump", "says") in found


def test_adjective_headed_subject_is_a_source(parse, attribution_models):
    doc = parse("Current and former officials who spoke with reporters said the committee has become a shell.")
    said = [a for a in find_attributions(doc, attribution_models) if a.cue_text == "said"]
    assert said and doc.text[said[0].source[0]:said[0].source[1]].startswith("Current and former officials")


def test_stances_and_acts_are_attributions_but_not_speech(parse, attribution_models):
    doc = parse("Female voters preferred the senator by a wide margin. "
                    "The governor is skeptical of the new trade deal.")
    attrs = find_attributions(doc, attribution_models)
    srcs = {doc.text[a.source[0]:a.source[1]]: a for a in attrs if a.source}
    assert "Female voters" in srcs and "The governor" in srcs
    assert not srcs["Female voters"].speech and not srcs["The governor"].speech


def test_possessive_stance_noun(parse, attribution_models):
    doc = parse("Observers noticed a change in tone. His criticism of the trade deal surprised many economists.")
    attrs = [a for a in find_attributions(doc, attribution_models) if a.cue_text == "criticism"]
    assert attrs and doc.text[attrs[0].source[0]:attrs[0].source[1]] == "His"
    assert doc.text[attrs[0].content[0]:attrs[0].content[1]] == "of the trade deal"
    assert attrs[0].speech is False


def test_model_loads_from_the_package_with_its_provenance():
    import json
    from importlib import resources

    from wirecheck.claims.attribution_model import load_model

    model = load_model()
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.speech_threshold < 1.0
    assert len(model.weights) > 100 and "lem=<unk>" in model.weights
    raw = json.loads(resources.files("wirecheck.claims").joinpath("models", "attribution.json").read_text())
    assert "PolNeAR" in raw["about"] and "train" in raw["about"] and "train_attribution.py" in raw["about"]
    assert raw["trained"][:2] == "20"


def test_model_json_holds_no_article_text():
    import json
    from importlib import resources

    raw = json.loads(resources.files("wirecheck.claims").joinpath("models", "attribution.json").read_text())
    header = {"about", "command", "trained", "params"}
    strings = [w for words in raw["vocab"].values() for w in words] + list(raw["weights"])

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                strings.append(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            strings.append(v)

    walk({k: v for k, v in raw.items() if k not in header})
    assert max(len(s) for s in strings) <= 60
    assert not any(" " in s for s in strings)  # features and vocabularies are single tokens, never phrases
    vocab = [w for words in raw["vocab"].values() for w in words]
    assert all(w == w.lower() and w.replace("_", "").isalpha() for w in vocab)
    data = resources.files("wirecheck.claims").joinpath("models", "attribution.json").read_bytes()
    assert len(data) < 1_000_000


def test_model_scores_candidates_of_a_parsed_sentence(parse):
    from wirecheck.claims.attribution_model import load_model, scored_candidates
    from wirecheck.claims.attribution_relations import candidates
    from wirecheck.claims.attribution_rules import rule_attributions

    model = load_model()
    doc = parse("The senator embraced the plan. The storm destroyed the bridge.")
    scores = {c.cue.text: (c.source.text, model.score(c.features))
              for c, _rule in scored_candidates(doc, rule_attributions(doc), candidates(doc), model)}
    assert scores["embraced"][0] == "senator" and scores["destroyed"][0] == "storm"
    assert scores["embraced"][1] >= model.threshold > scores["destroyed"][1]


def test_model_adds_a_stance_and_drops_a_non_speech_subject(parse, attribution_models):
    doc = parse("The governor hopes to win the primary. A vote is expected early next year.")
    with_model = find_attributions(doc, attribution_models)
    rules = find_attributions(doc, None)
    assert any(a.cue_text == "is expected" and a.speech for a in rules)
    assert not any(a.cue_text == "is expected" for a in with_model)  # a vote holds no view
    hopes = [a for a in with_model if a.cue_text == "hopes"]
    assert hopes and hopes[0].source_text == "The governor" and hopes[0].speech is False


def test_model_keeps_core_reported_speech(parse, attribution_models):
    doc = parse("It rained all week, the weather service said.")
    said = [a for a in find_attributions(doc, attribution_models) if a.cue_text == "said"]
    assert said and said[0].speech and said[0].source_text == "the weather service"


def test_what_a_relative_clause_reports_is_its_noun_s_word(parse, attribution_models):
    from wirecheck.claims import extract_claims
    from wirecheck.config import ClaimsConfig
    from wirecheck.nlp import split_sentences
    from wirecheck.records import Article

    for text, reported, speaker in [
        ("Another mom was wounded by rooftop sniper Andrew Lopez, who told police his dozen rounds were intended "
         "for members of a rival gang.", "his dozen rounds were intended", "Andrew Lopez"),
        ("The company, which said it had not paid a ransom, restored its systems on Friday.",
         "it had not paid a ransom", "company"),
    ]:
        doc = parse(text)
        mentions = extract_claims(Article(id="r", source="t", text=text), doc, split_sentences(doc), ClaimsConfig(),
                                  attribution_models).mentions
        said = next(m for m in mentions if text[m.label_start:m.label_end].startswith(reported))
        assert said.certainty == "attributed" and said.attributed_to == speaker  # not asserted, not "who"
