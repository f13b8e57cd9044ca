"""The attribution layers import only the lexicon and the relations; no import cycle in the claims stage."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[1] / "src" / "wirecheck" / "claims"


def _imports(path: Path) -> set[str]:
    """Sibling claims modules a module imports anywhere (top level, in functions, under TYPE_CHECKING)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
    return out


def test_no_import_cycle_in_the_claims_stage():
    graph = {p.stem: _imports(p) for p in CLAIMS.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(mod: str, path: tuple[str, ...]) -> None:
        assert mod not in path, " -> ".join(path + (mod,))
        if mod in done:
            return
        for dep in graph.get(mod, ()):
            visit(dep, path + (mod,))
        done.add(mod)

    for mod in graph:
        visit(mod, ())


def test_each_attribution_layer_imports_only_the_lexicon_and_the_relations():
    shared = {"attribution_lexicon", "attribution_relations"}
    for layer in ("attribution_rules", "attribution_model", "attribution_tagger"):
        siblings = {m for m in _imports(CLAIMS / f"{layer}.py") if m.startswith("attribution")}
        assert siblings <= shared, (layer, siblings - shared)
    assert _imports(CLAIMS / "attribution_relations.py") <= {"attribution_lexicon"}
    assert not {m for m in _imports(CLAIMS / "attribution_lexicon.py") if m.startswith("attribution")}


def test_importing_the_claims_stage_loads_no_model_library():
    code = ("import sys, wirecheck.claims, wirecheck.claims.attribution; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'spacy', 'numpy', 'transformers'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
