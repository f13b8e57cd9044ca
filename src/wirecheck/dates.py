"""Publication times: one reader of the ISO-8601 strings records carry."""

from __future__ import annotations

from datetime import datetime, timezone


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware datetime (UTC assumed when no zone is given), or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        try:
            dt = datetime.fromisoformat(text[:10])
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def timestamp(value: str | None) -> float | None:
    """Seconds since the epoch for an ISO date or datetime, or None when absent or unreadable."""
    dt = parse_datetime(value)
    return None if dt is None else dt.timestamp()
