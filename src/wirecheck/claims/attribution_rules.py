"""The attribution rules: reported speech, acts and stances read off the dependency parse.

Reporting verbs ("said", "claimed", "told", "has learned") take their subject as the source and their
clausal complement as the content; "according to X" makes X the source of the rest of its sentence;
"Name: words" lines, speech nouns with an owner ("the mayor's claim that ...") and a person's acts and
stances ("Cruz embraced ...", ``speech=False``) complete the set. Everything else in an article is the
outlet's own assertion. The learned layers (:mod:`.attribution_model`, :mod:`.attribution_tagger`) refine
what these rules find; :func:`.attribution.find_attributions` runs them in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution_lexicon import (
    ACT_VERBS, AGENT_ENT_LABELS, AGENT_NOUNS, CLAIM_NOUNS, CUE_VERBS, INTENT_VERBS, LABEL_LINE_RE, LABEL_SKIP,
    OBJECT_VERBS, SOURCE_DEPS, SPEECH_NOUNS, STANCE_ADJS, TITLE_WORDS,
)
from .attribution_relations import Attribution, content_for, cue_span, source_span, subtree_range, trim
from .docs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _is_agent(tok: "Token") -> bool:
    """A subject that can hold a view: a person, organisation or group, or a personal pronoun."""
    if tok.ent_type_ in AGENT_ENT_LABELS or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    return tok.lower_ in {"he", "she", "they", "i", "we", "who"} or lemma in AGENT_NOUNS or lemma in TITLE_WORDS


def _rest_of_sentence(verb: "Token", source: "Token | None", sent: "Span") -> tuple[int, int] | None:
    """Content of "..., the mayor said." when the parse gives the verb no complement: the larger side of the
    sentence around the source and cue, or the quote just before when the sentence is only "he said"."""
    doc = verb.doc
    lo = min(verb.i, source.left_edge.i if source is not None else verb.i)
    hi = max(verb.i, source.right_edge.i if source is not None else verb.i) + 1
    left = trim(doc, sent.start, lo)
    right = trim(doc, hi, sent.end)
    sizes = [(s[1] - s[0], s) for s in (left, right) if s is not None]
    if sizes and max(sizes)[0] > 12:
        return max(sizes)[1]
    quoted = doc_text(doc)[sent.start_char:doc[lo].idx]
    if left is not None and any(q in quoted for q in "“”\"'"):
        return left
    if sent.start > 0:  # “...” he said.
        prev = doc[sent.start - 1].sent
        if prev.text.rstrip().endswith(("”", '"', "’")):
            return trim(doc, prev.start, prev.end)
    return None


def _source_for(verb: "Token") -> "Token | None":
    """The subject of a cue verb (the one nearest the verb, so "9:30 p.m. Donald Trump says" gives Trump),
    the agent of a passive, or the subject shared with the verb it is coordinated with."""
    subjects = [c for c in verb.children if c.dep_ in SOURCE_DEPS and c.ent_type_ not in {"TIME", "DATE"}
                and "\n" not in c.text]
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    for c in verb.children:  # passive: "was told by officials"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        return _source_for(verb.head)
    return None


def rule_attributions(doc: "Doc") -> list[Attribution]:
    """All relations the rules find, nested ones included (reporting verbs, "according to", acts, nouns)."""
    out: list[Attribution] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                phrase_end = pobj.right_edge.i + 1
                before = trim(doc, sent.start, tok.i)
                after = trim(doc, phrase_end, sent.end)
                content = before if before and (not after or before[1] - before[0] >= after[1] - after[0]) else after
                out.append(Attribution(
                    cue=(tok.idx, to.idx + len(to)), source=src, content=content,
                    cue_text="according to", source_text=doc_text(doc)[src[0]:src[1]] if src else None,
                    sentence_start=sent.start_char,
                ))
                continue
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            has_ccomp = any(c.dep_ == "ccomp" and any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children)
                            for c in tok.children)
            has_to = lemma in INTENT_VERBS and any(c.dep_ == "xcomp" for c in tok.children)
            source = _source_for(tok)
            speech = lemma in CUE_VERBS or has_ccomp
            if not speech and not has_to and lemma not in OBJECT_VERBS:
                continue
            if lemma not in CUE_VERBS and (source is None or not _is_agent(source)):
                continue
            content = content_for(tok, sent)
            if content is None and lemma in CUE_VERBS:
                content = _rest_of_sentence(tok, source, sent)
            if content is None:
                continue
            if source is None and lemma not in {"say", "report", "claim", "allege"}:
                continue
            if source is not None and source.pos_ not in {"PROPN", "NOUN", "PRON", "ADJ", "NUM", "DET"}:
                continue
            cue = cue_span(tok, sent)
            src = None
            if source is not None:
                src = source_span(doc, *subtree_range(source), source, content)
            out.append(Attribution(
                cue=cue, source=src, content=content, cue_text=doc_text(doc)[cue[0]:cue[1]],
                source_text=doc_text(doc)[src[0]:src[1]] if src else None, sentence_start=sent.start_char,
                speech=speech, depth=len(list(tok.ancestors)),
            ))
    out.extend(_act_attributions(doc, {a.cue for a in out}))
    out.extend(_label_attributions(doc))
    out.extend(_noun_attributions(doc))
    return out


def _noun_attributions(doc: "Doc") -> list[Attribution]:
    """ "the mayor's claim that ...", "the minister's comments on ...": a speech noun with its owner and content."""
    out = []
    for tok in doc:
        if tok.lower_ not in CLAIM_NOUNS or tok.pos_ != "NOUN":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN", "PRON"}), None)
        # "criticism from environmentalists", "a statement by the ministry"
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by"} and c.i > tok.i), None)
        by_obj = next((g for g in by.children if g.dep_ == "pobj" and _is_agent(g)), None) if by is not None else None
        if owner is None:
            owner = by_obj
        if owner is None:
            continue
        comp = [c for c in tok.children if c.i > tok.i and c.dep_ in {"acl", "ccomp", "prep", "relcl", "appos"}
                and c is not by]
        if not comp:
            continue
        content = trim(doc, min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1)
        src = trim(doc, owner.left_edge.i, owner.i + 1) if owner.dep_ == "poss" else \
            trim(doc, owner.left_edge.i, owner.right_edge.i + 1)
        if content is None or src is None:
            continue
        out.append(Attribution(cue=(tok.idx, tok.idx + len(tok)), source=src, content=content, cue_text=tok.text,
                               source_text=doc_text(doc)[src[0]:src[1]], sentence_start=tok.sent.start_char,
                               speech=tok.lower_ in SPEECH_NOUNS))
    return out


def _label_attributions(doc: "Doc") -> list[Attribution]:
    """ "HOST: Welcome back..." / "Jane Doe: Talks are stalling": a short name, a colon, the words."""
    out = []
    for m in LABEL_LINE_RE.finditer(doc_text(doc)):
        name = m.group(1)
        if name.split()[0].lower() in LABEL_SKIP:
            continue
        if any(ch.isdigit() for ch in name):
            continue
        src = (m.start(1), m.end(1))
        sent = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
        # spaCy's span.pyi leaves out Span.sents (the sentences a span touches), which span.pyx has
        first_sent = next(iter(sent.sents)) if sent is not None else None  # type: ignore[attr-defined]
        end = min(m.end(3), first_sent.end_char) if first_sent is not None else m.end(3)
        content = (m.start(3), end)
        out.append(Attribution(cue=(m.start(2), m.end(2)), source=src, content=content, cue_text=m.group(2).strip(),
                               source_text=name, sentence_start=m.start()))
    return out


def _act_attributions(doc: "Doc", taken: set) -> list[Attribution]:
    """Stances and acts of a person or group ("Cruz embraced ...", "voters prefer ...", "X is skeptical of ..."):
    the subject is the source and what follows the verb the content. Marked ``speech=False``."""
    out = []
    for tok in doc:
        stance = tok.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in STANCE_ADJS for c in tok.children)
        if not stance and (tok.pos_ != "VERB" or tok.lemma_.lower() not in ACT_VERBS):
            continue
        cue = (tok.idx, tok.idx + len(tok))
        if any(c[0] <= cue[0] < c[1] for c in taken):
            continue
        source = next((c for c in tok.children if c.dep_ in {"nsubj"}), None)
        if source is None or not _is_agent(source):
            continue
        right = [c for c in tok.children if c.i > tok.i and c.dep_ not in {"punct", "cc", "conj", "nsubj"}]
        if not right:
            continue
        content = trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)
        src = trim(doc, source.left_edge.i, source.right_edge.i + 1)
        if content is None or src is None:
            continue
        out.append(Attribution(cue=cue, source=src, content=content, cue_text=tok.text,
                               source_text=doc_text(doc)[src[0]:src[1]], sentence_start=tok.sent.start_char,
                               speech=False, depth=len(list(tok.ancestors))))
    return out
