"""Plain-language wording shared by every rendering."""

from __future__ import annotations

import re
from typing import Any, Callable

from .text import url_host

BOUND_WORDS = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
               "at_most": "at most ", "nearly": "nearly ", "less_than": "less than "}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _num(value: float) -> str:
    """``1,200``, ``8.5 million``, ``0.3``: how a reporter would write the figure."""
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure(q: Any, with_noun: bool = True) -> str:
    """A quantity (record or contract dict) in words: ``more than 200 drones``, ``$8.5 million``."""
    if not q:
        return ""
    get: Callable[..., Any] = q.get if isinstance(q, dict) else lambda k, d=None: getattr(q, k, d)
    value, high, unit, noun, kind = get("value"), get("high"), get("unit") or "", get("noun") or "", get("type")
    if unit == "fraction":  # "a third of the farmland" reads as a share
        value, high, unit, kind = value * 100, (high * 100 if high is not None else None), "%", "percent"
    number = _num(value) + (f"–{_num(high)}" if high is not None else "")
    if kind == "age":
        text = f"aged {number}"
    elif kind == "percent":
        text = f"{number}%" + (f" {noun}" if with_noun and noun and noun != "percentage" else "")
    elif kind == "money":
        currency, _, per = unit.partition("/")
        sign = CURRENCY_SIGNS.get(currency)
        text = f"{sign}{number}" if sign else f"{number} {currency}".strip()
        text += f" a {per}" if per else ""
    elif kind == "measure" and unit:
        text = f"{number} {noun if noun and with_noun else unit}"
    else:
        text = f"{number} {noun}" if with_noun and noun else number
    return f"{BOUND_WORDS.get(get('bound'), '')}{text}".strip()


def written(text: str, q: Any) -> str:
    """A figure as the outlet wrote it ("more than 650 drones"), else as :func:`figure` words it."""
    if not q:
        return ""
    get: Callable[..., Any] = q.get if isinstance(q, dict) else lambda k, d=None: getattr(q, k, d)
    start, end = get("start") or 0, get("end") or 0
    shown = " ".join(text[start:end].split()) if text and end > start else ""
    return shown or figure(q)


def source_label(outlet: str | None, url: str | None, source: str | None) -> str:
    """How an article is named for people: its outlet, else its URL's host, else its file name."""
    if outlet:
        return outlet
    host = url_host(url)
    if host:
        return host
    if source:
        path, _, record = source.partition("#")
        name = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path
        return f"{name}#{record}" if record else name
    return "unknown outlet"


KEY_FACTS = 12  # fact rows shown before the rest are folded away (report.json keeps every row)


def claim_words(c: dict[str, Any]) -> str:
    """A claim as a reader sees it: its clause, the figure as each outlet wrote it, or the quote."""
    if c.get("quote"):
        words = c.get("label") or c["quote"]["text"]  # the label drops the comma that joins it to its speaker
        words = words if len(words) <= 160 else words[:157].rsplit(" ", 1)[0] + "…"
        return f"“{words}” — {c['quote']['speaker'] or 'unnamed'}"
    label = c.get("label") or c["text"]
    values = c.get("values") or []
    figures = len(_FIGURE_WORDS.findall(label))
    if len(values) > 1 or (values and figures > 1):  # say which figure of the clause the row is about
        return f"{label} ({' / '.join(values)})"
    return label


_FIGURE_WORDS = re.compile(r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                     r"hundreds?|thousands?|millions?)\b", re.I)
