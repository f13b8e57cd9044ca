"""The online clusterer: each article joins the best story or starts a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Assignment
from .index import CandidateIndex
from .profile import ClusterState, StoryProfile, article_view, story_id_for
from .rehome import find_moves
from .split import find_split, group_profile
from .scoring import Vectors, combine, conflict, idf, key_vectors, signals, vectors

if TYPE_CHECKING:
    from ..config import ClusterConfig
    from ..records import Article, ArticleFeatures
    from .places import Gazetteer


class Clusterer:
    """Online story clustering over typed records (see :mod:`wirecheck.cluster.scoring`).

    ``assign`` takes articles in publication order. State is kept in a
    :class:`ClusterState`; ``dirty_profiles``, ``pop_merges`` and ``pop_splits``
    tell the store what to rewrite (a split moves already-stored articles to a
    new story; see :mod:`wirecheck.cluster.split`).

    ``gazetteer`` (:class:`~wirecheck.cluster.places.Gazetteer`, loaded once by the runner, which passes
    None when ``cluster.gazetteer`` is off) is set on the state; without one, places nest only as the
    corpus shows (``ClusterState.places_compatible``).
    """

    def __init__(self, config: "ClusterConfig | None" = None, state: ClusterState | None = None,
                 gazetteer: "Gazetteer | None" = None) -> None:
        from ..config import ClusterConfig

        self.config = config or ClusterConfig()
        self._state = state or ClusterState()
        if gazetteer is not None:
            self._state.gazetteer = gazetteer
        cfg = self.config
        self.index = CandidateIndex(tables=cfg.index_tables, bits=cfg.index_bits, posting_cap=cfg.posting_cap,
                                    keys_per_story=cfg.index_keys)
        self._filed: dict[str, list[str]] = {}
        self._dirty: set[str] = set()
        self._merges: list[tuple[str, str]] = []
        self._splits: list[tuple[str, str, list[str]]] = []
        self._vectors: dict[str, Vectors] = {}  # per-story vectors, refreshed on change or corpus growth
        for profile in self._state.profiles.values():
            self._file(profile)

    # ------------------------------------------------------------ state access
    def state(self) -> ClusterState:
        """The live clustering state (profiles and global statistics)."""
        return self._state

    def dirty_profiles(self) -> list[StoryProfile]:
        """Profiles created or changed since the last call (merged-away ones excluded)."""
        out = [self._state.profiles[s] for s in sorted(self._dirty) if s in self._state.profiles]
        self._dirty.clear()
        return out

    def pop_merges(self) -> list[tuple[str, str]]:
        """Merges since the last call, as ``(absorbed_story_id, into_story_id)`` in order."""
        out, self._merges = self._merges, []
        return out

    def pop_splits(self) -> list[tuple[str, str, list[str]]]:
        """Splits since the last call, as ``(old_story_id, new_story_id, moved_article_ids)`` in order.

        The moved articles now belong to the new story; the rest stay in the old one.
        """
        out, self._splits = self._splits, []
        return out

    # ------------------------------------------------------------ indexing
    def _index_weights(self, profile: StoryProfile) -> dict[str, float]:
        ents, nums = key_vectors(profile, self._state)
        n = self._state.doc_count
        weights = {**ents, **nums}
        term_weight = self.config.index_term_weight
        for t, c in profile.terms.items():
            weights[f"t:{t}"] = c / profile.size * idf(self._state.term_df.get(t, 0), n) * term_weight
        return weights

    def _vecs(self, profile: StoryProfile) -> Vectors:
        """Cached vectors of a story; recomputed when it changed or the corpus grew by ``vector_refresh``."""
        v = self._vectors.get(profile.story_id)
        if v is None or self._state.doc_count > (1 + self.config.vector_refresh) * v.doc_count + 1:
            v = self._vectors[profile.story_id] = vectors(profile, self._state)
        return v

    def _file(self, profile: StoryProfile) -> None:
        self._vectors.pop(profile.story_id, None)
        keys = self.index.story_keys(profile, self._index_weights(profile))
        old = self._filed.get(profile.story_id)
        if old:
            self.index.remove(profile.story_id, [k for k in old if k not in set(keys)])
        self.index.add(profile.story_id, keys)
        self._filed[profile.story_id] = keys

    def _candidates(self, profile: StoryProfile) -> list[str]:
        weights = self._index_weights(profile)
        query = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: 2 * self.index.keys_per_story])
        for key in self.index.lsh_keys(profile.centroid):
            query[key] = 1.0
        profiles = self._state.profiles
        found = self.index.query(query, self.config.candidates,  # stories of the article's own language only
                                 keep=lambda sid: sid not in profiles or profiles[sid].language == profile.language)
        return [s for s in found if s in profiles and s != profile.story_id]

    # ------------------------------------------------------------ the decision
    def assign(self, article: "Article", features: "ArticleFeatures") -> Assignment:
        """Put one article into the best-fitting story (or a new one) and update the state."""
        cfg = self.config
        view = article_view(article, features, cfg)
        self._state.add_document(view, cfg)
        single = StoryProfile.from_view(view)
        scored: list[tuple[float, str, dict[str, float]]] = []
        mine = vectors(single, self._state)
        for sid in self._candidates(single):
            story = self._state.profiles[sid]
            sig = signals(single, story, self._state, cfg, mine, self._vecs(story))
            scored.append((combine(sig, cfg), sid, sig))
        scored.sort(key=lambda x: (-x[0], x[1]))
        best = scored[0] if scored else None
        clash = ""
        if best is not None and best[2].get("conflict"):
            clash = "; conflicting " + "; ".join(conflict(single, self._state.profiles[best[1]], self._state, cfg)[1])
        if best is not None and best[0] >= cfg.threshold:
            score, sid, sig = best
            story = self._state.profiles[sid]
            story.absorb(single, cfg)
            self._file(story)
            self._dirty.add(sid)
            self._state.article_story[article.id] = sid
            reason = _reason(sig, score, cfg.threshold, joined=True, size=story.size) + clash
            into = self._check_merges(sid, scored[1:])
            splits = len(self._splits)
            into = self._split_check(into, article.id)
            if len(self._splits) > splits:
                reason += f"; then {self._state.profiles[self._splits[-1][1]].split_reason}"
            for why in self._rehome_check(into, scored[1:]):
                reason += f"; then {why}"
            return Assignment(article.id, into, round(score, 4), False,
                              {k: round(v, 4) for k, v in sig.items()}, reason)
        sid = story_id_for(article.id)
        while sid in self._state.profiles:  # same article id seen twice: keep ids unique
            sid = story_id_for(sid)
        single.story_id = sid
        self._state.profiles[sid] = single
        self._file(single)
        self._dirty.add(sid)
        self._state.article_story[article.id] = sid
        if best is None:
            return Assignment(article.id, sid, 0.0, True, {}, "new story: no candidate story shares its keys")
        score, other, sig = best
        reason = _reason(sig, score, cfg.threshold, joined=False, other=other) + clash
        return Assignment(article.id, sid, round(score, 4), True, {k: round(v, 4) for k, v in sig.items()}, reason)

    def _check_merges(self, sid: str, others: list[tuple[float, str, dict[str, float]]]) -> str:
        """Merge stories the new article links to ``sid`` when the two profiles agree; return the survivor."""
        cfg = self.config
        floor = cfg.threshold * cfg.merge_check_share
        for score, other, _ in others:
            if score < floor:
                break
            a = self._state.profiles.get(sid)
            b = self._state.profiles.get(other)
            if a is None or b is None or a is b or a.story_id in b.apart or b.story_id in a.apart:
                continue
            if combine(signals(a, b, self._state, cfg), cfg) < cfg.merge_threshold:
                continue
            keep, gone = (a, b) if (a.size, b.story_id) >= (b.size, a.story_id) else (b, a)
            self._absorb_story(keep, gone)
            sid = keep.story_id
        return sid

    def _absorb_story(self, keep: StoryProfile, gone: StoryProfile) -> None:
        """Merge story ``gone`` into ``keep`` (recorded for :meth:`pop_merges`)."""
        keep.absorb(gone, self.config)
        del self._state.profiles[gone.story_id]
        self._vectors.pop(gone.story_id, None)
        self.index.remove(gone.story_id, self._filed.pop(gone.story_id, []))
        for aid in gone.article_ids:
            self._state.article_story[aid] = keep.story_id
        self._file(keep)
        self._dirty.add(keep.story_id)
        self._dirty.discard(gone.story_id)
        self._merges.append((gone.story_id, keep.story_id))

    def _split_check(self, sid: str, article_id: str) -> str:
        """Split the story when its kept members report two incidents (:mod:`wirecheck.cluster.split`).

        Checked when the story's size reaches a multiple of ``split_every``.
        The group holding the oldest kept member keeps the story id (and the
        members no longer kept); the other group becomes a new story, recorded
        for :meth:`pop_splits`, and the two are never merged back. Returns the
        story ``article_id`` is in afterwards.
        """
        cfg = self.config
        story = self._state.profiles[sid]
        if cfg.split_threshold <= 0 or story.size % cfg.split_every:
            return sid
        found = find_split(story.members, self._state, cfg)
        if found is None:
            return sid
        group = group_profile(found.moved, cfg)
        story.release(found.moved)
        new_id = story_id_for(found.moved[0].article_ids[0])
        while new_id in self._state.profiles:
            new_id = story_id_for(new_id)
        group.story_id = new_id
        group.apart = [sid]
        group.split_reason = found.reason(sid, cfg.split_threshold)
        story.apart.append(new_id)
        self._state.profiles[new_id] = group
        moved = [m.article_ids[0] for m in found.moved]
        for aid in moved:
            self._state.article_story[aid] = new_id
        self._file(story)
        self._file(group)
        self._dirty.update((sid, new_id))
        self._splits.append((sid, new_id, moved))
        return self._state.article_story[article_id]

    def _rehome_check(self, sid: str, others: list[tuple[float, str, dict[str, float]]]) -> list[str]:
        """Move kept members of competing stories that fit story ``sid`` better (:mod:`.rehome`).

        Competitors are the other candidate stories the article scored at
        least ``rehome_share`` of the join threshold against. Each move is
        recorded for :meth:`pop_splits` as ``(from_story, sid, [article_id])``
        (a lone report's story merges into ``sid`` instead, recorded for
        :meth:`pop_merges`); returns the moves' explanations.
        """
        cfg = self.config
        target = self._state.profiles.get(sid)
        if cfg.rehome_margin < 0 or target is None:
            return []
        floor = cfg.threshold * cfg.rehome_share
        rivals = [self._state.profiles[o] for score, o, _ in others
                  if score >= floor and o != sid and o in self._state.profiles]
        out = []
        for move in find_moves(target, rivals, self._state, cfg):
            origin = self._state.profiles[move.origin]
            if move.home is None:  # a lone report: its story merges into the target
                self._absorb_story(target, origin)
            else:
                origin.release([move.member])
                target.absorb(move.member, cfg)
                self._state.article_story[move.article_id] = sid
                self._file(origin)
                self._file(target)
                self._dirty.update((sid, move.origin))
                self._splits.append((move.origin, sid, [move.article_id]))
            out.append(move.reason(sid, cfg.threshold))
        return out

    def clusters(self) -> dict[str, list[str]]:
        """Current stories: story id -> member article ids."""
        return {sid: list(p.article_ids) for sid, p in self._state.profiles.items()}


def _reason(sig: dict[str, float], score: float, threshold: float, *, joined: bool,
            size: int = 0, other: str = "") -> str:
    parts = ", ".join(f"{k} {v:.2f}" for k, v in sig.items())
    if joined:
        return f"joined story of {size} at score {score:.2f} >= {threshold:.2f} ({parts})"
    return f"new story: best candidate {other} scored {score:.2f} < {threshold:.2f} ({parts})"


def explain(assignment: Assignment, config: "ClusterConfig | None" = None) -> str:
    """A multi-line, human explanation of an assignment's signals (for ``show --why``).

    ``config`` is the configuration the assignment was made with (defaults when omitted).
    """
    from ..config import ClusterConfig

    cfg = config or ClusterConfig()
    lines = [f"article {assignment.article_id} -> story {assignment.story_id}"
             f" ({'started a new story' if assignment.new_story else 'joined an existing story'})",
             f"score {assignment.score:.3f} (join threshold {cfg.threshold:.2f})"]
    s = assignment.signals
    labels = {
        "embedding": ("headline+lead meaning (embedding cosine)", cfg.w_embedding),
        "tfidf": ("shared wording (TF-IDF cosine of lemmas)", cfg.w_tfidf),
        "entities": ("shared people/places/organisations/dates, rarer counts more", cfg.w_entities),
        "numbers": ("shared specific numbers", cfg.w_numbers),
        "conflict": ("conflicting specifics in the leads (other years/people/places/dates/counts)",
                     -cfg.w_conflict),
    }
    for key, (label, weight) in labels.items():
        if key in s:
            lines.append(f"  {label}: {s[key]:.2f} x {weight:+.2f} = {s[key] * weight:+.3f}")
    if "time" in s:
        scaled_by = cfg.time_floor + (1 - cfg.time_floor) * s["time"]
        lines.append(f"  time proximity: {s['time']:.2f} (score scaled by {scaled_by:.2f})")
    else:
        lines.append("  time proximity: neutral (no date on one side)")
    if assignment.reason:
        lines.append(f"  decision: {assignment.reason}")
    return "\n".join(lines)


__all__ = ["Clusterer", "explain", "conflict"]
