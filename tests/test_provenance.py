"""Provenance: sentence alignment, copy/rewrite/shared-origin edges, origins, per-article figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecheck.config import ProvenanceConfig
from wirecheck.provenance import analyse_provenance, is_paraphrase
from wirecheck.provenance.derive import direction, shingles
from wirecheck.provenance.sentences import candidate_pairs, order_share, story_sentences
from wirecheck.records import Article, Clues

SET = Path(__file__).resolve().parents[1] / "benchmarks" / "derivations"


def _event(name: str) -> dict[str, dict]:
    data = json.loads((SET / f"{name}.json").read_text(encoding="utf-8"))
    return {a["key"]: a for a in data["articles"]}


def _quake() -> dict[str, dict]:
    return _event("quake")


def _article(key: str, text: str, outlet: str, published: str | None, seq: int, **clues) -> Article:
    return Article(id=f"id-{key}", source=key, text=text, outlet=outlet, published=published,
                   clues=Clues(**clues), seq=seq)


def _text(entry: dict) -> str:
    return "\n\n".join(" ".join(p) for p in entry["paragraphs"])


@pytest.fixture(scope="module")
def quake_story(nlp):
    q = _quake()
    o = _article("o", _text(q["o"]), "Meridian Press Agency", "2026-03-14T06:10:00+00:00", 0)
    copy_text = _text(q["o"])
    c = _article("c", copy_text, "Daily Courier Online", "2026-03-14T07:05:00+00:00", 1,
                 wire_credits=["Meridian Press Agency"])
    p = _article("p", _text(q["p"]), "NewsDaily Hub", "2026-03-14T09:00:00+00:00", 2)
    i1 = _article("i1", _text(q["i1"]), "Valdoria Today", "2026-03-14T05:50:00+00:00", 3)
    i2 = _article("i2", _text(q["i2"]), "Global Report", "2026-03-14T12:40:00+00:00", 4)
    articles = [o, c, p, i1, i2]
    return articles, nlp.features(articles)


def test_paraphrase_rule_accepts_rewording_and_rejects_other_facts(nlp):
    a = "Interior Minister Tomas Ferreira said 214 people had been injured, 41 of them seriously."
    b = "The interior minister, Tomas Ferreira, put the number of injured at 214, with 41 in a serious condition."
    c = "The Red Cross said it had sent 40 tonnes of blankets and tents to the north."
    d = "Interior Minister Tomas Ferreira said 12 people had been injured, none of them seriously."
    va, vb, vc, vd = nlp.embed([a, b, c, d])
    ok, s_ab = is_paraphrase(a, b, va, vb)
    no, s_ac = is_paraphrase(a, c, va, vc)
    _, s_ad = is_paraphrase(a, d, va, vd)
    assert ok and not no
    assert s_ab > s_ac
    # different numbers cost the number penalty: the same words with other figures score lower
    lenient = ProvenanceConfig(number_penalty=0.0)
    assert s_ad < is_paraphrase(a, d, va, vd, lenient)[1]


def test_copy_rewrite_and_independent_reports(quake_story):
    articles, features = quake_story
    result = analyse_provenance(articles, features, ProvenanceConfig())
    by_article = {d.article: d for d in result.derivations}
    copy = by_article["id-c"]
    assert copy.kind == "copy" and copy.derived_from == "id-o" and copy.direction_known
    assert "Meridian Press Agency" in copy.reason
    rewrite = by_article["id-p"]
    assert rewrite.kind == "rewrite" and rewrite.derived_from in {"id-o", "id-c"}
    assert rewrite.direction_known and "later" in rewrite.reason
    # independent reports derive from nothing and nothing derives from them
    assert not {"id-i1", "id-i2"} & ({d.article for d in result.derivations}
                                     | {d.derived_from for d in result.derivations})
    groups = sorted(sorted(g) for g in result.origins)
    assert groups == [["id-c", "id-o", "id-p"], ["id-i1"], ["id-i2"]]
    assert result.independent_sources == 3
    assert sorted(i for g in result.origins for i in g) == sorted(a.id for a in articles)


def test_evidence_spans_point_at_matching_sentences(quake_story):
    articles, features = quake_story
    result = analyse_provenance(articles, features)
    text = {a.id: a.text for a in articles}
    rewrite = next(d for d in result.derivations if d.article == "id-p")
    assert len(rewrite.evidence) >= 8  # the paraphrase keeps all ten sentences
    numbers_kept = 0
    for pair in rewrite.evidence:
        derived = text[rewrite.article][pair.start:pair.end]
        source = text[rewrite.derived_from][pair.source_start:pair.source_end]
        assert derived and source and pair.similarity > 0
        if "214" in source:
            assert "214" in derived
            numbers_kept += 1
    assert numbers_kept == 1


def test_per_article_share_gain_and_likely_rewrite(quake_story):
    articles, features = quake_story
    result = analyse_provenance(articles, features)
    prov = {p.article_id: p for p in result.articles}
    assert prov["id-c"].aligned_share == 1.0 and prov["id-c"].gain == [] and prov["id-c"].likely_rewrite
    assert prov["id-p"].aligned_share >= 0.8 and prov["id-p"].likely_rewrite
    # i1 is the earliest article: nothing earlier to align to, everything is new
    assert prov["id-i1"].aligned_share == 0.0 and not prov["id-i1"].likely_rewrite
    assert len(prov["id-i1"].gain) == len(features[3].sentences)
    # i2 comes last but reports its own facts (Red Cross, Serra Alta fault)
    assert not prov["id-i2"].likely_rewrite and len(prov["id-i2"].gain) >= 3


def test_shared_origin_without_the_original(nlp):
    q = _event("plant")
    r1 = _article("r1", _text(q["r1"]), "Daily Trends 24", None, 0)
    r2 = _article("r2", _text(q["r2"]), "NewsFlash Central", None, 1)
    i1 = _article("i1", _text(q["i1"]), "Hollbrook Community Radio", None, 2)
    articles = [r1, r2, i1]
    result = analyse_provenance(articles, nlp.features(articles))
    assert [(d.kind, d.direction_known) for d in result.derivations] == [("shared_origin", False)]
    assert sorted(sorted(g) for g in result.origins) == [["id-i1"], ["id-r1", "id-r2"]]


def test_partial_rewrites_sharing_figures_and_names_are_one_origin(nlp):
    """Two partial rewrites that closely share one sentence, then the same names in order."""
    q = _event("ferry")
    r1 = _article("r1", _text(q["r1"]), "Buzzline Asia", None, 0)
    r2 = _article("r2", _text(q["r2"]), "Daily Wave News", None, 1)
    i1 = _article("i1", _text(q["i1"]), "Radio Corva", None, 2)
    i2 = _article("i2", _text(q["i2"]), "Maritime Weekly", None, 3)
    articles = [r1, r2, i1, i2]
    features = nlp.features(articles)
    result = analyse_provenance(articles, features)
    assert sorted(sorted(g) for g in result.origins) == [["id-i1"], ["id-i2"], ["id-r1", "id-r2"]]
    (edge,) = result.derivations
    assert edge.kind == "shared_origin" and not edge.direction_known
    assert len(edge.evidence) >= 2  # the looser, name-sharing pairs are shown as evidence
    shown = [(r1.text if edge.article == "id-r1" else r2.text)[p.start:p.end] for p in edge.evidence]
    assert any("Arriaga" in s for s in shown) and any("212" in s for s in shown)
    # without the fact-level path only one sentence is closely aligned: no edge
    strict = ProvenanceConfig(shared_loose_weight=10.0)
    assert analyse_provenance(articles, features, strict).independent_sources == 4


def test_a_shared_quote_does_not_merge_independent_reports(nlp):
    q = _event("layoffs")
    o = _article("o", _text(q["o"]), "Allied Business Wire", "2026-09-08T07:30:00+00:00", 0)
    i1 = _article("i1", _text(q["i1"]), "Kestria Financial Times", "2026-09-08T13:00:00+00:00", 1)
    articles = [o, i1]
    result = analyse_provenance(articles, nlp.features(articles))
    quote = "These are painful decisions"
    assert quote in o.text and quote in i1.text
    assert len(result.alignments) == 1 and len(result.alignments[0].pairs) >= 1  # the quote aligns...
    assert result.derivations == [] and result.independent_sources == 2  # ...but is no derivation


def test_input_order_does_not_change_the_result(quake_story):
    articles, features = quake_story
    first = analyse_provenance(articles, features)
    order = [4, 2, 0, 3, 1]
    second = analyse_provenance([articles[i] for i in order], [features[i] for i in order])
    assert first.origins == second.origins
    assert {(d.article, d.derived_from, d.kind) for d in first.derivations} == \
        {(d.article, d.derived_from, d.kind) for d in second.derivations}


def test_candidate_pruning_skips_unrelated_sentence_pairs(quake_story):
    articles, features = quake_story
    infos = story_sentences(articles, features)
    pairs = candidate_pairs(infos, ProvenanceConfig())
    cross = sum(1 for i in infos for j in infos if i.article < j.article)
    assert 0 < len(pairs) < cross / 2
    assert all(infos[i].article != infos[j].article for i, j in pairs)


def test_direction_evidence_and_unknown_direction():
    a = _article("a", "x", "Hollbrook Herald", None, 5,
                 originally_appeared="This article originally appeared on Continental News Service.")
    b = _article("b", "x", "Continental News Service", None, 9)
    derived, known, reasons = direction(a, b, 1.0, 1.0)
    assert derived and known and "originally appeared" in reasons[0]
    c = _article("c", "x", "Outlet C", None, 1)
    d = _article("d", "x", "Outlet D", None, 2)
    derived, known, _ = direction(c, d, 0.9, 0.9)
    assert not known and not derived  # the later arrival is named, but flagged unknown
    e = _article("e", "x", "E", "2026-01-01T10:00:00Z", 9)
    f = _article("f", "x", "F", "2026-01-01T12:30:00+00:00", 1)
    derived, known, reasons = direction(e, f, 0.5, 0.9)
    assert not derived and known and reasons == ["published 2h later"]


def test_small_helpers():
    assert order_share([(0, 0, 1.0), (1, 1, 1.0), (2, 2, 1.0)]) == 1.0
    assert order_share([(0, 5, 1.0), (1, 0, 1.0), (2, 9, 1.0), (3, 2, 1.0)]) == 0.5
    assert shingles("One two three", 5) == {"one two three"}
    assert len(shingles("a b c d e f g", 5)) == 3


def test_empty_and_single_article(nlp):
    assert analyse_provenance([], []).origins == []
    a = _article("solo", "A single report about a bridge closure in Dunmere on Monday.", "X", None, 0)
    result = analyse_provenance([a], nlp.features([a]))
    assert result.origins == [["id-solo"]] and result.derivations == []
    assert result.articles[0].aligned_share == 0.0


def test_two_independent_reports_alone_stay_two_origins(nlp):
    """With no third article, exclusivity cannot be shown: shared facts alone do not make one origin.

    Two of the sample corpus's independent steel-deal reports share a third of their facts in order.
    """
    from wirecheck.clean import clean_article
    from wirecheck.config import IngestConfig, ProvenanceConfig
    from wirecheck.ingest import read_inputs
    from wirecheck.provenance import analyse_provenance
    from wirecheck.sample import corpus_dir

    names = ("calvera-harbor-economic-review.html", "calvera-trade-digest.txt")
    pair = [clean_article(raw, IngestConfig())
            for raw in read_inputs([str(corpus_dir() / n) for n in names], IngestConfig())]
    features = nlp.features(pair)
    assert len(analyse_provenance(pair, features).origins) == 2
    # the rule is what keeps them apart: without it the pair would be joined as a shared origin
    loose = analyse_provenance(pair, features, ProvenanceConfig(shared_alone=0.0))
    assert len(loose.origins) == 1 and loose.derivations[0].kind == "shared_origin"


def test_a_shared_origin_joins_only_articles_that_align_with_nobody_else_as_much():
    from wirecheck.provenance.derive import Edge
    from wirecheck.provenance.origins import _choose_edges

    articles = [_article(k, "x", k, None, i) for i, k in enumerate("abcd")]
    shared = Edge(0, 1, "shared_origin", 0.5, False, "", 0.5)
    strength = {(0, 1): 0.5, (0, 2): 0.4, (1, 3): 0.3, (2, 3): 0.9}  # (2, 3) touches neither side
    _, groups = _choose_edges([shared], articles, ProvenanceConfig(), strength)
    assert groups.find(0) != groups.find(1), "a aligns with c nearly as much as with b: not exclusive"
    copy = Edge(2, 0, "copy", 0.9, True, "", 0.9)  # c copies a: it is a's own group, not "the rest"
    chosen, groups = _choose_edges([shared, copy], articles, ProvenanceConfig(), strength)
    assert groups.find(0) == groups.find(1) == groups.find(2) != groups.find(3)
    assert [e.kind for e in chosen] == ["copy", "shared_origin"]
    for score, joined in ((0.5, True), (0.4, False)):  # nobody else: only a strong shared origin will do
        _, groups = _choose_edges([Edge(0, 1, "shared_origin", score, False, "", score)], articles[:2],
                                  ProvenanceConfig(), {(0, 1): score})
        assert (groups.find(0) == groups.find(1)) is joined
