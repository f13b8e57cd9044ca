"""Online story clustering: paraphrased multi-outlet coverage vs a same-type different event."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from wirecheck.cluster import Clusterer, ClusterState, StoryProfile, explain, story_id_for
from wirecheck.config import ClusterConfig
from wirecheck.records import Article, ArticleFeatures, EntityMention, Sentence

CFG = ClusterConfig()

CORPUS = Path(__file__).parent / "data" / "cluster_corpus.json"


# ---------------------------------------------------------------- model-free helpers


def _features(article: Article, vector, entities=(), lemmas=()) -> ArticleFeatures:
    """Hand-built features: one sentence, a given embedding, entities found by text."""
    vec = np.asarray(vector, dtype=np.float32)
    vec = np.pad(vec, (0, 384 - len(vec)))
    vec /= np.linalg.norm(vec)
    ents = []
    for text, label in entities:
        start = article.text.index(text)
        ents.append(EntityMention(start, start + len(text), text, label))
    return ArticleFeatures(article.id, [Sentence(0, 0, len(article.text))], ents, list(lemmas), [],
                           vec, vec[None, :])


def test_story_ids_are_deterministic_and_time_is_neutral_without_dates():
    cl = Clusterer(ClusterConfig())
    a = Article("x1", "x1", "Quake hits Lima.")
    first = cl.assign(a, _features(a, [1, 0], [("Lima", "GPE")], ["quake", "hit"]))
    assert first.new_story and first.story_id == story_id_for("x1")
    b = Article("x2", "x2", "Quake hits Lima again.")
    second = cl.assign(b, _features(b, [1, 0.05], [("Lima", "GPE")], ["quake", "hit"]))
    assert second.story_id == first.story_id and not second.new_story
    assert "time" not in second.signals  # no dates: the time signal is left out, not zero
    assert "time proximity: neutral" in explain(second)


def test_conflicting_places_keep_same_type_events_apart():
    cl = Clusterer(ClusterConfig())
    a = Article("q1", "q1", "Earthquake of magnitude 6.1 strikes Lima, 45 dead.")
    b = Article("q2", "q2", "Earthquake of magnitude 6.6 strikes Quito, 12 dead.")
    quake = ["earthquake", "magnitude", "strike", "dead"]
    ra = cl.assign(a, _features(a, [1, 0.9], [("Lima", "GPE")], quake + ["lima"]))
    rb = cl.assign(b, _features(b, [1, 0.0], [("Quito", "GPE")], quake + ["quito"]))
    assert rb.new_story and rb.story_id != ra.story_id
    assert rb.signals["conflict"] > 0  # different place and different figures in the lead
    # a later report of the Quito quake joins the Quito story, with nothing in conflict
    c = Article("q3", "q3", "Quito earthquake of magnitude 6.6 leaves 12 dead.")
    rc = cl.assign(c, _features(c, [1, 0.1], [("Quito", "GPE")], quake + ["quito"]))
    assert rc.story_id == rb.story_id and rc.signals["conflict"] == 0


def test_state_round_trips_through_json_and_dirty_profiles():
    cl = Clusterer(ClusterConfig())
    arts = [Article(f"r{i}", f"r{i}", f"Flood in Porto Alegre, day {i + 20}.") for i in range(3)]
    for i, a in enumerate(arts):
        cl.assign(a, _features(a, [1, 0.02 * i], [("Porto Alegre", "GPE")], ["flood"]))
    dirty = cl.dirty_profiles()
    assert dirty and all(isinstance(p, StoryProfile) for p in dirty)
    assert cl.dirty_profiles() == []  # cleared by the call
    data = json.loads(json.dumps(cl.state().to_json()))
    restored = ClusterState.from_json(data)
    assert restored.doc_count == 3 and restored.article_story == cl.state().article_story
    for sid, p in cl.state().profiles.items():
        q = restored.profiles[sid]
        assert q.article_ids == p.article_ids and np.allclose(q.centroid, p.centroid)
    again = Clusterer(ClusterConfig(), restored)
    d = Article("r9", "r9", "Flood in Porto Alegre, day 29.")
    res = again.assign(d, _features(d, [1, 0.03], [("Porto Alegre", "GPE")], ["flood"]))
    assert res.story_id == cl.state().article_story["r0"]
    assert [p.story_id for p in again.dirty_profiles()] == [res.story_id]


def test_bridging_article_merges_two_stories():
    cl = Clusterer(ClusterConfig())
    # two first reports of one sinking that share only the place: too little to join
    a = Article("m1", "m1", "Ferry sinks off Lombok; 33 missing.")
    b = Article("m2", "m2", "Lombok rescue teams search the sea.")
    ra = cl.assign(a, _features(a, [1, 0, 0], [("Lombok", "GPE")], ["ferry", "sink", "missing"]))
    rb = cl.assign(b, _features(b, [0, 1, 0], [("Lombok", "GPE")], ["rescue", "team", "search", "sea"]))
    assert rb.new_story and ra.story_id != rb.story_id
    assert cl.pop_merges() == []
    # a fuller report links them
    c = Article("m3", "m3", "Lombok ferry sinking: rescue teams search the sea for 33 missing.")
    cl.assign(c, _features(c, [1, 1, 0], [("Lombok", "GPE")],
                           ["ferry", "sink", "rescue", "team", "search", "sea", "missing"]))
    merges = cl.pop_merges()
    assert len(merges) == 1 and set(merges[0]) == {ra.story_id, rb.story_id}
    gone, into = merges[0]
    assert list(cl.state().profiles) == [into]
    assert set(cl.state().profiles[into].article_ids) == {"m1", "m2", "m3"}
    assert all(sid == into for sid in cl.state().article_story.values())
    assert cl.pop_merges() == []


def test_date_keys_and_counted_nouns():
    from wirecheck.cluster.profile import counted_noun, entity_keys

    assert set(entity_keys("March 14, 2011", "DATE")) == {"Y:2011", "D:03-14"}
    assert entity_keys("last Sunday", "DATE") == ["W:sunday"]
    assert entity_keys("yesterday", "DATE") == []
    assert entity_keys("downtown", "GPE") == []  # lower-case tagger noise is no place name
    text = "Navy captured 26 pirates after a 6.1-magnitude quake cost 2 million euros on 14 March."
    assert counted_noun(text, text.index("26") + 2) == "pirate"
    assert counted_noun(text, text.index("6.1") + 3) == "magnitude"
    assert counted_noun(text, text.index(" 2 ") + 2) == "euro"  # scale word skipped
    assert counted_noun(text, text.index("14") + 2) is None  # a date, not a count


def _pair_conflict(text_a: str, text_b: str, ents_a=(), ents_b=()) -> tuple[float, list[str]]:
    from wirecheck.cluster.profile import article_view
    from wirecheck.cluster.scoring import conflict

    state = ClusterState()
    profiles = []
    for aid, text, ents in (("ca", text_a, ents_a), ("cb", text_b, ents_b)):
        art = Article(aid, aid, text)
        view = article_view(art, _features(art, [1, 0], ents, ["navy", "pirate"]), CFG)
        state.add_document(view, CFG)
        profiles.append(StoryProfile.from_view(view))
    return conflict(profiles[0], profiles[1], state, CFG)


def test_conflict_counts_same_noun_and_tolerates_nearby_dates():
    same, _ = _pair_conflict("Navy captures 23 pirates in the Gulf of Aden.",
                             "Twenty-three held: navy captures 23 pirates off Aden.")
    other, why = _pair_conflict("Navy captures 23 pirates in the Gulf of Aden.",
                                "Navy captures 26 pirates in the Gulf of Aden.")
    assert same == 0 and other > 0 and any(w.startswith("Q") for w in why)
    # a count of another noun is no evidence either way
    unrelated, _ = _pair_conflict("Navy captures 23 pirates.", "Navy escorts 40 ships.")
    assert unrelated == 0
    near, _ = _pair_conflict("Updated November 11, 2011. Navy foils attack.", "November 12, 2011: navy foils attack.",
                             [("November 11, 2011", "DATE")], [("November 12, 2011", "DATE")])
    far, why = _pair_conflict("Updated November 11, 2011. Navy foils attack.", "January 6, 2009: navy foils attack.",
                              [("November 11, 2011", "DATE")], [("January 6, 2009", "DATE")])
    assert near == 0 and far > 0.9 and any(w.startswith("Y") for w in why)


def test_nested_places_agree_only_when_the_corpus_names_them_together():
    """A city and its state are no conflict once reports name them together; unrelated places still are."""
    from wirecheck.cluster.profile import article_view
    from wirecheck.cluster.scoring import conflict

    state = ClusterState()

    def profile(aid: str, text: str, places: list[str]) -> StoryProfile:
        art = Article(aid, aid, text)
        view = article_view(art, _features(art, [1, 0], [(p, "GPE") for p in places], ["fire", "burn"]), CFG)
        state.add_document(view, CFG)
        return StoryProfile.from_view(view)

    city = profile("c", "Fire burns homes in Redding.", ["Redding"])
    state_ = profile("s", "Fire burns homes across California.", ["California"])
    elsewhere = profile("e", "Fire burns homes in Oregon.", ["Oregon"])
    before, why = conflict(city, state_, state, CFG)
    assert before > 0 and any(w.startswith("L") for w in why)  # nothing yet says Redding is in California
    for i in range(3):  # background reports name the city with its state
        profile(f"b{i}", f"Redding, California, report {i}.", ["Redding", "California"])
    assert state.places_compatible("redding", "california", CFG)
    assert conflict(city, state_, state, CFG)[0] == 0
    assert conflict(city, elsewhere, state, CFG)[0] == before  # never named together: still a clash
    assert ClusterState.from_json(state.to_json()).place_pairs == state.place_pairs


def test_different_year_and_opponent_keep_same_type_fights_apart():
    """Same champion, same kind of report; another year and another opponent in the lead: two fights."""
    text = "Klitschko stops {} in the sixth round to retain his heavyweight titles in {}."
    cl = Clusterer(ClusterConfig())
    fights = [("Hasim Rahman", 2008, [1, 0.0]), ("Hasim Rahman", 2008, [1, 0.05]), ("Tony Thompson", 2012, [1, 0.3])]
    res = []
    for i, (rival, year, vec) in enumerate(fights):
        art = Article(f"k{i}", f"k{i}", text.format(rival, year))
        lemmas = ["stop", rival.split()[1].lower(), "round", "retain", "title", "heavyweight"]
        res.append(cl.assign(art, _features(art, vec, [("Klitschko", "PERSON"), (rival, "PERSON")], lemmas)))
    assert res[1].story_id == res[0].story_id and res[1].signals["conflict"] == 0
    assert res[2].new_story and res[2].signals["conflict"] > 0.9
    assert "2012 vs 2008" in res[2].reason and "thompson vs rahman" in res[2].reason


# ---------------------------------------------------------------- real text, real models


@pytest.fixture(scope="module")
def corpus(nlp):
    data = json.loads(CORPUS.read_text(encoding="utf-8"))["articles"]
    arts = [Article(d["id"], d["outlet"], d["text"], title=d["title"], outlet=d["outlet"],
                    published=d["published"], seq=i) for i, d in enumerate(data)]
    feats = nlp.features(arts)
    return arts, feats, {d["id"]: d["event"] for d in data}


def _partition(arts, feats, order, dated=True):
    cl = Clusterer(ClusterConfig())
    for i in order:
        art = arts[i] if dated else replace(arts[i], published=None)
        cl.assign(art, feats[i])
    groups = {}
    for aid, sid in cl.state().article_story.items():
        groups.setdefault(sid, set()).add(aid)
    return sorted(sorted(g) for g in groups.values()), cl


def _gold(events):
    groups = {}
    for aid, ev in events.items():
        groups.setdefault(ev, set()).add(aid)
    return sorted(sorted(g) for g in groups.values())


@pytest.mark.slow
def test_paraphrased_coverage_joins_and_later_strike_stays_apart(corpus):
    arts, feats, events = corpus
    got, cl = _partition(arts, feats, range(len(arts)))
    assert got == _gold(events)
    why = cl.state().article_story
    assert why["a3"] == why["a1"]  # the copy with appended unrelated headlines still joins


@pytest.mark.slow
def test_split_holds_without_dates(corpus):
    """No dates: time is neutral, so the conflicting numbers/places/dates must do the work."""
    arts, feats, events = corpus
    got, _ = _partition(arts, feats, range(len(arts)), dated=False)
    assert got == _gold(events)


@pytest.mark.slow
def test_arrival_order_does_not_change_clusters(corpus):
    arts, feats, events = corpus
    for seed in range(4):
        order = list(range(len(arts)))
        random.Random(seed).shuffle(order)
        got, _ = _partition(arts, feats, order, dated=False)
        assert got == _gold(events), f"order {order}"


@pytest.mark.slow
def test_assignment_records_signals_and_explanation(corpus):
    arts, feats, _ = corpus
    cl = Clusterer(ClusterConfig())
    results = [cl.assign(a, f) for a, f in zip(arts, feats)]
    joined = [r for r in results if not r.new_story]
    assert joined and all(r.score >= ClusterConfig().threshold for r in joined)
    for r in joined:
        assert {"embedding", "tfidf", "entities", "numbers", "conflict", "time"} <= set(r.signals)
    text = explain(joined[0])
    assert "embedding" in text and joined[0].story_id in text and len(text.splitlines()) >= 5
    # the later strike starts its own story, and the reason names what disagrees
    b1 = next(r for r in results if r.article_id == "b1")
    assert b1.new_story and b1.signals["conflict"] > 0 and "conflicting" in b1.reason
    assert "odesa" not in b1.reason.split("conflicting", 1)[1].split(" vs ")[0]  # the city agrees


def _ferry(i: int, place: str, skipper: str, year: str, direction) -> tuple[Article, ArticleFeatures]:
    art = Article(f"{place[:2]}{i}", f"o{i}", f"Ferry sinks off {place} in {year}; skipper {skipper} arrested.")
    vec = np.asarray(direction, dtype=np.float32) + 0.02 * np.eye(8, dtype=np.float32)[i % 8]
    ents = [(place, "GPE"), (skipper, "PERSON"), (year, "DATE")]
    return art, _features(art, vec, ents, ["ferry", "sink", "skipper", "arrest", place.lower()])


def test_story_holding_two_incidents_is_split_and_stays_split():
    # build one story that wrongly holds two sinkings (join everything), then let the split check run
    lombok = [_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3, 0, 0, 0, 0, 0, 0]) for i in range(5)]
    sumbawa = [_ferry(i, "Sumbawa", "Wibowo", "2014", [0.3, 1, 0, 0, 0, 0, 0, 0]) for i in range(5)]
    joiner = Clusterer(replace(ClusterConfig(), threshold=-1.0, split_threshold=0.0))
    for art, feat in lombok + sumbawa[:4]:
        joiner.assign(art, feat)
    assert len(joiner.state().profiles) == 1 and joiner.pop_splits() == []
    state = ClusterState.from_json(json.loads(json.dumps(joiner.state().to_json())))  # members persist
    (old,) = state.profiles
    assert len(state.profiles[old].members) == 9
    cl = Clusterer(ClusterConfig(), state)
    art, feat = sumbawa[4]
    res = cl.assign(art, feat)  # the 10th member: the check runs
    splits = cl.pop_splits()
    assert len(splits) == 1 and cl.pop_splits() == []
    was, new, moved = splits[0]
    assert was == old and sorted(moved) == sorted(a.id for a, _ in sumbawa)
    assert res.story_id == new and "split from" in res.reason and "2014" in res.reason
    assert sorted(cl.state().profiles[old].article_ids) == sorted(a.id for a, _ in lombok)
    assert all(cl.state().article_story[a] == new for a in moved)
    assert "wibowo" in cl.state().profiles[new].split_reason
    assert {p.story_id for p in cl.dirty_profiles()} == {old, new}
    # the two are never merged back, and the old story's profile no longer holds the moved reports
    assert "P:wibowo" not in cl.state().profiles[old].keys
    more, feat = _ferry(7, "Lombok", "Sutanto", "2011", [1, 0.3, 0, 0, 0, 0, 0, 0])
    assert cl.assign(more, feat).story_id == old and cl.pop_merges() == []
    restored = ClusterState.from_json(json.loads(json.dumps(cl.state().to_json())))
    assert restored.profiles[new].apart == [old] and restored.profiles[new].split_reason


def test_one_story_of_one_incident_is_not_split():
    arts = [_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3 + 0.05 * i, 0, 0, 0, 0, 0, 0]) for i in range(10)]
    cl = Clusterer(ClusterConfig())
    for art, feat in arts:
        cl.assign(art, feat)
    assert len(cl.state().profiles) == 1 and cl.pop_splits() == []


def test_ages_and_durations_are_not_counts_of_the_incident():
    """'26-year-old' and '45 years' give ages/durations of various people: no Q conflict between reports."""
    from wirecheck.cluster.profile import counted_noun

    text = "The 26-year-old actor, 45 years after the first episode, met 12 fans."
    assert counted_noun(text, text.index("26") + 2) is None
    assert counted_noun(text, text.index("45") + 2) is None
    assert counted_noun(text, text.index("12") + 2) == "fan"  # other counts still count
    ages, why = _pair_conflict("Smith, 26, is the 26-year-old star.", "Smith, the 45-year-old star, returns.")
    assert ages == 0 and not any(w.startswith("Q") for w in why)


def test_early_report_of_a_second_incident_moves_to_its_story():
    """A Sumbawa report filed in the Lombok story moves once the Sumbawa story exists and fits it better."""
    lombok = [_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3, 0, 0, 0, 0, 0, 0]) for i in range(4)]
    # reports of a second sinking, similar enough to compete with the Lombok story (half the threshold)
    sumbawa = [_ferry(i, "Sumbawa", "Wibowo", "2014", [0.7, 1, 0, 0, 0, 0, 0, 0]) for i in range(4, 8)]
    # the first Sumbawa report names neither skipper nor year, so nothing in it contradicts Lombok
    art = Article("su9", "o9", "Ferry sinks off Sumbawa; skipper arrested.")
    first = (art, _features(art, [0.7, 1, 0, 0, 0, 0, 0, 0.02], [("Sumbawa", "GPE")],
                            ["ferry", "sink", "skipper", "arrest", "sumbawa"]))
    joiner = Clusterer(replace(ClusterConfig(), threshold=-1.0, split_threshold=0.0, rehome_margin=-1.0))
    for a, feat in lombok + [first]:  # it joined the Lombok story when it came
        joiner.assign(a, feat)
    (old,) = joiner.state().profiles
    state = json.loads(json.dumps(joiner.state().to_json()))

    def run(margin: float):
        cl = Clusterer(replace(ClusterConfig(), split_threshold=0.0, rehome_margin=margin), ClusterState.from_json(state))
        return cl, [cl.assign(a, feat) for a, feat in sumbawa]

    off, _ = run(-1.0)  # without re-homing the early report stays in the Lombok story
    assert off.state().article_story["su9"] == old
    cl, results = run(ClusterConfig().rehome_margin)
    new = results[0].story_id
    assert results[0].new_story and new != old  # the named skipper and year conflict with Lombok's
    assert cl.state().article_story["su9"] == new
    assert sorted(cl.state().profiles[old].article_ids) == sorted(a.id for a, _ in lombok)
    assert "L:sumbawa" not in cl.state().profiles[old].keys  # the old profile no longer holds it
    assert cl.pop_splits() == [(old, new, ["su9"])]  # reported to the store like a one-article split
    assert sum("moved su9 from " + old in r.reason for r in results) == 1
    assert {p.story_id for p in cl.dirty_profiles()} == {old, new}


def test_lone_report_joins_a_story_that_now_fits_it():
    """A report that started its own story merges into a later story it would join if it came now."""
    cl = Clusterer(ClusterConfig())
    # the first report is thin: it shares too little with the sinking reports seen so far
    early = Article("f0", "o0", "Sutanto held after the disaster.")
    early_feat = _features(early, [0.2, 0.6, 1], [("Sutanto", "PERSON")], ["hold", "sutanto", "disaster"])
    r0 = cl.assign(early, early_feat)
    first, feat = _ferry(1, "Lombok", "Sutanto", "2011", [1, 0.3, 0, 0, 0, 0, 0, 0])
    r1 = cl.assign(first, feat)
    assert r1.new_story and r1.story_id != r0.story_id  # too little in common on its own
    assert cl.pop_merges() == []
    results = [cl.assign(a, f) for a, f in (_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3 + 0.1 * i, 0.3 * i, 0, 0, 0, 0, 0])
                                            for i in range(2, 5))]
    merges = cl.pop_merges()
    assert merges == [(r0.story_id, r1.story_id)]
    assert cl.state().article_story["f0"] == r1.story_id and r0.story_id not in cl.state().profiles
    assert sum(f"merged the lone report f0 ({r0.story_id})" in r.reason for r in results) == 1
    # with re-homing off the lone report stays alone
    off = Clusterer(replace(ClusterConfig(), rehome_margin=-1.0))
    off.assign(early, early_feat)
    for a, f in [(first, feat)] + [_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3 + 0.1 * i, 0.3 * i, 0, 0, 0, 0, 0])
                                   for i in range(2, 5)]:
        off.assign(a, f)
    assert off.state().article_story["f0"] == r0.story_id


def test_gazetteer_nests_cities_and_states_in_their_country():
    """'Los Angeles' vs 'US' is no place conflict; vs 'Peru', or a city vs another city of its country, is."""
    from wirecheck.cluster.places import Gazetteer
    from wirecheck.cluster.profile import article_view
    from wirecheck.cluster.scoring import conflict

    gaz = Gazetteer()
    assert gaz.nested("los angeles", "us") and gaz.nested("california", "u.s") and gaz.nested("lima", "peru")
    assert gaz.nested("los angeles", "california") and not gaz.nested("lima", "california")
    assert not gaz.nested("lima", "quito") and not gaz.nested("los angeles", "peru")

    def profiles(state):
        out = {}
        for aid, text, places in (("la", "Fire in Los Angeles destroys homes.", ["Los Angeles"]),
                                  ("us", "Fire in the US destroys homes.", ["US"]),
                                  ("pe", "Fire in Peru destroys homes.", ["Peru"]),
                                  ("lima", "Fire in Lima destroys homes.", ["Lima"]),
                                  ("areq", "Fire in Arequipa, Peru, destroys homes.", ["Arequipa", "Peru"])):
            art = Article(aid, aid, text)
            view = article_view(art, _features(art, [1, 0], [(p, "GPE") for p in places], ["fire", "home"]), CFG)
            state.add_document(view, CFG)
            out[aid] = StoryProfile.from_view(view)
        return out

    bare = ClusterState()  # corpus co-occurrence alone: nothing says LA is in the US
    p = profiles(bare)
    assert conflict(p["la"], p["us"], bare, CFG)[0] > 0
    state = ClusterState(gazetteer=gaz)
    p = profiles(state)
    assert conflict(p["la"], p["us"], state, CFG)[0] == 0 and conflict(p["us"], p["la"], state, CFG)[0] == 0
    assert conflict(p["lima"], p["pe"], state, CFG)[0] == 0  # the vaguer report names only the country
    for a, b in (("la", "pe"), ("lima", "areq")):  # another country; another city in the same country
        clash, why = conflict(p[a], p[b], state, CFG)
        assert clash > 0 and any(w.startswith("L") for w in why), (a, b)
    assert "gazetteer" not in json.dumps(state.to_json())  # read from the package, not persisted
    assert Clusterer(ClusterConfig(), gazetteer=gaz).state().gazetteer is gaz  # the runner's, passed in
    assert Clusterer(ClusterConfig()).state().gazetteer is None  # never loaded by the clusterer itself


# ---------------------------------------------------------------- short texts: leads, feed summaries, flashes


def _lead(aid: str, title: str, text: str, vector, entities=(), lemmas=()) -> tuple[Article, ArticleFeatures]:
    art = Article(aid, aid, text, title=title)
    return art, _features(art, vector, entities, lemmas)


def test_headline_words_count_when_the_text_does_not_repeat_the_headline():
    from wirecheck.cluster.profile import title_words

    art = Article("t1", "t1", "President Trump on Monday slammed the former secretary of state.",
                  title="Trump slams John Kerry's 'shadow diplomacy' on Iran deal")
    assert title_words(art, CFG) == ["trump", "slam", "john", "kerry", "shadow", "diplomacy", "iran", "deal"]
    assert title_words(art, replace(CFG, title_terms=0)) == []
    first_line = Article("t2", "t2", "Quake hits Lima.\nMore follows.", title="Quake hits Lima.")
    assert title_words(first_line, CFG) == []  # the text's first line is the headline: counted once already


def test_short_leads_of_one_story_join_through_their_headlines_and_another_story_stays_apart():
    """Three-outlet leads of 10-20 words (NeuS-like): the left outlet's lead names nobody, its headline does."""
    kerry = _lead("k1", "Trump slams John Kerry for 'shadow diplomacy' on Iran deal",
                  "President Trump on Monday slammed John Kerry for working to save the deal.",
                  [1, 0.0], [("Trump", "PERSON"), ("John Kerry", "PERSON")],
                  ["president", "monday", "slam", "john", "kerry", "work", "save", "deal"])
    outrage = _lead("k2", "Kerry's shadow diplomacy with Iran: where is the outrage?",
                    "Liberals tried to criminalize contacts with Russia. Note their silence now.",
                    [1, 0.35], [("Russia", "GPE")], ["liberal", "try", "criminalize", "contact", "russia", "note",
                                                   "silence"])
    border = _lead("b1", "Trump slams Biden over border crossings",
                   "Former President Trump on Monday slammed President Biden for record crossings at the border.",
                   [1, 0.9], [("Trump", "PERSON"), ("Biden", "PERSON")],
                   ["president", "monday", "slam", "record", "crossing", "border"])
    results = {}
    for terms in (0, 1):
        cl = Clusterer(replace(CFG, title_terms=terms))
        results[terms] = [cl.assign(a, f) for a, f in (kerry, outrage, border)]
    without, with_titles = results[0], results[1]
    assert without[1].new_story  # on its lead alone the opinion piece shares nothing with the report
    assert not with_titles[1].new_story and with_titles[1].story_id == with_titles[0].story_id
    assert with_titles[1].signals["tfidf"] > without[1].signals["tfidf"]
    # same actor, same verb, same day in the headline: another event (Biden, the border), kept apart
    assert with_titles[2].new_story and with_titles[2].story_id != with_titles[0].story_id
    assert with_titles[2].signals["conflict"] > 0 and "biden" in with_titles[2].reason


def test_near_copies_scoring_above_one_do_not_break_the_split_check(monkeypatch):
    """Copies of one report may score a hair above 1 (float rounding of a cosine of 1): a negative
    distance, which the split check's linkage refuses; the story stays whole."""
    import wirecheck.cluster.split as split

    monkeypatch.setattr(split, "combine", lambda sig, config: 1.0 + 1e-9)
    arts = [_ferry(i, "Lombok", "Sutanto", "2011", [1, 0.3, 0, 0, 0, 0, 0, 0]) for i in range(10)]
    cl = Clusterer(ClusterConfig())
    for art, feat in arts:
        cl.assign(art, feat)
    assert len(cl.state().profiles) == 1 and cl.pop_splits() == []
