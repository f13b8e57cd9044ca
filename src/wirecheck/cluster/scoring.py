"""The scoring function: how well an article (or story) fits a story.

Signals, each in [0, 1]:

- ``embedding``: cosine of the headline+lead embeddings (story: mean of members).
- ``tfidf``: cosine of sublinear TF-IDF vectors over the leading lemmas and the headline's words
  (``profile.title_words``: a short report tells much of its story in its headline).
- ``entities``: cosine of rarity-weighted (IDF) people/place/organisation/date keys,
  each weighted by where it appears (headline and lead count most).
- ``numbers``: the same over specific numbers (above ``number_min``: "212", "14.5").
- ``conflict``: evidence of a *different* incident of the same type, in [0, 1]:
  for years, people, places, month-day dates, counts of the same noun ("26
  pirates" vs "23 pirates") and weekdays that both sides put in their headline/lead, how much of one side's lead
  items the other never mentions, combined over groups as independent evidence (see
  :func:`conflict`); places and organisations match by name across labels,
  a place agrees with one it is evidently nested in (most documents naming the
  rarer of the two also name the other: a city and its state or country, see
  ``ClusterState.places_compatible``; or the gazetteer puts it in a country or
  US state the other side names without naming another place there, see
  :mod:`wirecheck.cluster.places`), dates within a few days agree.
- ``time``: ``exp(-days apart / time_decay_days)``; absent (neutral) when either
  side has no date.

Combined score::

    score = w_embedding*embedding + w_tfidf*tfidf + w_entities*entities
            + w_numbers*numbers - w_conflict*conflict
    score *= time_floor + (1 - time_floor) * time      # only when both are dated

An article joins the best story scoring at least ``threshold``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .profile import StoryProfile

if TYPE_CHECKING:
    from ..config import ClusterConfig
    from .places import Gazetteer
    from .profile import ClusterState

#: groups compared for conflicting specifics, in the order they are combined (Y years, P people,
#: L places, D month-day dates, Q counts of the same noun, W weekdays); see :func:`_group_weights`
CONFLICT_GROUPS = "YPLDQW"


def _group_weights(config: "ClusterConfig") -> tuple[tuple[str, float], ...]:
    """Each conflict group with how much a full disagreement in it weighs (``config.conflict_*``)."""
    return (("Y", config.conflict_years), ("P", config.conflict_people), ("L", config.conflict_places),
            ("D", config.conflict_dates), ("Q", config.conflict_counts), ("W", config.conflict_weekdays))


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((n + 1) / (df + 1)) + 1.0


def term_vector(p: StoryProfile, state: "ClusterState") -> dict[str, float]:
    """Sublinear TF-IDF vector of a profile's lemmas: ``log1p(mean count per member) * idf``."""
    n, size = state.doc_count, p.size
    return {t: math.log1p(c / size) * idf(state.term_df.get(t, 0), n) for t, c in p.terms.items()}


def key_vectors(p: StoryProfile, state: "ClusterState") -> tuple[dict[str, float], dict[str, float]]:
    """IDF-weighted entity/date keys and number keys of a profile (weights averaged over members)."""
    n, size = state.doc_count, p.size
    ents: dict[str, float] = {}
    nums: dict[str, float] = {}
    for k, w in p.keys.items():
        value = (w / size) * idf(state.key_df.get(k, 0), n)
        if k.startswith("N:"):
            nums[k] = value
        elif k.startswith("Q:"):
            continue  # counted nouns only feed the conflict check
        else:
            name = _match_key(k)  # places and organisations compare by name: taggers mix the labels
            ents[name] = ents.get(name, 0.0) + value
    return ents, nums


def _salient(p: StoryProfile, state: "ClusterState") -> dict[str, dict[str, float]]:
    """Salient keys per group: any member's headline/lead keys, weighted by share of members times IDF.

    Every lead key counts (not only those most members share), so a story's
    specifics are compared as soon as one member states them.
    """
    out: dict[str, dict[str, float]] = {}
    for k, c in p.lead_keys.items():
        if c >= 1.0 and k[0] in CONFLICT_GROUPS:
            out.setdefault(k[0], {})[k] = (c / p.size) * idf(state.key_df.get(k, 0), state.doc_count)
    return out


def _match_key(key: str) -> str:
    """The key two mentions must share to agree: names for places/organisations, else the key."""
    return "E:" + key[2:] if key[0] in "LO" else key


def _day(key: str) -> tuple[int, int]:
    """(month, day) of a ``D:`` key; day 0 when only the month is known."""
    parts = key[2:].split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0


def _date_agrees(key: str, keys: set[str], tolerance: int) -> bool:
    """Whether a month[-day] date is matched by one within ``tolerance`` days (or the same month)."""
    m, d = _day(key)
    for other in keys:
        if other[:2] != "D:":
            continue
        m2, d2 = _day(other)
        if not d or not d2:
            if m == m2:
                return True
        elif abs((m * 31 + d) - (m2 * 31 + d2)) <= tolerance or (
                {m, m2} == {1, 12} and 31 - max(d, d2) + min(d, d2) <= tolerance):
            return True
    return False


def _agrees(key: str, keys: set[str], config: "ClusterConfig", nested: "_Nested | None" = None) -> bool:
    if key[:2] == "D:":
        return _date_agrees(key, keys, config.date_tolerance_days)
    if _match_key(key) in keys:
        return True
    if key[0] in "PLO" and all(f"T:{w}" in keys for w in key[2:].split()):
        return True  # the name is in the other side's wording, just not tagged the same
    return key[0] == "L" and nested is not None and nested(key[2:])


class _Nested:
    """Whether a place agrees with the places a profile names by nesting, not by name.

    - the corpus names the two together (``ClusterState.places_compatible``);
    - the place lies in a country or US state the profile names, and the
      profile names no other place in there (it is vaguer, not elsewhere:
      "Los Angeles" vs "US" agrees, "Kyivskyi" vs "Ukraine, Odesa" does not).

    The reverse ("US" vs "Los Angeles": the container on this side) is not
    needed: :func:`conflict` takes the more forgiving of the two directions.
    """

    __slots__ = ("state", "config", "p", "places", "_named", "_inside")

    def __init__(self, p: StoryProfile, state: "ClusterState", config: "ClusterConfig") -> None:
        self.state = state
        self.config = config
        self.p = p
        self.places = [k[2:] for k in p.keys if k[:2] == "L:"]
        self._named: set[str] | None = None  # countries/states the profile names (built on first use)
        self._inside: dict[str, list[str]] = {}  # country/state -> the profile's places in it

    def _read(self, gaz: "Gazetteer") -> set[str]:
        # taggers also label places as organisations ("Odesa's port"): the gazetteer reads both
        names = self.places + [k[2:] for k in self.p.keys if k[:2] == "O:"]
        self._named = {area for o in names for area in gaz.areas.get(o, ())}
        for o in names:
            for area in gaz.within.get(o, ()):
                self._inside.setdefault(area, []).append(o)
        return self._named

    def __call__(self, name: str) -> bool:
        if any(self.state.places_compatible(name, other, self.config) for other in self.places):
            return True
        gaz = self.state.gazetteer
        within = gaz.within.get(name) if gaz is not None else None
        if gaz is None or not within:
            return False
        named = self._named if self._named is not None else self._read(gaz)
        held = [area for area in within if area in named]
        return bool(held) and not any(o != name and not gaz.nested(name, o)
                                      for area in held for o in self._inside.get(area, ()))


def _coverage(salient: dict[str, float], keys: set[str], config: "ClusterConfig",
              nested: "_Nested | None" = None) -> float:
    total = sum(salient.values())
    return sum(w for k, w in salient.items() if _agrees(k, keys, config, nested)) / total if total else 0.0


def _unmatched(salient: dict[str, float], keys: set[str], config: "ClusterConfig",
               nested: "_Nested | None" = None) -> str:
    """The heaviest salient items the other side never mentions (for explanations)."""
    items = sorted(((w, k) for k, w in salient.items() if not _agrees(k, keys, config, nested)), reverse=True)
    return ", ".join(k[2:] for _, k in items[:3]) or "-"


def _known(p: StoryProfile) -> set[str]:
    """Every key a profile mentions (names for places/organisations, dates kept as dates), plus its lemmas."""
    known = {k if k[:2] == "D:" else _match_key(k) for k in p.keys}
    known.update(f"T:{t}" for t in p.terms)
    return known


def _shared_nouns(ga: dict[str, float], gb: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Counts (``Q:noun=value``) restricted to nouns both sides count: other nouns are no evidence."""
    na = {k.split("=")[0] for k in ga}
    nb = {k.split("=")[0] for k in gb}
    both = na & nb
    return ({k: w for k, w in ga.items() if k.split("=")[0] in both},
            {k: w for k, w in gb.items() if k.split("=")[0] in both})


def conflict(a: StoryProfile, b: StoryProfile, state: "ClusterState", config: "ClusterConfig",
             sa: dict[str, dict[str, float]] | None = None,
             sb: dict[str, dict[str, float]] | None = None,
             ka: set[str] | None = None, kb: set[str] | None = None,
             explain: bool = True) -> tuple[float, list[str]]:
    """``(evidence, explanations)``: evidence in [0, 1] that two profiles report different incidents of
    the same kind, and one line per disagreeing group (empty unless ``explain``).

    For each group (years, people, places, dates, counts, weekdays) where both
    sides lead with salient items, disagreement is ``1 - max(coverage)``: the
    share (IDF-weighted) of one side's salient items the other side never
    mentions, from the more forgiving direction. Names also agree when their
    words occur in the other side's lemmas; a place agrees with any place the
    other side names that the corpus shows it nested in or around
    (``ClusterState.places_compatible``: "los angeles" and "california") or that the gazetteer
    puts it in (:class:`_Nested`);
    dates agree within ``config.date_tolerance_days``; counts are compared
    only for nouns both sides count ("26 pirates" vs "23 pirates").
    Disagreements combine like independent pieces of evidence,
    ``1 - prod(1 - w_g * disagree_g)`` (``w_g`` the group's
    ``config.conflict_*``), so one clear clash (another year, another person
    in the lead) counts fully and sides that simply do not name e.g. a date
    are not penalised.
    """
    sa = _salient(a, state) if sa is None else sa
    sb = _salient(b, state) if sb is None else sb
    keep = 1.0
    which: list[str] = []
    for g, w in _group_weights(config):
        ga, gb = sa.get(g), sb.get(g)
        if ga and gb and g == "Q":
            ga, gb = _shared_nouns(ga, gb)
        if not ga or not gb:
            continue
        if ka is None:
            ka = _known(a)
        if kb is None:
            kb = _known(b)
        na = nb = None
        if g == "L":  # places nested in one another agree (see ClusterState.places_compatible)
            na, nb = _Nested(a, state, config), _Nested(b, state, config)
        disagree = 1.0 - max(_coverage(ga, kb, config, nb), _coverage(gb, ka, config, na))
        if disagree > 0.0:
            keep *= 1.0 - w * disagree
            if explain:
                which.append(f"{g} {disagree:.2f}: {_unmatched(ga, kb, config, nb)} vs "
                             f"{_unmatched(gb, ka, config, na)}")
    return 1.0 - keep, which


@dataclass(slots=True)
class Vectors:
    """A profile's weighted vectors, computed once and reused across comparisons."""

    terms: dict[str, float]
    terms_norm: float
    ents: dict[str, float]
    ents_norm: float
    nums: dict[str, float]
    nums_norm: float
    salient: dict[str, dict[str, float]]
    known: set[str]  # what the profile mentions, for the conflict check (see :func:`_known`)
    doc_count: int  # corpus size when computed (IDF drifts slowly; callers refresh on growth)


def _norm(d: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in d.values()))


def vectors(p: StoryProfile, state: "ClusterState") -> Vectors:
    """TF-IDF, entity and number vectors (with norms) and salient keys of a profile."""
    terms = term_vector(p, state)
    ents, nums = key_vectors(p, state)
    return Vectors(terms, _norm(terms), ents, _norm(ents), nums, _norm(nums), _salient(p, state), _known(p),
                   state.doc_count)


def _cos(a: dict[str, float], na: float, b: dict[str, float], nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return max(0.0, dot / (na * nb))


def signals(a: StoryProfile, b: StoryProfile, state: "ClusterState", config: "ClusterConfig",
            va: Vectors | None = None, vb: Vectors | None = None) -> dict[str, float]:
    """Every signal between two profiles (an article is a one-member profile).

    ``va``/``vb`` are precomputed :func:`vectors` of ``a``/``b`` (computed here when absent).
    """
    va = va or vectors(a, state)
    vb = vb or vectors(b, state)
    ca, cb = a.centroid, b.centroid
    denom = float(np.linalg.norm(ca) * np.linalg.norm(cb)) or 1.0
    emb = max(0.0, float(np.dot(ca, cb)) / denom)
    out = {
        "embedding": emb,
        "tfidf": _cos(va.terms, va.terms_norm, vb.terms, vb.terms_norm),
        "entities": _cos(va.ents, va.ents_norm, vb.ents, vb.ents_norm),
        "numbers": _cos(va.nums, va.nums_norm, vb.nums, vb.nums_norm),
        "conflict": conflict(a, b, state, config, va.salient, vb.salient, va.known, vb.known, explain=False)[0],
    }
    if a.first_time is not None and b.first_time is not None:
        assert a.last_time is not None and b.last_time is not None  # set together with first_time
        gap = min(abs(a.first_time - b.last_time), abs(b.first_time - a.last_time),
                  abs(a.first_time - b.first_time))
        if a.first_time <= b.last_time and b.first_time <= a.last_time:
            gap = 0.0
        out["time"] = math.exp(-(gap / 86400.0) / config.time_decay_days)
    return out


def combine(sig: dict[str, float], config: "ClusterConfig") -> float:
    """The documented weighted sum (see module docstring)."""
    score = (config.w_embedding * sig["embedding"] + config.w_tfidf * sig["tfidf"]
             + config.w_entities * sig["entities"] + config.w_numbers * sig["numbers"]
             - config.w_conflict * sig["conflict"])
    if "time" in sig:
        score *= config.time_floor + (1.0 - config.time_floor) * sig["time"]
    return score
