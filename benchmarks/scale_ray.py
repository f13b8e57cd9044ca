"""Ray scale-out: `wirecheck run --engine ray` in local mode at 1 and 2 workers (issue #13).

Builds ``--articles N`` articles from ECB+ (``../shared/data/ecbplus``) repeated with perturbed text (each
copy after the first drops one sentence and has one word of each of two sentences swapped, so every copy
is a new article, as a rewrite would be), writes them as JSONL shards of ``--shard-size`` articles
outside the repository, and runs the whole pipeline over them with the Ray engine once per worker count,
each into a fresh store. Prints, per worker count: articles/s of the whole run and of the per-article
stages (the Ray pipeline), the speed-up over one worker, the seconds of each part, and the peak memory
(RSS) of each worker process and of the driver.

    python benchmarks/scale_ray.py [--data PATH] [--articles 20000] [--workers 1,2] [--shard-size 100]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecb import default_path, read_ecbplus  # noqa: E402


def perturbed(text: str, copy: int, seed: int) -> str:
    """Copy number ``copy`` of ``text``: the text itself for copy 0, else one sentence (line) dropped and two
    adjacent words swapped in two other lines (deterministic in ``seed``)."""
    if copy == 0:
        return text
    rng = random.Random(seed)
    lines = text.split("\n")
    if len(lines) > 3:
        del lines[rng.randrange(1, len(lines))]
    for _ in range(2):
        i = rng.randrange(len(lines))
        words = lines[i].split(" ")
        if len(words) > 3:
            j = rng.randrange(len(words) - 1)
            words[j], words[j + 1] = words[j + 1], words[j]
            lines[i] = " ".join(words)
    return "\n".join(lines) + f"\nUpdated ({copy})."


def write_shards(docs, n: int, folder: Path, shard_size: int) -> list[str]:
    """``n`` articles, ECB+ repeated and perturbed, as JSONL files of ``shard_size`` lines under ``folder``."""
    paths: list[str] = []
    out = None
    for k in range(n):
        copy, doc = divmod(k, len(docs))
        if k % shard_size == 0:
            if out:
                out.close()
            paths.append(str(folder / f"shard-{len(paths):05d}.jsonl"))
            out = open(paths[-1], "w", encoding="utf-8")
        d = docs[doc]
        out.write(json.dumps({"id": f"{d.article.id}-{copy}", "text": perturbed(d.article.text, copy, k),
                              "url": d.article.url}) + "\n")
    if out:
        out.close()
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_path())
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--shard-size", type=int, default=100, help="articles per JSONL shard")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"ECB+ not found at {args.data}; skipping (see ../shared/data/README.md)")
        return 0
    try:
        import ray  # noqa: F401
    except ImportError:
        print("Ray is not installed; skipping (pip install 'wirecheck[ray]')")
        return 0

    from wirecheck.config import load_config
    from wirecheck.pipeline import run

    docs = read_ecbplus(args.data)
    rows: list[tuple[str, ...]] = []
    base = None
    with tempfile.TemporaryDirectory(prefix="wirecheck-scale-") as tmp:
        shards = write_shards(docs, args.articles, Path(tmp), args.shard_size)
        for workers in [int(w) for w in args.workers.split(",")]:
            cfg = load_config(overrides={
                "run": {"db": str(Path(tmp) / f"w{workers}.db"), "out": str(Path(tmp) / f"out{workers}")},
                "engine": {"name": "ray", "workers": workers},
            }, environ={})
            t0 = time.perf_counter()
            result = run(shards, cfg)
            seconds = time.perf_counter() - t0
            t = result.timings
            per_article = t.get("analyse_articles", 0.0)
            base = base or per_article
            worker_mb = sorted(result.worker_memory_mb.values())
            rows.append((
                str(workers), str(len(result.new_articles)), f"{seconds:.0f}", f"{args.articles / seconds:.2f}",
                f"{per_article:.0f}", f"{args.articles / per_article:.2f}", f"{base / per_article:.2f}",
                f"{t.get('ingest', 0):.0f} / {t.get('cluster', 0):.0f} / {t.get('analyse_stories', 0):.0f}",
                " ".join(f"{mb:.0f}" for mb in worker_mb),
            ))
    driver_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    head = ("workers", "stored", "run s", "run art/s", "per-article s", "per-article art/s", "speed-up",
            "store / cluster / stories s", "peak RSS per worker MB")
    print(f"{args.articles} articles (ECB+ x{-(-args.articles // len(docs))}, perturbed), "
          f"{len(shards)} shards of {args.shard_size}")
    print(" | ".join(head))
    for row in rows:
        print(" | ".join(row))
    print(f"driver peak RSS MB: {driver_mb:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
