"""Figures as written in spaCy tokens: digits, number words, ranges, and what is not an amount.

Used by :mod:`.quantities`: :func:`read_figure` reads one figure ("1.8 billion",
"a dozen", "hundreds of", "2.8bn", "US$84"), :func:`read_range` extends it into a
range, :func:`is_name_part` and :func:`is_age` classify bare figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..dates import MONTH_ABBREVIATIONS
from ..dates import MONTHS as MONTH_NUMBERS
from .changes import starts_from
from .numbers import ORDINAL_RE, SCALES, SEVERAL, TIME_RE, VAGUE, combine_words, digit_value, split_prefix, word_value
from .units import CURRENCY_PREFIX

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..records import Bound

#: month names and abbreviations as tokens, with or without the abbreviation's dot ("Sept.")
MONTHS = set(MONTH_NUMBERS) | {f"{m}." for m in MONTH_ABBREVIATIONS}
RANGE_WORDS = {"to", "-", "–", "—"}
# words after which a figure is a label, not an amount ("category 4", "phase 2", "route 66")
LABEL_WORDS = {"category", "level", "phase", "stage", "article", "section", "chapter", "gate", "terminal", "route",
               "flight", "round", "tier", "class", "type", "version", "grade", "act", "no.", "number", "no", "page",
               "room", "platform", "channel", "lane", "line", "highway", "interstate", "model", "season", "episode"}
PERSON_PRONOUNS = {"he", "she", "who", "i", "you", "we", "they"}
DOLLAR_COUNTRY_RE = re.compile(r"^(A|C|NZ|HK|S)(?=\d)")
# ISO timestamps ("2019-09-01T10:38:07Z") and lap or race times ("1:36.6") are times, not amounts
TIMESTAMP_RE = re.compile(r"^(\d{4}-\d\d-\d\dT|\d\dT)?\d\d?:\d\d(:\d\d)?(\.\d+)?Z?$|^\d\d?:\d\d\.\d+$")
CLOCK_ZONES = {"gmt", "utc", "bst", "edt", "est", "cet", "cest", "pst", "pdt", "et", "pt", "local", "hrs", "hours"}


@dataclass(slots=True)
class Run:
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
    bound: Bound | Literal[""] = ""  # bound glued to the digits ("sub-7" -> less_than)


def read_figure(doc: "Doc", i: int, hi: int) -> Run | None:
    """Read the number starting at token ``i``, or None."""
    tok = doc[i]
    low = tok.lower_
    if ORDINAL_RE.match(low):
        return Run(i, i + 1, 0.0, kind="skip")
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    if TIME_RE.match(low) or (":" in low and low.replace(":", "").isdigit()) or TIMESTAMP_RE.match(tok.text) \
            or _iso_date(doc, i, hi):
        j = i + (5 if _iso_date(doc, i, hi) else 1)
        while j < hi and doc[j].lower_ in {"am", "pm", "a.m.", "p.m.", "a.m", "p.m"} | CLOCK_ZONES:
            j += 1
        return Run(i, j, 0.0, kind="time")
    prefix, body = split_prefix(tok.text)
    if not prefix and i - 1 >= 0 and doc[i - 1].text == "$" and not doc[i - 1].whitespace_:
        m = DOLLAR_COUNTRY_RE.match(tok.text)  # "$A82,615,680" tokenised as "$" "A82,615,680"
        if m:
            prefix, body = "$" + m.group(1).lower(), tok.text[m.end():]
    parsed = digit_value(body) if body[:1].isdigit() or body[:2].lstrip("+-−")[:1] in set("0123456789.") else None
    pieces: list[tuple[str, float]] = []
    suffix = ""
    digits = parsed is not None
    if parsed is not None:
        value, suffix = parsed
        if suffix.startswith("-") or suffix.startswith("–"):
            sign, other = split_prefix(suffix[1:])  # "140-$150" (million): the second end's own sign
            rest = digit_value(other) if not sign or sign in CURRENCY_PREFIX else None
            if rest is not None and not rest[1]:  # "10-20" in one token
                if 1800 <= value <= 2199 and rest[0] < 100:
                    return Run(i, i + 1, value, kind="skip")  # "2021-22": a season, not a range
                scale = SCALES[nxt] if nxt in SCALES and nxt not in {"k", "hundred"} else 1.0
                if scale != 1.0:  # "$140-$150 million", one token and its scale
                    return Run(i, i + 2, value * scale, high=rest[0] * scale, scaled=True, scale=scale)
                return Run(i, i + 1, value, high=rest[0])
            suffix = suffix[1:]
        if suffix in {"am", "pm", "a.m.", "p.m."} or nxt in {"am", "pm", "a.m.", "p.m.", "a.m", "p.m"}:
            return Run(i, i + 2 if not suffix else i + 1, value, kind="time")
        if len(tok.text) == 4 and tok.text.isdigit() and nxt in CLOCK_ZONES - {"hours", "hrs", "local"}:
            return Run(i, i + 2, value, kind="time")
        pieces.append(("n", value))
        if suffix in SCALES and suffix != "hundred":
            pieces.append(("s", SCALES[suffix]))
            suffix = ""
    elif low in VAGUE and (nxt == "of" or (tok.dep_ in {"nsubj", "nsubjpass"} and tok.tag_ == "NNS")):
        # "hundreds of drones"; a subject of its own, "Dozens were injured", counts what its verb says
        lo, hi_v = VAGUE[low]
        j = i + 1
        if low in {"tens", "hundreds"} and i + 2 < hi and doc[i + 2].lower_ in VAGUE and \
                VAGUE[doc[i + 2].lower_][0] >= 1000:  # "tens of thousands"
            factor = 10.0 if low == "tens" else 100.0
            lo, hi_v = VAGUE[doc[i + 2].lower_][0] * factor, VAGUE[doc[i + 2].lower_][0] * factor * 10
            j = i + 3
        return Run(i, j, lo, high=hi_v, digits=False, vague=True)
    elif low == "several" and i + 1 < hi and doc[i + 1].tag_ == "NNS" and doc[i + 1].lower_ not in VAGUE:
        return Run(i, i + 1, SEVERAL[0], high=SEVERAL[1], digits=False, vague=True)  # "several vehicles"
    elif low.endswith("fold") and (word_value(low[:-4].rstrip("-")) or low[:-4].rstrip("-").isdigit()):
        stem = low[:-4].rstrip("-")
        return Run(i, i + 1, float(word_value(stem) or stem), digits=False, suffix="times")
    elif (frac := fraction(doc, i, hi)) is not None:
        value, j = frac
        k = j + 1 if j < hi and doc[j].lower_ == "of" else j  # "a quarter of a million"
        if k + 1 < hi and doc[k].lower_ in {"a", "an"} and doc[k + 1].lower_ in SCALES:
            scale = SCALES[doc[k + 1].lower_]  # "half a million", "half a dozen": a number, not a share
            return Run(i, k + 2, value * scale, digits=False, scaled=True, scale=scale)
        return Run(i, j, value, digits=False, suffix="fraction")
    else:
        w = word_value(low)
        if low == "dozen" and not (nxt == "of" or (i + 1 < hi and doc[i + 1].pos_ == "NOUN")):
            return None  # "the dozen were"
        if w is None and low in {"a", "an"} and nxt in {"dozen", "hundred", "thousand", "million", "billion"}:
            w = 1.0
        if w is None:
            return None
        pieces.append(("n", w))
    j = i + 1
    scaled = len(pieces) > 1
    while j < hi and not suffix:
        word = doc[j].lower_
        if word in SCALES and word != "k":
            pieces.append(("s", SCALES[word]))
            scaled = True
        elif not digits and (number := word_value(word)) is not None:
            pieces.append(("n", number))
        elif (word == "and" and not digits and j + 1 < hi and word_value(doc[j + 1].lower_) is not None
              and pieces and pieces[-1][0] == "s"):
            pass
        elif word in {"-"} and not digits and j + 1 < hi and word_value(doc[j + 1].lower_) is not None:
            pass
        else:
            break
        j += 1
    base = next((v for k_, v in pieces if k_ == "n"), 1.0)
    value = combine_words(pieces)
    scale = value / base if base and scaled and len([p for p in pieces if p[0] == "n"]) == 1 else 1.0
    run = Run(i, j, value, suffix=suffix, digits=digits, scaled=scaled, scale=scale)
    if i - 1 >= 0 and doc[i - 1].lower_ == "minus":
        run.value = -run.value
    if prefix == "minus-":
        run.value = -run.value
    elif prefix == "sub-":
        run.bound = "less_than"
    elif prefix == "magnitude-":
        pass  # read as a magnitude by the quantities stage
    elif prefix:
        run.currency = prefix
    return run


def fraction(doc: "Doc", i: int, hi: int) -> tuple[float, int] | None:
    """ "half", "a third", "two-thirds", "one fourth" -> (value, end index)."""
    from .numbers import FRACTIONS

    low = doc[i].lower_
    if low == "half" and (i + 1 >= hi or doc[i + 1].lower_ in {"of", "the", "a", "an", "their", "its", "his", "her"}):
        return 0.5, i + 1
    if low in {"a", "one", "two", "three", "four"} and i + 1 < hi:
        nxt = doc[i + 1].lower_
        if nxt in FRACTIONS and nxt != "half" and i + 2 < hi and doc[i + 2].lower_ == "of":
            return (1.0 if low in {"a", "one"} else float(word_value(low) or 1)) / FRACTIONS[nxt], i + 2
        if nxt == "-" and i + 2 < hi and doc[i + 2].lower_ in FRACTIONS:
            return float(word_value(low) or 1) / FRACTIONS[doc[i + 2].lower_], i + 3
    if "-" in low:
        a, _, b = low.partition("-")
        numerator = word_value(a)
        if numerator and b in FRACTIONS:
            return numerator / FRACTIONS[b], i + 1
    return None


def read_range(doc: "Doc", run: Run, k: int, lo: int, hi: int, first: int) -> tuple[Run, int, bool]:
    """Extend ``run`` into a range when a second figure follows ("to", "-", "between ... and").

    Returns the run, the token after it, and True when the two figures read as a score ("2-1").
    """
    if run.high is not None or k + 1 >= hi:
        return run, k, False
    joiner = doc[k].lower_
    between = first - 1 >= lo and doc[first - 1].lower_ == "between"
    if not (joiner in RANGE_WORDS or (joiner == "and" and between)):
        return run, k, False
    if first - 1 >= lo and doc[first - 1].lower_ == "by" and joiner == "to" and (first != run.i or run.suffix):
        return run, k, False  # "increased by $43bn to $419bn": two figures ("by 1 to 1.5 degrees" is a range)
    if joiner == "to" and first - 1 >= lo and starts_from(doc, first):
        return run, k, False  # "rose from 240 to 273": old and new level, not a range
    k2 = k + 1
    if k2 < hi and doc[k2].lower_ in CURRENCY_PREFIX:
        k2 += 1
    second = read_figure(doc, k2, hi) if k2 < hi else None
    if second is None or second.kind != "number" or second.high is not None:
        return run, k, False
    if year_like(doc, run) or run.suffix == "fraction" or second.suffix == "fraction":
        return run, k, False
    low_v = run.value
    if second.scaled and not run.scaled and low_v * second.scale <= second.value:
        low_v *= second.scale
    if low_v < second.value:
        return Run(run.i, second.j, low_v, high=second.value, suffix=second.suffix, digits=run.digits,
                    scaled=second.scaled, scale=second.scale, currency=run.currency, bound=run.bound), second.j, False
    score = joiner in {"-", "–"} and run.digits and second.digits and not run.currency and not second.suffix
    return run, k, score


def year_like(doc: "Doc", run: Run) -> bool:
    """True for a bare four-digit figure that reads as a year ("in 2019", "1600"), not an amount."""
    text = doc[run.i].text
    if run.i - 1 >= 0 and doc[run.i - 1].lower_ in {"about", "around", "some", "nearly", "almost", "over",
                                                    "approximately"}:
        return False
    prev = doc[run.i - 1].lower_ if run.i >= 1 else ""
    earliest = 1000 if prev in {"in", "since", "from", "between", "until", "during", "before", "after"} else 1800
    return (run.digits and text.isdigit() and len(text) == 4 and earliest <= run.value <= 2199
            and run.high is None and not run.scaled and not run.suffix)


def is_age(doc: "Doc", run: Run, k: int, lo: int, hi: int) -> bool:
    """A bare figure that is a person's age: "Jane Doe, 45, said" or "aged 18 to 34"."""
    if not run.digits or not doc[run.i].text.isdigit() or not 0 < run.value < 120:
        return False
    prev = doc[run.i - 1] if run.i - 1 >= lo else None
    if prev is not None and prev.lower_ in {"aged", "age"}:
        return True
    if prev is not None and prev.lower_ == "of" and run.i - 2 >= lo and doc[run.i - 2].lower_ == "age":
        return True  # "over the age of 21"
    num = doc[run.j - 1]
    if num.dep_ in {"attr", "acomp"} and num.head.lemma_ == "be" and run.value == int(run.value) and \
            (k >= hi or doc[k].is_punct or doc[k].lower_ in {"by", "when", "in", "at", "and", "on", "years"}):
        subj = next((c for c in num.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.lower_ in PERSON_PRONOUNS or subj.ent_type_ == "PERSON"):
            return True  # "He will be 35 by the end of the year", "Maria, who was 10"
    if prev is None or prev.text != "," or run.i - 2 < lo or k >= hi:
        return False
    name = doc[run.i - 2]
    return (name.ent_type_ == "PERSON" or name.pos_ == "PROPN") and doc[k].text in {",", "."} and run.high is None


def is_name_part(doc: "Doc", run: Run, lo: int) -> bool:
    """True for numbers that belong to a name: "Dow 30", "Pixel 8", "Route 9", "F-35"."""
    if run.i - 1 < lo:
        return False
    prev = doc[run.i - 1]
    if prev.text == "-" and run.i - 2 >= lo and doc[run.i - 2].text[:1].isupper() and not doc[run.i - 2].whitespace_:
        return True
    low = prev.lower_
    if low in LABEL_WORDS:
        return True
    if low == "(" and run.j < len(doc) and doc[run.j].text == ")" and run.i - 2 >= lo \
            and doc[run.i - 2].pos_ == "PROPN":
        return True  # "John Smith (10)": a shirt number
    if low in MONTHS or low in CURRENCY_PREFIX or not any(c.isupper() for c in prev.text):
        return False
    if run.j + 1 < len(doc) and doc[run.j].lower_ == "of" and any(t.like_num for t in doc[run.j + 1:run.j + 4]):
        return False  # "gave National Renewal 88 of the 150 seats": a part of a counted whole, not "Pixel 8"
    opens = all(t.is_space or t.is_punct for t in doc[prev.sent.start:prev.i])  # '"\n\nAround 220,000'
    if (opens and (prev.is_stop or prev.pos_ != "PROPN")) or not prev.text[:1].isalpha():
        return False
    return run.digits


def _iso_date(doc: "Doc", i: int, hi: int) -> bool:
    """True at the year of an ISO date or timestamp written as tokens ("2019" "-" "09" "-" "01T10:38:07Z")."""
    if i + 4 >= hi or not (doc[i].text.isdigit() and len(doc[i].text) == 4):
        return False
    parts = [t.text for t in doc[i:i + 5]]
    return parts[1] == "-" and parts[3] == "-" and parts[2].isdigit() and len(parts[2]) == 2 \
        and parts[4][:2].isdigit() and (len(parts[4]) == 2 or parts[4][2:3] == "T")
