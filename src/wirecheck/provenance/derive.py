"""Derivation edges between two articles: copy, rewrite or shared origin, with a direction.

* ``copy``: near-verbatim. Candidate pairs come from MinHash LSH over word
  shingles; a pair is a copy when the exact shingle containment of one side in
  the other reaches ``copy_containment``.
* ``rewrite``: at least ``min_aligned`` sentences aligned (direct quotes not
  counted), mostly in order, and
  one side has ``rewrite_coverage`` of its sentences aligned to the other.
* ``shared_origin``: neither covers the other, but both sides have at least
  ``shared_coverage`` of their sentences (and ``shared_min_strong``) aligned in
  order by pairs that pass the standalone paraphrase rule, not counting direct
  quotes (reporters who hear one speaker share quotes without sharing a
  source): two rewrites of one unseen original. Or, at the fact level: their
  looser alignment (sentences that are each other's best match with cosine
  at least ``loose_similarity`` and share a number or a name or pass the
  standalone rule, quotes left out; at least ``shared_min_loose`` pairs, in
  order, with at least one aligned pair passing the standalone rule) weighs
  at least ``shared_loose_weight`` of the larger side. Either way the edge
  only joins origins when it is exclusive (see ``origins``).

Direction comes from evidence, strongest first: an "originally appeared"
line or a wire credit naming the other outlet, the publication times, then
which side carries more of the shared material. Without any, the later
arrival is named as derived and ``direction_known`` is false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AbstractSet, Sequence

from ..config import ProvenanceConfig
from ..dates import parse_datetime
from ..records import Article, DerivationKind
from .sentences import PairAlignment, order_share

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(slots=True)
class PairEvidence:
    """What two articles share: copy containment and sentence alignment figures."""

    a: int
    b: int
    containment_a: float = 0.0  # share of a's shingles found in b
    containment_b: float = 0.0
    coverage_a: float = 0.0  # share of a's sentences aligned to b
    coverage_b: float = 0.0
    aligned: int = 0
    order: float = 0.0
    weighted_a: float = 0.0  # similarity-weighted share of a's sentences aligned to b
    weighted_b: float = 0.0
    strong: int = 0  # aligned pairs passing the standalone rule, direct quotes left out
    unquoted: int = 0  # aligned pairs, direct quotes left out
    n_a: int = 0  # sentences counted on each side
    n_b: int = 0
    loose: int = 0  # looser (fact-sharing, mutual best) pairs, direct quotes left out
    loose_order: float = 0.0
    loose_weight: float = 0.0  # their summed score over the larger side's sentences

    @property
    def closeness(self) -> float:
        """How much of the larger side the two share: closely aligned share or loose weight."""
        return max(self.strong / max(1, self.n_a, self.n_b), self.loose_weight)


@dataclass(slots=True)
class Edge:
    """A decided edge: ``derived`` takes from ``source`` (indexes into the story)."""

    derived: int
    source: int
    kind: DerivationKind
    score: float
    direction_known: bool
    reason: str
    rank: float = 0.0  # how close the two are, to pick the best of several sources


def shingles(text: str, size: int) -> set[str]:
    """Word ``size``-grams of the lowercased text (the whole text when shorter)."""
    words = [w.lower() for w in _TOKEN_RE.findall(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def copy_candidates(shingle_sets: Sequence[set[str]], config: ProvenanceConfig
                    ) -> dict[tuple[int, int], tuple[float, float]]:
    """Copy containment ``(a in b, b in a)`` for pairs found by MinHash LSH, checked exactly."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=config.copy_lsh_threshold, num_perm=config.num_perm)
    hashes = []
    for i, sh in enumerate(shingle_sets):
        m = MinHash(num_perm=config.num_perm, seed=1)
        m.update_batch([s.encode("utf-8") for s in sh])
        hashes.append(m)
        if sh:
            lsh.insert(str(i), m)
    out: dict[tuple[int, int], tuple[float, float]] = {}
    for i, m in enumerate(hashes):
        if not shingle_sets[i]:
            continue
        for key in lsh.query(m):
            j = int(key)
            if j <= i:
                continue
            common = len(shingle_sets[i] & shingle_sets[j])
            out[(i, j)] = (common / len(shingle_sets[i]), common / len(shingle_sets[j]))
    return out


def pair_evidence(a: int, b: int, n_a: int, n_b: int, alignment: PairAlignment | None,
                  containment: tuple[float, float] | None, config: ProvenanceConfig,
                  quoted: AbstractSet[tuple[int, int]] = frozenset()) -> PairEvidence:
    """Combine copy containment and sentence alignment for the pair ``a < b``.

    ``quoted`` holds ``(article, sentence)`` of sentences that are mostly a direct quote.
    """
    ev = PairEvidence(a, b, n_a=n_a, n_b=n_b)
    if containment:
        ev.containment_a, ev.containment_b = containment
    if alignment and alignment.pairs:
        ev.aligned = len(alignment.pairs)
        ev.coverage_a = ev.aligned / max(1, n_a)
        ev.coverage_b = ev.aligned / max(1, n_b)
        ev.order = order_share(alignment.pairs)
        total = sum(score for _, _, score in alignment.pairs)
        ev.weighted_a = total / max(1, n_a)
        ev.weighted_b = total / max(1, n_b)
        plain = [score for sa, sb, score in alignment.pairs
                 if (a, sa) not in quoted and (b, sb) not in quoted]
        ev.unquoted = len(plain)
        ev.strong = sum(1 for score in plain if score >= config.sentence_similarity)
    if alignment and alignment.loose:
        plain_loose = [(sa, sb, score) for sa, sb, score in alignment.loose
                       if (a, sa) not in quoted and (b, sb) not in quoted]
        ev.loose = len(plain_loose)
        ev.loose_order = order_share(plain_loose)
        ev.loose_weight = sum(score for _, _, score in plain_loose) / max(1, n_a, n_b)
    return ev


def _names_outlet(text: str | None, other: Article) -> bool:
    if not text:
        return False
    text = text.lower()
    names = [n.lower() for n in (other.outlet,) if n]
    if other.url:
        host = re.sub(r"^https?://(www\.)?", "", other.url.lower()).split("/")[0]
        if host:
            names.append(host)
    return any(n and (n in text) for n in names)


def _credits_outlet(article: Article, other: Article) -> str | None:
    """The wire credit of ``article`` naming ``other``'s outlet (full name, a word of it, or initials)."""
    if not other.outlet:
        return None
    outlet = other.outlet.lower()
    words = [w for w in _TOKEN_RE.findall(outlet) if w not in {"the", "of", "and"}]
    initials = "".join(w[0] for w in words)
    for credit in article.clues.wire_credits:
        c = credit.lower().strip().strip("()")
        if c and (c == outlet or c in words or outlet in c or c == initials
                  or (len(c) > 3 and c in outlet)):
            return credit
    return None


def _hours(delta_seconds: float) -> str:
    hours = delta_seconds / 3600
    return f"{hours:.0f}h" if hours >= 1 else f"{delta_seconds / 60:.0f} min"


def direction(x: Article, y: Article, cover_x: float, cover_y: float) -> tuple[bool, bool, list[str]]:
    """Decide whether ``x`` derives from ``y``: ``(x_is_derived, known, reasons)``."""
    for first, second, flip in ((x, y, False), (y, x, True)):
        if _names_outlet(first.clues.originally_appeared, second):
            return (not flip), True, [f"says it originally appeared at {second.outlet or second.url}"]
    for first, second, flip in ((x, y, False), (y, x, True)):
        credit = _credits_outlet(first, second)
        if credit:
            return (not flip), True, [f"carries wire credit {credit}"]
    tx, ty = parse_datetime(x.published), parse_datetime(y.published)
    if tx and ty and abs((tx - ty).total_seconds()) >= 60:
        later = tx > ty
        return later, True, [f"published {_hours(abs((tx - ty).total_seconds()))} later"]
    if abs(cover_x - cover_y) >= 0.2:
        return cover_x > cover_y, True, ["the other side carries more of the shared material"]
    x_later = (x.seq, x.id) > (y.seq, y.id)
    return x_later, False, ["no evidence of direction (named the later arrival as derived)"]


def decide(ev: PairEvidence, articles: Sequence[Article], config: ProvenanceConfig) -> Edge | None:
    """The edge for one article pair, or None when they are not related."""
    xa, xb = articles[ev.a], articles[ev.b]
    copy_score = max(ev.containment_a, ev.containment_b)
    cover = max(ev.coverage_a, ev.coverage_b)
    related = ev.unquoted >= config.min_aligned and ev.order >= config.order_min
    kind: DerivationKind
    if copy_score >= config.copy_containment:
        kind, score = "copy", copy_score
        cx, cy = ev.containment_a, ev.containment_b
        what = f"{copy_score:.0%} of word 5-grams shared verbatim"
    elif related and cover >= config.rewrite_coverage:
        kind, score = "rewrite", cover
        cx, cy = ev.coverage_a, ev.coverage_b
        what = f"{cover:.0%} of sentences aligned ({ev.order:.0%} in order)"
    elif (ev.strong >= config.shared_min_strong and ev.order >= config.order_min
          and ev.strong >= config.shared_coverage * max(ev.n_a, ev.n_b)):
        kind, score = "shared_origin", ev.closeness
        cx, cy = ev.coverage_a, ev.coverage_b
        what = (f"{ev.strong} sentences closely aligned in order ({ev.coverage_a:.0%} and "
                f"{ev.coverage_b:.0%} of each aligned), neither covering the other")
    elif (ev.strong >= 1 and ev.loose >= config.shared_min_loose and ev.loose_order >= config.order_min
          and ev.loose_weight >= config.shared_loose_weight):
        kind, score = "shared_origin", ev.closeness
        cx, cy = ev.coverage_a, ev.coverage_b
        what = (f"{ev.loose} sentences sharing the same figures or names in order "
                f"({ev.strong} closely aligned), neither covering the other")
    else:
        return None
    a_derived, known, reasons = direction(xa, xb, cx, cy)
    if kind == "shared_origin":
        known = False
        reasons = ["both look derived from one original not in the story"]
    derived, source = (ev.a, ev.b) if a_derived else (ev.b, ev.a)
    rank = max(ev.containment_a, ev.containment_b) + (ev.weighted_a if a_derived else ev.weighted_b) * ev.order
    return Edge(derived, source, kind, round(score, 4), known, "; ".join([what, *reasons]), rank)
