"""The re-homing check: a report filed early in one story may fit a later story better.

Online clustering decides once, when a report arrives. The first report of a
second incident often states nothing that contradicts the first incident's
story and joins it; a few reports later the second incident has its own
story, and that report belongs there. When a story ``target`` is joined, the
kept one-article members of the other stories that competed for the same
article (it scored at least ``rehome_share`` of the join threshold against
them) whose embedding is closer to ``target`` than to the rest of their own
story are compared:

- ``home``: the member's join score against its own story without it
  (:func:`without`), i.e. how it would score if it arrived now;
- ``away``: its join score against ``target``.

A member moves when ``away`` reaches the join threshold and beats ``home``
by ``rehome_margin``. A story that is a lone report has no ``home``: it is
merged into ``target`` when it reaches the join threshold there now (it
would join if it arrived now). Stories split apart are never mixed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .profile import StoryProfile, _snapshot
from .scoring import combine, signals, vectors

if TYPE_CHECKING:
    from ..config import ClusterConfig
    from .profile import ClusterState


@dataclass(slots=True)
class Move:
    """One kept member that fits another story better than its own (see the module docstring)."""

    member: StoryProfile  # the one-article profile that moves
    origin: str  # story it leaves
    home: float | None  # its score against its own story without it (None: it was alone there)
    away: float  # its score against the story it joins

    @property
    def article_id(self) -> str:
        """The moving article."""
        return self.member.article_ids[0]

    def reason(self, target: str, threshold: float) -> str:
        """One-line human explanation."""
        if self.home is None:
            return (f"merged the lone report {self.article_id} ({self.origin}) into {target}: it scores"
                    f" {self.away:.2f} >= {threshold:.2f} there now")
        return (f"moved {self.article_id} from {self.origin} to {target}: it scores {self.away:.2f} there"
                f" against {self.home:.2f} with the rest of its story")


def without(story: StoryProfile, member: StoryProfile) -> StoryProfile:
    """A copy of ``story`` with one kept member taken out (the story as if that report had not come)."""
    rest = _snapshot(story)
    rest.article_ids = list(story.article_ids)
    rest.members = list(story.members)
    rest.release([member])
    return rest


def _closer_in_meaning(rival: StoryProfile, target: StoryProfile) -> list[StoryProfile]:
    """Kept members of ``rival`` whose embedding is closer to ``target``'s centroid than to the rest of ``rival``.

    A cheap filter (one matrix product) before the full join score.
    """
    members = rival.members
    if not members:
        return []
    emb = np.stack([m.centroid for m in members]).astype(np.float32)
    n = rival.size
    rest = (rival.centroid[None, :] * n - emb) / max(n - 1, 1)  # the rival's centroid without each member
    unit = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
    home = (unit * rest).sum(axis=1) / np.maximum(np.linalg.norm(rest, axis=1), 1e-9)
    away = unit @ target.centroid / max(float(np.linalg.norm(target.centroid)), 1e-9)
    return [m for m, h, a in zip(members, home, away) if a > h]


def find_moves(target: StoryProfile, rivals: list[StoryProfile], state: "ClusterState",
               config: "ClusterConfig") -> list[Move]:
    """Kept members of ``rivals`` that fit ``target`` better than their own story (see the module docstring).

    At most one move per rival story per check; a rival of one report moves
    whole (``home`` None: the caller merges it).
    """
    tv = vectors(target, state)
    out: list[Move] = []
    for rival in rivals:
        if rival.story_id in target.apart or target.story_id in rival.apart:
            continue
        if rival.size == 1:  # a lone report: would it join the target if it came now?
            away = combine(signals(rival, target, state, config, None, tv), config)
            if away >= config.threshold:
                out.append(Move(rival, rival.story_id, None, away))
            continue
        best: Move | None = None
        best_gain = 0.0  # best's away - home
        for m in _closer_in_meaning(rival, target):
            mv = vectors(m, state)
            away = combine(signals(m, target, state, config, mv, tv), config)
            if away < config.threshold:
                continue
            home = combine(signals(m, without(rival, m), state, config, mv), config)
            if away >= home + config.rehome_margin and (best is None or away - home > best_gain):
                best, best_gain = Move(m, rival.story_id, home, away), away - home
        if best is not None:
            out.append(best)
    return out


__all__ = ["Move", "find_moves", "without"]
