"""A small learned layer over the attribution rules: which (cue, source) pairs are attributions.

Candidates are every predicate in the parse with a nominal source (:func:`.attribution_relations.candidates`:
a verb with its subject, "be" with an adjective complement, a noun with a possessor or a "from/by X" phrase).
Each candidate is described by binary, closed-vocabulary features only (parse labels, entity labels,
pronoun class, frequent cue lemmas, the rule-based verdict, positions), so the shipped weights hold no
article text. Scoring is a dot product of a logistic regression stored as JSON in
``claims/models/attribution.json`` (trained by ``benchmarks/train_attribution.py`` on PolNeAR train).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .attribution_lexicon import AGENT_ENT_LABELS, AGENT_NOUNS, CUE_VERBS, INTENT_VERBS, OBJECT_VERBS, TITLE_WORDS
from .attribution_relations import (
    Attribution, Candidate, content_for, cue_span, is_core, quoted_spans, source_span, subtree_range, trim,
)
from .docs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODEL_RESOURCE = "attribution.json"
PRONOUN_CLASSES = {
    "he": "3sg", "she": "3sg", "him": "3sg", "her": "3sg", "they": "3pl", "them": "3pl", "we": "1pl",
    "us": "1pl", "i": "1sg", "me": "1sg", "you": "2", "it": "it", "who": "wh", "that": "wh", "which": "wh",
    "this": "dem", "these": "dem", "those": "dem", "everyone": "q", "nobody": "q", "someone": "q",
}
CHILD_DEPS = ("ccomp", "xcomp", "dobj", "prep", "dative", "acomp", "attr", "advcl", "neg", "aux", "auxpass",
              "advmod", "agent", "oprd", "npadvmod", "parataxis", "mark")


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """Logistic-regression weights over binary features, with the decision threshold and vocabularies."""

    weights: dict[str, float]
    intercept: float
    threshold: float  # act/stance candidates
    speech_threshold: float  # rule-based speech relations on a cue outside the core reporting verbs
    cue_vocab: frozenset[str]
    source_vocab: frozenset[str]

    def score(self, features: list[str]) -> float:
        """Probability that a candidate with these features is an attribution."""
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))


def load_model(path: str | None = None) -> AttributionModel:
    """Load the model from the installed package (or from ``path``)."""
    if path is None:
        raw = resources.files("wirecheck.claims").joinpath("models", MODEL_RESOURCE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    data = json.loads(raw)
    return AttributionModel(
        weights={k: float(v) for k, v in data["weights"].items()}, intercept=float(data["intercept"]),
        threshold=float(data["threshold"]), speech_threshold=float(data["speech_threshold"]),
        cue_vocab=frozenset(data["vocab"]["cue_lemma"]),
        source_vocab=frozenset(data["vocab"]["source_lemma"]),
    )


def _bin(x: int, edges: tuple[int, ...]) -> str:
    """Index of the first edge above ``x`` (a coarse bucket)."""
    for i, e in enumerate(edges):
        if x < e:
            return str(i)
    return str(len(edges))


def cue_lemma(tok: "Token") -> str:
    """The lemma naming a cue; "be" with an adjective is named by the adjective ("be_skeptical")."""
    if tok.pos_ == "AUX":
        comp = next((c for c in tok.children if c.dep_ in {"acomp", "attr"}), None)
        return "be_" + comp.lemma_.lower() if comp is not None else "be"
    return tok.lemma_.lower()


def featurize(cand: Candidate, rules: dict[int, Attribution], nested: set[int], quoted: list[tuple[int, int]],
              cue_vocab: frozenset[str] | set[str], source_vocab: frozenset[str] | set[str]) -> list[str]:
    """Binary features of one candidate. ``rules`` maps cue token index -> rule-based relation, ``nested``
    holds token indices inside the content of a rule-based speech relation, ``quoted`` the quoted spans."""
    cue, src = cand.cue, cand.source
    lemma = cue_lemma(cue)
    lem = lemma if lemma in cue_vocab else "<unk>"
    slemma = src.lemma_.lower()
    ent = src.ent_type_ if src.ent_type_ in AGENT_ENT_LABELS else "O"
    pron = PRONOUN_CLASSES.get(src.lower_, "other") if src.pos_ == "PRON" else "none"
    person = ent == "PERSON" or pron in {"3sg", "1sg", "1pl", "2"}
    agentive = person or ent in AGENT_ENT_LABELS or slemma in AGENT_NOUNS or slemma in TITLE_WORDS or pron == "3pl"
    sent = cue.sent
    rule = rules.get(cue.i)
    rkind = "none" if rule is None else "speech" if rule.speech else "act"
    f = [
        f"kind={cand.kind}", f"link={cand.link}", f"lem={lem}", f"lem={lem}|agent={agentive}",
        f"lem={lem}|person={person}", f"ctag={cue.tag_}", f"cdep={cue.dep_}", f"chead={cue.head.pos_}",
        f"sdep={src.dep_}", f"spos={src.pos_}", f"stag={src.tag_}", f"sent={ent}", f"spron={pron}",
        f"agent={agentive}", f"person={person}", f"slem={slemma if slemma in source_vocab else '<unk>'}",
        f"agentnoun={slemma in AGENT_NOUNS}", f"title={slemma in TITLE_WORDS}",
        f"cuelist={lemma in CUE_VERBS}", f"intent={lemma in INTENT_VERBS}", f"objverb={lemma in OBJECT_VERBS}",
        f"rule={rkind}", f"rule|kind={rkind}|{cand.kind}",
        f"nested={cue.i in nested}", f"quoted={any(a <= cue.idx < b for a, b in quoted)}",
        f"sq={any(a <= src.idx < b for a, b in quoted)}",
        f"dist={_bin(abs(cue.i - src.i), (2, 3, 5, 9, 16))}", f"srcafter={src.i > cue.i}",
        f"spos_in_sent={_bin(cue.i - sent.start, (2, 5, 10, 20))}", f"sentlen={_bin(len(sent), (8, 15, 25, 40))}",
        f"depth={_bin(len(list(cue.ancestors)), (1, 2, 3, 5))}",
        f"srclen={_bin(src.right_edge.i - src.left_edge.i + 1, (2, 3, 5, 9))}",
        f"sent_first={sent.start == 0}", f"ctxq={'“' in sent.text or chr(34) in sent.text}",
    ]
    deps = {c.dep_ for c in cue.children}
    for d in CHILD_DEPS:
        f.append(f"has_{d}={d in deps}")
    if "ccomp" in deps:
        f.append(f"lem={lem}|ccomp")
    if "xcomp" in deps:
        f.append(f"lem={lem}|xcomp")
    if "dobj" in deps:
        f.append(f"lem={lem}|dobj")
    for c in cue.children:  # what the cue governs: a clause's or object's head lemma (closed vocabulary)
        if c.dep_ in {"xcomp", "ccomp", "dobj", "acomp", "attr", "prep"} and c.i > cue.i:
            clem = c.lemma_.lower()
            f.append(f"{c.dep_}_lem={clem if clem in cue_vocab or clem in source_vocab else c.pos_}")
    if any(c.dep_ == "ccomp" and any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children)
           for c in cue.children):
        f.append("clausal_that")
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children):
        f.append("modal")
    return f


def _relation(cand: Candidate, speech: bool = False) -> Attribution | None:
    """An :class:`Attribution` for a candidate the rules did not produce: cue with its auxiliaries, the
    source's subtree (cut before the cue), what follows the cue as content."""
    tok, src = cand.cue, cand.source
    doc, sent = tok.doc, tok.sent
    content = content_for(tok, sent) if cand.kind == "verb" else None
    if content is None:
        right = [c for c in tok.children if c.i > tok.i and c.dep_ not in {"punct", "cc", "conj", "nsubj"}
                 and c.i != src.i]
        if right:
            content = trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)
    if cand.link == "poss":
        left, right_i = src.left_edge.i, src.i + 1
    else:
        left, right_i = subtree_range(src, exclude=tok)
    source = source_span(doc, left, right_i, src, content)
    if source is None:
        return None
    cue = cue_span(tok, sent)
    return Attribution(cue=cue, source=source, content=content, cue_text=doc_text(doc)[cue[0]:cue[1]],
                       source_text=doc_text(doc)[source[0]:source[1]], sentence_start=sent.start_char, speech=speech,
                       depth=len(list(tok.ancestors)))


def scored_candidates(doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate],
                      model: AttributionModel | None = None, cue_vocab: frozenset[str] | set[str] | None = None,
                      source_vocab: frozenset[str] | set[str] | None = None,
                      ) -> list[tuple[Candidate, Attribution | None]]:
    """The parse's candidates ``cands`` (:func:`.attribution_relations.candidates`) with their ``features``
    set, each with the rule-based relation sharing its cue (or None). The vocabularies are the ``model``'s
    when it is given (else ``cue_vocab``/``source_vocab``, as in training)."""
    if model is not None:
        cue_vocab, source_vocab = model.cue_vocab, model.source_vocab
    rules: dict[int, Attribution] = {}
    for a in rule_attrs:
        span = doc.char_span(a.cue[1] - 1, a.cue[1], alignment_mode="expand")
        if span is not None:
            rules.setdefault(span[-1].i, a)
    speech_contents = [a.content for a in rule_attrs if a.speech and a.content]
    quoted = quoted_spans(doc_text(doc))
    speakers = set()
    for a in rule_attrs:
        if a.speech and a.source is not None:
            span = doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
            if span is not None:
                speakers.add(span.root.lower_)
    inside = _within(speech_contents)
    nested = {c.cue.i for c in cands if inside(c.cue.idx)}
    out = []
    for c in cands:
        c.features = featurize(c, rules, nested, quoted, cue_vocab or set(), source_vocab or set())
        # the source's head word also heads the source of reported speech in the article (a speaker)
        c.features.append(f"speaker={c.source.lower_ in speakers}|{c.source.pos_ == 'PRON'}")
        out.append((c, rules.get(c.cue.i)))
    return out


def apply_model(doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate],
                model: AttributionModel) -> list[Attribution]:
    """Rule-based relations on core reporting cues kept as they are; other rule-based relations and new
    act/stance candidates (``cands``, the parse's :func:`.attribution_relations.candidates`) kept when the
    model scores them at or above its thresholds."""
    pairs = scored_candidates(doc, rule_attrs, cands, model)
    probs = [model.score(c.features) for c, _rule in pairs]
    return select(rule_attrs, pairs, probs, model.threshold, model.speech_threshold)


def select(rule_attrs: list[Attribution], pairs: list[tuple[Candidate, Attribution | None]],
           probs: list[float], threshold: float, speech_threshold: float) -> list[Attribution]:
    """The relations kept: rule-based speech on a core cue (or with no candidate on its cue); other
    rule-based speech when its probability reaches ``speech_threshold``; act/stance relations (the rules'
    or new ones, ``speech=False``) when it reaches ``threshold``. Removal only: no relation becomes speech."""
    by_cue = {c.cue.i: p for (c, _r), p in zip(pairs, probs)}
    rule_cues = {r.cue: c.cue.i for c, r in pairs if r is not None}
    keep: list[Attribution] = []
    for a in rule_attrs:
        p = by_cue.get(rule_cues.get(a.cue, -1))
        if p is None or (a.speech and is_core(a)):
            keep.append(a)
        elif p >= (speech_threshold if a.speech else threshold):
            keep.append(a)
    cues = {a.cue for a in keep}
    for (cand, rule), p in zip(pairs, probs):
        if rule is not None or p < threshold:
            continue
        rel = _relation(cand)
        if rel is not None and rel.cue not in cues:
            cues.add(rel.cue)
            keep.append(rel)
    return keep


def _within(spans: list[tuple[int, int]]):
    """A test of whether an offset lies in any of ``spans`` (start, end): a bisection over the spans sorted
    by start, with the furthest end reached so far, not a scan of them all per offset."""
    from bisect import bisect_right
    from itertools import accumulate

    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))

    def inside(x: int) -> bool:
        k = bisect_right(starts, x) - 1
        return k >= 0 and reach[k] > x
    return inside
