"""What each article of a story adds: the facts only it reports, those it repeats, and whether it is a
likely rewrite (it aligns with earlier articles and adds nothing checkable: the content-farm pattern)."""

from __future__ import annotations

import dataclasses
from typing import Sequence

from .config import ProvenanceConfig
from .records import Article, ArticleProvenance, Claim, Discrepancy


def _order(articles: Sequence[Article]) -> dict[str, int]:
    ranked = sorted(articles, key=lambda a: (a.published or "9999", a.seq))
    return {a.id: i for i, a in enumerate(ranked)}


def article_contributions(
    articles: Sequence[Article], claims: Sequence[Claim], discrepancies: Sequence[Discrepancy],
    provenance: Sequence[ArticleProvenance], config: ProvenanceConfig,
) -> list[ArticleProvenance]:
    """``provenance`` with ``adds``, ``repeats``, ``likely_rewrite`` and ``reason`` set from the fact table.

    An article adds a fact when it is the only one reporting it, or when its wording stands alone in a
    discrepancy (the one outlet that denies, hedges or gives another figure). It repeats a fact an
    earlier article (by publication time, then arrival) also reports. It is a likely rewrite when at
    least ``config.likely_rewrite_coverage`` of its sentences align with earlier articles, it adds no
    fact and it repeats at least one.
    """
    order = _order(articles)
    alone: dict[str, set[str]] = {}
    for d in discrepancies:
        by_value: dict[str | None, set[str]] = {}
        for v in d.variants:
            by_value.setdefault(v.value, set()).add(v.article)
        for holders in by_value.values():
            if len(holders) == 1 and len(by_value) > 1:
                for claim_id in d.claims:
                    alone.setdefault(next(iter(holders)), set()).add(claim_id)
    out = []
    for p in provenance:
        aid = p.article_id
        adds, repeats = [], []
        for c in claims:
            reporters = {s.article for s in c.support}
            if aid not in reporters:
                continue
            if reporters == {aid} or c.id in alone.get(aid, set()):
                adds.append(c.id)
            elif any(order.get(r, 0) < order.get(aid, 0) for r in reporters if r != aid):
                repeats.append(c.id)
        aligned = p.aligned_share >= config.likely_rewrite_coverage
        likely = aligned and not adds and bool(repeats)
        if likely:
            reason = (f"{p.aligned_share:.0%} of its sentences align with earlier articles and it adds no "
                      f"checkable fact (repeats {len(repeats)})")
        elif adds:
            reason = f"adds {len(adds)} fact(s) no other article reports or words as it does"
        elif not aligned:
            reason = f"only {p.aligned_share:.0%} of its sentences align with earlier articles"
        else:
            reason = "aligns with earlier articles but repeats none of their checkable facts"
        out.append(dataclasses.replace(p, adds=adds, repeats=repeats, likely_rewrite=likely, reason=reason))
    return out
