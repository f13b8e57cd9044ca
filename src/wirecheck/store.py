"""The SQLite store: the one module that owns the schema and its migrations.

Everything wirecheck knows lives here: articles with their clean text,
sentences (offsets), entities, features, claim mentions, roles, stories and
the assignment behind every membership, derivations, origin groups, aligned
claims with their support, discrepancies, briefs, rejected inputs and each
run's resolved configuration with package versions. Reports are views over
these tables (see :mod:`wirecheck.report.contract`).

WAL mode; every write of one article is one transaction, and a run's
clustering with all the story analyses it makes stale is another, so an
interrupted run never leaves half an article, or a story whose analysis does
not match its articles, behind. One run at a time writes a store: a run holds
:func:`writer_lock` (a lock file next to the database) from start to end.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import codec
from .nlp import EMBEDDING_DIM
from .records import (
    Article, ArticleClaims, ArticleFeatures, ArticleProvenance, Assignment, BriefSentence,
    Claim, ClaimMention, Derivation, Discrepancy, EntityMention, Rejected, Revision, RoleMention,
    Sentence, ShortText, StoryAnalysis, StoryChange, StoryEntity, Support,
)

# Each migration is (version, description, SQL). Append only; never edit a shipped one.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
        inputs TEXT NOT NULL, config TEXT NOT NULL, versions TEXT NOT NULL, stats TEXT
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, source TEXT NOT NULL,
        external_id TEXT, title TEXT, outlet TEXT, published TEXT, url TEXT, language TEXT,
        text TEXT NOT NULL, removed TEXT NOT NULL, clues TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id), added_at TEXT NOT NULL
    );
    CREATE TABLE article_sources (
        article_id TEXT NOT NULL REFERENCES articles(id), source TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id), PRIMARY KEY (article_id, source, run_id)
    );
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL
    );
    CREATE INDEX entities_article ON entities(article_id);
    CREATE TABLE features (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), lemmas TEXT NOT NULL,
        numbers TEXT NOT NULL, doc_embedding BLOB NOT NULL, sentence_embeddings BLOB NOT NULL
    );
    CREATE TABLE claim_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
        kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        certainty TEXT NOT NULL, attributed_to TEXT, cue TEXT, negated INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL, quantity TEXT, quote TEXT,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE roles (
        article_id TEXT NOT NULL REFERENCES articles(id), person TEXT NOT NULL,
        role TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
    );
    CREATE INDEX roles_article ON roles(article_id);
    CREATE TABLE rejected (
        run_id INTEGER REFERENCES runs(id), source TEXT NOT NULL, reason TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', created_run INTEGER,
        analysed_run INTEGER, merged_into TEXT
    );
    CREATE TABLE assignments (
        article_id TEXT PRIMARY KEY REFERENCES articles(id), story_id TEXT NOT NULL,
        score REAL NOT NULL, new_story INTEGER NOT NULL, signals TEXT NOT NULL,
        reason TEXT NOT NULL, run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX assignments_story ON assignments(story_id);
    CREATE TABLE cluster_profiles (story_id TEXT PRIMARY KEY, profile TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE derivations (
        story_id TEXT NOT NULL, article TEXT NOT NULL, derived_from TEXT NOT NULL,
        kind TEXT NOT NULL, score REAL NOT NULL, direction_known INTEGER NOT NULL,
        reason TEXT NOT NULL, evidence TEXT NOT NULL
    );
    CREATE INDEX derivations_story ON derivations(story_id);
    CREATE TABLE origins (
        story_id TEXT NOT NULL, grp INTEGER NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE TABLE article_provenance (
        story_id TEXT NOT NULL, article_id TEXT NOT NULL, aligned_share REAL NOT NULL,
        gain TEXT NOT NULL, likely_rewrite INTEGER NOT NULL, PRIMARY KEY (story_id, article_id)
    );
    CREATE TABLE claims (
        story_id TEXT NOT NULL, id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
        text TEXT NOT NULL, quantity TEXT, quote TEXT, independent_support INTEGER NOT NULL,
        status TEXT NOT NULL, PRIMARY KEY (story_id, id)
    );
    CREATE TABLE support (
        story_id TEXT NOT NULL, claim_id TEXT NOT NULL, article TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        certainty TEXT NOT NULL, attributed_to TEXT, cue TEXT, quantity TEXT
    );
    CREATE INDEX support_story ON support(story_id, claim_id);
    CREATE TABLE discrepancies (
        story_id TEXT NOT NULL, id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
        summary TEXT NOT NULL, claims TEXT NOT NULL, articles TEXT NOT NULL, variants TEXT NOT NULL,
        PRIMARY KEY (story_id, id)
    );
    CREATE TABLE brief (
        story_id TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL, citations TEXT NOT NULL,
        article TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (story_id, idx)
    );
    CREATE TABLE story_entities (
        story_id TEXT NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
        articles TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (story_id, idx)
    );
    """),
]

MIGRATIONS.append((2, "rejected rows carry a kind: rejected (input not used) or warning (used, with a problem)", """
    ALTER TABLE rejected ADD COLUMN kind TEXT NOT NULL DEFAULT 'rejected'
"""))

MIGRATIONS.append((3, "fact table: claim labels, scopes and periods; support origins; figure timelines; "
                      "what each article adds", """
    ALTER TABLE claim_mentions ADD COLUMN label_start INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE claim_mentions ADD COLUMN label_end INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE claim_mentions ADD COLUMN scope TEXT;
    ALTER TABLE claim_mentions ADD COLUMN period TEXT;
    ALTER TABLE claim_mentions ADD COLUMN subject TEXT;
    ALTER TABLE claim_mentions ADD COLUMN context TEXT;
    ALTER TABLE claims ADD COLUMN label TEXT NOT NULL DEFAULT '';
    ALTER TABLE claims ADD COLUMN timeline TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE support ADD COLUMN label_start INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE support ADD COLUMN label_end INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE support ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE article_provenance ADD COLUMN adds TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE article_provenance ADD COLUMN repeats TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE article_provenance ADD COLUMN reason TEXT NOT NULL DEFAULT ''
"""))

MIGRATIONS.append((4, "statement mentions keep the embedding of their clause", """
    ALTER TABLE claim_mentions ADD COLUMN label_vector BLOB
"""))

MIGRATIONS.append((5, "articles record the encoding their bytes were decoded with", """
    ALTER TABLE articles ADD COLUMN encoding TEXT
"""))

MIGRATIONS.append((6, "inputs: capture times, skipped stages and revisions of articles; HTTP validators of "
                      "fetched URLs", """
    ALTER TABLE articles ADD COLUMN captured TEXT;
    ALTER TABLE articles ADD COLUMN skipped_stages TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN revision_of TEXT;
    CREATE INDEX articles_revision_of ON articles(revision_of);
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_outlet_id ON articles(outlet, external_id);
    CREATE TABLE revisions (
        story_id TEXT NOT NULL, idx INTEGER NOT NULL, article TEXT NOT NULL, previous TEXT NOT NULL,
        time TEXT, previous_time TEXT, added TEXT NOT NULL, removed TEXT NOT NULL, PRIMARY KEY (story_id, idx)
    );
    CREATE TABLE fetch_validators (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL
    )
"""))

MIGRATIONS.append((7, "analyst corrections (web UI edits) as events", """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, targets TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '', undone INTEGER NOT NULL DEFAULT 0, undone_at TEXT,
        moved TEXT NOT NULL DEFAULT '{}'
    )
"""))

MIGRATIONS.append((8, "rejected texts too short to analyse keep their cleaned text and title", """
    ALTER TABLE rejected ADD COLUMN text TEXT;
    ALTER TABLE rejected ADD COLUMN title TEXT;
"""))

MIGRATIONS.append((9, "statements keep their main verb (a state's year is no other date for an event)", """
    ALTER TABLE claim_mentions ADD COLUMN predicate TEXT;
    ALTER TABLE support ADD COLUMN predicate TEXT
"""))

# Each record's table, as named columns derived from its fields (see :class:`codec.Columns`).
ARTICLES = codec.Columns(Article, "articles")
SENTENCES = codec.Columns(Sentence, "sentences", rename={"index": "idx"})
ENTITIES = codec.Columns(EntityMention, "entities")
FEATURES = codec.Columns(ArticleFeatures, "features", skip=("sentences", "entities"), codecs={
    "doc_embedding": codec.vector(EMBEDDING_DIM), "sentence_embeddings": codec.matrix(EMBEDDING_DIM)})
MENTIONS = codec.Columns(ClaimMention, "claim_mentions", codecs={"label_vector": codec.vector(EMBEDDING_DIM)})
ROLES = codec.Columns(RoleMention, "roles")
REJECTED = codec.Columns(Rejected, "rejected")
ASSIGNMENTS = codec.Columns(Assignment, "assignments")
DERIVATIONS = codec.Columns(Derivation, "derivations")
PROVENANCE = codec.Columns(ArticleProvenance, "article_provenance")
CLAIMS = codec.Columns(Claim, "claims", skip=("support",))
SUPPORT = codec.Columns(Support, "support")
DISCREPANCIES = codec.Columns(Discrepancy, "discrepancies")
BRIEF = codec.Columns(BriefSentence, "brief")
STORY_ENTITIES = codec.Columns(StoryEntity, "story_entities")
REVISIONS = codec.Columns(Revision, "revisions")

STORY_TABLES = (
    "derivations", "origins", "article_provenance", "claims", "support",
    "discrepancies", "brief", "story_entities", "revisions",
)


class StoreError(RuntimeError):
    """The store cannot be opened, locked or written, or is from a newer wirecheck."""


def lock_path(db_path: str | Path) -> Path:
    """The lock file that serialises the runs writing the store at ``db_path``."""
    return Path(f"{db_path}.lock")


@contextmanager
def writer_lock(db_path: str | Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock (an exclusive ``flock`` on :func:`lock_path`) for the block.

    A second run on the same store waits here until the first one ends, after calling ``on_wait`` once
    with a message saying so; the kernel releases the lock when its holder exits, even by SIGKILL, so a
    killed run never leaves a store locked. No lock for ``":memory:"`` or where ``fcntl`` is missing.
    Raises :class:`StoreError` when the lock file cannot be created (a read-only folder).
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no inter-process lock
        fcntl = None  # type: ignore[assignment]
    if str(db_path) == ":memory:" or fcntl is None:
        yield
        return
    path = lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise StoreError(f"cannot write to the store {db_path}: it or its folder is read-only "
                             f"({exc.strerror}: {path}); nothing was changed. Reading commands (stories, show, "
                             f"serve) still work on it") from exc
        raise StoreError(f"cannot lock store {db_path}: {exc.strerror or exc} ({path})") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(f"waiting for another run on this store ({db_path}) to finish…")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert(db: sqlite3.Connection, table: codec.Columns, rows: Sequence[dict[str, Any]],
            verb: str = "INSERT") -> None:
    """Insert rows (column -> value, all with the same columns) into ``table``."""
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f'"{n}"' for n in names)
    db.executemany(f"{verb} INTO {table.table} ({columns}) VALUES ({', '.join('?' * len(names))})",
                   [tuple(r[n] for n in names) for r in rows])


class Store:
    """A wirecheck store in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self._savepoints = 0  # depth of nested transactions
        self.read_only = read_only
        if read_only:
            self._open_read_only()
            return
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def _open_read_only(self) -> None:
        """Open an existing store for reading only (SQLite ``mode=ro``): no migration, no write can happen.

        A store in a folder nobody may write (a read-only file system, an immutable folder) cannot get
        the ``-shm`` file WAL readers share; when no write-ahead log is left beside it (every write of a
        finished run is in the file) it is then opened ``immutable``, which needs none."""
        if not Path(self.path).is_file():
            raise StoreError(f"cannot open store {self.path}: no such file")
        uri = f"{Path(self.path).resolve().as_uri()}?mode=ro"
        try:
            try:
                self._connect_read_only(uri)
            except sqlite3.OperationalError:
                wal = Path(self.path + "-wal")
                if wal.exists() and wal.stat().st_size:
                    raise
                self._connect_read_only(uri + "&immutable=1")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def _connect_read_only(self, uri: str) -> None:
        self.db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").fetchone() is None:
            self.db.close()
            raise StoreError(f"cannot open store {self.path}: not a wirecheck store")

    def has_table(self, name: str) -> bool:
        """Whether the store has table ``name`` (a store opened read-only may predate a migration)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (name,)).fetchone() is not None

    # ------------------------------------------------------------ plumbing
    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic transaction: everything inside commits together or not at all.

        Inside another transaction it is a savepoint: an error undoes its own writes, and the outer
        transaction decides whether the rest commits.
        """
        if self.db.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            self.db.execute(f"SAVEPOINT {name}")
            try:
                yield self.db
            except BaseException:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
                raise
            else:
                self.db.execute(f"RELEASE {name}")
            finally:
                self._savepoints -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:  # SQLite may already have rolled back (disk full)
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read the block's queries from one consistent state of the store: a run committing meanwhile
        is seen entirely or not at all (WAL readers never wait for the writer)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        newest = max(v for v, _, _ in MIGRATIONS)
        if done and max(done) > newest:
            raise StoreError(
                f"store {self.path} has schema version {max(done)}, newer than this wirecheck ({newest})"
            )
        for version, description, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                    continue  # another connection applied it meanwhile
                for statement in sql.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, description, _now())
                )

    @property
    def schema_version(self) -> int:
        """The newest migration applied to this store."""
        return self.db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]

    # ------------------------------------------------------------ runs
    def begin_run(self, inputs: Sequence[str], config: dict[str, Any], versions: dict[str, str]) -> int:
        """Record the start of a run with its inputs, resolved configuration and versions."""
        cur = self.db.execute(
            "INSERT INTO runs (started_at, inputs, config, versions) VALUES (?, ?, ?, ?)",
            (_now(), json.dumps(list(inputs)), json.dumps(config), json.dumps(versions)),
        )
        assert cur.lastrowid is not None  # an INSERT sets it
        return cur.lastrowid

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record the end of a run with its statistics."""
        self.db.execute(
            "UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
            (_now(), json.dumps(stats), run_id),
        )

    def run_info(self, run_id: int) -> dict[str, Any]:
        """A run's row as plain data (config, versions and stats decoded)."""
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(run_id)
        info = dict(row)
        for key in ("inputs", "config", "versions", "stats"):
            info[key] = json.loads(info[key]) if info[key] else None
        return info

    def add_rejected(self, run_id: int, rejected: Rejected, kind: str = "rejected") -> None:
        """Record an input that could not be used (``kind="rejected"``), or a problem with one
        that was used all the same (``kind="warning"``)."""
        _insert(self.db, REJECTED, [REJECTED.row(rejected, run_id=run_id, kind=kind)])
        if isinstance(rejected, ShortText):  # kept with its text (migration 8)
            self.db.execute("UPDATE rejected SET text = ?, title = ? WHERE rowid = last_insert_rowid()",
                            (rejected.text, rejected.title))

    def short_texts(self, run_id: int) -> list[ShortText]:
        """The texts one run rejected as too short to analyse, with their cleaned text and title."""
        if "text" not in {r[1] for r in self.db.execute("PRAGMA table_info(rejected)")}:
            return []  # a store opened read-only before migration 8
        rows = self.db.execute(
            "SELECT source, reason, text, title FROM rejected WHERE run_id = ? AND kind = 'rejected'"
            " AND text IS NOT NULL ORDER BY rowid", (run_id,))
        return [ShortText(r["source"], r["reason"], text=r["text"], title=r["title"]) for r in rows]

    def rejected(self, run_id: int, kind: str = "rejected") -> list[Rejected]:
        """The inputs one run rejected (or, with ``kind="warning"``, used with a problem)."""
        rows = self.db.execute(
            "SELECT source, reason FROM rejected WHERE run_id = ? AND kind = ? ORDER BY rowid",
            (run_id, kind),
        )
        return [REJECTED.record(r) for r in rows]

    # ------------------------------------------------------------ articles
    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (hash of its normalised text) is stored."""
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def next_seq(self) -> int:
        """The arrival number the next new article gets."""
        return int(self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0])

    def note_source(self, article_id: str, source: str, run_id: int) -> None:
        """Remember that ``source`` (seen in ``run_id``) holds a stored article."""
        self.db.execute(
            "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?)", (article_id, source, run_id)
        )

    def add_article(
        self, article: Article, features: ArticleFeatures, claims: ArticleClaims, run_id: int
    ) -> None:
        """Store one article with its sentences, entities, features and claims, atomically."""
        with self.transaction() as db:
            _insert(db, ARTICLES, [ARTICLES.row(article, run_id=run_id, added_at=_now())])
            db.execute("INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?)",
                       (article.id, article.source, run_id))
            _insert(db, SENTENCES, [SENTENCES.row(s, article_id=article.id) for s in features.sentences])
            _insert(db, ENTITIES, [ENTITIES.row(e, article_id=article.id) for e in features.entities])
            _insert(db, FEATURES, [FEATURES.row(features)])
            _insert(db, MENTIONS, [MENTIONS.row(m, idx=i) for i, m in enumerate(claims.mentions)])
            _insert(db, ROLES, [ROLES.row(r) for r in claims.roles])

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with ``ids``), in arrival order."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY seq")
        else:
            ids = list(ids)
            marks = ",".join("?" * len(ids))
            rows = self.db.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY seq", ids)
        return [ARTICLES.record(r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        """One stored article, or None."""
        found = self.articles([article_id])
        return found[0] if found else None

    def features(self, article_id: str) -> ArticleFeatures:
        """The stored NLP features of one article."""
        row = self.db.execute("SELECT * FROM features WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        sentences = [SENTENCES.record(r) for r in self.db.execute(
            "SELECT * FROM sentences WHERE article_id = ? ORDER BY idx", (article_id,))]
        entities = [ENTITIES.record(r) for r in self.db.execute(
            "SELECT * FROM entities WHERE article_id = ? ORDER BY start", (article_id,))]
        return FEATURES.record(row, sentences=sentences, entities=entities)

    def claims(self, article_id: str) -> ArticleClaims:
        """The stored claim mentions and roles of one article."""
        mentions = [MENTIONS.record(r) for r in self.db.execute(
            "SELECT * FROM claim_mentions WHERE article_id = ? ORDER BY idx", (article_id,))]
        roles = [ROLES.record(r) for r in self.db.execute(
            "SELECT * FROM roles WHERE article_id = ? ORDER BY start", (article_id,))]
        return ArticleClaims(article_id, mentions, roles)

    def run_article_ids(self, run_id: int) -> list[str]:
        """Ids of the articles a run's inputs held (new or already stored), in arrival order."""
        rows = self.db.execute(
            "SELECT DISTINCT a.id FROM article_sources s JOIN articles a ON a.id = s.article_id"
            " WHERE s.run_id = ? ORDER BY a.seq", (run_id,))
        return [r[0] for r in rows]

    def unclustered_article_ids(self) -> list[str]:
        """Stored articles that no story holds yet (stored by a run that ended before clustering them),
        in arrival order."""
        rows = self.db.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM assignments s WHERE s.article_id = a.id)"
            " ORDER BY seq")
        return [r[0] for r in rows]

    # ------------------------------------------------------------ clustering
    def save_assignments(
        self, assignments: Sequence[Assignment], changes: Sequence[StoryChange],
        profiles: Sequence[tuple[str, dict]], dropped_profiles: Sequence[str],
        cluster_meta: dict[str, Any], run_id: int,
    ) -> None:
        """Record assignments, then the clusterer's merges and splits in the order it made
        them, and its changed state, all atomically."""
        with self.transaction() as db:
            for a in assignments:
                db.execute(
                    "INSERT OR IGNORE INTO stories (id, created_run) VALUES (?, ?)", (a.story_id, run_id))
                _insert(db, ASSIGNMENTS, [ASSIGNMENTS.row(a, run_id=run_id)], verb="INSERT OR REPLACE")
            for change in changes:
                db.execute("INSERT OR IGNORE INTO stories (id, created_run) VALUES (?, ?)",
                           (change.into, run_id))
                if change.kind == "merge":
                    db.execute("UPDATE assignments SET story_id = ? WHERE story_id = ?",
                               (change.into, change.story))
                    db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (change.into, change.story))
                    self._clear_story(db, change.story)
                elif change.kind == "split":
                    db.execute("UPDATE stories SET merged_into = NULL WHERE id = ?", (change.into,))
                    db.executemany(
                        "UPDATE assignments SET story_id = ? WHERE article_id = ? AND story_id = ?",
                        [(change.into, aid, change.story) for aid in change.articles])
                else:
                    raise ValueError(f"unknown story change {change.kind!r}")
            for story_id, profile in profiles:
                db.execute("INSERT OR REPLACE INTO cluster_profiles VALUES (?, ?)",
                           (story_id, json.dumps(profile)))
            for story_id in dropped_profiles:
                db.execute("DELETE FROM cluster_profiles WHERE story_id = ?", (story_id,))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('cluster', ?)", (json.dumps(cluster_meta),))

    def cluster_state(self) -> tuple[dict[str, Any] | None, list[dict]]:
        """The clusterer's stored global state and story profiles (plain data)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'cluster'").fetchone()
        profiles = [json.loads(r[0]) for r in self.db.execute(
            "SELECT profile FROM cluster_profiles ORDER BY story_id")]
        return (json.loads(row[0]) if row else None), profiles

    def assignment(self, article_id: str) -> Assignment | None:
        """Why an article is in its story (None when it was never clustered)."""
        found = self.assignment_with_run(article_id)
        return None if found is None else found[0]

    def assignment_with_run(self, article_id: str) -> tuple[Assignment, int | None] | None:
        """Why an article is in its story and the run that put it there (None when it was never
        clustered; the run is None for assignments stored before runs were recorded with them)."""
        r = self.db.execute("SELECT * FROM assignments WHERE article_id = ?", (article_id,)).fetchone()
        return None if r is None else (ASSIGNMENTS.record(r), r["run_id"])

    def story_ids(self) -> list[str]:
        """Live (not merged-away) stories that have articles, oldest first."""
        rows = self.db.execute(
            "SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND EXISTS"
            " (SELECT 1 FROM assignments a WHERE a.story_id = s.id) ORDER BY s.rowid")
        return [r[0] for r in rows]

    def unanalysed_story_ids(self) -> list[str]:
        """Live stories with no analysis, or an analysis older than their latest assignment (left by a
        run that ended between clustering and analysis; stores written before runs made the two one
        transaction can hold them), oldest first."""
        rows = self.db.execute(
            "SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND EXISTS"
            " (SELECT 1 FROM assignments a WHERE a.story_id = s.id AND"
            "  (s.analysed_run IS NULL OR a.run_id > s.analysed_run)) ORDER BY s.rowid")
        return [r[0] for r in rows]

    def story_article_ids(self, story_id: str) -> list[str]:
        """Article ids of a story in arrival order (an article replaced by a newer revision is left out)."""
        rows = self.db.execute(
            "SELECT a.article_id FROM assignments a JOIN articles r ON r.id = a.article_id"
            " WHERE a.story_id = ? AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.revision_of = r.id)"
            " ORDER BY r.seq", (story_id,))
        return [r[0] for r in rows]

    def current_revision(self, url: str | None, outlet: str | None, external_id: str | None) -> Article | None:
        """The newest stored article with this URL, or this outlet and id, that no revision replaced; or None."""
        if not url and not (outlet and external_id):
            return None
        row = self.db.execute(
            "SELECT * FROM articles a WHERE (a.url = ? OR (a.outlet = ? AND a.external_id = ?))"
            " AND NOT EXISTS (SELECT 1 FROM articles n WHERE n.revision_of = a.id) ORDER BY a.seq DESC LIMIT 1",
            (url, outlet, external_id)).fetchone()
        return None if row is None else ARTICLES.record(row)

    def story_of(self, article_id: str) -> str | None:
        """The story an article belongs to."""
        r = self.db.execute("SELECT story_id FROM assignments WHERE article_id = ?", (article_id,)).fetchone()
        return r[0] if r else None

    def resolve_story(self, story_id: str) -> str:
        """Follow merges to the live story that absorbed ``story_id``."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            r = self.db.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
            if r is None or r[0] is None:
                return story_id
            story_id = r[0]
        return story_id

    # ------------------------------------------------------------ story analyses
    @staticmethod
    def _clear_story(db: sqlite3.Connection, story_id: str) -> None:
        for table in STORY_TABLES:
            db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))

    def save_analysis(self, analysis: StoryAnalysis, run_id: int) -> None:
        """Replace a story's analysis with ``analysis``, atomically."""
        sid = analysis.story_id
        with self.transaction() as db:
            self._clear_story(db, sid)
            db.execute("UPDATE stories SET title = ?, analysed_run = ? WHERE id = ?",
                       (analysis.title, run_id, sid))
            _insert(db, DERIVATIONS, [DERIVATIONS.row(d, story_id=sid) for d in analysis.derivations])
            db.executemany(
                "INSERT INTO origins VALUES (?, ?, ?)",
                [(sid, g, a) for g, group in enumerate(analysis.origins) for a in group])
            _insert(db, PROVENANCE, [PROVENANCE.row(p, story_id=sid) for p in analysis.provenance])
            _insert(db, CLAIMS, [CLAIMS.row(c, story_id=sid, idx=i) for i, c in enumerate(analysis.claims)])
            _insert(db, SUPPORT, [SUPPORT.row(s, story_id=sid, claim_id=c.id)
                                  for c in analysis.claims for s in c.support])
            _insert(db, DISCREPANCIES, [DISCREPANCIES.row(d, story_id=sid, idx=i)
                                        for i, d in enumerate(analysis.discrepancies)])
            _insert(db, BRIEF, [BRIEF.row(b, story_id=sid, idx=i) for i, b in enumerate(analysis.brief)])
            _insert(db, STORY_ENTITIES, [STORY_ENTITIES.row(e, story_id=sid, idx=i)
                                         for i, e in enumerate(analysis.entities)])
            _insert(db, REVISIONS, [REVISIONS.row(r, story_id=sid, idx=i) for i, r in enumerate(analysis.revisions)])

    def analysis(self, story_id: str) -> StoryAnalysis:
        """A story's stored analysis (what reports render), without recomputing anything."""
        sid = story_id
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (sid,)).fetchone()
        if row is None:
            raise KeyError(story_id)
        q = self.db.execute
        groups: dict[int, list[str]] = {}
        for r in q("SELECT o.grp, o.article_id FROM origins o JOIN articles a ON a.id = o.article_id"
                   " WHERE o.story_id = ? ORDER BY o.grp, a.seq", (sid,)):
            groups.setdefault(r["grp"], []).append(r["article_id"])
        claims = [
            CLAIMS.record(r, support=[SUPPORT.record(s) for s in q(
                "SELECT * FROM support WHERE story_id = ? AND claim_id = ? ORDER BY rowid", (sid, r["id"]))])
            for r in q("SELECT * FROM claims WHERE story_id = ? ORDER BY idx", (sid,))]
        return StoryAnalysis(
            story_id=sid, title=row["title"], articles=self.story_article_ids(sid),
            derivations=[DERIVATIONS.record(r) for r in q(
                "SELECT * FROM derivations WHERE story_id = ? ORDER BY rowid", (sid,))],
            origins=[groups[k] for k in sorted(groups)],
            provenance=[PROVENANCE.record(r) for r in q(
                "SELECT p.* FROM article_provenance p JOIN articles a ON a.id = p.article_id"
                " WHERE p.story_id = ? ORDER BY a.seq", (sid,))],
            claims=claims,
            discrepancies=[DISCREPANCIES.record(r) for r in q(
                "SELECT * FROM discrepancies WHERE story_id = ? ORDER BY idx", (sid,))],
            brief=[BRIEF.record(r) for r in q("SELECT * FROM brief WHERE story_id = ? ORDER BY idx", (sid,))],
            entities=[STORY_ENTITIES.record(r) for r in q(
                "SELECT * FROM story_entities WHERE story_id = ? ORDER BY idx", (sid,))],
            revisions=[REVISIONS.record(r) for r in q("SELECT * FROM revisions WHERE story_id = ? ORDER BY idx",
                                                      (sid,))],
        )

    def stories_summary(self) -> list[dict[str, Any]]:
        """One row per live story: id, title, article count, independent sources, claims."""
        out = []
        for sid in self.story_ids():
            row = self.db.execute(
                "SELECT title,"
                " (SELECT COUNT(*) FROM assignments a WHERE story_id = s.id AND NOT EXISTS"
                "  (SELECT 1 FROM articles n WHERE n.revision_of = a.article_id)) AS n_articles,"
                " (SELECT COUNT(DISTINCT grp) FROM origins WHERE story_id = s.id) AS n_origins,"
                " (SELECT COUNT(*) FROM claims WHERE story_id = s.id) AS n_claims,"
                " (SELECT COUNT(*) FROM discrepancies WHERE story_id = s.id) AS n_discrepancies"
                " FROM stories s WHERE id = ?", (sid,)).fetchone()
            out.append({"id": sid, **dict(row)})
        return out

    # ------------------------------------------------------------ fetched URLs
    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified a URL answered with when last fetched, or None when it was never
        fetched or no stored article came from it (a run stopped before storing what it fetched: the page
        must be fetched whole again, not answered "unchanged")."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM fetch_validators v WHERE url = ?"
            " AND (EXISTS (SELECT 1 FROM article_sources s WHERE s.source = v.url)"
            " OR EXISTS (SELECT 1 FROM articles a WHERE a.url = v.url))", (url,)).fetchone()
        return None if row is None else (row["etag"], row["last_modified"])

    def articles_fetched_from(self, source: str, url: str) -> list[str]:
        """Ids of the stored articles read from ``source`` (a URL, or a feed entry) or whose URL is ``url``."""
        rows = self.db.execute(
            "SELECT article_id FROM article_sources WHERE source = ? UNION SELECT id FROM articles WHERE url = ?",
            (source, url))
        return sorted(r[0] for r in rows)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators a URL answered with (for a conditional request on re-fetch)."""
        self.db.execute("INSERT OR REPLACE INTO fetch_validators VALUES (?, ?, ?, ?)",
                        (url, etag, last_modified, _now()))

    # ------------------------------------------------------------ browsing (the web UI)
    #: how :meth:`story_page` can order stories: name -> SQL order (largest, newest, most first)
    STORY_ORDER = {
        "size": "n_articles DESC", "recent": "latest DESC", "origins": "n_origins DESC",
        "discrepancies": "n_discrepancies DESC",
    }

    def story_page(self, text: str = "", entity: str = "", outlet: str = "", sort: str = "size",
                   limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Live stories matching every filter given, as ``(total matching, rows of this page)``.

        ``text`` is looked for in story titles and article titles and texts, ``entity`` in the story's
        entity names, ``outlet`` in its articles' outlets and URLs (all as case-insensitive substrings);
        ``sort`` is a key of :data:`STORY_ORDER`. Each row is :meth:`stories_summary`'s plus ``latest``
        (the newest publication time, else '') and ``analysed`` (False while a correction waits for a run).
        """
        if sort not in self.STORY_ORDER:
            raise ValueError(f"unknown sort {sort!r}; choose from {', '.join(self.STORY_ORDER)}")
        where = ["s.merged_into IS NULL", "EXISTS (SELECT 1 FROM assignments a WHERE a.story_id = s.id)"]
        args: list[Any] = []
        member = "EXISTS (SELECT 1 FROM assignments a JOIN articles r ON r.id = a.article_id WHERE a.story_id = s.id"
        for value, clause, count in (
            (text, f"(s.title LIKE ? ESCAPE '\\' OR {member} AND (r.title LIKE ? ESCAPE '\\'"
                   " OR r.text LIKE ? ESCAPE '\\')))", 3),
            (entity, "EXISTS (SELECT 1 FROM story_entities e WHERE e.story_id = s.id"
                     " AND e.name LIKE ? ESCAPE '\\')", 1),
            (outlet, f"{member} AND (r.outlet LIKE ? ESCAPE '\\' OR r.url LIKE ? ESCAPE '\\'))", 2),
        ):
            if value:
                pattern = "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                where.append(clause)
                args += [pattern] * count
        condition = " AND ".join(where)
        total = self.db.execute(f"SELECT COUNT(*) FROM stories s WHERE {condition}", args).fetchone()[0]
        rows = self.db.execute(
            "SELECT s.id, s.title,"
            " (SELECT COUNT(*) FROM assignments WHERE story_id = s.id) AS n_articles,"
            " (SELECT COUNT(DISTINCT grp) FROM origins WHERE story_id = s.id) AS n_origins,"
            " (SELECT COUNT(*) FROM claims WHERE story_id = s.id) AS n_claims,"
            " (SELECT COUNT(*) FROM discrepancies WHERE story_id = s.id) AS n_discrepancies,"
            " (SELECT COALESCE(MAX(r.published), '') FROM assignments a JOIN articles r ON r.id = a.article_id"
            "  WHERE a.story_id = s.id) AS latest,"
            " s.analysed_run IS NOT NULL AS analysed"
            f" FROM stories s WHERE {condition} ORDER BY {self.STORY_ORDER[sort]}, s.rowid LIMIT ? OFFSET ?",
            [*args, limit, offset])
        return total, [dict(r) | {"analysed": bool(r["analysed"])} for r in rows]

    def entity_stories(self, name: str) -> list[tuple[str, str, StoryEntity]]:
        """The live stories naming an entity (case-insensitive) as ``(story id, story title, the entity as
        that story's analysis gives it)``, oldest story first."""
        rows = self.db.execute(
            "SELECT e.*, s.title AS story_title FROM story_entities e JOIN stories s ON s.id = e.story_id"
            " WHERE s.merged_into IS NULL AND e.name = ? COLLATE NOCASE ORDER BY s.rowid, e.idx", (name,))
        return [(r["story_id"], r["story_title"], STORY_ENTITIES.record(r)) for r in rows]

    def all_rejected(self) -> list[tuple[int | None, str, Rejected]]:
        """Every input any run rejected or warned about, as ``(run, kind, rejected)``, newest run first."""
        rows = self.db.execute("SELECT run_id, kind, source, reason FROM rejected ORDER BY run_id DESC, rowid")
        return [(r["run_id"], r["kind"], REJECTED.record(r)) for r in rows]

    def story_analysed(self, story_id: str) -> bool:
        """Whether the story's stored analysis matches its articles (False after a correction changed them,
        until the next run analyses it again)."""
        r = self.db.execute("SELECT analysed_run FROM stories WHERE id = ?", (story_id,)).fetchone()
        return r is not None and r[0] is not None
