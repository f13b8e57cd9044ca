"""Web UI benchmark: server-side render times and throughput under concurrent clients.

    python benchmarks/web.py [--data PATH] [--stories 10000] [--requests 100] [--clients 16] [--seconds 30]

A store is built from records through the store's API (no model needed): ``--stories`` one-article
stories whose texts are paragraphs of the bundled sample corpus and of ``--data``/ECB+ when present, plus
one story of 50 articles and 500 claims (each claim supported by 1-5 articles, with a derivation chain).

* Render: ``--requests`` sequential requests each, in process (FastAPI's TestClient), of that story's page,
  of the story list (sorted by size, then by recency) and of a text search; p50 and p95 in ms.
* Load: ``wirecheck serve`` in its own process, ``--clients`` threads each with one keep-alive connection
  asking in turn for the story list and the big story's page, until ``--requests`` x clients requests
  or ``--seconds`` have passed; requests per second, p50/p99 latency and errors.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from wirecheck.config import ServeConfig  # noqa: E402
from wirecheck.records import (  # noqa: E402
    Article, ArticleClaims, ArticleFeatures, ArticleProvenance, Assignment, Claim, Derivation, Sentence, SpanPair,
    StoryAnalysis, Support,
)
from wirecheck.store import Store  # noqa: E402

BIG = "s-big"


def paragraphs(data: Path) -> list[str]:
    """Real article paragraphs: the sample corpus's text dumps, and ECB+ texts when the data holds them."""
    from wirecheck.sample import corpus_dir

    texts = [p.read_text(encoding="utf-8") for p in Path(corpus_dir()).glob("*.txt")]
    ecb = data / "ecbplus"
    if ecb.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(ecb.rglob("*.txt"))[:2000]]
    out = [" ".join(p.split()) for t in texts for p in t.split("\n\n") if len(p.split()) >= 12]
    return out or ["A placeholder paragraph with enough words to stand for an article in this benchmark run."]


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = min(len(text), start + len(part) + 1)
        out.append(Sentence(i, start, end))
        start = end + 1
    return out


def build(path: Path, n_stories: int, pars: list[str]) -> None:
    """The benchmark store (see the module docstring)."""
    rng = random.Random(7)
    store = Store(path)
    run = store.begin_run(["benchmark"], {}, {})
    zero = np.zeros(384, np.float32)

    def add(aid: str, text: str, k: int) -> Article:
        sentences = _sentences(text)
        article = Article(aid, f"{aid}.txt", text, title=text[:70], outlet=f"Outlet {k % 40}",
                          published=f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}T{k % 24:02d}:00:00+00:00",
                          seq=store.next_seq())
        store.add_article(article, ArticleFeatures(aid, sentences, [], [], [], zero,
                                                   np.zeros((len(sentences), 384), np.float32)),
                          ArticleClaims(aid, [], []), run)
        return article

    with store.transaction():
        big = [add(f"big{i}", " ".join(rng.sample(pars, min(6, len(pars)))), i) for i in range(50)]
        small = [add(f"a{i}", " ".join(rng.sample(pars, min(3, len(pars)))), i) for i in range(n_stories)]
        assignments = [Assignment(a.id, BIG, 0.5, i == 0) for i, a in enumerate(big)]
        assignments += [Assignment(a.id, f"s-{i}", 0.5, True) for i, a in enumerate(small)]
        store.save_assignments(assignments, [], [], [], {}, run)
        for i, a in enumerate(small):
            store.save_analysis(StoryAnalysis(f"s-{i}", a.title or "", [a.id], origins=[[a.id]]), run)
        claims = []
        for c in range(500):
            support = []
            for a in rng.sample(big, rng.randint(1, 5)):
                s = rng.choice(_sentences(a.text))
                support.append(Support(a.id, s.start, s.end, a.text[s.start:s.end], "asserted",
                                       label_start=s.start, label_end=s.end, origin=int(a.id[3:]) % 10))
            claims.append(Claim(f"c-{c}", "statement", support[0].text, None, None, support,
                                len({s.origin for s in support}), "corroborated" if len(support) > 1 else "single_source",
                                label=support[0].text[:80]))
        derivations = [Derivation(big[i].id, big[i - 1].id, "rewrite", 0.8, True,
                                  [SpanPair(0, 40, 0, 40, 0.9), SpanPair(41, 90, 41, 90, 0.8)])
                       for i in range(1, 50, 3)]
        store.save_analysis(StoryAnalysis(
            BIG, "A story of 50 articles and 500 claims", [a.id for a in big], derivations=derivations,
            origins=[[a.id for a in big if int(a.id[3:]) % 10 == g] for g in range(10)],
            provenance=[ArticleProvenance(a.id, 0.3) for a in big], claims=claims), run)
    store.finish_run(run, {})
    store.close()


def _ms(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return 1000 * statistics.median(times), 1000 * times[max(0, int(round(0.95 * len(times))) - 1)]


def render_times(db: Path, n: int) -> list[tuple[str, float, float, int]]:
    """(what, p50 ms, p95 ms, bytes) for the pages rendered in process."""
    from fastapi.testclient import TestClient

    from wirecheck.web import create_app

    client = TestClient(create_app(db, ServeConfig()), base_url="http://127.0.0.1:8000")
    rows = []
    for what, url in (("story page (50 articles, 500 claims)", f"/story/{BIG}"),
                      ("story page JSON", f"/story/{BIG}.json"),
                      ("story list, by size", "/?sort=size"), ("story list, by recency", "/?sort=recent"),
                      ("story list, text search", "/?q=officials")):
        times, size = [], 0
        for _ in range(n):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, (url, r.status_code)
            size = len(r.content)
        rows.append((what, *_ms(times), size))
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(db: Path, clients: int, per_client: int, seconds: float) -> dict[str, float]:
    """Throughput of ``wirecheck serve`` (its own process) under ``clients`` concurrent keep-alive clients."""
    import httpx

    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    server = subprocess.Popen([sys.executable, "-m", "wirecheck", "serve", "--db", str(db), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/index.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client(k: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                for i in range(per_client):
                    if time.monotonic() > stop:
                        return
                    t0 = time.perf_counter()
                    try:
                        ok = http.get("/" if (i + k) % 2 else f"/story/{BIG}").status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    with lock:
                        latencies.append(time.perf_counter() - t0)
                        errors[0] += not ok

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(10)
    latencies.sort()
    return {"requests": len(latencies), "seconds": wall, "rps": len(latencies) / wall,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[max(0, int(round(0.99 * len(latencies))) - 1)], "errors": errors[0]}


def main() -> None:
    """Build the store, then print the render and load tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        t0 = time.perf_counter()
        build(db, args.stories, paragraphs(args.data))
        print(f"store: {args.stories + 1:,} stories, built in {time.perf_counter() - t0:.1f} s")
        print(f"\n| page ({args.requests} requests each) | p50 ms | p95 ms | bytes |\n|---|---:|---:|---:|")
        for what, p50, p95, size in render_times(db, args.requests):
            print(f"| {what} | {p50:.1f} | {p95:.1f} | {size:,} |")
        r = load(db, args.clients, args.requests, args.seconds)
        print("\n| clients | requests | seconds | requests/s | p50 ms | p99 ms | errors |\n|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| {args.clients} | {r['requests']:.0f} | {r['seconds']:.1f} | {r['rps']:.1f} | {r['p50_ms']:.1f} "
              f"| {r['p99_ms']:.1f} | {r['errors']:.0f} |")


if __name__ == "__main__":
    main()
