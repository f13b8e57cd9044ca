"""Find where the outlets of one story disagree, and how.

Kinds produced here:
- ``value``: supports of one claim give figures that cannot both hold;
- ``certainty``: one outlet hedges or calls a point unverified while another
  states it as fact, or one denies what another asserts;
- ``attribution``: one quote or statement is put in different mouths;
- ``role``: one person is given different titles by different outlets.

Every discrepancy names its claims, its articles and each article's wording.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from .align import values_consistent
from .config import AlignConfig
from .names import canonical_names, normalise_role, same_person
from .wording import figure
from .records import ArticleClaims, Claim, Discrepancy, Variant

_WEAK = {"hedged", "unverified"}


def _id(*parts: str) -> str:
    return "d-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _variants(claim: Claim, articles: Sequence[str] | None = None) -> list[Variant]:
    return [Variant(s.article, s.text) for s in claim.support if articles is None or s.article in articles]


def _value_conflict(claim: Claim, config: AlignConfig) -> Discrepancy | None:
    supports = [s for s in claim.support if s.quantity is not None]
    for i, a in enumerate(supports):
        for b in supports[i + 1:]:
            if values_consistent(a.quantity, b.quantity, config.value_tolerance):
                continue
            figures = sorted({figure(s.quantity, with_noun=False) for s in supports})
            noun = claim.quantity.noun if claim.quantity else "the figure"
            return Discrepancy(
                id=_id(claim.id, "value"), kind="value",
                summary=f"Outlets give different figures for {noun}: {', '.join(figures)}",
                claims=[claim.id], articles=sorted({s.article for s in supports}),
                variants=_variants(claim),
            )
    return None


def _certainty_conflict(claim: Claim) -> Discrepancy | None:
    levels = {s.certainty for s in claim.support}
    weak = levels & _WEAK
    firm = levels & {"asserted", "attributed"}
    if "denied" in levels and levels - {"denied"}:
        summary = "One outlet reports this as denied while others report it"
    elif weak and firm:
        summary = (f"Reported as {'/'.join(sorted(weak))} by some outlets "
                   f"but stated as fact ({'/'.join(sorted(firm))}) by others")
    else:
        return None
    return Discrepancy(
        id=_id(claim.id, "certainty"), kind="certainty", summary=summary, claims=[claim.id],
        articles=sorted({s.article for s in claim.support}), variants=_variants(claim),
    )


def _attribution_conflict(claim: Claim) -> Discrepancy | None:
    """The same quoted words put in the mouths of different people.

    Statements are left out: "the grid operator" and "Nordline" may well be one
    source, and only quotes carry a speaker precise enough to compare.
    """
    if claim.kind != "quote":
        return None
    canon = canonical_names(s.attributed_to for s in claim.support if s.attributed_to)
    sources = sorted(set(canon.values()))
    if len(sources) < 2 or all(same_person(a, b) for a in sources for b in sources if a < b):
        return None
    return Discrepancy(
        id=_id(claim.id, "attribution"), kind="attribution",
        summary=f"Attributed to different sources: {', '.join(sources)}",
        claims=[claim.id], articles=sorted({s.article for s in claim.support}),
        variants=_variants(claim),
    )


def _role_conflicts(claims: Sequence[ArticleClaims], article_texts: dict[str, str]) -> list[Discrepancy]:
    roles = [r for c in claims for r in c.roles]
    canon = canonical_names(r.person for r in roles)
    by_person: dict[str, dict[str, list]] = {}
    for r in roles:
        person = canon.get(r.person, r.person)
        by_person.setdefault(person, {}).setdefault(normalise_role(r.role), []).append(r)
    out = []
    for person, variants in sorted(by_person.items()):
        if len(variants) < 2:
            continue
        articles_by_role = {role: sorted({r.article_id for r in rs}) for role, rs in variants.items()}
        # a role only counts as conflicting when another article names the person differently
        all_articles = {a for arts in articles_by_role.values() for a in arts}
        if len(all_articles) < 2:
            continue
        listing = "; ".join(f"“{rs[0].role}” ({len(articles_by_role[role])} article(s))"
                            for role, rs in sorted(variants.items()))
        out.append(Discrepancy(
            id=_id(person, "role"), kind="role",
            summary=f"{person} is given different titles: {listing}",
            claims=[], articles=sorted(all_articles),
            variants=[Variant(r.article_id, article_texts.get(r.article_id, "")[r.start:r.end] or r.role)
                      for rs in variants.values() for r in rs],
        ))
    return out


def find_discrepancies(
    claims: list[Claim], article_claims: Sequence[ArticleClaims], article_texts: dict[str, str],
    config: AlignConfig,
) -> list[Discrepancy]:
    """All discrepancies of one story, claims' conflicts first, then role conflicts."""
    out: list[Discrepancy] = []
    for claim in claims:
        for finder in (lambda c: _value_conflict(c, config), _certainty_conflict, _attribution_conflict):
            found = finder(claim)
            if found is not None:
                out.append(found)
    out.extend(_role_conflicts(article_claims, article_texts))
    return out
