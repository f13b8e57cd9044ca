"""The split check: does a story hold reports of two different incidents?

A story is remembered with the one-article profiles of its most recent
members (``ClusterConfig.profile_members``). When it grows, those members are scored
pairwise with the join score (:func:`wirecheck.cluster.scoring.combine`), cut
in two by Ward linkage on ``1 - score`` and the cut refined (``split_refine_rounds``
rounds at most) by moving each member to the group its reports fit best on
average. The cut is a split
when

- each group has at least ``split_min_group`` members,
- the mean score between the two groups' reports is below ``split_threshold``
  (the reports would not join one another one by one), and
- the two groups' profiles conflict (:func:`wirecheck.cluster.scoring.conflict`:
  other years, people, places, dates, counts) by ``split_conflict`` or more.

This catches the case the join test cannot: the first report of a second
incident states nothing that contradicts the story so far and joins, but the
reports that follow it form their own group with its own specifics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .profile import StoryProfile, _snapshot
from .scoring import combine, conflict, signals, vectors

if TYPE_CHECKING:
    from ..config import ClusterConfig
    from .profile import ClusterState


@dataclass(slots=True)
class Split:
    """A split found by :func:`find_split`: which kept members move, and why."""

    moved: list[StoryProfile]  # kept members that leave (the group without the oldest kept member)
    stays: int  # kept members that stay
    cross: float  # mean pairwise score between the groups' reports
    clash: float  # conflict between the groups' profiles
    why: list[str]  # the conflicting specifics, per group

    def reason(self, old_story: str, threshold: float) -> str:
        """One-line human explanation."""
        return (f"split from {old_story}: {len(self.moved)} reports score {self.cross:.2f} < {threshold:.2f}"
                f" on average with the other {self.stays}; their specifics conflict {self.clash:.2f} ("
                + "; ".join(self.why) + ")")


def group_profile(members: list[StoryProfile], config: "ClusterConfig") -> StoryProfile:
    """A fresh profile of some one-article member profiles (one part of a story)."""
    out = _snapshot(members[0])
    for m in members[1:]:
        out.absorb(m, config)
    if len(members) == 1:
        out.members = [members[0]]
    return out


def find_split(members: list[StoryProfile], state: "ClusterState", config: "ClusterConfig") -> Split | None:
    """The split of a story's kept members into two incidents, or None (see the module docstring)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(members)
    if n < 2 * config.split_min_group:
        return None
    vecs = [vectors(m, state) for m in members]
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = combine(signals(members[i], members[j], state, config, vecs[i], vecs[j]),
                                            config)
    # two copies of one report may score a hair above 1 (a cosine of 1 rounded up), and Ward's linkage
    # refuses a negative distance: such a pair is at distance 0
    dist = squareform(np.clip(1.0 - sim, 0.0, None), checks=False)
    side = fcluster(linkage(dist, method="ward"), 2, criterion="maxclust")
    stay = side == side[0]
    for _ in range(config.split_refine_rounds):  # each member to the group whose other reports it fits best on average
        n_stay = stay.sum() - stay  # group sizes without the member itself
        n_go = (~stay).sum() - (~stay)
        to_stay = np.divide(sim @ stay, n_stay, out=np.full(n, -np.inf), where=n_stay > 0)
        to_go = np.divide(sim @ ~stay, n_go, out=np.full(n, -np.inf), where=n_go > 0)
        better = to_stay >= to_go
        better[0] = True  # the oldest kept member anchors the group that keeps the story
        if (better == stay).all():
            break
        stay = better
    if min(stay.sum(), (~stay).sum()) < config.split_min_group:
        return None
    cross = float(sim[np.ix_(stay, ~stay)].mean())
    if cross >= config.split_threshold:
        return None
    moved = [m for m, s in zip(members, stay) if not s]
    kept = [m for m, s in zip(members, stay) if s]
    clash, why = conflict(group_profile(kept, config), group_profile(moved, config), state, config)
    if clash < config.split_conflict:
        return None
    return Split(moved, len(kept), cross, clash, why)


__all__ = ["Split", "find_split", "group_profile"]
