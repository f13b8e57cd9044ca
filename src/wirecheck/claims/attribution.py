"""Attribution relations in an article: the rules, then the learned layers, then one relation per cue.

The layers sit on two shared modules, :mod:`.attribution_lexicon` (word lists) and
:mod:`.attribution_relations` (the :class:`~.attribution_relations.Attribution` record, the parse's
candidates and span helpers), and never import each other:

- :mod:`.attribution_rules`: reported speech, "according to", acts and stances read off the parse;
- :mod:`.attribution_model`: a classifier over the parse's (cue, source) candidates;
- :mod:`.attribution_tagger`: a token tagger that drops sources it does not see and adds ones the parse missed.

:func:`find_attributions` runs them in that order with the learned layers of an
:class:`AttributionModels` bundle, which a runner loads once (:func:`load_attribution_models`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .attribution_lexicon import CORE_CUES
from .attribution_model import AttributionModel, apply_model, load_model
from .attribution_relations import Attribution, candidates, quoted_spans
from .attribution_rules import rule_attributions
from .attribution_tagger import AttributionTagger, load_tagger
from .docs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["AttributionModels", "drop_nested", "find_attributions", "load_attribution_models"]


@dataclass(frozen=True, slots=True)
class AttributionModels:
    """The learned attribution layers, loaded once per run and passed to every article."""

    classifier: AttributionModel  # which (cue, source) candidates are attributions
    tagger: AttributionTagger  # which tokens are a source, a cue or a content


def load_attribution_models() -> AttributionModels:
    """The classifier and the span tagger shipped in the package (the tagger's weights need PyTorch)."""
    return AttributionModels(classifier=load_model(), tagger=load_tagger())


def find_attributions(doc: "Doc", models: AttributionModels | None) -> list[Attribution]:
    """Attribution relations in a parsed article: the rules' reported speech ("said", "according to", ...),
    and acts and stances of people kept or added by the candidate classifier (``speech=False``), then
    reconciled with the span tagger, which drops relations whose source it does not see and adds sources
    the parse missed; rules alone when ``models`` is None. The parse's candidates are listed once and read
    by both learned layers. With ``models``, ``doc`` must come from the spaCy pipeline itself, with MiniLM
    token states set by ``NLP.features`` or ``NLP.token_states`` (the tagger reads both ``doc.tensor`` and
    ``doc._.wirecheck_states``)."""
    rules = rule_attributions(doc)
    out = rules
    if models is not None:
        cands = candidates(doc)
        out = apply_model(doc, rules, cands, models.classifier)
        out = models.tagger.apply(doc, rules, cands, out)
    return drop_nested(out, doc_text(doc))


def drop_nested(attrs: list[Attribution], text: str) -> list[Attribution]:
    """One relation per cue; relations whose cue lies inside another's content or inside a direct quote
    are reported speech within reported speech and are left to the outer relation, unless the span
    tagger marked their source (``tagged``): then both the outer and the nested relation are kept."""
    quoted = quoted_spans(text)
    attrs = sorted(attrs, key=lambda a: (a.depth, -((a.content[1] - a.content[0]) if a.content else 0)))
    kept: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for a in attrs:
        if a.cue in seen or (not a.tagged and any(q0 < a.cue[0] < q1 for q0, q1 in quoted)):
            continue
        if not a.tagged and a.cue_text.split()[-1].lower() not in CORE_CUES and any(
                k.content and k.content[0] <= a.cue[0] < k.content[1] and k.sentence_start == a.sentence_start
                for k in kept):
            continue
        seen.add(a.cue)
        kept.append(a)
    return sorted(kept, key=lambda a: a.cue[0])
