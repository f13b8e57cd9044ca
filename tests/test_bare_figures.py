"""Figures with no counted noun of their own, bounds that are particles, shares of a unit, "last year",
statements that something did not happen, and verdicts with a figure inside; each rule both ways."""

from __future__ import annotations

import pytest

from wirecheck.align import absence, align_claims
from wirecheck.config import AlignConfig, ClaimsConfig
from wirecheck.records import Article


def _claims(parse, models, aid, text, published=None):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    doc = parse(text)
    article = Article(id=aid, source=f"{aid}.txt", text=text, published=published)
    return article, doc, extract_claims(article, doc, split_sentences(doc), ClaimsConfig(), models)


def _figures(parse, models, text, published=None):
    _, _, claims = _claims(parse, models, "a", text, published)
    return [m for m in claims.mentions if m.quantity is not None]


@pytest.mark.parametrize("text,value,predicate", [
    ("Dozens were injured.", 24.0, "injured"),
    ("By early afternoon 189 had been rescued and 32 were still missing.", 32.0, "missing"),
    ("Hundreds were evacuated from the valley.", 100.0, "evacuated"),
])
def test_a_bare_figure_whose_verb_counts_people_counts_people(parse, attribution_models, text, value, predicate):
    found = {m.quantity.value: m.quantity for m in _figures(parse, attribution_models, text)}
    assert value in found, found
    assert found[value].noun == "people"
    assert found[value].predicate == predicate


@pytest.mark.parametrize("text", [
    "Officials said thousands left their homes.",  # "left" has too many senses to say what is counted
    "Thousands protested in the capital.",
    "Two were chosen by lot.",
])
def test_a_bare_figure_of_another_verb_is_no_counted_fact(parse, attribution_models, text):
    assert _figures(parse, attribution_models, text) == []


def test_a_bare_number_beside_the_clauses_figure_is_a_part_of_it(parse, attribution_models):
    figures = _figures(parse, attribution_models, "Eleven people were injured, four critically.")
    by_value = {m.quantity.value: m for m in figures}
    assert by_value[4.0].quantity.noun == "people" and by_value[4.0].scope == "part"
    assert by_value[11.0].scope is None


def test_a_vote_tally_is_not_a_part(parse, attribution_models):
    figures = _figures(parse, attribution_models, "The Calder Senate voted 31-19 on Wednesday to cap rents.")
    assert {m.quantity.noun: m.scope for m in figures} == {"votes for": None, "votes against": None}


@pytest.mark.parametrize("text,bound", [
    ("Tolmark handed over 24 Arvessan detainees.", "exact"),  # a verb's particle
    ("Over 40 people died in the floods.", "more_than"),
])
def test_over_is_a_bound_only_when_it_is_not_a_verbs_particle(parse, attribution_models, text, bound):
    (m,) = _figures(parse, attribution_models, text)
    assert m.quantity.bound == bound


def test_several_is_a_vague_interval(parse, attribution_models):
    (m,) = _figures(parse, attribution_models, "Several vehicles were on the collapsed section.")
    q = m.quantity
    assert (q.value, q.high, q.vague, q.noun) == (3.0, 9.0, True, "vehicle")


def test_a_share_of_a_unit_is_a_value_in_that_unit(parse, attribution_models):
    (m,) = _figures(parse, attribution_models, "The bank raised its rate by a quarter of a percentage point.")
    assert (m.quantity.value, m.quantity.unit) == (0.25, "pp")
    (share,) = _figures(parse, attribution_models, "The company will cut a third of its workforce.")
    assert share.quantity.unit == "fraction"  # a share of a thing stays a share


def test_a_copula_clause_keeps_its_own_predicate(parse, attribution_models):
    figures = _figures(parse, attribution_models,
                       "Boats had rescued 181 people by mid-morning, and 43 people were still unaccounted for.")
    assert {m.quantity.value: m.quantity.predicate for m in figures} == {181.0: "rescued", 43.0: "unaccounted"}


def test_last_year_is_the_year_before_publication(parse, attribution_models):
    published = "2026-03-10T08:00:00+00:00"
    (last,) = _figures(parse, attribution_models, "Corvane reported more than $11 billion in revenue last year.",
                       published)
    (named,) = _figures(parse, attribution_models, "Corvane reported revenue of $11.3 billion in 2025.", published)
    (now,) = _figures(parse, attribution_models, "Corvane expects revenue of $11.3 billion this year.", published)
    assert last.period == named.period == "2025"
    assert now.period is None


def _statements(parse, models, text):
    _, _, claims = _claims(parse, models, "a", text)
    return [text[m.label_start:m.label_end] for m in claims.mentions if m.kind == "statement"]


@pytest.mark.parametrize("text", ["No injuries were reported.", "Nobody was hurt.", "No arrests have been made."])
def test_that_nothing_happened_is_a_checkable_statement(parse, attribution_models, text):
    assert _statements(parse, attribution_models, text) == [text.rstrip(".")]


@pytest.mark.parametrize("text", ["It was a long night.", "Nobody knows."])
def test_short_sentences_that_state_no_event_are_not_statements(parse, attribution_models, text):
    assert _statements(parse, attribution_models, text) == []


def test_a_past_tense_in_the_auxiliary_is_an_event(parse, attribution_models):
    text = "A private contractor had been resurfacing its deck since April."
    assert _statements(parse, attribution_models, text) == [text.rstrip(".")]
    assert _statements(parse, attribution_models, "A private contractor is resurfacing its deck.") == []


def test_a_verdict_with_a_figure_inside_is_a_statement_as_well(parse, attribution_models):
    text = "Aldane, who left office in 2022, was found guilty of accepting bribes worth 3.1 million euros."
    _, _, claims = _claims(parse, attribution_models, "a", text)
    kinds = {m.kind for m in claims.mentions}
    assert {"quantity", "statement"} <= kinds
    assert any("found guilty" in text[m.label_start:m.label_end] for m in claims.mentions if m.kind == "statement")
    # a figure whose clause is the sentence's main clause stays the one claim of it
    text = "Lakemont Health paid a ransom of about $3 million."
    _, _, claims = _claims(parse, attribution_models, "a", text)
    assert [m.kind for m in claims.mentions] == ["quantity"]


@pytest.mark.parametrize("a,b,same", [
    ("No injuries were reported", "Nobody was hurt", True),
    ("No arrests have been made", "Nobody has been arrested", True),
    ("No injuries were reported", "No arrests have been made", False),
    ("Crews reported no injuries", "Nobody was hurt", False),  # not a clause about nothing happening
])
def test_two_clauses_that_nothing_of_one_kind_happened_are_one_fact(a, b, same):
    assert (absence(a) is not None and absence(a) == absence(b)) is same


def _story(nlp, parse, models, texts):
    built = [_claims(parse, models, f"a{i}", t, p) for i, (t, p) in enumerate(texts)]
    articles = [a for a, _, _ in built]
    features = nlp.features(articles, [d for _, d, _ in built])
    claims = [c for _, _, c in built]
    origins = [[a.id] for a in articles]
    return align_claims(articles, features, claims, origins, AlignConfig())


def _holding(aligned, value):
    return [c for c in aligned if any(s.quantity is not None and s.quantity.value == value for s in c.support)]


def test_people_arrested_and_arrests_hours_apart_are_one_changing_fact(nlp, parse, attribution_models):
    aligned = _story(nlp, parse, attribution_models, [
        ("Police said 12 people had been arrested by early afternoon in the capital.", "2026-05-03T13:00:00+00:00"),
        ("Police had made at least 42 arrests by early evening in the capital.", "2026-05-03T19:00:00+00:00"),
    ])
    (claim,) = _holding(aligned, 12.0)
    assert {s.quantity.value for s in claim.support if s.quantity is not None} == {12.0, 42.0}


def test_children_killed_and_people_killed_are_not_one_disputed_count(nlp, parse, attribution_models):
    aligned = _story(nlp, parse, attribution_models, [
        ("Three children were killed when the roof collapsed in the town.", "2026-05-03T13:00:00+00:00"),
        ("Ten people were killed when the roof collapsed in the town.", "2026-05-03T13:30:00+00:00"),
    ])
    assert all(len(c.support) == 1 for c in _holding(aligned, 3.0))
    assert not any(c.status == "disputed" for c in aligned)


def test_a_sentence_with_a_quote_states_what_lies_outside_it(parse, attribution_models):
    text = ('Haro admitted defeat soon after midnight, telling supporters at her party headquarters: '
            '"The voters have spoken, and I respect their verdict."')
    statements = _statements(parse, attribution_models, text)
    assert any(s.startswith("Haro admitted defeat soon after midnight") for s in statements), statements
    assert not any("voters have spoken" in s for s in statements)  # the quote is its own claim


def test_a_quote_alone_is_no_statement(parse, attribution_models):
    text = '"We will not negotiate with criminals," the chief executive said.'
    assert _statements(parse, attribution_models, text) == []


def test_a_condition_is_not_a_fact(parse, attribution_models):
    text = "If Teixeira signs with the Red Sox, the team said it would move Youkilis to third base."
    assert not any("signs with" in s for s in _statements(parse, attribution_models, text))
    text = "The Red Sox moved Youkilis to third base on Tuesday because Teixeira had signed with the club."
    assert any("Teixeira had signed with the club" in s for s in _statements(parse, attribution_models, text))


def test_an_intention_reported_in_a_side_clause_is_a_statement(parse, attribution_models):
    text = ('"This verdict is a political decision," defence lawyer Tomas Reiner said outside the courthouse, '
            'adding that his client would appeal as well.')
    assert "his client would appeal as well" in _statements(parse, attribution_models, text)
    text = "The minister visited the site on Monday, and the army would rebuild the bridge."
    assert not any("rebuild" in s for s in _statements(parse, attribution_models, text))  # nobody reported it


def test_a_number_after_a_name_is_a_count_when_it_is_a_part_of_a_whole(parse, attribution_models):
    figures = _figures(parse, attribution_models, "Preliminary figures gave National Renewal 88 of the 150 seats.")
    # (the whole, a large figure told again with "the", is the House's size, a fact of its own)
    assert [m.quantity.value for m in figures] == [88.0, 150.0]
    assert _figures(parse, attribution_models, "The Dow 30 rose on Tuesday.") == []


def test_a_tally_is_two_sides_not_two_parts_and_is_news_when_definite(parse, attribution_models):
    for text in ("Senators approved the cap by a 31-19 vote on Wednesday.",
                 "The state Senate's 31-19 vote on Wednesday drew mixed reactions."):
        figures = _figures(parse, attribution_models, text)
        assert {m.quantity.noun: (m.quantity.value, m.scope) for m in figures} == {
            "votes for": (31.0, None), "votes against": (19.0, None)}, text
    assert _figures(parse, attribution_models, "Her three children were at home.") == []
    # a tally told in words is one too, not "19 senators" against
    text = "The state Senate passed the bill on Wednesday, with 31 senators voting in favor and 19 against."
    assert {m.quantity.noun: m.quantity.value for m in _figures(parse, attribution_models, text)} == {
        "votes for": 31.0, "votes against": 19.0}
    text = "Two Republicans voted for the bill on Wednesday and 19 Democrats against it."
    assert {m.quantity.noun for m in _figures(parse, attribution_models, text)} == {"republican", "democrat"}


@pytest.mark.parametrize("text,kept", [
    ("Any discipline would come next season, several sources said.", []),
    ("Two officials told reporters that the bridge was closed.", []),
    ("Two officials were injured in the blast.", [2.0]),
])
def test_a_count_of_those_who_report_is_no_fact(parse, attribution_models, text, kept):
    assert [m.quantity.value for m in _figures(parse, attribution_models, text)] == kept



def test_a_participle_beside_a_figure_is_its_predicate(parse, attribution_models):
    figures = _figures(parse, attribution_models,
                       "Officials say at least 24 people were killed and more than 200 injured by the quake.")
    assert {m.quantity.value: m.quantity.predicate for m in figures} == {24.0: "killed", 200.0: "injured"}
    figures = _figures(parse, attribution_models, "The storm killed 24 people and destroyed more than 200 homes.")
    assert {m.quantity.value: m.quantity.predicate for m in figures} == {24.0: "killed", 200.0: "destroyed"}
    # a participle that describes a verb's argument leaves the verb its predicate
    (m,) = _figures(parse, attribution_models, "A ransomware attack has disrupted three hospitals run by Lakemont.")
    assert m.quantity.predicate == "disrupted"


def test_a_date_the_clause_cuts_still_sets_its_period(parse, attribution_models):
    text = ("Before that, Rellis spent four seasons as the club's director of scouting (1999-2003) and has served "
            "as an assistant coach under three managers.")
    by_value = {m.quantity.value: m for m in _figures(parse, attribution_models, text, "2008-06-01T00:00:00+00:00")}
    assert by_value[4.0].period == "1999"
    text = "Rellis spent four seasons as the club's director of scouting and has served as an assistant coach."
    by_value = {m.quantity.value: m for m in _figures(parse, attribution_models, text, "2008-06-01T00:00:00+00:00")}
    assert by_value[4.0].period is None


def test_a_verb_with_no_subject_of_its_own_shares_its_heads(parse, attribution_models):
    text = ("Reggie Bush missed eight games. He looked stronger on Sunday, when he had 70 yards rushing on nine "
            "carries and had 55 yards receiving on five catches.")
    by_value = {m.quantity.value: m for m in _figures(parse, attribution_models, text)}
    assert by_value[55.0].subject == "Reggie Bush"
    text = "Reggie Bush had 70 yards rushing on Sunday and Pierre Thomas had 55 yards receiving."
    by_value = {m.quantity.value: m for m in _figures(parse, attribution_models, text)}
    assert by_value[55.0].subject == "Pierre Thomas" and by_value[70.0].subject == "Reggie Bush"


def test_a_dateline_is_never_the_who_of_a_figure(parse, attribution_models):
    text = ("CORRANO, Belmaro (Meridian Press) — Arvessa and Tolmark exchanged 50 prisoners at Corrano airport "
            "on Saturday.")
    (m,) = _figures(parse, attribution_models, text)
    assert m.subject == "Arvessa"
    text = "Arvessa and Tolmark exchanged 50 prisoners at Corrano airport on Saturday — a rare deal."
    (m,) = _figures(parse, attribution_models, text)
    assert m.subject == "Arvessa"  # a dash after the verb hides nothing


def test_a_large_figure_told_again_is_a_fact_a_small_one_is_a_reference(parse, attribution_models):
    text = "The 12,000 people forced from their houses face another night away from home."
    assert [m.quantity.value for m in _figures(parse, attribution_models, text)] == [12000.0]
    for text in ("The two sides met again in Geneva on Monday.", "Traffic on the 405 freeway was halted for hours."):
        assert _figures(parse, attribution_models, text) == [], text


def test_a_term_sought_is_a_figure_a_span_of_time_is_not(parse, attribution_models):
    for text in ("Prosecutors, who had sought 12 years, said they would appeal.",
                 "Prosecutors had asked for 12 years and said they would appeal."):
        assert [m.quantity.value for m in _figures(parse, attribution_models, text)] == [12.0], text
    assert _figures(parse, attribution_models, "The talks in Geneva lasted three days.") == []


def test_the_named_one_and_n_others_are_n_plus_one(parse, attribution_models):
    text = "Hollin arrived in the capital hours after he and 25 other Tolmarki citizens were freed by Arvessa."
    assert [m.quantity.value for m in _figures(parse, attribution_models, text)] == [26.0]
    text = "Three other people were hurt in the blast at the Orrin Chemicals plant."
    assert [m.quantity.value for m in _figures(parse, attribution_models, text)] == [3.0]


def test_a_relative_clause_on_the_counted_noun_names_its_role_when_the_verb_names_none(parse, attribution_models):
    [m] = _figures(parse, attribution_models,
                   "Hundreds of workers who were evacuated on Thursday were told to stay at home on Friday.")
    assert m.quantity.predicate == "evacuated"
    # the other way: a relative clause of no event role, or a verb that names one, leaves the verb
    [m] = _figures(parse, attribution_models, "Dozens of residents who live near the plant were told to stay indoors.")
    assert m.quantity.predicate == "told"
    [m] = _figures(parse, attribution_models, "Twelve soldiers who were evacuated from the base were killed.")
    assert m.quantity.predicate == "killed"


@pytest.mark.parametrize("text,value,predicate", [
    ("Hackers have knocked out systems at three of the network's schools.", 3.0, "knocked out"),
    ("Air defences brought down 614 drones overnight.", 614.0, "brought down"),
    ("Computer systems at six schools in the district were still down on Monday.", 6.0, "down"),
    # the other way: a particle that names no role of its own leaves the verb as it is
    ("Officials handed over 24 detainees to the Red Cross.", 24.0, "handed"),
    ("The company laid off 300 workers at the plant.", 300.0, "laid"),
    ("Shares of Corvane were down 3% on Tuesday.", 3.0, None),  # the size of a fall, not a state
])
def test_a_phrasal_verb_or_a_predicative_adverb_names_the_figures_role(parse, attribution_models, text, value,
                                                                        predicate):
    found = {m.quantity.value: m.quantity.predicate for m in _figures(parse, attribution_models, text)}
    assert found.get(value) == predicate, found


def test_a_name_in_a_relative_clause_on_the_subject_is_not_whose_figure_it_is(parse, attribution_models):
    [m] = _figures(parse, attribution_models,
                   "The strike, which Unite called on Friday, has disrupted 300 flights at the airport.")
    assert m.subject is None
    # the other way: the subject's own name is still whose figure it is
    by_value = {m.quantity.value: m for m in _figures(parse, attribution_models,
                                                      "Corvane Industries, which employs 5,000 people, will cut "
                                                      "1,200 jobs.")}
    assert by_value[1200.0].subject == "Corvane Industries"


def test_figures_put_out_of_service_however_worded_are_one_fact(nlp, parse, attribution_models):
    hit = ("A cyberattack has disrupted five schools run by the Orvell district, officials said on Monday.",
           "2026-05-04T10:00:00+00:00")
    down = ("Computer systems at six schools in the Orvell district were still down on Monday after the "
            "cyberattack.", "2026-05-04T10:40:00+00:00")
    aligned = _story(nlp, parse, attribution_models, [hit, down])
    (claim,) = _holding(aligned, 5.0)
    assert {s.quantity.value for s in claim.support if s.quantity is not None} == {5.0, 6.0}
    assert claim.status == "disputed"  # 40 minutes apart: not an update
    # the other way: a figure of another role in the same frame is another fact
    evacuated = ("Six schools in the Orvell district were evacuated on Monday after the cyberattack.",
                 "2026-05-04T10:40:00+00:00")
    aligned = _story(nlp, parse, attribution_models, [hit, evacuated])
    (claim,) = _holding(aligned, 5.0)
    assert [s.quantity.value for s in claim.support if s.quantity is not None] == [5.0]


def test_a_phrasal_verb_of_two_senses_never_makes_two_facts_of_one(nlp, parse, attribution_models):
    downed = ("Air defences intercepted 40 drones over the capital overnight, the air force said.",
              "2026-05-04T06:00:00+00:00")
    took = ("Air defences took down 40 drones over the capital overnight, the air force said.",
            "2026-05-04T06:30:00+00:00")  # "took down" also puts systems out of service
    (claim,) = _holding(_story(nlp, parse, attribution_models, [downed, took]), 40.0)
    assert len(claim.support) == 2
