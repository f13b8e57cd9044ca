"""A small learned layer over the attribution rules: which (cue, source) pairs are attributions.

Candidates are every predicate in the parse with a nominal source: a verb with its subject (or the agent
of a passive, or the subject of the verb it is coordinated with), "be" with an adjective complement
("X is skeptical of ..."), and a noun with a possessor or a "from/by X" phrase ("his criticism of ...").
Each candidate is described by binary, closed-vocabulary features only (parse labels, entity labels,
pronoun class, frequent cue lemmas, the rule-based verdict, positions), so the shipped weights hold no
article text. Scoring is a dot product of a logistic regression stored as JSON in
``claims/models/attribution.json`` (trained by ``benchmarks/train_attribution.py`` on PolNeAR train).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .attribution import Attribution

MODEL_RESOURCE = "attribution.json"
ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
PRONOUN_CLASSES = {
    "he": "3sg", "she": "3sg", "him": "3sg", "her": "3sg", "they": "3pl", "them": "3pl", "we": "1pl",
    "us": "1pl", "i": "1sg", "me": "1sg", "you": "2", "it": "it", "who": "wh", "that": "wh", "which": "wh",
    "this": "dem", "these": "dem", "those": "dem", "everyone": "q", "nobody": "q", "someone": "q",
}
CHILD_DEPS = ("ccomp", "xcomp", "dobj", "prep", "dative", "acomp", "attr", "advcl", "neg", "aux", "auxpass",
              "advmod", "agent", "oprd", "npadvmod", "parataxis", "mark")


@dataclass(slots=True)
class Candidate:
    """One (cue token, source token) pair with its spans and features."""

    cue: "Token"
    source: "Token"
    kind: str  # verb | be | noun
    link: str  # how the source attaches: the dep of the source, or "conj" when inherited
    features: list[str] = field(default_factory=list)


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
        threshold=float(data["threshold"]), speech_threshold=float(data["speech_threshold"]), cue_vocab=frozenset(data["vocab"]["cue_lemma"]),
        source_vocab=frozenset(data["vocab"]["source_lemma"]),
    )


def _subject(verb: "Token", hops: int = 0) -> "tuple[Token, str] | None":
    """The nominal subject nearest a verb, a passive's agent, or the subject of the verb it is joined to."""
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
        inherited = _subject(verb.head, hops + 1)
        if inherited is not None:
            return inherited[0], "inh_" + verb.dep_
    return None


def candidates(doc: "Doc") -> list[Candidate]:
    """Every (cue, source) pair of the parse whose source is a noun, name or pronoun."""
    out: list[Candidate] = []
    for tok in doc:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in {"ROOT", "ccomp", "conj", "advcl", "relcl",
                                                                    "xcomp", "parataxis"}):
            if tok.pos_ == "AUX" and not any(c.dep_ in {"acomp", "attr"} for c in tok.children):
                continue
            found = _subject(tok)
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


def featurize(cand: Candidate, rules: dict[int, "Attribution"], nested: set[int], quoted: list[tuple[int, int]],
              cue_vocab: frozenset[str] | set[str], source_vocab: frozenset[str] | set[str]) -> list[str]:
    """Binary features of one candidate. ``rules`` maps cue token index -> rule-based relation, ``nested``
    holds token indices inside the content of a rule-based speech relation, ``quoted`` the quoted spans."""
    from .attribution import AGENT_NOUNS, CUE_VERBS, INTENT_VERBS, OBJECT_VERBS
    from .names import TITLE_WORDS

    cue, src = cand.cue, cand.source
    lemma = cue_lemma(cue)
    lem = lemma if lemma in cue_vocab else "<unk>"
    slemma = src.lemma_.lower()
    ent = src.ent_type_ if src.ent_type_ in ENT_LABELS else "O"
    pron = PRONOUN_CLASSES.get(src.lower_, "other") if src.pos_ == "PRON" else "none"
    person = ent == "PERSON" or pron in {"3sg", "1sg", "1pl", "2"}
    agentive = person or ent in ENT_LABELS or slemma in AGENT_NOUNS or slemma in TITLE_WORDS or pron == "3pl"
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


def _relation(cand: Candidate, speech: bool = False) -> "Attribution | None":
    """An :class:`Attribution` for a candidate the rules did not produce: cue with its auxiliaries, the
    source's subtree (cut before the cue), what follows the cue as content."""
    from .attribution import Attribution, _content_for, _subtree_range, _trim

    tok, src = cand.cue, cand.source
    doc, sent = tok.doc, tok.sent
    lo = tok.i
    while lo - 1 >= sent.start and doc[lo - 1].dep_ in {"aux", "auxpass", "neg"} and doc[lo - 1].head.i == tok.i:
        lo -= 1
    content = _content_for(tok, sent) if cand.kind == "verb" else None
    if content is None:
        right = [c for c in tok.children if c.i > tok.i and c.dep_ not in {"punct", "cc", "conj", "nsubj"}
                 and c.i != src.i]
        if right:
            content = _trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)
    if cand.link == "poss":
        left, right_i = src.left_edge.i, src.i + 1
    else:
        left, right_i = _subtree_range(src, exclude=tok)
    source = _trim(doc, left, right_i)
    if source is None:
        return None
    if content and source[0] < content[1] and content[0] < source[1]:
        source = _trim(doc, src.i, src.i + 1)
    cue = (doc[lo].idx, tok.idx + len(tok))
    return Attribution(cue=cue, source=source, content=content, cue_text=doc.text[cue[0]:cue[1]],
                       source_text=doc.text[source[0]:source[1]], sentence_start=sent.start_char, speech=speech,
                       depth=len(list(tok.ancestors)))


def scored_candidates(doc: "Doc", rule_attrs: list["Attribution"], model: AttributionModel | None = None,
                      cue_vocab: frozenset[str] | set[str] | None = None,
                      source_vocab: frozenset[str] | set[str] | None = None) -> list[tuple[Candidate, "Attribution | None"]]:
    """Featurized candidates of a parse, each with the rule-based relation sharing its cue (or None)."""
    from .attribution import QUOTED_RE

    if model is not None:
        cue_vocab, source_vocab = model.cue_vocab, model.source_vocab
    rules: dict[int, "Attribution"] = {}
    for a in rule_attrs:
        span = doc.char_span(a.cue[1] - 1, a.cue[1], alignment_mode="expand")
        if span is not None:
            rules.setdefault(span[-1].i, a)
    speech_contents = [a.content for a in rule_attrs if a.speech and a.content]
    quoted = [(m.start(), m.end()) for m in QUOTED_RE.finditer(doc.text)]
    cands = candidates(doc)
    speakers = set()
    for a in rule_attrs:
        if a.speech and a.source is not None:
            span = doc.char_span(a.source[0], a.source[1], alignment_mode="expand")
            if span is not None:
                speakers.add(span.root.lower_)
    nested = {c.cue.i for c in cands if any(s <= c.cue.idx < e for s, e in speech_contents)}
    out = []
    for c in cands:
        c.features = featurize(c, rules, nested, quoted, cue_vocab or set(), source_vocab or set())
        # the source's head word also heads the source of reported speech in the article (a speaker)
        c.features.append(f"speaker={c.source.lower_ in speakers}|{c.source.pos_ == 'PRON'}")
        out.append((c, rules.get(c.cue.i)))
    return out


def is_core(rel: "Attribution") -> bool:
    """A relation on a core reporting cue ("said", "told", "according to", ...) that the rules always keep."""
    from .attribution import CORE_CUES

    return any(w in CORE_CUES for w in rel.cue_text.lower().split())


def apply_model(doc: "Doc", rule_attrs: list["Attribution"], model: AttributionModel) -> list["Attribution"]:
    """Rule-based relations on core reporting cues kept as they are; other rule-based relations and new
    act/stance candidates kept when the model scores them at or above its thresholds."""
    pairs = scored_candidates(doc, rule_attrs, model)
    probs = [model.score(c.features) for c, _rule in pairs]
    return select(rule_attrs, pairs, probs, model.threshold, model.speech_threshold)


def select(rule_attrs: list["Attribution"], pairs: list[tuple[Candidate, "Attribution | None"]],
           probs: list[float], threshold: float, speech_threshold: float) -> list["Attribution"]:
    """The relations kept: rule-based speech on a core cue (or with no candidate on its cue); other
    rule-based speech when its probability reaches ``speech_threshold``; act/stance relations (the rules'
    or new ones, ``speech=False``) when it reaches ``threshold``. Removal only: no relation becomes speech."""
    by_cue = {c.cue.i: p for (c, _r), p in zip(pairs, probs)}
    rule_cues = {r.cue: c.cue.i for c, r in pairs if r is not None}
    keep: list["Attribution"] = []
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
