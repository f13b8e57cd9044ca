"""What each page of the web UI shows, as plain data: the page's ``.json`` twin is exactly this, and its
HTML is this rendered by a template.

Every view reads the store and builds its data with the report contract's own builders
(:mod:`wirecheck.report.contract`), so a story here has the shape ``wirecheck show --format json`` prints
(``$defs/StoryDetail`` of the published schema) and an article the shape ``report.json`` gives it. An
unknown id raises :class:`NotFound`; a bad query raises ``ValueError`` with a message for the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..corrections import corrections
from ..report.contract import article_json, build_report, shown, story_detail
from ..store import Store
from ..wording import source_label

SORTS = tuple(Store.STORY_ORDER)


class NotFound(LookupError):
    """The page names a story, article or entity the store does not hold."""


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The story list's query: filters (substrings), order and page."""

    text: str = ""
    entity: str = ""
    outlet: str = ""
    sort: str = "size"
    page: int = 1
    per_page: int = 50


def story_list(store: Store, query: ListQuery) -> dict[str, Any]:
    """One page of the live stories matching ``query``, with the count of all that match."""
    if query.sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {query.sort!r}")
    if query.page < 1 or query.per_page < 1:
        raise ValueError("page and per_page must be at least 1")
    total, rows = store.story_page(query.text, query.entity, query.outlet, query.sort,
                                   limit=query.per_page, offset=(query.page - 1) * query.per_page)
    pages = max(1, -(-total // query.per_page))
    if query.page > pages:
        raise ValueError(f"page {query.page} is past the last page ({pages})")
    return {"text": query.text, "entity": query.entity, "outlet": query.outlet, "sort": query.sort,
            "page": query.page, "per_page": query.per_page, "pages": pages, "total": total, "stories": rows}


def live_story(store: Store, story_id: str) -> str:
    """The live story ``story_id`` names (following merges); :class:`NotFound` when there is none."""
    resolved = store.resolve_story(story_id)
    if resolved not in store.story_ids():
        raise NotFound(f"no story {story_id!r}")
    return resolved


def story_view(store: Store, story_id: str) -> dict[str, Any]:
    """One story as ``wirecheck show --format json`` prints it (the story with ``articles_detail``), plus
    the corrections naming it and whether its analysis is current (``analysed``)."""
    resolved = live_story(store, story_id)
    report = build_report(store, story_ids=[resolved])
    return story_detail(report) | {"corrections": report["corrections"], "analysed": store.story_analysed(resolved)}


def article_view(store: Store, article_id: str) -> dict[str, Any]:
    """One article as ``report.json`` gives it, with its story, why it is there, its provenance (what it
    adds, whether it looks like a rewrite), its derivations and every claim it supports (spans by offset)."""
    article = store.article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id!r}")
    story_id = store.story_of(article.id)
    out: dict[str, Any] = {"article": article_json(article, story_id), "story": None, "assignment": None,
                           "provenance": None, "derivations": [], "related": {}, "claims": [], "corrections": []}
    if story_id is None:
        return out
    assignment = store.assignment(article.id)
    story = build_report(store, story_ids=[story_id])
    detail = story["stories"][0]
    out["story"] = {"id": story_id, "title": detail["title"]}
    out["assignment"] = None if assignment is None else shown(assignment)
    out["provenance"] = next((p for p in detail["article_provenance"] if p["article"] == article.id), None)
    out["derivations"] = [d for d in detail["derivations"] if article.id in (d["article"], d["derived_from"])]
    out["related"] = {a["id"]: {"title": a["title"], "source_name": a["source_name"]} for a in story["articles"]
                      if any(a["id"] in (d["article"], d["derived_from"]) for d in out["derivations"])}
    out["claims"] = [s | {"claim": c["id"], "status": c["status"], "label": c["label"]}
                     for c in detail["claims"] for s in c["support"] if s["article"] == article.id]
    out["corrections"] = [c for c in story["corrections"] if article.id in c["targets"]]
    return out


def entity_view(store: Store, name: str) -> dict[str, Any]:
    """The live stories naming an entity, each with the entity as that story gives it (its titles by article)."""
    found = store.entity_stories(name)
    if not found:
        raise NotFound(f"no entity {name!r} in any story")
    ids = sorted({a for _, _, entity in found for a in entity.articles})
    return {"name": found[0][2].name,
            "stories": [{"id": sid, "title": title, "entity": shown(entity)} for sid, title, entity in found],
            "sources": {a.id: source_label(a.outlet, a.url, a.source) for a in store.articles(ids)}}


def rejected_view(store: Store) -> dict[str, Any]:
    """Every input a run rejected (``kind`` rejected) or used with a problem (``kind`` warning)."""
    return {"rejected": [{"run": run, "kind": kind, **shown(r)} for run, kind, r in store.all_rejected()]}


def corrections_view(store: Store) -> dict[str, Any]:
    """Every correction in the store, oldest first."""
    return {"corrections": [shown(c) for c in corrections(store)]}
