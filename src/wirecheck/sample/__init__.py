"""The bundled sample corpus: invented news reports of three unrelated events.

See ``README.md`` in this folder for what each file contains and which
sentences carry the documented properties (a syndicated copy, a rewrite
with an injected error, furniture of every kind, rounded numbers, hedges,
conflicting titles, a shared quote).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["corpus_dir", "corpus_files"]


def corpus_dir() -> Path:
    """The folder holding the sample articles (pass it to ``wirecheck`` as an INPUT)."""
    return Path(__file__).resolve().parent / "corpus"


def corpus_files() -> list[Path]:
    """The sample article files, sorted."""
    return sorted(p for p in corpus_dir().iterdir() if p.is_file() and not p.name.startswith("."))
