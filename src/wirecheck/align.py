"""Align claim mentions across the articles of one story into facts with support.

A fact is who or what, a predicate (launched, killed, injured, arrested...), what is counted, its scope
(which part: "three of them in the Kyiv region") and its period ("in 2019"). Quantity mentions align when
these agree and their figures are compatible intervals ("653", "more than 650" and "hundreds of" all
hold); two figures that cannot both hold are one fact only with the same predicate, counted noun, scope
and period in similar sentences, and then they are a dispute or, published hours apart, an update
(rising tolls). Quotes align by their words; statements by sentence similarity or by the content words
of their clauses, so "X denied that the driver had been arrested" meets "the driver was arrested".

Each claim's ``independent_support`` counts origin groups (from provenance) among the supports that
do not deny it, so ten copies of one wire story are one source and a denial supports nothing.
Claims come out ordered for a reader: corroborated facts with the most origins and most specific
figures first, then disputes, then single-sourced facts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from typing import AbstractSet, Sequence, overload

from .claims.facts import SINCE_PREFIX, is_span
from .claims.names import same_person
from .claims.predicates import PREDICATE_CLASS as _PREDICATE_CLASS
from .claims.predicates import TWO_SENSE_PHRASES, role_of
from .config import AlignConfig
from .dates import timestamp
from .nlp import EMBEDDING_DIM
from .records import (
    Article, ArticleClaims, ArticleFeatures, Claim, ClaimMention, ClaimStatus, FigurePoint, Quantity, Support,
)
from .text import STOP_WORDS as _STOP
from .text import singular
from .wording import written

_WORD = re.compile(r"[a-z0-9]+")
SPECIFIC_VALUE = 20  # figures at least this large rarely agree by chance

# counted nouns that name the people a figure counts without saying who they are
PEOPLE_NOUNS = {"people", "person", "individual", "civilian", "resident", "passenger", "victim", "adult", "man",
                "woman", "death", "toll", "casualty", "dead", "injury", "life", "body", "other", "patient",
                "worker", "employee", "miner", "student", "child", "survivor", "crew", "arrest", "fatality",
                "evacuee", "hostage"}
# of those, the ones that name no kind of person, only how many an event touched: "12 people were
# arrested" and "at least 42 arrests" count one thing, "three children" and "ten people" need not
GENERIC_PEOPLE = {"people", "person", "individual", "death", "toll", "casualty", "dead", "injury", "arrest",
                  "fatality", "life", "body"}
# clause words too ambiguous to name a figure's predicate ("the air force", "left", "a hit")
_AMBIGUOUS = {"down", "left", "leave", "hit", "hold", "held", "claim", "claimed", "force", "forced", "send", "sent",
              "fire", "free", "miss", "save", "pull", "target", "strike", "attack", "aim"} | TWO_SENSE_PHRASES


def verb_stem(word: str) -> str:
    """A verb form's rough stem, so that inflections of one verb meet: "cutting", "cuts" and "cut" → "cut";
    "closed", "closes", "close" → "clos"."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[:-len(suffix)]
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # "cutt" (cutting), "stopp" (stopped)
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def predicate_relation(a: str | None, b: str | None) -> str:
    """``same``, ``opposed`` (known, different roles) or ``unknown`` for two predicates."""
    if not a or not b:
        return "unknown"
    wa, wb = a.lower().split()[0], b.lower().split()[0]
    if wa == wb or verb_stem(wa) == verb_stem(wb):
        return "same"  # "cut" / "cutting", "closed" / "closes"
    ca, cb = role_of(a), role_of(b)  # a phrasal verb's own role: "knocked out", "took down"
    if ca and cb:
        return "same" if ca == cb else "opposed"
    return "unknown"


def _predicate(q: Quantity, clause: str = "") -> tuple[str | None, bool]:
    """``(predicate, loose)``: the predicate of a figure and whether it is only loosely known. Its verb
    when that verb names one event role, else a word of its noun ("the death toll"), else the event word
    of its clause ("eight people were wounded, three of them in Brenska": wounded), else its verb as it
    is, loose when that verb has many senses ("left", "sent", "hit"). A loose predicate can make two
    figures one fact, never two."""
    said = q.predicate.lower() if q.predicate else ""
    verb = said if said in _PREDICATE_CLASS else said.split()[0] if said else ""  # "took down", else "took"
    if verb in _PREDICATE_CLASS and verb not in _AMBIGUOUS:
        return q.predicate, False
    for word in reversed(_WORD.findall(q.noun.lower())):
        if word in _PREDICATE_CLASS:
            return word, False
    for word in _WORD.findall(clause.lower()):
        if word in _PREDICATE_CLASS and word not in _AMBIGUOUS:
            return word, True
    return q.predicate, verb in _AMBIGUOUS  # "sent two firefighters for treatment", "left nine dead"


def _figure_relation(a: _Figure, b: _Figure) -> str:
    """:func:`predicate_relation` of two figures' predicates; a loose predicate never opposes."""
    if a.quantity.unit in SCALE_UNITS and a.quantity.unit == b.quantity.unit:
        return "same"
    relation = predicate_relation(a.predicate, b.predicate)
    if relation != "same" and (a.loose or b.loose) and \
            predicate_relation(a.quantity.predicate, b.quantity.predicate) == "same":
        return "same"  # both "brought to the surface", whatever loose word ("minor injuries") the clause has
    return "unknown" if relation == "opposed" and (a.loose or b.loose) else relation


def _label(m: ClaimMention) -> str:
    """The claim's clause, from its sentence text (no article text needed)."""
    if m.label_end <= m.label_start:
        return m.text
    return m.text[max(0, m.label_start - m.start):max(0, m.label_end - m.start)]


# counted nouns outlets use for one another ("jobs" and "positions", "surgeries" and "operations")
NOUN_SYNONYMS = {"position": "job", "post": "job", "role": "job", "operation": "surgery", "procedure": "surgery",
                 "home": "house", "dwelling": "house", "vehicle": "car", "automobile": "car", "kid": "child",
                 "youngster": "child", "physician": "doctor", "automaker": "carmaker", "village": "village",
                 "quake": "earthquake", "tremor": "earthquake"}
# units that say what a figure measures, whatever the verb: one earthquake has one magnitude
SCALE_UNITS = {"magnitude"}


def noun_tokens(noun: str) -> set[str]:
    """Content tokens of a counted noun phrase, singularised ("death toll" counts people)."""
    tokens = {NOUN_SYNONYMS.get(singular(w), singular(w)) for w in _WORD.findall(noun.lower()) if w not in _STOP}
    if tokens & {"toll", "death", "dead", "casualty"}:
        tokens = (tokens - {"toll", "death", "dead", "casualty"}) | {"people"}
    return tokens


def _rounding(value: float, tolerance: float) -> float:
    """Half the rounding step of a round figure ("3,000" may stand for 3,212), capped at ``tolerance``
    times the figure; 0 for a figure under 100 or not whole."""
    if value < 100 or value != int(value):
        return 0.0
    step, n = 1, int(value)
    while n % 10 == 0:
        n //= 10
        step *= 10
    return 0.0 if step == 1 else min(step / 2, value * tolerance)


def interval(q: Quantity, tolerance: float) -> tuple[float, float]:
    """The values a quantity as worded allows: 'more than 200' → (200, inf), '3,000' → (2,550, 3,450)
    with a ``tolerance`` of 0.15."""
    v = q.value
    if q.high is not None and q.high > v:  # a range: "10 to 20", "hundreds of"
        lo, hi = (v * (1 - tolerance), q.high * (1 + tolerance)) if q.bound == "about" else (v, q.high)
        if q.bound in ("at_least", "more_than"):
            hi = math.inf
        return lo, hi
    if q.bound == "about":
        return v * (1 - tolerance), v * (1 + tolerance)
    if q.bound in ("at_least", "more_than"):
        return v, math.inf
    if q.bound == "nearly":  # "nearly 3,500", "almost a tenth": just under the figure
        return v * (1 - tolerance), v
    if q.bound in ("at_most", "less_than"):
        return v * 0.5, v  # "as much as 30%", "up to 400": a ceiling near the figure, not any smaller one
    r = _rounding(v, tolerance)
    return v - r, v + r


def values_consistent(a: Quantity, b: Quantity, tolerance: float) -> bool:
    """Whether two wordings of a figure can both be true ('212' and 'more than 200' can)."""
    lo_a, hi_a = interval(a, tolerance)
    lo_b, hi_b = interval(b, tolerance)
    for x, y in ((a, b), (b, a)):  # open bounds: "more than 200" excludes exactly 200
        if x.high is None and y.high is None and y.bound == "exact" and not _rounding(y.value, tolerance):
            if x.bound == "more_than" and y.value <= x.value or x.bound == "less_than" and y.value >= x.value:
                return False
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two wordings give one figure, not merely compatible ones: "653" and "more than 650" do,
    "at least nine" and "at least 14" (two floors) do not."""
    if a.bound == b.bound and a.bound != "exact" and (a.value, a.high) != (b.value, b.high):
        return False
    return values_consistent(a, b, 0.0)


def _sentence_vector(features: ArticleFeatures, mention: ClaimMention):
    import numpy as np

    idx = mention.sentence_index
    if 0 <= idx < len(features.sentence_embeddings):
        return features.sentence_embeddings[idx]
    for s in features.sentences:  # fall back to the sentence containing the mention's start
        if s.start <= mention.start < s.end and s.index < len(features.sentence_embeddings):
            return features.sentence_embeddings[s.index]
    width = features.sentence_embeddings.shape[1] if features.sentence_embeddings.ndim == 2 else EMBEDDING_DIM
    return np.zeros(width, dtype=np.float32)


# words that frame how sure or whose a clause is, not what it says ("unconfirmed reports that ...")
FRAME_WORDS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "probably", "likely",
               "unconfirmed", "unverified", "report", "reports", "reported", "claim", "claims", "claimed", "deny",
               "denied", "denies", "according", "believed", "thought", "suspected", "there", "may", "might",
               "confirm", "confirmed", "told", "stated", "added", "announced", "says", "say", "said"}


def content_words(clause: str) -> set[str]:
    """A clause's content words, roughly stemmed (:func:`verb_stem`: "arrested" and "arrests" meet,
    "collapse" and "collapsed"); stop words and the words that frame certainty or
    attribution ("unconfirmed reports", "denied that") left out."""
    words = {w for w in _WORD.findall(clause.lower()) if w not in _STOP and w not in FRAME_WORDS and len(w) > 1}
    return {w if len(w) <= 5 or _NUMBER_WORD.match(w) else verb_stem(w) for w in words}


def containment(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """The share of the smaller word set that the other holds (0.0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _label_words(text: str, m: ClaimMention) -> set[str]:
    start, end = (m.label_start, m.label_end) if m.label_end > m.label_start else (m.start, m.end)
    return content_words(text[start:end])


_NUMBER_WORD = re.compile(r"^(\d.*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|"
                          r"hundred|hundreds|thousand|thousands|million|millions|billion|percent|more|than|over|"
                          r"nearly|almost|about|around|least|up|some|roughly|approximately|far|now|still|already|yet)$")


def _frame_words(m: ClaimMention) -> frozenset[str]:
    """The content words of a figure's clause besides the figure, its counted noun and its verb."""
    q = m.quantity
    own = content_words(f"{q.noun} {q.predicate or ''}") if q is not None else set()
    return frozenset(w for w in content_words(_label(m)) if w not in own and not _NUMBER_WORD.match(w))


def _frames_overlap(wa: frozenset[str], wb: frozenset[str]) -> float:
    """How much two figures' clauses say the same besides the figure, its counted noun and its verb, from
    their :func:`_frame_words`: the share of the shorter clause's other content words that the other
    holds; 1.0 when neither has any ("Five bombs were dropped", "four bombs were dropped"), 0.0 when only
    one has ("Five people died" and "in Central Aceh district, 10 people were killed" may count different
    places)."""
    if not wa or not wb:
        return 0.0 if wa or wb else 1.0
    return containment(wa, wb)


@dataclasses.dataclass(frozen=True, slots=True)
class _Figure:
    """What pair scoring reads of one mention with a figure, worked out once per story, not once per pair."""

    mention: ClaimMention
    quantity: Quantity  # the mention's figure, a fraction as a percentage (:func:`as_percent`)
    nouns: frozenset[str]  # :func:`noun_tokens` of its counted noun
    head: str  # :func:`_head` of its counted noun
    predicate: str | None  # :func:`_predicate` of the figure in its clause...
    loose: bool  # ...and whether that predicate is only loosely known
    frame: frozenset[str]  # :func:`_frame_words` of its clause
    level: bool = False  # whether it gives the running level of a figure that changes (:func:`_running`)
    share_of: str | None = None  # what a percentage is a share of (:func:`share_of`)


_NOW = re.compile(r"\bnow\b", re.I)


def _running(m: ClaimMention, q: Quantity) -> bool:
    """Whether a figure is the level a changing figure has reached: "grew to more than 5,000 hectares",
    "the toll rose to 14", "has now swallowed about 5,200 hectares"."""
    return q.change == "to" or bool(_NOW.search(_label(m)))


_SHARE_OF = re.compile(r"^\s*of\s+(?:the\s+|all\s+|its\s+|their\s+|registered\s+|eligible\s+)*([a-z]+)", re.I)


def share_of(m: ClaimMention, q: Quantity) -> str | None:
    """The singular noun a percentage is a share of, from the words after it ("98 percent of ballots":
    ``ballot``; "more than 60 percent of registered voters": ``voter``), or None when it names none. Two
    shares of different things ("of ballots counted" / "of voters turned out") are two facts unless the
    figures are the very same."""
    if q.unit != "%" or not m.start <= q.end <= m.end:
        return None
    found = _SHARE_OF.match(m.text[q.end - m.start:])
    return singular(found.group(1).lower()) if found else None


def _figure(m: ClaimMention, q: Quantity) -> _Figure:
    """The :class:`_Figure` of mention ``m`` whose figure, as a percentage where it is a fraction, is ``q``."""
    predicate, loose = _predicate(q, _label(m))
    return _Figure(m, q, frozenset(noun_tokens(q.noun)), _head(q.noun), predicate, loose, _frame_words(m),
                   _running(m, q), share_of(m, q))


def _pair_score(a: _Figure, b: _Figure, sim: float, cfg: AlignConfig, undated: bool = True,
                crowded: bool = False, apart: bool = False) -> tuple[bool, float]:
    """(compatible, score) of two quantity mentions as one fact; score 0 when they are different facts.

    Two figures that cannot both hold may be one fact, disputed or updated. When one of the articles
    is ``undated``, nothing says the two speak of one moment (a day's count and the running total, one
    game and another), so they are one fact only when their clauses say the same besides the figure
    (:func:`_frames_overlap` at least ``dispute_overlap``; ``crowded_overlap`` when the story gives
    ``crowded_values`` or more different figures for that counted noun, as a game report gives points and
    yards for many players, or a disaster report tolls for many places and hours). When the two articles
    were published ``update_hours`` or more ``apart``, a later figure may be an update of the earlier
    one, and one counted noun may be a more specific form of the other ("120 suspected cases" on Monday,
    "180 suspected cholera cases" on Thursday)."""
    m, q, other, o = a.mention, a.quantity, b.mention, b.quantity
    periods = _period_relation(m.period, other.period)
    if o.type != q.type or (o.unit or "") != (q.unit or "") or periods == "other":
        return True, 0.0
    nouns_a, nouns_b = a.nouns, b.nouns
    shared = nouns_a & nouns_b
    people = bool(nouns_a & PEOPLE_NOUNS and nouns_b & PEOPLE_NOUNS)
    equal = q.high == o.high and abs(q.value - o.value) <= 0.005 * max(abs(q.value), abs(o.value))
    if a.share_of and b.share_of and a.share_of != b.share_of and not (equal and q.bound == o.bound):
        return True, 0.0  # "98 percent of ballots" (counted) is no share of voters; "8% of its staff" may
        # be "8% of its workforce"
    # the very same specific figure in similar sentences names one thing, however each outlet calls it
    # ("50 prisoners" / "50 detainees", "1,100 of the cuts" / "1,100 of them"), unless said of two people
    named_twice = equal and q.type == "count" and min(abs(q.value), abs(o.value)) >= SPECIFIC_VALUE and \
        not (q.vague or o.vague) and sim >= cfg.noun_similarity and not (
            m.subject and other.subject and not same_person(m.subject, other.subject))
    if not (shared or people or named_twice) or not (nouns_a and nouns_b or named_twice):
        return True, 0.0
    overlap = len(shared) / len(nouns_a | nouns_b) if shared else 0.3
    relation = _figure_relation(a, b)
    if relation == "opposed":
        return True, 0.0  # "killed" is never "injured", "launched" never "intercepted"
    close = q.bound == o.bound and q.high == o.high and values_consistent(q, o, 0.02)
    if q.unit in SCALE_UNITS:  # "the 6.4 earthquake in Dravena" is not a part of the earthquake
        m, other = dataclasses.replace(m, scope=None), dataclasses.replace(other, scope=None)
    elif m.scope != other.scope and _one_scope(a, b, close and bool(shared)):
        other = dataclasses.replace(other, scope=m.scope)
    if m.scope != other.scope and (m.scope and other.scope or "part" in (m.scope, other.scope) or not close):
        return True, 0.0  # a part is never the whole ("at least three in Brenska" is not "eight wounded");
        # "another 11 injured" may be the whole "11 injured", when the figures are equal
    if values_consistent(q, o, cfg.value_tolerance):
        if _far_above_floor(q, o) or _far_above_floor(o, q):
            return True, 0.0  # "at least five people" (killed this week) is not the tsunami's 168,000
        # agreeing on a figure is itself evidence, the more so for a large, precisely equal one
        needed = cfg.noun_similarity if relation == "unknown" else cfg.noun_similarity * 0.6
        if (close and shared) or (nouns_a == nouns_b and q.type == "count"):
            needed *= 0.7
        if min(abs(q.value), abs(o.value)) >= SPECIFIC_VALUE and not (q.vague or o.vague):
            needed *= 0.6
        if q.type != "count" and abs(q.value - o.value) > cfg.value_tolerance * max(abs(q.value), abs(o.value)):
            needed = max(needed, cfg.statement_similarity - 0.1)  # "0.3%" is not "as much as 30%"
        if sim < needed:
            return True, 0.0
        # of two compatible figures the nearer one is likelier the same fact ("more than 60%" is
        # nearer 61.4% than 98%)
        gap = abs(q.value - o.value) / max(abs(q.value), abs(o.value), 1e-9)
        return True, 0.4 * overlap + 0.4 * sim + (0.2 if relation == "same" else 0.1) - 0.2 * min(gap, 1.0)
    generic = relation == "same" and a.head in GENERIC_PEOPLE and b.head in GENERIC_PEOPLE  # people / arrests
    if periods == "span":
        return False, 0.0  # "189 yards in his last two games" never disputes the "498 yards" of a season
    if not (shared or generic) or m.scope != other.scope or q.vague or o.vague or (a.head != b.head and not generic):
        return False, 0.0  # "three left hooks" and "two hard lefts" are not one disputed count
    if m.scope == "part":
        return False, 0.0  # "178 of 369 punches" and "28 of his 68 punches": parts of wholes not told apart
    if (m.subject and other.subject and not same_person(m.subject, other.subject)) or (
            m.context and other.context and not set(m.context.split(", ")) & set(other.context.split(", "))):
        return False, 0.0  # Clark's 16 rebounds and Daye's eight; 10,000 in Heraklion and 20,000 in Athens
    if relation == "unknown" and apart and (a.level or b.level) and nouns_a == nouns_b:
        relation = "same"  # hours later the fire "grew to" or "has now swallowed" what it had "burned"
    # an unknown predicate needs the very same counted noun and a closer sentence; a percentage, sum or
    # measure names no counted thing, so it needs a known shared predicate and a near-identical sentence
    needed = cfg.dispute_similarity if relation == "same" else cfg.dispute_similarity + 0.3
    if q.type != "count":
        needed = cfg.dispute_similarity + 0.2 if relation == "same" else 2.0
    nested = apart and (nouns_a <= nouns_b or nouns_b <= nouns_a)  # "cases" / "cholera cases", days apart
    if sim < needed or (relation == "unknown" and nouns_a != nouns_b and not nested):
        return False, 0.0
    if undated and _frames_overlap(a.frame, b.frame) < (cfg.crowded_overlap if crowded else cfg.dispute_overlap):
        return False, 0.0  # "46 arrests on Wednesday" and "over 50 arrests in four nights" are two facts
    return False, 0.4 * overlap + 0.3 * sim


FLOOR_REACH = 5.0  # how far above "at least N" / "more than N" a figure may be and still be the one it bounds


def _far_above_floor(floor: Quantity, other: Quantity) -> bool:
    """Whether ``other`` is more than :data:`FLOOR_REACH` times a lower bound's figure: "at least 40 people"
    holds for "a city of 160,000 people" as an interval, but an outlet that knew of 160,000 would not write
    it; the two are different facts (neither support nor dispute)."""
    if floor.bound not in ("at_least", "more_than") or floor.high is not None or floor.value <= 0:
        return False
    return (other.high if other.high is not None and not other.vague else other.value) > FLOOR_REACH * floor.value


def _period_relation(a: str | None, b: str | None) -> str:
    """How the periods of two figures relate: ``same``; ``span`` when only one is counted over a recent
    span ("189 yards in his last two games") that the other's outlet may have left out, so the two may
    agree but never dispute (the other may be the season's total); else ``other``, different facts. A
    running count "since" a time is the whole to date ("200 cases since the outbreak began"), so it is
    the same period as none; two different spans ("since Week 11", "in his last two games") are not."""
    if a == b:
        return "same"
    if a is not None and b is not None:
        return "other"
    p = str(a or b)
    if p.startswith(SINCE_PREFIX):
        return "same"
    return "span" if is_span(p) else "other"


def _one_scope(a: _Figure, b: _Figure, same_figure: bool) -> bool:
    """Whether two figures whose mentions carry different scopes count one part all the same.

    A part that the parse placed by its verb names the place in its clause: "1,100 of them will be in
    Brennick" is the part "1,100 of them in Brennick". And the same figure of the same counted noun,
    told by one outlet as a part of a whole it also gives and by another alone, is one part: "88 of the
    150 seats" and "won 88 seats", "Five of the seven members voted for" and "five members for"
    (``same_figure``: equal bounds and values, a shared counted noun). A part is still never the
    whole when the figures differ ("three of them in the Kyiv region" is not "eight wounded").
    """
    scopes = {a.mention.scope, b.mention.scope}
    if scopes == {"part", None}:
        return same_figure
    if "part" not in scopes or scopes & {None, "beside"}:
        return False
    part, placed = (a, b) if a.mention.scope == "part" else (b, a)
    places = content_words(placed.mention.scope or "")
    return bool(places) and places <= part.frame  # the part's clause words, worked out once per mention


def _head(noun: str) -> str:
    """The head word of a counted noun phrase, singular, with synonyms folded ("tank cars" -> "car")."""
    words = [singular(w) for w in _WORD.findall(noun.lower()) if w not in _STOP]
    return NOUN_SYNONYMS.get(words[-1], words[-1]) if words else ""


@overload
def as_percent(q: Quantity) -> Quantity: ...
@overload
def as_percent(q: None) -> None: ...
def as_percent(q: Quantity | None) -> Quantity | None:
    """A fraction ("a tenth", "a third of") as the percentage it is, basis points as percentage points;
    other figures unchanged."""
    import dataclasses

    if q is not None and q.unit == "bp":  # 25 basis points are 0.25 percentage points
        return dataclasses.replace(q, value=q.value / 100, high=None if q.high is None else q.high / 100, unit="pp",
                                   noun="percentage point")
    if q is None or q.unit != "fraction":
        return q

    return dataclasses.replace(q, value=q.value * 100, high=None if q.high is None else q.high * 100, unit="%",
                               type="percent", noun="percentage")


def _quote_tokens(m: ClaimMention) -> set[str]:
    text = m.quote.text if m.quote else m.text
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _quote_score(mine: set[str], theirs: set[str]) -> float:
    """Containment of the shorter quote's words (:func:`_quote_tokens`) in the longer one's, when at least
    0.6; a short quote of two content words ("a mandate for change") only when the longer one holds both."""
    shared = len(mine & theirs)
    if min(len(mine), len(theirs)) == 2:
        return 0.9 if shared == 2 else 0.0
    if min(len(mine), len(theirs)) < 2:
        return 0.0  # "fix it" is in many quotes
    containment = shared / min(len(mine), len(theirs))
    return containment if containment >= 0.6 and shared >= 3 else 0.0


_WAYS = {"in": "in", "into": "in", "on": "on", "onto": "on", "up": "up", "out": "out", "off": "off", "down": "down"}
_OPPOSITE = {("in", "out"), ("on", "off"), ("up", "down")}


def _way(m: ClaimMention) -> str | None:
    """The direction word right after a statement's verb ("checked into" / "checked out of": ``in`` /
    ``out``), or None."""
    if not m.predicate:
        return None
    stem = verb_stem(m.predicate)
    words = _WORD.findall(_label(m).lower())
    for k, w in enumerate(words[:-1]):
        if w.startswith(stem) and verb_stem(w) == stem:
            return _WAYS.get(words[k + 1])
    return None


def opposite_ways(a: ClaimMention, b: ClaimMention) -> bool:
    """Whether two statements give one verb opposite directions right after it ("checked into rehab" /
    "checked out of rehab", "switched on" / "switched off"): two facts, however alike their sentences."""
    if a.predicate is None or a.predicate != b.predicate:
        return False
    ways = (_way(a), _way(b))
    return ways in _OPPOSITE or ways[::-1] in _OPPOSITE


def _statement_score(a: ClaimMention, b: ClaimMention, sim: float, words_a: set[str], words_b: set[str],
                     cfg: AlignConfig, label_sim: float = 0.0) -> float:
    """Sentence similarity, or the similarity of the two clauses alone (``label_sim``, at least
    ``label_similarity``: "crews restored supply to parts of Salvik by dawn" / "power had been restored to
    parts of the city by dawn", in sentences that say more besides), or for a denial or a reworded
    clause, the content words both clauses share.

    Clauses set in different periods are different facts, unless both name a year and are restated
    nearly word for word ("The bridge was built in 1968" / "... in 1986"): then they are one fact whose
    date the outlets disagree on. A time long past ("three decades ago") may be any year named."""
    if opposite_ways(a, b):
        return 0.0  # "checked into the Betty Ford Center" / "checked out of the Betty Ford Center"
    if "earlier" in (a.period, b.period) and any(p and p.isdigit() for p in (a.period, b.period)):
        b = dataclasses.replace(b, period=a.period)  # "more than three decades ago" may be "in 1989"
    if a.period != b.period:
        years = bool(a.period and b.period and a.period.isdigit() and b.period.isdigit())
        if not years:
            return 0.0
        words_a, words_b = words_a - {a.period}, words_b - {b.period}
        b = dataclasses.replace(b, period=a.period)  # one fact, dated differently, if it aligns but for the year
        return _statement_score(a, b, sim, words_a, words_b, cfg, label_sim)
    if sim >= cfg.statement_similarity:
        # two sentences alike pair each clause with every clause of the other; the clauses' own
        # likeness says which with which ("Obando travelled to Port Halden, kept every ferry in port" /
        # "Obando, who flew to Port Halden, ordered all ferries to stay in port")
        return (sim + label_sim) / 2 if label_sim > 0 else sim
    if label_sim >= cfg.label_similarity and a.negated == b.negated:
        return label_sim
    if sim < cfg.statement_similarity / 2:
        return 0.0  # shared words in unrelated sentences ("the driver" twice) are not one fact
    shared = words_a & words_b
    smaller = min(len(words_a), len(words_b))
    denial = "denied" in (a.certainty, b.certainty) or a.negated != b.negated
    if not smaller or not (len(shared) >= 3 or (denial and len(shared) == smaller == 2)):
        return 0.0  # two words only for a denial of all the shorter clause says ("the manager was arrested")
    ratio = len(shared) / smaller
    if len(shared) / max(len(words_a), len(words_b)) < 0.25:
        return 0.0  # a short clause whose words a long sentence happens to hold is not its fact
    if ratio >= cfg.label_overlap or (sim >= cfg.reworded_similarity and ratio >= cfg.reworded_overlap):
        return 0.5 + 0.3 * ratio
    return 0.0


_NONE_OF = re.compile(r"^\W*(?:no|nobody|no one|none|nothing)\b", re.I)


def absence(label: str) -> str | None:
    """The event role a clause says did not happen to anyone ("No injuries were reported", "Nobody was
    hurt": ``injured``; "No arrests have been made": ``arrested``), else None. Two such clauses of one
    role are one fact however worded."""
    if not _NONE_OF.match(label):
        return None
    for word in _WORD.findall(label.lower()):
        role = _PREDICATE_CLASS.get(word) or _PREDICATE_CLASS.get(verb_stem(word))
        if role is not None and word not in _AMBIGUOUS:
            return role
    return None


def _claim_id(story_key: str, m: ClaimMention, taken: set[str]) -> str:
    """A stable id from the claim's first mention (the phrase, not just its sentence)."""
    inner = m.quantity or m.quote
    where = f"{inner.start}-{inner.end}" if inner is not None else ""
    seed = f"{story_key}|{m.article_id}|{m.kind}|{m.start}|{m.end}|{where}"
    while True:
        cid = "c-" + hashlib.sha1(seed.encode()).hexdigest()[:12]
        if cid not in taken:
            taken.add(cid)
            return cid
        seed += "'"


def _waived(x: int, y: int, merged: set[int], same: dict[int, set[int]], disputes: set[tuple[int, int]]) -> bool:
    """Whether the conflict of figures ``x`` and ``y`` is waived in the group of mentions ``merged``: a
    mention there equal to one of them (``same``) is only in dispute with the other (``disputes``).
    "will spend seven years" and "sentenced to nine years" meet through "sentenced to 7 years"."""
    return any((min(z, y), max(z, y)) in disputes for z in same.get(x, ()) if z in merged) or any(
        (min(z, x), max(z, x)) in disputes for z in same.get(y, ()) if z in merged)


def _crowd_key(f: _Figure) -> tuple:
    """What the different figures of one thing share: type, unit and counted noun, and for a percentage,
    sum or measure (whose noun names no counted thing) its verb too: "shares fell 4.6%" and "will cut 8% of
    its workforce" do not crowd one another."""
    q = f.quantity
    key = (q.type, q.unit or "", f.head)
    return key if q.type == "count" else (*key, verb_stem(f.predicate or ""))


def _gives_also(figures: Sequence[tuple[int, _Figure]], own: int, other: _Figure, cfg: AlignConfig) -> bool:
    """Whether an article gives, besides its figure ``own``, a figure of the same counted noun and predicate
    that agrees with ``other``: then its own figure counts something else (a part, another place: "Twelve people were
    killed ... in Bener Meriah district" in an article whose lead says 24 dead), not a dispute of it."""
    o = other.quantity
    return any(k != own and f.head == other.head and f.quantity.type == o.type and _figure_relation(f, other) == "same"
               and (f.quantity.unit or "") == (o.unit or "") and not f.quantity.vague
               and values_consistent(f.quantity, o, cfg.value_tolerance) for k, f in figures)


def _figure_times(mentions: Sequence[ClaimMention], figures: Sequence[_Figure | None],
                  stamps: dict[str, float | None], cfg: AlignConfig) -> list[float | None]:
    """When each figure was given: its article's publication time, or for an undated article the earliest
    time a dated article gave a figure of the same counted noun and predicate that agrees with it (an
    undated "has burned nearly 3,500 hectares" beside Thursday's "had burned 3,400 hectares" is Thursday's
    figure, so Friday's "more than 5,000" may update it)."""
    out: list[float | None] = [stamps.get(m.article_id) for m in mentions]
    dated = [(j, f) for j, f in enumerate(figures) if f is not None and out[j] is not None and not f.quantity.vague]
    for i, f in enumerate(figures):
        if f is None or out[i] is not None or f.quantity.vague:
            continue
        agree = [t for j, g in dated if (t := out[j]) is not None and g.head == f.head
                 and g.quantity.type == f.quantity.type and (g.quantity.unit or "") == (f.quantity.unit or "")
                 and g.mention.period == f.mention.period and _figure_relation(f, g) == "same"
                 and values_consistent(f.quantity, g.quantity, cfg.value_tolerance)]
        out[i] = min(agree, default=None)
    return out


def _group_mentions(articles: Sequence[Article], features: Sequence[ArticleFeatures],
                    claims: Sequence[ArticleClaims], config: AlignConfig) -> list[list[ClaimMention]]:
    """Mentions grouped into facts: pairs joined best-first, one mention per article in a fact, and no
    two figures in one fact that can be neither one fact nor a dispute or update of it. Two groups join
    only when at least half the pairs across them are linked (or, for figures, a dispute or update of
    one another), so a chain of mentions each like the next does not make one fact of unlike ones.

    One similarity matrix per story, and what the pair scores read of each mention worked out once per
    mention; pairs are scored only within a kind (and for figures within a type and unit), so the cost is
    the square of the mentions of one kind, not of the whole story, and statement pairs whose sentences
    and clauses are both too unlike to score are left out with one array comparison per mention.
    """
    import numpy as np

    feats = {f.article_id: f for f in features}
    texts = {a.id: a.text for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    stamps = {a.id: timestamp(a.published) for a in articles}
    mentions = sorted((m for c in claims for m in c.mentions), key=lambda m: (order.get(m.article_id, 0), m.start))
    if not mentions:
        return []
    vectors = np.stack([_sentence_vector(feats[m.article_id], m) for m in mentions])
    sims = vectors @ vectors.T
    clauses = np.stack([m.label_vector if m.label_vector is not None else np.zeros(vectors.shape[1], np.float32)
                        for m in mentions])
    clause_sims = clauses @ clauses.T  # 0 where either clause was not embedded
    words = [_label_words(texts.get(m.article_id, ""), m) for m in mentions]
    quantities = [as_percent(m.quantity) for m in mentions]
    figures = [_figure(m, q) if q is not None else None for m, q in zip(mentions, quantities)]
    quote_words = [_quote_tokens(m) if m.kind == "quote" else set() for m in mentions]
    absent = [absence(_label(m)) if m.kind == "statement" else None for m in mentions]
    absent_roles = np.array(absent, dtype=object)
    article_of = {aid: k for k, aid in enumerate(dict.fromkeys(m.article_id for m in mentions))}
    article_index = np.array([article_of[m.article_id] for m in mentions])
    told: dict[str, list[tuple[int, _Figure]]] = {}  # each article's figures
    for i, f in enumerate(figures):
        if f is not None:
            told.setdefault(mentions[i].article_id, []).append((i, f))
    when = _figure_times(mentions, figures, stamps, config)
    values: dict[tuple, set[float]] = {}  # the different figures the story gives for each counted noun
    for f in figures:
        if f is not None and not f.quantity.vague:
            values.setdefault(_crowd_key(f), set()).add(round(f.quantity.value, 3))
    buckets: dict[tuple, list[int]] = {}
    for i, m in enumerate(mentions):
        q = quantities[i]
        key = (m.kind, q.type, q.unit or "") if q is not None else (m.kind,)
        buckets.setdefault(key, []).append(i)
    pairs: list[tuple[float, int, int]] = []
    conflict: set[tuple[int, int]] = set()  # figures that cannot be one fact...
    disputes: set[tuple[int, int]] = set()  # ...figures that can, as a dispute or an update...
    same: dict[int, set[int]] = {}  # ...and mentions of one figure, equal, through which a conflict is waived
    for members in buckets.values():
        kind = mentions[members[0]].kind
        indexes = np.array(members)
        for x, i in enumerate(members):
            rest = indexes[x + 1:]
            keep = article_index[rest] != article_index[i]
            if kind not in ("quantity", "quote"):  # _statement_score is 0 below both thresholds
                keep &= ~((sims[i, rest].astype(np.float64) < config.statement_similarity / 2)
                          & (clause_sims[i, rest].astype(np.float64) < config.label_similarity)) | (
                    (absent_roles[rest] == absent[i]) if absent[i] is not None else False)
            for j in rest[keep].tolist():
                a, b = mentions[i], mentions[j]
                if a.kind == "quantity":
                    ta, tb = when[i], when[j]
                    undated = ta is None or tb is None
                    apart = ta is not None and tb is not None and abs(ta - tb) >= config.update_hours * 3600
                    fa, fb = figures[i], figures[j]
                    assert fa is not None and fb is not None  # a quantity mention has a figure
                    q, qb = fa.quantity, fb.quantity  # quantities[i], quantities[j]
                    crowded = len(values.get(_crowd_key(fa), ())) >= config.crowded_values
                    compatible, score = _pair_score(fa, fb, float(sims[i, j]), config, undated, crowded, apart)
                    if not compatible and score > 0 and not apart and (
                            _gives_also(told.get(a.article_id, ()), i, fb, config)
                            or _gives_also(told.get(b.article_id, ()), j, fa, config)):
                        score = 0.0  # "twelve killed in Bener Meriah" in an article that gives the 24 too
                    if score == 0.0 and not (compatible and values_consistent(q, qb, config.value_tolerance)):
                        conflict.add((i, j))  # "nearly 300 crewmen" and "some 420 passengers": never one fact
                    elif not compatible:
                        disputes.add((i, j))
                    elif score > 0 and (q.bound == qb.bound and values_consistent(q, qb, 0.0) or apart and (
                            fa.level or fb.level)):  # or two running levels of one changing figure
                        same.setdefault(i, set()).add(j)
                        same.setdefault(j, set()).add(i)
                elif a.kind == "quote":
                    score = _quote_score(quote_words[i], quote_words[j])
                elif absent[i] is not None and absent[i] == absent[j] and a.period == b.period:
                    score = config.statement_similarity  # "No injuries were reported" / "Nobody was hurt"
                else:
                    score = _statement_score(a, b, float(sims[i, j]), words[i], words[j], config,
                                             float(clause_sims[i, j]))
                if score > 0:
                    pairs.append((score, i, j))
    group = list(range(len(mentions)))
    members_of: dict[int, list[int]] = {i: [i] for i in group}
    articles_of = {i: {mentions[i].article_id} for i in group}
    links: dict[int, dict[int, int]] = {i: {} for i in group}  # pairs linked or disputed, between two groups
    for i, j in {(i, j) for _, i, j in pairs} | disputes:
        links[i][j] = links[j][i] = 1
    conflicts_of: dict[int, set[int]] = {}
    for i, j in conflict:
        conflicts_of.setdefault(i, set()).add(j)
        conflicts_of.setdefault(j, set()).add(i)
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        left, right = members_of[gi], members_of[gj]
        if articles_of[gi] & articles_of[gj]:
            continue
        merged = set(left + right)
        if any(group[y] == gj and not _waived(x, y, merged, same, disputes)
               for x in left for y in conflicts_of.get(x, ())):
            continue
        if 2 * links[gi].get(gj, 0) < len(left) * len(right):
            continue  # average, not single, linkage: no chains of unlike clauses or figures
        keep, gone = (gi, gj) if gi < gj else (gj, gi)
        members_of[keep] = sorted(members_of[keep] + members_of.pop(gone))
        articles_of[keep] |= articles_of.pop(gone)
        for k in members_of[keep]:
            group[k] = keep
        for other, count in links.pop(gone).items():
            del links[other][gone]
            if other != keep:
                links[keep][other] = links[other][keep] = links[keep].get(other, 0) + count
    return [[mentions[k] for k in ks] for _, ks in sorted(members_of.items())]


def align_claims(
    articles: Sequence[Article], features: Sequence[ArticleFeatures],
    claims: Sequence[ArticleClaims], origins: Sequence[Sequence[str]], config: AlignConfig,
) -> list[Claim]:
    """Group the claim mentions of a story's articles into facts with support, ordered for a reader.

    ``articles``, ``features`` and ``claims`` are parallel and in arrival order;
    ``origins`` are provenance's origin groups (every article in one group).
    """
    group_of = {aid: g for g, group in enumerate(origins) for aid in group}
    texts = {a.id: a.text for a in articles}
    published = {a.id: a.published for a in articles}
    story_key = articles[0].id if articles else ""
    out: list[Claim] = []
    taken: set[str] = set()
    for g in _group_mentions(articles, features, claims, config):
        support = [
            Support(article=m.article_id, start=m.start, end=m.end, text=m.text, certainty=m.certainty,
                    attributed_to=m.attributed_to, cue=m.cue, quantity=m.quantity,
                    label_start=m.label_start or m.start, label_end=m.label_end or m.end,
                    origin=group_of.get(m.article_id, len(origins)), predicate=m.predicate)
            for m in g
        ]
        lead = _lead_support(support)
        claim = Claim(
            id=_claim_id(story_key, g[0], taken), kind=g[0].kind, text=g[0].text,
            quantity=lead.quantity, quote=g[support.index(lead)].quote, support=support,
            independent_support=len({s.origin for s in support if s.certainty != "denied"}),
            label=texts.get(lead.article, "")[lead.label_start:lead.label_end] or lead.text,
        )
        claim.timeline = figure_timeline(claim, published, texts, config)
        claim.status = claim_status(claim, config, published)
        out.append(claim)
    first = {c.id: i for i, c in enumerate(out)}
    return sorted(out, key=lambda c: claim_rank(c) + (first[c.id],))


def _lead_support(support: list[Support]) -> Support:
    """The most precise wording: an exact figure beats a bounded one, a bounded one a vague one."""
    return max(support, key=lambda s: specificity(s.quantity))  # the first of the most specific


def specificity(q: Quantity | None) -> int:
    """2 for an exact figure, 1 for a bounded or approximate one, 0 for a vague one or none."""
    if q is None or q.vague:
        return 0
    return 2 if q.bound == "exact" and q.high is None else 1


def claim_rank(claim: Claim) -> tuple:
    """Sort key of the fact table: corroborated first, then disputed, then single-sourced.

    Within each, more independent origins first, figures before quotes before statements, the most
    specific figures first.
    """
    tier = {"corroborated": 0, "disputed": 1}.get(claim.status, 2)
    kind = {"quantity": 0, "quote": 1}.get(claim.kind, 2)
    return (tier, -claim.independent_support, kind, -specificity(claim.quantity))


def _times(claim: Claim, published: dict[str, str | None], tolerance: float | None = None
           ) -> dict[int, float | None]:
    """When each support's figure was first published: the earliest article of its origin group with
    a compatible figure (a copy published later still carries the original's time); for an undated
    article, the earliest dated one that gives the very same figure, when there is one, else (given a
    ``tolerance``) one whose figure agrees with it, as alignment reads it (:func:`_figure_times`)."""
    stamps = {}
    for i, s in enumerate(claim.support):
        stamps[i] = timestamp(published.get(s.article))
    dated = {i: t for i, t in stamps.items() if t is not None}
    out: dict[int, float | None] = {}
    for i, s in enumerate(claim.support):
        same = [dated[j] for j, o in enumerate(claim.support) if o.origin == s.origin and j in dated
                and o.quantity is not None and s.quantity is not None
                and same_figure(o.quantity, s.quantity)]
        if not same and stamps[i] is None and s.quantity is not None:
            same = [dated[j] for j, o in enumerate(claim.support) if j in dated and o.quantity is not None
                    and o.quantity.bound == s.quantity.bound and same_figure(o.quantity, s.quantity)]
        if not same and stamps[i] is None and s.quantity is not None and tolerance is not None:
            same = [dated[j] for j, o in enumerate(claim.support) if j in dated and o.quantity is not None
                    and not o.quantity.vague and values_consistent(o.quantity, s.quantity, tolerance)]
        out[i] = min(same) if same else stamps[i]
    return out


def figure_conflicts(claim: Claim, published: dict[str, str | None], config: AlignConfig
                     ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs of supports (indexes) whose figures cannot both hold: (disputes, updates).

    An update is two figures published at least ``config.update_hours`` apart (tolls rise); a dispute is
    two incompatible figures at about the same time, or when either time is unknown. A vague figure
    never disputes anything.
    """
    times = _times(claim, published, config.value_tolerance)
    disputes, updates = [], []
    supports = claim.support
    for i, a in enumerate(supports):
        for j in range(i + 1, len(supports)):
            b = supports[j]
            if a.quantity is None or b.quantity is None or a.quantity.vague or b.quantity.vague:
                continue
            if values_consistent(as_percent(a.quantity), as_percent(b.quantity), config.value_tolerance):
                continue
            ta, tb = times[i], times[j]
            if ta is not None and tb is not None and abs(ta - tb) >= config.update_hours * 3600:
                updates.append((i, j))
            else:
                disputes.append((i, j))
    return disputes, updates


def figure_timeline(claim: Claim, published: dict[str, str | None], texts: dict[str, str],
                    config: AlignConfig) -> list[FigurePoint]:
    """The figure's values in time order when it changed over time (empty when it did not)."""
    _, updates = figure_conflicts(claim, published, config)
    if not updates:
        return []
    times = _times(claim, published, config.value_tolerance)
    dated = sorted((times[i], i) for i in range(len(claim.support)) if times[i] is not None)
    points: list[FigurePoint] = []
    last: Quantity | None = None
    for _, i in dated:
        s = claim.support[i]
        if last is not None and s.quantity is not None and same_figure(last, s.quantity):
            continue
        last = s.quantity
        points.append(FigurePoint(s.article, published.get(s.article), written(texts.get(s.article, ""), s.quantity)))
    return points


def claim_status(claim: Claim, config: AlignConfig, published: dict[str, str | None] | None = None
                 ) -> ClaimStatus:
    """``disputed`` when supports conflict, ``corroborated`` with ≥ 2 origins, else ``single_source``.

    Conflicts here: figures that cannot both hold at about the same time, or a denial of what others
    assert; a quote given to two different named people is found with the discrepancies
    (:func:`wirecheck.discrepancy.find_discrepancies` marks its claim disputed).
    """
    certainties = {s.certainty for s in claim.support}
    if "denied" in certainties and certainties - {"denied"}:
        return "disputed"
    disputes, _ = figure_conflicts(claim, published or {}, config)
    if disputes:
        return "disputed"
    return "corroborated" if claim.independent_support >= 2 else "single_source"
