"""Time the article stage (parse, features, claims) on one long text made of real ECB+ articles.

    PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/long_text.py 50 100 200 [--profile]

Each size N joins the first N ECB+ texts with blank lines into one article and analyses it as a run
does (``longtext.analyse_text``: pieces of at most ``nlp.max_chars`` characters at paragraph breaks);
it prints characters, pieces, sentences, claims and the seconds of each step. Linear cost means the
seconds per 100,000 characters stay flat as N grows.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _ecb import default_path, read_ecbplus  # noqa: E402

from wirecheck.config import load_config  # noqa: E402
from wirecheck.nlp import NLP  # noqa: E402


def main() -> None:
    """Parse the sizes and print one line per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=int, help="numbers of ECB+ texts joined into one article")
    ap.add_argument("--max-chars", type=int, default=None, help="nlp.max_chars (default: the config's)")
    ap.add_argument("--profile", action="store_true", help="print the top functions of the claims stage")
    args = ap.parse_args()
    from wirecheck.claims.attribution import load_attribution_models
    from wirecheck.longtext import analyse_text

    cfg = load_config(environ={})
    if args.max_chars:
        cfg.nlp.max_chars = args.max_chars
    nlp = NLP(cfg.nlp)
    models = load_attribution_models()
    docs = read_ecbplus(default_path())
    analyse_text(nlp, docs[0].article, cfg.claims, models)  # load the models before timing
    print("texts chars pieces sentences claims parse+features_s claims_s total_s s_per_100k")
    for n in args.sizes:
        text = "\n\n".join(d.article.text for d in docs[:n])
        article = replace(docs[0].article, id=f"long-{n}", text=text, title=None)
        prof = cProfile.Profile() if args.profile else None
        timings: dict[str, float] = {}
        start = time.perf_counter()
        if prof:
            prof.enable()
        features, claims, pieces = analyse_text(nlp, article, cfg.claims, models, timings)
        if prof:
            prof.disable()
        total = time.perf_counter() - start
        print(f"{n} {len(text)} {len(pieces)} {len(features.sentences)} {len(claims.mentions)} "
              f"{timings.get('parse', 0) + timings.get('features', 0):.1f} {timings.get('claims', 0):.1f} "
              f"{total:.1f} {total / len(text) * 100_000:.1f}", flush=True)
        if prof:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
