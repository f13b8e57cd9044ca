"""Extraction benchmark: wirecheck's HTML cleaning against trafilatura on real pages.

Scores ``clean_article`` (trafilatura with precision settings + wirecheck's
furniture rules) and trafilatura's raw ``extract`` (default settings, and
``favor_precision=True``) against the gold ``articleBody`` of the article
extraction benchmark (181 pages). Scoring follows the benchmark's README and
evaluation script: per page, true/false positives and false negatives over
shingles of 4 consecutive word tokens (``\\w+``), normalised per page;
precision and recall are averaged over pages and F1 is taken from the means.
Token F1 (single word tokens, same averaging) is reported too.

Usage: ``python benchmarks/extraction.py [--data PATH] [--limit N]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Callable

DEFAULT_DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data"
                / "article-extraction-benchmark")
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


def systems() -> dict[str, Callable[[str], str]]:
    """Name -> function from HTML to extracted body text."""
    import trafilatura

    from wirecheck.clean import clean_article
    from wirecheck.config import IngestConfig
    from wirecheck.records import RawArticle

    config = IngestConfig()

    def wirecheck_clean(html: str) -> str:
        art = clean_article(RawArticle(source="page", fmt="html", html=html), config)
        return getattr(art, "text", "") or ""

    return {
        "wirecheck clean_article": wirecheck_clean,
        "trafilatura extract (default)": lambda h: trafilatura.extract(h) or "",
        "trafilatura extract (favor_precision)":
            lambda h: trafilatura.extract(h, favor_precision=True) or "",
    }


def main(argv: list[str] | None = None) -> int:
    """Run every system over the pages and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--memory-pages", type=int, default=40,
                        help="pages re-run under tracemalloc for peak memory")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst wirecheck pages")
    args = parser.parse_args(argv)
    gt_path = args.data / "ground-truth.json"
    if not gt_path.is_file():
        print(f"SKIP: article extraction benchmark not found at {args.data} "
              "(pass --data PATH)")
        return 0
    gold = json.loads(gt_path.read_text(encoding="utf-8"))
    ids = sorted(gold)[: args.limit or None]
    pages = {i: gzip.decompress((args.data / "html" / f"{i}.html.gz").read_bytes())
             .decode("utf-8", "replace") for i in ids}

    rows = []
    for name, fn in systems().items():
        start = time.perf_counter()
        outputs = {i: fn(pages[i]) for i in ids}
        elapsed = time.perf_counter() - start
        shingle = [match_counts(gold[i].get("articleBody", ""), outputs[i], 4) for i in ids]
        token = [match_counts(gold[i].get("articleBody", ""), outputs[i], 1) for i in ids]
        tracemalloc.start()
        for i in ids[: args.memory_pages]:
            fn(pages[i])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        p, r, f = scores(shingle)
        rows.append((name, f, p, r, scores(token)[2], len(ids) / elapsed, peak))
        if args.worst and name.startswith("wirecheck"):
            worst = sorted(zip(ids, shingle), key=lambda x: x[1][0])[: args.worst]
            for i, c in worst:
                print(f"  worst {i[:12]} tp={c[0]:.2f} fp={c[1]:.2f} fn={c[2]:.2f}",
                      file=sys.stderr)

    print(f"Article extraction benchmark: {len(ids)} pages, shingle n=4 "
          f"(peak memory over {min(len(ids), args.memory_pages)} pages, tracemalloc)")
    header = f"{'system':<40}{'F1':>7}{'prec':>7}{'recall':>8}{'tokF1':>7}{'art/s':>8}{'peakMiB':>9}"
    print(header)
    print("-" * len(header))
    for name, f, p, r, tf, rate, peak in rows:
        print(f"{name:<40}{f:>7.3f}{p:>7.3f}{r:>8.3f}{tf:>7.3f}{rate:>8.1f}{peak:>9.1f}")
    import resource
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
