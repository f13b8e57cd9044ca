"""Story entities: merged names, majority labels, datelines left out, roles attached."""

from wirecheck.entities import entity_name, story_entities
from wirecheck.records import Article, ArticleClaims, Clues, RoleMention

A = ("MIRELLE, Ketala — Deputy Health Minister Amara Bello said on Thursday that Ketala's government "
     "would send water to the Sarandi Valley.")
B = "Health Minister Amara Bello visited the Sarandi Valley on Friday. Bello said more aid was coming."


def test_story_entities(nlp):
    articles = [Article("a", "a.txt", A, clues=Clues(dateline="MIRELLE, Ketala —")), Article("b", "b.txt", B)]
    features = nlp.features(articles)
    claims = [ArticleClaims("a", [], [RoleMention("a", "Amara Bello", "Deputy Health Minister", 17, 50)]),
              ArticleClaims("b", [], [RoleMention("b", "Amara Bello", "Health Minister", 0, 26)])]
    entities = story_entities(articles, features, claims)
    names = [e.name for e in entities]
    assert names[0] in {"Amara Bello", "Sarandi Valley"}
    bello = next(e for e in entities if e.name == "Amara Bello")
    assert bello.type == "PERSON" and bello.articles == ["a", "b"]
    assert sorted(r.role for r in bello.roles) == ["Deputy Health Minister", "Health Minister"]
    assert "Bello" not in names, "a surname alone merges into the full name"
    assert "MIRELLE" not in names, "the dateline names where the story was filed, not who it is about"


def test_entity_name_normalises():
    assert entity_name("the  Bank of\nCalvera") == "Bank of Calvera"
    assert entity_name("Calvera’s") == "Calvera"
