"""Fact-table benchmark: alignment and discrepancies on the labelled set, discrepancies on real coverage.

    python benchmarks/alignment.py [--set DIR] [--data PATH] [--only labelled|real] [--errors]
                                   [--real-sample N] [--sample-out FILE] [--cache DIR]

* Labelled set (``benchmarks/alignment/*.json``, invented events written for the project, see its
  README): each event's articles go through the real stages (cleaning, parse, embeddings, claims,
  provenance, alignment, discrepancies, brief) as one story. Scored:
  - fact alignment, pairwise: two gold mentions of one fact in two articles are a gold pair; a predicted
    pair is two supports of one claim that map to gold mentions (a support maps to the gold mention of
    its article whose anchor its figure, quote or clause overlaps). P over mapped predicted pairs, R over
    all gold pairs (an unextracted mention is a missed pair);
  - discrepancies per kind: a predicted discrepancy is right when the gold one has its kind and (facts)
    its claim holds mentions of the gold fact in two of the gold articles, or (roles) names the person;
  - false disputes on compatible wording: value discrepancies or disputed claims whose mapped gold facts
    carry no gold value discrepancy, and role discrepancies for people with no gold role discrepancy;
  - brief: share of brief sentences whose gold facts are all reported by every cited article;
  - cost: seconds in alignment + discrepancies against the whole analysis of the set.
* Real coverage (``--data``): ECB+ stories with three or more articles and a sample of NeuS stories, each
  analysed as one story (gold clusters, no clustering): discrepancies per story by kind, and a fixed
  random sample of 50 discrepancies written to ``--sample-out`` for checking by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
DEFAULT_SET = ROOT / "benchmarks" / "alignment"
DEFAULT_DATA = ROOT.parent / "shared" / "data"

from wirecheck.config import Config  # noqa: E402
from wirecheck.claims.names import same_person  # noqa: E402
from wirecheck.records import Article, RawArticle  # noqa: E402

FACT_KINDS = {"value", "certainty", "attribution", "date", "place"}


# ------------------------------------------------------------------ running the stages
class Stages:
    """The models, loaded once, and the per-article and per-story stages of a run."""

    def __init__(self, config: Config, nlp=None, cache: Path | None = None) -> None:
        from wirecheck.claims.attribution import load_attribution_models
        from wirecheck.cluster.places import Gazetteer
        from wirecheck.nlp import NLP

        self.config = config
        self.nlp = nlp or NLP(config.nlp)
        self.attribution_models = load_attribution_models()
        self.gazetteer = Gazetteer()
        self.seconds: Counter = Counter()
        self.cache = cache
        self._code = _article_stage_fingerprint(config) if cache is not None else ""

    def articles(self, articles: list[Article]):
        """Features and claims of each article; read from ``--cache`` when the same texts went through the
        same article-stage code and configuration before (the story stages always run)."""
        if self.cache is None:
            return self._articles(articles)
        key = hashlib.sha1(self._code.encode())
        for a in articles:
            key.update(repr((a.id, a.text, a.title, a.outlet, a.published)).encode())
        path = self.cache / f"{key.hexdigest()}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        out = self._articles(articles)
        self.cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out))
        return out

    def _articles(self, articles: list[Article]):
        from wirecheck.claims import extract_claims

        t0 = time.perf_counter()
        docs = self.nlp.parse(a.text for a in articles)
        features = self.nlp.features(articles, docs)
        claims = [extract_claims(a, d, f.sentences, self.config.claims, self.attribution_models)
                  for a, d, f in zip(articles, docs, features)]
        self.seconds["articles"] += time.perf_counter() - t0
        return features, claims

    def story(self, story_id: str, articles, features, claims):
        from wirecheck import story as story_mod
        from wirecheck.align import align_claims
        from wirecheck.discrepancy import find_discrepancies

        t0 = time.perf_counter()
        analysis = story_mod.analyse_story(story_id, articles, features, claims, self.config, self.gazetteer)
        self.seconds["story"] += time.perf_counter() - t0
        t1 = time.perf_counter()  # the alignment stage alone, timed again on the same inputs
        aligned = align_claims(articles, features, claims, analysis.origins, self.config.align)
        find_discrepancies(aligned, claims, articles, features, analysis.origins, self.config.align, self.gazetteer)
        self.seconds["align"] += time.perf_counter() - t1
        return analysis


#: modules of the story stages: a change in them leaves cached article-stage results valid
_STORY_STAGE = ("align.py", "discrepancy.py", "story.py", "brief.py", "contributions.py", "entities.py",
                "wording.py", "provenance", "cluster", "report", "web", "store.py", "pipeline.py", "cli.py")


def _article_stage_fingerprint(config: Config) -> str:
    """A digest of the source the article stages run (everything but the story stages) and of the
    configuration they read."""
    src = ROOT / "src" / "wirecheck"
    digest = hashlib.sha1(repr((config.nlp, config.claims)).encode())
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        if path.is_file() and not rel.startswith(_STORY_STAGE) and "__pycache__" not in rel:
            digest.update(rel.encode() + path.read_bytes())
    return digest.hexdigest()


# ------------------------------------------------------------------ the labelled set
def load_events(folder: Path) -> list[dict]:
    """The labelled events, each article cleaned by the real cleaning stage."""
    from wirecheck.clean import clean_article

    events = []
    for path in sorted(folder.glob("*.json")):
        event = json.loads(path.read_text(encoding="utf-8"))
        built = []
        for seq, a in enumerate(event["articles"]):
            raw = RawArticle(source=f"{path.stem}/{a['key']}.json", fmt="json", text=a["text"], title=a.get("title"),
                             outlet=a.get("outlet"), published=a.get("published"), external_id=a["key"])
            article = clean_article(raw, Config().ingest)
            if not isinstance(article, Article):
                raise SystemExit(f"{path.name}: article {a['key']} rejected: {article.reason}")
            built.append(replace(article, seq=seq))
        event["built"] = built
        events.append(event)
    return events


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _support_span(s) -> tuple[int, int]:
    if s.quantity is not None:
        return s.quantity.start, s.quantity.end
    if s.label_end > s.label_start:
        return s.label_start, s.label_end
    return s.start, s.end


def gold_mentions(event: dict) -> list[dict]:
    """Every gold fact mention with its article id and character span in the cleaned text."""
    ids = {a.external_id: a for a in event["built"]}
    out = []
    for fact in event["facts"]:
        for m in fact["mentions"]:
            article = ids[m["article"]]
            at = article.text.find(m["anchor"])
            out.append({"fact": fact["id"], "kind": fact["kind"], "article": article.id, "key": m["article"],
                        "span": (at, at + len(m["anchor"])) if at >= 0 else None, "anchor": m["anchor"],
                        "raw": m})
    return out


def map_supports(analysis, gold: list[dict]) -> dict[tuple[str, int], dict]:
    """(claim id, support index) -> the gold mention it states (one support per mention: same kind first,
    then a figure within the gold interval, then the best overlap)."""
    by_article = defaultdict(list)
    for g in gold:
        if g["span"] is not None:
            by_article[g["article"]].append(g)
    candidates = []
    for c in analysis.claims:
        for i, s in enumerate(c.support):
            span = _support_span(s)
            for g in by_article[s.article]:
                ov = _overlap(span, g["span"])
                if ov > 0:
                    same_kind = (g["kind"] == c.kind) or (g["kind"] == "statement" and c.kind != "quote")
                    candidates.append((same_kind, _fits(s.quantity, g["raw"]), ov, c.id, i, id(g), g))
    taken_support, taken_gold, out = set(), set(), {}
    for _kind, _fit, _ov, cid, i, gid, g in sorted(candidates, key=lambda x: (not x[0], not x[1], -x[2])):
        if (cid, i) in taken_support or gid in taken_gold:
            continue
        taken_support.add((cid, i))
        taken_gold.add(gid)
        out[(cid, i)] = g
    return out


def _fits(q, raw: dict) -> bool:
    """Whether a support's figure lies within its gold mention's interval, which tells two gold facts with
    one anchor apart ("voted 31-19": 31 for, 19 against); True when either has no figure."""
    if q is None or raw.get("low") is None:
        return True
    high = raw.get("high")
    return raw["low"] <= q.value and (high is None or q.value <= high)


def score_event(event: dict, analysis) -> dict:
    """Counts for one event: pairs, discrepancies by kind, false disputes, brief support."""
    gold = gold_mentions(event)
    mapping = map_supports(analysis, gold)
    keys = {a.id: a.external_id for a in event["built"]}
    ids = {a.external_id: a.id for a in event["built"]}
    by_fact = defaultdict(set)
    for g in gold:
        by_fact[g["fact"]].add(g["article"])
    gold_pairs = {(f, *sorted((a, b))) for f, arts in by_fact.items() for a in arts for b in arts if a < b}
    pred_pairs, good_pairs = 0, 0
    claim_facts: dict[str, Counter] = {}
    for c in analysis.claims:
        mapped = [(s.article, mapping[(c.id, i)]) for i, s in enumerate(c.support) if (c.id, i) in mapping]
        claim_facts[c.id] = Counter(g["fact"] for _, g in mapped)
        for x in range(len(mapped)):
            for y in range(x + 1, len(mapped)):
                (aa, ga), (ab, gb) = mapped[x], mapped[y]
                if aa == ab:
                    continue
                pred_pairs += 1
                good_pairs += ga["fact"] == gb["fact"]
    found_pairs = 0
    mapped_gold = {(g["fact"], g["article"]) for g in mapping.values()}
    kind_of = {g["fact"]: g["kind"] for g in gold}
    split: Counter = Counter()
    for f, a, b in gold_pairs:
        if any(claim_facts[c.id][f] and {a, b} <= {s.article for i, s in enumerate(c.support)
                                                   if mapping.get((c.id, i), {}).get("fact") == f}
               for c in analysis.claims):
            found_pairs += 1
        elif (f, a) in mapped_gold and (f, b) in mapped_gold:
            split[(kind_of[f], "split")] += 1
        else:
            split[(kind_of[f], "unextracted")] += 1

    gold_d = event.get("discrepancies", [])
    value_facts = {d["fact"] for d in gold_d if d["kind"] == "value"}
    role_people = [d["person"] for d in gold_d if d["kind"] == "role"]
    claims = {c.id: c for c in analysis.claims}
    kinds = defaultdict(lambda: Counter())
    matched_gold: set[int] = set()
    false_disputes, errors = 0, []
    for d in analysis.discrepancies:
        kinds[d.kind]["pred"] += 1
        hits = []  # (already matched, -articles in common, index) of each gold discrepancy it may be
        for gi, g in enumerate(gold_d):
            if g["kind"] != d.kind:
                continue
            if d.kind == "role":
                person = d.summary.split(" is given", 1)[0]
                if same_person(person, g["person"]):
                    hits.append((gi in matched_gold, 0, gi))
            else:
                wanted = {ids[k] for k in g["articles"] if k in ids}
                # a support states the gold fact when it is mapped to it, or (one clause stating two
                # facts: "A site manager for the company that had been resurfacing the deck was arrested")
                # when its span holds that fact's anchor in its article
                arts = {s.article for cid in d.claims for i, s in enumerate(claims[cid].support)
                        if mapping.get((cid, i), {}).get("fact") == g.get("fact")
                        or any(m["fact"] == g.get("fact") and m["article"] == s.article and m["span"] is not None
                               and _overlap(_support_span(s), m["span"]) > 0 for m in gold)}
                shown = arts & set(d.articles)  # the articles the discrepancy sets against each other
                if len(arts & wanted) >= 2:
                    hits.append((gi in matched_gold, -len(shown & wanted), gi))
        hit = min(hits)[2] if hits else None  # an unmatched gold one first, then the closest
        if hit is not None:
            kinds[d.kind]["tp_pred"] += 1
            matched_gold.add(hit)
        else:
            errors.append(f"  false {d.kind}: {d.summary[:160]}")
            if d.kind == "value" and not any(f in value_facts for cid in d.claims for f in claim_facts.get(cid, {})):
                false_disputes += 1
            if d.kind == "role" and not any(same_person(d.summary.split(" is given", 1)[0], p) for p in role_people):
                false_disputes += 1
    for gi, g in enumerate(gold_d):
        kinds[g["kind"]]["gold"] += 1
        if gi in matched_gold:
            kinds[g["kind"]]["tp_gold"] += 1
        else:
            errors.append(f"  missed {g['kind']}: {g.get('fact') or g.get('person')} {g.get('note', '')[:100]}")
    for c in analysis.claims:  # a disputed claim with no gold value dispute behind it, raised without a discrepancy
        if c.status == "disputed" and not any(c.id in d.claims for d in analysis.discrepancies):
            false_disputes += 1

    supported = with_facts = 0
    interval = {(g["fact"], g["article"]): g for g in gold}
    for b in analysis.brief:
        facts = {g["fact"] for g in gold if g["article"] == b.article and g["span"] and
                 _overlap(g["span"], (b.start, b.end)) == g["span"][1] - g["span"][0]}
        if not facts:
            continue
        with_facts += 1
        # every cited article reports one of the sentence's facts, and none words one incompatibly
        backed = all(any(c in by_fact[f] for f in facts) and all(
            _gold_compatible(interval.get((f, b.article)), interval.get((f, c))) for f in facts)
            for c in b.citations)
        supported += backed
        if not backed:
            errors.append(f"  brief sentence not backed by every citation: {b.text[:90]!r} facts {sorted(facts)} "
                          f"cites {[keys.get(c, c) for c in b.citations]}")
    missing = sum(g["span"] is None for g in gold)
    return {"gold_pairs": len(gold_pairs), "found_pairs": found_pairs, "pred_pairs": pred_pairs,
            "good_pairs": good_pairs, "kinds": kinds, "false_disputes": false_disputes, "brief": (supported, with_facts),
            "errors": errors, "missing_anchors": missing, "keys": keys, "split": split}


def _gold_compatible(a: dict | None, b: dict | None) -> bool:
    """Whether two gold mentions' intervals overlap (statements and quotes always do)."""
    if a is None or b is None or "low" not in a.get("raw", {}) or "low" not in b.get("raw", {}):
        return True
    lo_a, hi_a = a["raw"]["low"], a["raw"]["high"]
    lo_b, hi_b = b["raw"]["low"], b["raw"]["high"]
    lo = max(x for x in (lo_a, lo_b) if x is not None) if lo_a is not None or lo_b is not None else None
    his = [x for x in (hi_a, hi_b) if x is not None]
    return lo is None or not his or lo <= min(his)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 1.0
    r = tp_g / n_g if n_g else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_labelled(folder: Path, stages: Stages, errors: bool) -> dict:
    events = load_events(folder)
    total = Counter()
    kinds = defaultdict(Counter)
    brief = [0, 0]
    split: Counter = Counter()
    for event in events:
        features, claims = stages.articles(event["built"])
        analysis = stages.story(event["event"], event["built"], features, claims)
        s = score_event(event, analysis)
        for k in ("gold_pairs", "found_pairs", "pred_pairs", "good_pairs", "false_disputes", "missing_anchors"):
            total[k] += s[k]
        for kind, c in s["kinds"].items():
            kinds[kind].update(c)
        split.update(s["split"])
        brief[0] += s["brief"][0]
        brief[1] += s["brief"][1]
        if errors and s["errors"]:
            print(f"{event['event']}:")
            print("\n".join(s["errors"]))
    p, r, f = _prf(total["good_pairs"], total["pred_pairs"], total["found_pairs"], total["gold_pairs"])
    print(f"\nLabelled set: {len(events)} events, {sum(len(e['built']) for e in events)} articles, "
          f"{total['gold_pairs']} gold mention pairs ({total['missing_anchors']} anchors lost in cleaning)")
    print(f"| measure | P | R | F1 |\n|---|---|---|---|\n| fact alignment (pairwise) | {p:.3f} | {r:.3f} | {f:.3f} |")
    all_tp = Counter()
    for kind in sorted(kinds):
        c = kinds[kind]
        all_tp.update(c)
        kp, kr, kf = _prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"])
        print(f"| discrepancies: {kind} ({c['pred']} found, {c['gold']} gold) | {kp:.3f} | {kr:.3f} | {kf:.3f} |")
    ap, ar, af = _prf(all_tp["tp_pred"], all_tp["pred"], all_tp["tp_gold"], all_tp["gold"])
    print(f"| discrepancies: all ({all_tp['pred']} found, {all_tp['gold']} gold) | {ap:.3f} | {ar:.3f} | {af:.3f} |")
    print("Missed gold pairs: " + ", ".join(f"{k} {why} {n}" for (k, why), n in sorted(split.items())))
    share = brief[0] / brief[1] if brief[1] else 1.0
    print(f"\nFalse disputes on compatible wording: {total['false_disputes']}")
    print(f"Brief sentences each of whose cited articles reports one of its facts, none incompatibly: "
          f"{brief[0]}/{brief[1]} = {share:.3f}")
    whole = stages.seconds["articles"] + stages.seconds["story"]
    if stages.cache is not None:
        print(f"Cost: alignment + discrepancies {stages.seconds['align']:.2f} s; not set against the whole "
              "analysis, whose article stages --cache may have read from disk (run without it for the share)")
    else:
        print(f"Cost: alignment + discrepancies {stages.seconds['align']:.2f} s of {whole:.1f} s analysis "
              f"({stages.seconds['align'] / whole:.1%})")
    return {"alignment_f1": f, "false_disputes": total["false_disputes"], "brief": share,
            "discrepancy_precision": ap, "discrepancy_recall": ar}


# ------------------------------------------------------------------ real coverage
def real_stories(data: Path, neus_sample: int, seed: int) -> list[tuple[str, list[Article]]]:
    """ECB+ stories with 3+ articles and a seeded sample of NeuS stories, as article lists."""
    from _ecb import read_ecbplus

    stories: list[tuple[str, list[Article]]] = []
    ecb = data / "ecbplus" / "ECB+_LREC2014" / "ECB+"
    if ecb.exists():
        groups = defaultdict(list)
        for doc in read_ecbplus(ecb):
            groups[doc.label].append(doc.article)
        stories += [(f"ecb:{k}", v) for k, v in sorted(groups.items()) if len(v) >= 3]
    neus = data / "neus" / "articles.jsonl"
    if neus.exists():
        groups = defaultdict(list)
        for line in neus.open(encoding="utf-8"):
            r = json.loads(line)
            text = "\n\n".join(x for x in (r.get("title"), r.get("text")) if x)
            groups[r["story"]].append(Article(id=r["id"], source=r["id"], text=text, title=r.get("title"),
                                              outlet=r.get("outlet"), published=r.get("published"),
                                              url=r.get("url"), seq=len(groups[r["story"]])))
        keys = sorted(k for k, v in groups.items() if len(v) >= 3)
        for k in random.Random(seed).sample(keys, min(neus_sample, len(keys))):
            stories.append((f"neus:{k}", groups[k]))
    return stories


def run_real(data: Path, stages: Stages, neus_sample: int, sample_out: Path | None, seed: int = 7) -> None:
    stories = real_stories(data, neus_sample, seed)
    if not stories:
        print(f"real coverage: no ECB+ or NeuS data under {data}; skipped")
        return
    per_set = defaultdict(lambda: Counter())
    found = []
    for story_id, articles in stories:
        features, claims = stages.articles(articles)
        analysis = stages.story(story_id, articles, features, claims)
        name = story_id.split(":")[0]
        per_set[name]["stories"] += 1
        per_set[name]["articles"] += len(articles)
        texts = {a.id: a for a in articles}
        for d in analysis.discrepancies:
            per_set[name][d.kind] += 1
            per_set[name]["all"] += 1
            found.append({"story": story_id, "kind": d.kind, "summary": d.summary,
                          "variants": [{"article": v.article, "outlet": texts[v.article].outlet, "value": v.value,
                                        "text": v.text} for v in d.variants]})
        statuses = Counter(c.status for c in analysis.claims)
        per_set[name].update({f"claims_{k}": v for k, v in statuses.items()})
    kinds = ["value", "role", "certainty", "attribution", "date", "place"]
    print("\n| set | stories | articles | discrepancies / story | " + " | ".join(kinds)
          + " | corroborated | single | disputed |")
    print("|---" * (7 + len(kinds)) + "|")
    for name, c in per_set.items():
        print(f"| {name} | {c['stories']} | {c['articles']} | {c['all'] / c['stories']:.2f} | "
              + " | ".join(str(c[k]) for k in kinds)
              + f" | {c['claims_corroborated']} | {c['claims_single_source']} | {c['claims_disputed']} |")
    if sample_out is not None:
        sample = random.Random(seed).sample(found, min(50, len(found)))
        sample_out.write_text(json.dumps(sample, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\n{len(sample)} discrepancies sampled for checking by hand: {sample_out}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", choices=["labelled", "real"])
    ap.add_argument("--errors", action="store_true", help="print each missed or false discrepancy")
    ap.add_argument("--real-sample", type=int, default=150, help="NeuS stories analysed (seeded sample)")
    ap.add_argument("--sample-out", type=Path, default=None, help="write 50 sampled real discrepancies here")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep article-stage results here, reused while that code and its config are unchanged")
    args = ap.parse_args(argv)
    from wirecheck.config import load_config

    stages = Stages(load_config(), cache=args.cache)  # defaults < wirecheck.toml < WIRECHECK_SECTION__KEY variables
    if args.only in (None, "labelled"):
        run_labelled(args.set, stages, args.errors)
    if args.only in (None, "real"):
        run_real(args.data, stages, args.real_sample, args.sample_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
