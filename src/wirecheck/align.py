"""Align claim mentions across the articles of one story into claims with support.

A quantity claim groups mentions that count the same thing (same type and
unit, same counted noun, no conflicting predicate, similar sentences); quotes
group by the quoted words; statements group by sentence-embedding similarity.
Each claim's ``independent_support`` counts origin groups (from provenance),
not articles, so ten copies of one wire story are one source.

Status: ``disputed`` when supports conflict (values that cannot both hold, or
one outlet denies what another asserts), ``corroborated`` with two or more
independent origins, else ``single_source``. The conflicts themselves become
:class:`~wirecheck.records.Discrepancy` records in :mod:`wirecheck.discrepancy`.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .config import AlignConfig
from .names import same_person
from .records import Article, ArticleClaims, ArticleFeatures, Claim, ClaimMention, Quantity, Support

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from"}


def singular(word: str) -> str:
    """A crude singular of an English noun, enough to match 'drones' with 'drone'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


SPECIFIC_VALUE = 20  # figures at least this large rarely agree by chance

# Predicates outlets use interchangeably for one event role. Two predicates in one
# class are the same; in two different classes they are different claims.
PREDICATE_CLASSES = {
    "killed": {"kill", "killed", "killing", "die", "died", "dead", "perish", "perished", "claim", "claimed"},
    "injured": {"injure", "injured", "injuring", "hurt", "wound", "wounded", "wounding", "hospitalise",
                "hospitalised", "hospitalize", "hospitalized"},
    "launched": {"launch", "launched", "fire", "fired", "send", "sent", "target", "targeted", "attack",
                 "attacked", "strike", "struck", "hit", "aim", "aimed"},
    "intercepted": {"intercept", "intercepted", "shoot", "shot", "down", "downed", "destroy", "destroyed",
                    "neutralise", "neutralised", "neutralize", "neutralized"},
    "missing": {"missing", "miss"},
    "evacuated": {"evacuate", "evacuated", "displace", "displaced", "flee", "fled", "leave", "left", "force",
                  "forced", "relocate", "relocated"},
    "arrested": {"arrest", "arrested", "detain", "detained", "hold", "held", "charge", "charged"},
}
_PREDICATE_CLASS = {w: c for c, words in PREDICATE_CLASSES.items() for w in words}


def predicate_relation(a: str | None, b: str | None) -> str:
    """``same``, ``opposed`` (known, different roles) or ``unknown`` for two predicates."""
    if not a or not b:
        return "unknown"
    a, b = a.lower().split()[0], b.lower().split()[0]
    if a == b:
        return "same"
    ca, cb = _PREDICATE_CLASS.get(a), _PREDICATE_CLASS.get(b)
    if ca and cb:
        return "same" if ca == cb else "opposed"
    return "unknown"


def noun_tokens(noun: str) -> set[str]:
    """Content tokens of a counted noun phrase, singularised."""
    return {singular(w) for w in _WORD.findall(noun.lower()) if w not in _STOP}


def interval(q: Quantity, tolerance: float) -> tuple[float, float]:
    """The values a quantity as worded allows: 'more than 200' → (200, inf)."""
    v = q.value
    if q.high is not None and q.high > v:  # a range: "10 to 20", "hundreds of"
        lo, hi = (v * (1 - tolerance), q.high * (1 + tolerance)) if q.bound == "about" else (v, q.high)
        return lo, hi
    if q.bound == "about":
        return v * (1 - tolerance), v * (1 + tolerance)
    if q.bound in ("at_least", "more_than"):
        return v, math.inf
    if q.bound in ("at_most", "less_than"):
        return -math.inf, v
    return v, v


def values_consistent(a: Quantity, b: Quantity, tolerance: float) -> bool:
    """Whether two wordings of a figure can both be true ('212' and 'more than 200' can)."""
    lo_a, hi_a = interval(a, tolerance)
    lo_b, hi_b = interval(b, tolerance)
    if a.bound == "more_than" and b.bound == "exact" and b.value <= a.value:
        return False
    if b.bound == "more_than" and a.bound == "exact" and a.value <= b.value:
        return False
    if a.bound == "less_than" and b.bound == "exact" and b.value >= a.value:
        return False
    if b.bound == "less_than" and a.bound == "exact" and a.value >= b.value:
        return False
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


@dataclass
class _Group:
    kind: str
    mentions: list[ClaimMention] = field(default_factory=list)
    vectors: list["np.ndarray"] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.mentions}


def _sentence_vector(features: ArticleFeatures, mention: ClaimMention):
    import numpy as np

    idx = mention.sentence_index
    if 0 <= idx < len(features.sentence_embeddings):
        return features.sentence_embeddings[idx]
    # fall back to the sentence containing the mention's start
    for s in features.sentences:
        if s.start <= mention.start < s.end and s.index < len(features.sentence_embeddings):
            return features.sentence_embeddings[s.index]
    return np.zeros(features.sentence_embeddings.shape[1] if features.sentence_embeddings.ndim == 2 else 384,
                    dtype=np.float32)


def _similarity(group: _Group, vector) -> float:
    import numpy as np

    if not group.vectors:
        return 0.0
    return float(max(np.dot(v, vector) for v in group.vectors))


def _quantity_match(group: _Group, m: ClaimMention, sim: float, cfg: AlignConfig) -> float:
    """A match score in [0, 1] between a quantity mention and a group (0 = no match).

    Same type, unit and counted noun are required. Outlets reword predicates
    ("launched", "sent", "fired"), so a different predicate only raises the bar
    on sentence similarity. A figure that cannot agree with the group's needs
    the same predicate and a near-identical sentence: then it is the same claim,
    disputed; otherwise it is another claim ("launched 212" vs "intercepted 180").
    """
    q = m.quantity
    assert q is not None
    nouns_a = noun_tokens(q.noun)
    best = 0.0
    for other in group.mentions:
        o = other.quantity
        if o is None or o.type != q.type or (o.unit or "") != (q.unit or ""):
            continue
        nouns_b = noun_tokens(o.noun)
        if not nouns_a or not nouns_b or not (nouns_a & nouns_b):
            continue
        overlap = len(nouns_a & nouns_b) / len(nouns_a | nouns_b)
        relation = predicate_relation(q.predicate, o.predicate)
        if relation == "opposed":
            continue  # "killed" is never "injured", "launched" never "intercepted"
        same_predicate = relation == "same"
        differ = relation == "unknown"
        if values_consistent(q, o, cfg.value_tolerance):
            # agreeing on a large figure is itself strong evidence; small numbers agree by chance
            needed = cfg.noun_similarity if differ else cfg.noun_similarity * 0.6
            if min(abs(q.value), abs(o.value)) >= SPECIFIC_VALUE:
                needed *= 0.6
            if sim < needed:
                continue
            score = 0.4 * overlap + 0.4 * sim + (0.2 if same_predicate else 0.1)
        else:
            if differ or sim < cfg.statement_similarity:
                continue
            score = 0.4 * overlap + 0.4 * sim
        best = max(best, score)
    return best


def _quote_tokens(m: ClaimMention) -> set[str]:
    text = m.quote.text if m.quote else m.text
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _quote_match(group: _Group, m: ClaimMention) -> float:
    mine = _quote_tokens(m)
    best = 0.0
    for other in group.mentions:
        theirs = _quote_tokens(other)
        if not mine or not theirs:
            continue
        containment = len(mine & theirs) / min(len(mine), len(theirs))
        if containment >= 0.6:
            best = max(best, containment)
    return best


def _claim_id(story_key: str, m: ClaimMention, taken: set[str]) -> str:
    """A stable id from the claim's first mention (the phrase, not just its sentence)."""
    inner = m.quantity or m.quote
    where = f"{inner.start}-{inner.end}" if inner is not None else ""
    seed = f"{story_key}|{m.article_id}|{m.kind}|{m.start}|{m.end}|{where}"
    while True:
        cid = "c-" + hashlib.sha1(seed.encode()).hexdigest()[:12]
        if cid not in taken:
            taken.add(cid)
            return cid
        seed += "'"


def align_claims(
    articles: Sequence[Article], features: Sequence[ArticleFeatures],
    claims: Sequence[ArticleClaims], origins: Sequence[Sequence[str]], config: AlignConfig,
) -> list[Claim]:
    """Group the claim mentions of a story's articles into aligned claims with support.

    ``articles``, ``features`` and ``claims`` are parallel and in arrival order;
    ``origins`` are provenance's origin groups (every article in one group).
    """
    feats = {f.article_id: f for f in features}
    order = {a.id: i for i, a in enumerate(articles)}
    group_of = {aid: g for g, group in enumerate(origins) for aid in group}
    mentions = sorted(
        (m for c in claims for m in c.mentions),
        key=lambda m: (order.get(m.article_id, 0), m.start),
    )
    groups: list[_Group] = []
    for m in mentions:
        vector = _sentence_vector(feats[m.article_id], m)
        best, best_score = None, 0.0
        for g in groups:
            if g.kind != m.kind or m.article_id in g.articles:
                continue
            sim = _similarity(g, vector)
            if m.kind == "quantity":
                score = _quantity_match(g, m, sim, config)
            elif m.kind == "quote":
                score = _quote_match(g, m)
            else:
                score = sim if sim >= config.statement_similarity else 0.0
            if score > best_score:
                best, best_score = g, score
        if best is None:
            best = _Group(m.kind)
            groups.append(best)
        best.mentions.append(m)
        best.vectors.append(vector)

    story_key = articles[0].id if articles else ""
    out: list[Claim] = []
    taken: set[str] = set()
    for g in groups:
        first = g.mentions[0]
        support = [
            Support(article=m.article_id, start=m.start, end=m.end, text=m.text,
                    certainty=m.certainty, attributed_to=m.attributed_to, cue=m.cue,
                    quantity=m.quantity)
            for m in g.mentions
        ]
        independent = len({group_of.get(m.article_id, m.article_id) for m in g.mentions})
        claim = Claim(
            id=_claim_id(story_key, first, taken), kind=g.kind, text=first.text,
            quantity=_representative_quantity(g), quote=first.quote, support=support,
            independent_support=independent,
        )
        claim.status = claim_status(claim, config)
        out.append(claim)
    return out


def _representative_quantity(group: _Group) -> Quantity | None:
    """The most precise wording: an exact figure beats a bounded one; earliest wins ties."""
    quantities = [m.quantity for m in group.mentions if m.quantity is not None]
    if not quantities:
        return None
    exact = [q for q in quantities if q.bound == "exact"]
    return (exact or quantities)[0]


def claim_status(claim: Claim, config: AlignConfig) -> str:
    """``disputed`` when supports conflict, ``corroborated`` with ≥ 2 origins, else ``single_source``."""
    certainties = {s.certainty for s in claim.support}
    if "denied" in certainties and certainties - {"denied"}:
        return "disputed"
    quantities = [s.quantity for s in claim.support if s.quantity is not None]
    for i, a in enumerate(quantities):
        for b in quantities[i + 1:]:
            if not values_consistent(a, b, config.value_tolerance):
                return "disputed"
    if claim.kind == "quote":
        speakers = sorted({s.attributed_to for s in claim.support if s.attributed_to})
        if any(not same_person(a, b) for a in speakers for b in speakers if a < b):
            return "disputed"
    return "corroborated" if claim.independent_support >= 2 else "single_source"
