"""The store: migrations, atomic writes, round trips of every record kind."""

import dataclasses
import sqlite3

import numpy as np
import pytest

from wirecheck.records import (
    Article, ArticleClaims, ArticleFeatures, ArticleProvenance, Assignment, BriefSentence, Claim,
    ClaimMention, Clues, Derivation, Discrepancy, EntityMention, Quantity, Quote, Rejected, Removed,
    RoleGroup, RoleMention, Sentence, SpanPair, StoryAnalysis, StoryChange, StoryEntity, Support, Variant,
)
from wirecheck import store as store_module
from wirecheck.codec import Columns
from wirecheck.store import MIGRATIONS, Store, StoreError

TEXT = "Officials said 212 drones were launched overnight. \u201cWe are safe,\u201d Mayor Ana Reyes said."


def _article(seq=1, text=TEXT):
    return Article(id=f"a{seq}", source=f"in/{seq}.txt", text=text, title="Drones", outlet="Daily",
                   published="2026-11-02T08:00:00+00:00", removed=[Removed("share", "Share this")],
                   clues=Clues(dateline="KETTA –", wire_credits=["AP"]), seq=seq)


def _features(aid):
    rng = np.random.default_rng(0)
    return ArticleFeatures(aid, [Sentence(0, 0, 50), Sentence(1, 51, len(TEXT))],
                           [EntityMention(76, 85, "Ana Reyes", "PERSON")], ["official", "drone"], ["212"],
                           rng.random(384, dtype=np.float32), rng.random((2, 384), dtype=np.float32))


def _claims(aid):
    q = Quantity(212, "drones", "exact", start=15, end=25, predicate="launched")
    return ArticleClaims(aid, [
        ClaimMention(aid, "quantity", 0, 50, TEXT[:50], quantity=q, sentence_index=0),
        ClaimMention(aid, "quote", 52, 64, "We are safe,", certainty="attributed", attributed_to="Ana Reyes",
                     cue="said", quote=Quote("We are safe,", "Ana Reyes", 52, 64), sentence_index=1),
    ], [RoleMention(aid, "Ana Reyes", "Mayor", 71, 85)])


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "w.db"
    Store(path).close()
    with Store(path) as store:
        rows = store.db.execute("SELECT version FROM schema_migrations").fetchall()
        assert [r[0] for r in rows] == [v for v, _, _ in MIGRATIONS]
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "w.db"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'now')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_article_round_trip(tmp_path):
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {"run": {}}, {"spacy": "x"})
        store.add_article(_article(), _features("a1"), _claims("a1"), run)
        back = store.articles()[0]
        assert back == _article()
        feats = store.features("a1")
        assert feats.sentences == _features("a1").sentences
        assert np.allclose(feats.sentence_embeddings, _features("a1").sentence_embeddings)
        assert feats.doc_embedding.shape == (384,)
        assert store.claims("a1") == _claims("a1")
        assert store.run_article_ids(run) == ["a1"]


def test_a_statement_s_clause_embedding_round_trips(tmp_path):
    claims = _claims("a1")
    claims.mentions.append(ClaimMention("a1", "statement", 0, 50, TEXT[:50], sentence_index=0, label_start=0,
                                        label_end=30))
    vector = np.linspace(-1, 1, 384).astype(np.float32)
    for m in claims.mentions:
        m.label_vector = vector if m.kind == "statement" else None
    assert any(m.label_vector is not None for m in claims.mentions)
    with Store(tmp_path / "w.db") as store:
        store.add_article(_article(), _features("a1"), claims, store.begin_run(["in"], {}, {}))
        back = store.claims("a1").mentions
    for m, b in zip(claims.mentions, back):
        assert (b.label_vector is None) == (m.label_vector is None)
        if m.label_vector is not None:
            assert np.array_equal(b.label_vector, m.label_vector)


def test_failed_article_write_leaves_nothing(tmp_path):
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {}, {})
        store.add_article(_article(), _features("a1"), _claims("a1"), run)
        clash = dataclasses.replace(_article(seq=1, text="another text entirely"), id="a2")  # same seq: UNIQUE fails
        with pytest.raises(sqlite3.IntegrityError):
            store.add_article(clash, _features("a2"), _claims("a2"), run)
        assert [a.id for a in store.articles()] == ["a1"]
        assert store.db.execute("SELECT COUNT(*) FROM sentences WHERE article_id='a2'").fetchone()[0] == 0


def test_rejected_are_kept_per_run(tmp_path):
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["x"], {}, {})
        store.add_rejected(run, Rejected("x.pdf", "unsupported format"))
        assert store.rejected(run) == [Rejected("x.pdf", "unsupported format")]


def test_analysis_round_trip_and_merge(tmp_path):
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {}, {})
        for i in (1, 2):
            store.add_article(_article(i, TEXT + " " * i + str(i)), _features(f"a{i}"), _claims(f"a{i}"), run)
        store.save_assignments(
            [Assignment("a1", "s1", 1.0, True, {"embedding": 1.0}, "new"),
             Assignment("a2", "s2", 0.2, True, {}, "new")], [], [], [], {"doc_count": 2}, run)
        q = Quantity(212, "drones", "exact")
        analysis = StoryAnalysis(
            "s1", "Drones", ["a1"],
            derivations=[Derivation("a2", "a1", "copy", 0.97, True, [SpanPair(0, 10, 0, 10, 1.0)], "verbatim")],
            origins=[["a1", "a2"]], provenance=[ArticleProvenance("a1", 0.0, [0, 1], False)],
            claims=[Claim("c1", "quantity", "212 drones", q, None,
                          [Support("a1", 0, 50, "x", "asserted", None, None, q)], 1, "single_source")],
            discrepancies=[Discrepancy("d1", "role", "titles differ", [], ["a1"], [Variant("a1", "Mayor")])],
            brief=[BriefSentence("Officials said", ["a1"], "a1", 0, 14)],
            entities=[StoryEntity("Ana Reyes", "PERSON", ["a1"], [RoleGroup("Mayor", ["a1"])])],
        )
        store.save_analysis(analysis, run)
        assert store.analysis("s1") == analysis
        store.save_analysis(analysis, run)  # re-saving replaces, never duplicates
        assert len(store.analysis("s1").claims) == 1
        # a later merge moves the membership and clears the absorbed story's analysis
        store.save_assignments([], [StoryChange("merge", "s1", "s2")], [], ["s1"], {"doc_count": 2}, run)
        assert store.resolve_story("s1") == "s2"
        assert store.story_ids() == ["s2"]
        assert store.story_article_ids("s2") == ["a1", "a2"]
        assert store.db.execute("SELECT COUNT(*) FROM claims WHERE story_id='s1'").fetchone()[0] == 0
        # a later split moves the listed articles to a new story and leaves the rest
        store.save_assignments([], [StoryChange("split", "s2", "s3", ["a2"])], [], [], {"doc_count": 2}, run)
        assert store.story_article_ids("s2") == ["a1"] and store.story_article_ids("s3") == ["a2"]
        assert store.story_ids() == ["s2", "s3"]


def test_a_store_from_an_older_version_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
               " applied_at TEXT NOT NULL)")
    from wirecheck.store import MIGRATIONS

    _, description, sql = MIGRATIONS[0]
    db.executescript(sql)
    db.execute("INSERT INTO schema_migrations VALUES (1, ?, 'then')", (description,))
    db.execute("INSERT INTO runs (started_at, inputs, config, versions) VALUES ('then', '[]', '{}', '{}')")
    db.execute("INSERT INTO rejected VALUES (1, 'old.pdf', 'unsupported')")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.schema_version == max(v for v, _, _ in MIGRATIONS)
        assert store.rejected(1) == [Rejected("old.pdf", "unsupported")]  # old rows kept, kind defaulted
        store.add_rejected(1, Rejected("a.txt", "stored without claims"), kind="warning")
        assert store.rejected(1, kind="warning") == [Rejected("a.txt", "stored without claims")]


def test_every_record_field_has_its_column(tmp_path):
    """A field added to a record needs a migration adding its column: this fails until it has one."""
    tables = [v for v in vars(store_module).values() if isinstance(v, Columns)]
    assert len(tables) >= 15
    with Store(tmp_path / "w.db") as store:
        for table in tables:
            have = {r[1] for r in store.db.execute(f"PRAGMA table_info({table.table})")}
            missing = {column for _, column, _ in table.plan} - have
            assert not missing, f"{table.cls.__name__} fields without a column in {table.table}: {missing}"


def test_rows_written_by_the_positional_mapping_read_back(tmp_path):
    """Stores written before the named-column mapping (JSON with spaces, positional inserts) still read."""
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {}, {})
        store.add_article(_article(), _features("a1"), _claims("a1"), run)
        db = store.db
        db.execute("INSERT INTO stories (id, created_run) VALUES ('s1', ?)", (run,))
        db.execute("INSERT INTO assignments VALUES ('a1', 's1', 0.5, 1, ?, 'new', ?)",
                   ('{"embedding": 0.5, "entities": 0.25}', run))
        db.execute("INSERT INTO article_provenance (story_id, article_id, aligned_share, gain, likely_rewrite,"
                   " adds, repeats, reason) VALUES ('s1', 'a1', 0.0, '[0, 1]', 0, '[\"c1\"]', '[]', '')")
        db.execute("INSERT INTO discrepancies VALUES ('s1', 'd1', 0, 'role', 'titles differ', '[]', '[\"a1\"]',"
                   " '[{\"article\":\"a1\",\"text\":\"Mayor\",\"value\":null,\"origin\":0}]')")
        assert store.assignment("a1") == Assignment("a1", "s1", 0.5, True, {"embedding": 0.5, "entities": 0.25}, "new")
        analysis = store.analysis("s1")
        assert analysis.provenance == [ArticleProvenance("a1", 0.0, [0, 1], False, ["c1"], [], "")]
        assert analysis.discrepancies == [Discrepancy("d1", "role", "titles differ", [], ["a1"],
                                                      [Variant("a1", "Mayor", None, 0)])]


def test_work_an_interrupted_run_left_is_found(tmp_path):
    """Articles stored but never clustered, and stories whose analysis lags their assignments, are what
    the next run resumes."""
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {}, {})
        for i in (1, 2):
            store.add_article(_article(i, TEXT + " " * i + str(i)), _features(f"a{i}"), _claims(f"a{i}"), run)
        assert store.unclustered_article_ids() == ["a1", "a2"]
        store.save_assignments([Assignment("a1", "s1", 1.0, True, {}, "new")], [], [], [], {}, run)
        assert store.unclustered_article_ids() == ["a2"]
        assert store.unanalysed_story_ids() == ["s1"]  # clustered, never analysed
        store.save_analysis(StoryAnalysis("s1", "T", ["a1"]), run)
        assert store.unanalysed_story_ids() == []
        later = store.begin_run(["in"], {}, {})
        store.save_assignments([Assignment("a2", "s1", 0.5, False, {}, "joined")], [], [], [], {}, later)
        assert store.unanalysed_story_ids() == ["s1"]  # a member newer than the analysis


def test_a_reader_snapshot_sees_a_write_whole_or_not_at_all(tmp_path):
    """A reader inside :meth:`Store.snapshot` keeps one state while a writer commits."""
    path = tmp_path / "w.db"
    with Store(path) as writer, Store(path) as reader:
        run = writer.begin_run(["in"], {}, {})
        with reader.snapshot():
            assert reader.articles() == []
            writer.add_article(_article(), _features("a1"), _claims("a1"), run)
            assert reader.articles() == []  # still the state the snapshot began with
        assert [a.id for a in reader.articles()] == ["a1"]


def test_a_full_store_rolls_back_the_whole_write(tmp_path):
    """SQLITE_FULL (a size-limited store standing in for a full disk) in the middle of an article: the
    error surfaces and nothing of the article is left."""
    with Store(tmp_path / "w.db") as store:
        run = store.begin_run(["in"], {}, {})
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 1}")
        big = _article(text=TEXT * 400)
        with pytest.raises(sqlite3.OperationalError, match="full"):
            store.add_article(big, _features(big.id), _claims(big.id), run)
        assert store.articles() == [] and not store.db.in_transaction
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
