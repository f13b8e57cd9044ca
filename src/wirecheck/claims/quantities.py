"""Quantities in a sentence: value, bound, counted noun or unit, type and predicate.

Works on the spaCy tokens of one span. Numbers are read from digits and number
words ("six", "a dozen", "1.8 billion", "2.8bn", "hundreds of"); ranges ("four to
five thousand", "$3bn-$5bn") keep their upper end in ``Quantity.high``. Years,
days of the month, clock times and ordinals are not counts: years, days and
times come out typed ``date``/``time``, ordinals and numbers that are part of a
name ("S&P 500", "Galaxy Note 20") are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Quantity
from .numbers import ORDINAL_RE, SCALES, TIME_RE, VAGUE, combine_words, digit_value, split_prefix, word_value
from .units import ABBREVIATIONS, CURRENCY_PREFIX, DENOMINATORS, MAX_UNIT_TOKENS, UNITS, Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
}
BOUNDS_BEFORE: list[tuple[tuple[str, ...], str]] = [
    (("more", "than"), "more_than"), (("over",), "more_than"), (("above",), "more_than"),
    (("exceeding",), "more_than"), (("upwards", "of"), "more_than"), (("in", "excess", "of"), "more_than"),
    (("just", "over"), "more_than"), (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("about",), "about"), (("around",), "about"), (("approximately",), "about"), (("roughly",), "about"),
    (("some",), "about"), (("an", "estimated"), "about"), (("estimated",), "about"), (("approx",), "about"),
    (("around", "about"), "about"), (("circa",), "about"), (("close", "to"), "about"), (("~",), "about"),
    (("nearly",), "at_most"), (("almost",), "at_most"), (("up", "to"), "at_most"), (("as", "many", "as"), "at_most"),
    (("as", "much", "as"), "at_most"), (("at", "most"), "at_most"), (("no", "more", "than"), "at_most"),
    (("a", "maximum", "of"), "at_most"), (("just", "under"), "less_than"), (("less", "than"), "less_than"),
    (("fewer", "than"), "less_than"), (("under",), "less_than"), (("below",), "less_than"),
]
RANGE_WORDS = {"to", "-", "–", "—"}
# words after which a figure is a label, not an amount ("category 4", "phase 2", "route 66")
LABEL_WORDS = {"category", "level", "phase", "stage", "article", "section", "chapter", "gate", "terminal", "route",
               "flight", "round", "tier", "class", "type", "version", "grade", "act", "no.", "number", "no", "page",
               "room", "platform", "channel", "lane", "line", "highway", "interstate", "model", "season", "episode"}
NOUN_SKIP = {"det", "poss", "predet"}
CLOCK_ZONES = {"gmt", "utc", "bst", "edt", "est", "cet", "cest", "pst", "pdt", "et", "pt", "local", "hrs", "hours"}


@dataclass(slots=True)
class _Run:
    """A number as written: tokens ``i`` to ``j`` (exclusive)."""

    i: int
    j: int
    value: float
    high: float | None = None
    suffix: str = ""  # letters glued to the digits ("km" in "5km")
    digits: bool = True
    scaled: bool = False
    scale: float = 1.0
    kind: str = "number"  # number | time | skip
    vague: bool = False
    currency: str = ""  # currency sign glued to the digits ("us$")
    bound: str = ""  # bound glued to the digits ("sub-7" -> less_than)


def _read(doc: "Doc", i: int, hi: int) -> _Run | None:
    """Read the number starting at token ``i``, or None."""
    tok = doc[i]
    low = tok.lower_
    if ORDINAL_RE.match(low):
        return _Run(i, i + 1, 0.0, kind="skip")
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    if TIME_RE.match(low) or (":" in low and low.replace(":", "").isdigit()):
        j = i + 1
        while j < hi and doc[j].lower_ in {"am", "pm", "a.m.", "p.m.", "a.m", "p.m"} | CLOCK_ZONES:
            j += 1
        return _Run(i, j, 0.0, kind="time")
    prefix, body = split_prefix(tok.text)
    parsed = digit_value(body) if body[:1].isdigit() or body[:2].lstrip("+-−")[:1] in set("0123456789.") else None
    pieces: list[tuple[str, float]] = []
    suffix = ""
    digits = parsed is not None
    if parsed is not None:
        value, suffix = parsed
        if suffix.startswith("-") or suffix.startswith("–"):
            rest = digit_value(suffix[1:])
            if rest is not None and not rest[1]:  # "10-20" in one token
                return _Run(i, i + 1, value, high=rest[0])
            suffix = suffix[1:]
        if suffix in {"am", "pm", "a.m.", "p.m."} or nxt in {"am", "pm", "a.m.", "p.m.", "a.m", "p.m"}:
            return _Run(i, i + 2 if not suffix else i + 1, value, kind="time")
        if len(tok.text) == 4 and tok.text.isdigit() and nxt in CLOCK_ZONES - {"hours", "hrs", "local"}:
            return _Run(i, i + 2, value, kind="time")
        pieces.append(("n", value))
        if suffix in SCALES and suffix != "hundred":
            pieces.append(("s", SCALES[suffix]))
            suffix = ""
    elif low in VAGUE and nxt == "of":
        lo, hi_v = VAGUE[low]
        j = i + 1
        if low in {"tens", "hundreds"} and i + 2 < hi and doc[i + 2].lower_ in VAGUE and \
                VAGUE[doc[i + 2].lower_][0] >= 1000:  # "tens of thousands"
            factor = 10.0 if low == "tens" else 100.0
            lo, hi_v = VAGUE[doc[i + 2].lower_][0] * factor, VAGUE[doc[i + 2].lower_][0] * factor * 10
            j = i + 3
        return _Run(i, j, lo, high=hi_v, digits=False, vague=True)
    elif low.endswith("fold") and (word_value(low[:-4].rstrip("-")) or low[:-4].rstrip("-").isdigit()):
        base = low[:-4].rstrip("-")
        return _Run(i, i + 1, float(word_value(base) or base), digits=False, suffix="times")
    elif _fraction(doc, i, hi) is not None:
        value, j = _fraction(doc, i, hi)
        return _Run(i, j, value, digits=False, suffix="fraction")
    else:
        w = word_value(low)
        if w is None and low in {"a", "an"} and nxt in {"dozen", "hundred", "thousand", "million", "billion"}:
            w = 1.0
        if w is None:
            return None
        pieces.append(("n", w))
    j = i + 1
    scaled = len(pieces) > 1
    while j < hi and not suffix:
        w = doc[j].lower_
        if w in SCALES and w != "k":
            pieces.append(("s", SCALES[w]))
            scaled = True
        elif not digits and word_value(w) is not None:
            pieces.append(("n", word_value(w)))
        elif (w == "and" and not digits and j + 1 < hi and word_value(doc[j + 1].lower_) is not None
              and pieces and pieces[-1][0] == "s"):
            pass
        elif w in {"-"} and not digits and j + 1 < hi and word_value(doc[j + 1].lower_) is not None:
            pass
        else:
            break
        j += 1
    base = next((v for k_, v in pieces if k_ == "n"), 1.0)
    value = combine_words(pieces)
    scale = value / base if base and scaled and len([p for p in pieces if p[0] == "n"]) == 1 else 1.0
    run = _Run(i, j, value, suffix=suffix, digits=digits, scaled=scaled, scale=scale)
    if i - 1 >= 0 and doc[i - 1].lower_ == "minus":
        run.value = -run.value
    if prefix == "minus-":
        run.value = -run.value
    elif prefix == "sub-":
        run.bound = "less_than"
    elif prefix:
        run.currency = prefix
    return run


def _fraction(doc: "Doc", i: int, hi: int) -> tuple[float, int] | None:
    """ "half", "a third", "two-thirds", "one fourth" -> (value, end index)."""
    from .numbers import FRACTIONS

    low = doc[i].lower_
    if low == "half" and (i + 1 >= hi or doc[i + 1].lower_ in {"of", "the", "a", "an", "their", "its", "his", "her"}):
        return 0.5, i + 1
    if low in {"a", "one", "two", "three", "four"} and i + 1 < hi:
        nxt = doc[i + 1].lower_
        parts = nxt.split("-")
        if nxt in FRACTIONS and nxt != "half" and i + 2 < hi and doc[i + 2].lower_ == "of":
            return (1.0 if low in {"a", "one"} else float(word_value(low) or 1)) / FRACTIONS[nxt], i + 2
        if nxt == "-" and i + 2 < hi and doc[i + 2].lower_ in FRACTIONS:
            return float(word_value(low) or 1) / FRACTIONS[doc[i + 2].lower_], i + 3
    if "-" in low:
        a, _, b = low.partition("-")
        if word_value(a) and b in FRACTIONS:
            return word_value(a) / FRACTIONS[b], i + 1
    return None


def _unit_at(doc: "Doc", k: int, hi: int, glued: bool) -> tuple[Unit, int] | None:
    """The unit written from token ``k`` (longest match), with the index after it."""
    for n in range(MAX_UNIT_TOKENS, 0, -1):
        if k + n > hi:
            continue
        toks = doc[k:k + n]
        if n > 1 and any(t.is_punct and t.text not in {"-", "/"} for t in toks):
            continue
        for form in (" ".join(t.lower_ for t in toks), "".join(t.lower_ for t in toks)):
            form = form.replace(" - ", "-").replace(" / ", "/")
            unit = UNITS.get(form)
            if unit is None and form.endswith(".") and k + n >= hi - 1:
                form = form[:-1]  # "USD10m." at the end of a sentence
                unit = UNITS.get(form)
            if unit is None:
                continue
            if form in ABBREVIATIONS and not glued:
                continue
            if len(form) == 1 and not (glued and doc[k - 1].whitespace_ == "") and form not in {"%", "°"}:
                continue
            return unit, k + n
    return None


def _denominator(doc: "Doc", k: int, hi: int) -> tuple[str, str, int] | None:
    """ "a barrel", "per year", "/month" after a unit -> (symbol part, name part, end index)."""
    if k + 1 >= hi or doc[k].lower_ not in {"a", "an", "per", "/"}:
        return None
    if k + 2 < hi and doc[k + 2].lower_ in {"earlier", "ago", "before", "later", "previously"}:
        return None
    found = _unit_at(doc, k + 1, hi, glued=False) if doc[k].lower_ in {"per", "/"} else None
    if found is not None:
        return found[0].symbol, found[0].name, found[1]
    if doc[k].lower_ == "per" and doc[k + 1].pos_ in {"NOUN", "PROPN"}:
        form = doc[k + 1].lemma_.lower()
        unit = UNITS.get(form) or UNITS.get(doc[k + 1].lower_)
        return (unit.symbol if unit else form), (unit.name if unit else form), k + 2
    for n in (2, 1):
        if k + 1 + n > hi:
            continue
        toks = doc[k + 1:k + 1 + n]
        form = " ".join(t.lemma_.lower() for t in toks)
        if form in DENOMINATORS:
            unit = UNITS.get(form)
            name = unit.name if unit else form
            return (unit.symbol if unit else form), name, k + 1 + n
    return None


def _noun_phrase(doc: "Doc", k: int, hi: int, head: "Token | None") -> tuple[str, int]:
    """Counted noun from token ``k`` up to ``head`` (lemmas, modifiers kept), with the end index."""
    words: list[str] = []
    j = k
    while j < hi and doc[j].dep_ in NOUN_SKIP:
        j += 1
    end = j
    limit = head.i if head is not None and head.i >= j else j
    for t in doc[j:min(limit + 1, hi)]:
        if t.is_punct and t.text != "-":
            break
        if t.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB", "PUNCT", "ADV"} or t.like_num:
            break
        if t.i != limit and (t.pos_ == "ADV" or t.lower_ in {"more", "less", "fewer", "further", "additional"}
                             or (t.pos_ == "VERB" and t.whitespace_ and not words)):
            continue
        lemma = t.lower_ if t.lower_ in {"people", "data", "media"} else t.lemma_.lower()
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
        if pobj is not None and pobj.pos_ == "NOUN" and not any(c.dep_ in {"det", "poss"} for c in pobj.children):
            words.append(_lemma(doc[pobj.i:pobj.i + 1]))
            end = pobj.i + 1
    return " ".join(words[-5:]), end


MODIFIER_SKIP = {"more", "less", "fewer", "further", "additional", "other", "such", "many", "several", "same"}


def _lemma(span) -> str:
    """Lemma of a short modifier span, hyphenated words kept together ("first-team")."""
    out = ""
    for t in span:
        lemma = t.lower_ if t.lower_ in {"people", "data", "media"} else t.lemma_.lower()
        out += lemma + (t.whitespace_ and " ")
    return out.strip()


def _bound(doc: "Doc", start: int, lo: int) -> tuple[str, int]:
    """The bound words right before token ``start`` and the index where they begin."""
    best = ("exact", start)
    for words, bound in BOUNDS_BEFORE:
        n = len(words)
        if start - n < lo:
            continue
        if tuple(t.lower_ for t in doc[start - n:start]) == words and start - n < best[1]:
            best = (bound, start - n)
    return best


def _predicate(tok: "Token") -> str | None:
    """The verb a quantity is an argument of ("launched", "injured"), as written."""
    node = tok
    for _ in range(4):
        if node.pos_ == "VERB":
            return node.lower_
        if node.head is node:
            break
        node = node.head
    return node.lower_ if node.pos_ == "VERB" else None


def _is_age(doc: "Doc", run: _Run, k: int, lo: int, hi: int) -> bool:
    """A bare figure that is a person's age: "Jane Doe, 45, said" or "aged 18 to 34"."""
    if not run.digits or not doc[run.i].text.isdigit() or not 0 < run.value < 120:
        return False
    prev = doc[run.i - 1] if run.i - 1 >= lo else None
    if prev is not None and prev.lower_ in {"aged", "age"}:
        return True
    if prev is None or prev.text != "," or run.i - 2 < lo or k >= hi:
        return False
    name = doc[run.i - 2]
    return (name.ent_type_ == "PERSON" or name.pos_ == "PROPN") and doc[k].text in {",", "."} and run.high is None


def _is_name_part(doc: "Doc", run: _Run, lo: int) -> bool:
    """True for numbers that belong to a name: "S&P 500", "Galaxy Note 20", "iPhone 14", "F-35"."""
    if run.i - 1 < lo:
        return False
    prev = doc[run.i - 1]
    if prev.text == "-" and run.i - 2 >= lo and doc[run.i - 2].text[:1].isupper() and not doc[run.i - 2].whitespace_:
        return True
    low = prev.lower_
    if low in LABEL_WORDS:
        return True
    if low in MONTHS or low in CURRENCY_PREFIX or not any(c.isupper() for c in prev.text):
        return False
    if prev.i == prev.sent.start or not prev.text[:1].isalpha():
        return False
    return run.digits


def _currency_before(doc: "Doc", run: _Run, lo: int) -> tuple[Unit | None, int]:
    """A currency written before the run ("$", "US $", "HK$") and the index where it begins."""
    if run.currency:
        return CURRENCY_PREFIX.get(run.currency), run.i
    first = run.i
    if first - 1 < lo or doc[first - 1].lower_ not in CURRENCY_PREFIX:
        return None, first
    currency = CURRENCY_PREFIX[doc[first - 1].lower_]
    first -= 1
    if doc[first].text == "$" and first - 1 >= lo and doc[first - 1].text in {"US", "A", "AU", "NZ", "C", "HK", "S"}:
        currency = CURRENCY_PREFIX.get(doc[first - 1].lower_ + "$", currency)
        first -= 1
    elif doc[first].lower_ == "us" and not (run.i < len(doc) and doc[first].whitespace_ == ""):
        if doc[first].text != "US":
            return None, run.i
    return currency, first


def _million_m(doc: "Doc", after: int, hi: int) -> bool:
    """Whether an "m" after a figure means million ("35m of", "2.7m combined sales") rather than metres."""
    if after >= hi:
        return False
    nxt = doc[after]
    if nxt.lower_ in {"tall", "high", "long", "wide", "deep", "away", "above", "below", "from", "-"}:
        return False
    return nxt.lower_ == "of" or nxt.pos_ in {"NOUN", "ADJ", "PROPN"} or nxt.dep_ in {"amod", "compound"}


def _read_range(doc: "Doc", run: _Run, k: int, lo: int, hi: int, first: int) -> tuple[_Run, int, bool]:
    """Extend ``run`` into a range when a second figure follows ("to", "-", "between ... and").

    Returns the run, the token after it, and True when the two figures read as a score ("2-1").
    """
    if run.high is not None or k + 1 >= hi:
        return run, k, False
    joiner = doc[k].lower_
    between = first - 1 >= lo and doc[first - 1].lower_ == "between"
    if not (joiner in RANGE_WORDS or (joiner == "and" and between)):
        return run, k, False
    if first - 1 >= lo and doc[first - 1].lower_ == "by" and joiner == "to":
        return run, k, False  # "increased by $43bn to $419bn": two figures
    k2 = k + 1
    if k2 < hi and doc[k2].lower_ in CURRENCY_PREFIX:
        k2 += 1
    second = _read(doc, k2, hi) if k2 < hi else None
    if second is None or second.kind != "number" or second.high is not None:
        return run, k, False
    if _year_like(doc, run) or run.suffix == "fraction" or second.suffix == "fraction":
        return run, k, False
    low_v = run.value
    if second.scaled and not run.scaled and low_v * second.scale <= second.value:
        low_v *= second.scale
    if low_v < second.value:
        return _Run(run.i, second.j, low_v, high=second.value, suffix=second.suffix, digits=run.digits,
                    scaled=second.scaled, scale=second.scale, currency=run.currency, bound=run.bound), second.j, False
    score = joiner in {"-", "–"} and run.digits and second.digits and not run.currency and not second.suffix
    return run, k, score


def _year_like(doc: "Doc", run: _Run) -> bool:
    text = doc[run.i].text
    if run.i - 1 >= 0 and doc[run.i - 1].lower_ in {"about", "around", "some", "nearly", "almost", "over", "approximately"}:
        return False
    return (run.digits and text.isdigit() and len(text) == 4 and 1800 <= run.value <= 2199
            and run.high is None and not run.scaled and not run.suffix)


def _find_unit(doc: "Doc", run: _Run, k: int, hi: int, currency: Unit | None):
    """The unit after the figure: returns (unit, end index, multiplier for "m"/"bn" read as scale)."""
    factor = 1.0
    unit: Unit | None = None
    end = k
    if run.suffix:
        suffix = run.suffix.rstrip(".")
        if suffix == "m" and (currency is not None or _million_m(doc, k, hi)):
            factor = 1e6
        elif suffix in {"b", "bn"} and currency is not None:
            factor = 1e9
        elif suffix in {"fraction", "times"}:
            unit = UNITS["times"] if suffix == "times" else None
        elif suffix == "nm" and doc[run.j - 1].text.endswith("Nm"):
            unit = UNITS["newton metre"]
        elif not (len(suffix) == 1 and doc[run.j - 1].text[-1].isupper() and suffix not in {"c", "f", "v", "w", "l"}):
            unit = UNITS.get(suffix) or UNITS.get(run.suffix)
            if unit is None and len(suffix) <= 2:
                return None, end, factor, True  # "5G", "3D": a name, not a quantity
    if unit is None and end < hi:
        skip = 1 if doc[end].text == "-" and end + 1 < hi and not doc[end - 1].whitespace_ else 0
        found = _unit_at(doc, end + skip, hi, glued=run.digits)
        if found is not None:
            cand, after = found
            if doc[end + skip].text == "Nm":
                cand = UNITS["newton metre"]
            if doc[end + skip].lower_ == "m" and factor == 1.0 and (currency is not None or _million_m(doc, after, hi)):
                factor, end = 1e6, after
                found = _unit_at(doc, after, hi, glued=False)
                if found is not None and found[0].symbol != "m":
                    unit, end = found
            else:
                unit, end = cand, after
    elif unit is None:
        pass
    if factor != 1.0 and unit is None and end < hi:
        found = _unit_at(doc, end, hi, glued=False)
        if found is not None:
            unit, end = found
    return unit, end, factor, False


def extract_quantities(doc: "Doc", span_start: int = 0, span_end: int | None = None,
                       previous_noun: str | None = None) -> list[Quantity]:
    """All quantities whose tokens lie within characters ``span_start``-``span_end`` of ``doc``.

    ``previous_noun`` is what "of them" refers to when the span does not say
    (the last counted noun of the preceding text).
    """
    span_end = len(doc.text) if span_end is None else span_end
    toks = [t.i for t in doc if t.idx >= span_start and t.idx + len(t) <= span_end]
    if not toks:
        return []
    lo, hi = toks[0], toks[-1] + 1
    out: list[Quantity] = []
    last_noun = previous_noun
    span_noun: str | None = None
    i = lo
    while i < hi:
        run = _read(doc, i, hi)
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
            i = run.j  # "production-four-door"
            continue
        currency, first = _currency_before(doc, run, lo)
        run, k, score = _read_range(doc, run, run.j, lo, hi, first)
        if score:
            i = k + 1
            while i < hi and doc[i].like_num:
                i += 1
            continue
        unit, end, factor, name_like = _find_unit(doc, run, k, hi, currency)
        if name_like:
            i = run.j
            continue
        value = run.value * factor
        high = run.high * factor if run.high is not None else None
        if currency is not None and (unit is None or unit.type != "money"):
            unit = currency if unit is None else unit
        if unit is None and run.high is None and k + 1 < hi and doc[k].lower_ in {"or", "to", "and", "-", "–"}:
            # "eight or nine euros", "between 50 and 70 GPa": the unit written once for both
            nxt = _read(doc, k + 1, hi)
            if nxt is not None and nxt.kind == "number":
                shared = _find_unit(doc, nxt, nxt.j, hi, None)[0]
                if shared is not None and shared.type in {"money", "percent", "measure", "duration"}:
                    unit = shared
        if unit is None and currency is None and _is_age(doc, run, k, lo, hi):
            unit = UNITS["years old"]  # "Maddon, 66, said", "men aged 18 to 34"
        if unit is None and currency is None and _is_name_part(doc, run, lo):
            i = run.j
            continue
        bound, bstart = _bound(doc, first, lo)
        if run.bound:
            bound = run.bound
        if end < hi and doc[end].lower_ in {"plus", "+"}:
            bound, end = "at_least", end + 1
        elif end + 1 < hi and doc[end].lower_ == "or" and doc[end + 1].lower_ in {"more", "over"}:
            bound = "at_least"
        num_tok = doc[run.j - 1]
        qtype, noun, unit_sym = "count", "", None
        if unit is not None:
            qtype = {"percent": "percent", "money": "money"}.get(unit.type, "measure")
            unit_sym, noun = unit.symbol, unit.name
            den = _denominator(doc, end, hi)
            if den is not None:
                unit_sym, noun, end = f"{unit_sym}/{den[0]}", f"{unit.name} per {den[1]}", den[2]
        else:
            noun, end = _counted_noun(doc, run, end if factor != 1.0 else k, hi, num_tok, last_noun)
            if not run.digits and run.value == 1 and not noun and run.high is None:
                i = run.j
                continue  # "one" as a pronoun ("one of the biggest")
            if noun and noun[:1].isupper() and " " in noun and run.value < 10000 and not any(
                    t.tag_ in {"NNS", "NNPS"} for t in doc[end:min(end + 4, hi)]):
                i = max(end, run.j)
                continue  # "575 Wilbraham Road": part of an address or name
            if noun and noun[:1].isupper():
                noun = noun.lower()
            qtype, noun = _date_type(doc, run, k, lo, hi, noun, end)
            if qtype == "count" and not noun and span_noun and run.digits:
                noun = span_noun  # "435 homes by open sale and 187 by tender"
            if run.suffix == "fraction":
                qtype, unit_sym = "percent", "fraction"
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
            start=doc[bstart].idx, end=last.idx + len(last), high=high,
        ))
        i = max(end, run.j)
    return _merge_ranges(doc.text, out)


RANGE_JOINS = {"to", "-", "–", "and", "up to", "/"}


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """ "5% to 10%", "between 4% and 5%", "450 sq ft up to 900 sq ft": two figures of one unit as a range."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.unit and prev.unit == q.unit and prev.high is None and q.high is None \
                and prev.type == q.type and prev.value < q.value:
            gap = text[prev.end:q.start].strip().lower()
            between = text[max(0, prev.start - 8):prev.start].strip().lower().endswith("between")
            if gap in RANGE_JOINS - {"and"} or (gap == "and" and between):
                prev.high, prev.end = q.value, q.end
                continue
        out.append(q)
    return out


def _counted_noun(doc: "Doc", run: _Run, k: int, hi: int, num_tok: "Token", last_noun: str | None) -> tuple[str, int]:
    """What a bare figure counts ("212 drones", "180 of them", "six people"), with the end index."""
    end = k
    noun = ""
    if k < hi and doc[k].lower_ == "of":
        j = k + 1
        while j < hi and doc[j].dep_ in NOUN_SKIP:
            j += 1
        if j < hi and doc[j].pos_ == "PRON":
            return (last_noun or ""), j + 1
        if j < hi:
            pobj = next((c for c in doc[k].children if c.dep_ == "pobj"), None)
            noun, end = _noun_phrase(doc, j, hi, pobj)
    elif k < hi and doc[k].ent_type_ == "DATE" and num_tok.ent_type_ != "DATE":
        return "", k
    elif num_tok.dep_ in {"nummod", "compound", "quantmod"} and num_tok.head.i >= k \
            and num_tok.head.pos_ in {"NOUN", "PROPN"}:
        noun, end = _noun_phrase(doc, k, hi, num_tok.head)
    elif k < hi and doc[k].pos_ == "NOUN" and not doc[k].like_num:
        noun, end = _noun_phrase(doc, k, hi, doc[k])
    elif k + 1 < hi and doc[k].text == "-" and doc[k + 1].pos_ == "NOUN":
        noun, end = _noun_phrase(doc, k + 1, hi, doc[k + 1])
    if noun and all(t.tag_ == "NNP" for t in doc[k:end] if t.is_alpha) and any(t.is_alpha for t in doc[k:end]):
        noun = noun[:1].upper() + noun[1:]  # a proper name follows, not a counted noun
    return noun, max(end, k)


def _date_type(doc: "Doc", run: _Run, k: int, lo: int, hi: int, noun: str, end: int) -> tuple[str, str]:
    """("date", "year"/"day"/"decade") for years and days of the month, else ("count", noun)."""
    text = doc[run.i].text
    prev_low = doc[run.i - 1].lower_ if run.i - 1 >= lo else ""
    next_low = doc[run.j].lower_ if run.j < hi else ""
    plural_noun = noun and doc[end - 1].tag_ in {"NNS", "NNPS"} and doc[run.j - 1].dep_ == "nummod"
    if _year_like(doc, run) and not plural_noun:
        return "date", "year"
    if run.digits and text.isdigit() and run.value <= 31 and (run.high is None or run.high <= 31) and (
            prev_low in MONTHS or next_low in MONTHS
            or (next_low == "of" and run.j + 1 < hi and doc[run.j + 1].lower_ in MONTHS)):
        return "date", "day"
    if run.digits and text.lower().endswith("s") and 1000 <= run.value <= 2100:
        return "date", "decade"
    return "count", noun


def unit_name(quantity: Quantity) -> str:
    """The spelled-out unit name of a quantity ("percentage", "dollar per barrel"); the noun for counts."""
    return quantity.noun if quantity.noun else "-"
