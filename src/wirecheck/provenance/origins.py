"""Assemble one story's provenance: chosen edges, origin groups and per-article figures.

Each article keeps at most one copy/rewrite source (its best: copies before
rewrites, then the closest by containment and aligned similarity times
order kept, then the earlier source). Every chosen copy/rewrite edge whose
score reaches ``origin_threshold`` links its two articles into one origin
group; shared-origin edges are added after them, only when exclusive and
when they join two groups not already joined.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Sequence

from ..config import ProvenanceConfig
from ..dates import parse_datetime
from ..records import (
    Article, ArticleFeatures, ArticleProvenance, Derivation, ProvenanceResult,
    SentenceAlignment, SpanPair,
)
from .derive import Edge, copy_candidates, decide, pair_evidence, shingles
from .sentences import PairAlignment, SentenceInfo, align_story, story_sentences

_FAR_FUTURE = datetime.max.replace(tzinfo=timezone.utc)


def _time_key(article: Article) -> tuple:
    """Chronological sort key: dated articles by time, undated after them, ties by arrival."""
    t = parse_datetime(article.published)
    return (t is None, t or _FAR_FUTURE, article.seq, article.id)


class _Groups:
    """Union-find over article indexes, with the size of each group (at its root)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self.parent[max(ri, rj)] = min(ri, rj)
        self.size[min(ri, rj)] += self.size[max(ri, rj)]
        return True


def _spans(edge: Edge, alignment: PairAlignment | None, features: Sequence[ArticleFeatures]) -> list[SpanPair]:
    if not alignment:
        return []
    sd, ss = features[edge.derived].sentences, features[edge.source].sentences
    pairs = list(alignment.pairs)
    if edge.kind == "shared_origin":  # the looser, fact-sharing pairs are evidence too
        used_a, used_b = {p[0] for p in pairs}, {p[1] for p in pairs}
        pairs += [p for p in alignment.loose if p[0] not in used_a and p[1] not in used_b]
    out = []
    for sa, sb, score in pairs:
        d, s = (sa, sb) if alignment.a == edge.derived else (sb, sa)
        out.append(SpanPair(sd[d].start, sd[d].end, ss[s].start, ss[s].end, score))
    return sorted(out, key=lambda p: p.start)


def _choose_edges(edges: list[Edge], articles: Sequence[Article], config: ProvenanceConfig,
                  strength: dict[tuple[int, int], float]) -> tuple[list[Edge], _Groups]:
    rank = {"copy": 0, "rewrite": 1}
    order = {i: k for k, i in enumerate(sorted(range(len(articles)), key=lambda i: _time_key(articles[i])))}
    best: dict[int, Edge] = {}
    for e in edges:
        if e.kind not in rank:
            continue
        cur = best.get(e.derived)
        key = (rank[e.kind], -e.rank, order[e.source])
        if cur is None or key < (rank[cur.kind], -cur.rank, order[cur.source]):
            best[e.derived] = e
    groups = _Groups(len(articles))
    chosen = sorted(best.values(), key=lambda e: (order[e.derived], order[e.source]))
    for e in chosen:
        if e.score >= config.origin_threshold:
            groups.union(e.derived, e.source)
    shared = sorted((e for e in edges if e.kind == "shared_origin"),
                    key=lambda e: (-e.score, order[e.derived], order[e.source]))
    neighbours: dict[int, list[tuple[int, float]]] = {}  # each article's pairs: (the other article, strength)
    for (x, y), value in strength.items():
        neighbours.setdefault(x, []).append((y, value))
        neighbours.setdefault(y, []).append((x, value))
    for e in shared:
        if not _exclusive(e, neighbours, groups, config):  # thresholds already met in decide()
            continue
        if groups.union(e.derived, e.source):
            chosen.append(e)
    return chosen, groups


def _exclusive(e: Edge, neighbours: dict[int, list[tuple[int, float]]], groups: _Groups,
               config: ProvenanceConfig) -> bool:
    """Whether two articles align with each other far more than with the rest of the story.

    Independent reports of one event share facts with every other report; two
    rewrites of one unseen original share far more with each other than with
    anyone else. Articles already grouped with either side (their copies and
    rewrites) are not "the rest". ``neighbours`` holds each article's pairs with
    their closeness (:attr:`PairEvidence.closeness`), so the test reads only the
    pairs touching the two sides, not every pair of the story.
    """
    a, b = e.derived, e.source
    own = {groups.find(a), groups.find(b)}
    if sum(groups.size[g] for g in own) == len(groups.parent):
        # nobody else to compare with: exclusivity cannot be shown, so only a strong
        # shared selection of facts will do (two independent reports share many facts)
        return e.score >= config.shared_alone
    rest = 0.0
    for side in (a, b):
        for other, value in neighbours.get(side, ()):
            if other not in (a, b) and groups.find(other) not in own:
                rest = max(rest, value)
    return e.score >= config.shared_exclusivity * rest


def _article_figures(infos: Sequence[SentenceInfo], alignments: dict[tuple[int, int], PairAlignment],
                     articles: Sequence[Article], config: ProvenanceConfig) -> list[ArticleProvenance]:
    n = len(articles)
    rank = {i: k for k, i in enumerate(sorted(range(n), key=lambda i: _time_key(articles[i])))}
    aligned_earlier: list[set[int]] = [set() for _ in range(n)]
    for (a, b), al in alignments.items():
        later = b if rank[b] > rank[a] else a
        for pair in al.pairs:
            aligned_earlier[later].add(pair[0] if later == a else pair[1])
    by_article: list[list[SentenceInfo]] = [[] for _ in range(n)]
    for info in infos:
        by_article[info.article].append(info)
    out: dict[int, ArticleProvenance] = {}
    seen_keys: set[str] = set()  # content words and numbers of the articles before this one
    seen_names: set[str] = set()
    for i in sorted(range(n), key=rank.__getitem__):
        sents = by_article[i]
        gain = []
        for info in sents:
            if info.index in aligned_earlier[i] or info.words < config.min_sentence_words:
                continue
            new_numbers = {k for k in info.keys if k.startswith("#")} - seen_keys
            new_names = info.names - seen_names
            words = [k for k in info.keys if not k.startswith("#")]
            new_words = [k for k in words if k not in seen_keys]
            if new_numbers or new_names or (words and len(new_words) >= 0.5 * len(words)):
                gain.append(info.index)
        total = max(1, sum(1 for info in sents if info.words >= config.min_sentence_words))
        share = len(aligned_earlier[i]) / total
        likely = (rank[i] > 0 and share >= config.likely_rewrite_coverage
                  and len(gain) / total <= config.likely_rewrite_gain)
        out[i] = ArticleProvenance(articles[i].id, round(share, 4), gain, likely)
        for info in sents:
            seen_keys |= info.keys
            seen_names |= info.names
    return [out[i] for i in range(n)]


def analyse_provenance(articles: list[Article], features: list[ArticleFeatures],
                       config: ProvenanceConfig | None = None) -> ProvenanceResult:
    """Copies, rewrites, shared origins, origin groups and per-article figures for one story.

    ``features[i]`` belongs to ``articles[i]``. Deterministic for a given input.
    """
    config = config or ProvenanceConfig()
    n = len(articles)
    if n == 0:
        return ProvenanceResult()
    infos = story_sentences(articles, features)
    alignments = align_story(infos, features, config)
    containment = copy_candidates([shingles(a.text, config.shingle_size) for a in articles], config)
    quoted = {(i.article, i.index) for i in infos if i.quoted}
    counted = [0] * n  # sentences long enough to align, per article
    for info in infos:
        counted[info.article] += info.words >= config.min_sentence_words
    edges: list[Edge] = []
    strength: dict[tuple[int, int], float] = {}  # closeness (PairEvidence.closeness), per pair
    for key in sorted(set(alignments) | set(containment)):
        a, b = key
        ev = pair_evidence(a, b, counted[a], counted[b],
                           alignments.get(key), containment.get(key), config, quoted)
        strength[key] = ev.closeness
        edge = decide(ev, articles, config)
        if edge:
            edges.append(edge)
    chosen, groups = _choose_edges(edges, articles, config, strength)
    derivations = []
    for e in chosen:
        key = (min(e.derived, e.source), max(e.derived, e.source))
        derivations.append(Derivation(
            article=articles[e.derived].id, derived_from=articles[e.source].id, kind=e.kind,
            score=e.score, direction_known=e.direction_known,
            evidence=_spans(e, alignments.get(key), features), reason=e.reason,
        ))
    members: dict[int, list[int]] = {}
    for i in sorted(range(n), key=lambda i: _time_key(articles[i])):
        members.setdefault(groups.find(i), []).append(i)
    origins = [[articles[i].id for i in group] for group in members.values()]
    result_alignments = []
    for (a, b), al in sorted(alignments.items()):
        if not al.pairs:
            continue
        spans = [SpanPair(features[a].sentences[sa].start, features[a].sentences[sa].end,
                          features[b].sentences[sb].start, features[b].sentences[sb].end, s)
                 for sa, sb, s in al.pairs]
        result_alignments.append(SentenceAlignment(
            articles[a].id, articles[b].id, spans,
            round(len(al.pairs) / max(1, counted[a]), 4),
            round(len(al.pairs) / max(1, counted[b]), 4),
        ))
    return ProvenanceResult(derivations, origins, _article_figures(infos, alignments, articles, config),
                            result_alignments)
