"""Each article's language, and what follows from it for the pipeline.

Detection is py3langid's (a small maintained n-gram classifier of 97 languages), loaded once per run by
the runner (:func:`load_detector`) and passed in. An article's language is the one detected in its clean
text when the text is long enough (``language.min_chars``) and the detector sure enough
(``language.min_probability``); else the language its input declared (a record's ``language``, an HTML
``lang``, a feed's ``<language>``), reduced to its primary subtag ("en-GB" gives "en"); else unknown
(None), which the pipeline treats as the analysis language.

Articles in any language are kept. Those not in a language of ``language.claims_languages`` (English by
default: the claim stage's rules and models are English) skip the claim stage (:func:`skipped_stages`;
their ``skipped_stages`` field says so in the report), and every article is clustered only with articles
of its own language (:func:`cluster_language`, the clusterer's blocking key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .config import LanguageConfig

#: the language the analysis is built for; articles of unknown language are treated as in it
ANALYSIS_LANGUAGE = "en"
#: the stages an article outside ``language.claims_languages`` skips
LANGUAGE_STAGES = ("claims",)
_SUBTAG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


class Detector(Protocol):
    """A language classifier: (language code, probability) for a text (py3langid's ``LanguageIdentifier``)."""

    def classify(self, text: str) -> tuple[str, float]:
        """The likeliest language and its probability."""
        ...


@dataclass(slots=True, frozen=True)
class Detection:
    """What the detector said about one text."""

    language: str
    probability: float


def load_detector() -> Detector:
    """py3langid's model with normalised probabilities (about a second to load: once per run)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def declared(value: str | None) -> str | None:
    """A declared language tag reduced to its primary subtag, lower case ("en-GB" -> "en"), or None."""
    if not value:
        return None
    match = _SUBTAG.match(value.strip())
    return match.group().lower() if match else None


def detect(detector: Detector, text: str) -> Detection:
    """The detector's verdict on ``text`` (its first 5,000 characters: enough, and bounded)."""
    language, probability = detector.classify(text[:5000])
    return Detection(language, float(probability))


def article_language(text: str, declared_as: str | None, detector: Detector | None,
                     config: "LanguageConfig") -> str | None:
    """An article's language (see the module's description): detected, else declared, else None."""
    if detector is not None and config.detect and len(text) >= config.min_chars:
        found = detect(detector, text)
        if found.probability >= config.min_probability:
            return found.language
    return declared(declared_as)


def skipped_stages(language: str | None, config: "LanguageConfig") -> list[str]:
    """The stages an article in ``language`` skips: none for the claim languages or an unknown language."""
    if language is None or language in config.claims_languages:
        return []
    return list(LANGUAGE_STAGES)


def cluster_language(language: str | None) -> str:
    """The clustering block an article of ``language`` belongs to (unknown: the analysis language's)."""
    return language or ANALYSIS_LANGUAGE
