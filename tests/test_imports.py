"""Importing wirecheck stays light: no model, parser or extractor is loaded until a stage needs it."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "spacy", "trafilatura", "sentence_transformers", "sklearn", "numpy")


def test_importing_the_package_and_its_stages_loads_no_heavy_library():
    code = (
        "import sys, wirecheck, wirecheck.records, wirecheck.config, wirecheck.align, wirecheck.discrepancy, "
        "wirecheck.story, wirecheck.pipeline, wirecheck.cli; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
