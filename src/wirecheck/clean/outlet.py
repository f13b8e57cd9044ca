"""The outlet of a page that names none, read from the site's own furniture.

A text dump (or a record without an ``outlet`` field) usually still says
where it was copied from: sites name themselves in their share prompts
("Share this @riversidepost.example"), link-list headings ("More from Global
Trade Digest"), newsletter prompts ("... Morvania Today's top stories in your
inbox"), bylines ("By Jane Roe | The Daily Meridian"), copyright lines
("© 2026 Harlow Herald") and page titles ("Headline | Harlow Herald").

Provenance clues of the *original* are never taken as the page's outlet:
wire agencies (a "Copyright 2026 The Associated Press" line, "By The
Associated Press"), the publication an article "originally appeared in", and
the names near an aggregator's "Source link" / "Related Sources" (they name
the source, not the page). A copyright line counts only on content that is
not syndicated (no wire credit, no "originally appeared"), since on a copy it
names the owner of the copied text.

Names beat bare domains; a name that spells a domain seen on the page
("Riverside Post" for ``riversidepost.example``) beats both. When only a
domain is known, the domain itself is the outlet, as a URL's host is the
publisher in :func:`wirecheck.clean.normalise.publisher_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Clues, Removed
from ..text import url_host
from .clues import AGENCY_PATTERN, date_in

_AGENCY_NAME = re.compile(rf"(?:the\s+)?{AGENCY_PATTERN}(?:\s+(?:news|photos?|wire|newswire|"
                          r"staff|writers?|reporters?))?", re.I)
_WORD = r"[A-Z0-9][\w&.'’-]*"
_NAME = rf"(?:The\s+)?{_WORD}(?:\s+(?:{_WORD}|of|and|&|de|du|la|el|on-\w+)){{0,5}}"
_SECTIONS = frozenset("""world europe africa asia americas news business sport sports politics
opinion home local national international culture science tech technology health weather
entertainment lifestyle travel video videos photos economy markets us uk partners""".split()) | {
    "the author", "this author", "our partners", "around the web", "the web", "this section",
    "this category", "this topic", "our archive", "the archive", "our sponsors", "this site"}
_NOT_FIRST = frozenset("our this your my their its newsletter newsletters updates email alerts "
                       "breaking latest top daily weekly".split())
_ROLE = re.compile(r"(?i)\b(?:staff|writer|correspondent|reporter|editor|contributor|columnist|"
                   r"analyst|producer|photographer|bureau|desk|chief)\b")
_CORP_SUFFIX = re.compile(r"(?i)[\s,]+(?:inc|ltd|llc|plc|gmbh|s\.?a|limited|corp|corporation|"
                          r"company|co)\.?$")

_MORE_FROM = re.compile(r"(?i)(?:more|latest|the latest)(?:\s+(?:stories|news|articles|"
                        rf"headlines))?\s+from\s+(?P<name>(?-i:{_NAME}))[\s:.!»›>]*$")
_POSSESSIVE = re.compile(rf"(?P<name>{_NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:stories|headlines|"
                         r"news|newsletters?|journalism|coverage|briefing|reporting|digest|"
                         r"updates|app|edition)\b")
_SUBSCRIBE_TO = re.compile(rf"(?i:subscribe|sign up|register)\s+(?i:to|for|with)\s+(?P<name>{_NAME})")
_COPYRIGHT = re.compile(r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
                        r"(?P<name>.+?)[\s.,]*(?:all rights reserved.*)?$")
_TITLE_SUFFIX = re.compile(r"^(?P<head>.{10,}?)\s+\|\s+(?P<name>[^|]{2,60})$")
_HANDLE = re.compile(r"@(?P<h>[A-Za-z0-9][\w-]*(?:\.[A-Za-z0-9-]+)*)")
_URL = re.compile(r"https?://(?P<h>[A-Za-z0-9.-]+)")
_DOMAIN = re.compile(r"(?i)(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_BYLINE_SPLIT = re.compile(r"\s*[|·•]\s*")
_NOT_OUTLET_TAIL = re.compile(r"(?i)^(?:in|updated|published|posted)\b|^\d|\b(?:min(?:ute)?s?|"
                              r"read|ago|hours?)\b")
_PHRASE = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|of|and|&)){{0,5}}")
_HOST_SKIP = frozenset("www m amp edition news co com org net gov ac".split())


@dataclass(frozen=True, slots=True)
class OutletClue:
    """One self-naming clue: the outlet ``name`` (or a host), the kind of clue and its line.

    ``domain`` clues carry a host or handle; ``fallback`` says whether the
    host may stand as the outlet when no name spelling it is found.
    """

    name: str
    how: str
    evidence: str
    domain: bool = False
    fallback: bool = True

    @property
    def outlet_from(self) -> str:
        """The explanation stored in :attr:`Clues.outlet_from`."""
        return f"{self.how}: {self.evidence}"


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,:;|-–—\"'“”‘’()[]")
    return _CORP_SUFFIX.sub("", name).strip(" .,")


def _plausible(name: str, clues: Clues) -> bool:
    """A name that can be an outlet: short, capitalised, not a section, agency, origin or author."""
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60 or not (name[0].isupper() or name[0].isdigit()):
        return False
    folded = name.casefold()
    if folded in _SECTIONS or words[0].casefold() in _NOT_FIRST or "newsletter" in folded:
        return False
    if _AGENCY_NAME.fullmatch(name) or date_in(name):
        return False
    for other in (clues.originally_appeared, clues.byline):
        if other and (_key(other) in _key(name) or _key(name) in _key(other)):
            return False
    return True


def _first_line(item: Removed) -> str:
    return item.text.split("\n", 1)[0].strip()


def _evidence(line: str) -> str:
    return line if len(line) <= 120 else line[:117] + "..."


def outlet_clues(title: str | None, removed: list[Removed], clues: Clues,
                 url: str | None = None) -> list[OutletClue]:
    """Every self-naming clue on the page, most reliable kind first."""
    names: list[OutletClue] = []
    domains: list[OutletClue] = []

    def add_name(raw: str, how: str, line: str) -> None:
        name = _tidy(raw)
        if _DOMAIN.fullmatch(name):
            domains.append(OutletClue(name.lower().removeprefix("www."), how, _evidence(line), True))
        elif name and _plausible(name, clues):
            names.append(OutletClue(name, how, _evidence(line)))

    for item in removed:  # "By Jane Roe | The Daily Meridian"
        if item.kind == "byline":
            line = _first_line(item)
            for part in _BYLINE_SPLIT.split(line)[1:]:
                if not (date_in(part) or _ROLE.search(part) or _NOT_OUTLET_TAIL.search(part)):
                    add_name(part, "byline", line)
    for item in removed:  # "More from Global Trade Digest"
        if item.kind == "related":
            m = _MORE_FROM.match(_first_line(item))
            if m:
                add_name(m.group("name"), "related heading", _first_line(item))
    for item in removed:  # "... Morvania Today's top stories", "Subscribe to The Herald"
        if item.kind in ("newsletter", "advertisement", "share", "navigation", "other"):
            for line in item.text.split("\n"):
                for pattern in (_POSSESSIVE, _SUBSCRIBE_TO):
                    for m in pattern.finditer(line):
                        add_name(m.group("name"), f"{item.kind} prompt", line)
    for item in removed:  # "Share this @riversidepost.example", "https://site.example/..."
        if item.kind in ("share", "navigation", "newsletter", "comments", "other"):
            for line in item.text.split("\n"):
                for m in _HANDLE.finditer(line):
                    host = m.group("h").rstrip(".").lower()
                    dotted = "." in host
                    domains.append(OutletClue(host.removeprefix("www.") if dotted else host,
                                              "share handle", _evidence(line), True, dotted))
                for m in _URL.finditer(line):
                    domains.append(OutletClue(m.group("h").lower().removeprefix("www."),
                                              "share link", _evidence(line), True))
    if not clues.wire_credits and not clues.originally_appeared:
        for item in removed:  # "© 2026 Harlow Herald. All rights reserved." on own content
            if item.kind == "credit":
                m = _COPYRIGHT.match(_first_line(item))
                if m and re.match(r"(?i)©|\(c\)|copyright", _first_line(item)):
                    add_name(m.group("name"), "copyright", _first_line(item))
    if title:
        m = _TITLE_SUFFIX.match(title)
        if m and len(m.group("name").split()) <= 5:
            add_name(m.group("name"), "title suffix", title)
    if url:
        host = url_host(url)
        if host:
            domains.append(OutletClue(host, "url host", _evidence(url), True))
    return names + domains


def _labels(host: str) -> list[str]:
    parts = host.split(".")
    labels = parts[:-1] if len(parts) > 1 else parts
    return [_key(p) for p in labels if p and p not in _HOST_SKIP and len(_key(p)) >= 3]


def _spells(name: str, host: str) -> bool:
    """Whether ``name`` spells a label of ``host`` (with or without "The", or as initials)."""
    key = _key(name)
    bare = _key(re.sub(r"(?i)^the\s+", "", name))
    initials = _key("".join(w[0] for w in re.sub(r"(?i)^the\s+", "", name).split() if w[0].isalnum()))
    return any(label in (key, bare) or (len(label) >= 3 and label == initials)
               for label in _labels(host))


def _spelled_in(host: str, texts: list[str]) -> str | None:
    """A capitalised phrase in ``texts`` that spells ``host`` ("Riverside Post" for riversidepost.x)."""
    for text in texts:
        for m in _PHRASE.finditer(text):
            words = m.group(0).split()
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    phrase = " ".join(words[i:j])
                    if phrase[0].isupper() and _spells(phrase, host) and len(_key(phrase)) >= 4:
                        return _tidy(phrase)
    return None


def find_outlet(title: str | None, kept: list[str], removed: list[Removed], clues: Clues,
                url: str | None = None) -> OutletClue | None:
    """The page's own outlet from its furniture, or ``None`` when nothing names it.

    A name that spells a domain on the page wins, then a phrase of the page
    spelling that domain, then the most reliable name, then the bare domain.
    """
    found = outlet_clues(title, removed, clues, url)
    names = [c for c in found if not c.domain]
    domains = [c for c in found if c.domain]
    for domain in domains:
        for name in names:
            if _spells(name.name, domain.name):
                return OutletClue(name.name, f"{name.how} and {domain.how}",
                                  _evidence(f"{name.evidence} / {domain.evidence}"))
    texts = ([title] if title else []) + kept + [r.text for r in removed
                                                 if r.kind not in ("credit", "source_link",
                                                                   "related_sources")]
    for domain in domains:
        phrase = _spelled_in(domain.name, texts)
        if phrase and _plausible(phrase, clues):
            return OutletClue(phrase, f"{domain.how} spelt out", domain.evidence)
    if names:
        return names[0]
    return next((d for d in domains if d.fallback), None)
