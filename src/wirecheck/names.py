"""Matching person and organisation names across articles.

Outlets write "Amara Bello", "Ms Bello" and "Bello"; these helpers decide
when two names refer to one person and pick the canonical (longest) form.
"""

from __future__ import annotations

import re
from typing import Iterable

_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_POSSESSIVE = re.compile(r"^(?:[\w.-]+ ){0,2}[\w.-]+(?:'s|s')\s+")  # "the bloc's ", "Calvera's "
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx"}


def name_tokens(name: str) -> list[str]:
    """Lowercased tokens of a name without honorifics or possessive endings."""
    tokens = []
    for t in _TOKEN.findall(name.lower()):
        t = re.sub(r"['’]s$", "", t).strip("'’")
        if t and t.rstrip(".") not in _HONORIFICS:
            tokens.append(t)
    return tokens


def same_person(a: str, b: str) -> bool:
    """Whether two names plausibly name one person: same surname, and given names compatible."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return all(t in longer for t in shorter)


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the longest name it plausibly refers to."""
    unique = sorted(set(n for n in names if n and n.strip()), key=lambda n: (-len(name_tokens(n)), -len(n), n))
    canon: dict[str, str] = {}
    for name in unique:
        for head in unique:
            if len(name_tokens(head)) < len(name_tokens(name)):
                break
            if head == name or same_person(name, head):
                canon[name] = canon.get(head, head)
                break
    return canon


def normalise_role(role: str) -> str:
    """A role compared without case, spacing, quote style, a leading article or possessive.

    "Calvera’s Trade Minister", "the trade minister" and "Trade Minister" compare
    equal; "Health Minister" and "Deputy Health Minister" do not.
    """
    text = re.sub(r"\s+", " ", role.strip().lower().replace("’", "'"))
    text = re.sub(r"^(the|a|an)\s+", "", text)
    return _POSSESSIVE.sub("", text)
