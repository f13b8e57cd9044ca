"""When and where facts are set, each rule both ways, on real parses: the span of time a figure is counted
over ("since Week 11", "in his last two games"), a state's year beside the date of the event that began it,
and where a figure's verb puts the things it counts ("two bombs fell on an airstrip")."""

from __future__ import annotations

import pytest

from storybuild import make_story
from wirecheck.align import align_claims
from wirecheck.config import AlignConfig, ClaimsConfig
from wirecheck.discrepancy import find_discrepancies
from wirecheck.records import EntityMention

pytestmark = pytest.mark.model


def _story(nlp, parse, models, texts, places=(), gazetteer=None):
    """Align what the claim stage extracts from articles (one sentence each, or a list of sentences), one
    origin each; ``places`` are
    named as places in the features, as the entity stage of a run would, and told apart with ``gazetteer``."""
    from wirecheck.claims import extract_claims
    from wirecheck.nlp import split_sentences

    articles, features = make_story(nlp, [[t] if isinstance(t, str) else t for t in texts])
    for f, a in zip(features, articles):
        f.entities.extend(EntityMention(a.text.index(p), a.text.index(p) + len(p), p, "GPE")
                          for p in places if p in a.text)
    claims = []
    for a in articles:
        doc = parse(a.text)
        claims.append(extract_claims(a, doc, split_sentences(doc), ClaimsConfig(), models))
    aligned = align_claims(articles, features, claims, [[a.id] for a in articles], AlignConfig())
    return claims, aligned, find_discrepancies(aligned, claims, articles, features, [[a.id] for a in articles],
                                               AlignConfig(), gazetteer)


def _figure(claims, text, phrase):
    return next(m for c in claims for m in c.mentions if m.quantity is not None
                and text in m.text and m.text[m.quantity.start - m.start:].startswith(phrase))


def test_figures_counted_over_different_spans_are_different_facts(nlp, parse, attribution_models):
    since = "Since Week 11, Thomas has eight touchdowns on 498 rushing yards."
    last = "Thomas has 189 rushing yards and two touchdowns in his last two games."
    claims, aligned, found = _story(nlp, parse, attribution_models, [since, last])
    assert _figure(claims, since, "498").period == "since week 11"
    assert _figure(claims, last, "189").period == _figure(claims, last, "two touchdowns").period == "over last 2 game"
    assert not [d for d in found if d.kind == "value"]
    # the other way: the same span, two figures that cannot both hold
    _, _, found = _story(nlp, parse, attribution_models, [since, "Since Week 11, Thomas has eight touchdowns on "
                                                                 "449 rushing yards."])
    assert [d.kind for d in found] == ["value"]


def test_a_count_over_a_recent_span_may_agree_with_but_never_disputes_a_count_without_one(
        nlp, parse, attribution_models):
    day = "At least 30 people have been killed in the past 24 hours, officials said."
    claims, aligned, found = _story(nlp, parse, attribution_models, [day, "The fighting has killed 120 people, "
                                                                          "officials said."])
    assert _figure(claims, day, "At least 30").period == "over past 24 hour"
    assert not [d for d in found if d.kind == "value"]  # 120 may be the toll of the whole war
    _, aligned, _ = _story(nlp, parse, attribution_models, [day, "At least 30 people have been killed, "
                                                                 "officials said."])
    assert any(c.kind == "quantity" and len({s.article for s in c.support}) == 2 for c in aligned)
    # "since" a time is the count to date, as a count without a span is
    _, _, found = _story(nlp, parse, attribution_models, [
        "Health officials have recorded 180 cholera cases since the outbreak began in Sabetu.",
        "Health officials have recorded 310 cholera cases in Sabetu."])
    assert [d.kind for d in found] == ["value"]


def test_a_state_s_year_is_no_other_date_for_the_earlier_event_that_began_it(nlp, parse, attribution_models):
    promoted = "July 1, 1971, Hoover promoted Felt to deputy associate director, the third in command at headquarters."
    claims, _, found = _story(nlp, parse, attribution_models, [
        promoted, "Felt was deputy associate director of the FBI in 1972, when he began to talk to the press."])
    predicates = {m.predicate for c in claims for m in c.mentions if m.kind == "statement"}
    assert {"promote", "be"} <= predicates
    assert not [d for d in found if d.kind == "date"]
    # a state before the event that began it cannot hold, in or since a year
    _, _, found = _story(nlp, parse, attribution_models, [
        promoted, "Felt was deputy associate director of the FBI in 1970, when he began to talk to the press."])
    assert [d.kind for d in found] == ["date"]
    clinic = "In 1990 she founded the Bayou La Batre Rural Health Clinic in Alabama."
    _, _, found = _story(nlp, parse, attribution_models, [
        clinic, "The Bayou La Batre Rural Health Clinic has been a staple for residents since 1987."])
    assert [d.kind for d in found] == ["date"]
    _, _, found = _story(nlp, parse, attribution_models, [
        clinic, "The Bayou La Batre Rural Health Clinic has been a staple for residents since 1995."])
    assert not found
    # two events, one fact, two years
    _, _, found = _story(nlp, parse, attribution_models, [
        promoted, "In 1972, Hoover promoted Felt to deputy associate director, the third in command at headquarters."])
    assert [d.kind for d in found] == ["date"]


def test_a_figure_s_label_goes_on_past_a_relative_clause_on_its_noun_and_not_who_says_it(nlp, parse, attribution_models):
    text = "Sources told the group that three bombs, which did not explode, fell on the airstrip."
    claims, _, _ = _story(nlp, parse, attribution_models, [text])
    bombs = _figure(claims, text, "three bombs")
    assert text[bombs.label_start:bombs.label_end] == "three bombs, which did not explode, fell on the airstrip"
    # the relative clause is still a fact of its own
    assert any(m.kind == "statement" and text[m.label_start:m.label_end] == "which did not explode"
               for m in claims[0].mentions)
    # who says it leads no label; said in the middle, it is left in rather than cutting the clause
    for text, label in [("According to an aid worker, two bombs fell on an airstrip near the camp.",
                         "two bombs fell on an airstrip near the camp"),
                        ("Two bombs, according to an aid worker, fell on an airstrip near the camp.",
                         "Two bombs, according to an aid worker, fell on an airstrip near the camp")]:
        claims, _, _ = _story(nlp, parse, attribution_models, [text])
        bombs = _figure(claims, text, "two bombs" if text[0] == "A" else "Two bombs")
        assert text[bombs.label_start:bombs.label_end] == label


def test_figures_their_verb_puts_in_different_places_are_not_one_disputed_count(nlp, parse, attribution_models):
    airstrip = "According to an aid worker, two bombs fell on an airstrip near the camp."
    claims, _, found = _story(nlp, parse, attribution_models, [
        "Sources told the group that one bomb, which did not explode, fell directly within the camp.", airstrip])
    assert _figure(claims, airstrip, "two bombs").context == "airstrip"
    assert not [d for d in found if d.kind == "value"]
    _, _, found = _story(nlp, parse, attribution_models, [
        "Sources told the group that three bombs, which did not explode, fell on the airstrip.", airstrip])
    assert [d.kind for d in found] == ["value"]


def test_figures_that_disagree_in_two_settings_corroborate_nothing(nlp, parse, attribution_models):
    places = ("Jabaliya", "Khan Younis")
    camp = "Some 30 people were killed when Israeli shells hit a UN school in the Jabaliya refugee camp."
    _, aligned, found = _story(nlp, parse, attribution_models, [
        camp, "Two people were killed when a shell hit a UN school in the southern city of Khan Younis."], places)
    assert not [d for d in found if d.kind == "value"]  # two schools, two tolls
    assert all(c.status == "single_source" for c in aligned if c.kind == "quantity")
    # the same place: one toll, disputed
    _, aligned, found = _story(nlp, parse, attribution_models, [
        camp, "Two people were killed when a shell hit a UN school in the Jabaliya refugee camp."], places)
    assert [d.kind for d in found] == ["value"]
    assert [c.status for c in aligned if c.kind == "quantity"] == ["disputed"]


def test_a_floor_bounds_a_figure_near_it_not_one_far_above(nlp, parse, attribution_models):
    toll = "At least five people were killed in the earthquake, officials said."
    _, aligned, found = _story(nlp, parse, attribution_models, [
        toll, "The tsunami killed 168,000 people in the same province, officials said."])
    assert not [c for c in aligned if c.kind == "quantity" and len({s.article for s in c.support}) == 2]
    assert not found  # nor a dispute: "at least five" holds 168,000 as an interval
    _, aligned, _ = _story(nlp, parse, attribution_models, [toll, "Seven people were killed in the earthquake, "
                                                                  "officials said."])
    assert any(c.kind == "quantity" and c.status == "corroborated" for c in aligned)


@pytest.fixture(scope="module")
def gazetteer():
    from wirecheck.cluster.places import Gazetteer

    return Gazetteer()


def test_a_place_that_owns_or_does_something_is_not_where_it_happened(nlp, parse, attribution_models, gazetteer):
    towns = ("San Diego", "Pittsburgh")
    pittsburgh = "Chargers receiver Vincent Jackson was arrested in Pittsburgh on suspicion of drunk driving."
    _, _, found = _story(nlp, parse, attribution_models, [
        "Chargers receiver Vincent Jackson was arrested in San Diego on suspicion of drunk driving.", pittsburgh],
        places=towns, gazetteer=gazetteer)
    assert [d.kind for d in found] == ["place"]
    # "San Diego's Jackson": the team's player, arrested wherever the other outlet says
    _, aligned, found = _story(nlp, parse, attribution_models, [
        "San Diego's receiver Vincent Jackson was arrested on suspicion of drunk driving.", pittsburgh], places=towns,
        gazetteer=gazetteer)
    assert any(len(c.support) == 2 for c in aligned) and not found
    # "by France": who imposed the tariffs, not where
    _, aligned, found = _story(nlp, parse, attribution_models, [
        "New tariffs on wine were imposed by France on Monday, the trade ministry said.",
        "New tariffs on wine were imposed in Germany on Monday, the trade ministry said."],
        places=("France", "Germany"), gazetteer=gazetteer)
    assert any(len(c.support) == 2 for c in aligned) and not [d for d in found if d.kind == "place"]
    # "over Russia": what the new tariffs are about, not where they were imposed
    _, aligned, found = _story(nlp, parse, attribution_models, [
        "New tariffs on wine were imposed over Russia on Monday, the trade ministry said.",
        "New tariffs on wine were imposed in Germany on Monday, the trade ministry said."],
        places=("Russia", "Germany"), gazetteer=gazetteer)
    assert any(len(c.support) == 2 for c in aligned) and not [d for d in found if d.kind == "place"]


def test_what_is_to_happen_has_no_other_date_than_what_has_happened(nlp, parse, attribution_models):
    introduced = "Matt Smith was first introduced as the Doctor in the 2009 Christmas special."
    _, aligned, found = _story(nlp, parse, attribution_models, [introduced, (
        "Capaldi will take over from Matt Smith as the Doctor in the Christmas special ahead of his first full "
        "series in 2014.")])
    assert any(len(c.support) == 2 for c in aligned) and not [d for d in found if d.kind == "date"]
    _, _, found = _story(nlp, parse, attribution_models, [
        introduced, "Matt Smith was first introduced as the Doctor in the 2010 Christmas special."])
    assert [d.kind for d in found] == ["date"]


def test_an_undated_earlier_level_is_the_update_s_past_not_a_claim_a_dated_one_is(nlp, parse, attribution_models):
    first = "Twelve people were injured in the fire at the Orrin Chemicals plant, the fire chief said."
    later = ("Fifteen people were injured in the fire at the Orrin Chemicals plant, the regional health "
             "authority said on Friday, up from 12 reported on Thursday.")
    claims, aligned, _ = _story(nlp, parse, attribution_models, [first, later])
    assert [m.text[m.quantity.start - m.start:m.quantity.end - m.start] for m in claims[1].mentions
            if m.quantity is not None] == ["Fifteen people"]  # not the "12" it rose from
    # so the later article's own figure joins the earlier one as one fact, not the old level it repeats
    injured = [c for c in aligned if c.kind == "quantity" and len({s.article for s in c.support}) == 2]
    assert len(injured) == 1 and {s.quantity.value for s in injured[0].support} == {12, 15}
    # a level of another year is a fact of that year, and the new level is not dated by it
    text = "Turnout was 61.4%, up from 57.9% in 2022."
    claims, _, _ = _story(nlp, parse, attribution_models, [text])
    periods = {text[m.quantity.start:m.quantity.end]: m.period for m in claims[0].mentions if m.quantity}
    assert periods == {"61.4%": None, "57.9%": "2022"}


def test_the_span_a_change_takes_dates_no_old_level_and_its_new_level_is_no_part(nlp, parse, attribution_models):
    over = "Under the deal, duties on steel plate and coil will fall from 25% to 10% over three years."
    share = "Trade reached $4.2 billion last year, with steel making up about a quarter of the total."
    claims, aligned, _ = _story(nlp, parse, attribution_models, [over, share])
    figures = {over[m.quantity.start:m.quantity.end]: m.scope for m in claims[0].mentions if m.quantity}
    assert figures == {"10%": None}  # "25%" is the old level; "10%" no part of a whole
    # so a share of something else is not the old level's corroboration
    assert not [c for c in aligned if len({s.article for s in c.support}) == 2]
    # the other way: an old level of another time is a fact of its time
    text = "Duties on steel plate fell to 10% this year, down from 25% in 2023."
    claims, _, _ = _story(nlp, parse, attribution_models, [text])
    assert {text[m.quantity.start:m.quantity.end]: m.period for m in claims[0].mentions if m.quantity} == {
        "10%": None, "25%": "2023"}


def test_a_clause_that_says_which_ones_are_counted_is_part_of_the_figure(nlp, parse, attribution_models):
    record = "Orlov, who could face Brandt later this year, improves to a career record of 58 wins and three defeats."
    knockouts = "With the win over Petrov he improves to 58 - 3 with 51 wins coming by way of knockout."
    claims, _, found = _story(nlp, parse, attribution_models, [record, knockouts])
    assert [knockouts[m.label_start:m.label_end] for m in claims[1].mentions if m.quantity is not None] == [
        "With the win over Petrov he improves to 58 - 3 with 51 wins coming by way of knockout"]
    assert not [d for d in found if d.kind == "value"]  # the knockouts are some of the wins
    # the other way: the same figure with no such clause disputes the record
    _, _, found = _story(nlp, parse, attribution_models, [
        record, "With the win over Petrov he improves to 58 - 3 with 51 wins."])
    assert [d.kind for d in found] == ["value"]


def test_two_clauses_of_two_alike_sentences_pair_by_what_each_says(nlp, parse, attribution_models):
    one = ("Transport Minister Celia Obando travelled to Port Halden, kept every ferry on the route in port "
           "until the weather eases and announced that an investigation was under way.")
    two = ("Transport Minister Celia Obando, who flew to Port Halden, ordered all ferries on the route to stay "
           "in port until the weather improved and said an investigation had been opened.")
    _, aligned, _ = _story(nlp, parse, attribution_models, [one, two])
    texts = [one, two]
    together = [{texts[int(s.article[1:])][s.label_start:s.label_end] for s in c.support} for c in aligned
                if c.kind == "statement" and len(c.support) == 2]
    assert {"kept every ferry on the route in port", "ordered all ferries on the route to stay in port"} in together
    assert {"Transport Minister Celia Obando travelled to Port Halden", "who flew to Port Halden"} in together


def test_one_verb_told_in_opposite_directions_is_two_facts(nlp, parse, attribution_models):
    into = "Lindsay Lohan has checked into the Betty Ford Center in Rancho Mirage, her lawyer said on Friday."
    out = "Lindsay Lohan has checked out of the Betty Ford Center in Rancho Mirage, her lawyer said on Friday."
    again = "Lindsay Lohan checked in to the Betty Ford Center in Rancho Mirage, her lawyer said on Friday."
    _, aligned, _ = _story(nlp, parse, attribution_models, [into, out])
    assert not [c for c in aligned if c.kind == "statement" and len(c.support) == 2]
    _, aligned, _ = _story(nlp, parse, attribution_models, [into, again])
    assert [c for c in aligned if c.kind == "statement" and len(c.support) == 2]


def test_an_investigation_told_two_ways_is_no_hedge_against_a_fact(nlp, parse, attribution_models):
    hedged = "The cause of the fire is under investigation by the Palmer Police and the State Fire Marshal."
    stated = ("The investigation into the cause of the fire is being conducted by the Palmer Police and the "
              "State Fire Marshal.")
    _, _, found = _story(nlp, parse, attribution_models, [hedged, stated])
    assert not [d for d in found if d.kind == "certainty"]
    # a hedge the other outlet drops is one
    _, _, found = _story(nlp, parse, attribution_models, [
        "The fire at the Palmer warehouse was allegedly set by a former employee of the plant.",
        "The fire at the Palmer warehouse was set by a former employee of the plant."])
    assert [d for d in found if d.kind == "certainty"]


def test_shares_of_different_things_are_different_facts(nlp, parse, attribution_models):
    counted = ("With 97 percent of ballots counted, the Green League had won 64 of the 120 seats in the national "
               "assembly, according to the election board.")
    turnout = ("The Green League won 64 seats, a majority in the 120-seat assembly, on a night when more than 70 "
               "percent of voters turned out.")
    exact = "Turnout was 72.5 percent, the election board said."
    _, aligned, _ = _story(nlp, parse, attribution_models, [counted, turnout, exact])
    shares = {tuple(sorted(s.quantity.value for s in c.support)) for c in aligned
              if c.kind == "quantity" and c.support[0].quantity.unit == "%"}
    # the share of voters is the turnout, not the share of ballots counted, in the sentence more like its own
    assert shares == {(97.0,), (70.0, 72.5)}


def test_a_clause_takes_the_year_fronted_before_it_or_that_it_is_a_when_clause_of(nlp, parse, attribution_models):
    for text, year in [("In 2021, an Ostmark train derailed near Fellbridge, and 22 of its cars left the track.", "2021"),
                       ("In 2021, 22 cars came off the tracks near Fellbridge, spilling about 40,000 litres of diesel.",
                        "2021"),
                       ("Turnout was about 61 percent, up on 2022, when 57.9 percent of registered voters cast a ballot.",
                        "2022"),
                       ("A train derailed near Fellbridge on Tuesday, and 22 of its cars left the track.", None)]:
        claims, _, _ = _story(nlp, parse, attribution_models, [text])
        last = [m for m in claims[0].mentions if m.quantity is not None][-1]
        assert last.period == year, text


def test_a_hedge_on_one_inflection_of_a_verb_meets_a_fact_told_with_another(nlp, parse, attribution_models):
    hedged = "A road bridge near Kessling had reportedly collapsed."
    _, _, found = _story(nlp, parse, attribution_models, [
        hedged, "The collapse of the Kessling road bridge on Saturday night has cut off the villages on the east bank."])
    assert [d.kind for d in found] == ["certainty"]  # "collapsed" is what "the collapse" states
    # the other way: both outlets hedge it
    _, aligned, found = _story(nlp, parse, attribution_models, [
        hedged, "A road bridge near Kessling had reportedly collapsed on Saturday night, residents said."])
    assert [c for c in aligned if len(c.support) == 2] and not found


def test_what_was_said_at_trial_is_an_allegation_a_verdict_report_may_state(nlp, parse, attribution_models):
    said = ("It was said throughout the investigation and trial that Lopez and Carrasquillo were targeting members "
            "of a rival gang.")
    stated = "Lopez and Carrasquillo were targeting members of a rival gang when they opened fire."
    _, _, found = _story(nlp, parse, attribution_models, [said, ["Lopez was found guilty of murder on Friday.", stated]])
    assert not [d for d in found if d.kind == "certainty"]
    # without the verdict, the article states as fact what was only said
    _, _, found = _story(nlp, parse, attribution_models, [said, stated])
    assert [d.kind for d in found] == ["certainty"]
