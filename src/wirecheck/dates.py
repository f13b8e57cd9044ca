"""Dates and times: one reader of the ISO-8601 strings records carry, and the month and weekday names.

Records carry ``published`` as ISO-8601, with or without a time and zone ("2026-11-14",
"2026-11-14T15:20:00+00:00", "...Z"): ingest normalises every date it reads to that form.
"""

from __future__ import annotations

from datetime import datetime, timezone

from dateutil.parser import isoparse

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
#: month abbreviations news writes ("Sept" too); "may" is its own abbreviation
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
#: lower-case month name or abbreviation -> month number (1-12)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | MONTH_ABBREVIATIONS
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO-8601 date or datetime as an aware datetime (UTC assumed when no zone is given), or None.

    Read with dateutil's ``isoparse``; when the whole string is not ISO-8601, its first ten characters
    are read as a date ("2026-11-14T..." with a malformed time gives that day). Absent or unreadable
    values give None.
    """
    if not value:
        return None
    text = value.strip()
    for candidate in (text, text[:10]):
        try:
            dt = isoparse(candidate)
        except (ValueError, OverflowError):
            continue
        offset = dt.utcoffset()
        return dt.replace(tzinfo=timezone.utc if offset is None else timezone(offset))
    return None


def timestamp(value: str | None) -> float | None:
    """Seconds since the epoch for an ISO date or datetime, or None when absent or unreadable."""
    dt = parse_datetime(value)
    return None if dt is None else dt.timestamp()
