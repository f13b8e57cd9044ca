"""What one claim mention states: its clause (the label), its scope and period, and whether it is a fact.

Works on the spaCy parse of one article, for the claims stage:

- :func:`clause_span` is the clause or phrase that states a figure or a statement, by character offsets
  ("Russia launched 653 drones and 51 missiles", not the whole sentence with its attribution and
  side clauses);
- :func:`figure_scope` says which part of a whole a figure counts ("three of them in the Kyiv region" is
  scoped to Kyiv; "three of them" alone is a part);
- :func:`clause_period` says when a clause is set when that is not the story's own time ("in 2019",
  "last year", a year fronted before the clause it is joined to), and :func:`clause_predicate` what its
  main verb is;
- :func:`is_fact_figure` and :func:`is_fact_statement` keep only checkable facts: no ages, clock times,
  years, durations outside a sentence or term, definite back-references ("the two sides"), "one of the
  largest"; no opinions, forecasts or questions; :func:`old_level` drops the undated earlier level a
  change is told against ("up from 12");
- :func:`side_clauses` and :func:`beside_frame` find the further facts of a sentence: clauses with their
  own or a shared subject, a participle naming its agent, what a speaker did besides what they said;
  :func:`subjectless` lets a misparsed sentence give its side clauses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..dates import MONTHS, WEEKDAYS
from ..records import Certainty, Quantity
from .certainty import BELIEF_NOUNS, CLAIM_NOUNS
from .docs import antecedent_person, doc_text, entities, entities_from, span_entities
from .numbers import word_value
from .quantities import PART_WORDS, TALLY_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis", "acl", "csubj", "pcomp"}
# children that start another proposition: left out of a clause's label unless they hold the figure
SIDE_DEPS = {"ccomp", "advcl", "conj", "parataxis", "relcl", "acl", "csubj", "dep"}
# side clauses of a figure's noun that its label bridges when they stand before the clause's verb
NOUN_ASIDES = {"relcl", "acl"}
EDGE_SKIP = {"cc", "mark", "punct", "prep", "advmod", "intj", "preconj"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "across", "around", "outside", "inside", "from", "throughout"}
DEFINITE = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "my", "your", "all", "each"}
DURATION_UNITS = {"s", "min", "h", "day", "week", "month", "year", "decade"}
# what the sides of a thing are measured in: "2,880 by 1,800 pixels", "a 6 x 4 metre room" give a size
LENGTH_UNITS = {"mm", "cm", "m", "km", "in", "ft", "yd", "mi"}
DIMENSION_NOUNS = {"pixel", "inch", "foot", "feet", "metre", "meter", "centimetre", "centimeter", "millimetre",
                   "millimeter", "yard", "mile", "kilometre", "kilometer"}
_DIMENSION = re.compile(r"\d[\d,.]*\s*(?:[a-z]+\s+)?(?:by|x|×)\s*\d", re.IGNORECASE)
TERM_LEMMAS = {"sentence", "jail", "imprison", "serve", "ban", "term", "prison", "suspend", "extend", "bar",
               "convict", "face", "give", "receive", "seek", "ask", "demand"}  # ("prosecutors sought 12 years")
OPINION_LEMMAS = {"believe", "think", "expect", "hope", "fear", "feel", "seem", "appear", "want", "wish", "like",
                  "love", "hate", "prefer", "worry", "doubt", "suspect", "wonder", "predict", "forecast", "urge",
                  "call", "ask", "need", "should", "intend", "aim", "must"}
# (not "plan", "promise", "vow", "pledge": "the company plans to close a plant", "officials promised a
# review" are acts someone can check; what was promised is a modal clause, not yet a fact, and stays out)
MODALS = {"could", "might", "may", "would", "should", "must", "can", "will", "'ll", "shall", "ca", "wo"}
FUTURE_MODALS = {"will", "would", "'ll", "wo"}  # what is to happen, not what may or should
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
EARLIER_RE = re.compile(r"\b(last|previous|past|prior)\s+(year|decade|century)\b|\b(years?|decades?)\s+ago\b",
                        re.I)
LAST_YEAR_RE = re.compile(r"^(?:the\s+)?last\s+year$", re.I)
MAX_LABEL_TOKENS = 32


def clause_head(tok: "Token") -> "Token":
    """The verb heading the clause ``tok`` is in (the sentence root when none is nearer)."""
    node = tok
    while node.head.i != node.i:
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_DEPS:
            return node
        node = node.head
    return node


def clause_predicate(doc: "Doc", start: int, end: int) -> str | None:
    """The main verb of the clause at ``start``..``end``, lemmatised ("promote" of "Hoover promoted Felt to
    deputy associate director"); "be" for a state told with a copula ("Felt was deputy associate director
    of the FBI in 1972"); None when the clause has no verb at its root."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    return root.lemma_.lower() if root.pos_ in {"VERB", "AUX"} else None


def _whole_phrase(tok: "Token", last: int) -> bool:
    """Whether a preposition opens a phrase the label holds whole ("In 2021, a train derailed"): kept, not
    left as "2021, a train derailed"."""
    return tok.dep_ == "prep" and tok.right_edge.i <= last and any(c.dep_ == "pobj" for c in tok.children)


def _trim(tokens: list["Token"], keep: "Token | None") -> list["Token"]:
    while tokens and (keep is None or tokens[0].i != keep.i) and (tokens[0].dep_ in EDGE_SKIP or tokens[0].is_punct) \
            and not tokens[0].like_num and not _whole_phrase(tokens[0], tokens[-1].i):
        tokens = tokens[1:]
    while tokens and (keep is None or tokens[-1].i != keep.i) and (
            tokens[-1].dep_ in {"cc", "mark", "punct", "prep", "case"} or tokens[-1].is_punct) and \
            tokens[-1].text != "%":  # "to grow by as much as 30%": the figure's sign, not punctuation
        tokens = tokens[:-1]
    return tokens


def _restricts(clause: "Token", counted: "Token") -> bool:
    """Whether a participle or relative clause says which of the counted things a figure counts, with no
    comma to set it off ("with 51 wins coming by way of knockout"): part of the figure's phrase."""
    return clause.dep_ in NOUN_ASIDES and clause.head.i == counted.i and counted.i < clause.i and \
        clause.left_edge.i > 0 and not clause.doc[clause.left_edge.i - 1].is_punct


def side_phrase(tok: "Token") -> "Token | None":
    """The appositive or participle phrase ``tok`` sits in below its clause ("the dam, about 20 km
    north of Tesk, ..."), or None when it belongs to the clause itself."""
    node = tok
    while node.head.i != node.i and not (node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_DEPS):
        if is_aside(node):
            return node
        node = node.head
    return None


def is_aside(node: "Token") -> bool:
    """Whether a token heads a phrase said in passing about a noun: an appositive, a verbless modifier,
    or a modifier set off by commas or brackets ("the dam, about 20 kilometres north of Tesk, ...")."""
    if node.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children):
        return False  # "rumors that he was the source": what the noun says, not a remark about it
    if node.dep_ == "appos" or (node.dep_ == "acl" and node.pos_ != "VERB"):
        return True
    doc = node.doc
    lo, hi = node.left_edge.i, node.right_edge.i
    return node.head.pos_ in {"NOUN", "PROPN"} and node.head.i < lo and 0 < lo and hi + 1 < len(doc) and \
        doc[lo - 1].text in {",", "(", "—", "–"} and doc[hi + 1].text in {",", ")", "—", "–"}


def clause_span(doc: "Doc", tok: "Token", lo: int, hi: int) -> tuple[int, int]:
    """Character span of the clause stating what ``tok`` is part of, within characters ``lo``-``hi``.

    The clause head's subtree without the side clauses (complements, adverbial, relative and
    coordinated clauses) that do not hold ``tok``, cut to the contiguous run around ``tok`` and without
    a leading "according to" phrase; when
    that is longer than :data:`MAX_LABEL_TOKENS` tokens, the phrase of ``tok``'s head noun. A token in
    an appositive is labelled by the appositive and the noun it describes (:func:`side_phrase`).
    """
    aside = side_phrase(tok)
    if aside is not None:  # "the Sirin Dam, about 20 kilometres north of Tesk": the phrase, not the clause
        first, last = aside.head.left_edge.i, aside.right_edge.i
        tokens = _trim([t for t in doc[first:last + 1] if lo <= t.idx and t.idx + len(t) <= hi], tok)
        if tokens and tok in tokens and len(tokens) <= MAX_LABEL_TOKENS:
            return _closed(doc, tokens, hi)
    head = clause_head(tok)
    counted = tok.head if tok.dep_ in {"nummod", "quantmod", "compound"} else tok
    dropped: set[int] = set()
    for t in head.subtree:
        if t.i == head.i or t.i in dropped:
            continue
        if t.dep_ in SIDE_DEPS and t.head.i not in dropped and not (t.left_edge.i <= tok.i <= t.right_edge.i) and not (
                t.dep_ == "conj" and t.pos_ not in {"VERB", "AUX"}) and not _restricts(t, counted):
            # ("Arvessa and Tolmark" is one subject)
            dropped.update(x.i for x in t.subtree)
    kept = {t.i for t in head.subtree if t.i not in dropped and lo <= t.idx and t.idx + len(t) <= hi}
    if tok.i not in kept:
        kept.add(tok.i)
    for t in [*tok.children, *(tok.head.children if tok.dep_ in {"nummod", "quantmod", "compound"} else ())]:
        # "three bombs, which did not explode, fell on the airstrip": the figure's noun is not its clause's end
        after = next((x for x in doc[t.right_edge.i + 1:t.right_edge.i + 3] if not x.is_punct), None)
        if t.dep_ in NOUN_ASIDES and t.i not in kept and after is not None and after.i in kept and after.i <= head.i:
            kept.update(x.i for x in t.subtree if lo <= x.idx and x.idx + len(x) <= hi)
            kept.update(x.i for x in doc[t.left_edge.i - 1:t.right_edge.i + 2] if x.is_punct)
    a = b = tok.i
    while a - 1 in kept:
        a -= 1
    while b + 1 in kept:
        b += 1
    lead = doc[a]
    if lead.lower_ == "according" and lead.dep_ == "prep" and lead.right_edge.i < tok.i:
        a = lead.right_edge.i + 1  # "According to an aid worker, two bombs fell": who says it, not what
    tokens = _trim(list(doc[a:b + 1]), tok)
    if len(tokens) > MAX_LABEL_TOKENS:
        tokens = _trim([t for t in counted.subtree if t.idx >= lo and t.idx + len(t) <= hi], tok) or [tok]
        tokens = tokens[:MAX_LABEL_TOKENS]
    tokens = [t for t in tokens if not t.is_space] or [tok]
    dash = next((k for k, t in enumerate(tokens[:12]) if t.text in {"—", "–", "--"}), None)
    if dash is not None and tokens[dash].i < tok.i and dash + 1 < len(tokens) and all(
            t.is_punct or t.pos_ == "PROPN" or t.is_upper for t in tokens[:dash]):
        tokens = tokens[dash + 1:]  # "KESTRAVA, Morvania (AP) — Valdorian forces ...": the dateline is not the fact
    return _closed(doc, tokens, hi)


def _closed(doc: "Doc", tokens: list["Token"], hi: int) -> tuple[int, int]:
    """Character span of ``tokens``, taking in the closing bracket of one they open ("Washington Nationals
    (eight years, $160 million)", not "... $160 million")."""
    last = tokens[-1]
    opened = sum(t.text == "(" for t in tokens) - sum(t.text == ")" for t in tokens)
    if opened > 0 and last.i + 1 < len(doc) and doc[last.i + 1].text == ")" and doc[last.i + 1].idx < hi:
        last = doc[last.i + 1]
    return tokens[0].idx, last.idx + len(last)


def antecedent_start(doc: "Doc", label: tuple[int, int], lo: int) -> int:
    """Where the label of a relative clause starts once it takes in the noun phrase it describes right
    before it, so that it says who or what ("a kitchen that served 2,000 meals on Wednesday", "Lakemont
    Health, which operates five hospitals"); ``label``'s own start for any other clause, or when something
    other than a comma stands between the two."""
    span = doc.char_span(label[0], label[1], alignment_mode="expand")
    if span is None or not len(span):
        return label[0]
    clause = span.root
    if clause.dep_ != "relcl" or clause.head.i >= clause.i or \
            clause.head.pos_ not in {"NOUN", "PROPN"} or clause.left_edge.i < span.start:
        return label[0]
    noun = clause.head
    start = noun.left_edge
    if start.idx < lo or start.idx >= label[0] or any(not t.is_punct for t in doc[noun.i + 1:clause.left_edge.i]) \
            or any(t.text in {"(", ")", "—", "–"} for t in doc[start.i:clause.left_edge.i]) \
            or clause.right_edge.i - start.i >= MAX_LABEL_TOKENS:
        return label[0]
    return start.idx


def first_report(content: "Span") -> tuple[int, int] | None:
    """Character span of the first of two reports joined in what someone is said to have said: "said
    power had been restored by dawn | and that it hoped to reconnect the rest by evening" reports two
    things, each a clause of its own ("and that" / "and whether" with its own subject); None when it
    reports one."""
    for t in content:
        if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and t.head.i < t.i and content.start <= t.head.i and any(
                c.dep_ == "mark" for c in t.children) and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children):
            cc = next((c for c in t.head.children if c.dep_ == "cc" and c.i < t.left_edge.i), None)
            cut = cc.i if cc is not None else t.left_edge.i
            tokens = [x for x in content.doc[content.start:cut] if not (x.is_punct or x.is_space)]
            if len(tokens) >= 4:
                return content.start_char, tokens[-1].idx + len(tokens[-1])
    return None


def scoped_certainty(certainty: Certainty, cue: str | None, text: str, sentence: tuple[int, int],
                     label: tuple[int, int], source: tuple[int, int] | None,
                     content: tuple[int, int] | None) -> Certainty:
    """A sentence's certainty applied to one of its claims only where it reaches that claim.

    A claim in an attribution's source ("Lakemont, which runs five hospitals, denied ...") is asserted,
    and so is a clause of a plainly attributed sentence that ends before its cue and content ("Obando
    ordered all ferries to stay in port and said an inquiry had opened": what she did, not what she said).
    A cue in the attribution's frame ("denied that", "unverified reports said") reaches the claims of its
    content; a cue inside the content or the sentence reaches only the clause it is in, or one after it
    ("Nordline said about 40% had no power, and crews were reportedly working" hedges the crews only).
    """
    if certainty == "asserted":
        return certainty
    if source is not None and source[0] <= label[0] < source[1]:
        return "asserted"
    fallback: Certainty = "attributed" if source is not None or content is not None else "asserted"
    if not cue:
        return certainty
    pos = text[sentence[0]:sentence[1]].lower().find(cue.lower())
    if pos < 0:
        return certainty
    pos += sentence[0]
    if label[0] <= pos < label[1]:
        return certainty
    if certainty == "attributed" and content is not None and label[1] <= pos < content[0]:
        return "asserted"  # "Obando ordered all ferries to stay in port and said an inquiry was open"
    if content is not None and not content[0] <= pos < content[1]:  # the cue frames the content
        return certainty if content[0] <= label[0] < content[1] else fallback
    return certainty if pos < label[0] and content is None else fallback


_SETTING_MARKS = {"when", "whenever", "while", "as", "after", "before", "since", "until", "once"}


def _setting(tok: "Token") -> bool:
    """Whether ``tok`` heads a clause of time with its own subject ("as she walked along parked cars", "when
    the car struck her", "after the woman was hit"): the setting of what a hedge doubts, which the hedge
    presupposes rather than doubts ("X allegedly struck her as she walked")."""
    return tok.dep_ == "advcl" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children) and any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in _SETTING_MARKS and c.i < tok.i for c in tok.children)


def cue_reaches(doc: "Doc", cue_at: int, label: tuple[int, int], anchor: int | None = None) -> bool:
    """Whether a hedge or denial cue at character ``cue_at`` governs the clause ``label`` (or, given, the
    token ``anchor``: a figure's number) by the parse.

    The cue's predicate is the verb it belongs to ("is believed to" -> believed, "reportedly" -> the verb
    it modifies, "may have been set" -> set), or the phrase an adverb qualifies ("possibly the best
    game"), or a noun of belief itself ("her belief that they were spraying her"); it reaches what that
    predicate's subtree holds, except
    coordinated clauses with their own subject, parataxis, relative clauses, clauses of time that set the
    scene (:func:`_setting`), appositives and participle
    modifiers ("denied that the dam, 20 km north of Tesk, was damaged" denies no distance). So "50 firefighters
    fought the blaze and no one is believed to have been injured" hedges the injuries, not the 50. A cue
    that is itself the verb ("denied that X, saying Y") does not reach its adverbial clauses either.
    """
    cue = doc.char_span(cue_at, cue_at + 1, alignment_mode="expand")
    span = doc.char_span(label[0], label[1], alignment_mode="expand")
    if cue is None or span is None or not len(span):
        return True
    node = cue[0]
    modifier = node.dep_ in {"advmod", "amod", "quantmod", "npadvmod"} and node.head.i != node.i
    if node.dep_ == "amod":
        node = node.head  # "unverified reports": an adjective, even when tagged a verb
    held = node.pos_ == "NOUN" and node.lemma_.lower() in BELIEF_NOUNS  # "her belief that ...": its clause
    while not held and (node.pos_ not in {"VERB", "AUX"} or (node.pos_ == "AUX" and node.dep_ in {"aux", "auxpass"})):
        if node.head.i == node.i:
            break
        if modifier and node.pos_ in {"NOUN", "PROPN"} and node.dep_ not in {"nsubj", "nsubjpass"} and \
                node.lemma_.lower() not in CLAIM_NOUNS:
            break  # "lost possibly the best game": the hedge qualifies the phrase, not the clause
        node = node.head
    # a verb of denial or belief covers what it takes, not its side clauses ("denied that X, saying Y")
    verb_cue = node.i == cue[0].i
    blocked: set[int] = set()
    for t in node.subtree:
        if t.i == node.i or t.i in blocked:
            continue
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in t.children)
        holds_cue = t.left_edge.i <= cue[0].i <= t.right_edge.i
        if ((t.dep_ in {"parataxis", "relcl"} or is_aside(t) or _setting(t)) and not holds_cue) or (
                t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and own_subject) or (
                verb_cue and t.head.i == node.i and t.dep_ in {"advcl", "conj"}):
            blocked.update(x.i for x in t.subtree)
    reach = {t.i for t in node.subtree} - blocked
    return (anchor if anchor is not None else span.root.i) in reach


def figure_tokens(doc: "Doc", q: Quantity) -> tuple["Token", "Token"]:
    """The number token of a quantity and the noun (or number) it counts with."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    tokens = list(span) if span is not None and len(span) else [doc[0]]
    num = next((t for t in tokens if t.like_num), tokens[0])
    head = num.head if num.dep_ in {"nummod", "quantmod", "compound"} and num.head.pos_ in {"NOUN", "PROPN"} \
        else num
    return num, head


def figure_scope(doc: "Doc", q: Quantity) -> str | None:
    """Which part of a whole a figure counts: its places ("kyiv"), "part" for "of them", "beside" for
    "another 11" (a part, or a whole beside another count), else None.

    Only places attached to the figure or its counted noun count ("three injuries in the Kyiv
    region"); a place attached to the verb is where the whole event happened.
    """
    num, head = figure_tokens(doc, q)
    places: list[str] = []
    partitive = False
    # "he and 25 other citizens", "another 12 people": a count beside another one, which may be a part
    # of the whole or the whole of its own kind ("two were killed and another 11 injured")
    beside = any(t.lower_ in {"other", "others", "more", "additional", "further", "another"}
                 for t in doc[max(0, num.i - 1):head.i + 1] if t.i != num.i)
    tally = q.noun in TALLY_NOUNS  # "by a 31-19 vote": the two sides, not two parts
    if (not tally and any(t.like_num and t.i != num.i and t.i < head.i and not (
                          t.dep_ == "quantmod" and q.change in {"from", "to"}) for t in head.subtree)) or \
            any(a.lower_ in PART_WORDS for a in num.ancestors) or (
            q.type == "count" and num.i == head.i and num.dep_ in {"npadvmod", "appos"} and any(
                t.like_num and t.dep_ == "nummod" for t in doc[num.sent.start:num.i])):
        # "12 Somali and 11 Yemeni pirates", "nine Israelis, including three civilians"; a bare number
        # beside the clause's own figure: "Eleven people were injured, four critically" (not the other
        # level of a change the parser hangs on it: "from 25% to 10%")
        partitive = True
    for root in ([num] if num.i == head.i else [num, head]):
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "among"} and any(
                    g.pos_ == "PRON" or g.lower_ in {"whom", "which", "those"} or any(
                        d.dep_ == "nummod" for d in g.children)
                    for g in child.children):
                # "three of them", "3 of his 11 rebounds", "28 of 41 passes": a part of a counted whole;
                # "three of the network's hospitals" counts hospitals, of a whole nobody counted
                partitive = True
            if child.dep_ not in {"prep", "acl"} or child.i < num.i:
                continue
            found = []
            for t in child.subtree:
                if t.ent_type_ in PLACE_LABELS and t.ent_iob_ == "B":
                    ent = next((e for e in entities(doc) if e.start == t.i), None)
                    if ent is not None:
                        found.append(ent.text.lower().removeprefix("the "))
            if not found and child.lower_ in PLACE_PREPS:  # "in the Kyiv region" the parser did not tag
                found = [t.lower_ for t in child.subtree if t.pos_ == "PROPN" and t.ent_type_ not in {"PERSON", "ORG"}]
            places += found
    if places:
        return ", ".join(sorted(set(places)))
    return "part" if partitive else "beside" if beside else None


def _figure_word(node: "Token", own: set[int]) -> bool:
    """A number, or a word a number other than those at ``own`` counts ("57.9" / "%")."""
    return node.like_num or any(c.dep_ == "nummod" and c.i not in own for c in node.children)


def _belongs_elsewhere(ent, own: set[int]) -> bool:
    """Whether a date phrase hangs under another figure of the clause ("61.4%, up from 57.9% in 2022")."""
    node = ent.root
    others = own | set(range(ent.start, ent.end))  # numbers that are not another figure's ("the 2022 election")
    for _ in range(8):
        if node.head.i == node.i or node.pos_ in {"VERB", "AUX"}:
            return False
        node = node.head
        if node.i in own:
            return False
        if _figure_word(node, others):
            return True
        if node.dep_ == "prep" and any(_figure_word(c, others) and c.i not in others
                                       for c in node.children if c.dep_ == "pobj"):
            return True  # ("up from 57.9% in 2022" with "in 2022" read as the preposition's own)
    return False


def figure_subject(doc: "Doc", num: "Token", head: "Token") -> str | None:
    """The named who of a figure's clause: the person or organisation its verb's subject names, or the
    possessor of its counted noun ("Earl Clark finished with 16 rebounds", "Thomas's eight touchdowns").
    A "he" or "his" there is the person last named before it, in its sentence or the two before ("Reggie
    Bush ... He had 70 yards" is Bush's 70 yards, not the 793 of the player another outlet names). A verb
    with no subject of its own takes its head verb's ("when he had 70 yards rushing and had 55 yards
    receiving": both Bush's). A name in a relative clause on the subject is not the subject's."""
    names = {"PERSON", "ORG"}
    pronoun = None
    for child in head.children:
        if child.dep_ == "poss" and child.ent_type_ in names:
            return _entity_text(doc, child)
        if child.dep_ == "poss" and child.lower_ in _PERSON_PRONOUNS:
            pronoun = child
    verb = clause_head(num)
    for _ in range(3):  # a verb with no subject of its own shares its head's ("he had 70 yards ... and had 55")
        if verb.dep_ not in {"conj", "advcl", "xcomp"} or verb.head.i == verb.i or any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            break
        verb = verb.head
    # the subject nearest the verb first, and its own name before the rest of its subtree: a dateline the
    # parser makes a second subject ("BRENNICK, March 10 (Eastline) - Corvane Industries will cut ...") is
    # not who the clause is about
    sentence = verb.sent
    dash = max((t.i for t in sentence if t.i < verb.i and t.text in {"—", "–", "--"}), default=-1)
    for child in sorted(verb.children, key=lambda c: abs(verb.i - c.i)):
        if child.dep_ in {"nsubj", "nsubjpass"}:
            # a name in a clause that describes the subject is not who the subject is ("The attack, which
            # hit the Harwick-based network, took down ...")
            described = {d.i for t in child.subtree if t.dep_ in {"relcl", "acl"} and t.i != child.i
                         for d in t.subtree}
            for t in (child, *child.subtree):
                if t.ent_type_ in names and t.i > dash and t.i not in described:
                    # "CORRANO, Belmaro (Meridian Press) — Arvessa ...": a dateline
                    return _entity_text(doc, t)
            if child.lower_ in _PERSON_PRONOUNS:
                pronoun = child
    return _antecedent(doc, pronoun) if pronoun is not None else None


_PERSON_PRONOUNS = {"he", "she", "his", "her"}


def _antecedent(doc: "Doc", pronoun: "Token") -> str | None:
    """The person ``pronoun`` stands for, named in its sentence or the two before it
    (:func:`.docs.antecedent_person`), if any."""
    person = antecedent_person(doc, pronoun.idx, max_sentences=2)
    return person.text.removesuffix("'s").removesuffix("’s") if person is not None else None


def _entity_text(doc: "Doc", tok: "Token") -> str:
    ent = next((e for e in entities(doc) if e.start <= tok.i < e.end), None)
    return (ent.text if ent is not None else tok.text).removesuffix("'s").removesuffix("’s")


# prepositions that place the things a figure counts where its verb puts them ("two bombs fell on an
# airstrip"); not "in", which as often names the event ("killed in the attack") as the place
LOCATIVE_PREPS = {"on", "onto", "into", "inside", "within", "near", "outside", "at", "beside"}


def figure_context(doc: "Doc", num: "Token", head: "Token", label: tuple[int, int]) -> str | None:
    """Places named in a figure's clause, the qualifiers of its counted noun ("athens", "punt return"), and
    where the verb puts the things it counts when they are its subject ("airstrip" of "two bombs fell on
    an airstrip", "camp" of "one bomb fell directly within the camp"): two figures with different contexts
    are never one disputed fact."""
    words: set[str] = set()
    for ent in entities(doc):
        if ent.label_ in PLACE_LABELS and label[0] <= ent.start_char < label[1]:
            words.add(ent.text.lower().removeprefix("the "))
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ not in {"of"}:
            words.update(t.lemma_.lower() for t in child.subtree if t.pos_ in {"NOUN", "PROPN"} and not t.like_num)
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB":
        for child in head.head.children:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if child.lower_ in LOCATIVE_PREPS and pobj is not None and pobj.pos_ == "NOUN":
                words.add(pobj.lemma_.lower())
    return ", ".join(sorted(words)) or None


# units of a span of time a running count covers ("in his last two games", "over the past 24 hours")
SPAN_UNITS = {"game", "match", "start", "race", "round", "inning", "quarter", "half", "season", "hour", "day",
              "night", "week", "weekend", "month", "year", "minute"}
SPAN_EDGES = {"last", "past", "previous", "first", "final", "opening", "latest"}  # not "the next nine months"
SPAN_PREFIX = "over "  # how a :func:`figure_span` period is written, so that it is told from a year...
SINCE_PREFIX = "since "  # ...and a count to date since a time


def figure_span(doc: "Doc", num: "Token", head: "Token") -> str | None:
    """The span of time a figure is counted over, when its clause names one: "since week 11" of "Since
    Week 11, Thomas has eight touchdowns", "over last 2 game" of "189 rushing yards in his last two games",
    "over past 24 hour" of "30 killed in the past 24 hours"; None when it names none.

    Read from the prepositions of the figure's counted noun and of the verb that governs it. The result,
    prefixed :data:`SINCE_PREFIX` or :data:`SPAN_PREFIX`, is a period: two figures counted over different spans are
    different facts. A plan's horizon ("over the next nine months") is not a span counted over.
    """
    verb = head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    for child in [*head.children, *(verb.children if verb.i != head.i else ())]:
        if child.dep_ != "prep" or child.lower_ not in {"since", "in", "over", "during", "through"}:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.i == num.i or num in pobj.subtree:
            continue
        words = [str(int(v)) if (v := word_value(t.lower_)) is not None else t.lemma_.lower()
                 for t in pobj.subtree if t.dep_ not in {"det", "poss", "punct", "case"}]
        if child.lower_ == "since":
            return SINCE_PREFIX + " ".join(words)
        if pobj.lemma_.lower() in SPAN_UNITS and any(t.lower_ in SPAN_EDGES for t in pobj.children):
            return SPAN_PREFIX + " ".join(words)
    return None


def is_span(period: str | None) -> bool:
    """Whether a period is a :func:`figure_span` (a running count's span) rather than a year or "earlier"."""
    return bool(period) and str(period).startswith((SINCE_PREFIX, SPAN_PREFIX))


def clause_period(doc: "Doc", start: int, end: int, published: str | None,
                  figure: "tuple[Token, Token] | None" = None) -> str | None:
    """When a clause is set, if not now: a year other than the publication year ("last year" is the one
    before it), or "earlier".

    With ``figure`` (its number and counted-noun tokens), a date attached to another figure of the
    clause does not count, and failing a year, the span of time the figure is counted over is its
    period (:func:`figure_span`).
    """
    text = doc_text(doc)[start:end]
    this_year = published[:4] if published and published[:4].isdigit() else None
    own = {t.i for t in figure} if figure else set()
    for ent in entities_from(doc, start, end):
        if ent.label_ != "DATE" or ent.start_char < start or ent.start_char >= end:
            continue  # a date the clause's end cuts ("as Director of Player Personnel (1999-2003)") still sets it
        if own and _belongs_elsewhere(ent, own):
            continue
        if this_year and LAST_YEAR_RE.search(ent.text):
            return str(int(this_year) - 1)  # "revenue last year", published in 2026: the year 2025
        if EARLIER_RE.search(ent.text):
            return "earlier"
        m = YEAR_RE.search(ent.text)
        if m and m.group(1) != this_year:
            return m.group(1)
    m = YEAR_RE.search(text)
    if m and not own and m.group(1) != this_year and re.search(rf"\b(in|since|of|during)\s+{m.group(1)}\b", text):
        return m.group(1)
    year = _inherited_year(doc, start, end)  # "up on 2022, when 57.9 percent of voters cast a ballot"
    if year is not None and year != this_year:
        return year
    return figure_span(doc, *figure) if figure else None


def _year_word(tok: "Token") -> str | None:
    """The year a date token is ("2021"), or None."""
    found = YEAR_RE.fullmatch(tok.text)
    return found.group(1) if found and tok.ent_type_ == "DATE" else None


def _inherited_year(doc: "Doc", start: int, end: int) -> str | None:
    """The year a clause takes from outside it: the year it is a "when" clause of ("in 2019, when floods
    killed 30 people"), or the year fronted before the clause it is joined to ("In 2021, a train
    derailed near Fellbridge, and 22 of its cars left the track"); None otherwise."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.dep_ in {"relcl", "advcl"} and any(c.lower_ == "when" for c in root.children):
        return _year_word(root.head)
    while root.dep_ in {"conj", "advcl", "xcomp"} and root.head.pos_ in {"VERB", "AUX"}:
        root = root.head  # (", spilling about 40,000 litres of diesel" too)
    if root.i >= span.start:
        return None  # not a clause coordinated after another: its own words say when
    for prep in (c for c in root.children if c.dep_ == "prep" and c.i < root.i and c.lower_ in {"in", "during"}):
        year = next((y for t in prep.children if t.dep_ == "pobj" and (y := _year_word(t))), None)
        if year is not None:
            return year
    return None


def old_level(doc: "Doc", q: Quantity) -> bool:
    """Whether a figure is the undated earlier level a change is told against: "Fifteen people were
    injured, up from 12", "fell from $90 to $80". It is the same fact's earlier value, not a claim of its
    own (as a support it would stand in for the article's own, later figure and hide the update), also
    when it is the count of a day before ("up from 12 reported on Thursday"). One of another month or
    year ("down from 0.8% in February", "up from $12.6 billion a year earlier") is a fact of its time; the
    span a change takes ("from 25% to 10% over three years") is no time of the old level."""
    span = doc.char_span(q.start, max(q.end, q.start + 1), alignment_mode="expand")
    i = span[0].i if span is not None and len(span) else -1
    compared = i >= 2 and doc[i - 2].lower_ in {"up", "down"}  # "up from 12"
    if i < 1 or doc[i - 1].lower_ != "from" or not (q.change == "from" or compared):
        return False
    told = doc[i - 1]  # "from" and what hangs under it: "up from 0.8% in February" is of another time,
    # not the span the change takes ("will fall from 25% to 10% over three years")
    spread = {d.i for t in told.subtree if t.dep_ == "prep" and t.lower_ in _SPREAD for d in t.subtree}
    return not any(t.ent_type_ in {"DATE", "EVENT"} and t.i not in spread and (
        YEAR_RE.fullmatch(t.text) or t.lower_.rstrip(".") in MONTHS
        or t.lemma_.lower() in {"year", "month", "quarter", "decade"})
        for t in doc[told.left_edge.i:told.right_edge.i + 1])


#: prepositions of the span a change takes place over, not of the time of its old level
_SPREAD = {"over", "within", "for"}


def is_fact_figure(doc: "Doc", q: Quantity, clause: tuple[int, int]) -> bool:
    """Whether a quantity is a checkable figure of the story rather than a spurious number."""
    if q.type in {"date", "time", "age"}:
        return False
    num, head = figure_tokens(doc, q)
    if ((q.unit or "") in LENGTH_UNITS or (q.noun.split() or [""])[-1] in DIMENSION_NOUNS) and _DIMENSION.search(
            doc_text(doc)[max(0, q.start - 24):q.end + 24]):
        return False  # "2880 pixels by 1800": one side of a size, not a count that another side disputes
    if q.type == "measure" and (q.unit or "") in DURATION_UNITS:
        span = doc.char_span(clause[0], clause[1], alignment_mode="expand")  # the tokens the clause touches
        words = {t.lemma_.lower() for t in span if clause[0] <= t.idx < clause[1]} if span is not None else set()
        return bool(words & TERM_LEMMAS)  # "sentenced to seven years" is a fact, "for three days" is not
    if q.type != "count":
        return True
    if not q.noun:
        return False
    counted = num.head if head.i == num.i and num.dep_ == "amod" else head  # "several sources"
    if counted.pos_ in {"NOUN", "PROPN"} and counted.dep_ == "nsubj" and \
            counted.head.lemma_.lower() in REPORTING_LEMMAS:
        return False  # "several sources said", "two officials told reporters": who says it, not what
    before = num.i - 1
    while before >= 0 and doc[before].lower_ in {"more", "than", "at", "least", "about", "some", "nearly",
                                                 "almost", "over", "around", "up", "to"}:
        before -= 1
    tally = q.noun in TALLY_NOUNS  # "the Senate's 31-19 vote": a tally, told as news
    # so is a large figure told again ("the 12,000 people forced from their homes", "the House's 150 seats")
    restated = num.text[:1].isdigit() and q.value >= 100 and counted.tag_ in {"NNS", "NNPS"}
    if before >= 0 and not (tally or restated) and (doc[before].lower_ in DEFINITE or doc[before].tag_ == "PRP$"
                                      or doc[before].dep_ == "poss" or doc[before].text in {"'s", "’s"}):
        return False  # "the two sides", "her three children": a reference back, not a count
    if q.value <= 10 and not num.text[:1].isdigit():
        nxt = doc[num.i + 1:num.i + 6]
        if len(nxt) >= 2 and nxt[0].lower_ == "of" and any(t.tag_ == "JJS" or t.lower_ == "most" for t in nxt):
            return False  # "one of the largest aerial assaults", "two of Egypt's largest providers"
        if q.value == 1 and len(nxt) >= 2 and nxt[0].lower_ == "of" and (nxt[1].lower_ in DEFINITE or
                                                                          nxt[1].tag_ == "PRP$"):
            return False  # "One of the tremors was felt in Australia": which one, not how many
    if q.noun.split()[-1] in DURATION_UNITS | {"hour", "minute", "second", "night"}:
        return False
    if num.i + 2 < len(doc) and doc[num.i + 1].text in {"-", "–"} and doc[num.i + 2].tag_ == "NN" and \
            num.i + 3 < len(doc) and doc[num.i + 3].pos_ in {"NOUN", "PROPN"}:
        return False  # "a three-point play", "the 150-seat House": the size of a thing, not a count of it
    return True


CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
SIDE_CLAUSE_DEPS = {"conj", "advcl", "relcl", "ccomp", "acl", "parataxis"}
# verbs that frame who said a thing; their clause is the attribution, not a fact of its own
REPORTING_LEMMAS = {"say", "tell", "add", "report", "announce", "state", "note", "explain", "write", "claim",
                    "confirm", "insist", "warn", "tweet", "post", "quote", "cite"}


def scheduled(verb: "Token", lo: int, hi: int) -> bool:
    """Whether a clause with a future modal sets a date for what is to happen: "the cap would take effect
    on Jan. 1, 2027", "the trial will open on Monday" are checkable schedules; "prices will rise next year"
    and "the bill could pass on Thursday" are forecasts. The date is an entity of the verb's own clause (a
    month, a weekday or a figure) that says when the verb happens (:func:`_time_of`), inside characters
    ``lo``..``hi``."""
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return False
    return any(ent.label_ in {"DATE", "TIME"} and ent.end_char <= hi and _time_of(ent.root, verb) and any(
        t.is_digit or t.lower_.rstrip(".") in MONTHS or t.lower_ in WEEKDAYS for t in ent)
        for ent in entities_from(verb.doc, lo, hi))


def _time_of(node: "Token", verb: "Token") -> bool:
    """Whether a date's head word says when ``verb`` happens: attached to it ("opens Monday") or through a
    preposition ("take effect on Jan. 1"), not the date of a noun ("for Sunday's game", "his first series
    in 2014")."""
    return node.head.i == verb.i or (node.head.dep_ == "prep" and node.head.head.i == verb.i)


def _shares_subject(verb: "Token") -> bool:
    """Whether a coordinated verb phrase takes the subject of the verb it is joined to ("The fire started
    in a storage area and spread to a warehouse": "spread to a warehouse" is a fact of its own)."""
    head = verb.head
    return verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"} and head.i < verb.i and not any(
        c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"i", "we", "you"} for c in head.children)


def beside_frame(span: "Span", frame: tuple[int, int]) -> tuple[int, int] | None:
    """The main clause of a sentence whose reported speech is only its coordinated verb's ("Lenz visited
    Tesk in the afternoon and pledged money to rebuild homes", "Obando ordered all ferries to stay in
    port and said an inquiry had been opened"), or only a relative clause's ("The mayor, who has vowed to
    rebuild the bridge, met residents on Friday"): what the subject did is a fact besides what it said.
    None when the main verb is itself the reporting one, or lies inside the reported ``frame``."""
    root = span.root
    if root.pos_ not in {"VERB", "AUX"} or root.lemma_.lower() in REPORTING_LEMMAS | OPINION_LEMMAS or \
            frame[0] <= root.idx < frame[1] or any(c.dep_ == "aux" and c.lower_ in MODALS for c in root.children):
        return None
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"i", "we", "you"} for c in root.children):
        return None
    # the reporting verb joined to the main one, before its content or after it (the parser's reading of
    # "Ambulances were diverted, and hundreds of operations had been cancelled, staff said")
    cue = next((t for t in span if t.dep_ == "conj" and t.head.i == root.i and (
        t.idx < frame[0] <= t.right_edge.idx or t.idx >= frame[1] and t.lemma_.lower() in REPORTING_LEMMAS)), None)
    # or a relative clause on one of the main clause's nouns ("The mayor, who has vowed to rebuild the
    # bridge, met residents on Friday")
    aside = next((t for t in span if t.dep_ == "relcl" and clause_head(t.head).i == root.i
                  and t.left_edge.idx <= frame[0] < t.right_edge.idx + len(t.right_edge)), None)
    if cue is None and aside is None:
        return None
    return clause_span(span.doc, root, span.start_char, span.end_char)


def side_clauses(span: "Span", taken: list[tuple[int, int]], min_words: int = 4) -> list[tuple[int, int]]:
    """Labels of the side clauses of a sentence that state facts of their own, by character offsets.

    "Russia launched 653 drones, and a drone struck an apartment block" holds two facts; so does "the
    attack, which began early on Sunday, ...". A clause is kept when it has a finite verb with its own
    subject (not "living near the river", "to guard against cholera"), or is a participle saying who did
    something to a noun ("a deal brokered by Belmaro", with the noun), at least ``min_words`` words, no
    modal (unless the clause sets a date for what is to happen, :func:`scheduled`), opinion or reporting
    verb ("the agency said on Thursday" frames a fact, it is not one), and
    does not lie mostly inside a label in ``taken`` (the sentence's figures and main statement), which
    the new labels join.
    """
    out: list[tuple[int, int]] = []
    lo, hi = span.start_char, span.end_char
    for t in span:
        if t.dep_ not in SIDE_CLAUSE_DEPS or t.pos_ not in {"VERB", "AUX"}:
            continue
        finite = t.tag_ in {"VBD", "VBP", "VBZ"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBP", "VBZ", "MD"} for c in t.children)
        subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in t.children) or _shares_subject(t)
        # "in a deal brokered by Belmaro" says who brokered it, as "Belmaro brokered the deal" does (and so
        # does "the wildfire started by an arsonist", whose participle the tagger may read as a past tense)
        agentive = t.dep_ == "acl" and t.tag_ in {"VBN", "VBD"} and t.head.pos_ == "NOUN" and t.head.i < t.i and any(
            c.dep_ == "agent" for c in t.children)
        if not (finite and subject or agentive) or t.lemma_.lower() in REPORTING_LEMMAS:
            continue  # "living near the river", "to guard against cholera", "the agency said on Thursday"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            continue  # "If Teixeira signs with the Red Sox, ...": a condition, not a fact
        passive = any(c.dep_ == "auxpass" for c in t.children)  # "is believed to": a hedge, not an opinion
        reported = t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING_LEMMAS  # "said they would appeal"
        if (t.lemma_.lower() in OPINION_LEMMAS and not passive) or (not reported and any(
                c.dep_ == "aux" and c.lower_ in MODALS for c in t.children) and not scheduled(t, lo, hi)):
            continue  # forecasts and opinions are not checkable, unless someone is reported to intend them
        label = clause_span(span.doc, t, lo, hi)
        if agentive:  # the noun and what was done to it
            end = next((x.i for x in span.doc[t.i:t.right_edge.i + 1] if x.text in {",", ";", "—", "("}),
                       t.right_edge.i + 1)  # without an aside on the agent (", a rare moment of cooperation")
            tokens = _trim([x for x in span.doc[t.head.left_edge.i:end] if lo <= x.idx and x.idx + len(x) <= hi], t)
            label = (tokens[0].idx, tokens[-1].idx + len(tokens[-1])) if tokens else label
        words = len(_WORD_RE.findall(doc_text(span.doc)[label[0]:label[1]]))
        # a relative clause a label bridges ("three bombs, which did not explode, fell") is a fact of its own
        inside = max((min(label[1], b) - max(label[0], a) for a, b in taken
                      if not (t.dep_ in NOUN_ASIDES and a < label[0] and label[1] < b)), default=0)
        if words < min_words or inside > (label[1] - label[0]) / 2:
            continue
        out.append(label)
        taken.append(label)
    return out


_WORD_RE = re.compile(r"[A-Za-z]+")


def subjectless(span: "Span") -> bool:
    """Whether a sentence's main verb is a finite verb the parser left without a subject, most often a
    misparse of two coordinated clauses ("Rail services ... were halted on Tuesday and part of the A9 was
    shut", read with "part" joined to "Tuesday"): the sentence is no fact of its own, but its side clauses
    that have their own subjects (:func:`side_clauses`) may be. Not an imperative ("Click here, which ..."),
    an opinion or a modal verb."""
    root = span.root
    return root.pos_ in {"VERB", "AUX"} and root.tag_ in {"VBD", "VBN", "VBZ", "VBP"} and \
        root.lemma_.lower() not in OPINION_LEMMAS and not any(
            c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"} or (c.dep_ == "aux" and c.lower_ in MODALS)
            for c in root.children)


def is_fact_statement(span: "Span", attributed: bool, certainty: str, min_words: int = 5) -> bool:
    """A sentence stating a checkable fact: at least ``min_words`` words, not a question, opinion,
    forecast or bare scene-setting.

    A sentence whose main verb is an opinion verb or has a modal is kept only when attributed and not
    asserted, or when it sets a date for what is to happen (:func:`scheduled`). Other attributed, hedged,
    unverified or denied sentences are kept (who said what is checkable); a plain assertion needs a verb
    root with a subject other than "I", "we" or "you", and a named entity (or a proper-noun subject), a
    past event with a noun subject ("The fire started in a store") or a date it is set for.
    """
    root = span.root
    if span.text.rstrip().endswith("?"):
        return False
    words = sum(any(ch.isalnum() for ch in t.text) for t in span)  # "The quake hit at 3:12 a.m." is six
    if words < min_words:
        return words >= 3 and denies_existence(root)  # "Nobody was hurt."
    plan = scheduled(root, span.start_char, span.end_char)  # "it would take effect on Jan. 1, 2027"
    modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in root.children)
    if root.lemma_.lower() in OPINION_LEMMAS or (modal and not plan):
        return bool(attributed and certainty != "asserted" and root.lemma_.lower() not in OPINION_LEMMAS)
    if attributed or certainty != "asserted":
        return True
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if any(s.lower_ in {"i", "we", "you"} for s in subjects) or root.pos_ not in {"VERB", "AUX"} or not subjects:
        return False
    has_entity = any(e.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"} for e in span_entities(span)) \
        or any(t.pos_ == "PROPN" and t.dep_ in {"nsubj", "nsubjpass"} for t in span)
    # or an event told in the past: a noun subject, a past verb and what it did ("The fire started in a store")
    # (or a past tense its auxiliary carries: "A contractor had been resurfacing the deck since April")
    past = root.tag_ in {"VBD", "VBN"} or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in root.children)
    event = past and any(s.pos_ in {"NOUN", "PROPN"} for s in subjects) and any(
        c.dep_ in {"dobj", "prep", "agent", "attr", "acomp", "advmod", "xcomp"} for c in root.children)
    return has_entity or event or plan or denies_existence(root)


NOBODY = {"nobody", "none", "nothing", "noone"}


def denies_existence(root: "Token") -> bool:
    """Whether a clause says that nothing of a kind happened: its verb's subject is "no injuries",
    "nobody", "no one" or "none" ("No injuries were reported", "No arrests have been made")."""
    if root.pos_ not in {"VERB", "AUX"}:
        return False
    for subj in (c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subj.lower_ in NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
            return True
    return False
