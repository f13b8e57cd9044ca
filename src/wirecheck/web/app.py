"""The web application: FastAPI routes over one store, pages rendered on the server by Jinja2.

Each page has a ``.json`` twin at the same path ending in ``.json`` (``/`` has ``/index.json``), built by
the same view function (:mod:`wirecheck.web.views`). The store is opened read-only (SQLite ``mode=ro``)
for every request unless edits are allowed. Every response carries a Content-Security-Policy that allows
scripts and styles only from ``/static`` (served from the package's own static folder), so no inline
script can run even if some article text escaped the templates' autoescaping.
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..config import ServeConfig
from ..report import label
from ..report.graph import provenance_graph
from ..store import Store, StoreError
from ..wording import KEY_FACTS, claim_words, source_label
from . import render, views
from .guard import Guard

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with this
                    # site's own forms, which the same-origin check of writes (guard.py) must refuse
                    "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"}


def environment():
    """The Jinja2 environment of the pages (autoescaping on for every template and string)."""
    from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=ChoiceLoader([PackageLoader("wirecheck", "web/templates"),
                             PackageLoader("wirecheck", "report/templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(claim_words=claim_words, path_part=render.path_part, safe_url=render.safe_url)
    env.globals.update(article_link=render.article_link, key_facts=KEY_FACTS, sorts=views.SORTS)
    return env


def wants_json(request: Request) -> bool:
    """Whether the request asks for a page's ``.json`` twin."""
    return request.url.path.endswith(".json")


def bare(ref: str) -> str:
    """A path parameter without the ``.json`` of a twin."""
    return ref[:-5] if ref.endswith(".json") else ref


class App:
    """The state the routes share: the store's path, the settings, the edit token and the templates."""

    def __init__(self, store_path: str | Path, settings: ServeConfig, token: str | None) -> None:
        self.store_path, self.settings, self.token = str(store_path), settings, token
        self.templates = environment()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """The store for one request (read-only unless edits are allowed), read from one snapshot."""
        with Store(self.store_path, read_only=not self.settings.allow_edits) as store, store.snapshot():
            yield store

    def page(self, request: Request, template: str, data: dict[str, Any], status: int = 200,
             **context: Any) -> Response:
        """``data`` as JSON for a ``.json`` request, else rendered by ``template`` (``data`` as ``page``)."""
        if wants_json(request):
            return JSONResponse(data, status_code=status)
        html = self.templates.get_template(template).render(
            page=data, edits=self.settings.allow_edits, path=quote(request.url.path), **context)
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, message: str) -> Response:
        """An error as JSON (``{"error": ..., "status": ...}``) or as a page."""
        return self.page(request, "error.html.j2", {"error": message, "status": status}, status=status)


def story_context(payload: dict[str, Any]) -> dict[str, Any]:
    """What the story template needs beside the story: articles by id, labels, names, the graph."""
    articles = {a["id"]: a for a in payload["articles_detail"]}
    labels = {aid: label(i) for i, aid in enumerate(payload["articles"])}
    names = {aid: a.get("source_name") or source_label(a.get("outlet"), a.get("url"), a.get("source"))
             for aid, a in articles.items()}
    marks: dict[str, list[dict[str, Any]]] = {}
    for c in payload["corrections"]:
        if not c["undone"]:
            marks.setdefault("/".join(c["targets"]), []).append(c)
    arrival = {a: i for i, a in enumerate(payload["articles"])}
    timeline = sorted(payload["articles"], key=lambda a: (articles[a].get("published") or "", arrival[a]))
    titles = {aid: a.get("title") or aid for aid, a in articles.items()}  # of cite links (the fact table has many)
    return {"articles": articles, "labels": labels, "names": names, "marks": marks, "timeline": timeline,
            "titles": titles,
            "graph": provenance_graph(payload, articles, labels, names), "edge_prefix": "edge-",
            "provenance": {p["article"]: p for p in payload["article_provenance"]}}


def article_context(payload: dict[str, Any], hl: str | None) -> dict[str, Any]:
    """The article's text as highlighted HTML (claim spans linked to their facts, the cited passage marked)."""
    text = payload["article"]["text"]
    target = None
    if hl:
        start, end = (int(x) for x in hl.split("-"))
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"hl={hl} lies outside the article's text (0-{len(text)})")
        target = (start, end)
    story = payload["story"]["id"] if payload["story"] else ""
    spans = [render.Span(c["start"], c["end"], f"/story/{render.path_part(story)}#claim-{c['claim']}",
                         f"{c['status'].replace('_', ' ')}: {c['label'] or c['text']}") for c in payload["claims"]]
    removed: dict[str, list[str]] = {}
    for r in payload["article"]["removed"]:
        removed.setdefault(r["kind"], []).append(r["text"])
    return {"text_html": render.highlighted(text, spans, target), "removed": removed,
            "url": render.safe_url(payload["article"].get("url"))}


def create_app(store_path: str | Path, settings: ServeConfig | None = None, token: str | None = None) -> FastAPI:
    """The web UI over the store at ``store_path`` (which must exist). With ``settings.allow_edits`` the
    correction routes are on, guarded by ``token`` (a random one when not given: ``app.state.token``)."""
    settings = settings or ServeConfig()
    if not Path(store_path).is_file():
        raise StoreError(f"no store at {store_path}; run `wirecheck run INPUT...` first")
    Store(store_path, read_only=True).close()  # a file that is not a store fails here, not on the first request
    token = (token or secrets.token_urlsafe(24)) if settings.allow_edits else None
    web = App(store_path, settings, token)
    app = FastAPI(title="wirecheck", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web, app.state.token = web, token

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound) -> Response:
        return web.error(request, 404, str(exc))

    @app.exception_handler(ValueError)
    async def bad_request(request: Request, exc: ValueError) -> Response:
        return web.error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}"
                             for e in exc.errors())
        return web.error(request, 422, f"bad request parameter(s): {problems}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return web.error(request, exc.status_code, str(exc.detail))

    sort_help = f"one of {', '.join(views.SORTS)}"

    def story_list(request: Request, q: str, entity: str, outlet: str, sort: str, page: int,
                   per_page: int | None) -> Response:
        query = views.ListQuery(q.strip(), entity.strip(), outlet.strip(), sort, page,
                                per_page or settings.page_size)
        with web.store() as store:
            data = views.story_list(store, query)
        return web.page(request, "list.html.j2", data)

    list_params: dict[str, Any] = {
        "q": Query("", max_length=200, description="text in titles and article texts"),
        "entity": Query("", max_length=200), "outlet": Query("", max_length=200),
        "sort": Query("size", pattern="^(" + "|".join(views.SORTS) + ")$", description=sort_help),
        "page": Query(1, ge=1, le=1_000_000), "per_page": Query(None, ge=1, le=200),
    }

    @app.get("/", response_class=HTMLResponse)
    @app.get("/index.json")
    def index(request: Request, q: str = list_params["q"], entity: str = list_params["entity"],
              outlet: str = list_params["outlet"], sort: str = list_params["sort"],
              page: int = list_params["page"], per_page: int | None = list_params["per_page"]) -> Response:
        return story_list(request, q, entity, outlet, sort, page, per_page)

    @app.get("/story/{ref}")
    def story(request: Request, ref: str) -> Response:
        with web.store() as store:
            data = views.story_view(store, bare(ref))
        return web.page(request, "story.html.j2", data, **story_context(data))

    @app.get("/article/{ref}")
    def article(request: Request, ref: str,
                hl: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$", description="START-END to mark"),
                ) -> Response:
        with web.store() as store:
            data = views.article_view(store, bare(ref))
        context = {} if wants_json(request) else article_context(data, hl)
        return web.page(request, "article.html.j2", data, **context)

    @app.get("/entity/{ref:path}")
    def entity(request: Request, ref: str) -> Response:
        with web.store() as store:
            data = views.entity_view(store, bare(ref))
        return web.page(request, "entity.html.j2", data)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)  # no icon: asked for by browsers on the JSON pages

    def store_page(path: str, view: Callable[[Store], dict[str, Any]], template: str) -> None:
        """A page (and its twin) showing something of the whole store."""
        def route(request: Request) -> Response:
            with web.store() as store:
                data = view(store)
            return web.page(request, template, data)
        app.get(path)(route)
        app.get(path + ".json")(route)

    store_page("/rejected", views.rejected_view, "rejected.html.j2")
    store_page("/corrections", views.corrections_view, "corrections.html.j2")

    if settings.allow_edits:
        from .edits import add_edit_routes

        add_edit_routes(app, web)
    app.add_middleware(Guard, bound_host=settings.host)  # Host (DNS rebinding), same-origin writes, body size
    return app
