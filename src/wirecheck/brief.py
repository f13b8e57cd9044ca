"""An extractive brief where every sentence cites the articles that support it.

Sentences of all articles (of ``config.min_words`` to ``config.max_words`` words) are grouped
into facts by embedding similarity: in story order, each sentence not yet in a
fact takes, most similar first, the sentences of other articles at least
``config.similarity`` to it that are in no fact yet, one per article. A fact scores by
how many origin groups carry it, then by how early it comes in its articles
(news puts what matters first). The brief takes the best few facts, each worded
by its sentence in the first article (arrival order) that carries it, in story
order (that article, then the sentence's place in it), citing every article
that carries the fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .config import BriefConfig
from .records import Article, ArticleFeatures, BriefSentence, Claim


@dataclass(slots=True)
class _Fact:
    members: list[tuple[int, int]]  # (article position, sentence index)


def build_brief(
    articles: Sequence[Article], features: Sequence[ArticleFeatures],
    origins: Sequence[Sequence[str]], config: BriefConfig,
) -> list[BriefSentence]:
    """Pick up to ``config.sentences`` cited sentences that best summarise a story.

    ``articles`` and ``features`` are parallel, in arrival order; ``origins`` are provenance's origin
    groups. Sentences of ``config.min_words`` to ``config.max_words`` words are candidates; two articles'
    sentences state one fact at embedding cosine ``config.similarity`` or more.
    """
    import numpy as np

    similarity = config.similarity

    rows, vectors = [], []
    for ai, (article, feats) in enumerate(zip(articles, features)):
        for s in feats.sentences:
            words = len(article.text[s.start:s.end].split())
            if config.min_words <= words <= config.max_words and s.index < len(feats.sentence_embeddings):
                rows.append((ai, s.index))
                vectors.append(feats.sentence_embeddings[s.index])
    if not rows:
        return []
    matrix = np.vstack(vectors)
    sims = matrix @ matrix.T
    group_of = {aid: g for g, group in enumerate(origins) for aid in group}

    facts: list[_Fact] = []
    assigned = np.full(len(rows), -1)
    for i, (ai, _) in enumerate(rows):
        if assigned[i] >= 0:
            continue
        members = [i]
        taken = {ai}
        row = sims[i]
        close = np.flatnonzero(~(row < similarity))  # only the sentences at least ``similarity`` to it...
        for j in close[np.argsort(-row[close], kind="stable")].tolist():  # ...most similar first
            if j == i or assigned[j] >= 0:
                continue
            if rows[j][0] in taken:
                continue
            members.append(j)
            taken.add(rows[j][0])
        for j in members:
            assigned[j] = len(facts)
        facts.append(_Fact([rows[j] for j in members]))

    def score(fact: _Fact) -> tuple[float, float]:
        origins_count = len({group_of.get(articles[ai].id, articles[ai].id) for ai, _ in fact.members})
        position = min(si for _, si in fact.members)
        return origins_count + 1.0 / (1 + position), -position

    chosen = sorted(facts, key=score, reverse=True)[: config.sentences]
    out = []
    for fact in sorted(chosen, key=lambda f: min((ai, si) for ai, si in f.members)):
        ai, si = min(fact.members)
        article = articles[ai]
        sentence = features[ai].sentences[si]
        citations = sorted({articles[a].id for a, _ in fact.members},
                           key=lambda aid: next(k for k, a in enumerate(articles) if a.id == aid))
        out.append(BriefSentence(
            text=article.text[sentence.start:sentence.end], citations=citations,
            article=article.id, start=sentence.start, end=sentence.end,
        ))
    return out


def cite_supporting(brief: Sequence[BriefSentence], claims: Sequence[Claim], tolerance: float) -> list[BriefSentence]:
    """The brief with each sentence citing only articles that back it and contradict none of it.

    A sentence's facts are the claims with a support inside it. Another article is cited when it reports
    at least one of them and, for each one it reports, neither denies it nor gives a figure incompatible
    with the sentence's own (an article saying "two dead" is not cited for "five dead", however similar
    the sentences). With no claim inside the sentence, the citations stand as the grouping found them.
    """
    from .align import as_percent, values_consistent

    out = []
    for b in brief:
        own = [(c, s) for c in claims for s in c.support
               if s.article == b.article and b.start <= s.start and s.end <= b.end]
        keep = []
        for aid in b.citations:
            backs, conflicts = False, False
            for c, mine in own:
                theirs = next((s for s in c.support if s.article == aid), None)
                if theirs is None:
                    continue
                if theirs.certainty == "denied" or (
                        mine.quantity is not None and theirs.quantity is not None and not values_consistent(
                            as_percent(mine.quantity), as_percent(theirs.quantity), tolerance)):
                    conflicts = True
                else:
                    backs = True
            if aid == b.article or not own or (backs and not conflicts):
                keep.append(aid)
        out.append(BriefSentence(b.text, keep, b.article, b.start, b.end))
    return out
