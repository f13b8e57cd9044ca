"""Person names in one article, normalised to the longest form used ("Lopez" -> "Maria Lopez")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .docs import entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

TITLE_WORDS = {
    "president", "minister", "secretary", "envoy", "chief", "ceo", "spokesman", "spokeswoman", "spokesperson",
    "director", "chairman", "chairwoman", "chair", "leader", "governor", "mayor", "senator", "sen.", "general",
    "gen.", "commander", "ambassador", "judge", "officer", "head", "king", "queen", "prince", "princess", "pope",
    "professor", "prof.", "dr", "dr.", "analyst", "adviser", "advisor", "economist", "official", "representative",
    "rep.", "gov.", "coach", "manager", "captain", "founder", "executive", "correspondent", "editor", "reporter",
    "lawyer", "attorney", "prosecutor", "deputy", "chancellor", "premier", "commissioner", "secretary-general",
    "candidate", "nominee", "speaker", "lawmaker", "congressman", "congresswoman", "mp", "sheriff", "colonel",
    "lieutenant", "sergeant", "admiral", "marshal", "emir", "sultan", "ayatollah", "cardinal", "bishop",
    "archbishop", "rabbi", "imam", "owner", "partner", "researcher", "scientist", "strategist", "aide",
    "councillor", "councilman", "councilwoman", "vice", "former", "acting", "interim", "cfo", "coo", "cto",
    "col.", "lt.", "sgt.", "capt.", "maj.", "cmdr.", "adm.", "det.", "insp.", "supt.", "atty.", "amb.", "pres.",
    "sec.", "dep.", "asst.", "brig.", "cpl.", "rep", "sen", "gov", "inspector", "superintendent", "detective",
    "corporal", "brigadier", "trustee", "principal", "dean", "provost", "whip",
    "magistrate", "constable", "warden", "assemblyman", "assemblywoman", "alderman",
    "chairperson", "president-elect", "chief-executive", "boss", "justice", "mufti", "delegate", "negotiator",
}


def person_names(doc: "Doc") -> dict[str, str]:
    """Map every PERSON mention's text to the longest PERSON name in the article sharing its last word."""
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
    text = doc.text[start:end]
    head_end = start + len(text.split(",")[0])
    span = doc.char_span(start, head_end, alignment_mode="expand")
    if span is not None:
        for ent in span.ents:
            if ent.label_ == "PERSON":
                return normalise(ent.text, canon)
    return normalise(doc.text[start:head_end], {}) or None
