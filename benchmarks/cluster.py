"""Story clustering benchmark on ECB+ and NeuS (B-cubed), plus throughput and scaling.

    python benchmarks/cluster.py [--set ecb|neus|both] [--data PATH] [--neus-data PATH]
                                 [--neus-stories N] [--orders 5] [--sensitivity ecb|neus|both|none]
                                 [--skip-scaling] [--skip-baseline] [--diagnose] [--option KEY=VALUE ...]

Features come from ``wirecheck.nlp.NLP().features`` (cached as pickles in /tmp with a fingerprint
of the texts). For each set it prints one table: the clusterer with the default ClusterConfig in
file order and over shuffled arrival orders (mean, min, max), a TF-IDF + complete-linkage baseline
with its threshold tuned on the labels, throughput of the clustering stage alone; with
``--sensitivity`` (ECB+ by default) threshold, conflict weight, merge threshold, split threshold,
split conflict and re-homing margin each moved by +-0.05 and the split check, re-homing and the
gazetteer each off; and (unless ``--skip-scaling``) cost per article against 1k / 10k / 100k
synthetic stories, once; with ``--diagnose`` the pair score as a same-story classifier and
offline linkage over it (:func:`diagnose`). ``--option`` sets a ClusterConfig value for every run (an experiment).
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecb import default_path, read_ecbplus  # noqa: E402
from _neus import default_path as neus_path, read_neus  # noqa: E402


def bcubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels."""
    from collections import Counter

    pair = Counter(zip(pred, gold))
    psize, gsize = Counter(pred), Counter(gold)
    n = len(pred)
    p = sum(pair[(x, y)] / psize[x] for x, y in zip(pred, gold)) / n
    r = sum(pair[(x, y)] / gsize[y] for x, y in zip(pred, gold)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def text_fingerprint(docs) -> str:
    """sha256 over every document's id and text: features are only reused for the same texts."""
    import hashlib

    h = hashlib.sha256()
    for d in docs:
        h.update(d.article.id.encode("utf-8") + b"\0" + d.article.text.encode("utf-8") + b"\0")
    return h.hexdigest()


def load_features(docs, cache: Path):
    """ArticleFeatures for every document, from the pickle cache when it was built from the same texts."""
    fingerprint = text_fingerprint(docs)
    if cache.is_file():
        cached = pickle.loads(cache.read_bytes())
        if isinstance(cached, dict) and cached.get("texts") == fingerprint:
            return cached["features"]
    import torch

    from wirecheck.nlp import NLP

    torch.set_num_threads(1)
    feats = NLP().features([d.article for d in docs])
    cache.write_bytes(pickle.dumps({"texts": fingerprint, "features": feats}))
    return feats


def run_clusterer(docs, feats, order=None, config=None):
    """Cluster in the given order; return story label per document (in document order) and seconds.
    The gazetteer is loaded here, as the runner loads it once per run (unless ``config`` turns it off)."""
    from wirecheck.cluster import Clusterer
    from wirecheck.cluster.places import Gazetteer
    from wirecheck.config import ClusterConfig

    order = list(range(len(docs))) if order is None else order
    config = config or ClusterConfig()
    cl = Clusterer(config, gazetteer=Gazetteer() if config.gazetteer else None)
    t0 = time.process_time()
    for i in order:
        cl.assign(docs[i].article, feats[i])
        cl.pop_merges()
        cl.pop_splits()
    seconds = time.process_time() - t0
    story = cl.state().article_story
    return [story[d.article.id] for d in docs], seconds, cl


def baseline(docs) -> tuple[float, float, float, float]:
    """TF-IDF + complete linkage, distance threshold tuned on the gold labels (best F1)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    gold = [d.label for d in docs]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(_texts(docs))  # rows L2-normalised
    sim = (x @ x.T).toarray().astype(np.float32)
    dist = np.clip(1.0 - sim, 0.0, None)
    del sim
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="complete")
    del dist
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.arange(0.5, 1.0, 0.005):
        labels = [str(v) for v in fcluster(z, t=t, criterion="distance")]
        p, r, f = bcubed(labels, gold)
        if f > best[2]:
            best = (p, r, f, float(t))
    return best


def _texts(docs) -> list[str]:
    """Headline + text of each document (the text alone when it starts with its headline)."""
    return [f"{d.article.title}\n{d.article.text}" if d.article.title and not d.article.text.startswith(
        d.article.title) else d.article.text for d in docs]


def diagnose(docs, feats, config=None, neighbours: int = 30) -> list[tuple[str, str]]:
    """Signal against decision: the clusterer's pair score as a same-story classifier, beside TF-IDF.

    Candidate pairs: each document with its ``neighbours`` nearest by TF-IDF cosine and by embedding
    cosine. Every document is counted in one corpus state first, then each pair of one-article profiles
    is scored with :func:`wirecheck.cluster.scoring.signals` / ``combine``. Rows: ROC AUC and average
    precision of the combined score, of each signal and of the baseline's TF-IDF cosine; share of the
    pairs above the join threshold; and the best B3 F1 of offline linkage (complete / average) over
    each pair score with its cut tuned on the labels (pairs outside the candidates score 0), i.e. how
    much an offline decision would gain from the same signal.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import average_precision_score, roc_auc_score

    from wirecheck.cluster.places import Gazetteer
    from wirecheck.cluster.profile import ClusterState, StoryProfile, article_view
    from wirecheck.cluster.scoring import combine, signals, vectors
    from wirecheck.config import ClusterConfig

    cfg = config or ClusterConfig()
    gold = np.array([d.label for d in docs])
    state = ClusterState()
    state.gazetteer = Gazetteer() if cfg.gazetteer else None
    views = [article_view(d.article, f, cfg) for d, f in zip(docs, feats)]
    for v in views:
        state.add_document(v, cfg)
    profiles = [StoryProfile.from_view(v) for v in views]
    vecs = [vectors(p, state) for p in profiles]
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(_texts(docs))
    tf = (x @ x.T).toarray()
    emb = np.array([v.embedding for v in views])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    em = emb @ emb.T
    n = len(docs)
    pairs = sorted({(min(i, int(j)), max(i, int(j))) for i in range(n) for m in (tf, em)
                    for j in np.argsort(-m[i])[:neighbours + 1] if j != i})
    same = np.array([gold[i] == gold[j] for i, j in pairs])
    names = ("embedding", "tfidf", "entities", "numbers", "conflict")
    sig = {k: np.zeros(len(pairs)) for k in names}
    score = np.zeros(len(pairs))
    mine = np.zeros((n, n))
    for k, (i, j) in enumerate(pairs):
        s = signals(profiles[i], profiles[j], state, cfg, vecs[i], vecs[j])
        for name in names:
            sig[name][k] = s[name]
        score[k] = mine[i, j] = mine[j, i] = combine(s, cfg)
    total = sum(c * (c - 1) // 2 for c in np.unique(gold, return_counts=True)[1])
    rows = [("candidate pairs / same-story (of all same-story)", f"{len(pairs)} / {same.sum()} ({total})")]
    for label, values in [("wirecheck pair score", score), ("TF-IDF cosine (baseline's)",
                          np.array([tf[i, j] for i, j in pairs]))] + [(f"  signal {k}", v) for k, v in sig.items()]:
        values = -values if label.endswith("conflict") else values
        rows.append((f"{label}: ROC AUC / avg precision",
                     f"{roc_auc_score(same, values):.4f} / {average_precision_score(same, values):.4f}"))
    rows.append((f"pairs >= threshold {cfg.threshold}: same-story / other",
                 f"{np.mean(score[same] >= cfg.threshold):.3f} / {np.mean(score[~same] >= cfg.threshold):.4f}"))
    for method in ("complete", "average"):
        for label, sim in (("wirecheck pair score", mine), ("TF-IDF cosine", tf)):
            dist = np.clip(1.0 - sim, 0.0, None)
            np.fill_diagonal(dist, 0.0)
            z = linkage(squareform(dist, checks=False), method=method)
            best = max(((bcubed([str(v) for v in fcluster(z, t=t, criterion="distance")], list(gold)), t)
                        for t in np.arange(0.3, 1.0, 0.01)), key=lambda x: x[0][2])
            (p, r, f), t = best[0], best[1]
            rows.append((f"offline {method} linkage, {label} (cut tuned)",
                         f"{p:.3f} / {r:.3f} / {f:.4f} at score {1 - t:.2f}"))
    return rows


def synthetic_state(n: int, seed: int = 0):
    """A ClusterState with ``n`` synthetic stories (random centroids, terms and keys)."""
    import numpy as np

    from wirecheck.cluster import ClusterState, StoryProfile

    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(50_000)]
    ents = [f"{g}:e{i}" for i in range(20_000) for g in "PLO"]
    cents = rng.standard_normal((n, 384)).astype(np.float32)
    state = ClusterState(doc_count=n * 3)
    for i in range(n):
        terms = {vocab[j]: 1.0 for j in rng.integers(0, len(vocab), 40)}
        keys = {ents[j]: 1.0 for j in rng.integers(0, len(ents), 8)}
        sid = f"s-syn{i:07d}"
        state.profiles[sid] = StoryProfile(sid, [f"a{i}"], cents[i], terms, keys, dict(keys))
        for t in terms:
            state.term_df[t] = state.term_df.get(t, 0) + 3
        for k in keys:
            state.key_df[k] = state.key_df.get(k, 0) + 3
    return state


def scaling(docs, feats, sizes=(1_000, 10_000, 100_000), sample=300):
    """Seconds per article assigned against a store of ``n`` synthetic stories."""
    import gc

    from wirecheck.cluster import Clusterer
    from wirecheck.cluster.places import Gazetteer

    rows = []
    for n in sizes:
        state = synthetic_state(n)
        t0 = time.process_time()
        cl = Clusterer(state=state, gazetteer=Gazetteer())  # the build time counts loading it, as before
        build = time.process_time() - t0
        # a loaded store is long-lived: keep the cyclic GC from re-walking it on every gen-2 pass
        gc.collect()
        gc.freeze()
        t0 = time.process_time()
        for d, f in list(zip(docs, feats))[:sample]:
            cl.assign(d.article, f)
        rows.append((n, (time.process_time() - t0) / sample, build))
        gc.unfreeze()
        del cl, state
    return rows


def measure(docs, feats, orders: int, sensitivity: bool, base_cfg=None, with_baseline: bool = True
            ) -> list[tuple[str, str]]:
    """The rows of one set's table (see the module docstring); ``base_cfg`` defaults to ClusterConfig()."""
    from dataclasses import replace as _replace

    from wirecheck.config import ClusterConfig

    base_cfg = base_cfg or ClusterConfig()
    gold = [d.label for d in docs]
    rows: list[tuple[str, str]] = [("articles / gold stories", f"{len(docs)} / {len(set(gold))}")]
    pred, seconds, _ = run_clusterer(docs, feats, config=base_cfg)
    p, r, f = bcubed(pred, gold)
    rows.append(("wirecheck B3 P / R / F1 (file order)",
                 f"{p:.4f} / {r:.4f} / {f:.4f}  ({len(set(pred))} stories)"))
    if sensitivity:
        for name in ("threshold", "w_conflict", "merge_threshold", "split_threshold", "split_conflict",
                     "rehome_margin"):
            for delta in (-0.05, 0.05):
                cfg = _replace(base_cfg, **{name: getattr(base_cfg, name) + delta})
                sp, sr, sf = bcubed(run_clusterer(docs, feats, config=cfg)[0], gold)
                rows.append((f"  sensitivity: {name} {getattr(cfg, name):.2f}", f"{sp:.3f} / {sr:.3f} / {sf:.3f}"))
        for label, change in (("split check off (split_threshold 0)", {"split_threshold": 0.0}),
                              ("re-homing off (rehome_margin -1)", {"rehome_margin": -1.0}),
                              ("gazetteer off (gazetteer False)", {"gazetteer": False})):
            sp, sr, sf = bcubed(run_clusterer(docs, feats, config=_replace(base_cfg, **change))[0], gold)
            rows.append((f"  {label}", f"{sp:.3f} / {sr:.3f} / {sf:.3f}"))
    scores, agree = [], []
    for seed in range(orders):
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        other, more, _ = run_clusterer(docs, feats, order, config=base_cfg)
        seconds += more
        scores.append(bcubed(other, gold))
        agree.append(bcubed(other, pred)[2])
    if scores:
        fs = [x[2] for x in scores]
        rows.append((f"shuffled orders x{len(fs)} (seeds 0-{len(fs) - 1}): F1 each", " / ".join(f"{x:.4f}" for x in fs)))
        rows.append(("  mean P / R / F1; F1 min, max",
                     f"{statistics.mean(x[0] for x in scores):.4f} / {statistics.mean(x[1] for x in scores):.4f}"
                     f" / {statistics.mean(fs):.4f}; {min(fs):.4f}, {max(fs):.4f}"))
        rows.append(("  agreement with file order (B3 F1) min", f"{min(agree):.3f}"))
    if with_baseline:
        bp, br, bf, bt = baseline(docs)
        rows.append(("TF-IDF complete-link (tuned on labels)", f"{bp:.3f} / {br:.3f} / {bf:.3f}  (threshold {bt:.3f})"))
    rows.append(("clustering throughput (CPU time, 1 core)",
                 f"{len(docs) * (1 + orders) / seconds:.0f} articles/s (file + shuffled orders)"))
    return rows


def _print(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"{title:<{width}}  value")
    print("-" * (width + 40))
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    print(flush=True)


def main(argv=None) -> int:
    """Run the benchmark and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("ecb", "neus", "both"), default="both")
    ap.add_argument("--data", type=Path, default=default_path(), help="ECB+ directory")
    ap.add_argument("--neus-data", type=Path, default=neus_path(), help="NeuS directory")
    ap.add_argument("--neus-stories", type=int, default=None, help="a seeded subset of NeuS stories (default all)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/wirecheck_cluster_ecb_features.pkl"))
    ap.add_argument("--neus-cache", type=Path, default=Path("/tmp/wirecheck_cluster_neus_features.pkl"))
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--sensitivity", choices=("ecb", "neus", "both", "none"), default="ecb")
    ap.add_argument("--orders", type=int, default=5, help="shuffled arrival orders to compare")
    ap.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                    help="a ClusterConfig setting for every run (an experiment), e.g. threshold=0.36")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--diagnose", action="store_true",
                    help="also score the pair classifier and offline linkage (see diagnose())")
    args = ap.parse_args(argv)
    from dataclasses import replace as _replace

    from wirecheck.config import ClusterConfig

    base_cfg = ClusterConfig()
    for item in args.option:
        key, _, value = item.partition("=")
        current = getattr(base_cfg, key)
        base_cfg = _replace(base_cfg, **{key: value.lower() in ("1", "true") if isinstance(current, bool)
                                         else type(current)(value)})
    first = None
    for name in ("ecb", "neus"):
        if args.set not in (name, "both"):
            continue
        root = args.data if name == "ecb" else args.neus_data
        if not root.is_dir():
            print(f"{name} data not found at {root}; skipping (pass --data / --neus-data PATH)")
            continue
        docs = read_ecbplus(root) if name == "ecb" else read_neus(root)
        feats = load_features(docs, args.cache if name == "ecb" else args.neus_cache)
        if name == "neus" and args.neus_stories:  # features of the whole set are cached once; a subset reuses them
            keep = {d.label for d in read_neus(root, args.neus_stories)}
            docs, feats = map(list, zip(*[(d, f) for d, f in zip(docs, feats) if d.label in keep]))
        rows = measure(docs, feats, args.orders, args.sensitivity in (name, "both"), base_cfg, not args.skip_baseline)
        if args.diagnose:
            rows += diagnose(docs, feats, base_cfg)
        if first is None:
            first = (docs, feats)
            tracemalloc.start()
            run_clusterer(docs, feats)
            rows.append(("peak memory of clustering (tracemalloc)", f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB"))
            tracemalloc.stop()
        _print("ECB+ story clustering" if name == "ecb" else "NeuS story clustering", rows)
    if first is not None and not args.skip_scaling:
        rows = []
        for n, per, build in scaling(*first):
            rows.append((f"vs {n:>7,} synthetic stories", f"{per * 1000:.2f} ms/article ({1 / per:.0f}/s; index build {build:.1f} s)"))
        import resource

        rows.append(("process max RSS (whole benchmark)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"))
        _print("scaling (articles of the first set)", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
