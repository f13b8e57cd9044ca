"""End to end on the bundled sample corpus: what wirecheck must find in it.

The corpus and the properties asserted here are documented in
``src/wirecheck/sample/README.md``.
"""

from __future__ import annotations

import pytest

from wirecheck.pipeline import Runner
from wirecheck.store import Store


def _by_file(report):
    """Article id by corpus file name (records inside the JSONL by their id)."""
    out = {}
    for a in report["articles"]:
        name = a["source"].rsplit("/", 1)[-1]
        out[a["external_id"] if "#" in name else name] = a["id"]
    return out


def _story_of(report, article_id):
    return next(s for s in report["stories"] if article_id in s["articles"])


@pytest.fixture(scope="module")
def found(sample_run):
    _, result, report = sample_run
    return result, report, _by_file(report)


def test_every_file_read_and_grouped_into_three_stories(found):
    result, report, ids = found
    assert len(report["articles"]) == 10 and report["rejected"] == []
    events = {
        "A": ["kestrava-daily-meridian.html", "kestrava-riverside-post.txt", "kestrava-morvania-today.txt",
              "ct-2026-11-14-kestrava"],
        "B": ["ketala-coastline-chronicle.html", "ketala-observer.txt", "rtr-ketala-flood-14"],
        "C": ["bl-steel-deal", "calvera-harbor-economic-review.html", "calvera-trade-digest.txt"],
    }
    stories = [sorted(s["articles"]) for s in report["stories"]]
    assert sorted(stories) == sorted(sorted(ids[f] for f in files) for files in events.values())


def test_copy_and_rewrite_are_found_with_direction_and_evidence(found):
    _, report, ids = found
    story = _story_of(report, ids["kestrava-daily-meridian.html"])
    edges = {(d["article"], d["derived_from"]): d for d in story["derivations"]}
    copy = edges.get((ids["kestrava-riverside-post.txt"], ids["kestrava-daily-meridian.html"])) or edges.get(
        (ids["kestrava-daily-meridian.html"], ids["kestrava-riverside-post.txt"]))
    assert copy is not None and copy["kind"] == "copy" and copy["evidence"]
    rewrite = edges.get((ids["kestrava-morvania-today.txt"], ids["kestrava-daily-meridian.html"]))
    assert rewrite is not None and rewrite["kind"] == "rewrite" and len(rewrite["evidence"]) >= 5


def test_independent_sources_count_origins_not_outlets(found):
    _, report, ids = found
    a = _story_of(report, ids["kestrava-daily-meridian.html"])
    assert a["independent_sources"] == 2
    group = next(g for g in a["origins"] if ids["kestrava-daily-meridian.html"] in g)
    assert set(group) == {ids["kestrava-daily-meridian.html"], ids["kestrava-riverside-post.txt"],
                          ids["kestrava-morvania-today.txt"]}
    assert _story_of(report, ids["ketala-observer.txt"])["independent_sources"] == 3
    assert _story_of(report, ids["bl-steel-deal"])["independent_sources"] == 3


def test_exact_and_rounded_figure_corroborate_one_claim(found):
    _, report, ids = found
    story = _story_of(report, ids["kestrava-daily-meridian.html"])
    drones = [c for c in story["claims"] if c["quantity"] and "drone" in c["quantity"]["noun"]
              and any(s["article"] == ids["ct-2026-11-14-kestrava"] for s in c["support"])]
    assert len(drones) == 1
    claim = drones[0]
    worded = {s["article"]: s["quantity"] for s in claim["support"]}
    assert worded[ids["kestrava-daily-meridian.html"]]["value"] == 212
    assert worded[ids["kestrava-daily-meridian.html"]]["bound"] == "exact"
    assert worded[ids["ct-2026-11-14-kestrava"]]["value"] == 200
    assert worded[ids["ct-2026-11-14-kestrava"]]["bound"] == "more_than"
    assert claim["independent_support"] == 2 and claim["status"] == "corroborated"


def test_hedges_are_kept_per_support(found):
    _, report, ids = found
    story = _story_of(report, ids["ct-2026-11-14-kestrava"])
    unverified = [s for c in story["claims"] for s in c["support"]
                  if s["article"] == ids["ct-2026-11-14-kestrava"] and "second wave" in s["text"]]
    assert unverified and unverified[0]["certainty"] == "unverified"
    observer = _story_of(report, ids["ketala-observer.txt"])
    bridge = [s for c in observer["claims"] for s in c["support"] if "bridge" in s["text"].lower()
              and s["article"] == ids["ketala-observer.txt"]]
    assert bridge and bridge[0]["certainty"] == "hedged"


def test_different_titles_for_one_person_are_discrepancies(found):
    _, report, ids = found
    floods = _story_of(report, ids["ketala-observer.txt"])
    roles = [d for d in floods["discrepancies"] if d["kind"] == "role" and "Amara Bello" in d["summary"]]
    assert len(roles) == 1
    assert set(roles[0]["articles"]) >= {ids["ketala-observer.txt"], ids["ketala-coastline-chronicle.html"]}
    drones = _story_of(report, ids["kestrava-morvania-today.txt"])
    voss = [d for d in drones["discrepancies"] if d["kind"] == "role" and "Voss" in d["summary"]]
    assert voss and ids["kestrava-morvania-today.txt"] in voss[0]["articles"]


def test_quote_reported_by_two_outlets_is_one_claim_with_its_speaker(found):
    _, report, ids = found
    story = _story_of(report, ids["kestrava-daily-meridian.html"])
    quotes = [c for c in story["claims"] if c["kind"] == "quote" and "came in waves" in c["quote"]["text"]]
    assert len(quotes) == 1
    claim = quotes[0]
    assert claim["quote"]["speaker"] == "Petra Halvorsen"
    assert {ids["kestrava-daily-meridian.html"], ids["ct-2026-11-14-kestrava"]} <= {s["article"] for s in claim["support"]}
    assert claim["status"] == "corroborated"


def test_furniture_removed_and_kept_aside(found):
    _, report, ids = found
    articles = {a["id"]: a for a in report["articles"]}
    kinds = {r["kind"] for a in articles.values() for r in a["removed"]}
    assert {"share", "related", "comments", "tags", "source_link", "related_sources", "caption", "credit",
            "newsletter"} <= kinds
    post = articles[ids["kestrava-riverside-post.txt"]]
    assert "Share this" not in post["text"] and "You May Also Like" not in post["text"]
    assert post["clues"]["wire_credits"] == ["AP"]


def test_brief_sentences_are_cited_and_located(found):
    _, report, _ = found
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for story in report["stories"]:
        assert 1 <= len(story["brief"]) <= 5
        for b in story["brief"]:
            assert b["article"] in b["citations"]
            assert texts[b["article"]][b["start"]:b["end"]] == b["text"]


def test_rerun_is_idempotent_and_stores_every_decision(sample_run, sample_dir, nlp):
    cfg, first, report = sample_run
    with Store(cfg.run.db) as store:
        again = Runner(cfg, store, nlp=nlp).run([str(sample_dir)])
        assert again.new_articles == [] and sorted(again.seen_articles) == sorted(first.new_articles)
        assert store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 10
        for article_id in first.new_articles:
            why = store.assignment(article_id)
            assert why is not None and why.reason
        info = store.run_info(first.run_id)
        assert info["config"]["cluster"]["threshold"] == cfg.cluster.threshold
        assert info["versions"]["spacy"] != "not installed"


def test_a_short_feed_summary_joins_its_story_without_claims(sample_run, nlp, tmp_path):
    import json
    import sqlite3

    from wirecheck.config import load_config
    from wirecheck.report.contract import build_report

    cfg, _, report = sample_run
    db = tmp_path / "copy.db"  # the sample run's store, copied: the shared one stays as the other tests expect it
    with sqlite3.connect(cfg.run.db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    summary = tmp_path / "summaries.jsonl"  # a feed summary of 16 words, under ingest.min_words
    summary.write_text(json.dumps({
        "id": "sum-1", "title": "Ketala flood toll reaches 14",
        "text": "The death toll from floods in Ketala's Sarandi Valley rose to 14 on Thursday, the agency said."}) + "\n")
    flood = _story_of(report, _by_file(report)["rtr-ketala-flood-14"])
    with Store(db) as store:
        result = Runner(load_config(overrides={"run": {"db": str(db)}}, environ={}), store, nlp=nlp).run([str(summary)])
        (new,) = result.new_articles
        assert store.article(new).skipped_stages == ["claims"] and not store.claims(new).mentions
        assert store.story_of(new) == flood["id"]  # clustered into the flood story
        assert build_report(store, result.run_id)["too_short"] == []
