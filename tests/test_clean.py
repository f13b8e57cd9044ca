"""Cleaning: furniture rules, clues, normalisation, ids, HTML extraction (wirecheck.clean)."""

from __future__ import annotations

import re
import typing
import unicodedata

import pytest

from wirecheck.clean import RULES, article_id, clean_article, match_rule
from wirecheck.config import IngestConfig
from wirecheck.records import Article, RawArticle, Rejected, RemovedKind

CFG = IngestConfig()
LEAD = ("TARNOW BAY, Esmeria (AP) — Fishermen in Tarnow Bay hauled their boats ashore on Monday "
        "as a storm pushed waves over the harbour wall, flooding the market square and the ferry "
        "terminal, the port authority said.")
SECOND = ("The authority said 18 boats were damaged and that the ferry to the outer islands would "
          "not run before Wednesday, leaving about 900 islanders without a link to the mainland.")
THIRD = ("Harbour master Ines Kovac said crews would inspect the wall once the wind dropped and "
         "that repairs could take several weeks, depending on the weather in the coming days.")


def _clean(text: str, config: IngestConfig = CFG) -> Article:
    art = clean_article(RawArticle(source="t.txt", fmt="text", text=text), config)
    assert isinstance(art, Article), art
    return art


def _doc(*middle: str) -> str:
    return "\n\n".join(["Storm floods Tarnow Bay harbour", LEAD, *middle, SECOND, THIRD])


FURNITURE = [
    ("Share this @tarnowtimes.example", "share"),
    ("Share on Facebook", "share"),
    ("Click to share on X (Opens in new window)", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Leave a Reply", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Tags: storms, Esmeria, ferries", "tags"),
    ("Source link", "source_link"),
    ("Image caption Waves break over the harbour wall", "caption"),
    ("Waves break over the harbour wall. (Rita Holm/Seaview via Getty Images)", "caption"),
    ("(Rita Holm/Seaview via Getty Images)", "credit"),
    ("Photo: Rita Holm/Seaview", "credit"),
    ("This article originally appeared in The Island Courier.", "credit"),
    ("— Reuters", "credit"),
    ("Sign up for our newsletter to get the latest news in your inbox.", "newsletter"),
    ("SUBSCRIBE", "newsletter"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("By Marta Lind, Staff Writer", "byline"),
    ("Home » World » Europe", "navigation"),
    ("READ MORE: Why the harbour wall keeps failing", "related"),
    ("Tuesday, January 15, 2008", "byline"),  # a date alone: the page's publication stamp
    ("Last updated at 11:25am on 07.01.08", "byline"),
    ("Posted : Mon, 07 Jan 2008 11:59:03 GMT", "byline"),
    ("Copyright 2008 The Associated Press. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed.", "credit"),
    ("Copyright (c) Press Association Ltd. 2008, All Rights Reserved.", "credit"),
]


@pytest.mark.parametrize("line,kind", FURNITURE)
def test_furniture_line_is_removed_with_its_kind(line: str, kind: str):
    art = _clean(_doc(line))
    assert line not in art.text
    assert [(r.kind, r.text) for r in art.removed] == [(kind, line)]
    assert art.text == "\n\n".join([LEAD, SECOND, THIRD])


ARTICLE_SENTENCES = [
    "Share prices of the ferry operator fell 4% after the storm, traders said.",
    "Officials said they would share the damage figures with insurers on Friday.",
    "Related damage was reported along the coast, where two piers collapsed overnight.",
    "Residents can subscribe to text alerts from the council, the mayor said on Monday.",
    "The council received more than 40 comments from residents about the harbour wall.",
    "By Tuesday evening, Tarnow Bay had reopened the market square to traffic and stalls.",
    "More than 300 people spent the night in the school hall, the Red Cross said.",
    "Photographers were allowed onto the pier once the wind dropped in the afternoon.",
    "The advertisement for new harbour staff drew 60 applicants, the port authority said.",
    "Reporting by the state broadcaster suggested the wall had been weakened for years.",
    "Copyright disputes over the storm footage went to court, the broadcaster said.",
    "The wall was last repaired on Tuesday, January 15, 2008.",  # a date inside a sentence
    "No one was hurt.",  # a short body paragraph
    "Copyright holders said all rights reserved by the old charter would lapse on 1 March 2027.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentences_about_sharing_or_related_are_kept(sentence: str):
    art = _clean(_doc(sentence))
    assert sentence in art.text
    assert art.removed == []
    assert match_rule(sentence) is None


def test_related_list_removes_everything_after_it():
    text = _doc() + "\n\nYou May Also Like\n\nHarbour fees rise again\nFerry timetable for winter\n" \
                    "\nLeave a Reply\nPost Comment"
    art = _clean(text)
    assert art.text == "\n\n".join([LEAD, SECOND, THIRD])
    assert len(art.removed) == 1 and art.removed[0].kind == "related"
    assert art.removed[0].text.splitlines() == ["You May Also Like", "Harbour fees rise again",
                                                "Ferry timetable for winter", "Leave a Reply",
                                                "Post Comment"]


def test_link_list_in_the_middle_keeps_the_article_after_it():
    text = "\n\n".join(["Storm floods Tarnow Bay harbour", LEAD, "DON'T MISS",
                        "Harbour fees rise again [VIDEO]", "Ferry timetable for winter",
                        SECOND, THIRD, "Related", "Another headline"])
    art = _clean(text)
    assert art.text == "\n\n".join([LEAD, SECOND, THIRD])
    assert [r.kind for r in art.removed] == ["related", "related"]
    assert art.removed[0].text.startswith("DON'T MISS\nHarbour fees")


def test_clues_are_kept_as_fields():
    text = "\n\n".join(["Storm floods Tarnow Bay harbour", "By Marta Lind | November 9, 2026",
                        LEAD, "(Rita Holm/Seaview via Getty Images)", SECOND, THIRD,
                        "This article originally appeared in The Island Courier.", "— Reuters"])
    art = _clean(text)
    assert art.title == "Storm floods Tarnow Bay harbour"
    assert art.text.startswith("TARNOW BAY, Esmeria (AP) — Fishermen")  # dateline stays in text
    assert art.clues.dateline == "TARNOW BAY, Esmeria (AP) —"
    assert art.clues.wire_credits == ["AP", "Reuters"]
    assert art.clues.originally_appeared == "The Island Courier"
    assert art.clues.photo_credits == ["Rita Holm/Seaview via Getty Images"]
    assert art.clues.byline == "Marta Lind"
    assert {r.kind for r in art.removed} == {"byline", "credit"}


def test_dateline_with_plain_dash_and_no_agency():
    art = _clean(_doc().replace("TARNOW BAY, Esmeria (AP) —", "TARNOW BAY, Esmeria –"))
    assert art.clues.dateline == "TARNOW BAY, Esmeria –" and art.clues.wire_credits == []


def test_normalisation_paragraphs_spaces_nfc_quotes():
    decomposed = unicodedata.normalize("NFD", "Café owner José Ruiz")
    messy = ("  Storm   floods harbour  \r\n\r\n\r\n   " + LEAD + "   \n"
             f"“We lost   everything” — {decomposed} said, in a statement "
             "issued\non Monday by the harbour traders' association.\n\n\n" + SECOND + "\n" + THIRD)
    art = _clean(messy)
    paras = art.text.split("\n\n")
    assert paras[0] == LEAD
    assert paras[1] == ("“We lost everything” — Café owner José Ruiz said, in a statement issued "
                        "on Monday by the harbour traders' association.")
    assert paras[1] == unicodedata.normalize("NFC", paras[1])
    assert paras[2:] == [SECOND, THIRD]
    assert "\n\n\n" not in art.text and "  " not in art.text


def test_article_id_is_stable_and_ignores_case_and_spacing():
    a = _clean(_doc())
    assert re.fullmatch(r"[0-9a-f]{16}", a.id) and a.id == article_id(a.text)
    assert article_id("Hello   World\n\nAgain") == article_id("hello world again")
    assert article_id("Hello world") != article_id("Hello world!")
    assert _clean(_doc("Advertisement")).id == a.id  # furniture does not change identity


def test_a_short_text_skips_claims_and_a_fragment_is_rejected():
    out = clean_article(RawArticle(source="s.txt", fmt="text",
                                   text="Headline\n\nShare on Facebook\n\nOnly a few words here."),
                        CFG)
    assert not isinstance(out, Rejected) and out.text == "Only a few words here." and out.skipped_stages == ["claims"]
    out = clean_article(RawArticle(source="s.txt", fmt="text", text="Share on Facebook\n\nMore soon."), CFG)
    assert isinstance(out, Rejected) and out.reason == "only 0 words of article text after cleaning, only a headline"


def test_json_record_title_is_not_repeated_in_body():
    raw = RawArticle(source="f.jsonl#1", fmt="json", title="Storm floods Tarnow Bay harbour",
                     text=_doc(), outlet="Tarnow Times")
    art = clean_article(raw, CFG)
    assert art.text == "\n\n".join([LEAD, SECOND, THIRD]) and art.outlet == "Tarnow Times"


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Storm floods Tarnow Bay harbour | Tarnow Times</title>
<meta property="og:site_name" content="Tarnow Times">
<meta property="og:title" content="Storm floods Tarnow Bay harbour">
<meta property="og:url" content="https://tarnowtimes.example/news/storm">
<meta property="article:published_time" content="2026-11-09T10:00:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Storm floods Tarnow Bay harbour</h1>
<p>{lead}</p><p>{second}</p>
<p>Sign up for our newsletter to get the latest news in your inbox.</p>
<p>{third}</p></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Council approves new marina plan</a></li>
<li><a href="/b">Island school wins national prize</a></li></ul></aside></main>
<footer><p>Contact us | Privacy policy | Terms of use</p></footer></body></html>"""


def test_html_page_body_and_metadata():
    html = PAGE.format(lead=LEAD, second=SECOND, third=THIRD)
    art = clean_article(RawArticle(source="p.html", fmt="html", html=html), CFG)
    assert isinstance(art, Article)
    assert art.text == "\n\n".join([LEAD, SECOND, THIRD])
    assert (art.title, art.outlet) == ("Storm floods Tarnow Bay harbour", "Tarnow Times")
    assert art.url == "https://tarnowtimes.example/news/storm"
    assert art.published == "2026-11-09" and art.language == "en"
    assert [r.kind for r in art.removed] == ["newsletter"]
    assert "Most read" not in art.text and "Privacy" not in art.text


def test_html_without_article_text_is_rejected():
    out = clean_article(RawArticle(source="e.html", fmt="html", html="<html><body></body></html>"),
                        CFG)
    assert isinstance(out, Rejected)


def test_rule_table_is_documented_and_uses_known_kinds():
    kinds = set(typing.get_args(RemovedKind))
    for rule in RULES:
        assert rule.kind in kinds and rule.doc.strip() and rule.scope in ("line", "rest")


def test_cleaning_never_raises_and_is_idempotent():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(["Share", "on", "Facebook", "Related", "the", "mayor", "said", "—",
                             "“quote”", "Tags:", "42%", "\n", "\n\n", "  ", "Café", "By", "Ana",
                             "Lee", "Advertisement", "Leave a Reply", "(AP)", "KESTRAVA,"])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(words, max_size=120).map(" ".join))
    def check(text: str):
        out = clean_article(RawArticle(source="h.txt", fmt="text", text=text),
                            IngestConfig(min_words=1))
        assert isinstance(out, (Article, Rejected))
        if isinstance(out, Article):
            again = clean_article(RawArticle(source="h.txt", fmt="json", title=out.title,
                                             text=out.text), IngestConfig(min_words=1))
            assert isinstance(again, Article) and again.text == out.text

    check()


def test_json_record_without_title_takes_a_headline_only():
    with_head = clean_article(RawArticle(source="f#1", fmt="json", text=_doc()), CFG)
    assert with_head.title == "Storm floods Tarnow Bay harbour"
    body = "\n\n".join([SECOND, THIRD, LEAD])
    no_head = clean_article(RawArticle(source="f#2", fmt="json", text=body), CFG)
    assert no_head.title is None and no_head.text == body


@pytest.mark.parametrize("byline,expected", [
    ("By Marta Lind | November 9, 2026", "2026-11-09"),
    ("By Marta Lind · 9 Nov 2026", "2026-11-09"),
    ("Posted by Marta Lind | 2026-11-09", "2026-11-09"),
    ("Monday, November 9, 2026", "2026-11-09"),
    ("Last updated: 9 November 2026 10:42 GMT", "2026-11-09"),
    ("By Marta Lind", None),
])
def test_text_dump_date_from_byline(byline: str, expected: str | None):
    art = _clean(_doc(byline))
    assert art.published == expected and [r.kind for r in art.removed] == ["byline"]


# ---------------------------------------------------------------- outlet of a text dump

BODY = "\n\n".join([LEAD.replace(" (AP)", ""), SECOND, THIRD])


def _dump(*around: str, after: tuple[str, ...] = (), body: str = BODY) -> Article:
    return _clean("\n\n".join(["Storm floods Tarnow Bay harbour", *around, body, *after]))


@pytest.mark.parametrize("around, after, outlet, how", [
    (("By Ines Kovac | November 3, 2026", "Share this @tarnowtimes.example"), (),
     "tarnowtimes.example", "share handle"),
    ((), ("More from Esmeria Coast Gazette", "Harbour fees rise again",
          "Ferry timetable for winter"), "Esmeria Coast Gazette", "related heading"),
    (("By Ines Kovac | The Tarnow Times",), (), "The Tarnow Times", "byline"),
    ((), ("Sign up for our newsletter to get the Bay Courier’s top stories in your inbox.",),
     "Bay Courier", "newsletter prompt"),
    ((), ("© 2026 Harbour Light Media Ltd. All rights reserved.",), "Harbour Light Media",
     "copyright"),
])
def test_outlet_of_a_text_dump_from_its_own_furniture(around, after, outlet, how):
    art = _dump(*around, after=after)
    assert art.outlet == outlet
    assert art.clues.outlet_from.startswith(how + ":")
    assert art.id == article_id(art.text, outlet)  # the derived outlet is the publisher


def test_outlet_domain_is_spelt_out_by_a_name_on_the_page():
    art = _dump("Share this @tarnowtimes.example", after=(
        "Tarnow Times readers can send tips to the newsroom at any hour of the day.",))
    assert art.outlet == "Tarnow Times"
    assert "share handle" in art.clues.outlet_from and "@tarnowtimes.example" in art.clues.outlet_from
    both = _dump("By Ines Kovac | The Tarnow Times", "Follow us on X @tarnowtimes")
    assert both.outlet == "The Tarnow Times"
    assert both.clues.outlet_from.startswith("byline and share handle:")


def test_outlet_from_a_page_title_suffix_is_taken_off_the_title():
    art = _clean("\n\n".join(["Storm floods Tarnow Bay harbour | Esmeria Daily News", BODY]))
    assert (art.title, art.outlet) == ("Storm floods Tarnow Bay harbour", "Esmeria Daily News")
    assert art.clues.outlet_from.startswith("title suffix:")


@pytest.mark.parametrize("around, after", [
    # wire credits name the wire, not the page
    (("By The Associated Press | November 3, 2026",),
     ("Copyright 2026 The Associated Press. All rights reserved.",)),
    ((), ("© 2026 Reuters",)),
    ((), ("More from Reuters", "Harbour fees rise again")),
    # the original publication of a republished article
    ((), ("This article originally appeared in Esmeria Fisheries Weekly.",
          "More from Esmeria Fisheries Weekly", "Harbour fees rise again")),
    # a copyright line on syndicated content is the original's
    ((), ("This story was first published by Coastal Wire Service.",
          "© 2026 Esmeria Fisheries Weekly")),
    # aggregator "Source link" neighbourhoods name the source
    ((), ("Source link", "Related Sources:", "• Tarnow Port Authority notice",
          "• Esmeria Coast Gazette report")),
    # author pages, sections and dates are not outlets
    (("By Ines Kovac | November 3, 2026",), ("More from Ines Kovac", "Her other stories")),
    ((), ("More from World", "Harbour fees rise again")),
    (("By Ines Kovac, Staff Writer",), ()),
    ((), ("Subscribe to Our Newsletter",)),
])
def test_no_outlet_from_wire_credits_origins_authors_or_sections(around, after):
    art = _dump(*around, after=after)
    assert art.outlet is None and art.clues.outlet_from is None, art.clues.outlet_from


def test_wire_copy_keeps_wire_credit_and_gets_the_sites_own_name():
    art = _clean("\n\n".join([
        "Storm floods Tarnow Bay harbour", "By The Associated Press | November 3, 2026",
        "Share this @tarnowtimes.example", LEAD, SECOND, THIRD,
        "Copyright 2026 The Associated Press. All rights reserved."]))
    assert art.clues.wire_credits == ["AP"]
    assert art.outlet == "tarnowtimes.example"


def test_record_and_page_outlets_are_kept_and_explained():
    rec = clean_article(RawArticle(source="f.jsonl#1", fmt="json", outlet="Harlow Herald",
                                   text="\n\n".join([BODY, "More from Esmeria Coast Gazette"])), CFG)
    assert (rec.outlet, rec.clues.outlet_from) == ("Harlow Herald", "record")
    host = clean_article(RawArticle(source="f.jsonl#2", fmt="json", text=BODY,
                                    url="https://www.tarnowtimes.example/storm"), CFG)
    assert host.outlet == "tarnowtimes.example" and host.clues.outlet_from.startswith("url host:")


def test_a_headline_with_no_text_is_rejected_as_such():
    out = clean_article(RawArticle(source="f.jsonl#1", fmt="json", title="Storm floods Tarnow Bay harbour", text=""),
                        CFG)
    assert isinstance(out, Rejected) and out.reason == "only 0 words of article text after cleaning, only a headline"
