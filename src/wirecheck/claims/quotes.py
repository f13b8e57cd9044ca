"""Direct quotes and their speakers.

Quotes are found in curly (“…”) marks, or in straight ("…") ones in an article
with no curly quote, across sentences and paragraphs (a paragraph that opens a
curly quote without closing it continues into the next one that reopens). The speaker comes from an attribution in the
sentences the quote touches ("X said", "said X", "according to X"), else the
preceding sentence ("X said:"), with pronouns and bare titles ("the
president") resolved to the last named person before the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution_relations import Attribution
from .docs import antecedent_person, doc_text
from .names import TITLE_WORDS, normalise

from ..records import Quote, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

CURLY_RE = re.compile(r"“([^“”]+?)(?:”|(?=\n\s*\n\s*“))", re.S)
STRAIGHT_RE = re.compile(r'"([^"\n]+)"')
PRONOUN_SPEAKERS = {"he", "she", "they", "i", "we"}


@dataclass(slots=True)
class QuoteSpan:
    """A quote with its speaker and cue; offsets exclude the quote marks."""

    start: int
    end: int
    speaker: str | None
    cue: str | None
    sentence_index: int


def _spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in CURLY_RE.finditer(text):
        out.append((m.start(1), m.end(1)))
    if not out:
        out = [(m.start(1), m.end(1)) for m in STRAIGHT_RE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for a, b in out:  # a paragraph-spanning quote: "“...\n\n“..." joins with the next piece
        if merged and text[merged[-1][1]:a].strip() in {"", "“"} and "\n" in text[merged[-1][1]:a]:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [(a, b) for a, b in merged if 0 < b - a <= max_chars and re.search(r"\w", text[a:b])]


def _sentence_of(sentences: list[Sentence], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (or the next one)."""
    for s in sentences:
        if s.start <= pos < s.end or pos < s.start:
            return s.index
    return sentences[-1].index if sentences else -1


def _last_person(doc: "Doc", before: int, canon: dict[str, str]) -> str | None:
    best = antecedent_person(doc, before)
    return normalise(best.text, canon) if best is not None else None


def resolve_speaker(source: str | None, doc: "Doc", pos: int, canon: dict[str, str]) -> str | None:
    """A source as a canonical name: pronouns and bare titles ("the president") become the last named person."""
    if not source:
        return None
    low = source.lower().strip()
    words = low.split()
    if low in PRONOUN_SPEAKERS or (words and words[0] in {"the", "his", "her"} and words[-1] in TITLE_WORDS
                                   and not any(w[:1].isupper() for w in source.split()[1:])):
        return _last_person(doc, pos, canon) or source
    return normalise(source, canon)


def find_quotes(doc: "Doc", sentences: list[Sentence], attributions: list[Attribution],
                canon: dict[str, str], max_chars: int = 2000) -> list[QuoteSpan]:
    """Direct quotes in the article with speaker (canonical name) and cue."""
    text = doc_text(doc)
    by_sent: dict[int, list[Attribution]] = {}
    for att in attributions:
        by_sent.setdefault(_sentence_of(sentences, att.cue[0]), []).append(att)
    out: list[QuoteSpan] = []
    for a, b in _spans(text, max_chars):
        first = _sentence_of(sentences, a)
        last = _sentence_of(sentences, max(a, b - 1))
        cands = [x for idx in range(first, last + 1) for x in by_sent.get(idx, [])]
        cands = [x for x in cands if not (a <= x.cue[0] < b)]  # a cue inside the quote is the quoted person's
        if not cands and out and out[-1].sentence_index >= first - 1 and out[-1].speaker:
            out.append(QuoteSpan(a, b, out[-1].speaker, out[-1].cue, first))  # the quote goes on
            continue
        if not cands and first == last:  # a partial quote: "Lopez called it a “frank exchange”"
            sent = doc.char_span(sentences[first].start, sentences[first].end, alignment_mode="expand")
            subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None) if sent is not None else None
            known = subj is not None and any(n.split()[-1] == subj.text for n in canon)
            person = subj is not None and (subj.ent_type_ == "PERSON" or known)
            if sent is not None and subj is not None and person and not (a <= subj.idx < b):
                name = doc[subj.left_edge.i:subj.i + 1].text
                out.append(QuoteSpan(a, b, normalise(name, canon), sent.root.text, first))
                continue
        if not cands and first - 1 in by_sent:
            cands = by_sent[first - 1]  # "Lopez said:" then the quote
        chosen = min(cands, key=lambda x: min(abs(x.cue[0] - a), abs(x.cue[0] - b))) if cands else None
        speaker = resolve_speaker(chosen.source_text, doc, a, canon) if chosen else None
        out.append(QuoteSpan(a, b, speaker, chosen.cue_text if chosen else None, first))
    return out


def to_quote(q: QuoteSpan, text: str) -> Quote:
    """The :class:`~wirecheck.records.Quote` record for a found quote."""
    return Quote(text=text[q.start:q.end], speaker=q.speaker, start=q.start, end=q.end)
