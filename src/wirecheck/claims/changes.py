"""Changes described by figures: "rose 5%", "down 19 cents", "fell from $90 to $80", "narrowed to 138 from 212".

:func:`mark_changes` sets :attr:`Quantity.change` on the quantities of one span:
``"up"``/``"down"`` for the size of a rise or fall, ``"from"``/``"to"`` for the old
and new level of a change. Each figure stays its own quantity (the pipeline aligns
the new level and the size of a change as separate claims); :func:`change_pairs`
gives the (old, new) pairs for consumers that want one ``from X to Y`` item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UP = {"rise", "climb", "gain", "increase", "jump", "advance", "grow", "surge", "soar", "rally", "add", "raise",
      "boost", "lift", "improve", "spike", "rebound", "recover", "expand", "widen", "accelerate", "hike",
      "double", "triple"}
DOWN = {"fall", "drop", "decline", "decrease", "lose", "slide", "slip", "plunge", "plummet", "tumble", "sink",
        "shed", "dip", "ease", "cut", "lower", "reduce", "narrow", "shrink", "slump", "crash", "retreat", "slow",
        "contract", "trim", "wipe", "halve", "sag", "skid", "dive", "tank", "erode"}
# verbs after which "up"/"down" give the direction of a change ("edged down 0.03%"), not a phrasal verb ("shot down")
MARKET_VERBS = {"close", "end", "finish", "trade", "edge", "open", "tick", "be", "inch", "move", "go", "come"}
RANGE_HEADS = {"range", "vary", "span", "stretch", "run"}
SKIP_TYPES = {"date", "time"}


def _first_token(doc: "Doc", q: Quantity) -> "Token | None":
    span = doc.char_span(q.start, max(q.end, q.start + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _number_token(doc: "Doc", q: Quantity) -> "Token | None":
    span = doc.char_span(q.start, max(q.end, q.start + 1), alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.like_num or any(c.isdigit() for c in t.text)), span[0])


def _direction(verb: "Token") -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in UP:
        return "up"
    if lemma in DOWN:
        return "down"
    return None


def _change_verb(tok: "Token", steps: int = 3) -> "Token | None":
    """The change verb a figure is the object or measure of ("lost 190 points", "rose 0.65 per cent")."""
    node = tok
    for _ in range(steps):
        if node.head.i == node.i:
            return None
        if node.dep_ not in {"nummod", "compound", "quantmod", "dobj", "npadvmod", "obj", "advmod", "nmod"}:
            return None
        node = node.head
        if node.pos_ == "VERB" and _direction(node) and not any(c.dep_ == "prt" for c in node.children):
            return node  # not "cut off 41 villages", "shot down 187 drones"
    return None


def starts_from(doc: "Doc", first_index: int) -> bool:
    """Whether a figure starting at token ``first_index`` is the old level of "from X to Y" (not "range from")."""
    if first_index < 1 or doc[first_index - 1].lower_ != "from":
        return False
    if first_index >= 2 and doc[first_index - 2].lower_ in {"up", "down"}:
        return False  # "to 3.9 million, up from 2.4 million": a comparison with the old level
    head = doc[first_index - 1].head
    return head.lemma_.lower() not in RANGE_HEADS and not (first_index >= 2 and doc[first_index - 2].lower_ == "range")


def mark_changes(doc: "Doc", qs: list[Quantity]) -> None:
    """Set ``change`` on the quantities ``qs`` of ``doc`` (in text order) in place."""
    last: Quantity | None = None
    for q in qs:
        if q.type in SKIP_TYPES:
            continue
        before, last = last, q
        first = _first_token(doc, q)
        num = _number_token(doc, q)
        if first is None or num is None:
            continue
        prev = doc[first.i - 1].lower_ if first.i >= 1 else ""
        if starts_from(doc, first.i):
            q.change = "from"
        elif prev == "to" and (_direction(doc[first.i - 1].head) is not None or (
                before is not None and before.change in {"up", "down"})):
            q.change = "to"  # "rose 6.5% to 164p", "increased by $43.6 billion to $419.2 billion"
        elif prev in {"up", "down"} and doc[first.i - 1].dep_ != "prt" and not (
                doc[first.i - 1].head.pos_ == "VERB" and doc[first.i - 1].head.lemma_ not in MARKET_VERBS) and not (
                first.i >= 2 and doc[first.i - 2].pos_ == "VERB" and doc[first.i - 2].lemma_ not in MARKET_VERBS):
            # ("shot down 187 drones" is a phrasal verb however the parser attaches "down")
            q.change = prev  # "up 19 cents", "down 9.2%"
        elif num.text[:1] in {"+", "-", "−"} and num.text[1:2].isdigit():
            q.change = "up" if num.text[0] == "+" else "down"  # "Dow +0.2%"
        elif prev == "by" and _direction(doc[first.i - 1].head) is not None:
            q.change = _direction(doc[first.i - 1].head)  # "increased by $43.6 billion"
        else:
            verb = _change_verb(num) if q.type != "count" or q.noun == "point" else None
            if verb is not None and not any(c.dep_ == "prep" and c.lower_ == "to" and c.i < num.i <= c.right_edge.i
                                             for c in verb.children):
                q.change = _direction(verb)
    _pair(doc, qs)


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Two figures that can be the two levels of one change: same unit, or a unit written once."""
    if a.high is not None or b.high is not None:
        return False
    if a.unit and b.unit:
        return a.unit.split("/")[0] == b.unit.split("/")[0]  # "from $90 to $80 a barrel"
    if a.unit or b.unit:
        bare = b if a.unit else a
        return bare.type == "count" and not bare.noun
    return not (a.noun and b.noun) or a.noun == b.noun


def _pair(doc: "Doc", qs: list[Quantity]) -> None:
    """Tag the new level of each "from X" ("from X to Y", "to Y from X") and share a unit written once."""
    real = [q for q in qs if q.type not in SKIP_TYPES]
    for n, q in enumerate(real):
        if q.change != "from":
            continue
        for m in (n + 1, n - 1):
            if not 0 <= m < len(real):
                continue
            other = real[m]
            if not _after_to(doc, other) or not _compatible(q, other):
                continue
            other.change = "to"
            src, dst = (q, other) if len(q.unit or "") > len(other.unit or "") else (other, q)
            if src.unit != dst.unit:
                dst.unit, dst.noun, dst.type = src.unit, src.noun, src.type  # "from 12 km to 20"
            break


def _after_to(doc: "Doc", q: Quantity) -> bool:
    """Whether the phrase of ``q`` follows "to" or begins with "up to" ("from 450 sq ft up to 900 sq ft")."""
    first = _first_token(doc, q)
    if first is None:
        return False
    if first.i >= 1 and doc[first.i - 1].lower_ == "to":
        return True
    return first.lower_ == "up" and first.i + 1 < len(doc) and doc[first.i + 1].lower_ == "to"


def change_pairs(qs: list[Quantity]) -> list[tuple[int, int]]:
    """Index pairs (old level, new level) of the "from X to Y" changes in ``qs`` (as marked by :func:`mark_changes`)."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    idx = [i for i, q in enumerate(qs) if q.type not in SKIP_TYPES]
    for n, i in enumerate(idx):
        if qs[i].change != "from":
            continue
        for m in (n + 1, n - 1):
            if (0 <= m < len(idx) and idx[m] not in used and qs[idx[m]].change == "to"
                    and _compatible(qs[i], qs[idx[m]])):
                pairs.append((i, idx[m]))
                used.update({i, idx[m]})
                break
    return pairs
