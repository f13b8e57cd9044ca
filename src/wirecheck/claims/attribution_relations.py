"""Attribution relations and the parse helpers every attribution layer shares.

An :class:`Attribution` says who says (source), how (cue), and what (content), by character offsets.
:func:`candidates` lists the (cue, source) pairs a parse offers; the candidate classifier scores them and
the span tagger reads them as a feature, so the coordinator (:func:`.attribution.find_attributions`)
computes them once per article. The span helpers turn token ranges into trimmed character spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attribution_lexicon import CONTENT_DEPS, CORE_CUES, CUE_VERBS, OBJECT_VERBS, PRONOUNS, QUOTED_RE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Attribution:
    """One attribution relation; spans are (start, end) character offsets into ``doc.text``."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_text: str
    source_text: str | None
    sentence_start: int  # character offset of the sentence holding the cue
    speech: bool = True  # reported speech or thought; False for a stance or act ("attacked", "backed")
    depth: int = 0  # how deep the cue sits in the parse (outer relations first when they nest)
    tagged: bool = False  # the span tagger marks its source: kept even inside a quote or another's content


@dataclass(slots=True)
class Candidate:
    """One (cue token, source token) pair of the parse; ``features`` are filled by the candidate classifier
    (:func:`.attribution_model.scored_candidates`)."""

    cue: "Token"
    source: "Token"
    kind: str  # verb | be | noun
    link: str  # how the source attaches: the dep of the source, or "conj" when inherited
    features: list[str] = field(default_factory=list)


def trim(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Token range -> character span without surrounding punctuation and quote marks."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in {"that"}):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def subtree_range(tok: "Token", exclude: "Token | None" = None) -> tuple[int, int]:
    """Token index range of ``tok``'s subtree, cut before ``exclude`` when it lies inside."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None and left <= exclude.i < right:
        if exclude.i > tok.i:
            right = exclude.i
        else:
            left = exclude.i + 1
    return left, right


def content_for(verb: "Token", sent: "Span") -> tuple[int, int] | None:
    """The reported content of a reporting verb: its clausal complement, or the clause it is parenthetical to."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps) + 1
        return trim(doc, lo, hi)
    dobj = [c for c in verb.children if c.dep_ == "dobj" and len(list(c.subtree)) > 3]
    if dobj:
        return trim(doc, dobj[0].left_edge.i, dobj[0].right_edge.i + 1)
    if verb.lemma_.lower() in OBJECT_VERBS:
        objects = [c for c in verb.children if c.i > verb.i and c.dep_ in {
            "dobj", "prep", "dative", "attr", "oprd", "advcl", "npadvmod", "acomp", "agent"}]
        objects = [c for c in objects if c.dep_ != "agent"]
        if objects:
            return trim(doc, min(c.left_edge.i for c in objects), max(c.right_edge.i for c in objects) + 1)
    parenthetical = verb.lemma_.lower() in CUE_VERBS and not any(
        c.dep_ in {"dobj", "xcomp", "attr", "acomp", "prep", "dative"} for c in verb.children)
    if parenthetical and verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.head.i != verb.i:
        head = verb.head  # "The talks failed, officials said."
        left, right = subtree_range(head)
        own_left, own_right = verb.left_edge.i, verb.right_edge.i + 1
        if own_left > head.i:
            right = min(right, own_left)
        else:
            left = max(left, own_right)
        return trim(doc, max(left, sent.start), min(right, sent.end))
    return None


def cue_span(verb: "Token", sent: "Span") -> tuple[int, int]:
    """Character span of a cue verb with the auxiliaries and negation just before it ("did not say")."""
    doc = verb.doc
    lo = verb.i
    while lo - 1 >= sent.start and doc[lo - 1].dep_ in {"aux", "auxpass", "neg"} and doc[lo - 1].head.i == verb.i:
        lo -= 1
    return doc[lo].idx, verb.idx + len(verb)


def source_span(doc: "Doc", left: int, right: int, head: "Token",
                content: tuple[int, int] | None) -> tuple[int, int] | None:
    """Character span of a source over tokens ``left:right``, or of its ``head`` word alone when that range
    overlaps the relation's ``content``."""
    span = trim(doc, left, right)
    if span and content and span[0] < content[1] and content[0] < span[1]:
        return trim(doc, head.i, head.i + 1)
    return span


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted stretches of ``text`` (:data:`.attribution_lexicon.QUOTED_RE`)."""
    return [(m.start(), m.end()) for m in QUOTED_RE.finditer(text)]


def is_core(rel: Attribution) -> bool:
    """A relation on a core reporting cue ("said", "told", "according to", ...) that the rules always keep."""
    return any(w in CORE_CUES for w in rel.cue_text.lower().split())


def is_pronoun(text: str | None) -> bool:
    """True when a source is only a pronoun ("he", "they")."""
    if not text:
        return False
    return text.lower() in PRONOUNS


def subject_of(verb: "Token", hops: int = 0) -> "tuple[Token, str] | None":
    """The nominal subject nearest a verb, a passive's agent, or the subject of the verb it is joined to,
    with how it was found ("nsubj", "relcl" for the noun a relative clause describes, "agent", ...)."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        s = before[-1] if before else subjects[0]
        if verb.dep_ == "relcl" and s.tag_ in {"WP", "WDT"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head, "relcl"  # "officials who said ...": the noun the clause describes
        return s, s.dep_
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g, "agent"
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:  # "Pope Francis, calling for ..."
        return verb.head, "acl"
    if hops < 3 and verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i \
            and verb.head.pos_ in {"VERB", "AUX"}:
        inherited = subject_of(verb.head, hops + 1)
        if inherited is not None:
            return inherited[0], "inh_" + verb.dep_
    return None


def candidates(doc: "Doc") -> list[Candidate]:
    """Every (cue, source) pair of the parse whose source is a noun, name or pronoun: a verb with its subject
    (or the agent of a passive, or the subject of the verb it is coordinated with), "be" with an adjective
    complement ("X is skeptical of ..."), and a noun with a possessor or a "from/by X" phrase."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in {"ROOT", "ccomp", "conj", "advcl", "relcl",
                                                                    "xcomp", "parataxis"}):
            if tok.pos_ == "AUX" and not any(c.dep_ in {"acomp", "attr"} for c in tok.children):
                continue
            found = subject_of(tok)
            if found is None:
                continue
            src, link = found
            kind = "be" if tok.pos_ == "AUX" else "verb"
        elif tok.pos_ == "NOUN":
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            link = "poss"
            if owner is None:
                by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}), None)
                owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                link = "by"
            if owner is None:
                continue
            src, kind = owner, "noun"
        else:
            continue
        if src.pos_ not in {"PROPN", "NOUN", "PRON"} or "\n" in src.text:
            continue
        out.append(Candidate(cue=tok, source=src, kind=kind, link=link))
    return out
