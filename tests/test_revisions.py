"""Revisions (wirecheck.revisions): an article read again with a changed text, from the sample wire feed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from wirecheck.records import Article, ArticleClaims, ClaimMention
from wirecheck.revisions import identity_keys, revision_changes, same_article
from wirecheck.sample import corpus_dir

WIRE = [json.loads(line) for line in (corpus_dir() / "wire-feed.jsonl").read_text(encoding="utf-8").splitlines()]
FIRST = WIRE[0]
#: the revision a wire desk would file: the toll rises (the real first version says three killed, six wounded)
REVISED = FIRST["text"].replace("At least three people were killed and six were wounded",
                                "At least five people were killed and nine were wounded")


def test_the_first_wire_story_states_the_toll_that_the_revision_changes():
    assert REVISED != FIRST["text"] and "At least five people were killed" in REVISED


def test_identity_and_sameness():
    art = Article("a", "s", FIRST["text"], url=FIRST["url"], outlet=FIRST["outlet"], external_id=FIRST["id"])
    assert identity_keys(art) == [f"url:{FIRST['url']}", f"id:Continental Times\x1f{FIRST['id']}"]
    assert identity_keys(replace(art, url=None, external_id=None)) == []
    assert same_article(FIRST["text"], REVISED, 0.3)
    assert not same_article(FIRST["text"], WIRE[2]["text"], 0.9)  # another story of the feed is not a version
    assert not same_article(FIRST["text"], "", 0.3)


def test_revision_changes_lists_added_and_removed_claims():
    old, new = Article("old", "s", FIRST["text"]), Article("new", "s", REVISED, published="2026-11-14T18:00:00+00:00")

    def mention(aid: str, text: str) -> ClaimMention:
        return ClaimMention(aid, "statement", 0, len(text), text)
    kept = "Firefighters fought the blaze for hours."
    before = ArticleClaims("old", [mention("old", "At least three people were killed."), mention("old", kept)], [])
    after = ArticleClaims("new", [mention("new", "At least five people were killed."), mention("new", kept)], [])
    change = revision_changes(new, old, after, before)
    assert (change.article, change.previous, change.time) == ("new", "old", "2026-11-14T18:00:00+00:00")
    assert change.added == ["At least five people were killed."]
    assert change.removed == ["At least three people were killed."]


def test_a_changed_article_read_again_is_a_revision_not_a_new_article(tmp_path: Path, nlp):
    from wirecheck.config import load_config
    from wirecheck.pipeline import Runner
    from wirecheck.report.contract import build_report, validate
    from wirecheck.store import Store

    first, second = tmp_path / "morning.jsonl", tmp_path / "evening.jsonl"
    first.write_text(json.dumps(FIRST) + "\n", encoding="utf-8")
    second.write_text(json.dumps(FIRST | {"text": REVISED, "published": "2026-11-14T19:05:00+00:00"}) + "\n"
                      + json.dumps(WIRE[2] | {"url": FIRST["url"]}) + "\n", encoding="utf-8")
    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    with Store(cfg.run.db) as store:
        one = Runner(cfg, store, nlp=nlp).run([str(first)])
        two = Runner(cfg, store, nlp=nlp).run([str(second)])
        (old_id,) = one.new_articles
        revised_id, unrelated_id = two.new_articles
        revised = store.article(revised_id)
        assert revised is not None and revised.revision_of == old_id
        assert store.article(unrelated_id).revision_of is None  # same URL, another story: not a revision
        story = store.story_of(old_id)
        assert store.story_of(revised_id) == story and store.story_article_ids(story) == [revised_id]
        assert store.assignment(revised_id).reason.startswith(f"revision of {old_id}")
        report = build_report(store, run_id=two.run_id)
        summary = {r["id"]: r["n_articles"] for r in store.stories_summary()}
        assert summary[story] == 1
    validate(report)
    (shown,) = [s for s in report["stories"] if s["id"] == story]
    (change,) = shown["revisions"]
    assert (change["article"], change["previous"]) == (revised_id, old_id)
    assert change["time"] == "2026-11-14T19:05:00+00:00" and change["previous_time"] == FIRST["published"]
    assert any("five people were killed" in t for t in change["added"])
    assert any("three people were killed" in t for t in change["removed"])
    assert not set(change["added"]) & set(change["removed"])
    assert old_id not in [a["id"] for a in report["articles"]]
    from wirecheck.report.html import render_html
    from wirecheck.report.markdown import render_markdown

    markdown, html = render_markdown(report), render_html(report)
    assert "### Revisions" in markdown and "now: At least five people were killed" in markdown
    assert "<h3>Revisions</h3>" in html and "before: At least three people were killed" in html
