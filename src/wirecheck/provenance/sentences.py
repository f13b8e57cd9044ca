"""Sentence alignment between the articles of one story.

Candidate sentence pairs come from cheap overlap (shared content words and
numbers, through a sparse inverted index, so pairs with nothing in common are
never scored); each candidate is then scored with :func:`pair_score` (MiniLM
cosine blended with token Jaccard, with penalties when numbers or names
disagree). Per article pair, pairs are matched one-to-one, best first: a pair
reaching ``sentence_similarity`` (the standalone paraphrase rule) is kept; a
weaker one down to ``align_similarity`` only when each sentence is the other's
best match in that article. Looser pairs, for shared origins only, are kept
apart: cosine at least ``loose_similarity``, a shared number or name (or the
standalone rule), each sentence the other's best match by cosine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from ..config import ProvenanceConfig
from ..records import Article, ArticleFeatures
from ..text import normalise_number, spacy_stop_words

if TYPE_CHECKING:
    import numpy as np

_WORD_RE = re.compile(r"[^\W_]+(?:[.,]\d+)*", re.UNICODE)
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?:^|(?<=\s))'[^']{8,}'(?!\w)")
_NAME_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b")


@dataclass(slots=True)
class SentenceInfo:
    """Cheap per-sentence features used for candidates and scoring."""

    article: int  # index of the article in the story
    index: int  # sentence index in the article
    start: int
    end: int
    tokens: frozenset[str]  # lowercased word tokens (all words)
    keys: frozenset[str]  # content words cut to six letters and "#"-marked numbers, for candidates
    numbers: frozenset[str]
    names: frozenset[str]  # capitalised words not opening the sentence
    quoted: bool = False  # mostly a direct quote (outlets hearing one speaker share it)
    words: int = 0  # number of word tokens


@dataclass(slots=True)
class PairAlignment:
    """Aligned sentences between two articles (indexes into the story's articles)."""

    a: int
    b: int
    pairs: list[tuple[int, int, float]] = field(default_factory=list)  # (sent_a, sent_b, score)
    # looser pairs, for shared origin only: each other's best match by cosine, cosine at least
    # ``loose_similarity``, sharing a number or a name (or passing the standalone rule)
    loose: list[tuple[int, int, float]] = field(default_factory=list)


def sentence_info(text: str, article: int = 0, index: int = 0, start: int = 0,
                  stop: frozenset[str] | None = None) -> SentenceInfo:
    """Tokens, content keys, numbers and names of one sentence."""
    stop = spacy_stop_words() if stop is None else stop
    words = [w.lower() for w in _WORD_RE.findall(text)]
    numbers = frozenset(normalise_number(n) for n in _NUMBER_RE.findall(text))
    keys = {w[:6] for w in words if w.isalpha() and len(w) > 2 and w not in stop}
    keys |= {"#" + n for n in numbers}
    names = frozenset(m.lower() for m in _NAME_RE.findall(text) if m.lower() not in stop)
    inside = sum(len(m) for m in _QUOTE_RE.findall(text))
    return SentenceInfo(article, index, start, start + len(text), frozenset(words),
                        frozenset(keys), numbers, names, inside >= 0.5 * len(text), len(words))


def pair_score(a: SentenceInfo, b: SentenceInfo, cosine: float, config: ProvenanceConfig) -> float:
    """Paraphrase score of two sentences: blended cosine and Jaccard, less disagreement penalties."""
    union = len(a.tokens | b.tokens)
    jaccard = len(a.tokens & b.tokens) / union if union else 0.0
    w = config.paraphrase_cos_weight
    score = w * cosine + (1.0 - w) * jaccard
    if a.numbers and b.numbers and a.numbers != b.numbers:
        score -= config.number_penalty
    if a.names and b.names and not (a.names & b.names):
        score -= config.name_penalty
    return float(score)


def is_paraphrase(a_text: str, b_text: str, a_vec: "np.ndarray", b_vec: "np.ndarray",
                  config: ProvenanceConfig | None = None) -> tuple[bool, float]:
    """The aligner's decision rule for one sentence pair: ``(aligned, score)``.

    ``a_vec``/``b_vec`` are L2-normalised MiniLM embeddings of the two sentences.
    """
    config = config or ProvenanceConfig()
    stop = spacy_stop_words()
    score = pair_score(sentence_info(a_text, stop=stop), sentence_info(b_text, stop=stop),
                       float(a_vec @ b_vec), config)
    return score >= config.sentence_similarity, score


def story_sentences(articles: Sequence[Article], features: Sequence[ArticleFeatures]) -> list[SentenceInfo]:
    """:class:`SentenceInfo` for every sentence of every article, in story order."""
    stop = spacy_stop_words()
    out: list[SentenceInfo] = []
    for ai, (article, feats) in enumerate(zip(articles, features)):
        for s in feats.sentences:
            out.append(sentence_info(article.text[s.start:s.end], ai, s.index, s.start, stop))
    return out


def candidate_pairs(infos: Sequence[SentenceInfo], config: ProvenanceConfig) -> "np.ndarray":
    """Sentence pairs (rows ``i < j``, different articles) sharing enough rare keys.

    Sentences under ``min_sentence_words`` words take no part.

    Keys found in more than ``candidate_max_df`` of the story's sentences (and
    in more than 20 of them) are left out of the index, so the work follows the
    overlap between sentences, not the square of their number.
    """
    import numpy as np
    from scipy import sparse

    n = len(infos)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    df: dict[str, int] = {}
    short = config.min_sentence_words
    for info in infos:
        if info.words < short:
            continue
        for k in info.keys:
            df[k] = df.get(k, 0) + 1
    cap = max(20, int(config.candidate_max_df * n))
    vocab = {k: i for i, k in enumerate(sorted(k for k, c in df.items() if 1 < c <= cap))}
    rows, cols = [], []
    for r, info in enumerate(infos):
        if info.words < short:
            continue
        for k in info.keys:
            c = vocab.get(k)
            if c is not None:
                rows.append(r)
                cols.append(c)
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(vocab)))
    shared = sparse.triu(x @ x.T, k=1).tocoo()
    keep = shared.data >= config.candidate_min_shared
    i, j = shared.row[keep], shared.col[keep]
    art = np.array([info.article for info in infos])
    diff = art[i] != art[j]
    return np.stack([i[diff], j[diff]], axis=1).astype(np.int64)


def align_story(infos: Sequence[SentenceInfo], features: Sequence[ArticleFeatures],
                config: ProvenanceConfig) -> dict[tuple[int, int], PairAlignment]:
    """One-to-one sentence alignments for every article pair ``(a, b)``, ``a < b``, that has any."""
    import numpy as np

    pairs = candidate_pairs(infos, config)
    out: dict[tuple[int, int], PairAlignment] = {}
    if len(pairs) == 0:
        return out
    vectors = np.concatenate([f.sentence_embeddings for f in features if len(f.sentences)], axis=0)
    if vectors.shape[0] != len(infos):
        raise ValueError("sentence_embeddings must have one row per sentence of each article")
    cos = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    scored: dict[tuple[int, int], list[tuple[float, int, int]]] = {}
    loose: dict[tuple[int, int], list[tuple[float, int, int, float]]] = {}
    for (i, j), c in zip(pairs.tolist(), cos.tolist()):
        a, b = infos[i], infos[j]
        if b.article < a.article:
            a, b = b, a
        key = (a.article, b.article)
        score = pair_score(a, b, c, config)
        if c >= config.loose_similarity and (score >= config.sentence_similarity
                                             or a.numbers & b.numbers or a.names & b.names):
            loose.setdefault(key, []).append((c, a.index, b.index, score))
        if score >= config.align_similarity:
            scored.setdefault(key, []).append((score, a.index, b.index))
    for key, items in scored.items():
        best_a: dict[int, float] = {}
        best_b: dict[int, float] = {}
        for score, sa, sb in items:
            best_a[sa] = max(best_a.get(sa, -1.0), score)
            best_b[sb] = max(best_b.get(sb, -1.0), score)
        items.sort(key=lambda t: (-t[0], t[1], t[2]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        chosen = []
        for score, sa, sb in items:
            if sa in used_a or sb in used_b:
                continue
            if score < config.sentence_similarity and (score < best_a[sa] or score < best_b[sb]):
                continue  # a weaker pair only counts as each other's best match
            used_a.add(sa)
            used_b.add(sb)
            chosen.append((sa, sb, round(score, 4)))
        out[key] = PairAlignment(key[0], key[1], sorted(chosen))
    for key, loose_items in loose.items():
        out.setdefault(key, PairAlignment(key[0], key[1])).loose = _mutual_best(loose_items)
    return out


def _mutual_best(items: Sequence[tuple[float, int, int, float]]) -> list[tuple[int, int, float]]:
    """Pairs ``(sent_a, sent_b, score)`` whose two sentences are each other's best match by cosine."""
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for c, sa, sb, _ in items:
        best_a[sa] = max(best_a.get(sa, -1.0), c)
        best_b[sb] = max(best_b.get(sb, -1.0), c)
    chosen, used_a, used_b = [], set(), set()
    for c, sa, sb, score in sorted(items, key=lambda t: (-t[0], t[1], t[2])):
        if c >= best_a[sa] and c >= best_b[sb] and sa not in used_a and sb not in used_b:
            used_a.add(sa)
            used_b.add(sb)
            chosen.append((sa, sb, round(score, 4)))
    return sorted(chosen)


def order_share(pairs: Sequence[tuple[int, int, float]]) -> float:
    """Share of aligned pairs in order: the larger of the longest increasing run
    (global order) and the pairs with an in-order neighbour (order within paragraphs)."""
    import bisect

    if not pairs:
        return 0.0
    ordered = sorted(pairs)
    tails: list[int] = []
    for _, sb, _ in ordered:
        pos = bisect.bisect_left(tails, sb)
        if pos == len(tails):
            tails.append(sb)
        else:
            tails[pos] = sb
    lis = len(tails)
    index = {sa: sb for sa, sb, _ in ordered}
    local = sum(
        1 for sa, sb, _ in ordered
        if index.get(sa + 1) in (sb + 1, sb + 2) or index.get(sa - 1) in (sb - 1, sb - 2)
    )
    return max(lis, local) / len(ordered)
