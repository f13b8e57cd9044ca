"""Read-only views of a parsed document that the claim modules ask for many times.

spaCy builds ``Doc.ents`` afresh on every access (a pass over every token); the claims stage asks for it
per sentence, figure and name, so a long article paid for it thousands of times. :func:`entities` keeps
the tuple in the document's own ``user_data``, where it lives and dies with the parse. ``Doc.text`` is
likewise joined afresh from every token on each access, and read per sentence, name and attribution
(cost growing with the square of the article's length): :func:`doc_text` keeps it the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "wirecheck.entities"
_TEXT_KEY = "wirecheck.text"
_STARTS_KEY = "wirecheck.entity_starts"
_CHARS_KEY = "wirecheck.entity_chars"


def entities(doc: "Doc") -> "tuple[Span, ...]":
    """The document's named entities (``doc.ents``), built once per document."""
    ents = doc.user_data.get(_KEY)
    if ents is None:
        ents = doc.user_data[_KEY] = tuple(doc.ents)
    return ents


def doc_text(doc: "Doc") -> str:
    """The document's text (``doc.text``), joined once per document."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_entities(span: "Span") -> "list[Span]":
    """The named entities wholly inside ``span`` (``span.ents``, which walks every entity of the document
    on each call), from :func:`entities` by bisection."""
    from bisect import bisect_left

    ents = entities(span.doc)
    starts = span.doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = span.doc.user_data[_STARTS_KEY] = [e.start for e in ents]
    out = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.end > span.end:
            break
        out.append(ent)
    return out


def entities_from(doc: "Doc", start: int, end: int) -> "list[Span]":
    """The named entities (:func:`entities`, in order) that start at a character offset in [start, end)."""
    from bisect import bisect_left

    ents = entities(doc)
    chars = doc.user_data.get(_CHARS_KEY)
    if chars is None:
        chars = doc.user_data[_CHARS_KEY] = [e.start_char for e in ents]
    return list(ents[bisect_left(chars, start):bisect_left(chars, end)])


def _in_quote(doc: "Doc", start_char: int, sent_start: int) -> bool:
    """Whether a character of ``doc`` lies inside quotation marks opened in its sentence and line (a
    paragraph reopens a quote it goes on with, and a parse may run a sentence across lines)."""
    text = doc_text(doc)
    before = text[max(sent_start, text.rfind("\n", 0, start_char) + 1):start_char]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _subject(ent: "Span") -> bool:
    """Whether a name is a clause's subject, itself or through an apposition or compound ("her father,
    former Senator Walter Marsh, tried and failed")."""
    tok = ent.root
    while tok.dep_ in {"appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass"}


def antecedent_person(doc: "Doc", before: int, max_sentences: int | None = None) -> "Span | None":
    """The named person a pronoun or bare title at character ``before`` most likely stands for.

    The nearest sentence (the pronoun's own, up to it, or one before) that names a person outside quotes
    is read; of its people, the last that is a clause's subject (:func:`_subject`) is taken, else the last
    that is not a possessor ("Matt Smith welcomed Capaldi's casting" -> Matt Smith; "Capaldi is best
    known for his role as Malcolm Tucker" -> Capaldi). ``max_sentences`` limits how many sentences before
    the pronoun's own may be read (None: any)."""
    people = [e for e in entities(doc) if e.label_ == "PERSON" and e.end_char <= before
              and not _in_quote(doc, e.start_char, e.sent.start_char)]
    if not people:
        return None
    if max_sentences is not None:
        here = doc.char_span(before, before + 1, alignment_mode="expand")
        first = here[0].sent.start if here is not None and len(here) else len(doc)
        for _ in range(max_sentences):
            if first == 0:
                break
            first = doc[first - 1].sent.start
        people = [e for e in people if e.start >= first]
        if not people:
            return None
    newest = people[-1].sent.start
    near = [e for e in people if e.sent.start == newest]
    subjects = [e for e in near if _subject(e)]
    if subjects:
        return subjects[-1]
    owners = [e for e in near if not (e.root.dep_ == "poss" or e.text.endswith(("'s", "’s")))]
    return (owners or near)[-1]
