"""Report renderings: the JSON contract, Markdown and a self-contained HTML page."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any, Sequence

FORMATS = ("json", "md", "html")


def article_labels(report: dict[str, Any]) -> dict[str, str]:
    """Article id -> its label in the renderings: ``A1``, ``A2``, … numbered within each story in the
    story's article order, so a story has the same labels in ``report.md`` as in ``wirecheck show``
    (and ``show STORY --why A2`` takes them)."""
    return {aid: label(i) for story in report["stories"] for i, aid in enumerate(story["articles"])}


def label(index: int) -> str:
    """The label of a story's ``index``-th article (from 0)."""
    return f"A{index + 1}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory, then rename it over
    ``path``: a reader (or an interrupted write) sees the old file or the new one, never part of one.
    The new file gets the usual permissions (0666 less the umask), as a plain write would."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_report(report: dict[str, Any], out_dir: str | Path, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Write ``report.json`` (always) and the other requested formats into ``out_dir``, each file
    replaced atomically (see :func:`write_atomic`)."""
    from .html import render_html
    from .markdown import render_markdown

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts = {"json": json.dumps(report, ensure_ascii=False, indent=2)}  # every text rendered before any is written
    if "md" in formats:
        texts["md"] = render_markdown(report)
    if "html" in formats:
        texts["html"] = render_html(report)
    written = {}
    for fmt, text in texts.items():
        written[fmt] = out / f"report.{fmt}"
        write_atomic(written[fmt], text)
    return written
