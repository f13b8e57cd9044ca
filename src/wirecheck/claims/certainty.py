"""How sure the outlet is of a sentence: asserted, attributed, hedged, unverified or denied.

Lexical cues, checked from strongest to weakest: denial ("denied", "rejected
claims"), unverified ("could not be independently verified", "unconfirmed",
"rumours on social media"), hedges ("reportedly", "allegedly", "may have"),
then attribution to a source. What a belief or an allegation holds ("her belief that they were
spraying her") is hedged. Negation of the main verb is reported
separately (``negated``), since it flips a claim without changing its certainty.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..records import Certainty

UNVERIFIED_RE = re.compile(
    r"\b(unverified|unconfirmed|could not (?:be )?(?:immediately |independently )*(?:verified|confirmed)|"
    r"(?:has|have|had) not been (?:independently )?(?:verified|confirmed)|"
    r"not (?:been )?independently (?:verified|confirmed)|"
    r"could not independently (?:verify|confirm)|unable to (?:independently )?(?:verify|confirm)|"
    r"(?:did|does|do|would|has|have|had) not (?:immediately )?confirm|declined to confirm|not confirmed|"
    r"rumou?rs?|"
    r"social[- ]media (?:posts?|reports?|users?|accounts?|footage|videos?) (?:suggested|claimed|said|showed))\b",
    re.I,
)
#: nouns whose that-clause is held, not asserted (the ``HEDGED_RE`` cue "belief that"): the hedge is theirs
BELIEF_NOUNS = {"belief", "allegation", "accusation", "suspicion", "speculation", "theory"}
HEDGED_RE = re.compile(
    r"\b(reportedly|allegedly|apparently|purportedly|supposedly|possibly|probably|presumably|likely|unlikely|"
    r"appears? to|appeared to|seems? to|seemed to|may have|might have|could have|may be|might be|"
    r"(?:is|are|was|were) (?:believed|thought|said|understood|reported|alleged) to|"
    r"(?:is|are|was|were) (?:believed|thought|feared|presumed) (?:dead|trapped|missing|killed|injured|to)\b|"
    r"it (?:is|was|has been|had been) (?:widely |long |often )?(?:said|reported|alleged|claimed|rumou?red)"
    r"(?: \w+){0,6}? that|"
    r"suspected|accused of|investigating whether|under investigation|it is (?:understood|believed|thought)|"
    r"(?:" + "|".join(f"{noun}s?" for noun in sorted(BELIEF_NOUNS)) + r") that|"
    r"(?:believe|believes|believed) (?:that )?(?:\w+ ){1,4}(?:may|might|could)|"
    r"according to (?:unnamed|unconfirmed|some) )",
    re.I,
)
DENY_LEMMAS = {"deny", "reject", "dismiss", "discount", "refute", "rebut", "disavow", "contradict"}
DENY_RE = re.compile(r"\b(denied|denies|deny|denial|rejected|dismissed|discounted|discounts|refuted|no evidence|"
                     r"false claims?|"
                     r"baseless|categorically)\b", re.I)


def negated(sent: "Span") -> bool:
    """True when the sentence's main verb (or copula) carries a negation ("was not", "never", "no one")."""
    root = sent.root
    for child in root.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in {"nsubj", "nsubjpass"} and any(g.lower_ in {"no", "none", "nobody"} for g in child.subtree):
            no_det = any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
            return no_det or child.lower_ in {"none", "nobody"}
    return False


CLAIM_NOUNS = {"claim", "report", "allegation", "accusation", "suggestion", "charge", "idea", "notion", "rumour",
               "rumor", "story", "account", "speculation", "assertion", "statement", "reporting", "criticism"}
QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|``.*?''")
# words of denial that deny whatever they take: "deny", "refute"; the others only deny a claim ("rejected
# reports that ...") or a that-clause, not a thing ("the court dismissed a challenge")
STRONG_DENY = {"deny", "refute", "rebut", "disavow"}


def _denies(tok) -> bool:
    """Whether a verb of denial here denies a claim (its object is a report or a that-clause)."""
    lemma = tok.lemma_.lower()
    if lemma in STRONG_DENY:
        return True
    return any(c.dep_ in {"ccomp"} or (c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in CLAIM_NOUNS)
               for c in tok.children)


def _unquoted(sent: "Span") -> str:
    """The sentence with quoted words and category adjectives blanked out: a hedge or denial inside a
    quote is the speaker's, and "suspected cholera cases" or "the alleged attacker" hedge nothing."""
    text = QUOTED_RE.sub(lambda m: " " * len(m.group(0)), sent.text)
    for t in sent:
        if t.dep_ == "amod" and t.lower_ in {"suspected", "alleged", "presumed", "purported"}:
            at = t.idx - sent.start_char
            text = text[:at] + " " * len(t.text) + text[at + len(t.text):]
    return text


_RANKING = re.compile(r"\s+(?:one of\s+)?the\s+(?:most|least|best|worst|\w{3,}est)\b", re.I)


def _ranks(text: str, m: "re.Match") -> bool:
    """Whether a hedge adverb qualifies a ranking ("possibly the best game they've played", "probably the
    most exciting thing") or is itself a compared likelihood ("most likely to name"): an opinion or a
    finding, not doubt about what the clause reports."""
    word = m.group(1).lower()
    if word in {"likely", "unlikely"} and re.search(r"\b(?:most|more|less|least|as)\s+$", text[:m.start()], re.I):
        return True  # "are most likely to name Trump", "twice as likely to die": a finding about odds
    return word in {"possibly", "probably", "likely", "arguably"} and bool(_RANKING.match(text, m.end()))


def cue_position(sent: "Span", cue: str) -> int | None:
    """Character offset (in the document) of a cue phrase that :func:`assess` found outside quotes."""
    at = _unquoted(sent).lower().find(cue.lower())
    return None if at < 0 else sent.start_char + at


def assess(sent: "Span", attributed: bool, cue_lemma: str | None = None) -> tuple[Certainty, str | None, bool]:
    """(certainty, cue phrase, negated) for one sentence.

    ``attributed`` says whether an attribution relation covers the sentence;
    ``cue_lemma`` is its reporting verb's lemma when there is one.
    """
    text = _unquoted(sent)
    neg = negated(sent)
    visible = [t for t in sent if not text[t.idx - sent.start_char:t.idx - sent.start_char + 1].isspace()]
    deniers = [t for t in visible if t.lemma_.lower() in DENY_LEMMAS and t.pos_ == "VERB" and _denies(t)]
    if cue_lemma in DENY_LEMMAS and deniers:
        return "denied", cue_lemma, neg
    m = DENY_RE.search(text)
    if m and (deniers or any(t.lower_ in {"evidence", "baseless", "false"} for t in visible)):
        return "denied", m.group(0).lower(), neg
    m = UNVERIFIED_RE.search(text)
    if m:
        return "unverified", m.group(0).lower(), neg
    suspects = next((t for t in visible if t.lemma_.lower() == "suspect" and t.pos_ == "VERB"), None)
    m = next((m for m in HEDGED_RE.finditer(text) if not _ranks(text, m)), None)
    if m:
        return "hedged", m.group(0).lower().strip(), neg
    if suspects is not None:
        return "hedged", suspects.lower_, neg
    if attributed:
        return "attributed", None, neg
    return "asserted", None, neg
