"""Roles and titles given to people ("UN Special Envoy Maria Lopez", "Anna Berg, the bloc's trade chief")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .docs import entities
from .names import TITLE_WORDS, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

PRE_DEPS = {"compound", "amod", "poss", "case", "nmod", "punct", "det", "npadvmod"}


def _title_before(doc: "Doc", start: int) -> tuple[int, int] | None:
    """Token range of the title written right before a name starting at token ``start``."""
    i = start
    while i - 1 >= 0 and doc[i - 1].sent.start <= i - 1:
        t = doc[i - 1]
        if t.is_punct and t.text not in {"'s", "’s", "-", "&"} or t.ent_type_ == "PERSON":
            break
        if t.is_space or "\n" in t.whitespace_:
            break  # a heading or tag line above the name is not its title
        if t.pos_ in {"VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ", "NUM", "PART"} and t.text not in {"'s", "’s"}:
            break
        if t.pos_ == "DET":
            break
        i -= 1
    if i == start:
        return None
    if not _is_title_word(doc[start - 1]):
        return None  # the word right before the name must itself be a title ("Minister", "Sen.")
    # drop words before the first title-bearing chunk that are mere adjectives of the sentence ("said")
    return i, start


def _is_title_word(tok) -> bool:
    """A word that names an office or rank ("minister", "Sen.", "chief")."""
    low = tok.lower_
    return low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or f"{low.rstrip('.')}." in TITLE_WORDS


def _title_after(doc: "Doc", end: int) -> tuple[int, int] | None:
    """Token range of an appositive title after a name: ", the bloc's trade chief,"."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    if doc[j].pos_ == "CCONJ":
        return None  # "Gary Locke, and the interior secretary, Ken Salazar": the next person's title
    if doc[j].lower_ in {"the", "a", "an"}:
        j += 1
    k = j
    while k < len(doc) and not (doc[k].is_punct and doc[k].text not in {"'s", "’s", "-"}) \
            and doc[k].pos_ not in {"VERB", "AUX", "SCONJ", "PRON"} and k - j < 10:
        if doc[k].ent_type_ == "PERSON" or "\n" in doc[k].whitespace_:
            return None  # ", British Prime Minister Keir Starmer": a neighbour's title, not this person's
        k += 1
    if k >= len(doc) or doc[k].text not in {",", ".", ";"} or k == j:
        return None
    if doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].ent_type_ == "PERSON":
        return None  # ", the interior secretary, Ken Salazar": a title introducing the next name
    if not any(doc[x].lower_ in TITLE_WORDS for x in range(j, k)):
        return None
    if doc[k - 1].lower_ not in TITLE_WORDS and doc[k - 1].pos_ not in {"NOUN", "PROPN"}:
        return None
    return j, k


def find_roles(doc: "Doc", canon: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(canonical person, role, start, end) for each titled person mention; offsets cover title and name."""
    out = []
    for ent in entities(doc):
        if ent.label_ != "PERSON":
            continue
        person = normalise(ent.text, canon) or ent.text
        for rng in (_title_before(doc, ent.start), _title_after(doc, ent.end)):
            if rng is None:
                continue
            a, b = rng
            role = doc[a:b].text.strip()
            if role.lower().startswith("the "):
                role = role[4:]
            if not role:
                continue
            start = min(doc[a].idx, ent.start_char)
            end = max(doc[b - 1].idx + len(doc[b - 1]), ent.end_char)
            out.append((person, role, start, end))
    return out
