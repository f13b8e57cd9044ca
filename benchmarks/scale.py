"""Single-process speed: a whole `wirecheck run` against spaCy alone on the same texts, in one process.

Writes the ECB+ articles to a temporary JSONL file (as ``whole_run.py`` does), runs the whole pipeline
into a temporary store with one thread (``OMP_NUM_THREADS=1``, torch threads 1), then, in the same
process, times spaCy ``en_core_web_sm`` alone (a fresh load, then ``nlp.pipe``) over the cleaned texts
the run stored. Prints articles per second, the ratio of the whole run to spaCy alone (issue #13:
at most 2.0, stretch 1.2), and each stage's seconds and share of the run.

    OMP_NUM_THREADS=1 python benchmarks/scale.py [--data PATH] [--limit N] [--precision fp32|bf16|auto]
    OMP_NUM_THREADS=1 python benchmarks/scale.py --startup 100000   # clustering start-up, 100k stories

``--precision`` sets ``nlp.precision`` (default: the configuration's, fp32).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecb import default_path, read_ecbplus, write_feed  # noqa: E402


def spacy_alone(package: str, texts: list[str], batch_size: int) -> tuple[float, float, float]:
    """Seconds to load the installed spaCy package and to parse ``texts`` with ``nlp.pipe``, and the CPU
    seconds of both."""
    import importlib

    c0, t0 = time.process_time(), time.perf_counter()
    nlp = importlib.import_module(package).load()
    t1 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c0


def startup(n: int, data: Path) -> list[tuple[str, float]]:
    """Seconds a run's clustering start-up takes against a store of ``n`` synthetic stories (made as
    ``benchmarks/cluster.py``'s scaling rows make them, saved through the store's own API): open the store,
    load the clustering state, build the clusterer, assign one real ECB+ article (its features computed
    beforehand, so model loading is not counted)."""
    from cluster import synthetic_state

    from wirecheck.cluster import Clusterer, ClusterState
    from wirecheck.cluster.places import Gazetteer
    from wirecheck.config import ClusterConfig, NLPConfig
    from wirecheck.nlp import NLP
    from wirecheck.store import Store

    article = read_ecbplus(data)[0].article
    feats = NLP(NLPConfig(threads=1)).features([article])[0]
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="wirecheck-startup-") as tmp:
        db = Path(tmp) / "s.db"
        t0 = time.perf_counter()
        state = synthetic_state(n)
        with Store(db) as store:
            run_id = store.begin_run(["synthetic"], {}, {})
            # the clustering state alone (profiles and document frequencies): what a run's start-up reads
            store.save_assignments([], [], [(p.story_id, p.to_json()) for p in state.profiles.values()],
                                   [], state.stats_json(), run_id)
        rows.append((f"build a store of {n:,} synthetic stories", time.perf_counter() - t0))
        del state
        t0 = time.perf_counter()
        gazetteer = Gazetteer()
        rows.append(("load the gazetteer (any store size)", time.perf_counter() - t0))
        t0 = time.perf_counter()
        with Store(db) as store:
            t1 = time.perf_counter()
            meta, profiles = store.cluster_state()
            t2 = time.perf_counter()
            clusterer = Clusterer(ClusterConfig(), ClusterState.from_json({**(meta or {}), "profiles": profiles}),
                                  gazetteer=gazetteer)
            t3 = time.perf_counter()
            clusterer.assign(article, feats)
            t4 = time.perf_counter()
        rows += [("  open the store", t1 - t0), ("  read the clustering state", t2 - t1),
                 ("  build the clusterer (state, index)", t3 - t2), ("  assign the first article", t4 - t3),
                 ("start-up to the first article", t4 - t0)]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_path())
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    parser.add_argument("--precision", choices=("fp32", "bf16", "auto"), help="nlp.precision (default fp32)")
    parser.add_argument("--startup", type=int, default=0, metavar="N",
                        help="instead: clustering start-up against a store of N synthetic stories")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"ECB+ not found at {args.data}; skipping (see ../shared/data/README.md)")
        return 0
    if args.startup:
        for name, secs in startup(args.startup, args.data):
            print(f"{name:<44}{secs:7.2f} s")
        return 0

    import torch

    torch.set_num_threads(1)
    from wirecheck.config import load_config
    from wirecheck.nlp import NLP
    from wirecheck.pipeline import run
    from wirecheck.report import write_report
    from wirecheck.report.contract import build_report
    from wirecheck.store import Store

    docs = read_ecbplus(args.data)
    if args.limit:
        docs = docs[: args.limit]
    with tempfile.TemporaryDirectory(prefix="wirecheck-scale-") as tmp:
        feed = Path(tmp) / "ecbplus.jsonl"
        write_feed(docs, feed)
        nlp_over: dict[str, object] = {"threads": 1}
        if args.precision:
            nlp_over["precision"] = args.precision
        cfg = load_config(overrides={"run": {"db": str(Path(tmp) / "w.db"), "out": str(Path(tmp) / "out")},
                                     "nlp": nlp_over}, environ={})
        c0, t0 = time.process_time(), time.perf_counter()
        result = run([str(feed)], cfg)
        with Store(cfg.run.db) as store:
            report = build_report(store, run_id=result.run_id)
            texts = [a.text for a in store.articles(result.new_articles)]
        write_report(report, cfg.run.out)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    load_s, parse_s, alone_cpu = spacy_alone(cfg.nlp.spacy_package, texts, cfg.nlp.batch_size)
    alone = load_s + parse_s
    words = sum(len(t.split()) for t in texts)
    print(f"{'articles (stored)':<38}{len(docs)} ({len(texts)}, {words:,} words)")
    print(f"{'encoder':<38}{cfg.nlp.precision} ({'bf16' if NLP(cfg.nlp).bf16 else 'fp32'})")
    print(f"{'stories':<38}{len(report['stories'])}")
    print(f"{'whole run s':<38}{seconds:.1f}")
    print(f"{'whole run articles/s':<38}{len(texts) / seconds:.2f}")
    print(f"{'spaCy alone s (load + pipe)':<38}{alone:.1f} ({load_s:.1f} + {parse_s:.1f})")
    print(f"{'spaCy alone articles/s':<38}{len(texts) / alone:.2f}")
    print(f"{'ratio whole run / spaCy alone':<38}{seconds / alone:.2f}")
    print(f"{'  the same in CPU seconds':<38}{cpu / alone_cpu:.2f} ({cpu:.1f} / {alone_cpu:.1f}; less "
          "sensitive to other jobs)")
    staged = sum(secs for stage, secs in result.timings.items() if "." not in stage)  # "a.b" is inside "a"
    for stage, secs in result.timings.items():
        name = ("    " + stage.split(".", 1)[1]) if "." in stage else ("  " + stage)
        print(f"{name + ' s':<38}{secs:7.1f}  {100 * secs / seconds:5.1f}%")
    print(f"{'  other (loads, store, report) s':<38}{seconds - staged:7.1f}  {100 * (seconds - staged) / seconds:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
