"""Attribution relations: who says (source), how (cue), and what (content), by character offsets.

Reporting verbs ("said", "claimed", "told", "has learned") take their subject
as the source and their clausal complement as the content; "according to X"
makes X the source of the rest of its sentence. Everything else in an
article is the outlet's own assertion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CUE_VERBS = {
    "say", "tell", "claim", "report", "state", "add", "announce", "confirm", "deny", "insist", "argue", "warn",
    "write", "note", "explain", "suggest", "believe", "think", "allege", "acknowledge", "admit", "assert",
    "declare", "predict", "estimate", "tweet", "post", "testify", "reveal", "disclose", "indicate", "accuse",
    "urge", "promise", "vow", "learn", "show", "find", "conclude", "contend", "maintain", "stress", "emphasize",
    "emphasise", "recall", "reply", "respond", "counter", "complain", "concede", "caution", "hint", "speculate",
    "fear", "hope", "expect", "want", "question", "dispute", "reject", "dismiss", "mention", "observe", "point",
    "agree", "signal", "propose", "demand", "blame", "criticize", "criticise", "praise", "describe", "call",
    "charge", "boast", "brag", "quip", "joke", "shout", "ask", "wonder", "know", "feel", "worry", "doubt",
    "understand", "remark", "comment", "suspect", "assure", "repeat", "reiterate", "pledge", "threaten",
}
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
SOURCE_DEPS = {"nsubj", "nsubjpass", "csubj"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


@dataclass(slots=True)
class Attribution:
    """One attribution relation; spans are (start, end) character offsets into ``doc.text``."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_text: str
    source_text: str | None
    sentence_start: int  # character offset of the sentence holding the cue


def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Token range -> character span without surrounding punctuation and quote marks."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in {"that"}):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _subtree_range(tok: "Token", exclude: "Token | None" = None) -> tuple[int, int]:
    """Token index range of ``tok``'s subtree, cut before ``exclude`` when it lies inside."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None and left <= exclude.i < right:
        if exclude.i > tok.i:
            right = exclude.i
        else:
            left = exclude.i + 1
    return left, right


def _content_for(verb: "Token", sent: "Span") -> tuple[int, int] | None:
    """The reported content of a reporting verb: its clausal complement, or the clause it is parenthetical to."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps) + 1
        return _trim(doc, lo, hi)
    dobj = [c for c in verb.children if c.dep_ == "dobj" and len(list(c.subtree)) > 3]
    if dobj:
        return _trim(doc, dobj[0].left_edge.i, dobj[0].right_edge.i + 1)
    if verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.head.i != verb.i:
        head = verb.head  # "The talks failed, officials said."
        left, right = _subtree_range(head)
        own_left, own_right = verb.left_edge.i, verb.right_edge.i + 1
        if own_left > head.i:
            right = min(right, own_left)
        else:
            left = max(left, own_right)
        return _trim(doc, max(left, sent.start), min(right, sent.end))
    return None


def _source_for(verb: "Token") -> "Token | None":
    for c in verb.children:
        if c.dep_ in SOURCE_DEPS:
            return c
    for c in verb.children:  # passive: "was told by officials"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _source_for(verb.head)
    return None


def find_attributions(doc: "Doc") -> list[Attribution]:
    """Attribution relations in a parsed article (reporting verbs and "according to")."""
    out: list[Attribution] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = _trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                phrase_end = pobj.right_edge.i + 1
                before = _trim(doc, sent.start, tok.i)
                after = _trim(doc, phrase_end, sent.end)
                content = before if before and (not after or before[1] - before[0] >= after[1] - after[0]) else after
                out.append(Attribution(
                    cue=(tok.idx, to.idx + len(to)), source=src, content=content,
                    cue_text="according to", source_text=doc.text[src[0]:src[1]] if src else None,
                    sentence_start=sent.start_char,
                ))
                continue
            if tok.pos_ not in {"VERB"} or tok.lemma_.lower() not in CUE_VERBS:
                continue
            source = _source_for(tok)
            content = _content_for(tok, sent)
            if content is None:
                continue
            if source is None and tok.lemma_.lower() not in {"say", "report", "claim", "allege"}:
                continue
            cue_lo = tok.i
            while cue_lo - 1 >= sent.start and doc[cue_lo - 1].dep_ in {"aux", "auxpass", "neg"} and \
                    doc[cue_lo - 1].head.i == tok.i:
                cue_lo -= 1
            cue = (doc[cue_lo].idx, tok.idx + len(tok))
            src = None
            if source is not None:
                left, right = _subtree_range(source)
                src = _trim(doc, left, right)
                if src and content and src[0] < content[1] and content[0] < src[1]:
                    src = _trim(doc, source.i, source.i + 1)
            out.append(Attribution(
                cue=cue, source=src, content=content, cue_text=doc.text[cue[0]:cue[1]],
                source_text=doc.text[src[0]:src[1]] if src else None, sentence_start=sent.start_char,
            ))
    return _drop_nested(out)


def _drop_nested(attrs: list[Attribution]) -> list[Attribution]:
    """Keep one relation per cue; a relation whose cue sits inside another's content stays (nested speech)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for a in attrs:
        if a.cue in seen:
            continue
        seen.add(a.cue)
        out.append(a)
    return out


def is_pronoun(text: str | None) -> bool:
    """True when a source is only a pronoun ("he", "they")."""
    return bool(text) and text.lower() in PRONOUNS
