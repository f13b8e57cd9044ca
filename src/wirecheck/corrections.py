"""Analyst corrections: events kept in the store's ``corrections`` table (see :class:`~wirecheck.records.Correction`).

A membership correction (``merge``, ``move``, ``split``) changes which story holds which articles at once and
marks the stories it changes as waiting for analysis (the next ``wirecheck run`` analyses them); every run
applies the live ones again after its clustering (:func:`apply_corrections`), so a merged story stays
merged when new articles arrive. The other kinds annotate a derivation edge or a discrepancy. Undoing a
correction flags it ``undone`` and puts back the articles it moved. Each correction remembers where the
articles it moved were before (column ``moved``), which is what undo restores.
"""

from __future__ import annotations

import json
import sqlite3
from typing import get_args

from . import codec
from .records import Correction, CorrectionKind
from .store import Store, _now

CORRECTIONS = codec.Columns(Correction, "corrections")
KINDS: tuple[str, ...] = get_args(CorrectionKind)
MEMBERSHIP = ("merge", "move", "split")
#: how many targets each kind takes (split: the story and at least one article)
ARITY = {"merge": 2, "move": 2, "split": 2, "confirm_edge": 2, "reject_edge": 2,
         "discrepancy_resolved": 2, "discrepancy_wrong": 2}


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown kind, story, article, edge or discrepancy."""


def corrections(store: Store, story_ids: set[str] | None = None) -> list[Correction]:
    """The store's corrections, oldest first (with ``story_ids``, those naming one of the stories or one of
    their articles); none for a store written before corrections existed."""
    if not store.has_table("corrections"):
        return []
    found = [CORRECTIONS.record(r) for r in store.db.execute("SELECT * FROM corrections ORDER BY id")]
    if story_ids is None:
        return found
    articles = {a for s in story_ids for a in store.story_article_ids(s)}
    return [c for c in found if set(c.targets) & (story_ids | articles)]


def _live_story(store: Store, story_id: str) -> str:
    resolved = store.resolve_story(story_id)
    if resolved not in store.story_ids():
        raise CorrectionError(f"no story {story_id!r}")
    return resolved


def _check(store: Store, kind: str, targets: list[str]) -> None:
    """Raise :class:`CorrectionError` unless ``targets`` name what ``kind`` applies to."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction kind {kind!r}; choose from {', '.join(KINDS)}")
    if len(targets) < ARITY[kind] or (kind != "split" and len(targets) > ARITY[kind]):
        raise CorrectionError(f"{kind} takes {ARITY[kind]} target(s), got {len(targets)}")
    if kind == "merge":
        if _live_story(store, targets[0]) == _live_story(store, targets[1]):
            raise CorrectionError("a story cannot be merged into itself")
    elif kind == "move":
        if store.story_of(targets[0]) is None:
            raise CorrectionError(f"no clustered article {targets[0]!r}")
        _live_story(store, targets[1])
    elif kind == "split":
        story = _live_story(store, targets[0])
        members = set(store.story_article_ids(story))
        outside = [a for a in targets[1:] if a not in members]
        if outside:
            raise CorrectionError(f"article(s) {', '.join(outside)} are not in story {targets[0]}")
        if len(set(targets[1:])) >= len(members):
            raise CorrectionError("a split must leave at least one article in the story")
    elif kind in ("confirm_edge", "reject_edge"):
        found = store.db.execute("SELECT 1 FROM derivations WHERE article = ? AND derived_from = ?",
                                 targets).fetchone()
        if found is None:
            raise CorrectionError(f"no derivation edge from {targets[1]!r} to {targets[0]!r}")
    else:
        story = _live_story(store, targets[0])
        if store.db.execute("SELECT 1 FROM discrepancies WHERE story_id = ? AND id = ?",
                            (story, targets[1])).fetchone() is None:
            raise CorrectionError(f"no discrepancy {targets[1]!r} in story {targets[0]}")


def add_correction(store: Store, kind: str, targets: list[str], note: str = "") -> Correction:
    """Record a correction (checked first: :class:`CorrectionError` says what is wrong) and apply it."""
    targets = [t.strip() for t in targets if t.strip()]
    with store.transaction() as db:
        _check(store, kind, targets)
        if kind == "merge":  # the stories as they are now: later merges may absorb either one
            targets = [store.resolve_story(t) for t in targets]
        cur = db.execute("INSERT INTO corrections (at, kind, targets, note) VALUES (?, ?, ?, ?)",
                         (_now(), kind, json.dumps(targets), note.strip()))
        assert cur.lastrowid is not None
        correction = correction_by_id(store, cur.lastrowid)
        _apply(store, correction)
    return correction


def correction_by_id(store: Store, correction_id: int) -> Correction:
    """One stored correction; KeyError when there is none."""
    row = store.db.execute("SELECT * FROM corrections WHERE id = ?", (correction_id,)).fetchone() \
        if store.has_table("corrections") else None
    if row is None:
        raise KeyError(correction_id)
    return CORRECTIONS.record(row)


def _moved(db: sqlite3.Connection, correction_id: int) -> dict[str, str]:
    return json.loads(db.execute("SELECT moved FROM corrections WHERE id = ?", (correction_id,)).fetchone()[0])


def _stale(db: sqlite3.Connection, story_ids: set[str]) -> None:
    """Mark stories as waiting for analysis (their membership changed since it was made)."""
    db.executemany("UPDATE stories SET analysed_run = NULL WHERE id = ?", [(s,) for s in story_ids])


def split_story_id(correction: Correction) -> str:
    """The id of the story a split correction makes (stable across runs)."""
    from .cluster.profile import story_id_for

    return story_id_for(f"split:{correction.id}:{correction.targets[1]}")


def _destination(store: Store, correction: Correction) -> str:
    """The story a membership correction puts its articles in, as it is now."""
    if correction.kind == "split":
        return split_story_id(correction)
    return store.resolve_story(correction.targets[1])


def _apply(store: Store, correction: Correction) -> set[str]:
    """Make a live membership correction hold (again); the stories it changed (none when it already held)."""
    if correction.undone or correction.kind not in MEMBERSHIP:
        return set()
    db = store.db
    dst = _destination(store, correction)
    changed: set[str] = set()
    if correction.kind == "merge":
        src = correction.targets[0]
        if src == dst:  # the clusterer has since merged the other way: nothing left to do
            return set()
        articles = store.story_article_ids(src)  # new articles the clusterer gave the merged-away story too
        merged = db.execute("SELECT merged_into FROM stories WHERE id = ?", (src,)).fetchone()
        if merged is not None and merged[0] != dst:
            db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (dst, src))
            Store._clear_story(db, src)
            changed |= {src, dst}
    elif correction.kind == "move":
        articles = correction.targets[:1]
    else:
        db.execute("INSERT OR IGNORE INTO stories (id, title) VALUES (?, '')", (dst,))
        articles = correction.targets[1:]
    before = _moved(db, correction.id)
    for article in articles:
        current = store.story_of(article)
        if current is None or current == dst:
            continue
        before.setdefault(article, current)
        db.execute("UPDATE assignments SET story_id = ? WHERE article_id = ?", (dst, article))
        changed |= {current, dst}
    db.execute("UPDATE corrections SET moved = ? WHERE id = ?", (json.dumps(before), correction.id))
    _stale(db, changed)
    return changed


def apply_corrections(store: Store) -> set[str]:
    """Apply every live membership correction again, oldest first (a run does this after clustering its
    articles); the stories whose membership this changed, which need analysing."""
    changed: set[str] = set()
    with store.transaction():
        for correction in corrections(store):
            changed |= _apply(store, correction)
    return {store.resolve_story(s) for s in changed}


def undo_correction(store: Store, correction_id: int) -> Correction:
    """Undo a correction: flag it undone and put the articles it moved back where they were (those
    still where it put them). KeyError when there is no such correction; undoing twice changes nothing."""
    with store.transaction() as db:
        correction = correction_by_id(store, correction_id)
        if correction.undone:
            return correction
        changed: set[str] = set()
        if correction.kind in MEMBERSHIP:
            put = _destination(store, correction)
            if correction.kind == "merge":
                db.execute("UPDATE stories SET merged_into = NULL WHERE id = ?", (correction.targets[0],))
                changed |= {correction.targets[0], put}
            for article, previous in _moved(db, correction_id).items():
                if store.story_of(article) == put:
                    back = previous if correction.kind == "merge" else store.resolve_story(previous)
                    db.execute("UPDATE assignments SET story_id = ? WHERE article_id = ?", (back, article))
                    changed |= {put, back}
        _stale(db, changed)
        db.execute("UPDATE corrections SET undone = 1, undone_at = ? WHERE id = ?", (_now(), correction_id))
    return correction_by_id(store, correction_id)
