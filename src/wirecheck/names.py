"""Matching person and organisation names across articles.

Outlets write "Amara Bello", "Ms Bello" and "Bello"; these helpers decide
when two names refer to one person and pick the canonical (longest) form.
"""

from __future__ import annotations

import re
from typing import Iterable

from .claims.names import TITLE_WORDS

_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_POSSESSIVE = re.compile(r"^(?:[\w.-]+ ){0,2}[\w.-]+(?:'s|s')\s+")  # "the bloc's ", "Calvera's "
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx"}


def name_tokens(name: str) -> list[str]:
    """Lowercased tokens of a name without honorifics, titles before it or possessive endings.

    "Sen. Mark Delaney" and "Calvera's Trade Minister Lucia Ferrand" give the person's name alone.
    """
    tokens = []
    for t in _TOKEN.findall(name.lower()):
        t = re.sub(r"['’]s$", "", t).strip("'’")
        if t and t.rstrip(".") not in _HONORIFICS:
            tokens.append(t)
    titled = [i for i, t in enumerate(tokens[:-1]) if t in TITLE_WORDS or t.rstrip(".") in TITLE_WORDS
              or f"{t.rstrip('.')}." in TITLE_WORDS]
    return tokens[titled[-1] + 1:] if titled else tokens


def same_person(a: str, b: str) -> bool:
    """Whether two names plausibly name one person: same surname, and given names compatible."""
    ta, tb = name_tokens(a), name_tokens(b)
    if ta and tb and len(ta) >= 2 and len(tb) >= 2 and ta[0] == tb[0] and "".join(ta[1:]) == "".join(tb[1:]):
        return True  # "Vincent DelGiudice" and "Vincent Del Giudice"
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return all(t in longer for t in shorter)


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the longest name it plausibly refers to.

    A short name that fits two different people ("Cheney" when both "Liz Cheney" and "Dick
    Cheney" are named) stays as it is: it is not given to either.
    """
    unique = sorted(set(n for n in names if n and n.strip()), key=lambda n: (-len(name_tokens(n)), -len(n), n))
    canon: dict[str, str] = {}
    for name in unique:
        size = len(name_tokens(name))
        heads = [h for h in unique if len(name_tokens(h)) > size and same_person(name, h)]
        roots = {canon.get(h, h) for h in heads}
        distinct = [r for r in roots if not any(r != o and same_person(r, o) for o in roots)]
        if len(roots) == 1 or (roots and len(distinct) <= 1 and not _rivals(roots)):
            canon[name] = sorted(roots, key=lambda r: (-len(name_tokens(r)), r))[0]
        else:
            canon[name] = name
    return canon


def _rivals(roots: set[str]) -> bool:
    """Whether some of these names are certainly different people (different given names)."""
    items = sorted(roots)
    return any(not same_person(a, b) for i, a in enumerate(items) for b in items[i + 1:])


def normalise_role(role: str) -> str:
    """A role compared without case, spacing, quote style, a leading article or possessive.

    "Calvera’s Trade Minister", "the trade minister" and "Trade Minister" compare
    equal; "Health Minister" and "Deputy Health Minister" do not.
    """
    text = re.sub(r"\s+", " ", role.strip().lower().replace("’", "'"))
    text = re.sub(r"^(the|a|an)\s+", "", text)
    return _POSSESSIVE.sub("", text)


# ---------------------------------------------------------------- titles

_ROLE_WORDS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "capt": "captain", "cpt": "captain", "maj": "major",
    "cmdr": "commander", "cdr": "commander", "adm": "admiral", "det": "detective", "insp": "inspector",
    "supt": "superintendent", "atty": "attorney", "rev": "reverend", "amb": "ambassador", "pres": "president",
    "sec": "secretary", "secy": "secretary", "dep": "deputy", "asst": "assistant", "prof": "professor",
    "dr": "doctor", "cpl": "corporal", "pvt": "private", "brig": "brigadier", "supt.": "superintendent",
    "congressman": "representative", "congresswoman": "representative", "congressperson": "representative",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "councilman": "councillor", "councilwoman": "councillor", "councilor": "councillor",
    "labor": "labour", "defence": "defense", "ex": "former", "justice": "judge", "outgoing": "",
    "lawyer": "attorney", "counsel": "attorney", "premier": "prime minister", "longtime": "", "then": "",
}
_ROLE_PHRASES = {
    "chief executive officer": "ceo", "chief financial officer": "cfo", "chief operating officer": "coo",
    "chief technology officer": "cto", "chief executive": "ceo", "pm": "prime minister", "vp": "vice president", "ag": "attorney general",
    "mp": "member parliament", "u s": "us", "united states": "us", "u k": "uk", "united kingdom": "uk",
}
# words that change which office a title names: Deputy Minister is not Minister
RANK_WORDS = {"deputy", "vice", "former", "acting", "interim", "assistant", "associate", "under", "lieutenant",
              "prime", "majority", "minority", "elect", "designate", "retired", "emeritus", "co", "first",
              "incoming", "brigadier", "lance", "staff", "master", "rear"}
# the words of a title that say which office it is ("Health Minister" is not "Trade Minister"); other
# words are affiliation or description ("Palmer", "SeaMicro", "the magazine's") and may differ freely
PORTFOLIOS = {
    "health", "trade", "foreign", "defense", "interior", "home", "finance", "treasury", "justice", "labour",
    "education", "energy", "transport", "transportation", "environment", "agriculture", "economy", "economic",
    "culture", "sport", "housing", "commerce", "industry", "communication", "information", "tourism",
    "immigration", "planning", "water", "fire", "police", "safety", "security", "intelligence", "army", "navy",
    "air", "naval", "marine", "military", "budget", "tax", "revenue", "welfare", "family", "women", "youth",
    "science", "technology", "digital", "telecommunication", "infrastructure", "public", "work", "mining", "oil",
    "fishery", "forestry", "land", "urban", "rural", "regional", "local", "state", "federal", "national", "house",
    "senate", "assembly", "parliament", "city", "county", "district", "attorney", "prosecution", "defence",
    "financial", "operating", "marketing", "legal", "medical", "prison", "court", "supreme", "appeal", "high",
    "affairs", "development", "cooperation", "veteran", "emergency", "disaster", "relief", "election", "electoral",
    "central", "monetary", "bank", "stock", "exchange", "highway", "patrol", "traffic", "border", "customs",
}
# heads that name one post among rivals: two different heads of one family cannot both be right
HEAD_FAMILIES = [
    {"private", "corporal", "sergeant", "lieutenant", "captain", "major", "colonel", "general", "admiral",
     "commander", "brigadier", "marshal", "commodore"},
    {"president", "minister", "secretary", "governor", "mayor", "senator", "representative", "premier",
     "chancellor", "commissioner", "ambassador", "speaker", "councillor", "king", "queen", "prince"},
    {"ceo", "coo", "cfo", "cto", "chair", "treasurer"},
    {"judge", "prosecutor", "clerk", "juror"},
]
# heads too general to conflict with a specific title ("lawmaker" and "Senator")
GENERIC_HEADS = {"lawmaker", "legislator", "official", "leader", "politician", "member", "figure", "head", "chief",
                 "boss", "spokesperson", "executive", "officer", "aide", "adviser", "advisor",
                 "candidate", "veteran", "colleague", "counterpart", "envoy", "diplomat"}
_ROLE_STOP = {"the", "a", "an", "and", "for", "to", "s", "his", "her", "their", "its", "of", "in", "at", "on"}


def role_parts(role: str) -> tuple[frozenset[str], str, frozenset[str]]:
    """(rank words, head word, other qualifiers) of a title, with case, hyphens, abbreviations normalised.

    "US Vice-President" -> ({vice}, president, {us}); "Minister of Labour" -> ((), minister, {labour});
    "Sen." -> ((), senator, ()); "CEO" -> ((), officer, {chief, executive}).
    """
    text = role.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\S+(?:'s|s')(?=\s|$)", " ", text)  # "Calvera's", "the magazine's": affiliation
    text = re.sub(r"[-–/.,()\"']", " ", text)
    text = " ".join(text.split())
    for phrase, full in _ROLE_PHRASES.items():
        text = re.sub(rf"\b{phrase}\b", full, text)
    words = [w for w in (_ROLE_WORDS.get(w, w) for w in text.split()) if w]
    text = " ".join(words)
    words = text.split()
    for joint in (" of ", " at ", " for ", " with "):  # "minister of labour" -> "labour minister"
        if joint in f" {text} ":
            head, _, tail = text.partition(joint)
            if head and tail:
                words = tail.split() + head.split()
                break
    words = [w for w in words if w not in _ROLE_STOP]
    if not words:
        return frozenset(), "", frozenset()
    head = words[-1]
    rank = frozenset("acting" if w == "interim" else w for w in words[:-1] if w in RANK_WORDS
                     and not (w in {"majority", "minority"} and head not in {"leader", "whip"}))
    rest = frozenset(singular_word(w) for w in words[:-1] if singular_word(w) in PORTFOLIOS)
    return rank, head, rest


def tenure_only(a: str, b: str) -> bool:
    """Whether two titles differ only in tenure: the same office, one of them "former" ("Mayor" /
    "former Mayor"). Both are right, at different times; which is wrong depends on when each was written."""
    rank_a, head_a, rest_a = role_parts(a)
    rank_b, head_b, rest_b = role_parts(b)
    return bool(head_a) and head_a == head_b and rank_a ^ rank_b == {"former"} and (
        rest_a <= rest_b or rest_b <= rest_a)


def singular_word(word: str) -> str:
    """ "prisons" -> "prison", "affairs" kept: enough to compare portfolio words."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "affairs")) else word


def roles_compatible(a: str, b: str) -> bool:
    """Whether two titles can both be right for one person.

    The same office written differently (case, hyphens, Sen./Senator), or one a more specific form of
    the other (Speaker / House Speaker, President / French President), or one a general description
    (lawmaker / Senator). A different rank (Deputy Minister / Minister, President / Former President,
    Colonel / Lieutenant Colonel) or a different office (Health / Trade Minister, Colonel / General)
    is not.
    """
    rank_a, head_a, rest_a = role_parts(a)
    rank_b, head_b, rest_b = role_parts(b)
    if not head_a or not head_b:
        return True
    if head_a != head_b:  # "spokesman" and "Lieutenant Commander", "CEO" and "co-founder": both may hold
        if head_a in GENERIC_HEADS or head_b in GENERIC_HEADS:
            return True
        return not any(head_a in family and head_b in family for family in HEAD_FAMILIES)
    if rank_a != rank_b:
        return False
    return rest_a <= rest_b or rest_b <= rest_a
