"""Reader for the NeuS / AllSides headline roundups (``../shared/data/neus``) as wirecheck articles.

Each story is one AllSides roundup: three leads (30-90 words, one each from a left-, centre- and
right-rated outlet) with their headlines. Gold story = the ``story`` id. Separate ids can cover one
ongoing saga or a follow-up (the data's README, "Caveats"): such pairs count as different stories
here, so a clusterer that joins them loses a little precision it arguably should not. Texts are
kept exactly as given (22 are empty: the headline alone is the article then); ``published`` is null
for every article (the AllSides roundup date of the 388 matched stories is a proxy, not used).
Nothing from the data is copied into the repository.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from _ecb import EcbDocument

from wirecheck.records import Article


def default_path() -> Path:
    """``../shared/data/neus`` relative to the repository root."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "data" / "neus"


def read_neus(root: Path, stories: int | None = None, seed: int = 0) -> list[EcbDocument]:
    """Every NeuS article under ``root`` in file order (split, line, position), labelled with its story.

    ``stories``: keep only that many stories, drawn at random with ``seed`` (file order kept).
    """
    rows = [json.loads(line) for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if stories is not None:
        ids = sorted({r["story"] for r in rows})
        keep = set(random.Random(seed).sample(ids, min(stories, len(ids))))
        rows = [r for r in rows if r["story"] in keep]
    docs = []
    for seq, r in enumerate(rows):
        article = Article(id=r["id"], source=str(root / "articles.jsonl"), text=r["text"] or "",
                          title=r["title"] or None, outlet=r.get("outlet"), url=r.get("url"),
                          published=r.get("published"), seq=seq)
        docs.append(EcbDocument(article, r["story"]))
    return docs
