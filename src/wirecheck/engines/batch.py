"""The per-article work of a run as library functions over records, which every engine runs (issue #13).

:func:`prepare` cleans one read article and detects its language; :func:`analyse_batch` parses, embeds
and reads the claims of a batch of prepared articles (a text over ``nlp.max_chars`` in pieces, through
:func:`wirecheck.longtext.analyse_text`). Both take the models they use (:class:`Models`) and touch no
file and no store: the local engine calls them in this process, the Ray engine in model-holding actors,
and the runner (:mod:`wirecheck.pipeline`) stores what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..config import Config, ConfigError
from ..records import Article, ArticleClaims, ArticleFeatures, RawArticle, Rejected
from ..timing import timed

if TYPE_CHECKING:
    from ..language import Detector
    from ..nlp import NLP


@dataclass(slots=True, frozen=True)
class Analysed:
    """One article's per-article results: its features and claims, and the warnings analysing it gave
    (its text analysed in pieces, its claims missing because extraction failed)."""

    article: Article
    features: ArticleFeatures
    claims: ArticleClaims
    warnings: list[Rejected] = field(default_factory=list)


class Models:
    """The models the per-article work uses, each loaded once, on first use, for the life of this object
    (a run, or a Ray worker): the NLP models, the attribution models, the language detector."""

    def __init__(self, config: Config, nlp: NLP | None = None, device: str = "cpu") -> None:
        self.config = config
        self.device = device  # cpu, cuda or auto (see resolve_device), resolved when the models load
        self._nlp = nlp
        self._placed = device == "cpu"  # the embedding model loads on the CPU; moved once when not
        self._attribution: Any = None
        self._detector: Detector | None = None

    @property
    def nlp(self) -> NLP:
        """spaCy and MiniLM (:class:`wirecheck.nlp.NLP`), the embedding model on ``device``."""
        if self._nlp is None:
            from ..nlp import NLP

            self._nlp = NLP(self.config.nlp)
        if not self._placed:
            device = resolve_device(self.device)
            if device != "cpu":
                self._nlp.embedder.to(device)
            self._placed = True
        return self._nlp

    def load(self) -> None:
        """Load every model now (a worker does at start, rather than in its first batch)."""
        nlp = self.nlp
        _ = (nlp.spacy, nlp.embedder, self.attribution, self.detector)

    @property
    def attribution(self) -> Any:
        """The attribution classifier and tagger (:func:`wirecheck.claims.attribution.load_attribution_models`)."""
        if self._attribution is None:
            from ..claims.attribution import load_attribution_models

            self._attribution = load_attribution_models()
        return self._attribution

    @property
    def detector(self) -> Detector | None:
        """The language detector, or None when ``language.detect`` is off."""
        if self._detector is None and self.config.language.detect:
            from ..language import load_detector

            self._detector = load_detector()
        return self._detector


def resolve_device(choice: str, cuda_available: Callable[[], bool] | None = None) -> str:
    """The device the embedding model runs on for ``engine.device`` (``cpu``, ``cuda`` or ``auto``):
    ``auto`` is ``cuda`` when PyTorch sees a CUDA device, else ``cpu``; ``cuda`` without one is a
    :class:`~wirecheck.config.ConfigError`. ``cuda_available`` defaults to ``torch.cuda.is_available``
    (imported only when the choice needs it)."""
    if choice == "cpu":
        return "cpu"
    if cuda_available is None:
        import torch

        cuda_available = torch.cuda.is_available
    if cuda_available():
        return "cuda"
    if choice == "cuda":
        raise ConfigError("engine.device: cuda asked for, but PyTorch sees no CUDA device (use cpu or auto)")
    return "cpu"


def prepare(item: RawArticle, config: Config, detector: Detector | None) -> Article | Rejected:
    """One read article cleaned (:func:`wirecheck.clean.clean_article`), with its language, the stages
    it skips for it, and its capture time; a :class:`Rejected` (never an exception) when it cannot be
    cleaned or is too short."""
    from ..clean import clean_article
    from ..language import article_language, skipped_stages

    try:
        cleaned = clean_article(item, config.ingest)
    except Exception as exc:  # a reader or cleaner bug must not stop the run
        return Rejected(item.source, f"could not clean article: {type(exc).__name__}: {exc}")
    if isinstance(cleaned, Rejected):
        return cleaned
    language = article_language(cleaned.text, cleaned.language, detector, config.language)
    stages = list(dict.fromkeys([*cleaned.skipped_stages, *skipped_stages(language, config.language)]))
    return replace(cleaned, language=language, skipped_stages=stages, captured=item.captured)


def analyse_batch(articles: Sequence[Article], models: Models, config: Config,
                  timings: dict[str, float] | None = None) -> list[Analysed]:
    """Features and claims of each article in ``articles``, in order.

    Texts within ``nlp.max_chars`` are parsed and embedded together; a longer one is analysed whole, in
    pieces, on its own (with a warning saying so). An article whose claim extraction fails keeps its
    features, with no claims and a warning; articles whose ``skipped_stages`` name the claim stage (another
    language, a text under ``ingest.min_words``) get no claims. ``timings`` gains the seconds of
    ``analyse_articles.parse``, ``.features`` and ``.claims``."""
    from ..claims import extract_claims
    from ..longtext import analyse_text
    from ..nlp import pieces_note

    times = timings if timings is not None else {}
    if not articles:
        return []
    nlp = models.nlp
    limit = nlp.config.max_chars
    whole = [a for a in articles if len(a.text) <= limit]  # a longer text is analysed in pieces, on its own
    with timed(times, "analyse_articles.parse"):
        parsed = nlp.parse(a.text for a in whole)
    with timed(times, "analyse_articles.features"):  # embeddings and token states
        features = dict(zip(map(id, whole), nlp.features(whole, parsed)))
    docs = dict(zip(map(id, whole), parsed))
    out: list[Analysed] = []
    for article in articles:
        claims = ArticleClaims(article.id, [], [])
        wanted = "claims" not in article.skipped_stages  # skipped: another language, or a text too short
        warnings: list[Rejected] = []
        try:
            if id(article) not in docs:
                piece_times: dict[str, float] = {}
                feats, claims, pieces = analyse_text(nlp, article, config.claims, models.attribution,
                                                     piece_times, wanted)
                for step, seconds in piece_times.items():
                    stage = f"analyse_articles.{step}"
                    times[stage] = times.get(stage, 0.0) + seconds
                note = pieces_note(article.text, pieces, limit)
                if note:
                    warnings.append(Rejected(article.source, note))
            else:
                feats = features[id(article)]
                if wanted:
                    with timed(times, "analyse_articles.claims"):
                        claims = extract_claims(article, docs[id(article)], feats.sentences, config.claims,
                                                models.attribution)
        except Exception as exc:  # keep the article; say why its claims are missing
            warnings.append(Rejected(article.source, f"stored without claims: claim extraction failed: "
                                                      f"{type(exc).__name__}: {exc}"))
            if id(article) not in docs:  # its features, without claims
                feats = analyse_text(nlp, article, config.claims, claims=False)[0]
        out.append(Analysed(article, feats, claims, warnings))
    return out
