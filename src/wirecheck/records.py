"""Typed records passed between wirecheck's pipeline stages.

Every stage is a function from records to records. Text is referred to by
character offsets (``start``, ``end``) into one canonical clean text, the
``Article.text``; records never carry copies of article text except where a
field is explicitly a rendering (``Removed.text``, ``Variant.text``).

Records are plain dataclasses so they stay cheap to build, compare and
serialise; they are frozen except where a stage fills one in after building it
(``Clues``, ``Quantity``, ``ClaimMention``, ``Claim``). These definitions are
the one description of every record: the store's rows (:mod:`wirecheck.codec`,
:mod:`wirecheck.store`), the report contract (:mod:`wirecheck.report.contract`)
and its JSON Schema (:mod:`wirecheck.report.schema_gen`) are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # numpy is only needed for type hints here
    from numpy import ndarray as Array
else:
    class Array:
        """Stands for ``numpy.ndarray`` in annotations at run time, so they resolve without numpy."""

# ---------------------------------------------------------------- vocabularies

RemovedKind = Literal[
    "share", "related", "comments", "tags", "source_link", "related_sources",
    "caption", "credit", "newsletter", "advertisement", "navigation", "byline", "other",
]
DerivationKind = Literal["copy", "rewrite", "shared_origin"]
ClaimKind = Literal["quantity", "quote", "statement"]
Bound = Literal["exact", "about", "at_least", "more_than", "at_most", "nearly", "less_than"]
Certainty = Literal["asserted", "attributed", "hedged", "unverified", "denied"]
ClaimStatus = Literal["corroborated", "single_source", "disputed"]
DiscrepancyKind = Literal["value", "role", "certainty", "date", "place", "attribution", "other"]
StoryChangeKind = Literal["merge", "split"]
CorrectionKind = Literal[
    "merge", "move", "split", "confirm_edge", "reject_edge", "discrepancy_resolved", "discrepancy_wrong",
]


# ---------------------------------------------------------------- ingestion


@dataclass(slots=True, frozen=True)
class RawArticle:
    """One article as read from an input, before cleaning.

    Exactly one of ``text`` (a plain-text dump) or ``html`` is set.
    ``source`` is the file path as given, ``FILE#ID-or-line`` for a record
    inside a file, or the URL.
    """

    source: str
    fmt: Literal["text", "html", "json"]
    text: str | None = None
    html: str | None = None
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None  # the codec the input's bytes were decoded with (Python's name: utf-8, cp1252...)
    captured: str | None = None  # ISO-8601 time the page was captured (WARC-Date) or fetched, apart from published


@dataclass(slots=True, frozen=True)
class Rejected:
    """An input that could not be read, with a plain-language reason."""

    source: str
    reason: str


@dataclass(slots=True, frozen=True)
class ShortText(Rejected):
    """A text too short to cluster (fewer than ``ingest.min_cluster_words`` words of text and headline after
    cleaning): rejected, and kept with its cleaned text and title, so a report shows what the input said and
    why it is in no story. (A text under ``ingest.min_words`` but not this short is clustered without claims.)"""

    text: str = ""
    title: str | None = None


@dataclass(slots=True, frozen=True)
class Removed:
    """A piece of site furniture taken out of the article text, kept aside."""

    kind: RemovedKind
    text: str


@dataclass(slots=True)
class Clues:
    """Provenance clues kept as fields rather than deleted with furniture."""

    dateline: str | None = None
    wire_credits: list[str] = field(default_factory=list)
    originally_appeared: str | None = None
    photo_credits: list[str] = field(default_factory=list)
    byline: str | None = None
    #: How ``Article.outlet`` was found: "record", "page metadata", or for an outlet
    #: read from the page's own furniture "<clue>: <furniture line>"; None when unknown.
    outlet_from: str | None = None


@dataclass(slots=True, frozen=True)
class Article:
    """A cleaned article. ``text`` is the canonical clean text every offset points into."""

    id: str
    source: str
    text: str
    title: str | None = None
    external_id: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    clues: Clues = field(default_factory=Clues)
    seq: int = 0  # arrival order in the store, for stable ordering without dates
    # the codec the input file's bytes were decoded with (Python's name: utf-8, utf-16, cp1252, iso8859-1...);
    # None for a record read from JSON lines
    encoding: str | None = None
    captured: str | None = None  # ISO-8601 time the page was captured (WARC-Date) or fetched; not set for files
    # pipeline stages not run for the article (its language is not one they handle: "claims"); [] when all ran
    skipped_stages: list[str] = field(default_factory=list)
    # the stored article this one is a revision of (same URL, or same outlet and id, with a changed text)
    revision_of: str | None = None


# ---------------------------------------------------------------- NLP features


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence of an article, by offsets into ``Article.text``."""

    index: int
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class EntityMention:
    """A named entity found by spaCy, by offsets into ``Article.text``."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, DATE, ...


@dataclass(slots=True, frozen=True)
class ArticleFeatures:
    """Everything the per-story stages need from one article's NLP pass.

    Computed once per article and stored, so later story analyses never
    re-parse text. ``doc_embedding`` embeds headline and lead;
    ``sentence_embeddings`` has one L2-normalised row per sentence.
    """

    article_id: str
    sentences: list[Sentence]
    entities: list[EntityMention]
    lemmas: list[str]  # content-word lemmas, lowercased, in order
    numbers: list[str]  # specific numbers as normalised strings ("212", "14.5")
    doc_embedding: Array
    sentence_embeddings: Array


# ---------------------------------------------------------------- claims (per article)


@dataclass(slots=True)
class Quantity:
    """A number with what it counts. ``start``/``end`` cover the whole phrase."""

    value: float
    noun: str
    bound: Bound = "exact"
    unit: str | None = None  # normalised unit ("sq km", "%", "USD") or None for counts
    type: str = "count"  # count | percent | money | measure | age | date | time
    predicate: str | None = None  # role in its sentence: launched, intercepted, killed...
    alt_value: float | None = None  # value in an alternative unit (e.g. sq miles → sq km)
    alt_unit: str | None = None
    start: int = 0
    end: int = 0
    high: float | None = None  # upper end of a range ("10 to 20", "hundreds of"); ``value`` is the lower end
    # how the figure describes a change: "up"/"down" (the size of a rise or fall: "rose 5%", "down 19 cents"),
    # "from"/"to" (the old and the new level: "fell from $90 to $80", "rose 2% to 164p"); None otherwise
    change: str | None = None
    vague: bool = False  # a vague plural ("hundreds of", "dozens of"): compatible with any figure it contains


@dataclass(slots=True, frozen=True)
class Quote:
    """A direct quote with its speaker (normalised to the longest name used)."""

    text: str
    speaker: str | None
    start: int = 0  # offsets of the quoted words, without the quote marks
    end: int = 0


@dataclass(slots=True)
class ClaimMention:
    """One claim as worded in one article (what becomes a ``support`` after alignment).

    ``start``/``end`` span the claim sentence (or the quote); ``text`` is that
    span's text, kept for convenience when rendering.
    """

    article_id: str
    kind: ClaimKind
    start: int
    end: int
    text: str
    certainty: Certainty = "asserted"
    attributed_to: str | None = None
    cue: str | None = None
    negated: bool = False
    quantity: Quantity | None = None
    quote: Quote | None = None
    sentence_index: int = -1
    # the clause or phrase that states the claim ("Russia launched 653 drones"); 0/0 when unknown
    label_start: int = 0
    label_end: int = 0
    scope: str | None = None  # the part of a whole a figure counts ("kyiv", "part", "beside"); None for the whole
    period: str | None = None  # when the clause is set if not the story's time ("2019", "earlier")
    subject: str | None = None  # who the clause is about when named ("Earl Clark" of "Earl Clark had 16 rebounds")
    context: str | None = None  # places and qualifiers of the figure ("athens", "punt return"), comma-joined
    # a statement's main verb, lemmatised ("promote"; "be" for a state: "Felt was deputy director in 1972")
    predicate: str | None = None
    # the clause's L2-normalised MiniLM vector (statements and figures: the mean of the sentence pass's last-layer
    # token states over the label); None when the parse carried no token states
    label_vector: Array | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, frozen=True)
class RoleMention:
    """A person given a role or title in one article ("UN Special Envoy Maria Lopez")."""

    article_id: str
    person: str  # canonical (longest) name used in the article
    role: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class ArticleClaims:
    """The claim stage's output for one article."""

    article_id: str
    mentions: list[ClaimMention]
    roles: list[RoleMention]


# ---------------------------------------------------------------- clustering


@dataclass(slots=True, frozen=True)
class Assignment:
    """Why an article is in a story: the decision with its score and signals."""

    article_id: str
    story_id: str
    score: float
    new_story: bool
    signals: dict[str, float] = field(default_factory=dict)
    reason: str = ""


@dataclass(slots=True, frozen=True)
class StoryChange:
    """A change of membership the clusterer decided after the fact.

    ``merge``: story ``story`` is absorbed into ``into`` (all its articles move).
    ``split``: the ``articles`` listed leave ``story`` for the new story ``into``.
    """

    kind: StoryChangeKind
    story: str
    into: str
    articles: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- story analysis


@dataclass(slots=True, frozen=True)
class SpanPair:
    """An aligned pair: ``start``/``end`` in the derived article, ``source_*`` in the source."""

    start: int
    end: int
    source_start: int
    source_end: int
    similarity: float = 1.0


@dataclass(slots=True, frozen=True)
class Derivation:
    """``article`` copies or rewrites ``derived_from`` (or both share an unseen origin)."""

    article: str
    derived_from: str
    kind: DerivationKind
    score: float
    direction_known: bool = True
    evidence: list[SpanPair] = field(default_factory=list)
    reason: str = ""


@dataclass(slots=True, frozen=True)
class ArticleProvenance:
    """Per-article provenance figures inside one story."""

    article_id: str
    aligned_share: float  # share of its sentences aligned to an earlier article
    gain: list[int] = field(default_factory=list)  # sentence indexes adding new facts
    likely_rewrite: bool = False
    # claim ids only this article reports, or where its wording stands alone in a discrepancy
    adds: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)  # claim ids it shares with earlier articles
    reason: str = ""  # why it is (or is not) a likely rewrite


@dataclass(slots=True, frozen=True)
class SentenceAlignment:
    """Sentences of ``article`` aligned to sentences of ``other`` (one-to-one).

    Each ``SpanPair`` has ``start``/``end`` in ``article`` and ``source_*`` in
    ``other``; ``*_coverage`` is the share of each side's sentences aligned.
    """

    article: str
    other: str
    pairs: list[SpanPair] = field(default_factory=list)
    article_coverage: float = 0.0
    other_coverage: float = 0.0


@dataclass(slots=True, frozen=True)
class ProvenanceResult:
    """The provenance stage's output for one story.

    ``origins`` are groups of article ids sharing an origin (every article in
    exactly one group, groups ordered by their earliest member).
    """

    derivations: list[Derivation] = field(default_factory=list)
    origins: list[list[str]] = field(default_factory=list)
    articles: list[ArticleProvenance] = field(default_factory=list)
    alignments: list[SentenceAlignment] = field(default_factory=list)

    @property
    def independent_sources(self) -> int:
        return len(self.origins)


@dataclass(slots=True, frozen=True)
class Support:
    """One article's support for an aligned claim."""

    article: str
    start: int
    end: int
    text: str
    certainty: Certainty
    attributed_to: str | None = None
    cue: str | None = None
    quantity: Quantity | None = None
    label_start: int = 0  # the clause stating the claim in this article
    label_end: int = 0
    origin: int = 0  # index of the article's origin group in ``StoryAnalysis.origins``
    predicate: str | None = None  # the statement's main verb, lemmatised (``ClaimMention.predicate``)


@dataclass(slots=True, frozen=True)
class FigurePoint:
    """One value of a figure that changed over time, as one article gave it."""

    article: str
    published: str | None
    value: str  # as the outlet wrote it ("at least 7 people")


@dataclass(slots=True)
class Claim:
    """A claim aligned across the articles of a story."""

    id: str
    kind: ClaimKind
    text: str
    quantity: Quantity | None
    quote: Quote | None
    support: list[Support]
    independent_support: int = 0
    status: ClaimStatus = "single_source"
    label: str = ""  # the clause that states it, from its most precise mention ("eight people were wounded")
    timeline: list[FigurePoint] = field(default_factory=list)  # the figure's changes over time, oldest first


@dataclass(slots=True, frozen=True)
class Variant:
    """How one article words a disputed point."""

    article: str
    text: str
    value: str | None = None  # the disputed value as written ("181 people", "General", "Radan Voss")
    origin: int | None = None  # the article's origin group in ``StoryAnalysis.origins``


@dataclass(slots=True, frozen=True)
class Discrepancy:
    """Where outlets disagree, and how."""

    id: str
    kind: DiscrepancyKind
    summary: str
    claims: list[str]
    articles: list[str]
    variants: list[Variant]


@dataclass(slots=True, frozen=True)
class BriefSentence:
    """One extractive sentence of the brief with the articles that support it."""

    text: str
    citations: list[str]
    article: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True, frozen=True)
class RoleGroup:
    """The articles that give a story entity one role or title."""

    role: str
    articles: list[str]


@dataclass(slots=True, frozen=True)
class StoryEntity:
    """A named entity of a story, with the articles naming it and the roles they give it."""

    name: str
    type: str
    articles: list[str]
    roles: list[RoleGroup] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Revision:
    """A new revision of an article in a story: the claims it states that the previous one did not, and the
    other way round (each as its sentence or quote)."""

    article: str
    previous: str  # the article it revises (no longer one of the story's articles)
    time: str | None = None  # when the revision was published, else captured or fetched
    previous_time: str | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class StoryAnalysis:
    """The full analysis of one story; reports are renderings of these."""

    story_id: str
    title: str
    articles: list[str]
    derivations: list[Derivation] = field(default_factory=list)
    origins: list[list[str]] = field(default_factory=list)
    provenance: list[ArticleProvenance] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    brief: list[BriefSentence] = field(default_factory=list)
    entities: list[StoryEntity] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)  # articles revised since first read, oldest first

    @property
    def independent_sources(self) -> int:
        return len(self.origins)


# ---------------------------------------------------------------- analyst corrections


@dataclass(slots=True, frozen=True)
class Correction:
    """An analyst's correction of the analysis (made in the web UI), kept as an event.

    Membership corrections (merge, move, split) are applied again after every later run's clustering,
    so they survive re-analysis; the others annotate a derivation edge or a discrepancy.
    """

    id: int
    at: str  # ISO-8601 UTC time the correction was made
    kind: CorrectionKind
    # what it applies to: merge [story, into story]; move [article, to story]; split [story, article, ...];
    # confirm_edge / reject_edge [article, derived_from]; discrepancy_resolved / discrepancy_wrong [story, discrepancy]
    targets: list[str]
    note: str = ""
    undone: bool = False
    undone_at: str | None = None  # when it was undone
