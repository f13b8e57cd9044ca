"""Train the attribution layer (``wirecheck.claims.attribution_model``) on PolNeAR *train* only.

Candidates are (cue, source) pairs from the spaCy parse; a candidate is positive when its cue token lies
in a gold cue span and its source head in the gold source span of the same relation. Features are
binary and closed-vocabulary (parse labels, entity labels, pronoun class, cue lemmas seen at least
``--min-count`` times, rule verdicts, positions). A logistic regression is fitted; the decision
threshold is the one that maximises the whole system's source-span overlap F1 on out-of-fold
predictions (5-fold cross-validation grouped by article, train split only). Dev is never read.

Usage: ``python benchmarks/train_attribution.py [--data PATH] [--out FILE] [--cache DOCBIN]``
Writes ``src/wirecheck/claims/models/attribution.json`` (weights, intercept, threshold, vocabularies).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "wirecheck" / "claims" / "models" / "attribution.json"
SEED = 13


def _docs(base: Path, files: list[Path], cache: Path | None):
    """spaCy parses of the train texts, from a DocBin cache in /tmp when one is given and present."""
    from spacy.tokens import DocBin

    from wirecheck.nlp import NLP

    nlp = NLP()
    if cache is not None and cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.spacy.vocab))
        if len(docs) == len(files) and all(d.text == f.read_text(encoding="utf-8") for d, f in zip(docs, files)):
            return docs
    docs = nlp.parse(f.read_text(encoding="utf-8") for f in files)
    if cache is not None:
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def _label(cand, rels, mode: str = "pair") -> int:
    """1 when the candidate's cue and source head fall in the cue and source spans of one gold relation
    (``mode="source"``: when the source head falls in any gold source span)."""
    c, s = cand.cue.idx, cand.source.idx
    if mode == "source":
        return int(any("Source" in r and r["Source"][0] <= s < r["Source"][1] for r in rels))
    return int(any("Cue" in r and "Source" in r and r["Cue"][0] <= c < r["Cue"][1]
                   and r["Source"][0] <= s < r["Source"][1] for r in rels))


def _source_f1(items, probs_by_doc, threshold, speech_threshold) -> tuple[float, float, float]:
    """System source-span overlap P/R/F1 on train articles for one threshold."""
    from claims import _f1, _span_scores

    from wirecheck.claims.attribution import drop_nested
    from wirecheck.claims.attribution_model import select

    tot = [0, 0, 0, 0]
    for (doc, rels, rule, pairs), probs in zip(items, probs_by_doc):
        pred = drop_nested(select(rule, pairs, probs, threshold, speech_threshold), doc.text)
        gold = [r["Source"] for r in rels if "Source" in r]
        got = [a.source for a in pred if a.source is not None]
        _ep, _eg, op, og = _span_scores(gold, got)
        for i, v in enumerate((op, og, len(got), len(gold))):
            tot[i] += v
    return _f1(tot[0], tot[2], tot[1], tot[3])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train texts (e.g. in /tmp)")
    ap.add_argument("--min-count", type=int, default=20, help="cue/source lemmas seen fewer times are <unk>")
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--label", choices=["pair", "source"], default="pair",
                    help="positive: cue and source in one gold relation (pair) or source in a gold source")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from claims import polnear_split

    base = polnear_split(args.data, "train")
    if base is None:
        return 0
    import numpy as np
    from claims import _read_ann
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from wirecheck.claims.attribution_model import cue_lemma, scored_candidates
    from wirecheck.claims.attribution_relations import candidates, is_core
    from wirecheck.claims.attribution_rules import rule_attributions

    files = sorted((base / "text").glob("*.txt"))[:args.limit]
    docs = _docs(base, files, args.cache)
    kept = [(f, d) for f, d in zip(files, docs) if sorted((base / "attributions").glob(f.stem + "_*.ann"))]
    files, docs = [f for f, _d in kept], [d for _f, d in kept]
    cue_counts: Counter[str] = Counter()
    src_counts: Counter[str] = Counter()
    cands_by_doc = [candidates(doc) for doc in docs]  # listed once per article, as find_attributions does
    for cands in cands_by_doc:
        for c in cands:
            cue_counts[cue_lemma(c.cue)] += 1
            if c.source.pos_ == "NOUN":
                src_counts[c.source.lemma_.lower()] += 1
    cue_vocab = {w for w, n in cue_counts.items() if n >= args.min_count and w.replace("_", "").isalpha()}
    src_vocab = {w for w, n in src_counts.items() if n >= args.min_count and w.isalpha()}

    items, rows, labels, groups = [], [], [], []
    for k, (f, doc, cands) in enumerate(zip(files, docs, cands_by_doc)):
        rels = _read_ann(sorted((base / "attributions").glob(f.stem + "_*.ann"))[0])
        rule = rule_attributions(doc)
        pairs = scored_candidates(doc, rule, cands, cue_vocab=cue_vocab, source_vocab=src_vocab)
        items.append((doc, rels, rule, pairs))
        for cand, r in pairs:
            if r is not None and r.speech and is_core(r):
                continue  # kept by the rules whatever the model says
            rows.append(dict.fromkeys(cand.features, 1))
            labels.append(_label(cand, rels, args.label))
            groups.append(k)
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    y = np.array(labels)
    groups = np.array(groups)
    print(f"{len(files)} articles, {X.shape[0]} candidates ({y.sum()} positive), {X.shape[1]} features")

    def fit(Xa, ya):
        return LogisticRegression(C=args.C, max_iter=2000, solver="lbfgs", random_state=SEED).fit(Xa, ya)

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        oof[te] = fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    probs_by_doc, pos = [], 0
    for _doc, _rels, _rule, pairs in items:
        core = [r is not None and r.speech and is_core(r) for _c, r in pairs]
        it = iter(oof[pos:pos + len(core) - sum(core)])
        pos += len(core) - sum(core)
        probs_by_doc.append([1.0 if k else float(next(it)) for k in core])
    best = (-1.0, 0.5, 0.0)
    for t in np.arange(0.20, 0.61, 0.05):
        for ts in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
            p, r, f1 = _source_f1(items, probs_by_doc, float(t), ts)
            print(f"threshold {t:.3f} speech {ts:.2f}: source overlap P {p:.3f} R {r:.3f} F1 {f1:.3f}")
            best = max(best, (f1, round(float(t), 3), ts))
    print(f"speech rules only: F1 {_source_f1(items, probs_by_doc, 1.01, 0.0)[2]:.3f}; chosen {best[1:]}")

    model = fit(X, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    out = {
        "about": ("Attribution candidate classifier for wirecheck (logistic regression over binary, "
                  "closed-vocabulary parse features; no article text). Trained on the PolNeAR v1.0.0 train "
                  "split only (research-use data: Newell, Margolin, Ruths, LREC 2018) by "
                  "benchmarks/train_attribution.py"),
        "trained": dt.date.today().isoformat(),
        "command": "python benchmarks/train_attribution.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "params": {"C": args.C, "label": args.label, "min_count": args.min_count, "seed": SEED, "articles": len(files),
                   "candidates": int(X.shape[0]), "positives": int(y.sum()),
                   "cv_source_overlap_f1": round(best[0], 4)},
        "threshold": best[1],
        "speech_threshold": best[2],
        "intercept": round(float(model.intercept_[0]), 4),
        "vocab": {"cue_lemma": sorted(cue_vocab), "source_lemma": sorted(src_vocab)},
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
