"""The report contract: ``report.json`` built as a view over the store.

``schema_version`` 1 is published as a JSON Schema in
``wirecheck/schema/report.schema.json`` (see :func:`schema`). Fields named by
the contract are never renamed or dropped without a new schema version;
extra fields may be added.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources
from typing import Any, Iterable

from ..codec import plain
from ..records import Article, Claim, Quantity, StoryAnalysis
from ..store import Store
from ..wording import source_label, written

SCHEMA_VERSION = 1


def schema() -> dict[str, Any]:
    """The published JSON Schema of ``report.json``."""
    text = resources.files("wirecheck").joinpath("schema/report.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(report: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``report`` breaks the contract."""
    import jsonschema

    jsonschema.validate(report, schema())


def _quantity(q: Quantity | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {
        "value": q.value, "noun": q.noun, "bound": q.bound, "unit": q.unit, "type": q.type,
        "predicate": q.predicate, "alt_value": q.alt_value, "alt_unit": q.alt_unit,
        "high": q.high, "change": q.change, "vague": q.vague,
        "start": q.start, "end": q.end,
    }


def article_json(article: Article, story_id: str | None = None) -> dict[str, Any]:
    """One article as the contract shows it; every offset in the report points into ``text``."""
    return {
        "id": article.id, "source": article.source, "external_id": article.external_id,
        "title": article.title, "outlet": article.outlet, "published": article.published,
        "url": article.url, "language": article.language, "story": story_id,
        "source_name": source_label(article.outlet, article.url, article.source),
        "text": article.text, "removed": plain(article.removed), "clues": plain(article.clues),
    }


def claim_json(claim: Claim, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """One aligned claim with its support; ``texts`` (article id -> clean text) give values as written."""
    texts = texts or {}
    return {
        "id": claim.id, "kind": claim.kind, "text": claim.text, "label": claim.label,
        "values": _values(claim, texts),
        "quantity": _quantity(claim.quantity),
        "quote": None if claim.quote is None else {
            "speaker": claim.quote.speaker, "text": claim.quote.text,
        },
        "support": [
            {"article": s.article, "start": s.start, "end": s.end, "text": s.text,
             "certainty": s.certainty, "attributed_to": s.attributed_to, "cue": s.cue,
             "quantity": _quantity(s.quantity), "label_start": s.label_start, "label_end": s.label_end,
             "origin": s.origin,
             "value": written(texts.get(s.article, ""), s.quantity) if s.quantity is not None else None}
            for s in claim.support
        ],
        "independent_support": claim.independent_support,
        "status": claim.status,
        "timeline": plain(claim.timeline),
    }


def _values(claim: Claim, texts: dict[str, str]) -> list[str]:
    """The distinct ways outlets wrote the claim's figure ("653 drones", "more than 650 drones")."""
    seen: dict[str, str] = {}
    for s in claim.support:
        if s.quantity is not None:
            value = written(texts.get(s.article, ""), s.quantity)
            seen.setdefault(" ".join(value.lower().split()), value)
    return list(seen.values())


def story_json(analysis: StoryAnalysis, store: Store | None = None,
               texts: dict[str, str] | None = None) -> dict[str, Any]:
    """One story's analysis as the contract shows it (``texts``: article id -> clean text)."""
    assignments = []
    if store is not None:
        for aid in analysis.articles:
            a = store.assignment(aid)
            if a is not None:
                assignments.append({"article": aid, "score": round(a.score, 4), "new_story": a.new_story,
                                    "signals": a.signals, "reason": a.reason})
    return {
        "id": analysis.story_id,
        "title": analysis.title,
        "articles": list(analysis.articles),
        "derivations": [
            {"article": d.article, "derived_from": d.derived_from, "kind": d.kind,
             "score": round(float(d.score), 4), "direction_known": d.direction_known,
             "reason": d.reason,
             "evidence": [{"start": e.start, "end": e.end, "source_start": e.source_start,
                           "source_end": e.source_end, "similarity": round(float(e.similarity), 4)}
                          for e in d.evidence]}
            for d in analysis.derivations
        ],
        "origins": [list(g) for g in analysis.origins],
        "independent_sources": analysis.independent_sources,
        "article_provenance": [
            {"article": p.article_id, "aligned_share": round(p.aligned_share, 4),
             "gain": list(p.gain), "likely_rewrite": p.likely_rewrite, "adds": list(p.adds),
             "repeats": list(p.repeats), "reason": p.reason}
            for p in analysis.provenance
        ],
        "claims": [claim_json(c, texts) for c in analysis.claims],
        "discrepancies": [
            {"id": d.id, "kind": d.kind, "summary": d.summary, "claims": list(d.claims),
             "articles": list(d.articles), "variants": plain(d.variants)}
            for d in analysis.discrepancies
        ],
        "brief": [
            {"text": b.text, "citations": list(b.citations), "article": b.article,
             "start": b.start, "end": b.end}
            for b in analysis.brief
        ],
        "entities": [
            {"name": e.name, "type": e.type, "articles": list(e.articles), "roles": plain(e.roles)}
            for e in analysis.entities
        ],
        "assignments": assignments,
    }


def build_report(store: Store, run_id: int | None = None, story_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """``report.json`` for a run (the stories its inputs touched) or for given stories.

    With neither ``run_id`` nor ``story_ids``, the report covers every live story.
    """
    if story_ids is None:
        if run_id is not None:
            seen = store.run_article_ids(run_id)
            wanted = {store.story_of(a) for a in seen} - {None}
            story_ids = [s for s in store.story_ids() if s in wanted]
        else:
            story_ids = store.story_ids()
    stories = [store.analysis(s) for s in story_ids]
    article_ids = [a for s in stories for a in s.articles]
    articles = {a.id: a for a in store.articles(article_ids)}
    run = store.run_info(run_id) if run_id is not None else None
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "run": None if run is None else {
            "id": run["id"], "inputs": run["inputs"], "started_at": run["started_at"],
            "finished_at": run["finished_at"], "stats": run["stats"], "versions": run["versions"],
        },
        "articles": [article_json(articles[a], s.story_id) for s in stories for a in s.articles],
        "rejected": [{"source": r.source, "reason": r.reason}
                     for r in (store.rejected(run_id) if run_id is not None else [])],
        "warnings": [{"source": r.source, "reason": r.reason}
                     for r in (store.rejected(run_id, kind="warning") if run_id is not None else [])],
        "stories": [story_json(s, store, {a: articles[a].text for a in s.articles if a in articles})
                    for s in stories],
    }
