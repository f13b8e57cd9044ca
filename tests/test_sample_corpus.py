"""The bundled sample corpus reads and cleans as its README documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wirecheck.clean import clean_article
from wirecheck.config import IngestConfig
from wirecheck.ingest import read_inputs
from wirecheck.records import Article
from wirecheck.sample import corpus_dir, corpus_files

README = Path(corpus_dir()).parent / "README.md"
ALL_KINDS = {"share", "related", "comments", "tags", "source_link", "related_sources",
             "caption", "credit", "newsletter", "advertisement"}
EVENTS = {"kestrava": "Kestrava", "ketala": "Sarandi", "calvera": "Norvalia"}


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    config = IngestConfig()
    out: dict[str, Article] = {}
    for raw in read_inputs([str(corpus_dir())], config):
        art = clean_article(raw, config) if not hasattr(raw, "reason") else raw
        assert isinstance(art, Article), art
        out[Path(raw.source).relative_to(corpus_dir()).as_posix()] = art
    return out


def _by_outlet(corpus, outlet):
    return next(a for a in corpus.values() if a.outlet == outlet)


def test_every_file_read_nothing_rejected(corpus):
    files = {p.name for p in corpus_files()}
    assert {s.split("#")[0] for s in corpus} == files and len(files) == 8
    assert len(corpus) == 10
    assert {s for s in corpus if "#" in s} == {
        "wire-feed.jsonl#ct-2026-11-14-kestrava", "wire-feed.jsonl#rtr-ketala-flood-14",
        "wire-feed.jsonl#bl-steel-deal"}
    assert len({a.id for a in corpus.values()}) == 10
    readme = README.read_text(encoding="utf-8")
    assert all(name in readme for name in files)


def test_articles_are_news_sized_with_titles(corpus):
    for source, art in corpus.items():
        words = len(art.text.split())
        assert 150 <= words <= 400, (source, words)
        assert art.title and art.title not in art.text
        assert "\n\n\n" not in art.text and all(p == p.strip() for p in art.text.split("\n\n"))


def test_events_are_unrelated(corpus):
    for source, art in corpus.items():
        present = [k for k, marker in EVENTS.items() if marker in art.text]
        assert len(present) == 1, source  # no article mentions two events
        if "#" not in source:
            assert source.startswith(present[0])
    counts = {k: sum(v in a.text for a in corpus.values()) for k, v in EVENTS.items()}
    assert counts == {"kestrava": 4, "ketala": 3, "calvera": 3}


def test_every_furniture_kind_is_found_and_removed(corpus):
    kinds = set()
    for art in corpus.values():
        for item in art.removed:
            kinds.add(item.kind)
            first_line = item.text.splitlines()[0]
            assert first_line not in art.text
    assert ALL_KINDS <= kinds


def test_syndicated_copy_matches_original_modulo_credit(corpus):
    original = corpus["kestrava-daily-meridian.html"]
    copy = corpus["kestrava-riverside-post.txt"]
    credit = "Associated Press writer Lena Sorvik in Varnhold contributed to this report."
    assert original.text.endswith("\n\n" + credit)
    assert copy.text == original.text[: -len("\n\n" + credit)]
    assert original.id != copy.id and original.title == copy.title
    assert original.clues.wire_credits == copy.clues.wire_credits == ["AP"]
    assert original.clues.dateline == copy.clues.dateline == "KESTRAVA, Morvania (AP) —"


def test_rewrite_keeps_facts_in_order_with_one_changed_title(corpus):
    original = corpus["kestrava-daily-meridian.html"].text
    rewrite = corpus["kestrava-morvania-today.txt"].text
    assert original != rewrite
    numbers = re.compile(r"\d[\d,.]*%?")
    assert numbers.findall(rewrite) == numbers.findall(original)
    assert "spokesman Colonel Radan Voss" in original and "Colonel" not in rewrite
    assert "spokesman General Radan Voss" in rewrite and "General" not in original


def test_documented_sentences(corpus):
    meridian = corpus["kestrava-daily-meridian.html"].text
    continental = _by_outlet(corpus, "Continental Times").text
    assert "212 drones" in meridian and "more than 200 drones" in continental
    assert "Unverified reports on social media suggested" in continental
    assert "reportedly" in continental
    quote = "They came in waves, one group after another, aiming at the port and the power lines,"
    assert f"“{quote}” Mayor Petra Halvorsen said" in meridian
    assert f'"{quote}" Mayor Petra Halvorsen said' in continental
    assert "at least three people" in meridian and "Six people were injured" in meridian
    assert "About 40%" in meridian and "12 million crowns" in meridian
    chronicle = _by_outlet(corpus, "Coastline Chronicle").text
    observer = corpus["ketala-observer.txt"].text
    reuters = _by_outlet(corpus, "Reuters").text
    assert "Deputy Health Minister Amara Bello" in chronicle
    assert "Deputy Health Minister Amara Bello" in reuters
    assert "Health Minister Amara Bello" in observer and "Deputy" not in observer
    assert "$8.5 million" in chronicle and "$8.5 million" in observer


def test_clues_and_metadata(corpus):
    meridian = corpus["kestrava-daily-meridian.html"]
    assert (meridian.outlet, meridian.published) == ("The Daily Meridian", "2026-11-14")
    assert meridian.url.endswith("/kestrava-drone-barrage")
    harbor = corpus["calvera-harbor-economic-review.html"]
    assert (harbor.outlet, harbor.published) == ("Harbor Economic Review", "2026-11-05")
    assert harbor.clues.dateline == "PORT ELMSWORTH, Norvalia —"
    digest = corpus["calvera-trade-digest.txt"]
    assert digest.clues.originally_appeared == "Trade Weekly Asia Edition"
    assert digest.clues.byline == "Omar Petrov"
    reuters = corpus["wire-feed.jsonl#rtr-ketala-flood-14"]
    assert reuters.clues.wire_credits == ["Reuters"] and reuters.external_id == "rtr-ketala-flood-14"
    assert reuters.published == "2026-10-22T11:02:00+00:00"
    assert not reuters.text.rstrip().endswith("Reuters")
    today = corpus["kestrava-morvania-today.txt"]
    assert "Ivo Marek/Northlight via Getty Images" in today.clues.photo_credits
    observer = corpus["ketala-observer.txt"]
    assert observer.clues.byline == "Rosa Ilunga"
    dumps = {s: a.published for s, a in corpus.items() if s.endswith(".txt")}
    assert dumps == {"calvera-trade-digest.txt": "2026-11-06",
                     "kestrava-morvania-today.txt": "2026-11-14",
                     "kestrava-riverside-post.txt": "2026-11-14",
                     "ketala-observer.txt": "2026-10-22"}
    assert [r.kind for r in observer.removed][-2:] == ["source_link", "related_sources"]


def test_text_dump_outlets_come_from_their_own_furniture(corpus):
    got = {s: (a.outlet, (a.clues.outlet_from or "").split(":")[0])
           for s, a in corpus.items() if s.endswith(".txt")}
    assert got == {
        "calvera-trade-digest.txt": ("Global Trade Digest", "related heading"),
        "kestrava-morvania-today.txt": ("Morvania Today", "newsletter prompt"),
        "kestrava-riverside-post.txt": ("riversidepost.example", "share handle"),
        "ketala-observer.txt": (None, ""),  # nothing on the page names the site
    }
    # provenance clues of the original stay clues, never the page's outlet
    riverside = corpus["kestrava-riverside-post.txt"]
    assert riverside.clues.wire_credits == ["AP"]
    digest = corpus["calvera-trade-digest.txt"]
    assert digest.clues.originally_appeared == "Trade Weekly Asia Edition"
    assert corpus["kestrava-daily-meridian.html"].clues.outlet_from == "page metadata"
    assert corpus["wire-feed.jsonl#rtr-ketala-flood-14"].clues.outlet_from == "record"
