"""The entities of a story: who and what it is about, with the roles outlets give them."""

from __future__ import annotations

from typing import Sequence

from .names import canonical_names, normalise_role
from .records import ArticleClaims, ArticleFeatures, RoleGroup, StoryEntity

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")


def story_entities(
    features: Sequence[ArticleFeatures], claims: Sequence[ArticleClaims], limit: int = 40,
) -> list[StoryEntity]:
    """Named entities across a story's articles, merged by name, most widely reported first.

    Person names are merged with the longest form used ("Bello" → "Amara Bello"),
    and each person carries the roles outlets give them, with the articles that do.
    """
    people = canonical_names(
        [e.text for f in features for e in f.entities if e.label == "PERSON"]
        + [r.person for c in claims for r in c.roles]
    )
    found: dict[tuple[str, str], set[str]] = {}
    first_seen: dict[tuple[str, str], int] = {}
    for f in features:
        for e in f.entities:
            if e.label not in KEPT_LABELS:
                continue
            name = " ".join(e.text.split())
            if e.label == "PERSON":
                name = people.get(e.text, name)
            key = (name, e.label)
            found.setdefault(key, set()).add(f.article_id)
            first_seen.setdefault(key, len(first_seen))
    roles: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for c in claims:
        for r in c.roles:
            person = people.get(r.person, r.person)
            key = (person, "PERSON")
            found.setdefault(key, set()).add(r.article_id)
            first_seen.setdefault(key, len(first_seen))
            shown, arts = roles.setdefault(person, {}).get(normalise_role(r.role), (r.role, set()))
            arts.add(r.article_id)
            roles[person][normalise_role(r.role)] = (shown, arts)
    order = {f.article_id: i for i, f in enumerate(features)}
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), first_seen[kv[0]]))[:limit]
    out = []
    for (name, label), articles in ranked:
        role_groups = [
            RoleGroup(shown, sorted(arts, key=order.get))
            for shown, arts in (roles.get(name, {}) if label == "PERSON" else {}).values()
        ]
        out.append(StoryEntity(name, label, sorted(articles, key=order.get), role_groups))
    return out
