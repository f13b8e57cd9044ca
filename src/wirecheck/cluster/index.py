"""Candidate retrieval: which stories to score for an incoming article.

Two inverted indexes, both with bounded posting lists so the work per article
does not grow with the number of stored stories:

- random-hyperplane LSH over story centroids (``tables`` tables of ``bits``
  bits; a story sits in one bucket per table);
- the story's rarest entity, number and lemma keys.

Each posting list keeps the ``posting_cap`` most recently updated stories
(news is bursty; an old story still surfaces through its other keys).
Candidates are ranked by the summed weight of the keys they share with the
article and the top ``candidates`` are scored in full.
"""

from __future__ import annotations

import heapq
from typing import Callable

import numpy as np

from ..nlp import EMBEDDING_DIM
from .profile import StoryProfile


class CandidateIndex:
    """Bounded inverted index over story profiles."""

    def __init__(self, tables: int = 12, bits: int = 12, posting_cap: int = 64,
                 keys_per_story: int = 24, seed: int = 13) -> None:
        rng = np.random.default_rng(seed)
        self.tables, self.bits = tables, bits
        self.planes = rng.standard_normal((EMBEDDING_DIM, tables * bits)).astype(np.float32)
        self._powers = (1 << np.arange(bits)).astype(np.int64)
        self.posting_cap = posting_cap
        self.keys_per_story = keys_per_story
        self.postings: dict[str, dict[str, None]] = {}

    def lsh_keys(self, vector: np.ndarray) -> list[str]:
        """One bucket key per LSH table for a (not necessarily normalised) vector."""
        bits = (vector.astype(np.float32) @ self.planes > 0).reshape(self.tables, self.bits)
        codes = bits.astype(np.int64) @ self._powers
        return [f"h{t}:{int(c)}" for t, c in enumerate(codes)]

    def story_keys(self, profile: StoryProfile, weights: dict[str, float]) -> list[str]:
        """The keys a story is filed under: LSH buckets plus its heaviest rare keys."""
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.keys_per_story]
        return self.lsh_keys(profile.centroid) + [k for k, _ in ranked]

    def add(self, story_id: str, keys: list[str]) -> None:
        """File (or refresh) a story under ``keys``; the oldest entries fall off full lists."""
        for key in keys:
            plist = self.postings.get(key)
            if plist is None:
                plist = self.postings[key] = {}
            else:
                plist.pop(story_id, None)
            plist[story_id] = None
            if len(plist) > self.posting_cap:
                del plist[next(iter(plist))]

    def remove(self, story_id: str, keys: list[str]) -> None:
        """Take a story off the given posting lists (after a merge)."""
        for key in keys:
            plist = self.postings.get(key)
            if plist is not None:
                plist.pop(story_id, None)

    def query(self, keys: dict[str, float], limit: int, keep: Callable[[str], bool] | None = None) -> list[str]:
        """Story ids sharing the most weight of ``keys``, best first (ties by id); with ``keep``, only the
        stories it accepts (a blocking key: the article's language)."""
        hits: dict[str, float] = {}
        for key, w in keys.items():
            plist = self.postings.get(key)
            if not plist:
                continue
            for sid in plist:
                hits[sid] = hits.get(sid, 0.0) + w
        if keep is not None:
            hits = {sid: w for sid, w in hits.items() if keep(sid)}
        ranked = heapq.nsmallest(limit, hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [sid for sid, _ in ranked]
