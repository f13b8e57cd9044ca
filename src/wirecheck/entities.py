"""The entities of a story: who and what it is about, with the roles outlets give them."""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from .claims.names import canonical_names, normalise_role, same_person
from .records import Article, ArticleClaims, ArticleFeatures, RoleGroup, StoryEntity

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def entity_name(text: str) -> str:
    """An entity's name as shown: one line, no leading "the", no possessive ending."""
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", name))
    return name.strip(" ,.;:")


def _in_dateline(article: Article, start: int) -> bool:
    """Whether an offset falls in the dateline ("MIRELLE, Ketala —") that opens the text."""
    dateline = article.clues.dateline
    if not dateline:
        return False
    return start < len(dateline) and article.text.startswith(dateline[:8])


def story_entities(
    articles: Sequence[Article], features: Sequence[ArticleFeatures], claims: Sequence[ArticleClaims],
    limit: int = 30,
) -> list[StoryEntity]:
    """The ``limit`` most widely reported named entities across a story's articles, merged by name.

    Each name keeps the label spaCy gives it most often; mentions inside a
    dateline are left out (they name where the story was filed). Person names
    merge with the longest form used ("Bello" → "Amara Bello"), and each person
    carries the roles outlets give them, with the articles that do.
    """
    people = canonical_names(
        [entity_name(e.text) for f in features for e in f.entities if e.label == "PERSON"]
        + [r.person for c in claims for r in c.roles]
    )
    heads = sorted(set(people.values()))
    labels: dict[str, Counter] = {}
    found: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    for article, f in zip(articles, features):
        for e in f.entities:
            if e.label not in KEPT_LABELS or _in_dateline(article, e.start):
                continue
            name = entity_name(e.text)
            if len(name) < 2:
                continue
            label = e.label
            if label == "PERSON":
                name = people.get(name, name)
            elif len(name.split()) == 1:  # a bare surname spaCy mislabels ("Bello said") is the person
                person = next((p for p in heads if same_person(name, p)), None)
                if person is not None:
                    name, label = person, "PERSON"
            labels.setdefault(name, Counter())[label] += 1
            found.setdefault(name, set()).add(f.article_id)
            first_seen.setdefault(name, len(first_seen))
    roles: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for c in claims:
        for r in c.roles:
            person = people.get(r.person, r.person)
            labels.setdefault(person, Counter())["PERSON"] += 1
            found.setdefault(person, set()).add(r.article_id)
            first_seen.setdefault(person, len(first_seen))
            shown, arts = roles.setdefault(person, {}).get(normalise_role(r.role), (r.role, set()))
            arts.add(r.article_id)
            roles[person][normalise_role(r.role)] = (shown, arts)
    order = {f.article_id: i for i, f in enumerate(features)}
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), -bool(roles.get(kv[0])), first_seen[kv[0]]))
    out = []
    for name, arts in ranked[:limit]:
        label = labels[name].most_common(1)[0][0]
        role_groups = [RoleGroup(shown, sorted(ra, key=order.__getitem__))
                       for shown, ra in roles.get(name, {}).values()]
        out.append(StoryEntity(name, label, sorted(arts, key=order.__getitem__), role_groups))
    return out
