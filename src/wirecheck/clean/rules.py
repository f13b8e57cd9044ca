"""The site-furniture rule table and the pass that applies it to paragraphs.

A rule is ``(kind, compiled pattern, scope)`` plus a docstring. A pattern
must match a *whole* paragraph (``fullmatch``) that is at most
``max_words`` long, so article sentences that merely mention "share",
"related" or "subscribe" are never touched. Scope ``line`` removes the
matching paragraph; scope ``rest`` removes it and everything after it
(link lists, comment sections), unless the paragraphs that follow read like
article prose. The first matching rule wins, so order matters. To extend,
add a :class:`Rule` to :data:`RULES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..dates import MONTHS, WEEKDAYS
from ..records import Removed, RemovedKind
from .clues import AGENCY_PATTERN
from .normalise import word_count

I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of furniture: a whole-paragraph pattern, its scope and what it is for."""

    kind: RemovedKind
    pattern: re.Pattern[str]
    scope: Literal["line", "rest"]
    doc: str
    max_words: int = 12


def _r(kind: RemovedKind, pattern: str, scope: Literal["line", "rest"], doc: str,
       max_words: int = 12, flags: int = I) -> Rule:
    return Rule(kind, re.compile(pattern, flags), scope, doc, max_words)


_SHARE_WORD = (r"(?:share|shares|tweet|email|e-mail|print|pin|pinterest|whatsapp|facebook|"
               r"twitter|x|linkedin|reddit|telegram|messenger|flipboard|copy link|copy|"
               r"save|comments?|sms|threads|bluesky|mastodon)")
_HEADING_END = r"\s*[:.!»›>]*"
_PHOTO_CREDIT = (r"(?:getty images|ap photo|shutterstock|reuters/|afp photo|epa-efe|/afp\b|"
                 r"/ap\b|/reuters|file photo|via getty|photo by|photographs? by)")
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
_MONTH_WORD = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_ZONE = r"(?:gmt|utc|bst|cet|[ecmp][sd]t|[ecmp]t|ist|aest|aedt|sast|hkt)"
#: one piece of a written date or time: "Tuesday", "January", "15th", "2008", "11:25am", "GMT", "07.01.08"
_DATE_PIECE = (rf"(?:{_WEEKDAY}|{_MONTH_WORD}|\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}}|{_CLOCK}|{_ZONE}|"
               r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:t[\d:.+z-]+)?|at|on|of)")
_DATE_LINE = (r"(?:(?:(?:last|first)\s+)?(?:updated|edited|modified|published|posted|created)|date|"
              r"(?:publication|published|posted)\s+date)?\s*:?\s*"
              rf"(?=[^|]*(?:\d{{4}}|\d[./-]\d{{1,2}}[./-]\d\d))(?:{_DATE_PIECE}(?:[\s,.\-–—/|()]+|$)){{2,12}}")

RULES: tuple[Rule, ...] = (
    _r("share", rf"(?:{_SHARE_WORD}[\s|/•·,;:]*){{2,}}",
       "line", "A bar of share buttons copied as words: 'Facebook Twitter Email'."),
    _r("share", r"(?:share|tweet|post|send)\s+(?:this|it)(?:\s+(?:article|story|post|page|"
       r"link|video))?(?:\s*(?:on|via|with|to|@|:).{0,80})?",
       "line", "'Share this @site.com', 'Share this article on Facebook'."),
    _r("share", rf"(?:share|post)\s+(?:on|to|via)\s+{_SHARE_WORD}.{{0,60}}",
       "line", "'Share on Facebook', 'Share via Email'."),
    _r("share", r"click to (?:share|email|print|tweet).{0,80}|(?:\d[\d,.]*k?\s+)?shares?",
       "line", "'Click to share on X (Opens in new window)', '1.2k shares'.", 14),
    _r("share", r"follow (?:us|@\S+)(?:\s+(?:on|at|via)\s+.{0,60}|\s*[:@]\s*.{0,80})",
       "line", "'Follow us on X @site', 'Follow us: @site'.", 14),
    _r("related_sources", r"related sources?\b.{0,500}",
       "rest", "'Related Sources: • Source 1' lists and everything after them.", 80),
    _r("related", r"(?:you (?:may|might) (?:also )?(?:like|enjoy)|related(?:\s+(?:articles?|"
       r"stories|posts|news|coverage|content|reading|links|topics))?|read more(?: stories)?|"
       r"more (?:from|on|stories|news|in|like this)\b.{0,50}|recommended(?:\s+(?:for you|"
       r"stories|reading|articles))?|most (?:read|popular|viewed|shared)(?: now| today)?|"
       r"trending(?: now| stories)?|also (?:read|on \S.{0,40})|see also|further reading|"
       r"editor'?s? picks?|top stories|what to read next|don't miss|keep reading)"
       + _HEADING_END,
       "rest", "Headings of link lists ('You May Also Like', 'Related', 'Read more', "
       "'More from X') and everything after them.", 8),
    _r("related", r"(?:read more|related|also read|read also|see also|recommended|watch|"
       r"listen|more)\s*[:|»›>-]\s*\S.{0,200}",
       "line", "An inline promo link inside the article: 'READ MORE: Other headline'.", 30),
    _r("comments", r"(?:leave a (?:reply|comment)|\d+\s+(?:comments?|responses?|replies)|"
       r"comments?(?:\s*\(\d+\))?|join the (?:conversation|discussion)|(?:add|post|write) "
       r"a comment|(?:show|view|load|see) (?:all )?comments?|discussion|reader comments)"
       + _HEADING_END,
       "rest", "Comment-section headings ('Leave a Reply', '3 Comments'): the section after goes.", 6),
    _r("comments", r"(?:your email address will not be published.{0,200}|required fields "
       r"are marked.{0,40}|post comment|submit comment|cancel reply|(?:comment|name|email|"
       r"website|url)\s*\*?|save my name, email,? and website.{0,120}|you must be "
       r"(?:logged|signed) in to (?:post a )?comment.{0,80}|notify me of .{0,80}"
       r"(?:comments|posts|email).{0,40}|log ?in to (?:reply|comment).{0,40}|reply|"
       r"comments are (?:closed|moderated).{0,120})",
       "line", "Comment-form lines: 'Your email address will not be published', "
       "'Required fields are marked *', 'Post Comment'.", 40),
    _r("tags", r"(?:tags?|tagged(?: with| as)?|topics?|keywords?|filed under|categor(?:y|ies)|"
       r"posted in)\s*[:|]\s*\S.{0,600}",
       "line", "Tag and keyword lists: 'Tags: floods, Ketala, weather'.", 80),
    _r("source_link", r"(?:source link|original (?:source|article)|view (?:the )?(?:source|"
       r"original)|source\s*:\s*link)" + _HEADING_END,
       "line", "'Source link' left by aggregators at the foot of a copied article.", 5),
    _r("caption", r"(?:(?:image|photo|picture|video) caption|caption)\b\s*[:,-]?\s*.{0,600}",
       "line", "'Image caption Rescuers search the rubble'.", 80),
    _r("credit", r"\(?\s*(?:(?:photo|image|picture|photograph|video)s?(?: credit)?|"
       r"credit|pictured|illustration)\s*[:|]\s*.{1,200}",
       "line", "Photo credit lines: 'Photo: Jane Roe/Agency'.", 25),
    _r("credit", rf"\([^()]{{0,100}}{_PHOTO_CREDIT}[^()]{{0,100}}\)\.?",
       "line", "A standalone bracketed photo credit: '(Jane Roe/Agency via Getty Images)'.", 18),
    _r("credit", rf"[^()]{{0,60}}{_PHOTO_CREDIT}[^()]{{0,60}}",
       "line", "A short unbracketed photo credit line: 'Jane Roe/AP Photo'.", 8),
    _r("caption", r".{10,600}[.!?]?\s*\((?:[A-Z][^()/]{1,60}/\s?[A-Z][^()]{1,80}|[^()]*\b(?:[Vv]ia "
       r"Getty Images|Getty Images|AP Photo|[Pp]hoto|[Ff]ile|Shutterstock)\b[^()]*)\)\.?",
       "line", "A caption ending in a photo credit in brackets: "
       "'Water covers the road. (Jane Roe/Agency via Getty Images)'.", 70, flags=0),
    _r("credit", r"(?:this|the) (?:article|story|post|piece|report|content)\s+(?:was\s+|has "
       r"been\s+|is\s+)?(?:originally|first)\s+(?:appeared|published|posted|ran)\s+(?:in|on|"
       r"at|by)\s+.{2,200}|originally (?:published|appeared|posted) (?:in|on|at|by)\s+.{2,200}",
       "line", "'This article originally appeared in X': removed, and X kept in clues.", 40),
    _r("credit", rf"[—–-]*\s*{AGENCY_PATTERN}\.?|(?:©|\(c\)|copyright)\s*\d{{4}}.{{0,100}}|©.{{0,100}}|"
       r"all rights reserved\.?",
       "line", "Standalone wire and copyright credits: '— Reuters', '© 2026 The Associated Press'.", 25),
    _r("credit", r"\(?(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?-i:[A-Z0-9]).{0,200}?"
       r"(?:all rights reserved|may not be (?:published|reproduced|redistributed)).{0,300}"
       r"|this material may not be (?:published|reproduced|redistributed).{0,200}",
       "line", "Longer copyright notices: 'Copyright 2008 The Associated Press. All rights reserved. This "
       "material may not be published, broadcast, rewritten or redistributed.'", 60),
    _r("credit", r"(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled)\s+by)\s+[A-Z].{1,250}",
       "line", "Wire staff credits: 'Reporting by Jane Roe; Editing by John Doe'.", 40, flags=0),
    _r("byline", rf"(?i:by|written by|words by|posted by|story by)\s+{_NAME}(?:\s*(?:,|and|&)\s*"
       rf"{_NAME})*(?:\s+in\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)?(?:\s*[,|•·]\s*(?:[Ss]taff "
       rf"[Ww]riter|[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,4}}|"
       r".{0,40}\d{4}.{0,20}))?",
       "line", "Bylines: 'By Jane Roe, Staff Writer', 'By Jane Roe | November 14, 2026'.", 16, flags=0),
    _r("byline", _DATE_LINE, "line", "A paragraph that is only a publication date or time: 'Tuesday, January 15, "
       "2008', 'Last updated at 11:25am on 07.01.08', 'Posted: Mon, 07 Jan 2008 11:59:03 GMT'.", 14),
    _r("newsletter", r"(?:sign up|subscribe|get (?:our|the) \w+(?: \w+)? newsletter)\b.{0,150}\b(?:newsletters?|inbox|"
       r"email|e-mail|briefing|alerts?|digest|updates)\b.{0,150}",
       "line", "'Sign up for our newsletter to get the day's news in your inbox'.", 40),
    _r("newsletter", r"(?:subscribe(?: now| today| here)?|newsletters?|sign up(?: now)?|"
       r"already a subscriber\?.{0,60}|support (?:our|independent|local) journalism.{0,120}|"
       r"become a (?:member|subscriber).{0,80}|enter your email(?: address)?|email address|"
       r"by signing up,? you agree.{0,150}|you(?:'re| are) (?:now )?subscribed.{0,80}|"
       r"thanks? (?:you )?for (?:signing up|subscribing).{0,80}|unlimited (?:digital )?access"
       r".{0,80})" + _HEADING_END,
       "line", "Subscription prompts: 'Subscribe', 'Already a subscriber? Log in'.", 30),
    _r("advertisement", r"(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| "
       r"post)?|paid (?:content|post|partnership)|story continues (?:below|after) (?:this )?"
       r"(?:advertisement|ad)|(?:article|story) continues below(?: advertisement)?|continue "
       r"reading (?:the main story|below)|scroll to continue(?: with content)?|promoted)"
       + _HEADING_END,
       "line", "Ad markers: 'Advertisement', 'Story continues below advertisement'.", 8),
    _r("navigation", r"(?:skip to (?:main )?content|skip navigation|menu|home|search|sign in|"
       r"log ?in|back to top|toggle navigation|close|open menu|print this page|next|previous|"
       r"home\s*[›»>/|].{0,120})" + _HEADING_END,
       "line", "Menus and breadcrumbs: 'Skip to content', 'Home » World » Africa'.", 14),
)


def match_rule(paragraph: str, rules: tuple[Rule, ...] = RULES) -> Rule | None:
    """The first rule whose pattern matches the whole paragraph, or ``None``."""
    words = word_count(paragraph)
    for rule in rules:
        if words <= rule.max_words and rule.pattern.fullmatch(paragraph):
            return rule
    return None


def _is_prose(paragraph: str) -> bool:
    """A paragraph that reads like article prose: a dozen words or more ending a sentence."""
    return word_count(paragraph) >= 12 and paragraph.rstrip()[-1:] in '.!?"”’\''


def _rest_end(following: list[str]) -> int | None:
    """How many paragraphs after a rest heading go with it; ``None`` means all of them.

    The heading takes the short, non-prose lines after it (the link list).
    When article prose resumes after that list (two of the next three
    paragraphs read as prose), only the heading and the list go: some sites
    put "Don't miss" lists in the middle of the article.
    """
    j = 0
    while j < len(following) and not _is_prose(following[j]):
        j += 1
    resumed = following[j:j + 3]
    prose_words = sum(word_count(p) for p in following[j:] if _is_prose(p))
    if sum(_is_prose(p) for p in resumed) >= 2 and prose_words >= 50:
        return j
    return None


def remove_furniture(paras: list[str], rules: tuple[Rule, ...] = RULES
                     ) -> tuple[list[str], list[Removed]]:
    """Split paragraphs into kept article text and :class:`Removed` furniture, in order."""
    kept: list[str] = []
    removed: list[Removed] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        rule = match_rule(para, rules)
        if rule is None:
            kept.append(para)
        elif rule.scope == "rest":
            end = _rest_end(paras[i + 1:])
            if end is None:
                removed.append(Removed(rule.kind, "\n".join(paras[i:])))
                break
            removed.append(Removed(rule.kind, "\n".join(paras[i:i + 1 + end])))
            i += 1 + end
            continue
        else:  # a line rule, or a rest heading followed by prose: the paragraph alone goes
            removed.append(Removed(rule.kind, para))
        i += 1
    return kept, removed
