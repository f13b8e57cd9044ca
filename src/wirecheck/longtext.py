"""One article of any length analysed: features and claims, in pieces of at most ``nlp.max_chars``
characters when it is longer (issue #14: a 5 MB transcript analysed whole, in time linear in its length).

A stage-level function over records, with no I/O: the runner (:mod:`wirecheck.pipeline`) calls it for
each text over the limit, and batches the others as before.
"""

from __future__ import annotations

from dataclasses import replace

from .config import ClaimsConfig
from .records import Article, ArticleClaims, ArticleFeatures
from .timing import timed


def analyse_text(nlp, article: Article, config: ClaimsConfig, attribution_models=None,
                 timings: dict[str, float] | None = None, claims: bool = True,
                 ) -> tuple[ArticleFeatures, ArticleClaims, list[tuple[int, int]]]:
    """Features and claims of one article of any length, and the pieces it was analysed in.

    The text is cut into pieces of at most ``nlp.config.max_chars`` characters at paragraph breaks
    (:func:`wirecheck.nlp.text_pieces`); each piece is parsed, embedded and read for claims on its own,
    and its results are shifted back into the whole text (:func:`wirecheck.nlp.join_features`,
    :func:`wirecheck.claims.join_claims`), so time grows with length and memory stays that of one
    piece. A text within the limit is one piece, analysed as a batch would analyse it. ``timings``
    gains the seconds of ``parse``, ``features`` and ``claims``."""
    from .claims import extract_claims, join_claims
    from .nlp import join_features, text_pieces

    times = timings if timings is not None else {}

    pieces = text_pieces(article.text, nlp.config.max_chars)
    feature_parts: list[tuple[int, ArticleFeatures]] = []
    claim_parts: list[tuple[int, int, ArticleClaims]] = []
    first = 0
    for a, b in pieces:
        part = replace(article, text=article.text[a:b])
        with timed(times, "parse"):
            doc = nlp.parse([part.text])[0]
        with timed(times, "features"):
            feats = nlp.features([part], [doc])[0]
        if claims:
            with timed(times, "claims"):
                claim_parts.append((a, first, extract_claims(part, doc, feats.sentences, config, attribution_models)))
        feature_parts.append((a, feats))
        first += len(feats.sentences)
        del doc
    return (join_features(article.id, feature_parts), join_claims(article.id, claim_parts), pieces)
