"""Benchmark the claims stage.

* Quantities on NewsQuant (CQE evaluation set, 590 sentences, 904 gold quantities):
  value F1 and value+unit F1 with the scoring of CQE's ``evaluate_models.py``
  (values match with ``numpy.isclose``; ranges as (low, high) pairs; units by
  their lower-cased normalised name; one value hit per gold quantity; a
  prediction is used up when its value and unit match).
* Attribution on PolNeAR dev: source-span and content-span F1, exact and overlap.
* Throughput: sentences per second of the whole claim stage (parse excluded).

Usage: ``python benchmarks/claims.py [--data PATH] [--only newsquant|polnear|speed] [--errors]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


# ------------------------------------------------------------------ NewsQuant scoring (as published)

def _decode(item: dict):
    value = item["value"]
    if isinstance(value, str) and "E" not in value and not value.startswith("-") and "-" in value:
        lo, hi = value.split("-")[:2]
        value = (float(lo), float(hi))
    elif isinstance(value, tuple):
        value = (float(value[0]), float(value[1]))
    else:
        value = float(value)
    return value, item["normalized_unit"].lower()


def _values_match(a, b) -> bool:
    import numpy as np

    if isinstance(a, tuple) and isinstance(b, tuple):
        return bool(np.isclose(a[0], b[0], rtol=1e-05, atol=1e-08) and np.isclose(a[1], b[1], rtol=1e-05, atol=1e-08))
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    return bool(np.isclose(a, b, rtol=1e-05, atol=1e-08))


def score_newsquant(results: list[tuple[list[dict], list[dict]]]) -> dict[str, float]:
    """CQE's ``calculate_metrics`` for value and value+unit: results are (gold, predicted) per sentence."""
    total_gt = total_tags = correct_value = correct_unit = 0
    for gold, tags in results:
        total_gt += len(gold)
        total_tags += len(tags)
        tags = sorted(tags, key=lambda d: d["normalized_unit"])
        gold = sorted(gold, key=lambda d: d["normalized_unit"])
        remaining = len(gold)
        for g in gold:
            gv, gu = _decode(g)
            for t in list(tags):
                tv, tu = _decode(t)
                if _values_match(gv, tv):
                    if remaining > 0:
                        correct_value += 1
                        remaining -= 1
                    if tu == gu:
                        correct_unit += 1
                        tags.remove(t)
                        break

    def f(tp):
        p = tp / total_tags if total_tags else 0.0
        r = tp / total_gt if total_gt else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    vp, vr, vf = f(correct_value)
    up, ur, uf = f(correct_unit)
    return {"value P": vp, "value R": vr, "value F1": vf, "value+unit P": up, "value+unit R": ur,
            "value+unit F1": uf, "gold": total_gt, "predicted": total_tags}


# unit names where CQE's unit vocabulary differs from wirecheck's: CQE has no pence and names the "p"
# written after a share price "point"
CQE_UNIT_NAMES = {"pence": "point"}


def to_cqe(q) -> dict:
    """A :class:`Quantity` in the CQE evaluation's format."""
    value = (q.value, q.high) if q.high is not None else q.value
    name = CQE_UNIT_NAMES.get(q.noun, q.noun) or "-"
    if q.unit == "fraction":
        name = f"% {name}"  # CQE writes "a third of the population" as 0.33 "% population"
    return {"value": value, "normalized_unit": name}


def quantities_to_cqe(qs) -> list[dict]:
    """Quantities of one sentence in CQE's format; a "from X to Y" change is one (X, Y) item, as in the gold."""
    from wirecheck.claims.changes import change_pairs

    qs = [q for q in qs if q.type not in {"date", "time"}]
    pairs = dict(change_pairs(qs))
    news = set(pairs.values())
    out = []
    for i, q in enumerate(qs):
        if i in news:
            continue
        item = to_cqe(q)
        if i in pairs:
            item["value"] = (q.value, qs[pairs[i]].value)
            if item["normalized_unit"] == "-":
                item["normalized_unit"] = to_cqe(qs[pairs[i]])["normalized_unit"]
        out.append(item)
    return out


def run_newsquant(root: Path, nlp, errors: bool) -> dict[str, float] | None:
    path = root / "newsquant" / "data" / "formatted_test_set" / "NewsQuant.json"
    if not path.is_file():
        print(f"skip NewsQuant: {path} not found")
        return None
    from wirecheck.claims.quantities import extract_quantities

    data = json.loads(path.read_text(encoding="utf-8"))
    docs = nlp.parse(d["text"] for d in data)
    results = []
    for item, doc in zip(data, docs):
        preds = quantities_to_cqe(extract_quantities(doc))
        results.append((item["quantities"], preds))
        if errors:
            gold = sorted((str(_decode(g)[0]), _decode(g)[1]) for g in item["quantities"])
            pred = sorted((str(_decode(p)[0]), _decode(p)[1]) for p in preds)
            if gold != pred:
                print(item["text"], "\n   gold", gold, "\n   pred", pred)
    return score_newsquant(results)


# ------------------------------------------------------------------ PolNeAR attribution

def _read_ann(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, int, int]] = {}
    rels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t", line):  # a span's text may run over lines: skip the continuation
            tid, info, _text = (line.split("\t") + ["", ""])[:3]
            parts = info.split(" ")
            label = parts[0]
            offs = " ".join(parts[1:]).split(";")
            start = int(offs[0].split()[0])
            end = int(offs[-1].split()[-1])
            spans[tid] = (label, start, end)
        elif re.match(r"E\d+\t", line):
            _eid, args = line.split("\t")[:2]
            rel = {}
            for arg in args.split():
                role, tid = arg.split(":")
                if tid in spans:
                    rel[role.rstrip("0123456789")] = spans[tid][1:]
            rels.append(rel)
    return rels


def _f1(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _span_scores(gold: list[tuple[int, int]], pred: list[tuple[int, int]]):
    exact_p = sum(1 for s in pred if s in gold)
    exact_g = sum(1 for s in gold if s in pred)
    ov = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
    over_p = sum(1 for s in pred if any(ov(s, g) for g in gold))
    over_g = sum(1 for g in gold if any(ov(s, g) for s in pred))
    return exact_p, exact_g, over_p, over_g


def polnear_split(root: Path, split: str) -> Path | None:
    """The folder of one PolNeAR split (``train``/``dev``) under the data folder ``root``, or None (with a
    message saying so) when its texts are not there."""
    base = root / "polnear" / "data" / split
    if not (base / "text").is_dir():
        print(f"skip: PolNeAR {split} not found under {base} (pass --data PATH)")
        return None
    return base


def run_polnear(root: Path, nlp, limit: int | None = None) -> dict[str, float] | None:
    base = polnear_split(root, "dev")
    if base is None:
        return None
    from wirecheck.claims.attribution import find_attributions, load_attribution_models

    models = load_attribution_models()
    files = sorted((base / "text").glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    docs = nlp.parse(texts)
    nlp.token_states(docs)  # in a run, the sentence-embedding pass sets them
    tot = {k: [0, 0, 0, 0, 0, 0] for k in ("Source", "Content", "Cue")}
    for f, doc in zip(files, docs):
        anns = sorted((base / "attributions").glob(f.stem + "_*.ann"))
        if not anns:
            continue
        rels = _read_ann(anns[0])  # first annotator when several annotated the article
        pred = find_attributions(doc, models)
        for role, attr in (("Source", "source"), ("Content", "content"), ("Cue", "cue")):
            gold = [r[role] for r in rels if role in r]
            got = [getattr(a, attr) for a in pred if getattr(a, attr) is not None]
            ep, eg, op, og = _span_scores(gold, got)
            t = tot[role]
            for idx, v in enumerate((ep, eg, op, og, len(got), len(gold))):
                t[idx] += v
    out: dict[str, float] = {}
    for role, (ep, eg, op, og, n_p, n_g) in tot.items():
        out[f"{role.lower()} exact F1"] = _f1(ep, n_p, eg, n_g)[2]
        p, r, f1 = _f1(op, n_p, og, n_g)
        out[f"{role.lower()} overlap P"], out[f"{role.lower()} overlap R"], out[f"{role.lower()} overlap F1"] = p, r, f1
    out["gold relations"] = tot["Cue"][5]
    return out


# ------------------------------------------------------------------ throughput

def run_speed(root: Path, nlp) -> dict[str, float] | None:
    split = polnear_split(root, "dev")
    if split is None:
        return None
    base = split / "text"
    from wirecheck.claims import extract_claims
    from wirecheck.claims.attribution import load_attribution_models
    from wirecheck.config import ClaimsConfig
    from wirecheck.nlp import split_sentences
    from wirecheck.records import Article

    files = sorted(base.glob("*.txt"))
    arts = [Article(id=f.stem, source=str(f), text=f.read_text(encoding="utf-8")) for f in files]
    docs = nlp.parse(a.text for a in arts)
    t0 = time.perf_counter()
    nlp.token_states(docs)  # in a run, the pass that embeds sentences sets them (see the whole-run figures)
    states_s = time.perf_counter() - t0
    sents = [split_sentences(d) for d in docs]
    cfg = ClaimsConfig()
    models = load_attribution_models()  # once per run, as the pipeline does
    t0 = time.perf_counter()
    n_mentions = 0
    for a, d, s in zip(arts, docs, sents):
        n_mentions += len(extract_claims(a, d, s, cfg, models).mentions)
    dt = time.perf_counter() - t0
    n = sum(len(s) for s in sents)
    return {"sentences": n, "seconds": dt, "sentences/s": n / dt, "mentions": n_mentions,
            "token states alone (MiniLM pass + mapping), s": states_s}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", choices=["newsquant", "polnear", "speed"])
    ap.add_argument("--errors", action="store_true", help="print NewsQuant sentences that differ from gold")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skip: data folder {args.data} not found (pass --data PATH)")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import torch

    torch.set_num_threads(1)
    from wirecheck.nlp import NLP

    nlp = NLP()
    rows: list[tuple[str, str, str]] = []
    if args.only in (None, "newsquant"):
        r = run_newsquant(args.data, nlp, args.errors)
        for k, v in (r or {}).items():
            rows.append(("NewsQuant quantities", k, f"{v:.3f}" if isinstance(v, float) else str(v)))
    if args.only in (None, "polnear"):
        r = run_polnear(args.data, nlp)
        for k, v in (r or {}).items():
            rows.append(("PolNeAR dev attribution", k, f"{v:.3f}" if isinstance(v, float) else str(v)))
    if args.only in (None, "speed"):
        r = run_speed(args.data, nlp)
        for k, v in (r or {}).items():
            rows.append(("claim stage throughput", k, f"{v:.1f}" if isinstance(v, float) else str(v)))
    width = max((len(a) for a, _b, _c in rows), default=10)
    print(f"{'benchmark':<{width}}  {'metric':<22} value")
    for a, b, c in rows:
        print(f"{a:<{width}}  {b:<22} {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
