"""Very long texts (issue #14): analysed whole, in pieces of at most ``nlp.max_chars`` characters cut at
paragraph breaks, every offset shifted back into the one stored text; an article within the limit is one
piece, analysed exactly as before. Cost per character stays flat (``benchmarks/long_text.py``; figures in
docs/reliability.md)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from wirecheck.claims import join_claims
from wirecheck.nlp import join_features, text_pieces
from wirecheck.records import (Article, ArticleClaims, ArticleFeatures, ClaimMention, EntityMention, Quantity, Quote,
                               RoleMention, Sentence)
from wirecheck.sample import corpus_dir


def _real_text(chars: int) -> str:
    """About ``chars`` characters of the sample corpus's paragraphs, one after another."""
    paras = [p for f in sorted(corpus_dir().glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n")
             if p.strip()]
    out, size = [], 0
    while size < chars:
        out.append(paras[len(out) % len(paras)])
        size += len(out[-1]) + 2
    return "\n\n".join(out)


def test_pieces_are_cut_at_paragraph_breaks_and_lose_nothing():
    text = _real_text(50_000)
    pieces = text_pieces(text, 5_000)
    assert len(pieces) > 10 and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (a, b), (c, _) in zip(pieces, pieces[1:]):
        assert 0 < b - a <= 5_000 and text[b:b + 2] == "\n\n" and not text[b:c].strip()  # only the break between
    assert " ".join(text[a:b] for a, b in pieces).split() == text.split()  # no word lost, none doubled
    assert text_pieces(text, len(text)) == [(0, len(text))]  # within the limit: one piece, the whole text
    assert text_pieces("", 1_000) == [(0, 0)]


def test_a_text_without_paragraphs_is_cut_at_lines_then_spaces_then_anywhere():
    lines = "\n".join(["word " * 30] * 100)
    assert all(lines[b] == "\n" for _, b in text_pieces(lines, 1_000)[:-1])
    spaces = "word " * 1_000
    assert all(spaces[b] == " " for _, b in text_pieces(spaces, 1_000)[:-1])
    solid = "x" * 2_500
    assert text_pieces(solid, 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


def test_features_and_claims_of_pieces_are_shifted_into_the_whole_text():
    text = "Alpha said 5 ships sank.\n\nBeta saw 7 boats."
    second = text.index("Beta")

    def feats(n: int, start: int, end: int, ent: str) -> ArticleFeatures:
        return ArticleFeatures("a", [Sentence(0, start, end)], [EntityMention(0, len(ent), ent, "PERSON")],
                               [ent.lower()], [str(n)], np.full(4, n, np.float32), np.full((1, 4), n, np.float32))

    joined = join_features("a", [(0, feats(5, 0, 24, "Alpha")), (second, feats(7, 0, 17, "Beta"))])
    assert [(s.index, text[s.start:s.end]) for s in joined.sentences] == [(0, "Alpha said 5 ships sank."),
                                                                         (1, "Beta saw 7 boats.")]
    assert [text[e.start:e.end] for e in joined.entities] == ["Alpha", "Beta"]
    assert joined.doc_embedding[0] == 5 and joined.sentence_embeddings[:, 0].tolist() == [5, 7]
    piece = text[second:]
    mention = ClaimMention("a", "quantity", 0, 17, piece, quantity=Quantity(7, "boat", start=9, end=10),
                           quote=Quote("saw", None, 5, 8), sentence_index=0, label_start=0, label_end=16)
    claims = join_claims("a", [(0, 0, ArticleClaims("a", [], [])),
                               (second, 1, ArticleClaims("a", [mention], [RoleMention("a", "Beta", "x", 0, 4)]))])
    m = claims.mentions[0]
    assert text[m.start:m.end] == m.text and m.sentence_index == 1
    assert text[m.quantity.start:m.quantity.end] == "7" and text[m.quote.start:m.quote.end] == "saw"
    assert text[m.label_start:m.label_end] == "Beta saw 7 boats" and text[claims.roles[0].start:][:4] == "Beta"
    unknown = replace(mention, label_start=0, label_end=0)  # 0/0: no label, kept so
    assert join_claims("a", [(second, 1, ArticleClaims("a", [unknown], []))]).mentions[0].label_end == 0


@pytest.mark.model
def test_an_article_within_the_limit_is_analysed_as_before(nlp):
    from wirecheck.claims import extract_claims
    from wirecheck.claims.attribution import load_attribution_models
    from wirecheck.config import ClaimsConfig
    from wirecheck.longtext import analyse_text

    text = (corpus_dir() / "kestrava-riverside-post.txt").read_text(encoding="utf-8")
    article = Article("k", "k.txt", text.strip(), title="Riverside")
    models = load_attribution_models()
    doc = nlp.parse([article.text])[0]
    feats = nlp.features([article], [doc])[0]
    claims = extract_claims(article, doc, feats.sentences, ClaimsConfig(), models)
    feats2, claims2, pieces = analyse_text(nlp, article, ClaimsConfig(), models)
    assert pieces == [(0, len(article.text))]
    assert feats2.sentences == feats.sentences and feats2.entities == feats.entities
    assert np.allclose(feats2.doc_embedding, feats.doc_embedding, atol=1e-6)
    assert claims2.mentions == claims.mentions and claims2.roles == claims.roles


@pytest.mark.model
def test_a_long_real_text_is_analysed_to_its_end_with_every_offset_right(nlp, monkeypatch):
    from wirecheck.claims.attribution import load_attribution_models
    from wirecheck.config import ClaimsConfig
    from wirecheck.longtext import analyse_text

    monkeypatch.setattr(nlp.config, "max_chars", 8_000)
    text = _real_text(40_000)
    article = Article("long", "long.txt", text)
    times: dict[str, float] = {}
    feats, claims, pieces = analyse_text(nlp, article, ClaimsConfig(), load_attribution_models(), times)
    assert len(pieces) >= 5 and set(times) == {"parse", "features", "claims"}
    assert [s.index for s in feats.sentences] == list(range(len(feats.sentences)))
    assert all(a.end <= b.start for a, b in zip(feats.sentences, feats.sentences[1:]))
    assert max(s.end for s in feats.sentences) == len(text.rstrip())
    assert all(text[e.start:e.end] == e.text for e in feats.entities) and feats.entities[-1].start > 32_000
    assert len(feats.sentence_embeddings) == len(feats.sentences)
    assert claims.mentions and max(m.start for m in claims.mentions) > 32_000
    by_index = {s.index: s for s in feats.sentences}
    for m in claims.mentions:
        assert text[m.start:m.end] == m.text
        if m.kind != "quote":
            s = by_index[m.sentence_index]
            assert s.start <= m.start < s.end and s.start <= m.label_start < m.label_end <= s.end
        if m.quantity is not None:
            assert re.search(r"\d|[a-z]", text[m.quantity.start:m.quantity.end], re.I)
        if m.quote is not None:
            assert text[m.quote.start:m.quote.end] == m.quote.text
    assert all(r.person.split()[-1] in text[r.start - 200:r.end + 200] for r in claims.roles)
