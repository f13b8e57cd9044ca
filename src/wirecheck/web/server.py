"""Running the web UI: ``wirecheck serve`` builds the app from the configuration and hands it to uvicorn."""

from __future__ import annotations

from typing import Callable

from ..config import Config


def serve(config: Config, announce: Callable[[str], None] = print) -> None:
    """Serve the UI over ``config.run.db`` at ``config.serve.host``:``port`` until interrupted.

    ``announce`` hears the address, and with edits allowed the token a correction must carry. Raises
    :class:`~wirecheck.store.StoreError` when there is no usable store.
    """
    import uvicorn

    from .app import create_app

    app = create_app(config.run.db, config.serve)
    address = f"http://{config.serve.host}:{config.serve.port}/"
    announce(f"wirecheck: serving {config.run.db} at {address} (Ctrl-C stops)")
    if app.state.token:
        announce(f"edits allowed; token for corrections (header X-Wirecheck-Token or the page's token field): "
                 f"{app.state.token}")
    uvicorn.run(app, host=config.serve.host, port=config.serve.port, log_level="warning")
