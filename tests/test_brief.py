"""The extractive brief: facts carried by more independent origins come first, all cited."""

from wirecheck.brief import build_brief
from wirecheck.config import BriefConfig
from wirecheck.records import Article

A = ("Floodwaters covered much of the Arlen valley on Monday after three days of heavy rain. "
     "The regional governor said at least three people had died in the floods. "
     "A local football match was postponed because the stadium car park was under water.")
B = ("At least three people have died in floods in the Arlen valley, the regional governor said. "
     "Rescue teams used boats to reach villages cut off by the water on Monday night.")
C = ("Three people have died in the Arlen valley floods, according to the regional governor. "
     "Schools across the region will remain closed until the water recedes.")


def test_brief_prefers_facts_with_independent_support(nlp):
    articles = [Article(k, f"{k}.txt", t, seq=i) for i, (k, t) in enumerate([("a", A), ("b", B), ("c", C)])]
    features = nlp.features(articles)
    brief = build_brief(articles, features, [["a"], ["b"], ["c"]], BriefConfig(sentences=3))
    assert len(brief) == 3
    deaths = [b for b in brief if "died" in b.text]
    assert len(deaths) == 1, "one fact, worded once, cited by every article that carries it"
    assert set(deaths[0].citations) == {"a", "b", "c"}
    for b in brief:
        assert b.article in b.citations
        text = next(a.text for a in articles if a.id == b.article)
        assert text[b.start:b.end] == b.text
    assert not any("football" in b.text for b in brief), "a single-source aside is not brief material"


def test_copies_do_not_count_as_corroboration(nlp):
    articles = [Article(k, f"{k}.txt", t, seq=i) for i, (k, t) in enumerate([("a", A), ("b", B), ("c", C)])]
    features = nlp.features(articles)
    (independent,) = build_brief(articles, features, [["a"], ["b"], ["c"]], BriefConfig(sentences=1))
    assert "died" in independent.text
    # the same three articles as copies of one origin: no fact is better supported, the lead wins
    (copies,) = build_brief(articles, features, [["a", "b", "c"]], BriefConfig(sentences=1))
    assert copies.text.startswith("Floodwaters covered")


def test_a_brief_sentence_cites_only_articles_that_report_its_facts():
    from wirecheck.brief import cite_supporting
    from wirecheck.records import BriefSentence, Claim, Quantity, Support

    five = Quantity(5, "people")
    claim = Claim("c1", "quantity", "x", five, None, [
        Support("a", 0, 30, "x", "asserted", quantity=five),
        Support("b", 0, 30, "x", "asserted", quantity=Quantity(2, "people")),
        Support("c", 0, 30, "x", "asserted", quantity=Quantity(5, "people")),
        Support("d", 0, 30, "x", "denied", quantity=Quantity(5, "people")),
    ])
    brief = [BriefSentence("Five people died.", ["a", "b", "c", "d", "e"], "a", 0, 30)]
    out = cite_supporting(brief, [claim], 0.15)
    assert out[0].citations == ["a", "c"]  # not the outlet saying two, not the denial, not one without the fact
    other = Claim("c2", "statement", "x", None, None, [Support("a", 0, 30, "x", "asserted")])
    out = cite_supporting(brief, [claim, other], 0.15)  # a fact only the sentence's own article reports
    assert out[0].citations == ["a", "c"]  # does not take the citation from an article backing the rest


def test_a_fact_takes_the_earlier_of_two_equally_similar_sentences_of_an_article():
    import numpy as np

    from wirecheck.records import ArticleFeatures, Sentence

    sentences = {"a": ["The storm closed every road into the valley on Monday."],
                 "b": ["Officials said the clean-up would take several weeks at least.",
                       "The storm closed all roads into the valley on Monday night.",
                       "Every road into the valley was closed by the storm on Monday."]}
    e = np.eye(4, dtype=np.float32)
    vectors = {"a": e[[0]], "b": e[[1, 0, 0]]}  # b's second and third sentences are equally like a's
    articles, features = [], []
    for i, (k, texts) in enumerate(sentences.items()):
        text, spans = "", []
        for t in texts:
            spans.append(Sentence(len(spans), len(text), len(text) + len(t)))
            text += t + " "
        articles.append(Article(k, f"{k}.txt", text.strip(), seq=i))
        features.append(ArticleFeatures(k, spans, [], [], [], vectors[k][0], vectors[k]))
    brief = build_brief(articles, features, [["a"], ["b"]], BriefConfig(sentences=3))
    assert [(b.article, b.text, b.citations) for b in brief] == [
        ("a", sentences["a"][0], ["a", "b"]), ("b", sentences["b"][0], ["b"]), ("b", sentences["b"][2], ["b"])]
