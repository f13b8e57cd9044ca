"""Analyse one story: provenance, aligned claims, discrepancies, brief and entities.

A pure function over the story's records; the pipeline loads them from the
store and saves the resulting :class:`~wirecheck.records.StoryAnalysis`.
"""

from __future__ import annotations

from typing import Sequence

from .align import align_claims, claim_rank
from .brief import build_brief, cite_supporting
from .config import Config
from .contributions import article_contributions
from .discrepancy import find_discrepancies
from .entities import story_entities
from .records import Article, ArticleClaims, ArticleFeatures, StoryAnalysis


def story_title(articles: Sequence[Article]) -> str:
    """The headline of the earliest article (by publication time, then arrival)."""
    if not articles:
        return ""
    first = min(articles, key=lambda a: (a.published or "9999", a.seq))
    if first.title:
        return first.title
    return first.text.split("\n", 1)[0][:120]


def analyse_story(
    story_id: str, articles: Sequence[Article], features: Sequence[ArticleFeatures],
    claims: Sequence[ArticleClaims], config: Config, gazetteer=None,
) -> StoryAnalysis:
    """Full analysis of one story from its articles' stored records (parallel lists, arrival order).

    ``gazetteer`` is the runner's :class:`wirecheck.cluster.places.Gazetteer` (or None), for places."""
    from .provenance import analyse_provenance

    provenance = analyse_provenance(list(articles), list(features), config.provenance)
    aligned = align_claims(articles, features, claims, provenance.origins, config.align)
    discrepancies = find_discrepancies(aligned, claims, articles, features, provenance.origins, config.align,
                                       gazetteer)
    aligned.sort(key=claim_rank)  # a claim the discrepancies found disputed moves to the disputes (stable)
    contributions = article_contributions(articles, aligned, discrepancies, provenance.articles,
                                          config.provenance)
    return StoryAnalysis(
        story_id=story_id,
        title=story_title(articles),
        articles=[a.id for a in articles],
        derivations=provenance.derivations,
        origins=provenance.origins,
        provenance=contributions,
        claims=aligned,
        discrepancies=discrepancies,
        brief=cite_supporting(build_brief(articles, features, provenance.origins, config.brief), aligned,
                              config.align.value_tolerance),
        entities=story_entities(articles, features, claims),
    )
