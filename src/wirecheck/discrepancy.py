"""Find where the outlets of one story disagree, and how.

Kinds produced here:
- ``value``: supports of one fact give figures that cannot both hold at about the same time (a later,
  different figure is an update, shown in the claim's timeline instead);
- ``certainty``: one outlet hedges or calls a point unverified while another states it as fact, or one
  denies what another asserts;
- ``attribution``: one quote is put in the mouths of two named people who are not one person;
- ``role``: one person is given titles that cannot both be right (Deputy Minister / Minister), after
  case, hyphens, abbreviations and more specific forms of one office are set aside (Sen. / Senator,
  Speaker / House Speaker).

Every discrepancy names its claims, its articles and each article's wording, with the value it gives
and the origin group it belongs to, so a reader sees which independent sources hold which variant.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

from .align import content_words, figure_conflicts
from .config import AlignConfig
from .dates import timestamp
from .names import canonical_names, name_tokens, roles_compatible, same_person, tenure_only
from .records import Article, ArticleClaims, ArticleFeatures, Claim, Discrepancy, Support, Variant
from .wording import written

_WEAK = {"hedged", "unverified"}
_FIRM = {"asserted"}  # stated as fact by the outlet; "X said" attributes it, and hedges nothing either
# words that make a "speaker" a thing or a crowd, not a person one can misquote
_NOT_SPEAKERS = {"document", "statement", "report", "reports", "letter", "post", "video", "filing", "memo",
                 "source", "sources", "officials", "official", "police", "witnesses", "residents", "people",
                 "analysts", "experts", "authorities", "media", "website", "it", "they", "he", "she", "we"}


def _id(*parts: str) -> str:
    return "d-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _variant(s: Support, texts: dict[str, str], value: str | None) -> Variant:
    text = texts.get(s.article, "")
    return Variant(s.article, text[s.label_start:s.label_end] or s.text, value, s.origin)


def _holders(variants: list[Variant]) -> str:
    """ "181 people (2 origins, 3 articles) vs 118 people (1 origin)" """
    by_value: dict[str, list[Variant]] = {}
    for v in variants:
        by_value.setdefault(v.value or "", []).append(v)
    parts = []
    for value, vs in by_value.items():
        origins = len({v.origin for v in vs})
        parts.append(f"{value} ({origins} origin{'s' if origins != 1 else ''}, "
                     f"{len(vs)} article{'s' if len(vs) != 1 else ''})")
    return " vs ".join(parts)


def _value_conflict(claim: Claim, texts: dict[str, str], published: dict[str, str | None],
                    config: AlignConfig) -> Discrepancy | None:
    disputes, _ = figure_conflicts(claim, published, config)
    if not disputes:
        return None
    involved = sorted({i for pair in disputes for i in pair})
    supports = [claim.support[i] for i in involved]
    variants = [_variant(s, texts, written(texts.get(s.article, ""), s.quantity)) for s in supports]
    return Discrepancy(
        id=_id(claim.id, "value"), kind="value",
        summary=f"Outlets give figures that cannot both hold for “{claim.label}”: {_holders(variants)}",
        claims=[claim.id], articles=sorted({s.article for s in supports}), variants=variants,
    )


def _same_proposition(a: Support, b: Support, texts: dict[str, str], config: AlignConfig) -> bool:
    """Whether two supports' clauses say one thing: they share at least ``label_overlap`` of the shorter
    clause's content words (``dispute_overlap`` for two wordings of one aligned figure), so a hedge on
    "12 of them are reportedly from Somalia" is not one on "the navy captured 23 pirates"."""
    overlap = config.dispute_overlap if a.quantity is not None and b.quantity is not None else config.label_overlap
    wa, wb = (content_words(texts.get(s.article, "")[s.label_start:s.label_end] or s.text) for s in (a, b))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= overlap


def _certainty_conflicts(claim: Claim, texts: dict[str, str], config: AlignConfig) -> list[Discrepancy]:
    """One outlet denies what another reports, or hedges what another states, about the very same clause.

    A denial stands against any support that does not deny; a hedge only against a support that states
    the point as fact ("X said" attributes it and hedges nothing either). A claim may carry both ("There
    were unconfirmed reports that the manager was arrested" / "Police arrested the manager" / "The
    company denied that the manager had been arrested")."""
    denied = [s for s in claim.support if s.certainty == "denied"]
    weak = [s for s in claim.support if s.certainty in _WEAK]
    firm = [s for s in claim.support if s.certainty in _FIRM]
    out = []
    for kind, against, others, summary in (
        ("denial", denied, [s for s in claim.support if s.certainty != "denied"],
         f"Denied by one outlet, reported by others: “{claim.label}”"),
        ("certainty", weak, firm,
         f"Reported as {'/'.join(sorted({s.certainty for s in weak}))} by some outlets but stated as fact by "
         f"others: “{claim.label}”"),
    ):
        pairs = [(w, f) for w in against for f in others if _same_proposition(w, f, texts, config)]
        if not pairs:
            continue
        involved = {id(s) for pair in pairs for s in pair}
        variants = [_variant(s, texts, s.certainty + (f" ({s.cue})" if s.cue else ""))
                    for s in claim.support if id(s) in involved]
        out.append(Discrepancy(
            id=_id(claim.id, kind), kind="certainty", summary=summary, claims=[claim.id],
            articles=sorted({v.article for v in variants}), variants=variants,
        ))
    return out


def confident_speaker(name: str | None, people: Sequence[str]) -> bool:
    """Whether a quote's speaker is a named person: a name the story's parse tags as a person, not a
    pronoun, a document or a crowd ("officials")."""
    if not name:
        return False
    tokens = name_tokens(name)
    if len(tokens) < 2 or any(t in _NOT_SPEAKERS for t in tokens) or not any(c.isupper() for c in name[:1]):
        return False  # a bare surname ("Aldrecht") may be a misread speaker
    return any(same_person(name, p) for p in people)


def _attribution_conflict(claim: Claim, texts: dict[str, str], people: Sequence[str]) -> Discrepancy | None:
    """The same quoted words put in the mouths of two named people who are not one person.

    Statements are left out: "the grid operator" and "Nordline" may well be one source, and only
    quotes carry a speaker precise enough to compare.
    """
    if claim.kind != "quote":
        return None
    named = [s for s in claim.support if confident_speaker(s.attributed_to, people)]
    canon = canonical_names(s.attributed_to for s in named)
    sources = sorted(set(canon.values()))
    if len(sources) < 2 or all(same_person(a, b) for a in sources for b in sources if a < b):
        return None
    variants = [_variant(s, texts, canon.get(s.attributed_to, s.attributed_to)) for s in named]
    return Discrepancy(
        id=_id(claim.id, "attribution"), kind="attribution",
        summary=f"One quote, different speakers: {_holders(variants)}",
        claims=[claim.id], articles=sorted({s.article for s in named}), variants=variants,
    )


def _same_time(a: str | None, b: str | None, days: float) -> bool:
    """Whether two articles are both dated and at most ``days`` apart."""
    ta, tb = timestamp(a), timestamp(b)
    return ta is not None and tb is not None and abs(ta - tb) <= days * 86400


def _role_conflicts(claims: Sequence[ArticleClaims], texts: dict[str, str], origin_of: dict[str, int],
                    published: dict[str, str | None], config: AlignConfig) -> list[Discrepancy]:
    """One person given titles by different articles that cannot both be right.

    "Mayor" and "former Mayor" are each right at some time: they clash only in articles written at
    about the same time (both dated, at most ``config.tenure_days`` apart)."""
    roles = [r for c in claims for r in c.roles]
    canon = canonical_names(r.person for r in roles)
    by_person: dict[str, list] = {}
    for r in roles:
        if len(name_tokens(canon.get(r.person, r.person))) < 2:
            continue  # a bare surname may be anyone of that name
        by_person.setdefault(canon.get(r.person, r.person), []).append(r)
    out = []
    for person, mentions in sorted(by_person.items()):
        clash = [(a, b) for i, a in enumerate(mentions) for b in mentions[i + 1:]
                 if a.article_id != b.article_id and not roles_compatible(a.role, b.role)
                 and (not tenure_only(a.role, b.role)
                      or _same_time(published.get(a.article_id), published.get(b.article_id), config.tenure_days))]
        if not clash:
            continue
        involved = [r for r in mentions if any(r is a or r is b for a, b in clash)]
        variants = [Variant(r.article_id, texts.get(r.article_id, "")[r.start:r.end] or r.role, r.role,
                            origin_of.get(r.article_id)) for r in involved]
        out.append(Discrepancy(
            id=_id(person, "role"), kind="role",
            summary=f"{person} is given titles that cannot both be right: {_holders(variants)}",
            claims=[], articles=sorted({r.article_id for r in involved}), variants=variants,
        ))
    return out


def find_discrepancies(
    claims: list[Claim], article_claims: Sequence[ArticleClaims], articles: Sequence[Article],
    features: Sequence[ArticleFeatures], origins: Sequence[Sequence[str]], config: AlignConfig,
) -> list[Discrepancy]:
    """All discrepancies of one story, claims' conflicts first, then role conflicts.

    A claim named by a value, denial or attribution discrepancy is marked ``disputed``.
    """
    texts = {a.id: a.text for a in articles}
    published = {a.id: a.published for a in articles}
    people = sorted({e.text for f in features for e in f.entities if e.label == "PERSON"})
    origin_of = {aid: g for g, group in enumerate(origins) for aid in group}
    out: list[Discrepancy] = []
    for claim in claims:
        found = [_value_conflict(claim, texts, published, config), *_certainty_conflicts(claim, texts, config),
                 _attribution_conflict(claim, texts, people)]
        for d in found:
            if d is None:
                continue
            out.append(d)
            if d.kind in {"value", "attribution"} or d.id == _id(claim.id, "denial"):
                claim.status = "disputed"
    out.extend(_role_conflicts(article_claims, texts, origin_of, published, config))
    return out
