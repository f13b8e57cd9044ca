"""Story profiles, global statistics and the per-article view the scorer compares.

A :class:`StoryProfile` is what the clusterer remembers about a story: its
members, the running mean of their headline+lead embeddings (the centroid),
lemma counts, entity/number/date weights and its time span. :class:`ClusterState`
holds every profile plus the corpus statistics (document frequencies) that give
rare entities and lemmas their weight. Both serialise to JSON-able plain data.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..dates import MONTHS, WEEKDAYS, timestamp
from ..language import ANALYSIS_LANGUAGE, cluster_language
from ..text import STOP_WORDS, bare_name, normalise_number, singular

if TYPE_CHECKING:
    from ..config import ClusterConfig
    from ..records import Article, ArticleFeatures
    from .places import Gazetteer

#: entity label -> group compared by the scorer (people, places, organisations, dates)
LABEL_GROUP = {
    "PERSON": "P", "GPE": "L", "LOC": "L", "FAC": "L",
    "ORG": "O", "NORP": "O", "EVENT": "O", "PRODUCT": "O", "WORK_OF_ART": "O", "LAW": "O",
    "DATE": "D",
}
#: key prefixes: P people, L places, O organisations, D month[-day] dates ("D:03-14", "D:03"),
#: W weekdays, Y years, N numbers, Q a number with the noun it counts ("Q:pirate=26")
_NUM_RE = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_DATE_WORD_RE = re.compile(r"[a-z]+|\d+")
_NOUN_AFTER_RE = re.compile(r"[ \t]?(?:-[ \t]?)?([A-Za-z][a-z]{2,})\b")
_SCALE = {"million", "billion", "thousand", "hundred", "trillion", "mn", "bn"}
_NOT_NOUNS = set("""the and for from with but that this than then into onto over under after before
    about around during against between while when where who which what was were are has had have
    not per its his her their our your you they she him them one two three also more less out off
    gmt bst est edt ist utc cet""".split())
#: ages and durations ("26-year-old", "five years in prison") count time, not the incident: an article
#: gives the ages of several people, so two reports' different figures are no evidence of two incidents
_TIME_NOUNS = set("second minute hour day week month year decade century time".split())


def story_id_for(article_id: str) -> str:
    """Deterministic story id: ``s-`` + first 12 hex digits of sha256 of the first article id."""
    return "s-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]


def entity_keys(text: str, label: str) -> list[str]:
    """Comparable keys for one entity mention (``P:reid``, ``L:malibu``, ``D:03-03``).

    People are keyed by surname so "Tara Reid" and "Reid" agree; dates become
    a year (``Y:2011``), a month with its day when given (``D:11-04``, ``D:11``)
    and weekdays (``W:sunday``), so "last Sunday" and "Sunday" agree and
    "yesterday" yields nothing.
    """
    group = LABEL_GROUP.get(label)
    if group is None:
        return []
    value = bare_name(bare_name(text)).strip(" .,'\"")  # twice: "the the ...", "...'s's" too
    if not value:
        return []
    if group in "PL" and not any(w[:1].isupper() for w in text.split()):
        return []  # "downtown", "rehab": tagger noise, not a name
    if group == "P":
        parts = [p for p in value.split() if p.isalpha() or "-" in p]
        return [f"P:{parts[-1]}"] if parts else []
    if group == "D":
        words = _DATE_WORD_RE.findall(value)
        keys = [f"Y:{w}" for w in words if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")]
        month = next((MONTHS[w] for w in words if w in MONTHS), 0)
        day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), 0)
        if month:
            keys.append(f"D:{month:02d}-{day:02d}" if day else f"D:{month:02d}")
        keys.extend(f"W:{w}" for w in words if w in WEEKDAYS)
        return keys
    return [f"{group}:{value}"]


def counted_noun(text: str, end: int) -> str | None:
    """The word a number counts or measures ("26 pirates", "6.1-magnitude"), singularised, or None.

    Scale words are skipped ("2 million euros" counts euros); a following
    stop word, month, weekday or unit-less punctuation gives None, and so
    does a unit of time ("26-year-old", "5 years"): ages and durations of the
    several people a report names are no count of the incident.
    """
    for _ in range(2):
        m = _NOUN_AFTER_RE.match(text, end)
        if not m:
            return None
        word = m.group(1).lower()
        if word in _SCALE:
            end = m.end()
            continue
        if word in _NOT_NOUNS or word in MONTHS or word in WEEKDAYS:
            return None
        word = singular(word, longer_than=0, ies=False)
        return None if word in _TIME_NOUNS else word
    return None


_TITLE_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


def title_words(article: "Article", config: "ClusterConfig") -> list[str]:
    """The headline's content words as lemma-like terms ("Kerry", "slams" -> "kerry", "slam"), when the
    headline is not already the text's first line (the NLP stage reads lemmas from the text only).

    Each counts ``config.title_terms`` times (0: none). A short report (a feed summary, a wire flash, a
    lead) tells much of its story in its headline; and a name the headline gives counts as mentioned
    in the conflict check (``scoring._known``).
    """
    title = (article.title or "").strip()
    if not title or config.title_terms <= 0 or article.text.lstrip().startswith(title):
        return []
    words = [singular(w.lower().replace("'s", "").replace("'", ""), longer_than=3)
             for w in _TITLE_WORD_RE.findall(title)]
    return [w for w in words if len(w) > 2 and w not in STOP_WORDS] * config.title_terms


@dataclass(slots=True)
class ArticleView:
    """What the scorer needs from one article, derived from its :class:`ArticleFeatures`."""

    article_id: str
    embedding: np.ndarray
    terms: dict[str, float]  # lemma -> count (leading part of the article)
    keys: dict[str, float]  # entity/number keys -> positional weight
    lead_keys: set[str]  # keys found in the headline + lead
    time: float | None
    language: str = ANALYSIS_LANGUAGE  # the clustering block (wirecheck.language.cluster_language)


def article_view(article: "Article", features: "ArticleFeatures", config: "ClusterConfig") -> ArticleView:
    """Build the comparable view of an article.

    Only the first ``config.max_lemmas`` content lemmas count for TF-IDF
    (appended link lists and unrelated headlines sit at the end), plus the
    headline's words (:func:`title_words`). Entities
    and numbers weigh 1.0 in the headline and the first
    ``config.key_lead_sentences`` sentences (the lead),
    ``config.key_middle_weight`` in the next ``config.key_middle_sentences``
    and ``config.key_tail_weight`` after that; whole numbers up to
    ``config.number_min`` are no number keys.
    """
    terms: dict[str, float] = {}
    for lemma in features.lemmas[:config.max_lemmas] + title_words(article, config):
        terms[lemma] = terms.get(lemma, 0.0) + 1.0
    sentences = features.sentences
    lead_count = config.key_lead_sentences
    lead_end = sentences[min(lead_count, len(sentences)) - 1].end if sentences else 0
    mid_end = sentences[min(lead_count + config.key_middle_sentences, len(sentences)) - 1].end if sentences else 0

    def weight(pos: int) -> float:
        return 1.0 if pos < lead_end else config.key_middle_weight if pos < mid_end else config.key_tail_weight

    keys: dict[str, float] = {}
    lead: set[str] = set()

    def add(key: str, w: float) -> None:
        if w > keys.get(key, 0.0):
            keys[key] = w
        if w >= 1.0:
            lead.add(key)

    text = article.text
    for ent in features.entities:
        for key in entity_keys(ent.text, ent.label):
            add(key, weight(ent.start))
    for m in _NUM_RE.finditer(text):
        value = normalise_number(m.group())
        if len(value) == 4 and value[:2] in ("19", "20"):
            add(f"Y:{value}", weight(m.start()))  # a year: a date, not a count
            continue
        noun = counted_noun(text, m.end())
        if noun:
            add(f"Q:{noun}={value}", weight(m.start()))  # "26 pirates", "6.1 magnitude"
        if value.isdigit() and int(value) <= config.number_min:
            continue  # small counts are everywhere; not specific on their own
        add(f"N:{value}", weight(m.start()))
    if article.title:
        for ent_key in list(keys):
            if ent_key.split(":", 1)[1] in article.title.lower():
                lead.add(ent_key)
    emb = np.asarray(features.doc_embedding, dtype=np.float32)
    return ArticleView(article.id, emb, terms, keys, lead, timestamp(article.published),
                       cluster_language(article.language))


def _b64(arr: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(arr, dtype=np.float32).tobytes()).decode("ascii")


def _unb64(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32).copy()


def _cap(d: dict[str, float], n: int) -> dict[str, float]:
    if len(d) <= n:
        return d
    return dict(sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


@dataclass(slots=True)
class StoryProfile:
    """One story as the clusterer remembers it.

    ``centroid`` is the mean of member embeddings (float32); ``terms`` sums
    member lemma counts (capped to the most frequent); ``keys`` sums the
    positional weights of entity/number/date keys; ``lead_keys`` counts how
    many members carry a key in headline or lead. ``members`` holds the
    one-article profiles of the ``profile_members`` most recent members (their own
    ``members`` empty), so an article can also be scored against the
    individual reports, not only their sum.
    """

    story_id: str
    article_ids: list[str]
    centroid: np.ndarray
    terms: dict[str, float] = field(default_factory=dict)
    keys: dict[str, float] = field(default_factory=dict)
    lead_keys: dict[str, float] = field(default_factory=dict)
    first_time: float | None = None
    last_time: float | None = None
    members: list["StoryProfile"] = field(default_factory=list)
    apart: list[str] = field(default_factory=list)  # stories split from this one: never merged back
    split_reason: str = ""  # why this story was split off another (empty when it was not)
    language: str = ANALYSIS_LANGUAGE  # its articles' language: only articles in it are candidates to join

    @property
    def size(self) -> int:
        """Number of member articles."""
        return len(self.article_ids)

    @classmethod
    def from_view(cls, view: ArticleView, story_id: str | None = None) -> "StoryProfile":
        """A one-article profile."""
        return cls(
            story_id=story_id or story_id_for(view.article_id), article_ids=[view.article_id],
            centroid=view.embedding.astype(np.float32).copy(), terms=dict(view.terms),
            keys=dict(view.keys), lead_keys={k: 1.0 for k in view.lead_keys},
            first_time=view.time, last_time=view.time, language=view.language,
        )

    def member_profiles(self) -> list["StoryProfile"]:
        """The kept one-article profiles of members (a one-article profile is its own member)."""
        if self.members:
            return self.members
        return [self] if self.size == 1 else []

    def absorb(self, other: "StoryProfile", config: "ClusterConfig") -> None:
        """Fold another profile (an article's or a whole story's) into this one, keeping what
        ``config`` says a profile keeps (``profile_terms``, ``profile_keys``, ``profile_members``)."""
        n, m = self.size, other.size
        kept = self.member_profiles() + other.member_profiles()
        self.members = [_snapshot(p) if p is self or p is other else p for p in kept[-config.profile_members:]]
        self.centroid = ((self.centroid * n + other.centroid * m) / (n + m)).astype(np.float32)
        self.article_ids.extend(other.article_ids)
        for mine, theirs in ((self.terms, other.terms), (self.keys, other.keys), (self.lead_keys, other.lead_keys)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0.0) + v
        self.terms = _cap(self.terms, config.profile_terms)
        self.keys = _cap(self.keys, config.profile_keys)
        self.lead_keys = _cap(self.lead_keys, config.profile_keys)
        times = [t for t in (self.first_time, other.first_time) if t is not None]
        self.first_time = min(times) if times else None
        times = [t for t in (self.last_time, other.last_time) if t is not None]
        self.last_time = max(times) if times else None

    def release(self, gone: list["StoryProfile"]) -> None:
        """Take kept members out of this profile (the inverse of absorbing them), after a split."""
        ids = {m.article_ids[0] for m in gone}
        n, k = self.size, len(gone)
        moved = sum(m.centroid for m in gone)
        self.centroid = ((self.centroid * n - moved) / max(n - k, 1)).astype(np.float32)
        self.article_ids = [a for a in self.article_ids if a not in ids]
        self.members = [m for m in self.members if m.article_ids[0] not in ids]
        for mine, attr in ((self.terms, "terms"), (self.keys, "keys"), (self.lead_keys, "lead_keys")):
            for m in gone:
                for key, v in getattr(m, attr).items():
                    if key in mine:
                        mine[key] -= v
            for key in [key for key, v in mine.items() if v <= 1e-9]:
                del mine[key]

    def to_json(self) -> dict:
        """Plain JSON-able data (centroid as base64 float32)."""
        return {
            "story_id": self.story_id, "article_ids": list(self.article_ids),
            "centroid": _b64(self.centroid), "terms": dict(self.terms), "keys": dict(self.keys),
            "lead_keys": dict(self.lead_keys), "first_time": self.first_time, "last_time": self.last_time,
            "members": [m.to_json() for m in self.members], "apart": list(self.apart),
            "split_reason": self.split_reason, "language": self.language,
        }

    @classmethod
    def from_json(cls, d: dict) -> "StoryProfile":
        """Inverse of :meth:`to_json`."""
        return cls(
            story_id=d["story_id"], article_ids=list(d["article_ids"]), centroid=_unb64(d["centroid"]),
            terms=dict(d.get("terms", {})), keys=dict(d.get("keys", {})),
            lead_keys=dict(d.get("lead_keys", {})), first_time=d.get("first_time"),
            last_time=d.get("last_time"), members=[cls.from_json(m) for m in d.get("members", [])],
            apart=list(d.get("apart", [])), split_reason=d.get("split_reason", ""),
            language=d.get("language", ANALYSIS_LANGUAGE),
        )


def _snapshot(p: StoryProfile) -> StoryProfile:
    """A frozen copy of a one-article profile, kept as a member (the original goes on changing)."""
    return StoryProfile(p.story_id, list(p.article_ids), p.centroid.copy(), dict(p.terms), dict(p.keys),
                        dict(p.lead_keys), p.first_time, p.last_time)


@dataclass(slots=True)
class ClusterState:
    """Every story profile plus global statistics (document frequencies, doc count)."""

    profiles: dict[str, StoryProfile] = field(default_factory=dict)
    term_df: dict[str, int] = field(default_factory=dict)
    key_df: dict[str, int] = field(default_factory=dict)
    doc_count: int = 0
    article_story: dict[str, str] = field(default_factory=dict)  # article id -> story id
    #: documents naming both of two places ("a\tb", names sorted): nested places co-occur
    place_pairs: dict[str, int] = field(default_factory=dict)
    #: countries/US states and the places in them (:class:`wirecheck.cluster.places.Gazetteer`);
    #: set by the clusterer, not persisted; None: corpus co-occurrence alone
    gazetteer: "Gazetteer | None" = field(default=None, repr=False, compare=False)

    def add_document(self, view: ArticleView, config: "ClusterConfig") -> None:
        """Count one article in the document frequencies (and the pairs of its ``config.place_pair_cap``
        heaviest places)."""
        self.doc_count += 1
        for t in view.terms:
            self.term_df[t] = self.term_df.get(t, 0) + 1
        for k in view.keys:
            self.key_df[k] = self.key_df.get(k, 0) + 1
        places = sorted((-w, k[2:]) for k, w in view.keys.items() if k[:2] == "L:")[:config.place_pair_cap]
        names = sorted(name for _, name in places)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                pair = f"{a}\t{b}"
                self.place_pairs[pair] = self.place_pairs.get(pair, 0) + 1

    def places_compatible(self, a: str, b: str, config: "ClusterConfig") -> bool:
        """Whether two place names are evidently nested (a city and its state/country), from the corpus.

        Two places are compatible when most documents naming the rarer one also
        name the other (at least ``config.place_pair_min`` documents and a
        ``config.place_nest_share`` share), as a city mostly comes with its state or
        neighbourhood. (Countries around their states come from ``gazetteer``,
        see :class:`wirecheck.cluster.scoring` ``_Nested``.)
        """
        pair = f"{a}\t{b}" if a < b else f"{b}\t{a}"
        both = self.place_pairs.get(pair, 0)
        if both < config.place_pair_min:
            return False
        rarer = min(self.key_df.get(f"L:{a}", 0), self.key_df.get(f"L:{b}", 0))
        return both >= config.place_nest_share * rarer

    def stats_json(self) -> dict:
        """The global statistics alone (what changes on every article)."""
        return {"term_df": dict(self.term_df), "key_df": dict(self.key_df), "doc_count": self.doc_count,
                "place_pairs": dict(self.place_pairs)}

    def to_json(self) -> dict:
        """Plain JSON-able data for the whole state."""
        return {
            **self.stats_json(),
            "profiles": [p.to_json() for p in self.profiles.values()],
            "article_story": dict(self.article_story),
        }

    @classmethod
    def from_json(cls, d: dict) -> "ClusterState":
        """Inverse of :meth:`to_json`; ``profiles`` may be omitted and added later."""
        profiles = {p["story_id"]: StoryProfile.from_json(p) for p in d.get("profiles", [])}
        return cls(profiles=profiles, term_df=dict(d.get("term_df", {})), key_df=dict(d.get("key_df", {})),
                   doc_count=int(d.get("doc_count", 0)), article_story=dict(d.get("article_story", {})),
                   place_pairs=dict(d.get("place_pairs", {})))
