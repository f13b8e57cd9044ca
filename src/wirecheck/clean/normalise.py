"""Text normalisation shared by the cleaner: paragraphs, spaces, Unicode NFC, ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..text import url_host

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WS = re.compile(r"\s+")
_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?:;\"'”’»)\]…]$")


def clean_line(line: str) -> str:
    """One line with zero-width characters dropped, spaces collapsed and trimmed."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", line)).strip()


def paragraphs(text: str) -> list[str]:
    """Split a text dump into paragraphs (NFC, trimmed, spaces collapsed).

    Every non-empty line is a paragraph, except that a hard-wrapped line
    (no closing punctuation, next line starting in lower case) is joined with
    the next one. Site furniture sits on its own lines, so this keeps it apart.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    for block in _BLANK_SPLIT.split(text):
        current = ""
        for raw_line in block.split("\n"):
            line = clean_line(raw_line)
            if not line:
                continue
            if current and not _SENTENCE_END.search(current) and line[0].islower():
                current = f"{current} {line}"
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def join(paras: list[str]) -> str:
    """Paragraphs joined by exactly one blank line."""
    return "\n\n".join(p for p in paras if p)


def article_id(text: str, publisher: str | None = None) -> str:
    """First 16 hex digits of the SHA-256 of the normalised text (casefolded, whitespace-collapsed).

    ``publisher`` (the outlet, else the URL's host) joins the hash when known, so
    the same text at the same outlet is one article (re-running adds nothing
    twice) while a verbatim syndicated copy at another outlet is an article of
    its own. Without a publisher, identical texts are one article.
    """
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
    if publisher:
        norm = f"{_WS.sub(' ', publisher.casefold()).strip()}\n{norm}"
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def publisher_of(outlet: str | None, url: str | None) -> str | None:
    """Who published an article: the outlet's name, else the host of its URL, else None."""
    if outlet and outlet.strip():
        return outlet
    return url_host(url) or None


def word_count(text: str) -> int:
    """Number of whitespace-separated words containing a letter or digit."""
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))
