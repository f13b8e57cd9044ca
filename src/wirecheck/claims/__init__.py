"""The claims stage: quantities, quotes, attributed statements, certainty and roles per article.

:func:`extract_claims` turns one parsed article into :class:`~wirecheck.records.ArticleClaims`,
with the learned attribution layers a runner loads once (:func:`.attribution.load_attribution_models`).
The pieces are usable on their own: :func:`.quantities.extract_quantities`,
:func:`.attribution.find_attributions`, :func:`.quotes.find_quotes`,
:func:`.certainty.assess` and :func:`.roles.find_roles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..config import ClaimsConfig
from ..records import Article, ArticleClaims, Certainty, ClaimMention, Quantity, RoleMention, Sentence
from .attribution import AttributionModels, find_attributions
from .attribution_relations import Attribution, is_pronoun, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["extract_claims", "join_claims"]

VAGUE_BEFORE = re.compile(r"\b(several|a few|many|some|scores of)\s+(dozen|hundred|thousand|million)\b", re.I)


def _merge_conversions(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Fold "300 sq km (116 sq miles)" into one quantity with an alternative value."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and q.unit and prev.unit and q.unit != prev.unit and prev.type == q.type \
                and text[prev.end:q.start].strip() == "(" and text[q.end:q.end + 1] == ")":
            if prev.alt_value is None:
                prev.alt_value, prev.alt_unit = q.value, q.unit
            prev.end = q.end + 1
            continue
        out.append(q)
    return out


RELATIVE_PRONOUNS = {"who", "which", "that"}


def _relative_antecedent(doc: "Doc", cue: tuple[int, int], canon: dict[str, str]) -> str | None:
    """Who a relative pronoun source stands for: the noun whose relative clause the reporting verb at
    characters ``cue`` heads ("rooftop sniper Andrew Lopez, who told police ..." → "Andrew Lopez"), as
    :func:`.attribution_relations.subject_of` finds it; else None."""
    from .names import source_name

    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    found = subject_of(span.root) if span is not None else None
    if found is None or found[1] != "relcl":
        return None
    noun = found[0]
    first = min([noun, *(c for c in noun.children if c.dep_ in {"compound", "flat", "amod"})], key=lambda t: t.i)
    return source_name(doc, first.idx, noun.idx + len(noun), canon)


@dataclass(frozen=True)
class _Voice:
    """How one sentence speaks: its attribution and hedge, which set the certainty of each of its claims."""

    doc: "Doc"
    text: str
    sentence: tuple[int, int]  # the sentence's character span
    span: "Span"  # the sentence in the parse
    attr: Attribution | None  # the relation that speaks for the sentence
    certainty: Certainty  # the sentence's own certainty (:func:`.certainty.assess`)
    hedge_cue: str | None
    cue: str | None  # the reporting verb, else the hedge
    cue_lemma: str | None  # the reporting verb's lemma
    side_cue: bool  # the cue sits in a relative clause and speaks for its noun only

    def certainty_of(self, label: tuple[int, int], anchor: int | None = None) -> Certainty:
        """The sentence's certainty applied to the claim of clause ``label`` (anchored, for a figure, at
        token ``anchor``), or the clause's own cue's where it has one."""
        from .certainty import assess, cue_position
        from .facts import cue_reaches, scoped_certainty

        doc, attr, certainty, hedge_cue = self.doc, self.attr, self.certainty, self.hedge_cue
        scoped: Certainty
        if self.side_cue and attr is not None and not label[0] <= attr.cue[0] < label[1] and not (
                attr.content is not None and attr.content[0] <= label[0] < attr.content[1]):
            scoped = "asserted"  # (what the relative clause reports is its noun's word: "X, who told police Y")
        else:
            scoped = scoped_certainty(certainty, hedge_cue or self.cue, self.text, self.sentence, label,
                                      attr.source if attr is not None else None,
                                      attr.content if attr is not None else None)
        if scoped == certainty and hedge_cue and certainty in {"hedged", "unverified", "denied"}:
            # the parse says which clause the cue governs
            at: int | None
            if attr is not None and hedge_cue == self.cue_lemma:
                at = attr.cue[0]
            else:
                at = cue_position(self.span, hedge_cue)
            if at is not None and not cue_reaches(doc, at, label, anchor):
                scoped = "attributed" if attr is not None else "asserted"
        if scoped == certainty:
            return scoped
        if attr is not None and attr.content is not None and hedge_cue and certainty in {"hedged", "unverified",
                                                                                           "denied"} \
                and not attr.content[0] <= label[0] < attr.content[1] \
                and not (attr.source is not None and attr.source[0] <= label[0] < attr.source[1]):
            # a clause outside what the attribution reports, that the cue governs by the parse: "LaRue
            # discounted rumors that he was Deep Throat, saying the source was several people"
            at = cue_position(self.span, hedge_cue)
            if at is not None and not attr.cue[0] <= at < attr.cue[1] and cue_reaches(doc, at, label, anchor):
                return certainty
        own = doc.char_span(label[0], label[1], alignment_mode="expand")  # the clause's own cue, if any
        if own is None:
            return scoped
        level, own_cue, _ = assess(own, False)
        if level in {"hedged", "unverified", "denied"} and own_cue:
            at = cue_position(own, own_cue)
            if at is None or cue_reaches(doc, at, label, anchor):
                return level
        return scoped

    def cue_of(self, level: str) -> str | None:
        """The words that set a mention's certainty: the hedge of a hedged one, else the reporting verb."""
        if level in {"hedged", "unverified", "denied"} and self.hedge_cue and self.hedge_cue != self.cue_lemma:
            return self.hedge_cue
        return self.attr.cue_text if self.attr is not None else None


def outside_quotes(text: str, label: tuple[int, int], quoted: list[tuple[int, int]],
                   min_words: int = 4) -> tuple[int, int] | None:
    """A clause label cut short before the first quote it runs into (quote marks included in
    ``quoted``), or None when it starts inside a quote or keeps fewer than ``min_words`` words."""
    start, end = label
    for qa, qb in sorted(quoted):
        if qa <= start < qb:
            return None
        if start < qa < end:
            end = qa
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (start, end) if len(text[start:end].split()) >= min_words else None


def _by_sentence(sentences: list[Sentence], attributions: list[Attribution]) -> dict[int, list[Attribution]]:
    """The attributions whose cue starts in each sentence (by sentence index, in the order given): one
    bisection per attribution, not a scan of them all per sentence."""
    from bisect import bisect_right

    starts = [s.start for s in sentences]
    out: dict[int, list[Attribution]] = {}
    for a in attributions:
        k = bisect_right(starts, a.cue[0]) - 1
        if k >= 0 and a.cue[0] < sentences[k].end:
            out.setdefault(sentences[k].index, []).append(a)
    return out


def extract_claims(article: Article, doc: "Doc", sentences: list[Sentence], config: ClaimsConfig,
                   attribution_models: AttributionModels | None) -> ArticleClaims:
    """Claim mentions (quantities, quotes, statements) and titled persons of one article.

    ``attribution_models`` are the learned attribution layers
    (:func:`.attribution.load_attribution_models`), which a runner loads once and passes to every
    call; None finds attributions with the rules alone.

    ``doc`` is the spaCy parse of ``article.text``; ``sentences`` are
    :func:`wirecheck.nlp.split_sentences` of it.
    """
    from .certainty import assess
    from .facts import (
        clause_head, clause_period, clause_predicate, clause_span, figure_context, figure_scope, figure_subject,
        REPORTING_LEMMAS, antecedent_start, figure_tokens, is_fact_figure, is_fact_statement, old_level,
        side_clauses, side_phrase, subjectless, beside_frame, first_report,
    )
    from .names import person_names, source_name
    from .quantities import extract_quantities
    from .quotes import find_quotes, resolve_speaker, to_quote
    from .roles import find_roles

    text = article.text
    canon = person_names(doc)
    # acts ("attacked X") are not reported speech
    attributions = [a for a in find_attributions(doc, attribution_models) if a.speech]
    quotes = find_quotes(doc, sentences, attributions, canon, config.max_quote_chars)
    mentions: list[ClaimMention] = []
    last_noun: str | None = None
    last_source: str | None = None
    by_sentence = _by_sentence(sentences, attributions)
    for s in sentences:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        attrs = by_sentence.get(s.index, [])
        # the outer relation speaks for the sentence, not one nested in its content ("X said Y believes ...")
        outer = [a for a in attrs if not any(b is not a and b.content and b.content[0] <= a.cue[0] < b.content[1]
                                             for b in attrs)]
        attr = (outer or attrs)[0] if attrs else None
        source = None
        if attr is not None and attr.source_text:
            if attr.source_text.lower() in RELATIVE_PRONOUNS:
                source = _relative_antecedent(doc, attr.cue, canon)  # "Andrew Lopez, who told police ..."
            elif attr.source_text.lower() in {"it", "they", "we"}:
                source = last_source or attr.source_text  # "It said": the source named before
            elif is_pronoun(attr.source_text):
                source = resolve_speaker(attr.source_text, doc, attr.cue[0], canon)
            else:
                assert attr.source is not None  # a source's text comes with its span
                source = source_name(doc, attr.source[0], attr.source[1], canon)
            last_source = source
        cue_lemma = None
        if attr is not None:
            cue_tok = doc.char_span(attr.cue[1] - 1, attr.cue[1], alignment_mode="expand")
            cue_lemma = cue_tok.root.lemma_.lower() if cue_tok is not None else None
        certainty, hedge_cue, negated = assess(span, attr is not None, cue_lemma)
        cue = attr.cue_text if attr is not None else hedge_cue
        side_cue = False  # "..., a charge she denied": a cue in a relative clause speaks for its noun only
        if attr is not None and certainty != "asserted":
            cue_span = doc.char_span(attr.cue[0], attr.cue[1], alignment_mode="expand")
            node = cue_span.root if cue_span is not None else None
            while node is not None and node.head.i != node.i:
                if node.dep_ in {"relcl", "acl"}:
                    side_cue = True
                    break
                node = node.head

        voice = _Voice(doc, text, (s.start, s.end), span, attr, certainty, hedge_cue, cue, cue_lemma, side_cue)
        sent_text = text[s.start:s.end]
        qs = extract_quantities(doc, s.start, s.end, previous_noun=last_noun)
        qs = _merge_conversions(text, [q for q in qs if q.type not in {"date", "time"}])
        facts = 0  # figure claims of this sentence, the last ones in ``mentions``
        for q in qs:
            if q.type == "count" and q.noun:
                last_noun = q.noun
            num, head = figure_tokens(doc, q)
            label = clause_span(doc, num, s.start, s.end)
            if VAGUE_BEFORE.search(text[max(s.start, q.start - 12):q.start + 12]):
                q.vague = True  # "several dozen", "a few hundred": no precise figure
            if not is_fact_figure(doc, q, label):
                continue
            if old_level(doc, q):
                continue  # "Fifteen people were injured, up from 12": the 12 is the fact's earlier value
            facts += 1
            mentions.append(ClaimMention(
                article_id=article.id, kind="quantity", start=s.start, end=s.end, text=sent_text,
                certainty=(level := voice.certainty_of(label, num.i)), attributed_to=source,
                cue=voice.cue_of(level), negated=negated, quantity=q,
                sentence_index=s.index, label_start=label[0], label_end=label[1],
                scope=figure_scope(doc, q), subject=figure_subject(doc, num, head),
                context=figure_context(doc, num, head, label),
                period=clause_period(doc, label[0], label[1], article.published, (num, head)),
            ))
        figure_labels = [(m.label_start, m.label_end) for m in mentions[len(mentions) - facts:]]
        checkable = is_fact_statement(span, attr is not None, certainty, config.statement_min_words)
        # a quote in the sentence is its own claim; the rest of the sentence may state a fact
        # ("Haro admitted defeat soon after midnight, telling supporters: "...")
        quoted = [(qs.start - 1, qs.end + 1) for qs in quotes if qs.start < s.end and qs.end > s.start]
        stated: tuple[int, int] | None = None
        framed: tuple[int, int] | None = None  # the reported content, when it is the statement's label
        if checkable:
            frame = attr.content if attr is not None else None
            content = doc.char_span(*frame, alignment_mode="expand") if frame else None
            if frame and content is not None and len(content) >= 4 and any(t.pos_ in {"VERB", "AUX"} for t in content) \
                    and not (quoted and outside_quotes(text, frame, quoted) is None):
                # "the driver had been arrested", not "police said ..." (the first of two things said)
                label = framed = first_report(content) or frame
            else:  # (or, when what is said is a quote, the clause that frames it: "Haro admitted defeat, telling ...")
                label = clause_span(doc, span.root, s.start, s.end)
                if len(text[label[0]:label[1]].split()) < 6:  # "There were unconfirmed reports": the whole sentence
                    label = (s.start, s.end - len(sent_text) + len(sent_text.rstrip(" .!\n")))
            stated = outside_quotes(text, label, quoted) if quoted else label
            if quoted and framed is None and span.root.lemma_.lower() in REPORTING_LEMMAS:
                stated = None  # "Ferrand told reporters" / "Adeyemi said in a statement": the quote is the claim
        if stated is not None:  # (set only for a checkable sentence)
            label = stated
            # unless the sentence's main clause is a figure's, already a claim ("the dam, 20 km north of
            # Tesk, was damaged" is a statement with a figure aside)
            # ("Aldane was found guilty of accepting bribes worth 3.1 million euros" states the verdict,
            # its figure is in a clause of its own)
            main = doc.char_span(label[0], label[1], alignment_mode="expand")
            # (or the figure's clause holds the whole statement: "Six people were injured, two of them
            # seriously", reported "according to the regional emergency service")
            if not any((label[0] <= m.label_start < label[1] and m.label_end <= label[1]
                        or m.label_start <= label[0] and label[1] <= m.label_end) and
                       side_phrase(num := figure_tokens(doc, m.quantity)[0]) is None and
                       (main is None or clause_head(num).i == main.root.i)
                       for m in mentions[len(mentions) - facts:] if m.quantity):
                mentions.append(ClaimMention(
                    article_id=article.id, kind="statement", start=s.start, end=s.end, text=sent_text,
                    certainty=(level := voice.certainty_of(label)), attributed_to=source,
                    cue=voice.cue_of(level), negated=negated,
                    sentence_index=s.index, label_start=label[0], label_end=label[1],
                    period=clause_period(doc, label[0], label[1], article.published),
                    predicate=clause_predicate(doc, label[0], label[1]),
                ))
                figure_labels.append(label)
        if not (checkable or facts or subjectless(span)) or sent_text.rstrip().endswith("?"):
            continue
        # "Lenz visited Tesk and pledged money to ...": what he did, besides what he said
        besides = [x for x in [beside_frame(span, framed)] if x] if framed and stated is not None else []
        for label in besides + side_clauses(span, figure_labels + quoted + besides):
            if quoted and outside_quotes(text, label, quoted) != label:
                continue
            if framed and label[0] <= framed[0] and framed[1] <= label[1] and \
                    len((text[label[0]:framed[0]] + " " + text[framed[1]:label[1]]).split()) < 4:
                continue  # the frame of what is reported ("who has promised | to sign the bill"), told by it
            mentions.append(ClaimMention(
                article_id=article.id, kind="statement", start=s.start, end=s.end, text=sent_text,
                certainty=(level := voice.certainty_of(label)), attributed_to=source, cue=voice.cue_of(level),
                negated=negated, sentence_index=s.index,
                label_start=label[0], label_end=label[1],
                period=clause_period(doc, label[0], label[1], article.published),
                predicate=clause_predicate(doc, label[0], label[1]),
            ))
    for quote in quotes:
        mentions.append(ClaimMention(
            article_id=article.id, kind="quote", start=quote.start, end=quote.end, text=text[quote.start:quote.end],
            certainty="attributed" if quote.speaker else "asserted", attributed_to=quote.speaker, cue=quote.cue,
            quote=to_quote(quote, text), sentence_index=quote.sentence_index,
            label_start=quote.start, label_end=_without_trailing_comma(text, quote.start, quote.end),
        ))
    clause_vectors(doc, mentions)
    for m in mentions:  # a figure's relative clause says what it is about; its vector stays the clause's own
        if m.kind == "quantity":  # (not a statement's: its words align it, and "a fire that devastated a
            # supermarket" then meets a denial of "arson following a fire at a supermarket")
            m.label_start = antecedent_start(doc, (m.label_start, m.label_end), m.start)
    mentions.sort(key=lambda m: (m.start, m.kind))
    # a title inside a quote is the speaker's word at the time spoken ("President Bush", quoted years on)
    roles = [RoleMention(article.id, person, role, a, b) for person, role, a, b in find_roles(doc, canon)
             if not any(q.start <= a < q.end for q in quotes)]
    return ArticleClaims(article_id=article.id, mentions=mentions, roles=roles)


def clause_vectors(doc: "Doc", mentions: list[ClaimMention]) -> None:
    """Set each statement's and figure's ``label_vector``: the mean of MiniLM's last-layer states over its
    clause's tokens (from the pass that embedded the sentences, so no model runs here), L2-normalised. Two
    outlets' clauses for one fact are alike in it even when the rest of their sentences differ, and two
    clauses that only share a figure and a few words ("fired upon two officers" / "handcuffing two
    officers") are not. Left None when the parse carries no token states."""
    import numpy as np

    from ..nlp import EMBEDDING_DIM, states_of

    states = states_of(doc)
    if states is None:
        return
    for m in mentions:
        if m.kind == "quote" or m.label_end <= m.label_start:
            continue
        span = doc.char_span(m.label_start, m.label_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        v = states[span.start:span.end, -EMBEDDING_DIM:].mean(axis=0)
        norm = float(np.linalg.norm(v))
        if norm > 0:
            m.label_vector = (v / norm).astype(np.float32)


def join_claims(article_id: str, parts: Sequence[tuple[int, int, ArticleClaims]]) -> ArticleClaims:
    """One article's claims from those of its pieces (``(character offset, index of the piece's first
    sentence, claims of the piece)``, in order), every offset and sentence index shifted back into the
    whole article (see :func:`wirecheck.longtext.analyse_text`)."""
    from dataclasses import replace

    mentions: list[ClaimMention] = []
    roles: list[RoleMention] = []
    for offset, first, claims in parts:
        for m in claims.mentions:
            q, quote = m.quantity, m.quote
            mentions.append(replace(
                m, start=m.start + offset, end=m.end + offset,
                sentence_index=m.sentence_index + first if m.sentence_index >= 0 else m.sentence_index,
                label_start=m.label_start + offset if m.label_end > m.label_start else m.label_start,
                label_end=m.label_end + offset if m.label_end > m.label_start else m.label_end,
                quantity=replace(q, start=q.start + offset, end=q.end + offset) if q is not None else None,
                quote=replace(quote, start=quote.start + offset, end=quote.end + offset) if quote is not None else None,
            ))
        roles.extend(replace(r, start=r.start + offset, end=r.end + offset) for r in claims.roles)
    return ArticleClaims(article_id=article_id, mentions=mentions, roles=roles)


def _without_trailing_comma(text: str, start: int, end: int) -> int:
    """Where a quote's label ends: without the comma that, inside the quotation marks, joins it to its
    attribution ("Clean water is now as urgent as food," Bello said)."""
    while end > start + 1 and text[end - 1] in ", ":
        end -= 1
    return end
