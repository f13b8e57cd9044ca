"""A contextual token tagger for attribution spans: which tokens are a source, a cue or a content.

The rules and the candidate classifier (``attribution_model``) only see relations the parse offers as a
(cue, subject) pair. The tagger reads every token in context instead: spaCy's own contextual token
vectors (``doc.tensor``, the ``tok2vec`` output the parser already computed), MiniLM's hidden states
for the token (``doc._.wirecheck_states``, from the pass that embeds the sentences, see
:mod:`wirecheck.nlp`) and a few categorical parse features (part of speech, dependency, entity, head,
closed-vocabulary lemma, quote marks, and the role the rules gave the token) go through a small
bidirectional LSTM, with one BIO head per role.

Weights are shipped as ``claims/models/attribution_tagger.npz`` (trained on PolNeAR train by
``benchmarks/train_attribution_tagger.py``; matrices stored as int8 with a scale per row); they hold
numbers and closed vocabularies only, no text.
Inference runs with PyTorch (CPU), imported on first use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, cast

from ..nlp import states_of
from .attribution_lexicon import CLAIM_NOUNS, CORE_CUES, CUE_VERBS, INTENT_VERBS, OBJECT_VERBS
from .attribution_relations import Attribution, Candidate, content_for, is_core, quoted_spans, trim
from .docs import doc_text

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc

MODEL_RESOURCE = "attribution_tagger.npz"
ROLES = ("source", "cue", "content")
TAGS = ("O", "B", "I")
FIELDS = ("pos", "tag", "dep", "ent", "lemma", "head_lemma", "head_pos", "shape", "rule", "cand", "quote", "lex")
MAX_TOKENS = 160  # longer sentences are tagged in windows of this many tokens
#: the word lists of the ``lex`` field, by the name the field gives them
LEXICON_LISTS = (("core", CORE_CUES), ("cue", CUE_VERBS), ("intent", INTENT_VERBS), ("object", OBJECT_VERBS),
                 ("noun", CLAIM_NOUNS))


def _shape(text: str) -> str:
    """A coarse word shape: Xx, x, X, d, p (punctuation) or o."""
    if text[:1].isdigit():
        return "d"
    if text.isalpha():
        return "X" if text.isupper() and len(text) > 1 else ("Xx" if text[:1].isupper() else "x")
    if all(not ch.isalnum() for ch in text):
        return "p"
    return "o"


def _lexicon(lemma: str, lists: tuple[tuple[str, set[str]], ...]) -> str:
    """Which of the attribution word ``lists`` a lemma is in (reporting verb, intent, object verb, claim noun)."""
    return "+".join(name for name, words in lists if lemma in words) or "-"


def token_features(doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate],
                   lemma_vocab: frozenset[str] | set[str]) -> list[list[str]]:
    """One list of categorical feature values per token, in the order of ``FIELDS``; ``cands`` are the
    parse's :func:`.attribution_relations.candidates`."""
    n = len(doc)
    rule = ["O"] * n
    for a in rule_attrs:
        kind = "s" if a.speech else "a"
        for role, span in (("T", a.content), ("S", a.source), ("C", a.cue)):
            if span is None:
                continue
            sp = doc.char_span(span[0], span[1], alignment_mode="expand")
            if sp is None:
                continue
            for t in sp:
                if rule[t.i] == "O" or role != "T":
                    rule[t.i] = role + kind
    cand = ["-"] * n
    for c in cands:
        cand[c.cue.i] = "cue" if cand[c.cue.i] in {"-", "cue"} else "both"
        cand[c.source.i] = "src" if cand[c.source.i] in {"-", "src"} else "both"
    quote = [False] * n
    for q0, q1 in quoted_spans(doc_text(doc)):
        sp = doc.char_span(q0, q1, alignment_mode="expand")
        if sp is not None:
            for t in sp:
                quote[t.i] = True
    out = []
    for t in doc:
        lemma = t.lemma_.lower()
        head_lemma = t.head.lemma_.lower()
        out.append([
            t.pos_, t.tag_, t.dep_, f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O",
            lemma if lemma in lemma_vocab else f"<{t.pos_}>",
            head_lemma if head_lemma in lemma_vocab else f"<{t.head.pos_}>",
            t.head.pos_ if t.head.i != t.i else "ROOT", _shape(t.text), rule[t.i], cand[t.i],
            str(quote[t.i]), _lexicon(lemma, LEXICON_LISTS),
        ])
    return out


def windows(doc: "Doc") -> list[tuple[int, int]]:
    """Token ranges the tagger reads: spaCy sentences, cut into ``MAX_TOKENS`` pieces when longer."""
    out = []
    for sent in doc.sents:
        for start in range(sent.start, sent.end, MAX_TOKENS):
            out.append((start, min(sent.end, start + MAX_TOKENS)))
    return out


def token_vectors(doc: "Doc", dim: int) -> "np.ndarray":
    """The tagger's contextual input, tokens × ``dim``: ``doc.tensor``, then the MiniLM token states when
    ``dim`` asks for them (a ValueError says what to run when they are missing)."""
    import numpy as np

    tensor = np.asarray(doc.tensor, dtype=np.float32)
    if tensor.ndim != 2 or tensor.shape[0] != len(doc):
        raise ValueError("the spaCy pipeline did not leave token vectors in doc.tensor")
    if dim == tensor.shape[1]:
        return tensor
    states = states_of(doc)
    if states is None:
        raise ValueError("the attribution tagger needs MiniLM token states on the parse: run "
                         "NLP.features(articles, docs) or NLP.token_states(docs) first")
    vectors = np.concatenate([tensor, states], axis=1)
    if vectors.shape[1] != dim:
        raise ValueError(f"the tagger expects {dim} input dimensions per token, the parse gives {vectors.shape[1]}")
    return vectors


def decode(tags: "np.ndarray") -> list[tuple[int, int]]:
    """Token ranges (start, end) of the spans in a BIO tag sequence (0 O, 1 B, 2 I); an I with no B opens a span."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, t in enumerate(list(tags) + [0]):
        if start is not None and t != 2:  # an O or a new B closes the open span
            spans.append((start, i))
            start = None
        if t != 0 and start is None:
            start = i
    return spans


@dataclass(slots=True)
class TaggedSpans:
    """Token ranges the tagger marks for each role, with the mean probability of the span's tags."""

    source: list[tuple[int, int, float]]
    cue: list[tuple[int, int, float]]
    content: list[tuple[int, int, float]]


class AttributionTagger:
    """The BiLSTM tagger (an ensemble whose tag probabilities are averaged) with its vocabularies and the
    thresholds of :func:`combine`; ``tag(doc, rule_attrs, cands)`` gives the spans per role."""

    def __init__(self, vocabs: dict[str, list[str]], dims: dict[str, int], state: dict[str, "np.ndarray"],
                 tensor_dim: int, hidden: int, proj: int, thresholds: dict[str, float] | None = None) -> None:
        self.vocabs = vocabs
        self.tensor_dim = tensor_dim
        self.thresholds = thresholds or {"keep": 0.4, "keep_core": 0.3, "add": 0.5, "confirm": 0.5}
        self.index = {f: {v: i for i, v in enumerate(vocabs[f])} for f in FIELDS}
        self.lemma_vocab = frozenset(vocabs["lemma"])
        # an ensemble: ``state`` holds each member's weights under "m0.", "m1.", ... (one fresh member if empty)
        prefixes = sorted({k.split(".", 1)[0] for k in state}) or ["m0"]
        self.modules = []
        for prefix in prefixes:
            module = build_module(vocabs, dims, tensor_dim, hidden, proj)
            if state:
                import torch

                module.load_state_dict({k.split(".", 1)[1]: torch.from_numpy(v.astype("float32"))
                                        for k, v in state.items() if k.split(".", 1)[0] == prefix})
            module.eval()
            self.modules.append(module)

    def encode(self, doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate]):
        """Feature ids (tokens × fields) and contextual vectors (tokens × dim) for a parsed article."""
        import numpy as np

        feats = token_features(doc, rule_attrs, cands, self.lemma_vocab)
        ids = np.array([[self.index[f].get(v, 0) for f, v in zip(FIELDS, row)] for row in feats], dtype=np.int64)
        return ids.reshape(len(doc), len(FIELDS)), token_vectors(doc, self.tensor_dim)

    def probabilities(self, doc: "Doc", ids: "np.ndarray", vectors: "np.ndarray") -> "np.ndarray":
        """Tag probabilities, tokens × roles × (O, B, I), from :meth:`encode`'s ``ids`` and ``vectors``."""
        import numpy as np
        import torch

        out = np.zeros((len(doc), len(ROLES), len(TAGS)), dtype=np.float32)
        spans = windows(doc)
        with torch.no_grad():
            for k in range(0, len(spans), 64):
                batch = spans[k:k + 64]
                width = max(e - s for s, e in batch)
                bid = torch.zeros((len(batch), width, len(FIELDS)), dtype=torch.long)
                bvec = torch.zeros((len(batch), width, vectors.shape[1]))
                lengths = []
                for j, (s, e) in enumerate(batch):
                    bid[j, :e - s] = torch.from_numpy(ids[s:e])
                    bvec[j, :e - s] = torch.from_numpy(vectors[s:e])
                    lengths.append(e - s)
                # a sum over the (never empty) ensemble: a tensor, not sum()'s start value 0
                probs = cast("torch.Tensor", sum(torch.softmax(m(bid, bvec, lengths), dim=-1)
                                                 for m in self.modules)).numpy()
                probs /= len(self.modules)
                for j, (s, e) in enumerate(batch):
                    out[s:e] = probs[j, :e - s]
        return out

    def tag(self, doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate]) -> TaggedSpans:
        """Spans per role from the most likely tag of each token."""
        probs = self.probabilities(doc, *self.encode(doc, rule_attrs, cands))
        found = []
        for r in range(len(ROLES)):
            best = probs[:, r].argmax(axis=1)
            found.append([(s, e, float(1.0 - probs[s:e, r, 0].mean())) for s, e in decode(best)])
        return TaggedSpans(*found)

    def apply(self, doc: "Doc", rule_attrs: list[Attribution], cands: list[Candidate],
              relations: list[Attribution]) -> list[Attribution]:
        """``relations`` (from the rules and the candidate model) reconciled with this tagger (:func:`combine`);
        ``rule_attrs`` and ``cands`` (the parse's candidates) are read as token features."""
        if not len(doc):
            return relations
        probs = self.probabilities(doc, *self.encode(doc, rule_attrs, cands))
        t = self.thresholds
        return combine(doc, relations, probs, t["keep"], t["keep_core"], t["add"], t.get("confirm", 1.1))


def build_module(vocabs: dict[str, list[str]], dims: dict[str, int], tensor_dim: int, hidden: int, proj: int):
    """The PyTorch module: field embeddings + token vectors -> projection -> BiLSTM -> one head per role."""
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeds = nn.ModuleList(nn.Embedding(len(vocabs[f]), dims[f]) for f in FIELDS)
            width = tensor_dim + sum(dims[f] for f in FIELDS)
            self.proj = nn.Linear(width, proj)
            self.drop = nn.Dropout(0.2)
            self.lstm = nn.LSTM(proj, hidden, batch_first=True, bidirectional=True)
            self.heads = nn.Linear(2 * hidden, len(ROLES) * len(TAGS))

        def forward(self, ids, vectors, lengths):
            parts = [emb(ids[..., k]) for k, emb in enumerate(self.embeds)]
            x = torch.relu(self.proj(torch.cat(parts + [vectors], dim=-1)))
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=True,
                                                       enforce_sorted=False)
            y, _ = self.lstm(packed)
            y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=ids.shape[1])
            y = self.drop(y)
            return self.heads(y).view(ids.shape[0], ids.shape[1], len(ROLES), len(TAGS))

    return Net()


def load_tagger(path: str | None = None) -> AttributionTagger:
    """Load the tagger shipped in the package (or from ``path``), or raise FileNotFoundError."""
    import numpy as np

    if path is None:
        ref = resources.files("wirecheck.claims").joinpath("models", MODEL_RESOURCE)
        with resources.as_file(ref) as p:
            data = dict(np.load(p, allow_pickle=False))
    else:
        data = dict(np.load(path, allow_pickle=False))
    meta = json.loads(bytes(data.pop("__meta__")).decode("utf-8"))
    return AttributionTagger(meta["vocabs"], meta["dims"], unpack_weights(data), meta["tensor_dim"],
                             meta["hidden"], meta["proj"], meta.get("thresholds"))


def pack_weights(state: dict[str, "np.ndarray"]) -> dict[str, "np.ndarray"]:
    """Weights for the ``.npz``: matrices as int8 with one float32 scale per row (``NAME.q``, ``NAME.scale``),
    vectors as float16. :func:`unpack_weights` reverses it."""
    import numpy as np

    out: dict[str, np.ndarray] = {}
    for name, w in state.items():
        w = np.asarray(w, dtype=np.float32)
        if w.ndim < 2:
            out[name] = w.astype(np.float16)
            continue
        rows = w.reshape(w.shape[0], -1)
        scale = np.abs(rows).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        out[name + ".q"] = np.round(rows / scale[:, None]).astype(np.int8).reshape(w.shape)
        out[name + ".scale"] = scale.astype(np.float32)
    return out


def unpack_weights(data: dict[str, "np.ndarray"]) -> dict[str, "np.ndarray"]:
    """Float32 weights from :func:`pack_weights`' arrays (plain float arrays pass through)."""
    import numpy as np

    out: dict[str, np.ndarray] = {}
    for name, arr in data.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(".q"):
            base = name[:-2]
            scale = data[base + ".scale"].astype(np.float32)
            out[base] = arr.astype(np.float32) * scale.reshape((-1,) + (1,) * (arr.ndim - 1))
        else:
            out[name] = arr.astype(np.float32)
    return out


def _token_range(doc: "Doc", span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Token range covering a character span, or None."""
    if span is None:
        return None
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None and len(sp) else None


def _span_prob(probs: "np.ndarray", role: int, rng: tuple[int, int]) -> float:
    """How strongly the tagger marks a token range for a role: the largest non-O probability inside it."""
    return float((1.0 - probs[rng[0]:rng[1], role, 0]).max())


def combine(doc: "Doc", relations: list[Attribution], probs: "np.ndarray", keep: float, keep_core: float,
            add: float, confirm: float = 1.1) -> list[Attribution]:
    """Reconcile the parse-based relations with the tagger.

    A relation whose source the tagger does not mark (largest source probability under ``keep``, or under
    ``keep_core`` for reported speech on a core cue such as "said") is dropped; a relation with no source is
    kept; a kept relation whose source span the tagger marks with mean probability ≥ ``confirm`` is
    ``tagged`` (kept when nested in a quote or another relation). A source span the tagger marks (mean
    probability ≥ ``add``) that no kept relation covers becomes a new ``tagged`` relation: its cue is the
    nearest tagged cue of the sentence (else the word the source depends on, else the nearest verb), its
    content the nearest tagged content (else the cue's complement); it is reported speech when the cue is
    a reporting verb.
    """
    kept: list[Attribution] = []
    for rel in relations:
        rng = _token_range(doc, rel.source)
        if rng is None:
            kept.append(rel)
            continue
        p = _span_prob(probs, 0, rng)
        if p >= (keep_core if rel.speech and is_core(rel) else keep):
            if confirm <= 1.0 and float(1.0 - probs[rng[0]:rng[1], 0, 0].mean()) >= confirm:
                rel = replace(rel, tagged=True)
            kept.append(rel)
    covered = [r for r in (_token_range(doc, k.source) for k in kept) if r is not None]
    best = [probs[:, r].argmax(axis=1) for r in range(len(ROLES))]
    cues = decode(best[1])
    contents = decode(best[2])
    used = {k.cue for k in kept}
    for s, e in decode(best[0]):
        if any(a < e and s < b for a, b in covered) or float(1.0 - probs[s:e, 0, 0].mean()) < add:
            continue
        sent = doc[s].sent
        near = [c for c in cues if sent.start <= c[0] < sent.end and not (c[0] < e and s < c[1])]
        if near:
            c0, c1 = min(near, key=lambda c: min(abs(c[0] - e), abs(s - c[1])))
            cue_tok = max(doc[c0:c1], key=lambda t: t.pos_ in {"VERB", "NOUN", "ADJ"})
        else:
            root = doc[s:e].root
            if root.head.i != root.i and not (s <= root.head.i < e):
                cue_tok = root.head
            else:  # the source heads its sentence: the nearest verb outside it
                verbs = [t for t in sent if t.pos_ == "VERB" and not (s <= t.i < e)]
                if not verbs:
                    continue
                cue_tok = min(verbs, key=lambda t: min(abs(t.i - e), abs(s - t.i)))
            c0, c1 = cue_tok.i, cue_tok.i + 1
        cue = (doc[c0].idx, doc[c1 - 1].idx + len(doc[c1 - 1]))
        if cue in used:
            continue
        inside = [t for t in contents if sent.start <= t[0] < sent.end and not (t[0] < e and s < t[1])]
        if inside:
            t0, t1 = min(inside, key=lambda t: abs(t[0] - c1))
            content = trim(doc, t0, t1)
        else:
            content = content_for(cue_tok, sent)
        source = trim(doc, s, e)
        if source is None:
            continue
        used.add(cue)
        covered.append((s, e))
        kept.append(Attribution(
            cue=cue, source=source, content=content, cue_text=doc_text(doc)[cue[0]:cue[1]],
            source_text=doc_text(doc)[source[0]:source[1]], sentence_start=sent.start_char,
            speech=cue_tok.lemma_.lower() in CUE_VERBS, depth=len(list(cue_tok.ancestors)), tagged=True,
        ))
    return kept
