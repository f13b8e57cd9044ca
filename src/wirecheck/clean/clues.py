"""Provenance clues: datelines, wire credits, "originally appeared in", photo credits, bylines.

Clues are read from the kept text (the dateline and inline wire credits stay
in the article) and from the furniture that was removed (standalone credit
lines, captions, bylines), and returned as a :class:`~wirecheck.records.Clues`.
"""

from __future__ import annotations

import re

from ..dates import MONTHS
from ..records import Clues, Removed

#: Wire agencies by the spellings used in credits -> canonical name.
AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "upi": "UPI", "dpa": "dpa", "bloomberg": "Bloomberg", "xinhua": "Xinhua",
    "anadolu": "Anadolu", "efe": "EFE", "ansa": "ANSA", "pa media": "PA Media",
}
#: A regex group matching any spelling in :data:`AGENCIES`, longest first (use with ``re.I``).
AGENCY_PATTERN = "(?:" + "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True)) + ")"

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+[A-Z][\w.'’\- ]{1,40}?){0,2})\s*"
    r"(?:\((?P<agency>[^()]{2,30})\))?\s*(?P<dash>[-–—]{1,2}|:)\s+"
)
_INLINE_AGENCY = re.compile(rf"\((?P<agency>{AGENCY_PATTERN})\)", re.I)
_TRAILING_AGENCY = re.compile(rf"(?:^|\s)[-–—]+\s*(?P<agency>{AGENCY_PATTERN})\.?$", re.I)
_STANDALONE_AGENCY = re.compile(
    rf"^(?:[-–—]*\s*|.*(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?)(?P<agency>{AGENCY_PATTERN})\b", re.I)
_ORIGINALLY = re.compile(
    r"originally\s+(?:appeared|published|posted|ran)\s+(?:in|on|at|by)\s+(?P<where>.+?)[.\s]*$", re.I)
_FIRST_APPEARED = re.compile(
    r"first\s+(?:appeared|published|posted|ran)\s+(?:in|on|at|by)\s+(?P<where>.+?)[.\s]*$", re.I)
_BRACKET_CREDIT = re.compile(r"\(([^()]{2,120})\)\s*\.?$")
_LABEL_CREDIT = re.compile(r"^\(?\s*(?:photo|image|picture|photograph|video|graphic|credit|"
                           r"pictured|illustration)s?(?:\s+credit)?\s*[:|]\s*(.+?)\)?$", re.I)
_BYLINE_TAIL = re.compile(r"\s*[|·•]\s*")
_BYLINE = re.compile(r"^(?:by|written by|words by|posted by|story by)\s+(.+)$", re.I)


_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
)


def date_in(text: str) -> str | None:
    """A date written in a byline ("November 14, 2026", "14 Nov 2026", "2026-11-14") as an ISO date, or None."""
    from datetime import date

    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else MONTHS[groups["month"][:3].lower()]
        try:
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            continue
    return None


def canonical_agency(name: str) -> str:
    """The canonical wire-agency name for a credit spelling ("Associated Press" -> "AP")."""
    return AGENCIES.get(name.strip().lower(), name.strip())


def find_dateline(paragraph: str) -> re.Match[str] | None:
    """The dateline at the start of a paragraph ("LAGOS, Nigeria (AP) —"), if any."""
    return DATELINE.match(paragraph)


def extract_clues(kept: list[str], removed: list[Removed], byline: str | None = None) -> Clues:
    """Collect provenance clues from kept paragraphs and removed furniture."""
    clues = Clues(byline=byline)
    credits: list[str] = []

    def add_credit(name: str) -> None:
        agency = canonical_agency(name)
        if agency not in credits:
            credits.append(agency)

    for para in kept[:3]:
        match = find_dateline(para)
        if match:
            clues.dateline = match.group(0).strip()
            if match.group("agency"):
                add_credit(match.group("agency"))
            break
    for para in kept[:3]:
        for inline in _INLINE_AGENCY.finditer(para):
            add_credit(inline.group("agency"))
    if kept:
        m = _TRAILING_AGENCY.search(kept[-1])
        if m:
            add_credit(m.group("agency"))
    for item in removed:
        first = item.text.split("\n", 1)[0].strip()
        if item.kind == "credit":
            m = _ORIGINALLY.search(first) or _FIRST_APPEARED.search(first)
            if m and clues.originally_appeared is None:
                clues.originally_appeared = m.group("where").strip()
                continue
            m = _STANDALONE_AGENCY.match(first)
            if m:
                add_credit(m.group("agency"))
                continue
        if item.kind in ("credit", "caption"):
            m = _BRACKET_CREDIT.search(first) or _LABEL_CREDIT.match(first)
            if m:
                clues.photo_credits.append(m.group(1).strip())
            elif item.kind == "credit" and not re.match(r"(?i)(?:additional )?(?:reporting|"
                                                        r"writing|editing|©|copyright)", first):
                clues.photo_credits.append(first.strip("() "))
        elif item.kind == "byline" and clues.byline is None:
            m = _BYLINE.match(first)
            clues.byline = (m.group(1) if m else first).strip()
    clues.wire_credits = credits
    if clues.byline:
        clues.byline = _BYLINE_TAIL.split(clues.byline, 1)[0].strip(" ,") or None
    return clues
