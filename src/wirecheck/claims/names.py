"""Names of people and their titles: one article's names, and names and titles compared across articles.

Outlets write "Amara Bello", "Ms Bello" and "Bello". Within one article, :func:`person_names` maps each
PERSON mention to the longest PERSON name of that article sharing its words, and :func:`normalise` gives a
source or speaker name its canonical form there. Across articles, :func:`same_person` decides when two
names refer to one person (honorifics and titles set aside, given names compatible) and
:func:`canonical_names` maps each name to the longest one it plausibly refers to. The two "longest
forms" differ on purpose: inside one article a name shares the article's spelling, so word containment is
enough; across outlets spellings and titles vary ("Vincent Del Giudice", "Sen. Mark Delaney").
:func:`role_parts` and :func:`roles_compatible` compare titles ("Deputy Minister" / "Minister").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..text import TITLE_ABBREVIATIONS, TITLE_STOP_WORDS, singular
from .docs import doc_text, entities, span_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

TITLE_WORDS = {
    "president", "minister", "secretary", "envoy", "chief", "ceo", "spokesman", "spokeswoman", "spokesperson",
    "director", "chairman", "chairwoman", "chair", "leader", "governor", "mayor", "senator", "general",
    "commander", "ambassador", "judge", "officer", "head", "king", "queen", "prince", "princess", "pope",
    "professor", "dr", "analyst", "adviser", "advisor", "economist", "official", "representative",
    "coach", "manager", "captain", "founder", "executive", "correspondent", "editor", "reporter",
    "lawyer", "attorney", "prosecutor", "deputy", "chancellor", "premier", "commissioner", "secretary-general",
    "candidate", "nominee", "speaker", "lawmaker", "congressman", "congresswoman", "mp", "sheriff", "colonel",
    "lieutenant", "sergeant", "admiral", "marshal", "emir", "sultan", "ayatollah", "cardinal", "bishop",
    "archbishop", "rabbi", "imam", "owner", "partner", "researcher", "scientist", "strategist", "aide",
    "councillor", "councilman", "councilwoman", "vice", "former", "acting", "interim", "cfo", "coo", "cto",
    "rep", "sen", "gov", "inspector", "superintendent", "detective",
    "corporal", "brigadier", "trustee", "principal", "dean", "provost", "whip",
    "magistrate", "constable", "warden", "assemblyman", "assemblywoman", "alderman",
    "chairperson", "president-elect", "chief-executive", "boss", "justice", "mufti", "delegate", "negotiator",
} | TITLE_ABBREVIATIONS


def person_names(doc: "Doc") -> dict[str, str]:
    """Map every PERSON mention's text to the longest PERSON name in the article with its last word that
    holds all its words; to itself when two such names differ ("Cheney" with Liz and Dick Cheney)."""
    names = [e.text.strip() for e in entities(doc) if e.label_ == "PERSON"]
    names = [n[:-2] if n.endswith("'s") or n.endswith("’s") else n for n in names]
    canon: dict[str, str] = {}
    by_last: dict[str, list[str]] = {}
    for n in sorted(set(names), key=lambda n: (-len(n), n)):  # ties by spelling, not by set order (hash-seeded)
        words = n.lower().split()
        if not words:
            continue
        fulls = [f for f in by_last.get(words[-1], []) if all(w in f.lower().split() for w in words)]
        canon[n] = fulls[0] if len(fulls) == 1 else n  # "Cheney" with Liz and Dick Cheney named stays "Cheney"
        if not fulls:
            by_last.setdefault(words[-1], []).append(n)
    return canon


def normalise(name: str | None, canon: dict[str, str]) -> str | None:
    """The canonical form of a source or speaker name (its longest form in the article)."""
    if not name:
        return None
    clean = name.split(",")[0].strip().strip("“”\"',.")  # "Jane Doe, the minister," -> "Jane Doe"
    if clean.lower().startswith("the "):
        clean = clean[4:]
    for suffix in ("'s", "’s"):
        if clean.endswith(suffix):
            clean = clean[: -len(suffix)]
    if clean in canon:
        return canon[clean]
    words = clean.lower().split()
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0].rstrip(".") in TITLE_WORDS):
        words = words[1:]  # "Mayor Petra Halvorsen" is Petra Halvorsen
        clean = clean.split(None, 1)[1]
    if clean in canon:
        return canon[clean]
    if words:
        fulls = {full for n, full in canon.items() if n.split() and n.split()[-1].lower() == words[-1]
                 and all(w in full.lower().split() for w in words)}
        if len(fulls) == 1:
            return fulls.pop()
    return clean


def source_name(doc: "Doc", start: int, end: int, canon: dict[str, str]) -> str | None:
    """The name of an attribution source span: the person it names (canonical form), else its head phrase.

    "Jane Doe, the attorney general of the state," -> "Jane Doe";
    "the World Health Organization" -> "World Health Organization".
    """
    text = doc_text(doc)[start:end]
    head_end = start + len(text.split(",")[0])
    span = doc.char_span(start, head_end, alignment_mode="expand")
    if span is not None:
        for ent in span_entities(span):
            if ent.label_ == "PERSON":
                return normalise(ent.text, canon)
    return normalise(doc_text(doc)[start:head_end], {}) or None


# ---------------------------------------------------------------- across articles

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
    "chief technology officer": "cto", "chief executive": "ceo", "pm": "prime minister", "vp": "vice president",
    "ag": "attorney general",
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
    words = [w for w in words if w not in TITLE_STOP_WORDS]
    if not words:
        return frozenset(), "", frozenset()
    head = words[-1]
    rank = frozenset("acting" if w == "interim" else w for w in words[:-1] if w in RANK_WORDS
                     and not (w in {"majority", "minority"} and head not in {"leader", "whip"}))
    singulars = (singular(w, longer_than=4, ies=False, invariant=("affairs",)) for w in words[:-1])  # "affairs" kept
    rest = frozenset(w for w in singulars if w in PORTFOLIOS)
    return rank, head, rest


def tenure_only(a: str, b: str) -> bool:
    """Whether two titles differ only in tenure: the same office, one of them "former" ("Mayor" /
    "former Mayor"). Both are right, at different times; which is wrong depends on when each was written."""
    rank_a, head_a, rest_a = role_parts(a)
    rank_b, head_b, rest_b = role_parts(b)
    return bool(head_a) and head_a == head_b and rank_a ^ rank_b == {"former"} and (
        rest_a <= rest_b or rest_b <= rest_a)


def roles_compatible(a: str, b: str) -> bool:
    """Whether two titles can both be right for one person.

    The same office written differently (case, hyphens, Sen./Senator), or one a more specific form of
    the other (Speaker / House Speaker, President / French President), or one a general description
    (lawmaker / Senator), or one saying the holder is acting (interim FBI director / FBI director). A
    different rank (Deputy Minister / Minister, President / Former President, Colonel / Lieutenant
    Colonel) or a different office (Health / Trade Minister, Colonel / General) is not.
    """
    rank_a, head_a, rest_a = role_parts(a)
    rank_b, head_b, rest_b = role_parts(b)
    if not head_a or not head_b:
        return True
    if head_a != head_b:  # "spokesman" and "Lieutenant Commander", "CEO" and "co-founder": both may hold
        if head_a in GENERIC_HEADS or head_b in GENERIC_HEADS:
            return True
        return not any(head_a in family and head_b in family for family in HEAD_FAMILIES)
    if rank_a - {"acting"} != rank_b - {"acting"}:
        return False  # an acting holder is often called by the office alone ("interim FBI director" / "FBI director")
    return rest_a <= rest_b or rest_b <= rest_a
