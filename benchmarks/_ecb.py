"""Reader for the ECB+ corpus (Cybulska & Vossen 2014) as wirecheck articles.

Story cluster = (topic, ``ecb`` | ``ecbplus``) from the file name. Text is the
``<token>`` elements in order, one sentence per line; in ``ecbplus`` files
sentence 0 is the source URL, dropped from the text and kept as ``url``.
ECB+ has no dates, so ``published`` is None and order is file order.
Nothing from the corpus is copied into the repository.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from wirecheck.records import Article

_NAME_RE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


@dataclass(slots=True)
class EcbDocument:
    """One ECB+ document: the article and its gold story label."""

    article: Article
    label: str  # "<topic>_<ecb|ecbplus>"


def default_path() -> Path:
    """``../shared/data/ecbplus`` relative to the repository root."""
    return Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus"


def _glued(out: list[str], tok: str) -> bool:
    """Whether ``tok`` continues a number the tokenizer cut ("6" "." "1", "120" "," "000", "4" ":" "59").

    The ``ecbplus`` files split decimals, thousands and clock times into three
    tokens; the original text had no spaces there.
    """
    if len(out) < 2 or not tok[:1].isdigit() or not out[-2][-1:].isdigit():
        return False
    sep = out[-1]
    if sep == ",":
        return len(tok) == 3 and tok.isdigit()
    if sep == ":":
        return len(tok) == 2 and tok.isdigit()
    return sep == "."


def _detok(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER and not _glued(out, tok):
            out.append(" ")
        out.append(tok)
    return "".join(out)


def _sort_key(path: Path) -> tuple[int, int, int]:
    m = _NAME_RE.match(path.name)
    assert m
    return int(m.group(1)), int(m.group(3) == "ecbplus"), int(m.group(2))


def read_ecbplus(root: Path) -> list[EcbDocument]:
    """All ECB+ documents under ``root``, in file order (topic, sub-corpus, number)."""
    from lxml import etree

    files = sorted((p for p in root.rglob("*.xml") if _NAME_RE.match(p.name)), key=_sort_key)
    docs: list[EcbDocument] = []
    for seq, path in enumerate(files):
        m = _NAME_RE.match(path.name)
        topic, sub = m.group(1), m.group(3)
        tree = etree.parse(str(path))
        sentences: dict[int, list[str]] = {}
        for tok in tree.iter("token"):
            sentences.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        url = None
        if sub == "ecbplus" and 0 in sentences:
            url = "".join(sentences.pop(0))
        lines = [_detok(toks) for _, toks in sorted(sentences.items())]
        lines = [line for line in lines if line.strip()]
        text = "\n".join(lines)
        article = Article(
            id=path.stem, source=str(path), text=text, title=lines[0] if lines else None,
            url=url, published=None, seq=seq,
        )
        docs.append(EcbDocument(article, f"{topic}_{sub}"))
    return docs


def write_feed(docs: list[EcbDocument], path: Path) -> None:
    """The documents as a JSONL feed a run reads (id, text, url; no title: ECB+ has none, and its first
    sentence is article text)."""
    import json

    with path.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.article.id, "text": d.article.text, "url": d.article.url}) + "\n")
