"""Text helpers shared by the stages: numbers as written, stop words, crude singulars, bare names.

Each helper has one home here. Where two stages need slightly different behaviour (a singular for role
titles keeps "affairs"; a place name keeps a leading "a"), the difference is a parameter of the one
helper, so it is visible at the call. Nothing heavy is imported: spaCy's stop list is read on call.
Dates and times live in :mod:`wirecheck.dates`.
"""

from __future__ import annotations

import re


def normalise_number(text: str) -> str:
    """A number written in digits, in a form two spellings of one figure share: thousands separators
    and trailing decimal zeros dropped ("1,200" -> "1200", "6.50" -> "6.5", "3.0" -> "3").

    ``text`` is digits with optional commas and decimal part, as the callers' number patterns match.
    """
    value = text.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value


#: Function words and reporting verbs ("said") left out when the wordings of claims are compared
#: (counted nouns, clause content words, quote words). Smaller than spaCy's list (:func:`spacy_stop_words`),
#: which also drops words that tell claims apart ("three", "former", "first", "top").
STOP_WORDS = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from", "that", "this",
    "had", "has", "have", "been", "be", "was", "were", "is", "are", "it", "its", "their", "his", "her", "they",
    "he", "she", "not", "no", "did", "does", "do", "said", "says", "say", "would", "will", "could", "as",
})


#: Words dropped from a person's title before its head word is read ("the minister of labour"): articles,
#: possessive pronouns, prepositions and a stray "s". A list of its own, not :data:`STOP_WORDS`, which holds
#: more (verbs, pronouns, "with", "by", "or") and lacks the "s"; one list would change how titles compare.
TITLE_STOP_WORDS = frozenset({"the", "a", "an", "and", "for", "to", "s", "his", "her", "their", "its", "of", "in",
                              "at", "on"})


#: abbreviated titles that stand before a name ("Sen. Mark Delaney", "said Sgt. Marty Earley"): title words of
#: their own (:data:`wirecheck.claims.names.TITLE_WORDS`), and, with the honorifics, no sentence's end
TITLE_ABBREVIATIONS = frozenset({
    "sen.", "gen.", "prof.", "dr.", "rep.", "gov.", "col.", "lt.", "sgt.", "capt.", "maj.", "cmdr.", "adm.", "det.",
    "insp.", "supt.", "atty.", "amb.", "pres.", "sec.", "dep.", "asst.", "brig.", "cpl.",
})
HONORIFIC_ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "rev.", "fr.", "hon.", "pvt."})

def spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words (326 words), the list ``Token.is_stop`` reads; imported on call."""
    from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

    return frozenset(SPACY_STOP_WORDS)


def singular(word: str, *, longer_than: int = 3, ies: bool = True, invariant: tuple[str, ...] = ()) -> str:
    """A crude singular of a lower-case English noun, enough to match "drones" with "drone".

    With ``ies``, "-ies" becomes "-y" in words of more than four letters ("casualties" -> "casualty").
    Otherwise a final "s" is dropped from words longer than ``longer_than`` letters, except after another
    "s" ("glass") or at the end of one of the ``invariant`` words ("affairs"). For a string without a parse;
    where a spaCy ``Doc`` is at hand its lemmas are the better singular.
    """
    if ies and len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > longer_than and word.endswith("s") and not word.endswith(("ss", *invariant)):
        return word[:-1]
    return word


def bare_name(text: str, articles: tuple[str, ...] = ("the", "a", "an")) -> str:
    """A name lowercased with its spacing collapsed, without a leading article or a final possessive
    ("The  Kremlin's" -> "kremlin"). One pass: "the X's" loses both, "the the X" only the first "the".

    ``articles`` are the words dropped at the start: a place name passes ``("the",)`` alone, so that
    "A Coruña" keeps its "a".
    """
    value = " ".join(text.lower().split())
    pattern = rf"^(?:{'|'.join(re.escape(a) for a in articles)})\s+|['’]s$"
    return re.sub(pattern, "", value)


def url_host(url: str | None) -> str:
    """The host a URL names, lowercased and without ``www.``; "" when it names none or cannot be parsed
    (an article's URL is untrusted input: "http://[::1" is no reason to lose the article)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")
