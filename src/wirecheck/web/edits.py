"""Analyst corrections over the web (only with ``serve --allow-edits``).

Every write needs the token printed when the server starts, sent as the ``X-Wirecheck-Token`` header or
the ``token`` form field, and compared in constant time (``hmac.compare_digest``): the token also keeps
other sites from posting forms here. A write takes the store's writer lock without waiting; while a run
holds it the answer is 409 (try again when the run ends). Forms are answered with a redirect to the page
they came from; the ``.json`` twins answer with the correction as report.json shows it.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..corrections import CorrectionError, add_correction, undo_correction
from ..report.contract import shown
from ..store import Store, writer_lock
from .app import bare, wants_json

if TYPE_CHECKING:
    from .app import App

TOKEN_HEADER = "X-Wirecheck-Token"


class Busy(RuntimeError):
    """A run holds the store's writer lock."""


def _busy(message: str) -> None:
    raise Busy("a wirecheck run is writing the store; try again when it has finished")


def _allowed(given: str | None, token: str | None) -> bool:
    return bool(token) and given is not None and hmac.compare_digest(given.encode(), (token or "").encode())


def _back(next_page: str | None) -> str:
    """Where a form goes after writing: a path on this site (never another site)."""
    if next_page and next_page.startswith("/") and not next_page.startswith("//") and "\\" not in next_page:
        return next_page
    return "/corrections"


def add_edit_routes(app: FastAPI, web: "App") -> None:
    """Add the correction routes (``POST /corrections``, ``POST /corrections/{id}/undo`` and their
    ``.json`` twins) to ``app``."""

    def write(action: Any) -> dict[str, Any]:
        with writer_lock(web.store_path, on_wait=_busy), Store(web.store_path) as store:
            return shown(action(store))

    async def guarded(request: Request, action: Any) -> Response:
        form = await request.form()
        given = request.headers.get(TOKEN_HEADER) or form.get("token")
        if not _allowed(given if isinstance(given, str) else None, web.token):
            return web.error(request, 403, f"a correction needs the token printed at start-up "
                                           f"(header {TOKEN_HEADER} or form field token)")
        try:
            correction = await run_in_threadpool(write, lambda store: action(store, form))
        except Busy as exc:
            return web.error(request, 409, str(exc))
        except CorrectionError as exc:
            return web.error(request, 400, str(exc))
        except KeyError as exc:
            return web.error(request, 404, f"no correction {exc.args[0]}")
        if wants_json(request):
            return JSONResponse(correction, status_code=201)
        next_page = form.get("next")
        return RedirectResponse(_back(next_page if isinstance(next_page, str) else None), status_code=303)

    @app.post("/corrections")
    @app.post("/corrections.json")
    async def correct(request: Request) -> Response:
        def action(store: Store, form: Any):
            targets = [t for t in form.getlist("target") if isinstance(t, str)]
            return add_correction(store, str(form.get("kind") or ""), targets, str(form.get("note") or ""))
        return await guarded(request, action)

    @app.post("/corrections/{ref}/undo")
    @app.post("/corrections/{ref}/undo.json")
    async def undo(request: Request, ref: str) -> Response:
        if not bare(ref).isdigit():
            return web.error(request, 404, f"no correction {ref}")
        return await guarded(request, lambda store, form: undo_correction(store, int(bare(ref))))
