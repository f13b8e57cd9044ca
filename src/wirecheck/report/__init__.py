"""Report renderings: the JSON contract, Markdown and a self-contained HTML page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

FORMATS = ("json", "md", "html")


def write_report(report: dict[str, Any], out_dir: str | Path, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Write ``report.json`` (always) and the other requested formats into ``out_dir``."""
    from .html import render_html
    from .markdown import render_markdown

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {"json": out / "report.json"}
    written["json"].write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if "md" in formats:
        written["md"] = out / "report.md"
        written["md"].write_text(render_markdown(report), encoding="utf-8")
    if "html" in formats:
        written["html"] = out / "report.html"
        written["html"].write_text(render_html(report), encoding="utf-8")
    return written
