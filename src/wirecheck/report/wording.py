"""Plain-language wording shared by every rendering."""

from __future__ import annotations

from typing import Any

BOUND_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
               "at_most": "at most ", "less_than": "less than "}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def figure(q: Any, with_noun: bool = True) -> str:
    """A quantity (record or contract dict) in words: ``more than 200 drones``, ``10–20 people``."""
    if not q:
        return ""
    get = q.get if isinstance(q, dict) else lambda k, d=None: getattr(q, k, d)
    value = _num(get("value"))
    if get("high") is not None:
        value = f"{value}–{_num(get('high'))}"
    unit = f" {get('unit')}" if get("unit") and get("type") != "count" else ""
    noun = f" {get('noun')}" if with_noun and get("noun") else ""
    return f"{BOUND_WORDS.get(get('bound'), '')}{value}{unit}{noun}".strip()
