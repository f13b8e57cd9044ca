"""Find where the outlets of one story disagree, and how.

Kinds produced here:
- ``value``: supports of one fact give figures that cannot both hold at about the same time (a later,
  different figure is an update, shown in the claim's timeline instead);
- ``certainty``: one outlet hedges or calls a point unverified while another states it as fact, or one
  denies what another asserts (within one claim, or a short denied clause against another claim's firm
  clause that holds it);
- ``attribution``: one quote is put in the mouths of two named people who are not one person;
- ``date`` and ``place``: one stated fact told with another year or place ("built in 1968" /
  "built in 1986");
- ``role``: one person is given titles that cannot both be right (Deputy Minister / Minister), after
  case, hyphens, abbreviations and more specific forms of one office are set aside (Sen. / Senator,
  Speaker / House Speaker).

Every discrepancy names its claims, its articles and each article's wording, with the value it gives
and the origin group it belongs to, so a reader sees which independent sources hold which variant.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, Sequence

from .align import as_percent, containment, content_words, figure_conflicts, values_consistent, verb_stem
from .claims.names import canonical_names, name_tokens, roles_compatible, same_person, tenure_only
from .config import AlignConfig
from .dates import timestamp
from .records import Article, ArticleClaims, ArticleFeatures, Claim, Discrepancy, DiscrepancyKind, Support, Variant
from .text import bare_name
from .wording import written

_WEAK = {"hedged", "unverified"}
_FIRM = {"asserted"}  # stated as fact by the outlet; "X said" attributes it, and hedges nothing either
# words that make a "speaker" a thing or a crowd, not a person one can misquote
_NOT_SPEAKERS = {"document", "statement", "report", "reports", "letter", "post", "video", "filing", "memo",
                 "source", "sources", "officials", "official", "police", "witnesses", "residents", "people",
                 "analysts", "experts", "authorities", "media", "website", "it", "they", "he", "she", "we"}


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n")  # where a sentence ends in raw text


def _id(*parts: str) -> str:
    return "d-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _clause(s: Support, texts: dict[str, str]) -> str:
    """The clause a support states its claim in (its sentence or quote when no clause was found)."""
    return texts.get(s.article, "")[s.label_start:s.label_end] or s.text


def _variant(s: Support, texts: dict[str, str], value: str | None) -> Variant:
    return Variant(s.article, _clause(s, texts), value, s.origin)


def _about(claim: Claim, variants: list[Variant]) -> str:
    """What a discrepancy is about, in words one of its own variants uses: the claim's label when a
    variant states it, else the first variant's clause (a claim's label may come from a support the
    discrepancy does not involve)."""
    return claim.label if any(v.text == claim.label for v in variants) or not variants else variants[0].text


def _holders(variants: list[Variant]) -> str:
    """ "181 people (2 origins, 3 articles) vs 118 people (1 origin)"; one value written in another case
    or spacing ("four bombs", "Four bombs") is one variant, shown as first written."""
    by_value: dict[str, list[Variant]] = {}
    for v in variants:
        by_value.setdefault(" ".join((v.value or "").casefold().split()), []).append(v)
    parts = []
    for vs in by_value.values():
        value = vs[0].value or ""
        origins = len({v.origin for v in vs})
        parts.append(f"{value} ({origins} origin{'s' if origins != 1 else ''}, "
                     f"{len(vs)} article{'s' if len(vs) != 1 else ''})")
    return " vs ".join(parts)


#: each mention's clause vector by (article, clause start, clause end), the key a support carries
ClauseVectors = dict[tuple[str, int, int], Any]


def clause_vectors_of(article_claims: Sequence[ArticleClaims]) -> ClauseVectors:
    """The clause vector of every mention that has one, by the (article, clause span) its support keeps."""
    return {(m.article_id, m.label_start, m.label_end): m.label_vector
            for c in article_claims for m in c.mentions if m.label_vector is not None}


def _alike(a: Support, b: Support, vectors: ClauseVectors, config: AlignConfig) -> bool:
    """Whether two supports' clauses embed at least ``dispute_clause_similarity`` alike (true when either
    clause has no vector). Two outlets disagree about one proposition only when they word that
    proposition: "fired upon two correctional officers" and "handcuffing two transport officers", or "was
    previously in Betty Ford in 2010" and "was accused of attacking a staffer during her stay in 2010",
    share words and figures but not what they say."""
    va = vectors.get((a.article, a.label_start, a.label_end))
    vb = vectors.get((b.article, b.label_start, b.label_end))
    return va is None or vb is None or float(va @ vb) >= config.dispute_clause_similarity


Places = dict[str, list[tuple[int, int, str]]]


def _figure_places(s: Support, places: Places, ends: dict[str, list[int]]) -> set[str]:
    """The place names (lower-cased) where a support's figure is set: those after the figure in its
    sentence ("Twelve people were killed ... by a landslide in Bener Meriah district"), not those before
    it, which more often name a source or a topic ("An official at the Corven Island pier said 118 people
    had been rescued")."""
    from bisect import bisect_right

    at = s.quantity.start if s.quantity is not None else s.start
    sentence_ends = ends.get(s.article, [])
    k = bisect_right(sentence_ends, at)
    end = sentence_ends[k] if k < len(sentence_ends) else s.label_end
    return {t.split(":", 1)[1].lower() for a, b, t in places.get(s.article, ()) if at <= a and b <= end}


def _agreeing_origins(claim: Claim, config: AlignConfig) -> int:
    """How many origin groups give a claim's figure (or, for a claim without one, support it without
    denying it). Of a figure whose supports disagree where no discrepancy holds them one fact ("25 points"
    and "22 points" in two settings), only the ones that agree with the claim's own figure corroborate it."""
    if claim.quantity is None:
        return claim.independent_support
    lead = as_percent(claim.quantity)
    return len({s.origin for s in claim.support if s.certainty != "denied" and s.quantity is not None
                and values_consistent(lead, as_percent(s.quantity), config.value_tolerance)})


def _one_setting(a: Support, b: Support, places: Places, ends: dict[str, list[int]], gazetteer) -> bool:
    """Whether two figures that cannot both hold may count one thing in one place. Figures set
    (:func:`_figure_places`) in places that cannot be one ("Some 30 people were killed ... in the Jabaliya
    refugee camp" / "Two people were killed when a shell hit a UN school in the southern city of Khan
    Younis") count two things; a figure placed where the other is not, and smaller than it ("Twelve people
    were killed ... in Bener Meriah district" / "at least 24 people"), may be a part of the whole, which it
    never disputes."""
    pa, pb = _figure_places(a, places, ends), _figure_places(b, places, ends)
    if pa and pb:
        return any(places_compatible(x, y, gazetteer) for x in pa for y in pb)
    if not (pa or pb) or a.quantity is None or b.quantity is None:
        return True
    placed, other = (a.quantity, b.quantity) if pa else (b.quantity, a.quantity)
    return (placed.high if placed.high is not None else placed.value) >= other.value


# a figure given as a rate or an average ("has averaged more than 30 home runs", "12 points a game") is no
# count of the event, and never disputes one ("hit 13 home runs" in 54 games)
_RATE = re.compile(r"\b(?:averag(?:e|es|ed|ing)|per (?:game|match|season|year|day|week|month|capita|head)|"
                   r"a (?:game|match|season)\b(?! (?:ago|after|before|earlier|later))|each (?:game|season|year)|"
                   r"annually)", re.I)


def _rate(s: Support, texts: dict[str, str]) -> bool:
    """Whether a support's clause gives its figure as a rate or an average (:data:`_RATE`)."""
    return bool(_RATE.search(_clause(s, texts)))


def _value_conflict(claim: Claim, texts: dict[str, str], published: dict[str, str | None], config: AlignConfig,
                    vectors: ClauseVectors, places: Places, ends: dict[str, list[int]], gazetteer=None
                    ) -> Discrepancy | None:
    disputes, _ = figure_conflicts(claim, published, config)
    disputes = [(i, j) for i, j in disputes if _alike(claim.support[i], claim.support[j], vectors, config)
                and _one_setting(claim.support[i], claim.support[j], places, ends, gazetteer)
                and not _rate(claim.support[i], texts) and not _rate(claim.support[j], texts)]
    if not disputes:
        return None
    involved = sorted({i for pair in disputes for i in pair})
    supports = [claim.support[i] for i in involved]
    variants = [_variant(s, texts, written(texts.get(s.article, ""), s.quantity)) for s in supports]
    return Discrepancy(
        id=_id(claim.id, "value"), kind="value",
        summary=f"Outlets give figures that cannot both hold for “{_about(claim, variants)}”: {_holders(variants)}",
        claims=[claim.id], articles=sorted({s.article for s in supports}), variants=variants,
    )


def _same_proposition(a: Support, b: Support, texts: dict[str, str], config: AlignConfig) -> bool:
    """Whether two supports' clauses say one thing: they share at least ``label_overlap`` of the shorter
    clause's content words (``dispute_overlap`` for two wordings of one aligned figure), so a hedge on
    "12 of them are reportedly from Somalia" is not one on "the navy captured 23 pirates"; a clause of
    fewer than four words is a phrase, not a proposition, and is never one."""
    overlap = config.dispute_overlap if a.quantity is not None and b.quantity is not None else config.label_overlap
    clauses = [_clause(s, texts) for s in (a, b)]
    if any(len(c.split()) < 4 for c in clauses):
        return False  # "Three climbers", "one more thing": a phrase, not a proposition to be sure of
    wa, wb = (content_words(c) for c in clauses)
    return containment(wa, wb) >= overlap


# the steps of a legal process: a clause naming one reports the step, not the act it is about
_LEGAL_STEPS = (
    ("charge", re.compile(r"\bcharg(?:e|es|ed|ing)\b", re.I)),
    ("indict", re.compile(r"\bindict(?:s|ed|ment)?\b", re.I)),
    ("accuse", re.compile(r"\baccus(?:e|es|ed|ing|ation|ations)\b", re.I)),
    ("arrest", re.compile(r"\barrest(?:s|ed|ing)?\b", re.I)),
    ("convict", re.compile(r"\b(?:convict(?:s|ed|ion)?|found guilty|pleaded guilty|guilty verdict)\b", re.I)),
    ("sentence", re.compile(r"\bsentenc(?:e|es|ed|ing)\b", re.I)),
    ("trial", re.compile(r"\b(?:on trial|trial|tried for|prosecut(?:e|es|ed|ing|ion|ors?))\b", re.I)),
    ("suspect", re.compile(r"\bsuspect(?:s|ed)?\b", re.I)),
)
# a verdict: an article reporting one states flatly what the court found ("Lopez was found guilty of
# slaying Horton" ... "Horton was struck by a stray bullet as Lopez targeted rival gang members")
_VERDICT = re.compile(r"\b(?:convicted|found guilty|pleaded guilty|pleads guilty|guilty verdict|"
                      r"(?:was|were|been|is|are) sentenced)\b", re.I)
# cues that report an allegation ("allegedly", "accused of"): a clause of a legal step agrees with them
_ALLEGING = re.compile(r"\b(?:alleged|allegedly|accused|suspected|suspect)\b", re.I)
# a denial of the charges denies the act, not that there are charges
_DENIED_CHARGES = re.compile(r"\b(?:denied|denies|deny|denying|rejected|rejects|disputed|disputes)\s+"
                             r"(?:the\s+|all\s+|any\s+)?(?:charges?|allegations?|accusations?)\b", re.I)


def legal_steps(clause: str) -> set[str]:
    """The steps of a legal process a clause names ("charged with murder" -> {"charge"})."""
    clause = _DENIED_CHARGES.sub(" ", clause)
    return {step for step, pattern in _LEGAL_STEPS if pattern.search(clause)}


def _reports_the_step(weak: Support, firm: Support, texts: dict[str, str]) -> bool:
    """Whether the firm support reports a legal step the weak one does not name, while the weak one
    alleges or denies the act: "accused of killing his mother" / "charged with the murder of his
    mother", "denied setting the fire" / "was charged with arson" agree. A denial of the very step
    ("denied that the manager had been arrested" / "police arrested the manager") still conflicts, and
    so does a clause merely unverified ("police did not confirm any arrest"). An allegation (or what "was
    said throughout the investigation and trial") never conflicts with a flat statement in an article
    that reports a verdict (:data:`_VERDICT`): the court found it."""
    if weak.certainty != "denied" and not (weak.cue and (_ALLEGING.search(weak.cue) or legal_steps(weak.cue))):
        return False  # (a hedge voiced in a legal process alleges: "it was said throughout the trial that")
    alleged = weak.certainty != "denied"
    if alleged and _VERDICT.search(texts.get(firm.article, "")) and not _VERDICT.search(_clause(weak, texts)):
        return True  # the firm outlet reports the verdict, and states as found what was alleged before it
    return bool(legal_steps(_clause(firm, texts)) - legal_steps(_clause(weak, texts)))


_ESTIMATE = re.compile(r"\b(?:estimated|an estimate of|estimates? of|roughly|approximately)\b", re.I)


def _estimated(s: Support, texts: dict[str, str]) -> bool:
    """Whether a support's figure is given as an estimate ("about 10,000", "an estimated $1 million",
    "hundreds")."""
    q = s.quantity
    if q is None:
        return False
    return q.vague or q.bound == "about" or _estimate_words(s, texts)


def _estimate_words(s: Support, texts: dict[str, str]) -> bool:
    """Whether a support's clause gives what it says as an estimate, or an "estimated" just before the
    clause governs it ("The fire, estimated | to have caused $1 million in damages")."""
    lead = texts.get(s.article, "")[max(s.start, s.label_start - 30):s.label_start]
    return bool(_ESTIMATE.search(_clause(s, texts)) or re.search(r"\bestimated\W*$", lead))


def _no_firmer(weak: Support, firm: Support, texts: dict[str, str]) -> bool:
    """Whether the "firm" support states its point no more surely than the hedged one: it gives an
    estimate itself ("an estimated $1 million" / "suspected to have caused $1 million", "the fire, estimated
    to have caused $1 million in damages"), or neither gives an exact figure ("at least 10,000 members" /
    "believed to have about 10,000 followers"). Neither outlet then states as fact what the other doubts."""
    if weak.quantity is None or firm.quantity is None:
        return _estimate_words(firm, texts)
    return _estimated(firm, texts) or (firm.quantity.bound != "exact" and weak.quantity.bound != "exact")


# a clause of what would, will or could happen ("they would only reveal the identity of Deep Throat once he
# was dead") reports no fact that a denial of what is or was ("denied that he was Deep Throat") stands against
_MODAL = re.compile(r"\b(?:would|will|could|might|may|should|shall)\s+(?:only\s+|not\s+|never\s+)?[a-z]+", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|neither|nor)\b|n't\b", re.I)


def _agrees_with_denial(denial: Support, other: Support, texts: dict[str, str]) -> bool:
    """Whether a report stands with a denial rather than against it: it is negated itself ("insisted he
    was not Deep Throat"), or says what would happen where the denial is of what is or was
    (:data:`_MODAL`)."""
    theirs = _clause(other, texts)
    return bool(_NEGATION.search(theirs) or (_MODAL.search(theirs) and not _MODAL.search(_clause(denial, texts))))


def _hedged_words_stated(weak: Support, firm: Support, texts: dict[str, str]) -> bool:
    """Whether the firm clause states something of what the hedge governs: the content words of the weak
    clause from its cue on ("Lohan was accused of attacking a female staffer" hedges the attack). A firm
    clause that shares only the setting before the cue ("was previously in Betty Ford in 2010") states
    nothing the other outlet doubts, nor does one that words the hedge itself ("The investigation is
    being conducted by ..." against "is under investigation"). True when the cue is not found in the
    clause (nothing to narrow)."""
    clause = _clause(weak, texts)
    cue = (weak.cue or "").lower()
    hedge = {w[:7] for w in re.findall(r"[a-z]+", cue) if len(w) > 5}
    if hedge & {w[:7] for w in re.findall(r"[a-z]+", _clause(firm, texts).lower()) if len(w) > 5}:
        return False  # "is under investigation" / "the investigation is being conducted by ...": one hedge
    at = clause.lower().find(cue) if cue else -1
    if at < 0:
        return True
    governed = content_words(clause[at + len(cue):])
    return not governed or bool(governed & content_words(_clause(firm, texts)))


def _certainty_conflicts(claim: Claim, texts: dict[str, str], config: AlignConfig, vectors: ClauseVectors,
                         headlines: dict[str, int] | None = None) -> list[Discrepancy]:
    """One outlet denies what another reports, or hedges what another states, about the very same clause.

    A denial stands against a support that reports the point (as fact or as someone's word), not against
    one that hedges it or calls it a rumour ("rumours that he was the source" and "he denied it" agree); a
    hedge only against a support that states the point as fact ("X said" attributes it and hedges nothing
    either), and only when the firm clause states something of what the hedge governs
    (:func:`_hedged_words_stated`); a negated report ("he insisted he was not the source") agrees with a
    denial, and so does a clause of what would happen against a denial of what was
    (:func:`_agrees_with_denial`). A firm report of a legal step never conflicts with an allegation or
    denial of the act
    (:func:`_reports_the_step`). A claim may carry both ("There
    were unconfirmed reports that the manager was arrested" / "Police arrested the manager" / "The
    company denied that the manager had been arrested"). A headline states nothing as fact against a
    hedge: it drops the attribution and the "reportedly" that its article's text carries (``headlines``:
    where each article's headline ends, when its text opens with it)."""
    heads = headlines or {}
    denied = [s for s in claim.support if s.certainty == "denied"]
    weak = [s for s in claim.support if s.certainty in _WEAK]
    firm = [s for s in claim.support if s.certainty in _FIRM and s.start >= heads.get(s.article, 0)]
    out = []
    for kind, against, others, summary in (
        ("denial", denied, [s for s in claim.support if s.certainty in _FIRM | {"attributed"}],
         "Denied by one outlet, reported by others: “{}”"),
        ("certainty", weak, firm,
         f"Reported as {'/'.join(sorted({s.certainty for s in weak}))} by some outlets but stated as fact by "
         "others: “{}”"),
    ):
        pairs = [(w, f) for w in against for f in others
                 if _same_proposition(w, f, texts, config) and _alike(w, f, vectors, config)
                 and not _reports_the_step(w, f, texts) and _hedged_words_stated(w, f, texts)
                 and not (kind == "certainty" and _no_firmer(w, f, texts))
                 and not (kind == "denial" and _agrees_with_denial(w, f, texts))]
        if not pairs:
            continue
        involved = {id(s) for pair in pairs for s in pair}
        variants = [_variant(s, texts, s.certainty + (f" ({s.cue})" if s.cue else ""))
                    for s in claim.support if id(s) in involved]
        out.append(Discrepancy(
            id=_id(claim.id, kind), kind="certainty", summary=summary.format(_about(claim, variants)),
            claims=[claim.id], articles=sorted({v.article for v in variants}), variants=variants,
        ))
    return out


def _unconfirmed_steps(claims: Sequence[Claim], texts: dict[str, str], max_words: int = 8) -> list[Discrepancy]:
    """A legal step that one outlet says is unconfirmed or denied in general ("Police did not confirm any
    arrest", "denied that anyone had been charged") while another outlet states it as fact ("A site
    manager ... was arrested on Tuesday"). The alignment keeps the two clauses apart, since they share
    only the step, so this looks across claims: the general clause (at most ``max_words`` words) names the
    step, the firm one names the same step, in an article of another origin group."""
    firm = [(c, s, legal_steps(_clause(s, texts))) for c in claims if c.kind == "statement"
            for s in c.support if s.certainty in _FIRM]
    out = []
    for claim in claims:
        for weak in claim.support:
            if claim.kind != "statement" or weak.certainty not in {"unverified", "denied"} \
                    or len(_clause(weak, texts).split()) > max_words:
                continue
            steps = legal_steps(_clause(weak, texts))
            against = [(c, s) for c, s, st in firm if steps & st and s.origin != weak.origin and c is not claim]
            if not steps or not against:
                continue
            variants = [_variant(weak, texts, weak.certainty + (f" ({weak.cue})" if weak.cue else ""))]
            variants += [_variant(s, texts, s.certainty) for _, s in against]
            step = "/".join(sorted(steps))
            out.append(Discrepancy(
                id=_id(claim.id, "unconfirmed", step), kind="certainty",
                summary=f"Reported as {weak.certainty} by some outlets ({step}) but stated as fact by others: "
                        f"“{_clause(weak, texts)}”",
                claims=[claim.id, *dict.fromkeys(c.id for c, _ in against)],
                articles=sorted({v.article for v in variants}), variants=variants,
            ))
    return out


_LEADING_NAME = re.compile(r"^(?:The\s+)?((?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*)")


def _denied_elsewhere(claims: Sequence[Claim], texts: dict[str, str], max_words: int = 8) -> list[Discrepancy]:
    """A short clause one outlet denies ("Lakemont Health ... denied that it had paid a ransom") that
    another outlet states as fact inside a claim of its own ("Lakemont Health paid a ransom of about $3
    million", reported as fact or as someone's word): the alignment keeps a bare clause apart from a figure's,
    so this looks across claims. The firm clause holds every content word of the denied one (two at least),
    is not negated, has four words at least, and opens with a name the denial's sentence names besides the
    clause it denies (the one who denies, or whom it is about), so a denial by one person ("LaRue denied that
    he was Deep Throat") stands against nothing said of another ("Felt was Deep Throat", "Deep Throat was
    one person")."""
    firm = [(c, s) for c in claims for s in c.support if s.certainty in _FIRM | {"attributed"}]
    out = []
    for claim in claims:
        if claim.kind != "statement":
            continue
        weak_ones, against = [], {}
        for weak in claim.support:
            clause = _clause(weak, texts)
            words = content_words(clause)
            if weak.certainty != "denied" or len(clause.split()) > max_words or len(words) < 2:
                continue
            found = []
            setting = weak.text.replace(clause, " ")  # the denial's sentence besides what it denies
            for c, s in firm:
                theirs = _clause(s, texts)
                name = _LEADING_NAME.match(theirs)
                if c is not claim and s.origin != weak.origin and len(theirs.split()) >= 4 \
                        and words <= content_words(theirs) and not _agrees_with_denial(weak, s, texts) \
                        and name is not None and content_words(name.group(1)) \
                        and name.group(1) in setting and name.group(1) not in clause:
                    found.append((c, s))
            if found:
                weak_ones.append(weak)
                against.update({id(s): (c, s) for c, s in found})
        if not weak_ones:
            continue
        variants = [_variant(w, texts, w.certainty + (f" ({w.cue})" if w.cue else "")) for w in weak_ones]
        variants += [_variant(s, texts, s.certainty) for _, s in against.values()]
        out.append(_across_claims(claim, "denied-elsewhere", variants, against.values(),
                                  f"Denied by one outlet, reported by others: “{_clause(weak_ones[0], texts)}”"))
    return out


def _across_claims(claim: Claim, tag: str, variants: list[Variant], against: Iterable[tuple[Claim, Support]],
                   summary: str) -> Discrepancy:
    """A certainty discrepancy between supports of ``claim`` and ``against`` ((claim, support) pairs of
    other claims), with each side's wording in ``variants``."""
    return Discrepancy(
        id=_id(claim.id, tag), kind="certainty", summary=summary,
        claims=[claim.id, *dict.fromkeys(c.id for c, _ in against)],
        articles=sorted({v.article for v in variants}), variants=variants,
    )


# an act announced ("said it would appeal", "plans to sue") and the same act reported done ("the
# prosecution has appealed")
_ANNOUNCED = re.compile(r"\b(?:would|will|plans? to|planned to|intends? to|intended to)\s+(?:also\s+)?([a-z]{3,})\b",
                        re.I)
_DONE = re.compile(r"^(?:the\s+)?((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:has|have|had)\s+(?:already\s+|now\s+)?"
                   r"([a-z]{3,}ed)\b", re.I)


def _announced_as_done(claims: Sequence[Claim], texts: dict[str, str], published: dict[str, str | None],
                       hours: float) -> list[Discrepancy]:
    """An act one outlet reports as announced ("The prosecution said it would appeal") that another
    reports as done ("the prosecution has appealed"), within ``hours`` of each other: a rewrite that turns
    an intention into a fact. The two clauses name one verb, the done clause opens with its doer and is
    neither negated nor a clause of what would happen, and the announcing sentence names that doer.
    Undated articles are left out: hours or days later, the act may simply have happened."""
    done = []
    for c in claims:
        for s in c.support:
            clause = _clause(s, texts)
            m = _DONE.match(clause)
            doer = m.group(1).split()[-1].lower() if m else ""
            if m and c.kind == "statement" and content_words(doer) and not _NEGATION.search(clause) \
                    and not _MODAL.search(clause):  # a doer named, not "he" or "it"
                done.append((c, s, doer, verb_stem(m.group(2))))
    out = []
    for claim in claims:
        if claim.kind != "statement":
            continue
        saids, against = [], {}
        for said in claim.support:
            m = _ANNOUNCED.search(_clause(said, texts))
            when = timestamp(published.get(said.article))
            if m is None or when is None:
                continue
            verb, sentence = verb_stem(m.group(1)), said.text.lower()
            found = {id(s): (c, s) for c, s, doer, v in done
                     if c is not claim and s.origin != said.origin and v == verb
                     and re.search(rf"\b{re.escape(doer)}\b", sentence)
                     and (t := timestamp(published.get(s.article))) is not None and abs(t - when) < hours * 3600}
            if found:
                saids.append((said, m.group(0).lower()))
                against.update(found)
        if not saids:
            continue
        variants = [_variant(said, texts, f"announced ({cue})") for said, cue in saids]
        variants += [_variant(s, texts, f"done ({s.certainty})") for _, s in against.values()]
        summary = f"Reported as announced by some outlets but as done by others: “{_clause(saids[0][0], texts)}”"
        out.append(_across_claims(claim, "announced", variants, against.values(), summary))
    return out


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PLACE_LABELS = {"GPE", "LOC", "FAC"}


_PLACE_BEFORE = re.compile(r"\b(?:town|city|village|region|province|district|county|state|port|island|capital|"
                           r"municipality|suburb|neighbourhood|neighborhood) of\s+$", re.I)


def story_places(features: Sequence[ArticleFeatures], texts: dict[str, str]) -> dict[str, list[tuple[int, int, str]]]:
    """Each article's place names as ``(start, end, "KIND:name")``, KIND the label the story's parse gives
    the name most often (GPE, LOC, FAC): names the parse tags as places more often than not across the
    story, or names introduced as places ("the town of Lomari", KIND ``GPE+``)."""
    votes: dict[str, int] = {}
    kinds: dict[str, dict[str, int]] = {}
    for f in features:
        for e in f.entities:
            name = e.text.lower()
            votes[name] = votes.get(name, 0) + (1 if e.label in PLACE_LABELS else -1)
            if e.label in PLACE_LABELS:
                kinds.setdefault(name, {}).setdefault(e.label, 0)
                kinds[name][e.label] += 1
    out: dict[str, list[tuple[int, int, str]]] = {}
    for f in features:
        text = texts.get(f.article_id, "")
        found = []
        for e in f.entities:
            name = e.text.lower()
            if _PLACE_BEFORE.search(text[max(0, e.start - 40):e.start]):
                found.append((e.start, e.end, "GPE+:" + e.text))  # "+": named as a place by the text
            elif votes.get(name, 0) > 0:
                found.append((e.start, e.end, max(kinds[name], key=kinds[name].__getitem__) + ":" + e.text))
        out[f.article_id] = found
    return out


def _place_key(name: str) -> list[str]:
    """The words of a place name, lowercased, without "the", a possessive or dots ("the U.S.'s" -> ["u.s"])."""
    return [w.strip(".") for w in bare_name(name, articles=("the",)).split() if w.strip(".")]


def places_compatible(a: str, b: str, gazetteer=None) -> bool:
    """Whether two place names can both be right for one fact: one holds the other's words ("Banstead" /
    "Banstead High Street", "New York" / "New York State"), abbreviates it ("Calif." / "California"), or
    the gazetteer puts one inside the other ("Khartoum" / "Sudan", "Malibu" / "California")."""
    ka, kb = _place_key(a), _place_key(b)
    if not ka or not kb or set(ka) <= set(kb) or set(kb) <= set(ka):
        return True
    if len(ka) == len(kb) and all(x.startswith(y) or y.startswith(x) for x, y in zip(ka, kb)):
        return True
    return gazetteer is not None and gazetteer.nested(" ".join(ka), " ".join(kb))


def _places_agree(a: set[str], b: set[str], sa: Support, sb: Support, texts: dict[str, str], gazetteer) -> bool:
    """Whether two clauses' places ("KIND:name") can both be right. Only political places (GPE) clash,
    and only when both are surely places (:func:`_placed`); a place the other clause also names, or one
    compatible with it (:func:`places_compatible`), agrees. A venue and its country, a sea and a coast
    never clash."""
    label_a = texts.get(sa.article, "")[sa.label_start:sa.label_end].lower()
    label_b = texts.get(sb.article, "")[sb.label_start:sb.label_end].lower()
    for p in a:
        kind_p, name_p = p.split(":", 1)
        if name_p.lower() in label_b:
            return True
        for q in b:
            kind_q, name_q = q.split(":", 1)
            political = kind_p.rstrip("+") == kind_q.rstrip("+") == "GPE"
            if name_q.lower() in label_a or not political or places_compatible(name_p, name_q, gazetteer) or \
                    not (_placed(p, gazetteer) and _placed(q, gazetteer)):
                return True  # only towns, cities, states and countries both surely places can clash
    return False


def _placed(place: str, gazetteer) -> bool:
    """Whether a place name is surely a place one can tell from another: introduced as one ("the town of
    Lomari") or a city, state or country the gazetteer knows. A nickname ("the Golden State"), a
    province it does not hold, or a misread name ("MD", a person) is not."""
    kind, name = place.split(":", 1)
    if kind == "GPE+":
        return True
    key = " ".join(_place_key(name))
    return gazetteer is not None and (key in gazetteer.areas or key in gazetteer.within)


# a place named as where a movement began or ended ("to move him from the Estelle prison unit in
# Huntsville to the Stiles Unit in Beaumont") is a route, not where the clause's event happened
# ("escaped from a prison van in Baytown")
_ROUTE_BEFORE = re.compile(r"\b(?:[Ff]rom|[Tt]o|[Tt]owards?|bound for)\s+(?:the\s+)?"
                           r"(?:(?:(?:town|city|village|port) of\s+)?|"
                           r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:[a-z]+\s+){0,2}(?:in|at|near)\s+)$")


# a place name that owns something ("San Diego's Jackson", the team's player) or that does something ("a tax
# levied by France") names who, not where
_OWNER_AFTER = re.compile(r"^['’]s?\b")
_AGENT_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
# ...nor does one named as what the clause is about or who it is done with or against ("critical of him
# over Russia", "talks with France", "sanctions against Iran")
_TOPIC_BEFORE = re.compile(r"\b(?:over|about|against|with|regarding|concerning|towards?)\s+(?:the\s+)?$", re.I)


def _details(s: Support, texts: dict[str, str], places: dict[str, list[tuple[int, int, str]]]) -> dict:
    """The years and places a support's clause names. (Weekdays are left out: "won on Sunday" and
    "appeared set on Monday" tell one result, told on different days; so are a place that owns or does
    something, :data:`_OWNER_AFTER`, :data:`_AGENT_BEFORE`, one a clause is about, :data:`_TOPIC_BEFORE`,
    and a route's ends, :data:`_ROUTE_BEFORE`.)"""
    label = _clause(s, texts)
    text = texts.get(s.article, "")
    return {
        "year": set(_YEAR.findall(label)),
        "place": {t for a, b, t in places.get(s.article, ()) if s.label_start <= a and b <= s.label_end
                  and not _ROUTE_BEFORE.search(text[max(s.label_start, a - 40):a])
                  and not _AGENT_BEFORE.search(text[max(s.label_start, a - 12):a])
                  and not _TOPIC_BEFORE.search(text[max(s.label_start, a - 16):a])
                  and not _OWNER_AFTER.match(text[b:b + 3]) and not t.endswith(("'s", "’s"))},
    }


_FUTURE = re.compile(r"\b(?:will|would|shall|won['’]t)\b|['’]ll\b", re.IGNORECASE)


def _planned(s: Support, texts: dict[str, str]) -> bool:
    """Whether a support's clause tells what is to happen ("he will take over in 2014"), whose date is not
    that of an event that has happened."""
    return bool(_FUTURE.search(texts.get(s.article, "")[s.label_start:s.label_end]))


_STATE = "be"  # the predicate of a clause that tells a state ("was deputy director"), not an event


def _state_after_event(x: Support, years_x: set[str], y: Support, years_y: set[str]) -> bool:
    """Whether of two clauses of one fact one tells a state in (or since) a year no earlier than the year of
    the other's event, which may have begun it: "Felt was deputy associate director of the FBI in 1972"
    after "Hoover promoted Felt to deputy associate director" in 1971. A state since a year before the
    event ("a staple for residents since 1987" and "founded the clinic in 1990") cannot both hold."""
    if (x.predicate == _STATE) == (y.predicate == _STATE):
        return False
    (state, event) = (years_x, years_y) if x.predicate == _STATE else (years_y, years_x)
    return min(int(v) for v in state) >= max(int(v) for v in event)


def _detail_conflicts(claim: Claim, texts: dict[str, str], places: Places, config: AlignConfig,
                      vectors: ClauseVectors, gazetteer=None) -> list[Discrepancy]:
    """One stated fact told with different years or places: "built in 1968" / "built in 1986", "began in
    Sabetu" / "began in Lomari". Both clauses must name a year (or place) and otherwise say the same
    (``label_overlap`` of their other words, and clause vectors alike: :func:`_alike`), so "Hoover promoted
    Felt in 1971" is no other date for "Felt was deputy director in 1972 when he began to leak"; each clause
    keeps two content words at least besides the year or place ("it wasn't until 1997" states nothing). A
    clause that tells a state ("Felt was deputy associate director of the FBI in 1972", its predicate "be")
    names a year it held in, which is no other date for an earlier event that began it ("July 1, 1971,
    Hoover promoted Felt to deputy associate director"): :func:`_state_after_event`."""
    if claim.kind != "statement":
        return []
    support = [s for s in claim.support if s.certainty != "denied"]
    details = [_details(s, texts, places) for s in support]
    out = []
    slots: tuple[tuple[DiscrepancyKind, str, str], ...] = (("date", "year", "dates"), ("place", "place", "places"))
    for kind, slot, what in slots:
        pairs = []
        for x in range(len(support)):
            for y in range(x + 1, len(support)):
                a, b = details[x][slot], details[y][slot]
                if not a or not b or {v.lower() for v in a} & {v.lower() for v in b} or \
                        support[x].article == support[y].article:
                    continue
                if slot == "place" and _places_agree(a, b, support[x], support[y], texts, gazetteer):
                    continue
                if slot == "year" and _state_after_event(support[x], a, support[y], b):
                    continue  # "Felt was deputy director in 1972": a state then, no other date for "promoted in 1971"
                if slot == "year" and len({_planned(s, texts) for s in (support[x], support[y])}) == 2:
                    continue  # "he will take over ... in 2014" is no other date for "Smith was introduced in 2009"
                rest = {w for d in (a | b) for w in content_words(d)}
                wa, wb = (content_words(texts.get(s.article, "")[s.label_start:s.label_end]) - rest
                          for s in (support[x], support[y]))
                if min(len(wa), len(wb)) < 2:
                    continue  # "it wasn't until 1997": a date with no proposition of its own to disagree on
                if containment(wa, wb) >= config.label_overlap and _alike(support[x], support[y], vectors, config):
                    pairs.append((x, y))
        if not pairs:
            continue
        involved = sorted({k for pair in pairs for k in pair})
        variants = [_variant(support[k], texts, ", ".join(sorted(v.split(":", 1)[-1] for v in details[k][slot])))
                    for k in involved]
        out.append(Discrepancy(
            id=_id(claim.id, kind), kind=kind,
            summary=f"Outlets give different {what} for “{_about(claim, variants)}”: {_holders(variants)}",
            claims=[claim.id], articles=sorted({v.article for v in variants}), variants=variants,
        ))
    return out


def confident_speaker(name: str | None, people: Sequence[str]) -> bool:
    """Whether a quote's speaker is a named person, not a pronoun, a document or a crowd ("officials"): a
    full name, capitalised, that the story's parse tags as a person or that a title precedes ("Ostmark
    Freight spokeswoman Ingrid Solvay", "union president Teodor Vasko")."""
    if not name:
        return False
    tokens = name_tokens(name)
    if len(tokens) < 2 or any(t in _NOT_SPEAKERS for t in tokens):
        return False  # a bare surname ("Aldrecht") may be a misread speaker
    own = name.split()[-len(tokens):]  # the name as written, after any title ("union president Teodor Vasko")
    if not all(w[:1].isupper() for w in own):
        return False
    titled = len(name.split()) > len(own)  # a title before a full name says it is a person's
    return titled or any(same_person(name, p) for p in people)


_QUOTE_WORDS = 4  # content words a quote needs before a different speaker for it is a discrepancy
_SAME_QUOTE = 0.8  # share of the shorter wording's words two wordings of one quote share


def _title_case(quoted: str) -> bool:
    """Whether quoted words are a name or title ("Outstanding Individual Performance in a Variety or
    Music Program"), not speech: most of their words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", quoted) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _named_near(s: Support, text: str, before: int = 80, after: int = 60) -> bool:
    """Whether a quote's speaker is named next to it ("Bello said: ...", "..., said Amara Bello"), not
    inferred from a pronoun ("..., he said") or from a name further away."""
    surname = name_tokens(s.attributed_to or "")[-1:]
    # after the quote, only its own sentence: a name in the next one ("\nFrancesca Grifo, director of ...,
    # said") is the next statement's speaker
    tail = _SENTENCE_END.split(text[s.end:s.end + after])[0]
    around = (text[max(0, s.start - before):s.start] + " " + tail).lower()
    return bool(surname) and re.search(rf"\b{re.escape(surname[0])}\b", around) is not None


def _attribution_conflict(claim: Claim, texts: dict[str, str], people: Sequence[str]) -> Discrepancy | None:
    """The same quoted words put in the mouths of two named people who are not one person.

    Both speakers must be named people (:func:`confident_speaker`) named beside the quote, not found
    through a pronoun; the two wordings must hold at least ``_QUOTE_WORDS`` content words and be nearly
    the same words (a short phrase, "God bless you", "Teflon Don", is said or written by many).
    Statements are left out: "the grid operator" and "Nordline" may well be one source, and only
    quotes carry a speaker precise enough to compare.
    """
    if claim.kind != "quote":
        return None
    words = [content_words(texts.get(s.article, "")[s.start:s.end]) for s in claim.support]
    named = [i for i, s in enumerate(claim.support)
             if confident_speaker(s.attributed_to, people) and len(words[i]) >= _QUOTE_WORDS
             and _named_near(s, texts.get(s.article, "")) and not _title_case(texts.get(s.article, "")[s.start:s.end])]
    speaker = {i: s.attributed_to for i, s in enumerate(claim.support) if s.attributed_to}  # all of ``named``
    canon = canonical_names(speaker[i] for i in named)
    pairs = [(i, j) for x, i in enumerate(named) for j in named[x + 1:]
             if claim.support[i].article != claim.support[j].article
             and not same_person(canon[speaker[i]], canon[speaker[j]])
             and containment(words[i], words[j]) >= _SAME_QUOTE]
    if not pairs:
        return None
    involved = sorted({k for pair in pairs for k in pair})
    variants = [_variant(claim.support[k], texts, canon[speaker[k]]) for k in involved]
    return Discrepancy(
        id=_id(claim.id, "attribution"), kind="attribution",
        summary=f"One quote, different speakers: {_holders(variants)}",
        claims=[claim.id], articles=sorted({v.article for v in variants}), variants=variants,
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
    gazetteer=None,
) -> list[Discrepancy]:
    """All discrepancies of one story, claims' conflicts first, then role conflicts.

    ``gazetteer`` (:class:`wirecheck.cluster.places.Gazetteer`, loaded once by the runner) tells a city
    inside its country or state, so "Khartoum" and "Sudan" are no place discrepancy.

    A claim named by a value, denial, attribution, date or place discrepancy is marked ``disputed``; a
    claim the alignment marked disputed for a conflict no discrepancy stands for (two figures or a denial
    in clauses that do not word one proposition) is corroborated or single-sourced again, so a reader never
    sees a dispute without what is disputed.
    """
    texts = {a.id: a.text for a in articles}
    published = {a.id: a.published for a in articles}
    headlines = {a.id: len(a.title) for a in articles if a.title and a.text.startswith(a.title)}
    people = sorted({e.text for f in features for e in f.entities if e.label == "PERSON"})
    origin_of = {aid: g for g, group in enumerate(origins) for aid in group}
    places = story_places(features, texts)
    ends = {f.article_id: [x.end for x in f.sentences] for f in features}  # where each sentence ends, in order
    vectors = clause_vectors_of(article_claims)
    out: list[Discrepancy] = []
    disputed: set[str] = set()
    for claim in claims:
        found = [_value_conflict(claim, texts, published, config, vectors, places, ends, gazetteer),
                 *_certainty_conflicts(claim, texts, config, vectors, headlines),
                 _attribution_conflict(claim, texts, people),
                 *_detail_conflicts(claim, texts, places, config, vectors, gazetteer)]
        for d in found:
            if d is None:
                continue
            out.append(d)
            if d.kind in {"value", "attribution", "date", "place"} or d.id == _id(claim.id, "denial"):
                disputed.add(claim.id)
    out.extend(_announced_as_done(claims, texts, published, config.update_hours))
    for d in _denied_elsewhere(claims, texts):
        if any(x.id == _id(d.claims[0], "denial") for x in out):
            continue  # the claim's own supports already carry the denial
        out.append(d)
        disputed.update(d.claims)
    for claim in claims:
        if claim.id in disputed:
            claim.status = "disputed"
        elif claim.status == "disputed":
            claim.status = "corroborated" if _agreeing_origins(claim, config) >= 2 else "single_source"
    out.extend(_unconfirmed_steps(claims, texts))
    out.extend(_role_conflicts(article_claims, texts, origin_of, published, config))
    return out
