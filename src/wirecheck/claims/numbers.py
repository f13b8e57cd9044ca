"""Reading numbers written in digits, number words, or both ("1.8 billion", "a dozen", "2.8bn")."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
SCALES = {
    "hundred": 1e2, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12, "k": 1e3,
}
# "hundreds of", "thousands of": vague plurals -> (low, high)
# ("thousands" for 12,000 is common usage; "tens of thousands" is what outlets write from about 20,000)
VAGUE = {"tens": (10.0, 100.0), "dozens": (24.0, 100.0), "scores": (40.0, 100.0), "hundreds": (100.0, 1000.0),
         "thousands": (1000.0, 20000.0), "millions": (1e6, 2e7), "billions": (1e9, 2e10)}
#: "several vehicles": three or more, fewer than a dozen
SEVERAL = (3.0, 9.0)

DIGITS_RE = re.compile(r"^([-+−]?)(\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(\.\d+)?([/⁄]\d+)?(.*)$")
# currency or bound glued before the digits: "US$84", "$US113", "$A82", "RM79", "sub-7", "minus-5";
# "magnitude-6.4" (a scale glued on by a hyphen, as news style writes quakes);
# "PS" and "Y=" are how ASCII-folding feeds (unidecode) write £ and ¥ ("PS2.7m", "Y=590 billion")
PREFIX_RE = re.compile(
    r"^((?:[A-Z]{1,2})?[$€£¥₹₪₽₴]|\$[A-Z]{1,2}|RM|Rs\.?|US|USD|EUR|GBP|JPY|AUD|CAD|CHF|CNY|INR|sub-|minus-"
    r"|[Mm]agnitude-|PS(?=\d+[.,]\d|\d+(?:m|bn|k)\b|\d\d)|Y=)(?=[-+]?\.?\d)")
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
TIME_RE = re.compile(r"^\d{1,2}([:.]\d{2})?\s*([ap]\.?m\.?)$|^\d{1,2}:\d{2}$", re.I)


def word_value(word: str) -> float | None:
    """The value of one number word ("six", "twenty-five", "dozen"), or None."""
    w = word.lower()
    if w in SMALL:
        return float(SMALL[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in SMALL and parts[1] in SMALL and SMALL[parts[0]] >= 20:
            return float(SMALL[parts[0]] + SMALL[parts[1]])
    return None


def digit_value(text: str) -> tuple[float, str] | None:
    """Parse a token that starts with digits: ``("2.8bn")`` -> ``(2.8, "bn")``; suffix lowercased."""
    m = DIGITS_RE.match(text.strip())
    if not m:
        return None
    sign, whole, frac, over, rest = m.groups()
    value = float((whole or "0").replace(",", "") + (frac or ""))
    if over:
        if float(over[1:]) == 0:
            return None
        value /= float(over[1:])
    if sign in {"-", "−"}:
        value = -value
    return value, rest.lower()


def split_prefix(text: str) -> tuple[str, str]:
    """Split a glued currency sign or bound word off a number token: "US$84" -> ("us$", "84")."""
    m = PREFIX_RE.match(text)
    if not m:
        return "", text
    return m.group(1).lower(), text[m.end():]


def combine_words(values: list[tuple[str, float]]) -> float:
    """Combine a run of (kind, value) pieces, kind "n" (number) or "s" (scale), into one value.

    Follows the usual reading: "one hundred and five thousand" = 105,000;
    "1.8 billion" = 1.8e9.
    """
    total = 0.0
    current = 0.0
    for kind, value in values:
        if kind == "n":
            current += value
        elif value == 100:
            current = (current or 1.0) * 100
        else:
            total += (current or 1.0) * value
            current = 0.0
    return total + current
