"""Corrections survive later runs: the real pipeline over the sample corpus, a merge, then a run with a new
article (needs the models)."""

from __future__ import annotations

import shutil

from wirecheck.config import load_config
from wirecheck.corrections import add_correction, undo_correction
from wirecheck.pipeline import Runner
from wirecheck.report.contract import build_report, validate
from wirecheck.store import Store


def test_a_merged_story_stays_merged_when_new_articles_arrive_and_undo_restores_it(nlp, sample_dir, tmp_path):
    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_dir, corpus)
    with Store(cfg.run.db) as store:
        Runner(cfg, store, nlp=nlp).run([str(corpus)])
        kestrava = store.story_of(next(a.id for a in store.articles() if "Kestrava" in (a.title or "")))
        other = next(s for s in store.story_ids() if s != kestrava)
        before = set(store.story_article_ids(kestrava)) | set(store.story_article_ids(other))
        merge = add_correction(store, "merge", [kestrava, other], "analyst: one event")
        assert kestrava not in store.story_ids() and set(store.story_article_ids(other)) == before
        assert not store.story_analysed(other)  # waits for the next run

        # a later run brings a new article about Kestrava: the clusterer puts it with the merged-away story,
        # the stored merge moves it on, and the merged story is analysed again with every article
        source = (corpus / "kestrava-riverside-post.txt").read_text(encoding="utf-8")
        update = source.replace("Copyright 2026", "The grain terminal reopened on Sunday, officials said.\n\nCopyright 2026")
        (corpus / "kestrava-update.txt").write_text(update, encoding="utf-8")
        result = Runner(cfg, store, nlp=nlp).run([str(corpus)])
        new = result.new_articles
        assert len(new) == 1 and store.story_of(new[0]) == other
        assert kestrava not in store.story_ids() and set(store.story_article_ids(other)) == before | set(new)
        assert store.story_analysed(other)
        report = build_report(store, run_id=result.run_id)
        validate(report)
        assert [(c["kind"], c["targets"], c["undone"]) for c in report["corrections"]] == \
            [("merge", [kestrava, other], False)]
        assert sorted(store.analysis(other).articles) == sorted(before | set(new))

        undo_correction(store, merge.id)
        Runner(cfg, store, nlp=nlp).run([str(corpus)])
        assert kestrava in store.story_ids() and new[0] in store.story_article_ids(kestrava)
        assert store.story_analysed(kestrava) and store.story_analysed(other)
        assert build_report(store, story_ids=[kestrava])["corrections"][0]["undone"] is True
