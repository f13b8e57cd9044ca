"""Extraction benchmark: wirecheck's HTML cleaning against trafilatura on real pages, two labelled sets.

Sets (``--data``, repeatable; both by default): the article extraction benchmark (Zyte, 181 pages,
2019-20) and L3S-GN1 (621 pages from 405 sites, 2008). Each folder has ``ground-truth.json``
(``{id: {"articleBody": ...}}``) and ``html/<id>.html.gz``.

Every system starts from the same bytes on disk. wirecheck reads them as a run does: bytes ->
:func:`wirecheck.ingest.files.decode` (``html=True``) -> ``clean_article``. The trafilatura
baselines get the raw bytes, which ``trafilatura.extract`` decodes itself (UTF-8 when valid, else its
own charset guess). Systems: wirecheck, trafilatura ``extract`` with default settings, with
``favor_precision`` and with ``favor_recall``.

Scores against the gold ``articleBody``:

- token P/R/F1 (the main figure, L3S-GN1's README): per page, bags of ``\\w+`` tokens, lower-cased;
  P = |pred & gold| / |pred|, R = |pred & gold| / |gold|, F1 = 2PR/(P+R), 0 for an empty prediction;
  each averaged over pages (macro).
- shingle F1 (the Zyte benchmark's own evaluation): per page tp/fp/fn over 4-token shingles,
  normalised per page; precision and recall averaged over pages, F1 of the two means.

Usage: ``python benchmarks/extraction.py [--data PATH ...] [--limit N] [--worst N] [--systems a,b]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_SETS = (DATA / "article-extraction-benchmark", DATA / "l3s-gn1")
_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def match_counts(gold: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over n-token shingles, normalised to sum to 1."""
    g, p = _shingles(gold, n), _shingles(pred, n)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1): page means of precision and recall, F1 of the means."""
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(rec(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_prf(gold: str, pred: str) -> tuple[float, float, float]:
    """One page's token (P, R, F1): bags of lower-cased ``\\w+`` tokens; 0 for an empty prediction."""
    g = Counter(_TOKEN.findall((gold or "").lower()))
    p = Counter(_TOKEN.findall((pred or "").lower()))
    common = sum((g & p).values())
    if not common:
        return 0.0, 0.0, 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def systems() -> dict[str, Callable[[bytes], str]]:
    """Name -> function from a page's bytes to extracted body text."""
    import trafilatura

    from wirecheck.clean import clean_article
    from wirecheck.config import IngestConfig
    from wirecheck.ingest.files import ReadError, decode
    from wirecheck.records import RawArticle

    config = IngestConfig()

    def wirecheck_clean(data: bytes) -> str:
        try:
            html, _ = decode(data, html=True)
        except ReadError:
            return ""
        art = clean_article(RawArticle(source="page", fmt="html", html=html), config)
        return getattr(art, "text", "") or ""

    return {
        "wirecheck": wirecheck_clean,
        "trafilatura default": lambda b: trafilatura.extract(b) or "",
        "trafilatura favor_precision": lambda b: trafilatura.extract(b, favor_precision=True) or "",
        "trafilatura favor_recall": lambda b: trafilatura.extract(b, favor_recall=True) or "",
    }


def load_set(folder: Path, limit: int = 0) -> tuple[dict[str, str], dict[str, bytes]] | None:
    """(gold body by page id, page bytes by id) of one set, or None when the folder is absent."""
    gt_path = folder / "ground-truth.json"
    if not gt_path.is_file():
        return None
    gold = json.loads(gt_path.read_text(encoding="utf-8"))
    ids = sorted(gold)[: limit or None]
    pages = {i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    return {i: gold[i].get("articleBody", "") or "" for i in ids}, pages


def evaluate(gold: dict[str, str], outputs: dict[str, str]) -> dict[str, float]:
    """Token P/R/F1 (macro over pages) and shingle P/R/F1 of one system's outputs on one set."""
    tok = [token_prf(gold[i], outputs[i]) for i in gold]
    sp, sr, sf = scores([match_counts(gold[i], outputs[i], 4) for i in gold])
    return {"tokP": statistics.mean(t[0] for t in tok), "tokR": statistics.mean(t[1] for t in tok),
            "tokF1": statistics.mean(t[2] for t in tok), "shP": sp, "shR": sr, "shF1": sf}


def main(argv: list[str] | None = None) -> int:
    """Run every system over every set and print one table per set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="a set's folder (repeatable; default both)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where wirecheck loses most "
                                                             "token recall")
    parser.add_argument("--systems", default="", help="comma-separated system names (default all)")
    args = parser.parse_args(argv)
    chosen = {name: fn for name, fn in systems().items()
              if not args.systems or name in args.systems.split(",")}
    started = time.perf_counter()
    for folder in args.data or DEFAULT_SETS:
        loaded = load_set(folder, args.limit)
        if loaded is None:
            print(f"SKIP: {folder} not found (pass --data PATH)")
            continue
        gold, pages = loaded
        print(f"\n{folder.name}: {len(gold)} pages; token scores macro over pages, shingle n=4 (Zyte's)")
        header = f"{'system':<30}{'tokF1':>7}{'tokP':>7}{'tokR':>7}{'shF1':>7}{'shP':>7}{'shR':>7}{'pages/s':>9}"
        print(header)
        print("-" * len(header))
        for name, fn in chosen.items():
            start = time.perf_counter()
            outputs = {i: fn(pages[i]) for i in gold}
            rate = len(gold) / (time.perf_counter() - start)
            s = evaluate(gold, outputs)
            print(f"{name:<30}{s['tokF1']:>7.3f}{s['tokP']:>7.3f}{s['tokR']:>7.3f}{s['shF1']:>7.3f}"
                  f"{s['shP']:>7.3f}{s['shR']:>7.3f}{rate:>9.1f}")
            if args.worst and name == "wirecheck":
                lost = sorted(gold, key=lambda i: token_prf(gold[i], outputs[i])[1])[: args.worst]
                for i in lost:
                    p, r, f = token_prf(gold[i], outputs[i])
                    print(f"  worst recall {i} P={p:.2f} R={r:.2f} F1={f:.2f}", file=sys.stderr)
    import resource
    print(f"\nwall {time.perf_counter() - started:.0f} s; process max RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
