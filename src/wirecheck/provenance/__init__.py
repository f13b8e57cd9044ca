"""Provenance: who copied or rewrote whom inside a story, and how many independent origins it has.

:func:`analyse_provenance` is the stage the pipeline calls; :func:`is_paraphrase`
exposes the sentence-pair decision rule (for benchmarks and debugging).
Submodules: :mod:`.sentences` (sentence alignment), :mod:`.derive` (edges and
direction), :mod:`.origins` (edge choice, origin groups, per-article figures).
"""

from __future__ import annotations

from .origins import analyse_provenance
from .sentences import is_paraphrase

__all__ = ["analyse_provenance", "is_paraphrase"]
