"""Cleaning: from a :class:`RawArticle` to the canonical clean :class:`Article`.

HTML goes through trafilatura (:mod:`.html`); text dumps are split into
paragraphs (:mod:`.normalise`); then the same site-furniture rules
(:mod:`.rules`) remove share prompts, link lists, comment forms, tags,
captions, credits, newsletter prompts and ads, keeping each removed piece in
``Article.removed`` with its kind. Provenance clues (:mod:`.clues`) are kept
as fields. The clean text has paragraphs separated by exactly one blank line,
trimmed lines, collapsed spaces and Unicode NFC; quotes and dashes stay as
written.

Title rule: an explicit title (record field or HTML metadata) wins. A text
dump's first remaining paragraph is its title when it is headline-sized
(at most 30 words, no dateline) and is then not part of the body; a JSON
record without a title gets one the same way only when that first paragraph
does not end like a sentence. Any body
paragraph equal to the title is dropped from the body. Without a date from
the record or the page, a date written in a removed byline is used.

Outlet rule: the record's ``outlet`` field, else the page's site name, else
a name the page's own furniture gives itself (:mod:`.outlet`: share handles,
"More from X", newsletter prompts, bylines, copyright on non-syndicated
content, "Headline | X" titles), never a wire agency or the publication an
article originally appeared in. ``Clues.outlet_from`` says which it was.
"""

from __future__ import annotations

from ..config import IngestConfig
from ..records import Article, RawArticle, Rejected, Removed, ShortText
from .clues import date_in, extract_clues, find_dateline
from .html import extract_html
from .normalise import article_id, join, paragraphs, publisher_of, word_count
from .outlet import find_outlet
from .rules import RULES, Rule, match_rule, remove_furniture

__all__ = ["RULES", "Rule", "article_id", "clean_article", "clean_text", "match_rule",
           "remove_furniture"]

_TITLE_MAX_WORDS = 30


def _headline(para: str, strict: bool = False) -> bool:
    """Headline-sized: short, no dateline; ``strict`` also refuses a closing full stop."""
    if strict and para.rstrip()[-1:] in ".!?":
        return False
    return word_count(para) <= _TITLE_MAX_WORDS and find_dateline(para) is None


#: the stages a text of fewer than ``ingest.min_words`` words skips: too short to take facts from
SHORT_TEXT_STAGES = ("claims",)


def clean_text(text: str) -> tuple[list[str], list]:
    """Paragraphs of a text dump with furniture removed, and the removed pieces."""
    return remove_furniture(paragraphs(text))


def clean_article(raw: RawArticle, config: IngestConfig) -> Article | Rejected:
    """Clean one raw article into an :class:`Article`, or reject it with a reason.

    Rejected when no article text is found, or (a :class:`~wirecheck.records.ShortText`, which keeps the
    cleaned text and title) when the text has no word or text and headline together have fewer than
    ``config.min_cluster_words`` words. A text of fewer than ``config.min_words`` words (a feed summary, a
    wire flash, a lead) is kept and clustered, and skips the claim stage (``skipped_stages``: too short to
    take facts from).
    """
    title, outlet, url = raw.title, raw.outlet, raw.url
    outlet_from = "record" if outlet else None
    published, language, author = raw.published, raw.language, None
    layout: list[str] = []  # layout-table rows the HTML extraction left out
    if raw.html is not None and raw.text is None:
        try:
            page = extract_html(raw.html, url=raw.url, precision=config.html_precision)
        except Exception as exc:  # trafilatura/lxml on broken markup: reject, never raise
            return Rejected(raw.source, f"could not parse HTML: {exc}")
        if not page.paragraphs:
            return Rejected(raw.source, "no article text found in the page")
        paras = page.paragraphs
        title = title or page.title
        if outlet is None and page.outlet:
            outlet, outlet_from = page.outlet, "page metadata"
        url = url or page.url
        published = published or page.published
        language = language or page.language
        author = page.author
        layout = page.layout
    elif raw.text is not None:
        paras = paragraphs(raw.text)
    else:
        return Rejected(raw.source, "record has neither text nor html")

    kept, removed = remove_furniture(paras)
    removed = [Removed("navigation", row) for row in layout] + removed
    if title is None and raw.fmt in ("text", "json") and kept and _headline(
            kept[0], strict=raw.fmt == "json"):
        title = kept.pop(0)
    if title:
        folded = title.casefold().strip()
        kept = [p for p in kept if p.casefold() != folded]

    if published is None:  # a text dump's date is often in its byline
        published = next((d for r in removed if r.kind == "byline"
                          for d in [date_in(r.text)] if d), None)
    text = join(kept)
    words = word_count(text)
    told = words + (word_count(title) if title else 0)
    if not words:  # a headline alone: nothing of the article to analyse
        alone = ", only a headline" if title else ""
        return ShortText(raw.source, f"only 0 words of article text after cleaning{alone}", text=text, title=title)
    if told < config.min_cluster_words:  # kept with its text: a fragment is listed with what it said
        return ShortText(raw.source, f"only {told} words of article text and headline after cleaning "
                                     f"(minimum {config.min_cluster_words})", text=text, title=title)
    clues = extract_clues(kept, removed, byline=author)
    if outlet is None:
        found = find_outlet(title, kept, removed, clues, url=url)
        if found is not None:
            outlet, outlet_from = found.name, found.outlet_from
            if title and "title suffix" in found.how:
                title = title.rsplit("|", 1)[0].strip() or title
    clues.outlet_from = outlet_from
    return Article(
        id=article_id(text, publisher_of(outlet, url)),
        source=raw.source,
        text=text,
        title=title,
        external_id=raw.external_id,
        outlet=outlet,
        published=published,
        url=url,
        language=language,
        removed=removed,
        clues=clues,
        encoding=raw.encoding,
        skipped_stages=list(SHORT_TEXT_STAGES) if words < config.min_words else [],
    )
