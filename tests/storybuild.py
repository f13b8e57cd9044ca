"""Stories built for tests: articles whose sentences are given, with real MiniLM embeddings."""

from __future__ import annotations

import numpy as np

from wirecheck.records import Article, ArticleFeatures, Sentence


def make_story(nlp, sentences_by_article, published=None):
    """(articles, features) in arrival order; ``published`` maps an article's position to its time."""
    articles, features = [], []
    for i, sentences in enumerate(sentences_by_article):
        text = " ".join(sentences)
        spans, pos = [], 0
        for k, s in enumerate(sentences):
            spans.append(Sentence(k, pos, pos + len(s)))
            pos += len(s) + 1
        aid = f"a{i}"
        articles.append(Article(aid, f"{aid}.txt", text, seq=i, published=(published or {}).get(i)))
        features.append(ArticleFeatures(aid, spans, [], [], [], np.zeros(384, np.float32), nlp.embed(sentences)))
    return articles, features
