"""Revisions: an article read again with a changed text is a new revision of the stored one, not a new article.

Two articles are revisions of one another when they have the same URL, or the same outlet and the same id
(``external_id``), and their texts still share at least ``ingest.revision_overlap`` of the shorter one's
distinct words (a reused URL, a section page say, holding an unrelated article is not a revision). The new
revision joins its predecessor's story without being clustered, replaces it among the story's articles (the
predecessor stays stored, as history), and the story lists, per revision, the claims it added and removed
(:class:`~wirecheck.records.Revision`).
"""

from __future__ import annotations

import re
from typing import Sequence

from .records import Article, ArticleClaims, ClaimMention, Revision

_WORD = re.compile(r"\w+")


def identity_keys(article: Article) -> list[str]:
    """What names an article across readings: its URL, and its outlet with its own id (when it has them)."""
    keys = []
    if article.url:
        keys.append(f"url:{article.url}")
    if article.outlet and article.external_id:
        keys.append(f"id:{article.outlet}\x1f{article.external_id}")
    return keys


def same_article(text: str, other: str, min_overlap: float) -> bool:
    """Whether two texts are versions of one article: the share of the shorter one's distinct words the
    other also has is at least ``min_overlap``."""
    mine, theirs = set(_WORD.findall(text.lower())), set(_WORD.findall(other.lower()))
    if not mine or not theirs:
        return False
    return len(mine & theirs) / min(len(mine), len(theirs)) >= min_overlap


def _claim_texts(mentions: Sequence[ClaimMention]) -> list[str]:
    seen: dict[str, str] = {}
    for m in mentions:
        seen.setdefault(" ".join(m.text.split()).casefold(), " ".join(m.text.split()))
    return list(seen.values())


def revision_changes(article: Article, previous: Article, claims: ArticleClaims,
                     previous_claims: ArticleClaims) -> Revision:
    """How ``article`` changed the claims of ``previous``, the revision it replaces."""
    now, before = _claim_texts(claims.mentions), _claim_texts(previous_claims.mentions)
    now_keys, before_keys = {t.casefold() for t in now}, {t.casefold() for t in before}
    return Revision(
        article=article.id, previous=previous.id,
        time=article.published or article.captured, previous_time=previous.published or previous.captured,
        added=[t for t in now if t.casefold() not in before_keys],
        removed=[t for t in before if t.casefold() not in now_keys],
    )
