"""Read-only views of a parsed document that the claim modules ask for many times.

spaCy builds ``Doc.ents`` afresh on every access (a pass over every token); the claims stage asks for it
per sentence, figure and name, so a long article paid for it thousands of times. :func:`entities` keeps
the tuple in the document's own ``user_data``, where it lives and dies with the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "wirecheck.entities"


def entities(doc: "Doc") -> "tuple[Span, ...]":
    """The document's named entities (``doc.ents``), built once per document."""
    ents = doc.user_data.get(_KEY)
    if ents is None:
        ents = doc.user_data[_KEY] = tuple(doc.ents)
    return ents
