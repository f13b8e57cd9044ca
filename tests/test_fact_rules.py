"""The fact table's rules, each in both directions: a conflict that must be found, a compatible pair that
must not be flagged. Figures, scopes, periods, times, denials, titles and speakers."""

from __future__ import annotations

import numpy as np
import pytest

from storybuild import make_story
from wirecheck.align import align_claims, as_percent, values_consistent
from wirecheck.claims.names import canonical_names, roles_compatible
from wirecheck.config import AlignConfig, ClaimsConfig
from wirecheck.discrepancy import confident_speaker, find_discrepancies
from wirecheck.records import (
    Article, ArticleClaims, ArticleFeatures, ClaimMention, EntityMention, Quantity, Quote, RoleMention, Sentence,
)

TOL = AlignConfig().value_tolerance


def q(value, bound="exact", high=None, vague=False, unit=None, type="count", noun="drones"):
    return Quantity(value, noun, bound, unit=unit, type=type, high=high, vague=vague)


COMPATIBLE = [
    (q(653), q(650, "more_than")),  # "653" and "more than 650"
    (q(653), q(100, high=1000, vague=True)),  # "hundreds of"
    (q(3212), q(3000)),  # a round figure stands for a rounded one
    (q(3200, "about"), q(3000, "more_than")),
    (q(400), q(400, "nearly")),  # "nearly 400"
    (q(23), q(20, "at_least")),
    (q(0.25, unit="pp", type="percent"), q(25, unit="bp", type="percent")),
    (q(1 / 3, unit="fraction", type="percent"), q(35, "about", unit="%", type="percent")),
]
CONFLICTING = [
    (q(212), q(180)),
    (q(14), q(14, "more_than")),
    (q(0.3, unit="%", type="percent"), q(30, "at_most", unit="%", type="percent")),  # "as much as 30%"
    (q(6.4), q(6.2)),
    (q(20), q(24)),  # small figures are not rounded
    (q(181), q(118)),
]


@pytest.mark.parametrize("a,b", COMPATIBLE)
def test_compatible_wordings_can_both_hold(a, b):
    assert values_consistent(as_percent(a), as_percent(b), TOL)
    assert values_consistent(as_percent(b), as_percent(a), TOL)


@pytest.mark.parametrize("a,b", CONFLICTING)
def test_incompatible_figures_cannot_both_hold(a, b):
    assert not values_consistent(as_percent(a), as_percent(b), TOL)
    assert not values_consistent(as_percent(b), as_percent(a), TOL)


# ---------------------------------------------------------------- aligned stories


def _fig(article, features, k, phrase, value, noun, bound="exact", predicate=None, scope=None, period=None,
         high=None, vague=False, certainty="asserted"):
    s = features.sentences[k]
    at = article.text.index(phrase, s.start)
    quantity = Quantity(value, noun, bound, predicate=predicate, start=at, end=at + len(phrase), high=high,
                        vague=vague)
    return ClaimMention(article.id, "quantity", s.start, s.end, article.text[s.start:s.end], certainty=certainty,
                        quantity=quantity, sentence_index=k, label_start=s.start, label_end=s.end, scope=scope,
                        period=period)


def _analyse(articles, features, claims, origins):
    aligned = align_claims(articles, features, claims, origins, AlignConfig())
    found = find_discrepancies(aligned, claims, articles, features, origins, AlignConfig())
    return aligned, found


def test_headline_figure_worded_three_ways_is_corroborated_not_disputed(nlp):
    articles, features = make_story(nlp, [
        ["Russia launched 653 drones and 51 missiles at Ukraine overnight."],
        ["Russia launched more than 650 drones at Ukraine overnight."],
        ["Russia launched hundreds of drones at Ukraine overnight."],
    ])
    claims = [
        ArticleClaims("a0", [_fig(articles[0], features[0], 0, "653 drones", 653, "drones", predicate="launched")], []),
        ArticleClaims("a1", [_fig(articles[1], features[1], 0, "more than 650 drones", 650, "drones", "more_than",
                                  predicate="launched")], []),
        ArticleClaims("a2", [_fig(articles[2], features[2], 0, "hundreds of drones", 100, "drones", high=1000,
                                  vague=True, predicate="launched")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    drones = [c for c in aligned if c.kind == "quantity"]
    assert len(drones) == 1 and drones[0].status == "corroborated" and drones[0].independent_support == 3
    assert not [d for d in found if d.kind == "value"]
    assert drones[0].label == "Russia launched 653 drones and 51 missiles at Ukraine overnight."


def test_a_part_never_disputes_the_whole_but_the_same_part_aligns(nlp):
    articles, features = make_story(nlp, [
        ["Eight people were wounded, three of them in the Kyiv region."],
        ["At least three people were injured in the Kyiv region."],
        ["Eight people were wounded in the attack."],
    ])
    a0, a1, a2 = articles
    claims = [
        ArticleClaims("a0", [_fig(a0, features[0], 0, "Eight people", 8, "people", predicate="wounded"),
                             _fig(a0, features[0], 0, "three of them", 3, "people", predicate="wounded",
                                  scope="kyiv region")], []),
        ArticleClaims("a1", [_fig(a1, features[1], 0, "At least three people", 3, "people", "at_least",
                                  predicate="injured", scope="kyiv region")], []),
        ArticleClaims("a2", [_fig(a2, features[2], 0, "Eight people", 8, "people", predicate="wounded")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    assert not [d for d in found if d.kind == "value"]
    by_value = {c.quantity.value: c for c in aligned}
    assert {s.article for s in by_value[8].support} == {"a0", "a2"}
    assert {s.article for s in by_value[3].support} == {"a0", "a1"}
    assert all(c.status == "corroborated" for c in aligned)


def test_one_part_told_as_a_part_or_alone_or_placed_by_its_verb_aligns(nlp):
    articles, features = make_story(nlp, [
        ["The party won 88 of the 150 seats, with 1,100 of its new members in Brennick."],
        ["The party won 88 seats in the election."],
        ["The party has new members, and 1,100 of them are in Brennick."],
        ["Eight people were wounded, three of them seriously."],
        ["Three people were wounded in the attack."],
    ])
    a0, a1, a2, a3, a4 = articles
    claims = [
        ArticleClaims("a0", [_fig(a0, features[0], 0, "88", 88, "seats", predicate="won", scope="part"),
                             _fig(a0, features[0], 0, "1,100 of its new members", 1100, "members",
                                  scope="brennick")], []),
        ArticleClaims("a1", [_fig(a1, features[1], 0, "88 seats", 88, "seats", predicate="won")], []),
        ArticleClaims("a2", [_fig(a2, features[2], 0, "1,100 of them", 1100, "members", scope="part")], []),
        ArticleClaims("a3", [_fig(a3, features[3], 0, "Eight people", 8, "people", predicate="wounded"),
                             _fig(a3, features[3], 0, "three of them", 3, "people", predicate="wounded",
                                  scope="part")], []),
        ArticleClaims("a4", [_fig(a4, features[4], 0, "Three people", 3, "people", predicate="wounded")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"], ["a3"], ["a4"]])
    by_value = {}
    for c in aligned:
        by_value.setdefault(c.quantity.value, []).append({s.article for s in c.support})
    assert by_value[88] == [{"a0", "a1"}]  # "88 of the 150 seats" is the "88 seats" won
    assert by_value[1100] == [{"a0", "a2"}]  # "1,100 of them are in Brennick": the part in Brennick
    assert by_value[8] == [{"a3"}]  # a part is never the whole...
    assert not [d for d in found if d.kind == "value"]  # ...nor disputes it


def test_a_figure_of_another_period_neither_supports_nor_disputes(nlp):
    articles, features = make_story(nlp, [
        ["Floods in the valley have killed at least 14 people this week."],
        ["Floods in the same valley in 2019 killed more than 30 people."],
        ["The floods have killed 14 people, officials said."],
    ])
    a0, a1, a2 = articles
    claims = [
        ArticleClaims("a0", [_fig(a0, features[0], 0, "at least 14 people", 14, "people", "at_least",
                                  predicate="killed")], []),
        ArticleClaims("a1", [_fig(a1, features[1], 0, "more than 30 people", 30, "people", "more_than",
                                  predicate="killed", period="2019")], []),
        ArticleClaims("a2", [_fig(a2, features[2], 0, "14 people", 14, "people", predicate="killed")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    toll = next(c for c in aligned if {s.article for s in c.support} >= {"a0", "a2"})
    assert "a1" not in {s.article for s in toll.support} and toll.status == "corroborated"
    assert not found


def _tolls(nlp, times):
    articles, features = make_story(nlp, [
        ["Two people died when the ferry capsized, the coast guard said."],
        ["Five people died when the ferry capsized, the coast guard said."],
    ], published=dict(enumerate(times)))
    claims = [
        ArticleClaims("a0", [_fig(articles[0], features[0], 0, "Two people", 2, "people", predicate="died")], []),
        ArticleClaims("a1", [_fig(articles[1], features[1], 0, "Five people", 5, "people", predicate="died")], []),
    ]
    return _analyse(articles, features, claims, [["a0"], ["a1"]])


def test_a_toll_that_rises_over_hours_is_an_update_with_a_timeline(nlp):
    aligned, found = _tolls(nlp, ["2026-07-21T09:10:00+00:00", "2026-07-21T14:30:00+00:00"])
    assert len(aligned) == 1 and aligned[0].status != "disputed"
    assert not found
    assert [p.value for p in aligned[0].timeline] == ["Two people", "Five people"]


def test_two_tolls_at_the_same_time_are_a_value_dispute(nlp):
    aligned, found = _tolls(nlp, ["2026-07-21T09:10:00+00:00", "2026-07-21T09:40:00+00:00"])
    assert len(aligned) == 1 and aligned[0].status == "disputed"
    value = [d for d in found if d.kind == "value"]
    assert len(value) == 1 and {v.value for v in value[0].variants} == {"Two people", "Five people"}
    assert {v.origin for v in value[0].variants} == {0, 1}


def test_a_vague_figure_never_disputes(nlp):
    articles, features = make_story(nlp, [
        ["Twelve people were injured in the blast in Ketta."],
        ["Dozens of people were injured in the blast in Ketta."],
    ])
    claims = [
        ArticleClaims("a0", [_fig(articles[0], features[0], 0, "Twelve people", 12, "people", predicate="injured")], []),
        ArticleClaims("a1", [_fig(articles[1], features[1], 0, "Dozens of people", 24, "people", high=100,
                                  vague=True, predicate="injured")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert not found and all(c.status == "single_source" for c in aligned)


def _statement(article, features, k, phrase, certainty="asserted"):
    s = features.sentences[k]
    at = article.text.index(phrase)
    return ClaimMention(article.id, "statement", s.start, s.end, article.text[s.start:s.end], certainty=certainty,
                        sentence_index=k, label_start=at, label_end=at + len(phrase))


def test_a_denial_is_a_certainty_dispute_not_support(nlp):
    articles, features = make_story(nlp, [
        ["Police said the driver was arrested at the scene on Monday."],
        ["The transport company denied that the driver had been arrested."],
        ["The driver was arrested at the scene, police said."],
    ])
    claims = [
        ArticleClaims("a0", [_statement(articles[0], features[0], 0, "the driver was arrested at the scene")], []),
        ArticleClaims("a1", [_statement(articles[1], features[1], 0, "the driver had been arrested", "denied")], []),
        ArticleClaims("a2", [_statement(articles[2], features[2], 0, "The driver was arrested at the scene")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    arrest = next(c for c in aligned if len(c.support) == 3)
    assert arrest.status == "disputed" and arrest.independent_support == 2  # the denial supports nothing
    assert [d.kind for d in found] == ["certainty"]


def test_two_outlets_asserting_one_arrest_are_corroboration(nlp):
    articles, features = make_story(nlp, [
        ["Police said the driver was arrested at the scene on Monday."],
        ["The driver was arrested at the scene, police said."],
    ])
    claims = [
        ArticleClaims("a0", [_statement(articles[0], features[0], 0, "the driver was arrested at the scene")], []),
        ArticleClaims("a1", [_statement(articles[1], features[1], 0, "The driver was arrested at the scene")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert len(aligned) == 1 and aligned[0].status == "corroborated" and not found


@pytest.mark.parametrize("a,b", [
    ("US Vice President", "US vice-president"), ("Sen.", "Senator"), ("Rep.", "Representative"),
    ("Speaker", "House Speaker"), ("Gov.", "Governor"), ("French President", "President"),
    ("Labour Minister", "Minister of Labour"), ("CEO", "chief executive"), ("Col.", "Colonel"),
    ("interim FBI director", "FBI director"), ("FBI Acting Director", "FBI director"),
])
def test_one_office_written_differently_is_compatible(a, b):
    assert roles_compatible(a, b) and roles_compatible(b, a)


@pytest.mark.parametrize("a,b", [
    ("President", "Former President"), ("Deputy Minister", "Minister"), ("Health Minister", "Trade Minister"),
    ("Colonel", "General"), ("Colonel", "Lieutenant Colonel"), ("Fire Chief", "Police Chief"),
    ("Majority Leader", "Minority Leader"), ("chairman", "CEO"), ("acting Deputy Minister", "Minister"),
])
def test_a_real_change_of_office_is_a_discrepancy(a, b):
    assert not roles_compatible(a, b) and not roles_compatible(b, a)


def test_two_people_sharing_a_surname_stay_two_people():
    canon = canonical_names(["Liz Cheney", "Dick Cheney", "Cheney"])
    assert canon["Liz Cheney"] == "Liz Cheney" and canon["Dick Cheney"] == "Dick Cheney"
    assert canon["Cheney"] == "Cheney"  # ambiguous: given to neither
    roles = [ArticleClaims("a0", [], [RoleMention("a0", "Liz Cheney", "Rep.", 0, 5)]),
             ArticleClaims("a1", [], [RoleMention("a1", "Dick Cheney", "Former Vice President", 0, 5)])]
    articles = [Article("a0", "a0", "x" * 10), Article("a1", "a1", "x" * 10)]
    assert not find_discrepancies([], roles, articles, [], [["a0"], ["a1"]], AlignConfig())


def test_role_discrepancy_needs_two_articles_with_incompatible_titles():
    articles = [Article("a0", "a0", "x" * 40), Article("a1", "a1", "x" * 40), Article("a2", "a2", "x" * 40)]
    roles = [ArticleClaims("a0", [], [RoleMention("a0", "Amara Bello", "Deputy Health Minister", 0, 10)]),
             ArticleClaims("a1", [], [RoleMention("a1", "Amara Bello", "deputy health minister", 0, 10)]),
             ArticleClaims("a2", [], [RoleMention("a2", "Amara Bello", "Health Minister", 0, 10)])]
    found = find_discrepancies([], roles, articles, [], [["a0", "a1"], ["a2"]], AlignConfig())
    assert len(found) == 1 and found[0].kind == "role" and set(found[0].articles) == {"a0", "a1", "a2"}
    assert {v.origin for v in found[0].variants} == {0, 1}


def test_speakers_must_be_named_people():
    people = ["Maria Lopez", "Jan Kowal"]
    assert confident_speaker("Maria Lopez", people) and confident_speaker("Envoy Maria Lopez", people)
    assert not confident_speaker("document", people)
    assert not confident_speaker("Lopez", people)  # a bare surname may be misread
    assert not confident_speaker("Anna Berg", people)  # not a person the story's parse found
    # a title before a full name says it is a person's, found by the parse or not
    assert confident_speaker("Ostmark Freight spokeswoman Ingrid Solvay", people)
    assert confident_speaker("union president Teodor Vasko", people)
    assert not confident_speaker("union president vasko", people)  # not written as a name
    assert not confident_speaker("spokeswoman Solvay", people)  # a bare surname, titled or not


def _quote_story(speakers):
    text = "“We will rebuild every home,” {} said."
    articles = [Article(f"a{i}", f"a{i}", text.format(s)) for i, s in enumerate(speakers)]
    claims, features = [], []
    for a, s in zip(articles, speakers):
        end = a.text.index("”")
        claims.append(ArticleClaims(a.id, [ClaimMention(a.id, "quote", 1, end, a.text[1:end], "attributed", s,
                                                        quote=Quote(a.text[1:end], s, 1, end), sentence_index=0,
                                                        label_start=1, label_end=end)], []))
        features.append(ArticleFeatures(a.id, [Sentence(0, 0, len(a.text))],
                                        [EntityMention(0, 5, n, "PERSON") for n in ("Maria Lopez", "Jan Kowal")],
                                        [], [], np.zeros(384, np.float32), np.ones((1, 384), np.float32) / 384 ** .5))
    return articles, features, claims


def test_one_quote_given_to_two_named_people_is_an_attribution_discrepancy():
    articles, features, claims = _quote_story(["Maria Lopez", "Jan Kowal"])
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert [d.kind for d in found] == ["attribution"] and aligned[0].status == "disputed"


def test_a_quote_given_to_a_document_is_not_an_attribution_discrepancy():
    articles, features, claims = _quote_story(["Maria Lopez", "the document"])
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert not found and aligned[0].status == "corroborated"


# ---------------------------------------------------------------- the claims stage on real parses

TEXT = (
    "Russia launched 653 drones in one of the largest aerial assaults of the war. "
    "Eight people were wounded, three of them in the Kyiv region. "
    "Talks between the two sides lasted three days. "
    "Floods in the same valley in 2019 killed more than 30 people. "
    "The grid operator Nordline said about 40% of households had no power, and crews were reportedly "
    "working through the night."
)


@pytest.fixture(scope="module")
def stage(parse, attribution_models):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    doc = parse(TEXT)
    return extract_claims(Article(id="a1", source="t", text=TEXT, published="2026-06-02"), doc, split_sentences(doc),
                          ClaimsConfig(), attribution_models)


def _figures(stage):
    return {TEXT[m.quantity.start:m.quantity.end]: m for m in stage.mentions if m.kind == "quantity"}


def test_spurious_numbers_are_not_fact_rows(stage):
    figures = _figures(stage)
    assert "653 drones" in figures and "Eight people" in figures
    assert not any(k.lower().startswith("one") for k in figures)  # "one of the largest"
    assert not any("two sides" in k or "three days" in k for k in figures)


def test_one_of_the_things_is_which_one_not_how_many(parse, attribution_models):
    text = "One of the tremors was felt in northern Australia. Two of the injured were children."
    figures = [text[m.quantity.start:m.quantity.end] for m in _claims_of(parse, attribution_models, text).mentions
               if m.kind == "quantity"]
    assert not [f for f in figures if f.startswith("One")]
    assert [f for f in figures if f.startswith("Two")]  # a part of a whole is still a count


def test_labels_are_clauses_by_offset(stage):
    drones = _figures(stage)["653 drones"]
    assert TEXT[drones.label_start:drones.label_end].startswith("Russia launched 653 drones")


def test_scope_of_a_part_and_period_of_another_year(stage):
    figures = _figures(stage)
    three = next(m for k, m in figures.items() if k.lower().startswith("three"))
    assert three.scope and "kyiv" in three.scope
    assert figures["Eight people"].scope is None
    thirty = next(m for k, m in figures.items() if "30" in k)
    assert thirty.period == "2019" and figures["653 drones"].period is None


def test_a_hedge_in_another_clause_does_not_hedge_the_figure(stage):
    forty = next(m for k, m in _figures(stage).items() if "40%" in k)
    assert forty.certainty == "attributed"


def _claims_of(parse, models, text, published=None):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    doc = parse(text)
    return extract_claims(Article(id="h", source="t", text=text, published=published), doc, split_sentences(doc),
                          ClaimsConfig(), models)


def test_a_hedge_reaches_only_the_clause_the_parse_gives_it(parse, attribution_models):
    text = ("About 50 firefighters fought the blaze, and no one is believed to have been injured. "
            "Four bombs were reportedly dropped on the town of Jau.")
    figures = {text[m.quantity.start:m.quantity.end]: m for m in _claims_of(parse, attribution_models, text).mentions
               if m.kind == "quantity"}
    fifty = next(m for k, m in figures.items() if "50" in k)
    four = next(m for k, m in figures.items() if k.lower().startswith("four"))
    assert fifty.certainty == "asserted"  # "is believed to" governs the injuries, not the firefighters
    assert four.certainty == "hedged" and four.cue == "reportedly"


def test_a_title_inside_a_quote_is_not_the_outlet_s_title(parse, attribution_models):
    text = ('"President Moravec never once called me," said Jana Holub. '
            "Former President Karel Moravec spoke to reporters in Brno on Monday.")
    roles = _claims_of(parse, attribution_models, text).roles
    assert [r.role.lower() for r in roles if "Moravec" in r.person] == ["former president"]


def _tenure(published):
    roles = [ArticleClaims("a0", [], [RoleMention("a0", "Viktor Aldane", "Mayor", 0, 5)]),
             ArticleClaims("a1", [], [RoleMention("a1", "Viktor Aldane", "former Mayor", 0, 5)])]
    articles = [Article(f"a{i}", f"a{i}", "x" * 10, published=p) for i, p in enumerate(published)]
    return find_discrepancies([], roles, articles, [], [["a0"], ["a1"]], AlignConfig())


def test_mayor_and_former_mayor_clash_only_when_written_at_about_the_same_time():
    assert [d.kind for d in _tenure(["2026-05-19T11:40:00+02:00", "2026-05-19T13:30:00+02:00"])] == ["role"]
    assert not _tenure(["2019-05-19", "2026-05-19"])  # right then, right now
    assert not _tenure([None, "2026-05-19"])  # undated: no saying which is stale


def test_figures_framed_differently_at_one_time_are_two_facts_not_a_dispute(nlp):
    articles, features = make_story(nlp, [
        ["Police arrested 46 people at a rally outside parliament on Wednesday."],
        ["More than 50 people have been arrested since the protests began four days ago."],
    ])
    claims = [
        ArticleClaims("a0", [_fig(articles[0], features[0], 0, "46 people", 46, "people", predicate="arrested")], []),
        ArticleClaims("a1", [_fig(articles[1], features[1], 0, "More than 50 people", 50, "people",
                                  bound="more_than", predicate="arrested")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert not found and not any(c.status == "disputed" for c in aligned)


def test_a_hedge_about_another_proposition_is_no_certainty_discrepancy(nlp):
    articles, features = make_story(nlp, [
        ["The Chiefs lost their 13th game of the season on Sunday."],
        ["The Chiefs lost what was possibly the best game they have played all season on Sunday."],
    ])
    claims = [
        ArticleClaims("a0", [_statement(articles[0], features[0], 0, "The Chiefs lost their 13th game")], []),
        ArticleClaims("a1", [_statement(articles[1], features[1], 0,
                                        "possibly the best game they have played all season", "hedged")], []),
    ]
    _, found = _analyse(articles, features, claims, [["a0"], ["a1"]])
    assert not [d for d in found if d.kind == "certainty"]


def test_a_side_clause_is_a_statement_of_its_own(parse, attribution_models):
    text = ("Russia launched 653 drones overnight, and a drone struck an apartment block in the city of Brenska. "
            "The attack, which began early on Sunday, lasted for several hours.")
    labels = [text[m.label_start:m.label_end] for m in _claims_of(parse, attribution_models, text).mentions if m.kind == "statement"]
    assert any(label.startswith("a drone struck an apartment block") for label in labels)
    assert any("began early on Sunday" in label for label in labels)


def test_a_figure_said_in_passing_is_labelled_and_scoped_apart(parse, attribution_models):
    text = "Officials denied that the Sirin Dam, about 20 kilometres north of Tesk, had been damaged."
    mentions = _claims_of(parse, attribution_models, text).mentions
    distance = next(m for m in mentions if m.kind == "quantity")
    assert text[distance.label_start:distance.label_end] == "the Sirin Dam, about 20 kilometres north of Tesk"
    assert distance.certainty != "denied"  # the distance is not what is denied
    damaged = next(m for m in mentions if m.kind == "statement")
    assert damaged.certainty == "denied" and text[damaged.label_start:damaged.label_end].endswith("had been damaged")


def test_a_report_both_hedged_and_denied_gives_both_discrepancies(nlp):
    articles, features = make_story(nlp, [
        ["There were unconfirmed reports that the plant manager had been arrested."],
        ["Police arrested the plant manager on Thursday evening."],
        ["The company denied that the plant manager had been arrested."],
    ])
    claims = [
        ArticleClaims("a0", [_statement(articles[0], features[0], 0, articles[0].text.rstrip("."), "unverified")], []),
        ArticleClaims("a1", [_statement(articles[1], features[1], 0, "Police arrested the plant manager")], []),
        ArticleClaims("a2", [_statement(articles[2], features[2], 0, "the plant manager had been arrested",
                                        "denied")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    summaries = sorted(d.summary.split(":")[0] for d in found if d.kind == "certainty")
    assert len(summaries) == 2 and summaries[0].startswith("Denied") and "unverified" in summaries[1]


def _dated(nlp, second, places=()):
    articles, features = make_story(nlp, [
        ["The bridge, which links the city centre with the suburbs on the west bank, was built in 1968."],
        [second],
    ])
    for f, a in zip(features, articles):
        f.entities.extend(EntityMention(a.text.index(p), a.text.index(p) + len(p), p, "GPE")
                          for p in places if p in a.text)
    claims = []
    for a, f in zip(articles, features):
        m = _statement(a, f, 0, a.text.rstrip("."))
        m.period = next((y for y in ("1968", "1986") if y in a.text), None)
        claims.append(ArticleClaims(a.id, [m], []))
    return _analyse(articles, features, claims, [["a0"], ["a1"]])


def test_one_fact_restated_with_another_year_is_a_date_discrepancy(nlp):
    aligned, found = _dated(nlp, "The bridge, which links the city centre with the suburbs on the west bank, "
                                 "was built in 1986.")
    assert [d.kind for d in found] == ["date"] and {v.value for v in found[0].variants} == {"1968", "1986"}
    _, found = _dated(nlp, "The bridge, which links the city centre with the suburbs on the west bank, "
                           "was built in 1968.")
    assert not found


def test_a_place_inside_another_or_named_alike_is_no_place_discrepancy():
    from wirecheck.cluster.places import Gazetteer
    from wirecheck.discrepancy import places_compatible

    gazetteer = Gazetteer()
    assert places_compatible("Banstead", "Banstead High Street")
    assert places_compatible("Calif.", "California")
    assert places_compatible("Khartoum", "Sudan", gazetteer)
    assert places_compatible("Los Angeles", "California", gazetteer)
    assert not places_compatible("Sabetu", "Lomari", gazetteer)
    assert not places_compatible("Paris", "Lyon", gazetteer)


def _outbreak(nlp, town):
    articles, features = make_story(nlp, [
        ["The outbreak began in the market town of Sabetu in late January, health officials said."],
        [f"The outbreak began in the market town of {town} in late January, health officials said."],
    ])
    for f, a in zip(features, articles):  # a parse may tag an unknown town as a person: named as a town, it is one
        for name in {"Sabetu", town}:
            if name in a.text:
                f.entities.append(EntityMention(a.text.index(name), a.text.index(name) + len(name), name, "PERSON"))
    claims = [ArticleClaims(a.id, [_statement(a, f, 0, a.text.split(",")[0], "attributed")], [])
              for a, f in zip(articles, features)]
    return _analyse(articles, features, claims, [["a0"], ["a1"]])


def test_one_fact_told_with_another_place_is_a_place_discrepancy(nlp):
    aligned, found = _outbreak(nlp, "Lomari")
    assert [d.kind for d in found] == ["place"] and {v.value for v in found[0].variants} == {"Sabetu", "Lomari"}
    assert aligned[0].status == "disputed"
    _, found = _outbreak(nlp, "Sabetu")
    assert not found


def test_sizes_and_parts_are_not_whole_counts(parse, attribution_models):
    text = ("One bomb hit a 200-student schoolhouse near the camp. "
            "Garrard completed 28 of 41 passes for 329 yards. "
            "Police said 23 people were arrested on Friday.")
    figures = {text[m.quantity.start:m.quantity.end]: m for m in _claims_of(parse, attribution_models, text).mentions
               if m.kind == "quantity"}
    assert not any(k.startswith("200") for k in figures)  # the size of a school, not 200 schools
    passes = next(m for k, m in figures.items() if "passes" in k)
    assert passes.scope == "part"  # 28 of 41: neither figure is a whole count of passes completed
    assert figures["23 people"].scope is None


def test_accused_of_is_a_hedge(parse, attribution_models):
    text = "The gunman, accused of shooting three co-workers, appeared in court on Monday."
    shots = next(m for m in _claims_of(parse, attribution_models, text).mentions if m.kind == "quantity")
    assert shots.certainty == "hedged"


def test_what_a_belief_holds_is_hedged_and_the_clause_around_it_is_not(parse, attribution_models):
    text = "On Friday Hiller again confronted her coworkers about her belief that they were spraying her with scent."
    certainty = {text[m.label_start:m.label_end]: m.certainty for m in _claims_of(parse, attribution_models, text).mentions
                 if m.kind == "statement"}
    assert certainty == {"On Friday Hiller again confronted her coworkers about her belief": "asserted",
                         "they were spraying her with scent": "hedged"}
    # the other way: a that-clause of a noun of no belief is told as fact
    text = "On Friday Hiller again confronted her coworkers with the news that they were spraying her with scent."
    assert {m.certainty for m in _claims_of(parse, attribution_models, text).mentions} == {"asserted"}


def test_a_title_before_the_next_name_is_not_this_person_s(parse, attribution_models):
    text = "Obama named the commerce secretary, Gary Locke, and the interior secretary, Ken Salazar, to the panel."
    assert not [r for r in _claims_of(parse, attribution_models, text).roles if r.person.endswith("Locke")]


def _quoted(nlp, first, second, speakers, quote_words):
    articles, features = make_story(nlp, [[first], [second]])
    claims = []
    for a, _f, who in zip(articles, features, speakers):
        at = a.text.index(quote_words)
        claims.append(ArticleClaims(a.id, [ClaimMention(
            a.id, "quote", at, at + len(quote_words), quote_words, certainty="attributed", attributed_to=who,
            quote=Quote(quote_words, who, "said"), sentence_index=0, label_start=at, label_end=at + len(quote_words))],
            []))
    for f, a in zip(features, articles):
        for who in speakers:
            for name in (who, who.split()[-1]):
                if name in a.text:
                    f.entities.append(EntityMention(a.text.index(name), a.text.index(name) + len(name), name,
                                                    "PERSON"))
    return _analyse(articles, features, claims, [["a0"], ["a1"]])[1]


def test_misattribution_needs_speakers_named_beside_the_quote(nlp):
    words = "We will not negotiate with criminals under any circumstances"
    found = _quoted(nlp, f'"{words}," said Amara Bello, the network chief.',
                    f'"{words}," said Tunde Okafor, the union leader.', ["Amara Bello", "Tunde Okafor"], words)
    assert [d.kind for d in found] == ["attribution"]
    found = _quoted(nlp, f'"{words}," said Amara Bello, the network chief.',
                    f'Tunde Okafor spoke first. The crowd cheered for a long time after that, and then a second '
                    f'speaker took the stage to loud applause from the packed hall, where delegates from every '
                    f'province had waited since the morning. "{words}," he said.',
                    ["Amara Bello", "Tunde Okafor"], words)
    assert not found  # "he said", far from any name: the speaker is inferred, not given


def test_a_quoted_title_is_not_a_misattributed_quote(nlp):
    words = "Outstanding Individual Performance in a Variety Program"
    found = _quoted(nlp, f'Paul Lee won the award for "{words}" on Sunday, said Amara Bello.',
                    f'Ellen DeGeneres won the award for "{words}" on Sunday.', ["Paul Lee", "Ellen DeGeneres"], words)
    assert not found


def test_only_places_surely_told_apart_clash():
    from wirecheck.cluster.places import Gazetteer
    from wirecheck.discrepancy import _placed

    gazetteer = Gazetteer()
    assert _placed("GPE:Paris", gazetteer) and _placed("GPE+:Lomari", gazetteer)  # known, or named a town
    assert not _placed("GPE:the Golden State", gazetteer)  # a nickname
    assert not _placed("GPE:MD", gazetteer)  # a degree misread as Maryland's abbreviation


def test_a_charge_is_reported_as_such_not_as_a_hedge(parse, attribution_models):
    # "charged with" reports the charge; outlets word it in many ways ("was charged on Friday with"), so
    # reading it as a hedge sets one outlet's charge against another's as a false certainty discrepancy
    text = "He was charged with killing two guards at the prison."
    figures = [m for m in _claims_of(parse, attribution_models, text).mentions if m.kind == "quantity"]
    assert figures and all(m.certainty == "asserted" for m in figures)


def _pair(nlp, first, second, m0, m1, published=None):
    articles, features = make_story(nlp, [[first], [second]], published=published)
    claims = [ArticleClaims("a0", [m0(articles[0], features[0])], []),
              ArticleClaims("a1", [m1(articles[1], features[1])], [])]
    return _analyse(articles, features, claims, [["a0"], ["a1"]])


def test_a_verb_of_many_senses_never_makes_two_facts(nlp):
    aligned, _ = _pair(nlp, "Two firefighters were treated for smoke inhalation.",
                       "Smoke inhalation sent two firefighters for treatment.",
                       lambda a, f: _fig(a, f, 0, "Two firefighters", 2, "firefighters", predicate="treated"),
                       lambda a, f: _fig(a, f, 0, "two firefighters", 2, "firefighters", predicate="sent"))
    assert len(aligned) == 1 and aligned[0].status == "corroborated"
    aligned, _ = _pair(nlp, "Ten drones were launched at the city overnight.",
                       "Ten drones were shot down over the city overnight.",
                       lambda a, f: _fig(a, f, 0, "Ten drones", 10, "drones", predicate="launched"),
                       lambda a, f: _fig(a, f, 0, "Ten drones", 10, "drones", predicate="shot"))
    assert len(aligned) == 2  # launched is never shot down


def test_the_same_specific_figure_named_two_ways_is_one_fact_unless_of_two_people(nlp):
    aligned, _ = _pair(nlp, "The two countries exchanged 50 prisoners at the airport on Saturday.",
                       "The two countries exchanged 50 detainees at the airport, the minister said.",
                       lambda a, f: _fig(a, f, 0, "50 prisoners", 50, "prisoners", predicate="exchanged"),
                       lambda a, f: _fig(a, f, 0, "50 detainees", 50, "detainees", predicate="exchanged"))
    assert len(aligned) == 1 and aligned[0].independent_support == 2
    import dataclasses

    aligned, found = _pair(
        nlp, "Clark finished the game with 22 points for the visitors.",
        "Daye finished the game with 22 rebounds for the visitors.",
        lambda a, f: dataclasses.replace(_fig(a, f, 0, "22 points", 22, "points"), subject="Clark"),
        lambda a, f: dataclasses.replace(_fig(a, f, 0, "22 rebounds", 22, "rebounds"), subject="Daye"))
    assert len(aligned) == 2 and not found


def test_another_count_is_the_whole_when_equal_never_a_dispute_when_not(nlp):
    first = "Two people were killed and another 11 people were injured, officials said."
    aligned, _ = _pair(nlp, first, "Eleven people were injured in the collapse, officials said.",
                       lambda a, f: _fig(a, f, 0, "11 people", 11, "people", predicate="injured", scope="beside"),
                       lambda a, f: _fig(a, f, 0, "Eleven people", 11, "people", predicate="injured"))
    assert len(aligned) == 1 and aligned[0].status == "corroborated"
    aligned, found = _pair(nlp, first, "Fourteen people were injured in the collapse, officials said.",
                           lambda a, f: _fig(a, f, 0, "11 people", 11, "people", predicate="injured", scope="beside"),
                           lambda a, f: _fig(a, f, 0, "Fourteen people", 14, "people", predicate="injured"))
    assert len(aligned) == 2 and not found


def test_two_floors_are_two_figures_and_an_undated_one_takes_the_time_of_its_figure(nlp):
    from wirecheck.align import same_figure

    assert same_figure(q(653), q(650, "more_than")) and same_figure(q(14, "at_least"), q(14, "at_least"))
    assert not same_figure(q(9, "at_least"), q(14, "at_least"))
    articles, features = make_story(nlp, [
        ["Eleven people have now died in the floods, the emergency service said."],
        ["At least 14 people have been killed in the floods, the emergency service said."],
        ["At least 14 people have died in the floods, the emergency service said."],
    ], published={0: "2026-06-14T19:45:00+02:00", 1: "2026-06-15T10:00:00+02:00"})  # the third is undated
    claims = [ArticleClaims(f"a{i}", [_fig(articles[i], features[i], 0, phrase, value, "people", bound,
                                           predicate="died")], [])
              for i, (phrase, value, bound) in enumerate([("Eleven people", 11, "exact"),
                                                          ("At least 14 people", 14, "at_least"),
                                                          ("At least 14 people", 14, "at_least")])]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    assert len(aligned) == 1 and aligned[0].status != "disputed" and not found
    assert [p.value for p in aligned[0].timeline] == ["Eleven people", "At least 14 people"]


def test_clauses_that_say_one_thing_align_inside_sentences_that_say_more(nlp):
    first = "Crews had restored supply to parts of the city of Salvik by dawn, it said."
    second = ("Korvenergo said power had been restored to parts of the city by dawn and that it hoped to "
              "reconnect the remaining households by evening.")
    restored = "power had been restored to parts of the city by dawn"

    from wirecheck.claims import clause_vectors

    def story(label0, label1):
        articles, features = make_story(nlp, [[first], [second]])
        claims = [ArticleClaims("a0", [_statement(articles[0], features[0], 0, label0)], []),
                  ArticleClaims("a1", [_statement(articles[1], features[1], 0, label1)], [])]
        for article, c in zip(articles, claims):  # the clause vectors from the parse's MiniLM token states
            clause_vectors(nlp.parse([article.text], states=True)[0], c.mentions)
        assert all(m.label_vector is not None for c in claims for m in c.mentions)
        return _analyse(articles, features, claims, [["a0"], ["a1"]])[0]

    crews = "Crews had restored supply to parts of the city of Salvik by dawn"
    aligned = story(crews, restored)
    assert len(aligned) == 1 and aligned[0].status == "corroborated"
    assert len(story(crews, "it hoped to reconnect the remaining households by evening")) == 2


def test_a_hedge_on_a_ranking_is_an_opinion_not_doubt(parse):
    from wirecheck.claims.certainty import assess

    def certainty(text):
        return assess(next(iter(parse(text).sents)), False)[0]

    assert certainty("The Chiefs lost possibly the best game they have played this season.") == "asserted"
    assert certainty("The new laptop is probably the most exciting thing Apple showed.") == "asserted"
    assert certainty("The driver was probably drunk when he hit the woman.") == "hedged"
    assert certainty("Americans are most likely to name the president as the man they admire.") == "asserted"
    assert certainty("The vote is likely to be delayed until next week.") == "hedged"


def test_a_certainty_discrepancy_needs_a_proposition_on_both_sides(nlp):
    hedged = "Three climbers were said to have been rescued after a night on the mountain."
    firm = "Three climbers were rescued after a night on the mountain."

    def found(firm_label):
        articles, features = make_story(nlp, [[hedged], [firm]])
        claims = [ArticleClaims("a0", [_statement(articles[0], features[0], 0, hedged.rstrip("."), "hedged")], []),
                  ArticleClaims("a1", [_statement(articles[1], features[1], 0, firm_label)], [])]
        aligned, out = _analyse(articles, features, claims, [["a0"], ["a1"]])
        assert len(aligned) == 1
        return [d.kind for d in out]

    assert found("Three climbers were rescued after a night on the mountain") == ["certainty"]
    assert found("Three climbers") == []


def test_a_headline_states_nothing_as_fact_against_a_hedge(nlp):
    import dataclasses

    headline = "Bar Owner Charged in Killing of Protester Has Died"
    hedged = "The bar owner charged in the killing of a protester has reportedly died, his lawyer said."

    def found(with_title):
        articles, features = make_story(nlp, [[hedged], [headline, "The county confirmed it on Monday."]])
        if with_title:
            articles[1] = dataclasses.replace(articles[1], title=headline)
        claims = [ArticleClaims("a0", [_statement(articles[0], features[0], 0, "The bar owner charged in the "
                                                  "killing of a protester has reportedly died", "hedged")], []),
                  ArticleClaims("a1", [_statement(articles[1], features[1], 0, headline)], [])]
        aligned, out = _analyse(articles, features, claims, [["a0"], ["a1"]])
        assert len(aligned) == 1
        return [d.kind for d in out]

    assert found(with_title=False) == ["certainty"]  # the same words in the body would state it
    assert found(with_title=True) == []


def test_figures_that_cannot_both_hold_never_meet_through_a_third(nlp):
    articles, features = make_story(nlp, [
        ["Pirates are holding about a dozen ships and nearly 300 crewmen on the coast."],
        ["Pirates still hold at least 14 vessels and more than 300 crew members."],
        ["The navy had to evacuate some 420 passengers from the liner."],
    ])
    claims = [
        ArticleClaims("a0", [_fig(articles[0], features[0], 0, "nearly 300 crewmen", 300, "crewmen", "nearly",
                                  predicate="holding")], []),
        ArticleClaims("a1", [_fig(articles[1], features[1], 0, "more than 300 crew members", 300, "crew members",
                                  "more_than", predicate="hold")], []),
        ArticleClaims("a2", [_fig(articles[2], features[2], 0, "some 420 passengers", 420, "passengers", "about",
                                  predicate="evacuate")], []),
    ]
    aligned, found = _analyse(articles, features, claims, [["a0"], ["a1"], ["a2"]])
    assert not [d for d in found if d.kind == "value"] and all(c.status != "disputed" for c in aligned)
    held = next(c for c in aligned if "a0" in {s.article for s in c.support})
    assert "a2" not in {s.article for s in held.support}


def test_each_statement_and_figure_carries_its_clause_vector_from_the_parse(stage):
    clauses = [m for m in stage.mentions if m.kind in {"statement", "quantity"}]
    assert {m.kind for m in clauses} == {"statement", "quantity"}
    assert all(m.label_vector is not None and m.label_vector.shape == (384,) for m in clauses)
    assert all(abs(float(m.label_vector @ m.label_vector) - 1.0) < 1e-4 for m in clauses)


def test_a_discrepancy_is_named_by_words_of_its_own_variants():
    from wirecheck.discrepancy import _about
    from wirecheck.records import Claim, Variant

    claim = Claim("c1", "statement", "Felt joined the FBI in 1942.", None, None, [], label="Felt joined the FBI in 1942")
    promoted = [Variant("a1", "Hoover promoted Felt in 1971", "1971", 0),
                Variant("a2", "Felt was deputy in 1972", "1972", 1)]
    assert _about(claim, promoted) == "Hoover promoted Felt in 1971"
    joined = [Variant("a0", "Felt joined the FBI in 1942", "1942", 0), *promoted]
    assert _about(claim, joined) == "Felt joined the FBI in 1942"


def test_a_figure_said_of_he_or_his_belongs_to_the_person_last_named(parse, attribution_models):
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    text = ("Pierre Thomas carried the ball 14 times on Sunday. Reggie Bush came off the bench in the second "
            "half. He had 70 yards before the break. The team scored 31 points in all.")
    doc = parse(text)
    mentions = extract_claims(Article(id="a1", source="t", text=text), doc, split_sentences(doc), ClaimsConfig(),
                              attribution_models).mentions
    subjects = {text[m.quantity.start:m.quantity.end]: m.subject for m in mentions if m.quantity is not None}
    assert subjects["70 yards"] == "Reggie Bush"  # "He", after Bush was named, not Thomas
    assert subjects["31 points"] is None  # "The team": no person, and no pronoun to resolve


def test_a_quote_s_he_is_the_subject_of_the_sentence_before_not_a_name_it_mentions(parse, attribution_models):
    text = ("Outgoing captain Matt Smith welcomed Peter Capaldi's appointment and sent a message to the club.\n"
            "\"I wish my successor all the best and say good luck to him,\" he said.\n"
            "Capaldi is best known for his role as Malcolm Tucker in a comedy series.\n"
            "\"It is so wonderful not to keep this secret any longer,\" he said.")
    quotes = {m.text[:10]: m.attributed_to for m in _claims_of(parse, attribution_models, text).mentions
              if m.kind == "quote"}
    assert quotes["I wish my "] == "Matt Smith"  # the subject, not the possessor Capaldi
    assert quotes["It is so w"] == "Peter Capaldi"  # the subject, not the role he is known for


def test_it_was_said_that_hedges_what_it_reports(parse, attribution_models):
    text = ("It was said throughout the investigation and trial that Lopez was targeting members of a rival gang "
            "when three people were shot.")
    mentions = _claims_of(parse, attribution_models, text).mentions
    targeting = next(m for m in mentions if m.kind == "statement" and "targeting" in text[m.label_start:m.label_end])
    assert targeting.certainty == "hedged"
    # the shooting is the setting of what was said, not what was said (facts.cue_reaches)
    shot = next(m for m in mentions if m.kind == "quantity")
    assert shot.certainty == "asserted"


def test_a_name_in_the_sentence_after_a_quote_is_not_its_speaker(nlp):
    words = "Expert review and oversight are critical for every decision"
    found = _quoted(nlp, f'"{words}," said Amara Bello, the network chief.',
                    f'"{words}."\nTunde Okafor, the union leader, said the rules had been weakened.',
                    ["Amara Bello", "Tunde Okafor"], words)
    assert not found  # the next sentence names the next statement's speaker
