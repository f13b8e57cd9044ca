"""The local web UI over a store (``wirecheck serve``): story list, story, article, entity and rejected-input
pages, each with a ``.json`` twin, and analyst corrections behind ``--allow-edits`` and a token.

FastAPI is imported only when this package is (never by ``import wirecheck``).
"""

from .app import create_app

__all__ = ["create_app"]
