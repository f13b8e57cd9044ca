"""What each article adds to its story, and when it is a likely rewrite."""

from wirecheck.config import ProvenanceConfig
from wirecheck.contributions import article_contributions
from wirecheck.records import Article, ArticleProvenance, Claim, Discrepancy, Support, Variant


def _claim(cid, *articles, certainty="asserted"):
    return Claim(cid, "statement", "x", None, None,
                 [Support(a, 0, 1, "x", certainty if i else "asserted") for i, a in enumerate(articles)])


ARTICLES = [Article("a", "a", "x", published="2026-01-01T09:00:00+00:00", seq=0),
            Article("b", "b", "x", published="2026-01-01T10:00:00+00:00", seq=1),
            Article("c", "c", "x", published="2026-01-01T11:00:00+00:00", seq=2)]


def test_an_aligned_article_adding_nothing_is_a_likely_rewrite_with_its_reason():
    claims = [_claim("c1", "a", "b"), _claim("c2", "a", "b"), _claim("c3", "a")]
    provenance = [ArticleProvenance("a", 0.0), ArticleProvenance("b", 0.9)]
    out = {p.article_id: p for p in article_contributions(ARTICLES[:2], claims, [], provenance, ProvenanceConfig())}
    assert out["a"].adds == ["c3"] and not out["a"].likely_rewrite
    assert out["b"].repeats == ["c1", "c2"] and out["b"].adds == [] and out["b"].likely_rewrite
    assert "adds no checkable fact" in out["b"].reason


def test_an_aligned_article_that_denies_adds_something_and_is_no_rewrite():
    claims = [_claim("c1", "a", "c", certainty="denied"), _claim("c2", "a", "c")]
    denial = Discrepancy("d1", "certainty", "denied", ["c1"], ["a", "c"],
                         [Variant("a", "x", "asserted"), Variant("c", "x", "denied")])
    provenance = [ArticleProvenance("a", 0.0), ArticleProvenance("c", 0.95)]
    out = {p.article_id: p for p in article_contributions([ARTICLES[0], ARTICLES[2]], claims, [denial], provenance,
                                                           ProvenanceConfig())}
    assert out["c"].adds == ["c1"] and not out["c"].likely_rewrite


def test_an_article_not_aligned_to_earlier_ones_is_no_rewrite_even_if_it_adds_nothing():
    claims = [_claim("c1", "a", "b")]
    provenance = [ArticleProvenance("a", 0.0), ArticleProvenance("b", 0.2)]
    out = {p.article_id: p for p in article_contributions(ARTICLES[:2], claims, [], provenance, ProvenanceConfig())}
    assert not out["b"].likely_rewrite and "20%" in out["b"].reason
