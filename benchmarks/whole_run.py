"""Whole-run throughput: `wirecheck run` over every ECB+ article, end to end.

Writes the ECB+ articles to a temporary JSONL file (outside the repository),
runs the full pipeline (ingest, clean, NLP, claims, clustering, story
analysis, report) into a temporary store, and prints articles per second,
seconds per stage, peak memory, and B-cubed scores of the stories the full
run produced against the ECB+ story labels.

    python benchmarks/run_ecb.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecb import default_path, read_ecbplus, write_feed  # noqa: E402


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item, c in pred.items():
        by_pred.setdefault(c, set()).add(item)
    for item, c in gold.items():
        by_gold.setdefault(c, set()).add(item)
    p = r = 0.0
    for item in gold:
        mine, truth = by_pred[pred[item]], by_gold[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_path())
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"ECB+ not found at {args.data}; skipping (see ../shared/data/README.md)")
        return 0

    from wirecheck.config import load_config
    from wirecheck.pipeline import run
    from wirecheck.report import write_report
    from wirecheck.report.contract import build_report
    from wirecheck.store import Store

    docs = read_ecbplus(args.data)
    if args.limit:
        docs = docs[: args.limit]
    with tempfile.TemporaryDirectory(prefix="wirecheck-ecb-") as tmp:
        feed = Path(tmp) / "ecbplus.jsonl"
        write_feed(docs, feed)  # no title: ECB+ has none, and its first sentence is article text
        cfg = load_config(overrides={"run": {"db": str(Path(tmp) / "w.db"), "out": str(Path(tmp) / "out")}},
                          environ={})
        t0 = time.perf_counter()
        result = run([str(feed)], cfg)
        with Store(cfg.run.db) as store:
            report = build_report(store, run_id=result.run_id)
        write_report(report, cfg.run.out)
        seconds = time.perf_counter() - t0
        gold = {d.article.id: d.label for d in docs}
        pred = {a["external_id"]: a["story"] for a in report["articles"]}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p, r, f = bcubed({k: v for k, v in pred.items() if k in gold}, {k: v for k, v in gold.items() if k in pred})
    print(f"{'articles':<34}{len(docs)}")
    print(f"{'stored / rejected':<34}{len(result.new_articles)} / {len(result.rejected)}")
    print(f"{'stories':<34}{len(report['stories'])}")
    print(f"{'whole run seconds':<34}{seconds:.1f}")
    print(f"{'whole run articles/s':<34}{len(docs) / seconds:.1f}")
    for stage, secs in result.timings.items():
        print(f"{'  ' + stage + ' s':<34}{secs:.1f}")
    print(f"{'peak memory MB':<34}{peak_mb:.0f}")
    print(f"{'B-cubed P / R / F1':<34}{p:.3f} / {r:.3f} / {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
