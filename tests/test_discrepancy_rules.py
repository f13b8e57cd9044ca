"""Certainty and value discrepancies between supports of one claim: what makes two wordings conflict.

Model-free: each case builds the supports of one aligned claim by hand, with the texts they point into,
and asks :func:`wirecheck.discrepancy.find_discrepancies` what it sees. Every rule is tested both ways:
a conflict that must be found and a compatible pair that must not be flagged.
"""

from __future__ import annotations

import numpy as np

from wirecheck.config import AlignConfig
from wirecheck.discrepancy import _holders, find_discrepancies, legal_steps
from wirecheck.records import (
    Article, ArticleClaims, ArticleFeatures, Claim, ClaimMention, EntityMention, Quantity, Support, Variant,
)


def _story(*wordings, quantities=None, vectors=None, places=(), bodies=None):
    """A claim supported once by each ``(text, certainty, cue)`` wording, in articles a0, a1, ...; the
    names in ``places`` are tagged as places (GPE) wherever a wording holds them; ``bodies`` are whole
    article texts the wordings open."""
    articles, supports, mentions, features = [], [], [], []
    for k, (text, certainty, cue) in enumerate(wordings):
        aid = f"a{k}"
        body = text + (bodies[k] if bodies else "")
        articles.append(Article(id=aid, source=f"{aid}.txt", text=body, seq=k))
        ents = [EntityMention(text.index(p), text.index(p) + len(p), p, "GPE") for p in places if p in text]
        features.append(ArticleFeatures(aid, [], ents, [], [], np.zeros(2, np.float32), np.zeros((0, 2), np.float32)))
        q = quantities[k] if quantities else None
        supports.append(Support(aid, 0, len(text), text, certainty, cue=cue, quantity=q, label_start=0,
                                label_end=len(text), origin=k))
        vector = None if vectors is None else np.asarray(vectors[k], dtype=np.float32)
        mentions.append(ArticleClaims(aid, [ClaimMention(aid, "quantity" if q else "statement", 0, len(text), text,
                                                         certainty, cue=cue, quantity=q, label_start=0,
                                                         label_end=len(text), label_vector=vector)], []))
    claim = Claim("c1", "quantity" if quantities else "statement", wordings[0][0], None, None, supports)
    origins = [[a.id] for a in articles]
    return find_discrepancies([claim], mentions, articles, features, origins, AlignConfig())


def test_an_allegation_of_the_act_and_a_charge_for_it_agree():
    found = _story(("John Jenkin allegedly killed his mother at their home in Millom", "hedged", "allegedly"),
                   ("John Jenkin was charged with killing his mother at their home in Millom", "asserted", None))
    assert not found


def test_an_allegation_against_the_act_stated_as_fact_is_a_certainty_discrepancy():
    found = _story(("John Jenkin allegedly killed his mother at their home in Millom", "hedged", "allegedly"),
                   ("John Jenkin killed his mother at their home in Millom", "asserted", None))
    assert [d.kind for d in found] == ["certainty"]


def test_a_denial_of_the_act_and_a_charge_for_it_agree_but_a_denied_arrest_and_an_arrest_conflict():
    assert not _story(("the owner denied setting the fire at the Harlow warehouse", "denied", "denied"),
                      ("the owner was charged with setting the fire at the Harlow warehouse", "asserted", None))
    assert not _story(("the owner denied the charges of setting the fire at the Harlow warehouse", "denied", "denied"),
                      ("the owner was charged with setting the fire at the Harlow warehouse", "asserted", None))
    found = _story(("the company denied that the plant manager had been arrested", "denied", "denied"),
                   ("police arrested the plant manager on Thursday evening", "asserted", None))
    assert [d.kind for d in found] == ["certainty"]


def test_legal_steps_are_read_from_the_clause_and_a_denial_of_the_charges_names_none():
    assert legal_steps("has been charged with the murder of his mother") == {"charge"}
    assert legal_steps("was arrested and later indicted") == {"arrest", "indict"}
    assert legal_steps("pleaded guilty to two counts") == {"convict"}
    assert legal_steps("denied the charges against him") == set()
    assert legal_steps("the fire destroyed the warehouse") == set()


def test_a_denial_stands_against_a_report_not_against_a_rumour_of_the_same_point():
    rumour = ("there were rumours that the senator was the source of the leak", "unverified", "rumours")
    denial = ("the senator denied that he was the source of the leak", "denied", "denied")
    assert not [d for d in _story(denial, rumour) if d.summary.startswith("Denied")]
    said = ("the senator was the source of the leak, two officials said", "attributed", "said")
    assert [d.summary.split(":")[0] for d in _story(denial, said)] == ["Denied by one outlet, reported by others"]


def test_two_clauses_sharing_a_figure_but_not_what_they_say_do_not_conflict():
    # the words are shared either way; the clause vectors tell whether the clauses say one thing
    hedged = ("the inmate allegedly fired upon two correctional officers in the van", "hedged", "allegedly")
    firm = ("the inmate fired upon two correctional officers in the van", "asserted", None)
    unlike = [[1.0, 0.0], [0.3, 0.954]]  # cosine 0.3: below dispute_clause_similarity
    alike = [[1.0, 0.0], [0.8, 0.6]]  # cosine 0.8
    assert not _story(hedged, firm, vectors=unlike)
    assert [d.kind for d in _story(hedged, firm, vectors=alike)] == ["certainty"]
    five = Quantity(5, "tank car", start=0, end=14)
    three = Quantity(3, "tank car", start=0, end=15)
    figures = (("five tank cars had leaked acid onto the embankment", "asserted", None),
               ("three tank cars had leaked by dawn on Tuesday", "asserted", None))
    assert not _story(*figures, quantities=[five, three], vectors=unlike)
    assert [d.kind for d in _story(*figures, quantities=[five, three], vectors=alike)] == ["value"]


def test_a_hedge_against_a_figure_that_is_itself_an_estimate_or_a_bound_is_no_discrepancy():
    about = Quantity(10_000, "follower", "about", start=0, end=1)
    at_least = Quantity(10_000, "member", "at_least", start=0, end=1)
    exact = Quantity(10_000, "member", start=0, end=1)
    hedged = ("the sect is believed to have about 10,000 followers in Utah", "hedged", "is believed to")
    assert not _story(hedged, ("the sect has at least 10,000 followers in Utah", "asserted", None),
                      quantities=[about, at_least])
    assert not _story(("the sect is believed to have 10,000 followers in Utah", "hedged", "is believed to"),
                      ("the sect has an estimated 10,000 followers in Utah", "asserted", None),
                      quantities=[exact, exact])
    found = _story(("the sect is believed to have 10,000 followers in Utah", "hedged", "is believed to"),
                   ("the sect has 10,000 followers in Utah", "asserted", None), quantities=[exact, exact])
    assert [d.kind for d in found] == ["certainty"]


def _claims(*wordings):
    """One claim per ``(text, certainty, cue)`` wording, each in its own article and origin group."""
    articles, claims, mentions = [], [], []
    for k, (text, certainty, cue) in enumerate(wordings):
        aid = f"a{k}"
        articles.append(Article(id=aid, source=f"{aid}.txt", text=text, seq=k))
        claims.append(Claim(f"c{k}", "statement", text, None, None,
                            [Support(aid, 0, len(text), text, certainty, cue=cue, label_start=0,
                                     label_end=len(text), origin=k)]))
        mentions.append(ArticleClaims(aid, [], []))
    return find_discrepancies(claims, mentions, articles, [], [[a.id] for a in articles], AlignConfig())


def test_an_arrest_said_to_be_unconfirmed_against_an_arrest_stated_as_fact_is_a_certainty_discrepancy():
    unconfirmed = ("Police did not confirm any arrest", "unverified", "did not confirm")
    found = _claims(unconfirmed, ("A site manager for Delmont Civil Works was arrested on Tuesday morning",
                                  "asserted", None))
    assert [d.kind for d in found] == ["certainty"] and len(found[0].claims) == 2
    # the same step only reported, or another step stated, is no conflict
    assert not _claims(unconfirmed, ("Police said a site manager had been arrested on Tuesday", "attributed", "said"))
    assert not _claims(unconfirmed, ("The site manager was charged with negligence on Wednesday", "asserted", None))
    # a long clause about one person's arrest is not the general "no arrest confirmed"
    assert not _claims(("Police did not confirm that the site manager of the company that resurfaced the deck was "
                        "arrested", "unverified", "did not confirm"),
                       ("A site manager was arrested on Tuesday morning", "asserted", None))


def test_a_claim_is_disputed_only_while_a_discrepancy_says_what_is_disputed():
    five, three = Quantity(5, "tank car", start=0, end=14), Quantity(3, "tank car", start=0, end=15)
    texts = ["five tank cars had leaked acid onto the embankment", "three tank cars had leaked by dawn on Tuesday"]
    for vectors, disputed in (([[1.0, 0.0], [0.3, 0.954]], False), ([[1.0, 0.0], [0.8, 0.6]], True)):
        articles = [Article(id=f"a{k}", source=f"a{k}.txt", text=t, seq=k) for k, t in enumerate(texts)]
        supports = [Support(f"a{k}", 0, len(t), t, "asserted", quantity=q, label_start=0, label_end=len(t), origin=k)
                    for k, (t, q) in enumerate(zip(texts, (five, three)))]
        claim = Claim("c1", "quantity", texts[0], five, None, supports, independent_support=2, status="disputed")
        mentions = [ArticleClaims(f"a{k}", [ClaimMention(f"a{k}", "quantity", 0, len(t), t, quantity=q, label_start=0,
                                                          label_end=len(t), label_vector=np.asarray(v, np.float32))], [])
                    for k, (t, q, v) in enumerate(zip(texts, (five, three), vectors))]
        found = find_discrepancies([claim], mentions, articles, [], [["a0"], ["a1"]], AlignConfig())
        assert (claim.status == "disputed") is disputed and bool(found) is disputed
        if not disputed:  # not one disputed fact, and five tank cars do not corroborate three
            assert claim.status == "single_source"


def test_an_allegation_and_a_flat_statement_from_an_article_reporting_the_verdict_agree():
    hedged = ("Lopez was allegedly targeting members of a rival gang", "hedged", "allegedly")
    firm = ("Horton was hit by a stray bullet as Lopez was targeting members of a rival gang", "asserted", None)
    verdict = [" Lopez was found guilty of murder on Tuesday.", ""]
    assert not _story(hedged, firm, bodies=verdict[::-1])  # the firm outlet reports the verdict
    assert [d.kind for d in _story(hedged, firm)] == ["certainty"]  # no verdict anywhere: a discrepancy
    assert [d.kind for d in _story(hedged, firm, bodies=verdict)] == ["certainty"]  # only the hedging one has it


def _killed(value, bound="exact"):
    return Quantity(value, "people", bound, start=0, end=len(str(value)))


def test_figures_set_in_two_places_that_cannot_be_one_count_two_things():
    schools = ("Some 30 people were killed when shells hit a school in Jabaliya", "asserted", None), \
              ("Two people were killed when a shell hit a school in Khan Younis", "asserted", None)
    found = _story(*schools, quantities=[_killed(30, "about"), _killed(2)], places=["Jabaliya", "Khan Younis"])
    assert not found
    same = ("Some 30 people were killed when shells hit a school in Jabaliya", "asserted", None), \
           ("Two people were killed when shells hit a school in Jabaliya", "asserted", None)
    found = _story(*same, quantities=[_killed(30, "about"), _killed(2)], places=["Jabaliya"])
    assert [d.kind for d in found] == ["value"]


def test_a_smaller_figure_placed_where_the_other_is_not_may_be_a_part_never_a_dispute():
    part = ("Twelve people were killed by landslides in Bener Meriah district", "asserted", None)
    whole = ("Nine people were killed by landslides", "asserted", None)
    larger = ("Thirty people were killed by landslides", "asserted", None)
    assert not _story(part, larger, quantities=[_killed(12), _killed(30)], places=["Bener Meriah"])
    # placed and larger than the unplaced figure: not a part of it, so the two still cannot both hold
    found = _story(part, whole, quantities=[_killed(12), _killed(9)], places=["Bener Meriah"])
    assert [d.kind for d in found] == ["value"]


def test_a_figure_given_as_an_average_or_a_rate_never_disputes_a_count():
    average = ("Teixeira has averaged more than 30 home runs over his career", "asserted", None)
    count = ("Teixeira hit 13 home runs in 54 games with the Angels", "asserted", None)
    runs = [Quantity(30, "home run", "more_than", start=29, end=51), Quantity(13, "home run", start=13, end=25)]
    assert not _story(average, count, quantities=runs)
    total = ("Teixeira hit 30 home runs in 54 games with the Angels", "asserted", None)
    runs = [Quantity(30, "home run", start=13, end=25), Quantity(13, "home run", start=13, end=25)]
    assert [d.kind for d in _story(total, count, quantities=runs)] == ["value"]


def test_one_value_written_in_another_case_is_one_variant_in_the_summary():
    summary = _holders([Variant("a", "four bombs were dropped", "four bombs", 0),
                        Variant("b", "Five bombs were dropped", "Five bombs", 1),
                        Variant("c", "Four bombs were dropped", "Four bombs", 2)])
    assert summary == "four bombs (2 origins, 2 articles) vs Five bombs (1 origin, 1 article)"


def test_a_hedge_conflicts_only_with_a_clause_that_states_what_it_hedges():
    # the firm clause shares only the setting before the cue: nothing the other outlet doubts
    assert not _story(("Lohan's stay at the Betty Ford Center in 2010, Lohan was accused of attacking a staffer",
                       "hedged", "accused of"),
                      ("Lohan was previously in the Betty Ford Center in 2010", "asserted", None))
    found = _story(("During her stay at the Betty Ford Center in 2010, Lohan was accused of attacking a staffer",
                    "hedged", "accused of"),
                   ("During her stay at the Betty Ford Center in 2010, Lohan attacked a staffer", "asserted", None))
    assert [d.kind for d in found] == ["certainty"]


def test_an_estimate_states_no_more_surely_than_a_suspicion():
    assert not _story(("arson is suspected to have caused $1 million in damages to the Wasilla church",
                       "hedged", "suspected"),
                      ("the fire, estimated to have caused $1 million in damages to the Wasilla church",
                       "asserted", None))
    found = _story(("arson is suspected to have caused $1 million in damages to the Wasilla church",
                    "hedged", "suspected"),
                   ("arson caused $1 million in damages to the Wasilla church", "asserted", None))
    assert [d.kind for d in found] == ["certainty"]


def test_an_estimate_that_governs_the_clause_from_before_it_is_no_firmer():
    from wirecheck.discrepancy import _no_firmer

    body = "The fire, estimated to have caused $1 million in damages to the Wasilla church, was set on Friday."
    start = body.index("to have caused")
    end = body.index(", was set")
    weak = Support("a0", 0, 60, "x", "hedged", cue="suspected", label_start=0, label_end=60)
    texts = {"a0": "arson is suspected to have caused $1 million in damages to the Wasilla church", "a1": body}
    firm = Support("a1", 0, len(body), body, "asserted", label_start=start, label_end=end)
    assert _no_firmer(weak, firm, texts)
    texts["a1"] = body.replace("estimated", "known")
    assert not _no_firmer(weak, firm, texts)


def test_a_negated_report_agrees_with_a_denial_and_a_plain_one_does_not():
    assert not _story(("LaRue denied that he was Deep Throat, the Post's source", "denied", "denied"),
                      ("LaRue insisted that he was not Deep Throat, the Post's source", "attributed", "insisted"))
    found = _story(("LaRue denied that he was Deep Throat, the Post's source", "denied", "denied"),
                   ("LaRue was Deep Throat, the Post's source, the paper said", "attributed", "said"))
    assert [d.kind for d in found] == ["certainty"]


def _two_claims(denial, report):
    """A denied statement in a0 and, in a1, another claim whose clause is ``report`` (a figure's claim)."""
    articles = [Article(id="a0", source="a0.txt", text=denial[0], seq=0),
                Article(id="a1", source="a1.txt", text=report, seq=1)]
    text, clause = denial
    at = text.index(clause)
    weak = Support("a0", 0, len(text), text, "denied", cue="denied", label_start=at, label_end=at + len(clause))
    firm = Support("a1", 0, len(report), report, "attributed", label_start=0, label_end=len(report), origin=1)
    claims = [Claim("c1", "statement", clause, None, None, [weak]), Claim("c2", "quantity", report, None, None, [firm])]
    return find_discrepancies(claims, [], articles, [], [["a0"], ["a1"]], AlignConfig())


def test_a_denied_clause_that_another_claim_reports_is_a_certainty_discrepancy():
    denial = ("Lakemont Health, which runs five hospitals, denied that it had paid a ransom.", "it had paid a ransom")
    found = _two_claims(denial, "Lakemont Health paid a ransom of about $3 million in cryptocurrency")
    assert [d.kind for d in found] == ["certainty"] and set(found[0].claims) == {"c1", "c2"}
    # said of someone the denial does not name, or itself negated, it stands against nothing
    assert not _two_claims(("Mr. LaRue denied that he was Deep Throat.", "he was Deep Throat"),
                           "Mark Felt was Deep Throat, the Post confirmed in 2005")
    assert not _two_claims(denial, "Lakemont Health has not paid a ransom of $3 million, its chief said")
    assert not _two_claims(("The board denied that it had paid a ransom.", "it had paid a ransom"),
                           "The insurer paid a ransom of about $3 million")  # "The" names nobody
    assert not _two_claims(("Mr. LaRue denied that he was Deep Throat.", "he was Deep Throat"),
                           "Deep Throat was one person, Woodward said")  # the name is what the clause denies


def test_a_year_with_no_proposition_of_its_own_is_no_date_discrepancy():
    assert not _story(("it wasn't until 1997", "asserted", None), ("it was not until 2003", "asserted", None))
    found = _story(("The Kessling road bridge was built in 1968", "asserted", None),
                   ("The Kessling road bridge was built in 1986", "asserted", None))
    assert [d.kind for d in found] == ["date"]


def test_the_ends_of_a_route_are_no_other_place_for_the_event():
    assert not _story(("Comeaux escaped as officers tried to move him from the town of Huntsville to the town of "
                       "Beaumont in a van", "asserted", None),
                      ("Comeaux escaped as officers tried to move him in a van in the town of Baytown", "asserted",
                       None), places=("Huntsville", "Beaumont", "Baytown"))
    found = _story(("Comeaux escaped as officers tried to move him in a van in the town of Huntsville", "asserted",
                    None),
                   ("Comeaux escaped as officers tried to move him in a van in the town of Baytown", "asserted", None),
                   places=("Huntsville", "Baytown"))
    assert [d.kind for d in found] == ["place"]


def test_a_place_after_a_named_destination_is_the_route_not_the_scene():
    from wirecheck.discrepancy import _ROUTE_BEFORE

    assert _ROUTE_BEFORE.search("tried to move him from the Estelle prison unit in ")
    assert _ROUTE_BEFORE.search("and on to the Stiles Unit in ")
    assert not _ROUTE_BEFORE.search("escaped from a prison van in ")  # where it happened
    assert not _ROUTE_BEFORE.search("was said to have died in ")


def test_a_clause_of_what_would_happen_is_no_report_against_a_denial_of_what_was():
    assert not _story(("LaRue denied that he was Deep Throat, the Post's source", "denied", "denied"),
                      ("the reporters would only reveal the identity of Deep Throat, the Post's source, once he was "
                       "dead", "attributed", "maintained"))
    found = _story(("the minister denied that she would resign over the Deep Throat leak", "denied", "denied"),
                   ("the minister would resign over the Deep Throat leak, aides said", "attributed", "said"))
    assert [d.kind for d in found] == ["certainty"]


def _announced_and_done(announced, done, hours_apart):
    """A statement claim announcing an act in a0 and another claim reporting it in a1, ``hours_apart``."""
    stamp = "2026-05-19T{:02d}:00:00+00:00"
    articles = [Article(id="a0", source="a0.txt", text=announced, seq=0, published=stamp.format(10)),
                Article(id="a1", source="a1.txt", text=done, seq=1,
                        published=stamp.format(10 + hours_apart) if hours_apart is not None else None)]
    said = Support("a0", 0, len(announced), announced, "asserted", label_start=0, label_end=len(announced))
    did = Support("a1", 0, len(done), done, "asserted", label_start=0, label_end=len(done), origin=1)
    claims = [Claim("c1", "statement", announced, None, None, [said]),
              Claim("c2", "statement", done, None, None, [did])]
    return find_discrepancies(claims, [], articles, [], [["a0"], ["a1"]], AlignConfig())


def test_an_intention_reported_as_done_at_about_the_same_time_is_a_certainty_discrepancy():
    found = _announced_and_done("The prosecution said it would appeal", "the prosecution has appealed", 2)
    assert [d.kind for d in found] == ["certainty"] and set(found[0].claims) == {"c1", "c2"}
    assert {v.value for v in found[0].variants} == {"announced (would appeal)", "done (asserted)"}
    # a day later the act may simply have happened; undated, nothing says; another act or doer is no match
    assert not _announced_and_done("The prosecution said it would appeal", "the prosecution has appealed", 13)
    assert not _announced_and_done("The prosecution said it would appeal", "the prosecution has appealed", None)
    assert not _announced_and_done("The prosecution said it would appeal", "the prosecution has resigned", 2)
    assert not _announced_and_done("The prosecution said it would appeal", "the defence has appealed", 2)
    assert not _announced_and_done("The prosecution said it would appeal", "the prosecution has not appealed", 2)
    assert not _announced_and_done("The prosecution said it would appeal the ruling",
                                   "Police said he had appealed", 2)  # "he" names no doer
