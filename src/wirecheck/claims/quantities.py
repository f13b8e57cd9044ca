"""Quantities in a sentence: value, bound, counted noun or unit, type and predicate.

Works on the spaCy tokens of one span. Numbers are read from digits and number
words ("six", "a dozen", "1.8 billion", "2.8bn", "hundreds of"); ranges ("four to
five thousand", "$3bn-$5bn") keep their upper end in ``Quantity.high``. Years,
days of the month, clock times and ordinals are not counts: years, days and
times come out typed ``date``/``time``, ordinals and numbers that are part of a
name ("Dow 30", "Pixel 8") are dropped.
"""

import re
from typing import TYPE_CHECKING

from ..records import Bound, Quantity
from .changes import mark_changes
from .figures import MONTHS, Run, is_age, is_name_part, read_figure, read_range, year_like
from .measures import currency_before, denominator, find_unit
from .predicates import PREDICATE_CLASS, counts_people
from .units import ABBREVIATIONS, CURRENCY_PREFIX, UNITS
from .docs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

BOUNDS_BEFORE: list[tuple[tuple[str, ...], Bound]] = [
    (("more", "than"), "more_than"), (("over",), "more_than"), (("above",), "more_than"),
    (("exceeding",), "more_than"), (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"),
    (("just", "over"), "more_than"), (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("about",), "about"), (("around",), "about"), (("approximately",), "about"), (("roughly",), "about"),
    (("some",), "about"), (("an", "estimated"), "about"), (("estimated",), "about"), (("approx",), "about"),
    (("around", "about"), "about"), (("circa",), "about"), (("close", "to"), "about"), (("~",), "about"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("up", "to"), "at_most"), (("as", "many", "as"), "at_most"),
    (("as", "much", "as"), "at_most"), (("at", "most"), "at_most"), (("no", "more", "than"), "at_most"),
    (("a", "maximum", "of"), "at_most"), (("just", "under"), "less_than"), (("less", "than"), "less_than"),
    (("fewer", "than"), "less_than"), (("under",), "less_than"), (("below",), "less_than"),
    (("within",), "at_most"),  # "within 20 miles of Tel Aviv": 17 miles is within them
]
NOUN_SKIP = {"det", "poss", "predet"}
#: the counted nouns of a vote tally's two sides ("voted 31-19")
TALLY_NOUNS = ("votes for", "votes against")
#: words whose bare number is a part of a figure told before it ("including three in Kyiv")
PART_WORDS = {"including", "among"}


def _noun_phrase(doc: "Doc", k: int, hi: int, head: "Token | None") -> tuple[str, int]:
    """Counted noun from token ``k`` up to ``head`` (lemmas, modifiers kept), with the end index."""
    words: list[str] = []
    j = k
    while j < hi and doc[j].dep_ in NOUN_SKIP and not (doc[j].dep_ == "poss" and doc[j].pos_ == "PROPN"):
        j += 1
    end = j
    limit = head.i if head is not None and head.i >= j else j
    for t in doc[j:min(limit + 1, hi)]:
        if t.dep_ == "case" or (t.pos_ == "CCONJ" and words and t.i < limit):
            continue  # "Johnson's deputies", "digital and physical sales"
        if t.is_punct and t.text != "-":
            break
        if t.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB", "PUNCT", "ADV"} or t.like_num:
            break
        if t.i != limit and (t.pos_ == "ADV" or t.lower_ in {"more", "less", "fewer", "further", "additional"}
                             or (t.pos_ == "VERB" and t.whitespace_ and not words)):
            continue
        lemma = _word(t)
        if t.tag_ == "NNPS" and lemma.endswith("s") and lemma == t.lower_:
            lemma = lemma[:-1]  # "Canadians" -> "canadian"
        if t.text == "-" and words:
            words[-1] += "-"
        elif words and words[-1].endswith("-"):
            words[-1] += lemma
        else:
            words.append(lemma)
        end = t.i + 1
    if words and words[-1].endswith("-"):
        words[-1] = words[-1][:-1]
    words = [w.lstrip("-") for w in words if w.lstrip("-")]
    if head is not None and words and head.i < end:
        before = [c for c in head.children if c.i < k and c.dep_ in {"amod", "compound"} and not c.like_num
                  and c.pos_ in {"ADJ", "NOUN", "PROPN"} and c.lower_ not in MODIFIER_SKIP]
        words = [_lemma(doc[c.left_edge.i:c.i + 1]) for c in before] + words
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == end), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and pobj.pos_ == "NOUN" and not list(pobj.children):
            words.append(_lemma(doc[pobj.i:pobj.i + 1]))
            end = pobj.i + 1
    return " ".join(words[-5:]), end


MODIFIER_SKIP = {"more", "less", "fewer", "further", "additional", "other", "such", "many", "several", "same"}


def _word(t: "Token") -> str:
    """Lemma of one word of a counted-noun phrase ("realest" -> "real", "people" kept)."""
    if t.lower_ in {"people", "data", "media"}:
        return t.lower_
    lemma = t.lemma_.lower()
    if t.tag_ == "JJS" and lemma == t.lower_ and lemma.endswith("est") and len(lemma) > 5:
        lemma = lemma[:-3]
    return lemma


def _lemma(span) -> str:
    """Lemma of a short modifier span, hyphenated words kept together ("first-team")."""
    out = ""
    for t in span:
        out += _word(t) + (t.whitespace_ and " ")
    return out.strip()


def _superlative_class(pobj: "Token") -> str | None:
    """ "one of the proudest moments in his life" -> "proud moment life": the whole class a one-of picks from.

    The content words of the noun's phrase (modifiers, prepositional objects, an infinitive clause),
    without relative clauses; only for superlatives, where the phrase defines the class.
    """
    if not any(c.tag_ == "JJS" or (c.dep_ == "amod" and any(g.lower_ == "most" for g in c.children))
               for c in pobj.children):
        return None
    skip: set[int] = set()
    for t in pobj.subtree:
        if t.dep_ in {"relcl", "advcl"} or (t.dep_ == "prep" and t.lower_ == "with"):
            skip.update(x.i for x in t.subtree)
    words = [_word(t) for t in pobj.subtree if t.i not in skip and not t.is_stop and not t.is_punct
             and t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"} and not t.like_num]
    return " ".join(words[:8]) or None


def _bound(doc: "Doc", start: int, lo: int) -> tuple[Bound, int]:
    """The bound words right before token ``start`` and the index where they begin."""
    best: tuple[Bound, int] = ("exact", start)
    for words, bound in BOUNDS_BEFORE:
        n = len(words)
        if start - n < lo:
            continue
        w = doc[start - n]
        if w.dep_ == "prt" or (w.tag_ == "RP" and w.i > lo and doc[w.i - 1].pos_ == "VERB"):
            continue  # "handed over 24 detainees": a verb's particle, not a bound
        if tuple(t.lower_ for t in doc[start - n:start]) == words and start - n < best[1]:
            best = (bound, start - n)
    return best


VOTE_LEMMAS = {"vote", "ballot", "pass", "approve", "reject", "defeat", "confirm", "adopt", "override"}


def _vote_tally(doc: "Doc", run: Run, lo: int, hi: int) -> Run | None:
    """The second figure of a vote tally ("voted 31-19", "by a 31-19 vote", "approved it 64 to 56"): two
    whole numbers joined by a dash or "to", the first not the smaller, a voting word within a few tokens."""
    k = run.j
    if k + 1 >= hi or doc[k].lower_ not in {"-", "–", "to"} or not run.digits or run.high is not None or \
            run.suffix or run.currency or run.value != int(run.value):
        return None
    second = read_figure(doc, k + 1, hi)
    if second is None or second.kind != "number" or not second.digits or second.high is not None or \
            second.suffix or second.currency or second.value > run.value or second.value != int(second.value):
        return None
    after = doc[second.j] if second.j < hi else None
    if after is not None and (after.pos_ in {"NOUN", "PROPN", "SYM", "NUM"} or after.lower_ in {"%", "percent"}) \
            and after.lemma_.lower() not in VOTE_LEMMAS | {"margin", "majority"}:
        return None  # "from 30 to 20 percent", "2-1 odds": figures of something else
    if run.i - 1 >= lo and doc[run.i - 1].lower_ in {"from", "between"}:
        return None
    window = doc[max(lo, run.i - 4):min(hi, second.j + 2)]
    return second if any(t.lemma_.lower() in VOTE_LEMMAS for t in window) else None


def _predicate(tok: "Token") -> str | None:
    """:func:`_clause_predicate` of a quantity, unless that names no event role and a relative clause on
    the counted noun does: "Hundreds of workers who were evacuated on Thursday were told to stay at
    home" counts the evacuated (:func:`~wirecheck.claims.predicates.counts_people`)."""
    verb = _clause_predicate(tok)
    if verb is not None and verb in PREDICATE_CLASS:
        return verb
    nouns = [tok, *(g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj")]
    role = next((c.lower_ for n in nouns for c in n.children
                 if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB" and counts_people(c.lower_)), None)
    return role or verb


#: adverbs a copula can state as a clause's predicate: "systems at four hospitals were still down" (not
#: "shares were down 3%", where the figure is the size of the fall)
_PREDICATIVE = {"down", "offline"}


def _with_particle(verb: "Token") -> str:
    """A verb as written, with its particle when the two name an event role the verb alone does not
    ("knocked out systems at three hospitals", "took down", "brought down 614 drones")."""
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None and f"{verb.lower_} {particle.lower_}" in PREDICATE_CLASS:
        return f"{verb.lower_} {particle.lower_}"
    return verb.lower_


def _clause_predicate(tok: "Token") -> str | None:
    """The verb a quantity is an argument of ("launched", "injured"), as written; a participle that
    modifies the figure itself says what it counts ("24 people were killed and more than 200 injured":
    the 200 were injured, whatever the clause they are joined to; "24 people killed" in a headline), unless
    the figure's noun is a verb's argument ("disrupted three hospitals run by Lakemont": disrupted)."""
    participle = next((c for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i == tok.i + 1
                       and c.tag_ == "VBN"), None)
    if participle is not None and (tok.like_num or tok.head.i == tok.i or tok.head.pos_ not in {"VERB", "AUX"}):
        return participle.lower_  # not "disrupted three hospitals run by Lakemont": the clause's verb counts
    node = tok
    for _ in range(4):
        if node.pos_ == "VERB":
            return _with_particle(node)
        if node.pos_ == "AUX" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            # a copula heads its own clause: "43 people were still unaccounted for" is about the missing,
            # not the "rescued" of the clause it is joined to; "systems at four hospitals were still down"
            comp = next((c for c in node.children if c.dep_ in {"acomp", "attr"} and c.pos_ in {"ADJ", "VERB"}
                         or c.dep_ == "advmod" and c.lower_ in _PREDICATIVE and not c.is_ancestor(tok)), None)
            return comp.lower_ if comp is not None else None
        if node.head.i == node.i:
            break
        node = node.head
    return node.lower_ if node.pos_ == "VERB" else None


def extract_quantities(doc: "Doc", span_start: int = 0, span_end: int | None = None,
                       previous_noun: str | None = None) -> list[Quantity]:
    """All quantities whose tokens lie within characters ``span_start``-``span_end`` of ``doc``.

    ``previous_noun`` is what "of them" refers to when the span does not say
    (the last counted noun of the preceding text).
    """
    span_end = len(doc_text(doc)) if span_end is None else span_end
    span = doc.char_span(span_start, span_end, alignment_mode="contract")  # the tokens wholly inside
    if span is None or not len(span):
        return []
    lo, hi = span.start, span.end
    out: list[Quantity] = []
    last_noun = previous_noun
    span_noun: str | None = None
    i = lo
    while i < hi:
        run = read_figure(doc, i, hi)
        if run is None:
            i += 1
            continue
        if run.kind == "skip":
            i = run.j
            continue
        if run.kind == "time":
            last = doc[run.j - 1]
            out.append(Quantity(value=run.value, noun="time", type="time", start=doc[run.i].idx,
                                end=last.idx + len(last)))
            i = run.j
            continue
        if not run.digits and run.i - 2 >= lo and doc[run.i - 1].text == "-" and not doc[run.i - 2].whitespace_ \
                and not doc[run.i - 1].whitespace_ and doc[run.i - 2].is_alpha:
            i = run.j  # "a mid-four-figure sum"
            continue
        currency, first = currency_before(doc, run, lo)
        tally = _vote_tally(doc, run, lo, hi) if currency is None else None
        if tally is not None:  # "voted 31-19": votes for and votes against, not a range or a score
            for part, noun in zip((run, tally), TALLY_NOUNS):
                tok = doc[part.j - 1]
                out.append(Quantity(value=part.value, noun=noun, type="count", start=doc[part.i].idx,
                                    end=tok.idx + len(tok), predicate=_predicate(tok)))
            i = tally.j
            continue
        run, k, score = read_range(doc, run, run.j, lo, hi, first)
        if score:
            i = k + 1
            while i < hi and doc[i].like_num:
                i += 1
            continue
        unit, end, factor, name_like = find_unit(doc, run, k, hi, currency)
        if name_like:
            i = run.j
            continue
        if factor == 1.0 and not run.scaled and run.high is None and k + 1 < hi and doc[k].lower_ in {"to", "or"}:
            k2 = k + 2 if doc[k + 1].lower_ in CURRENCY_PREFIX and k + 2 < hi else k + 1
            nxt = read_figure(doc, k2, hi)
            if nxt is not None and nxt.kind == "number" and nxt.scaled and run.value * nxt.scale <= nxt.value:
                factor = nxt.scale  # "from $10 to $15 billion": the scale written once for both
        value = run.value * factor
        high = run.high * factor if run.high is not None else None
        if currency is not None and (unit is None or unit.type != "money"):
            unit = currency if unit is None else unit
        if unit is None and run.high is None and k + 1 < hi and doc[k].lower_ in {"or", "to", "and", "-", "–"} \
                and not year_like(doc, run):
            # "six or seven euros", "between 40 and 60 km": the unit written once for both
            nxt = read_figure(doc, k + 1, hi)
            if nxt is not None and nxt.kind == "number":
                shared = find_unit(doc, nxt, nxt.j, hi, None)[0]
                if shared is not None and shared.type in {"money", "percent", "measure", "duration"}:
                    unit = shared
            elif nxt is None and doc[k + 1].lower_ in CURRENCY_PREFIX and k + 2 < hi:
                after = read_figure(doc, k + 2, hi)
                if after is not None and after.kind == "number":
                    unit = CURRENCY_PREFIX[doc[k + 1].lower_]  # "about 8 or $9"
        if unit is None and currency is None and is_age(doc, run, k, lo, hi):
            unit = UNITS["years old"]  # "Jane Doe, 52, said", "people aged 20 to 40", "who was 10"
        elif unit is not None and unit.symbol == "year" and first - 2 >= lo and \
                doc[first - 2].lower_ == "age" and doc[first - 1].lower_ == "of":
            unit = UNITS["years old"]  # "under the age of 5 years"
        if unit is None and currency is None and is_name_part(doc, run, lo):
            i = run.j
            continue
        bound, bstart = _bound(doc, first, lo)
        if run.bound:
            bound = run.bound
        if bound == "exact" and not run.digits and any(t.lower_ == "dozen" for t in doc[run.i:run.j]):
            bound = "about"  # "two dozen miners" is a round count, as "about 24" is, not exactly 24
        if end < hi and doc[end].lower_ in {"plus", "+"}:
            bound, end = "at_least", end + 1
        elif end + 1 < hi and doc[end].lower_ == "or" and doc[end + 1].lower_ in {"more", "over"}:
            bound = "at_least"
        num_tok = doc[run.j - 1]
        if not run.digits and run.value == 1 and (_idiom_one(doc, end, hi) or (
                run.j < hi and doc[run.j].lower_ in {"final", "last"})):
            i = max(end, run.j)
            continue  # "at one point", "at one stage", "one final chance", "one last push": not a count
        qtype, noun, unit_sym = "count", "", None
        if unit is not None:
            qtype = {"percent": "percent", "money": "money", "age": "age"}.get(unit.type, "measure")
            unit_sym, noun = unit.symbol, unit.name
            den = denominator(doc, end, hi)
            if den is not None:
                unit_sym, noun = f"{unit_sym}/{den[0]}", f"{unit.name} per {den[1]}"
                end = end if doc[end].text == "(" else den[2]  # the figure in brackets is read next
        else:
            noun, end = _counted_noun(doc, run, end if factor != 1.0 else k, hi, num_tok, last_noun)
            if not run.digits and run.value == 1 and (not noun or _idiom_one(doc, end, hi)) and run.high is None:
                i = max(end, run.j)
                continue  # "one" as a pronoun ("one of the biggest", "one group after another")
            if not run.digits and not noun and run.j < hi and doc[run.j].lower_ in {"in", "o'clock"} and \
                    run.j + 2 < hi and doc[run.j + 2].lower_ in {"morning", "afternoon", "evening", "night"}:
                i = run.j
                continue  # "just after two in the morning": a time of day
            if noun and noun[:1].isupper() and " " in noun and run.value < 10000 and not any(
                    t.tag_ in {"NNS", "NNPS"} for t in doc[end:min(end + 4, hi)]):
                i = max(end, run.j)
                continue  # "12 Harbour Street": part of an address or name
            if noun and noun[:1].isupper():
                noun = noun.lower()
            qtype, noun = _date_type(doc, run, k, lo, hi, noun, end)
            unit_once = bool(out and out[-1].unit and run.i - 1 >= lo and doc[run.i - 1].lower_ == "to")
            if qtype == "count" and not noun and span_noun and not unit_once and (run.digits or num_tok.dep_ in {
                    "nsubj", "nsubjpass", "conj", "dobj", "npadvmod", "appos"} or _part_of_whole(num_tok)):
                # "300 homes were flooded and 120 damaged", "three were killed and six wounded"; a part:
                # "Eleven people were injured, four critically", "eight were hurt, including three in Kyiv"
                noun = span_noun
            if run.suffix == "fraction" and not noun and k < hi and doc[k].lower_ == "of" and \
                    end - 1 < hi and doc[end - 1].lower_ in {"it", "this", "that"}:
                i = max(end, run.j)
                continue  # "a quarter of it" with nothing to refer to
            if qtype == "count" and not noun and run.suffix != "fraction" and not unit_once:
                noun = _subject_noun(num_tok) or _people_subject(num_tok)  # "the death toll rose to 14"
                if not noun and not run.digits:
                    i = max(end, run.j)
                    continue  # a number word that counts nothing named
            of_unit = UNITS.get(noun) if run.suffix == "fraction" and noun else None
            if of_unit is not None and of_unit.type in {"percent", "measure"} and of_unit.symbol != "%":
                # "a quarter of a percentage point", "half a metre": that share of the unit, in the unit
                qtype = "percent" if of_unit.type == "percent" else "measure"
                unit_sym, noun = of_unit.symbol, of_unit.name
            elif run.suffix == "fraction":
                qtype, unit_sym = "percent", "fraction"
            elif qtype == "count" and noun:
                named = UNITS.get(noun.split()[-1])
                if named is not None and named.type == "measure" and noun.split()[-1] not in ABBREVIATIONS \
                        and named.symbol not in {"pt", "times", "deg"}:
                    qtype, unit_sym, noun = "measure", named.symbol, named.name  # "1/16 of a US pint"
        if qtype == "count" and _magnitude(doc, first, lo, noun):
            # "a magnitude 6.4 earthquake", "a 6.4-magnitude quake": a reading on a scale, not 6.4 quakes
            thing = [w for w in noun.split() if w != "magnitude"]
            if not thing and end < hi and doc[end].pos_ == "NOUN":
                thing = [doc[end].lower_]  # "a 6.2-magnitude quake"
            back = first - 1
            while not thing and back > max(lo, first - 4) and doc[back - 1].lower_ in {"magnitude", "of", "a", "an"}:
                back -= 1
            if not thing and back - 1 >= lo and back < first and doc[back - 1].pos_ == "NOUN":
                thing = [doc[back - 1].lower_]  # "an earthquake of magnitude 6.2"
            qtype, unit_sym, noun = "measure", "magnitude", " ".join(["magnitude", *thing[-1:]])
        if qtype == "count" and noun:
            last_noun = span_noun = noun
        pred_tok = num_tok.head if num_tok.dep_ in {"nummod", "compound", "quantmod"} else num_tok
        alt_value = alt_unit = None
        if unit is not None and unit.metric_factor and unit_sym == unit.symbol:
            alt_value, alt_unit = round(value * unit.metric_factor, 6), unit.metric_symbol
        last = doc[max(end, run.j) - 1]
        out.append(Quantity(
            value=value, noun=noun, bound=bound, unit=unit_sym, type=qtype,
            predicate=_predicate(pred_tok), alt_value=alt_value, alt_unit=alt_unit,
            start=doc[bstart].idx, end=last.idx + len(last), high=high, vague=run.vague,
        ))
        i = max(end, run.j)
    mark_changes(doc, out)
    _index_levels(doc, out, lo, hi)
    _sided_votes(doc, out, lo, hi)
    _with_the_named(doc, out)
    return _merge_ranges(doc_text(doc), out)


def _with_the_named(doc: "Doc", qs: list[Quantity]) -> None:
    """ "He and 25 other Tolmarki citizens were freed", "Smith and three other officers": the count is of
    the named one and the others, 26 and four, as another outlet gives it ("26 Tolmarki citizens")."""
    for q in qs:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if q.type != "count" or q.high is not None or span is None or len(span) < 2 or span.start < 2:
            continue
        before, joined = doc[span.start - 2], doc[span.start - 1]
        if span[1].lower_ in {"other", "others"} and joined.lower_ == "and" and (
                before.pos_ == "PROPN" or before.lower_ in {"he", "she"}):
            q.value += 1


_FOR = re.compile(r"^\W*(?:[a-z]+\s+){0,2}(?:in\s+favou?r|for)\b", re.I)
_AGAINST = re.compile(r"^\W*(?:[a-z]+\s+){0,2}(?:against|opposed)\b", re.I)


def _sided_votes(doc: "Doc", qs: list[Quantity], lo: int, hi: int) -> None:
    """A tally told in words ("with 31 senators voting in favor and 19 against", "64 for and 56
    against"): the two counts are votes for and votes against, as in "voted 31-19", in a sentence with
    a voting word."""
    if not any(t.lemma_.lower() in VOTE_LEMMAS for t in doc[lo:hi]):
        return
    text = doc_text(doc)
    counts = [q for q in qs if q.type == "count" and q.high is None and q.value == int(q.value)]
    for first, second in zip(counts, counts[1:]):
        if _FOR.match(text[first.end:first.end + 40]) and _AGAINST.match(text[second.end:second.end + 30]) and \
                second.value <= first.value and len(text[first.end:second.start].split()) <= 6:
            first.noun, second.noun = TALLY_NOUNS


def _magnitude(doc: "Doc", first: int, lo: int, noun: str) -> bool:
    """Whether the figure starting at token ``first`` is an earthquake magnitude ("magnitude 6.4",
    "a magnitude of 6.4", "magnitude-6.4", "6.4-magnitude", "6.4 magnitude quake")."""
    before = [t.lower_ for t in doc[max(lo, first - 2):first]]
    return (before[-1:] == ["magnitude"] or before == ["magnitude", "of"]
            or doc[first].lower_.startswith("magnitude-") or noun.split()[:1] == ["magnitude"])


def _index_levels(doc: "Doc", qs: list[Quantity], lo: int, hi: int) -> None:
    """Bare levels in a sentence about index points ("the index lost 162.31 points to 7,425.81") are points."""
    words = {t.lower_ for t in doc[lo:hi]}
    if not ({"index", "points"} & words):
        return
    for q in qs:
        if q.type != "count" or q.noun or q.unit or q.high is not None:
            continue
        first = doc.char_span(q.start, q.end, alignment_mode="expand")
        if first is None or first.start < 1 or doc[first.start - 1].lower_ not in {"to", "at", "(", "of"}:
            continue
        if q.value >= 1000 or q.value != int(q.value):
            q.unit, q.noun, q.type = "pt", "point", "measure"


RANGE_JOINS = {"to", "-", "–", "and", "up to", "/"}


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """ "5% to 10%", "between 4% and 5%", "450 sq ft up to 900 sq ft": two figures of one unit as a range."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.unit and prev.unit == q.unit and prev.high is None and q.high is None \
                and prev.type == q.type and prev.value < q.value and prev.change != "from" and q.change != "to":
            gap = text[prev.end:q.start].strip().lower()
            between = text[max(0, prev.start - 8):prev.start].strip().lower().endswith("between")
            if not gap and q.bound == "at_most" and text[q.start:q.start + 5].lower() == "up to":
                gap = "up to"
            if gap in RANGE_JOINS - {"and"} or (gap == "and" and between):
                prev.high, prev.end = q.value, q.end
                continue
        out.append(q)
    return out


def _counted_noun(doc: "Doc", run: Run, k: int, hi: int, num_tok: "Token", last_noun: str | None) -> tuple[str, int]:
    """What a bare figure counts ("212 drones", "180 of them", "six people"), with the end index."""
    end = k
    noun = ""
    if k < hi and doc[k].lower_ == "of":
        j = k + 1
        while j < hi and doc[j].dep_ in NOUN_SKIP and not (doc[j].dep_ == "poss" and doc[j].pos_ == "PROPN"):
            j += 1
        if j < hi and doc[j].pos_ == "PRON":
            if doc[j].lower_ in {"it", "this", "that"}:
                return _antecedent(doc[j]), j + 1  # "a quarter of it": a mass, not the last counted noun
            return (last_noun or ""), j + 1
        if j + 1 < hi and doc[j].like_num and doc[j + 1].pos_ in {"NOUN", "PROPN"}:
            # "88 of the 150 seats", "28 of 41 passes": what the whole counts; the whole is read on its own
            noun, _ = _noun_phrase(doc, j + 1, hi, doc[j + 1])
            return noun, k
        pobj = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
        whole = next((c for c in pobj.children if c.dep_ == "nummod" and c.like_num and c.i + 1 < hi), None) \
            if pobj is not None else None
        if pobj is not None and whole is not None and whole.i + 1 <= pobj.i:
            # "five of the committee's seven members": members, of a whole the possessor has
            noun, _ = _noun_phrase(doc, whole.i + 1, hi, pobj)
            return noun, k
        if j < hi:
            noun, end = _noun_phrase(doc, j, hi, pobj)
            wide = _superlative_class(pobj) if pobj is not None and run.value == 1 and not run.digits else None
            if wide:
                return wide, end
    elif k < hi and doc[k].ent_type_ == "DATE" and num_tok.ent_type_ != "DATE":
        return "", k
    elif num_tok.dep_ in {"nummod", "compound", "quantmod"} and num_tok.head.i >= k \
            and num_tok.head.pos_ in {"NOUN", "PROPN"}:
        noun, end = _noun_phrase(doc, k, hi, num_tok.head)
    elif k < hi and doc[k].pos_ == "NOUN" and not doc[k].like_num:
        noun, end = _noun_phrase(doc, k, hi, doc[k])
    elif k + 1 < hi and doc[k].text == "-" and doc[k + 1].pos_ == "NOUN":
        noun, end = _noun_phrase(doc, k + 1, hi, doc[k + 1])
    elif k < hi and doc[k].pos_ in {"ADJ", "VERB"} and doc[k].tag_ in {"JJ", "VBN", "VBG"}:
        # "4.3M digital and physical sales" (a parse that misses the head): the next plural noun
        for j in range(k + 1, min(k + 6, hi)):
            if doc[j].tag_ in {"NNS", "NNPS"}:
                noun, end = _noun_phrase(doc, k, hi, doc[j])
                break
            if not (doc[j].pos_ in {"ADJ", "NOUN", "CCONJ", "VERB"} or doc[j].text == "-"):
                break
    if noun and all(t.tag_ == "NNP" for t in doc[k:end] if t.is_alpha) and any(t.is_alpha for t in doc[k:end]):
        noun = noun[:1].upper() + noun[1:]  # a proper name follows, not a counted noun
    return noun, max(end, k)


def _antecedent(pron: "Token") -> str:
    """What "it" in "a quarter of it" refers to: the nearest earlier subject noun of another clause, or ""."""
    verb = pron
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    own = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
    for t in reversed(list(pron.sent[:pron.i - pron.sent.start])):
        if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "NOUN" and t.i not in own:
            return _word(t)
    return ""


def _idiom_one(doc: "Doc", end: int, hi: int) -> bool:
    """ "one group after another", "at one point": "one" that counts nothing."""
    if end + 1 < hi and doc[end].lower_ in {"after", "by"} and doc[end + 1].lower_ in {"another", "one"}:
        return True
    return end >= 2 and doc[end - 1].lower_ in {"point", "stage", "time"} and doc[end - 3].lower_ == "at"


def _subject_noun(num_tok: "Token") -> str:
    """The subject a bare figure is the level of ("the death toll rose to 14" -> "death toll"), else ""."""
    node = num_tok.head if num_tok.dep_ == "pobj" and num_tok.head.lower_ in {"to", "at"} else None
    verb = node.head if node is not None else None
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return ""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ != "NOUN":
        return ""
    mods = [c for c in subj.children if c.dep_ == "compound" and c.i < subj.i and c.pos_ == "NOUN"]
    return " ".join([_word(c) for c in mods] + [_word(subj)])


def _part_of_whole(num_tok: "Token") -> bool:
    """Whether a bare number names a part of a figure given before it: "including three in Kyiv",
    "among them two children"."""
    return num_tok.dep_ == "pobj" and num_tok.head.lower_ in PART_WORDS


def _people_subject(num_tok: "Token") -> str:
    """"people" for a bare figure that is the subject of a verb counting people ("Dozens were injured",
    "189 had been rescued", "32 were still missing"), else ""."""
    if num_tok.dep_ not in {"nsubj", "nsubjpass"}:
        return ""
    verb = num_tok.head
    words = [verb] + [c for c in verb.children if c.dep_ in {"acomp", "xcomp"}]
    return "people" if any(counts_people(w.lower_) or counts_people(w.lemma_) for w in words) else ""


def _date_type(doc: "Doc", run: Run, k: int, lo: int, hi: int, noun: str, end: int) -> tuple[str, str]:
    """("date", "year"/"day"/"decade") for years and days of the month, else ("count", noun)."""
    text = doc[run.i].text
    prev_low = doc[run.i - 1].lower_ if run.i - 1 >= lo else ""
    next_low = doc[run.j].lower_ if run.j < hi else ""
    plural_noun = noun and doc[end - 1].tag_ in {"NNS", "NNPS"} and doc[run.j - 1].dep_ == "nummod"
    if year_like(doc, run) and not plural_noun:
        return "date", "year"
    if run.digits and text.isdigit() and run.value <= 31 and (run.high is None or run.high <= 31) and (
            prev_low in MONTHS or next_low in MONTHS
            or (next_low == "of" and run.j + 1 < hi and doc[run.j + 1].lower_ in MONTHS)):
        return "date", "day"
    if run.digits and text.lower().endswith("s") and 1000 <= run.value <= 2100:
        return "date", "decade"
    return "count", noun
