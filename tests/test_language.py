"""Languages (wirecheck.language): detection on real passages, the claim stage skipped, clustering blocked."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from wirecheck.cluster import Clusterer, ClusterState
from wirecheck.config import ClusterConfig, LanguageConfig
from wirecheck.language import article_language, declared, load_detector, skipped_stages
from wirecheck.records import Article, ArticleFeatures, EntityMention, Sentence

DATA = json.loads((Path(__file__).parent / "data" / "languages.json").read_text(encoding="utf-8"))
PASSAGES = DATA["passages"]
CFG = LanguageConfig()


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.mark.parametrize("passage", PASSAGES, ids=[f"{p['language']}-{p['id'][:6]}" for p in PASSAGES])
def test_real_passages_are_detected(detector, passage):
    assert article_language(passage["text"], None, detector, CFG) == passage["language"]


def test_detection_beats_a_wrong_declaration_but_not_on_short_text(detector):
    german = next(p["text"] for p in PASSAGES if p["language"] == "de")
    assert article_language(german, "en-US", detector, CFG) == "de"  # a template's lang="en-US" is not the text
    first_sentence = german.split(", ")[0]  # "Die Digitalisierung als Wachstums- und ... Anwendungsgebiete"
    assert len(first_sentence) < CFG.min_chars
    assert article_language(first_sentence, "de-DE", detector, CFG) == "de"  # declared, reduced to its subtag
    assert article_language(first_sentence, None, detector, CFG) is None  # too short to say, nothing declared
    assert article_language(german, "fr", None, CFG) == "fr"  # no detector: the declaration
    assert article_language(german, None, detector, LanguageConfig(detect=False)) is None


def test_declared_tags():
    assert [declared(v) for v in ("en-GB", "PT_br", "deu", " it ", "", None, "x-klingon", "12")] == \
        ["en", "pt", "deu", "it", None, None, None, None]


def test_skipped_stages():
    assert skipped_stages("en", CFG) == [] and skipped_stages(None, CFG) == []
    assert skipped_stages("de", CFG) == ["claims"]
    assert skipped_stages("de", LanguageConfig(claims_languages=["en", "de"])) == []


def _features(article: Article) -> ArticleFeatures:
    vec = np.zeros(384, dtype=np.float32)
    vec[0] = 1.0
    start = article.text.index("DMEXCO")
    ents = [EntityMention(start, start + 6, "DMEXCO", "ORG")]
    return ArticleFeatures(article.id, [Sentence(0, 0, len(article.text))], ents, ["dmexco", "köln", "messe"],
                           [], vec, vec[None, :])


def test_articles_cluster_only_with_their_own_language():
    text = next(p["text"] for p in PASSAGES if "DMEXCO" in p["text"])
    cl = Clusterer(ClusterConfig())
    first = cl.assign(a := Article("de1", "de1", text, language="de"), _features(a))
    same = cl.assign(b := Article("de2", "de2", text, language="de"), _features(b))
    other = cl.assign(c := Article("xx1", "xx1", text, language="nl"), _features(c))  # same text, told apart
    unknown = cl.assign(d := Article("un1", "un1", text), _features(d))
    english = cl.assign(e := Article("en1", "en1", text, language="en"), _features(e))
    assert same.story_id == first.story_id and not same.new_story
    assert other.new_story and unknown.new_story and other.story_id != unknown.story_id
    assert english.story_id == unknown.story_id  # an unknown language is the analysis language (English)
    restored = ClusterState.from_json(json.loads(json.dumps(cl.state().to_json())))
    assert restored.profiles[first.story_id].language == "de"


def test_a_run_keeps_non_english_articles_marked_and_skips_their_claims(tmp_path: Path, nlp, sample_dir):
    from wirecheck.config import load_config
    from wirecheck.pipeline import Runner
    from wirecheck.report.contract import build_report, validate
    from wirecheck.store import Store

    feed = tmp_path / "mixed.jsonl"
    feed.write_text("".join(json.dumps({"id": p["id"][:8], "text": p["text"], "url": p["url"]}) + "\n"
                            for p in PASSAGES), encoding="utf-8")
    cfg = load_config(overrides={"run": {"db": str(tmp_path / "w.db"), "out": str(tmp_path / "out")}}, environ={})
    with Store(cfg.run.db) as store:
        result = Runner(cfg, store, nlp=nlp).run([str(feed)])
        report = build_report(store, run_id=result.run_id)
        claims = {a: store.claims(a).mentions for a in result.new_articles}
    validate(report)
    by_url = {a["url"]: a for a in report["articles"]}
    for p in PASSAGES:
        art = by_url[p["url"]]
        assert art["language"] == p["language"]
        assert art["skipped_stages"] == ([] if p["language"] == "en" else ["claims"])
        assert bool(claims[art["id"]]) == (p["language"] == "en")  # claims only for the English article
    german = [by_url[p["url"]]["story"] for p in PASSAGES if p["language"] == "de"]
    others = {by_url[p["url"]]["story"] for p in PASSAGES if p["language"] != "de"}
    assert not set(german) & others  # never in a story with another language
    (note,) = [w for w in report["warnings"] if w["source"] == "<language>"]
    assert note["reason"].startswith("5 new articles not in en (de 2, it 1, pt 1, ru 1)")
    assert "skipped: claims" in note["reason"]
