"""How sure the outlet is of a sentence: asserted, attributed, hedged, unverified or denied.

Lexical cues, checked from strongest to weakest: denial ("denied", "rejected
claims"), unverified ("could not be independently verified", "unconfirmed",
"rumours on social media"), hedges ("reportedly", "allegedly", "may have"),
then attribution to a source. Negation of the main verb is reported
separately (``negated``), since it flips a claim without changing its certainty.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

UNVERIFIED_RE = re.compile(
    r"\b(unverified|unconfirmed|could not (?:be )?(?:immediately |independently )*(?:verified|confirmed)|"
    r"(?:has|have|had) not been (?:independently )?(?:verified|confirmed)|not (?:been )?independently (?:verified|confirmed)|"
    r"could not independently (?:verify|confirm)|unable to (?:independently )?(?:verify|confirm)|"
    r"(?:did|does|do|would|has|have|had) not (?:immediately )?confirm|declined to confirm|not confirmed|"
    r"rumou?rs?|social[- ]media (?:posts?|reports?|users?|accounts?|footage|videos?) (?:suggested|claimed|said|showed))\b",
    re.I,
)
HEDGED_RE = re.compile(
    r"\b(reportedly|allegedly|apparently|purportedly|supposedly|possibly|probably|presumably|likely|unlikely|"
    r"appears? to|appeared to|seems? to|seemed to|may have|might have|could have|may be|might be|"
    r"is (?:believed|thought|said|understood|reported|alleged) to|are (?:believed|thought|said|reported|alleged) to|"
    r"was (?:believed|thought|said|reported|alleged) to|were (?:believed|thought|said|reported|alleged) to|"
    r"suspected|suspects?|investigating whether|under investigation|it is (?:understood|believed|thought)|"
    r"(?:believe|believes|believed) (?:that )?(?:\w+ ){1,4}(?:may|might|could)|according to (?:unnamed|unconfirmed|some) )",
    re.I,
)
DENY_LEMMAS = {"deny", "reject", "dismiss", "refute", "rebut", "disavow", "contradict"}
DENY_RE = re.compile(r"\b(denied|denies|deny|denial|rejected|dismissed|refuted|no evidence|false claims?|"
                     r"baseless|categorically)\b", re.I)


def negated(sent: "Span") -> bool:
    """True when the sentence's main verb (or copula) carries a negation ("was not", "never", "no one")."""
    root = sent.root
    for child in root.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and any(g.lower_ in {"no", "none", "nobody"} for g in child.subtree):
            return any(g.dep_ == "det" and g.lower_ == "no" for g in child.children) or child.lower_ in {"none", "nobody"}
    return False


def assess(sent: "Span", attributed: bool, cue_lemma: str | None = None) -> tuple[str, str | None, bool]:
    """(certainty, cue phrase, negated) for one sentence.

    ``attributed`` says whether an attribution relation covers the sentence;
    ``cue_lemma`` is its reporting verb's lemma when there is one.
    """
    text = sent.text
    for t in sent:  # "suspected cholera cases", "the alleged attacker": a category, not a hedge of the clause
        if t.dep_ == "amod" and t.lower_ in {"suspected", "alleged", "presumed", "purported"}:
            at = t.idx - sent.start_char
            text = text[:at] + " " * len(t.text) + text[at + len(t.text):]
    neg = negated(sent)
    if cue_lemma in DENY_LEMMAS:
        return "denied", cue_lemma, neg
    m = DENY_RE.search(text)
    if m and any(t.lemma_.lower() in DENY_LEMMAS or t.lower_ in {"evidence", "baseless", "false"} for t in sent):
        return "denied", m.group(0).lower(), neg
    m = UNVERIFIED_RE.search(text)
    if m:
        return "unverified", m.group(0).lower(), neg
    m = HEDGED_RE.search(text)
    if m:
        return "hedged", m.group(0).lower().strip(), neg
    if attributed:
        return "attributed", None, neg
    return "asserted", None, neg
