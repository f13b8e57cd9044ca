"""Units and currencies around a figure: "$52 a barrel", "300 sq km", "40m of", "US $84bn"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import Run
from .units import ABBREVIATIONS, CASED_UNITS, CURRENCY_PREFIX, DENOMINATORS, MAX_UNIT_TOKENS, UNITS, Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc


def unit_at(doc: "Doc", k: int, hi: int, glued: bool) -> tuple[Unit, int] | None:
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
                form = form[:-1]  # "EUR20m." at the end of a sentence
                unit = UNITS.get(form)
            if unit is None:
                continue
            if form in ABBREVIATIONS and not glued:
                continue
            if len(form) == 1 and not (glued and doc[k - 1].whitespace_ == "") and form not in {"%", "°"} \
                    and not (glued and toks[0].text in {"W", "V", "C", "F"}) and not (glued and _pence(doc, k, hi)):
                continue
            return unit, k + n
    return None


def _pence(doc: "Doc", k: int, hi: int) -> bool:
    """A spaced "p" after a price ("down 68 p at 1112 p,"): followed by punctuation or a preposition."""
    if doc[k].lower_ not in {"p", "p."}:
        return False
    return k + 1 >= hi or doc[k + 1].is_punct or doc[k + 1].lower_ in {"at", "to", "from", "on", "in", "and", "or",
                                                                       "a", "per", "each", "after", "before"}


def denominator(doc: "Doc", k: int, hi: int) -> tuple[str, str, int] | None:
    """ "a barrel", "per year", "/month" after a unit -> (symbol part, name part, end index)."""
    if k + 1 < hi and doc[k].text == "(":
        close = next((j for j in range(k + 1, min(k + 8, hi)) if doc[j].text == ")"), None)
        if close is not None and close + 1 < hi and any(t.like_num for t in doc[k + 1:close]):
            found = denominator(doc, close + 1, hi)  # "C $6 (US $4.46) per share"
            return found
    if k + 1 >= hi or doc[k].lower_ not in {"a", "an", "per", "/"}:
        return None
    if k + 2 < hi and doc[k + 2].lower_ in {"earlier", "ago", "before", "later", "previously"}:
        return None
    per_unit = unit_at(doc, k + 1, hi, glued=False) if doc[k].lower_ in {"per", "/"} else None
    if per_unit is not None:
        return per_unit[0].symbol, per_unit[0].name, per_unit[1]
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


def currency_before(doc: "Doc", run: Run, lo: int) -> tuple[Unit | None, int]:
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


def million_m(doc: "Doc", after: int, hi: int) -> bool:
    """Whether an "m" after a figure means million ("40m of", "3.1m new users") rather than metres."""
    if after >= hi:
        return False
    nxt = doc[after]
    if nxt.lower_ in {"tall", "high", "long", "wide", "deep", "away", "above", "below", "from", "-"}:
        return False
    return nxt.lower_ == "of" or nxt.pos_ in {"NOUN", "ADJ", "PROPN"} or nxt.dep_ in {"amod", "compound"}


def find_unit(doc: "Doc", run: Run, k: int, hi: int, currency: Unit | None):
    """The unit after the figure: ``(unit, end index, multiplier for "m"/"bn" read as scale, is_name)``,
    ``is_name`` True when a short glued suffix makes the figure a name ("5G", "3D"), not a quantity."""
    factor = 1.0
    unit: Unit | None = None
    end = k
    if run.suffix:
        suffix = run.suffix.rstrip(".")
        written = doc[run.j - 1].text[-len(run.suffix):]
        nxt = doc[k].text if k < hi else ""
        if written in CASED_UNITS and (written != "G" or (run.value == int(run.value) and 1 <= run.value <= 6)):
            return CASED_UNITS[written], end, factor, False  # "5G", "3G"
        if suffix in {"deg", "°"} and nxt in {"C", "F"}:
            return UNITS["°" + nxt.lower()], k + 1, factor, False  # "1.19deg C"
        if nxt and UNITS.get(f"{suffix} {nxt.lower()}") is not None:
            return UNITS[f"{suffix} {nxt.lower()}"], k + 1, factor, False  # "3923sq m"
        if suffix == "m" and (currency is not None or million_m(doc, k, hi)):
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
    if unit is None and end < hi and doc[end].text in CASED_UNITS and (doc[end].text != "G" or (
            not doc[end - 1].whitespace_ and run.value == int(run.value) and 1 <= run.value <= 6)):
        return CASED_UNITS[doc[end].text], end + 1, factor, False  # "0.5 WAR", "2 TDs", "5G" ("5" "G")
    if unit is None and end < hi:
        skip = 1 if doc[end].text == "-" and end + 1 < hi and not doc[end - 1].whitespace_ else 0
        found = unit_at(doc, end + skip, hi, glued=run.digits)
        if found is not None:
            cand, after = found
            if doc[end + skip].text == "Nm":
                cand = UNITS["newton metre"]
            if (doc[end + skip].lower_.rstrip(".") == "m" and factor == 1.0
                    and (currency is not None or million_m(doc, after, hi))):
                factor, end = 1e6, after
                found = unit_at(doc, after, hi, glued=False)
                if found is not None and found[0].symbol != "m":
                    unit, end = found
            else:
                unit, end = cand, after
    elif unit is None:
        pass
    if factor != 1.0 and unit is None and end < hi:
        found = unit_at(doc, end, hi, glued=False)
        if found is not None:
            unit, end = found
    return unit, end, factor, False
