"""Attribution relations: who says (source), how (cue), and what (content), by character offsets.

Reporting verbs ("said", "claimed", "told", "has learned") take their subject
as the source and their clausal complement as the content; "according to X"
makes X the source of the rest of its sentence. Everything else in an
article is the outlet's own assertion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .attribution_model import AttributionModel
    from .attribution_tagger import AttributionTagger

CUE_VERBS = {
    "say", "tell", "claim", "report", "state", "add", "announce", "confirm", "deny", "insist", "argue", "warn",
    "write", "note", "explain", "suggest", "believe", "think", "allege", "acknowledge", "admit", "assert",
    "declare", "predict", "estimate", "tweet", "post", "testify", "reveal", "disclose", "indicate", "accuse",
    "urge", "promise", "vow", "learn", "show", "find", "conclude", "contend", "maintain", "stress", "emphasize",
    "emphasise", "recall", "reply", "respond", "counter", "complain", "concede", "caution", "hint", "speculate",
    "fear", "hope", "expect", "want", "question", "dispute", "reject", "dismiss", "mention", "observe", "point",
    "agree", "signal", "propose", "demand", "blame", "criticize", "criticise", "praise", "describe", "call",
    "charge", "boast", "brag", "quip", "joke", "shout", "ask", "wonder", "know", "feel", "worry", "doubt",
    "understand", "remark", "comment", "suspect", "assure", "repeat", "reiterate", "pledge", "threaten",
}
# verbs of intention or stance whose "to"-clause is the content ("plans to", "refused to")
INTENT_VERBS = {
    "plan", "want", "decline", "refuse", "promise", "intend", "hope", "vow", "pledge", "threaten", "seek", "aim",
    "agree", "offer", "expect", "wish", "prefer", "urge", "vote", "push", "decide", "demand", "ask", "call",
    "support", "oppose", "propose", "insist", "fail", "try", "struggle", "hesitate", "mean", "need",
}
# verbs of speech and stance that take their content as an object ("cited the report", "attacked the mayor")
OBJECT_VERBS = {
    "cite", "mention", "attack", "defend", "back", "endorse", "support", "tweet", "question", "charge", "respond",
    "encourage", "tell", "blast", "slam", "criticize", "criticise", "praise", "condemn", "discuss", "address",
    "accuse", "applaud", "welcome", "reject", "deny", "dismiss", "announce", "oppose", "highlight", "acknowledge",
    "raise", "describe", "call", "label", "dub", "characterize", "warn", "urge", "propose", "promise", "publish",
    "document", "express", "voice", "reiterate", "echo", "view", "consider", "regard", "quote", "write", "predict",
    "argue", "blame", "thank", "challenge", "mock", "ridicule", "insult", "dispute", "refute", "confirm", "claim",
    "report", "reveal", "disclose", "suggest", "recommend", "demand", "ask", "request", "invite", "congratulate",
    "apologize", "apologise", "admit", "concede", "denounce", "decry", "lambaste", "deride", "tout", "boast",
    "hail", "laud", "commend", "fault", "knock", "bash", "target", "vow", "pledge", "sign", "veto", "unveil",
    "speak", "offer", "promote", "reference", "issue", "talk", "compare", "weigh", "point", "release", "send",
    "unleash", "seize", "grill", "investigate", "protest", "advocate", "liken", "debate", "resist", "champion",
    "put", "recount", "describe", "detail", "outline", "lay", "float", "floate", "pitch", "push", "press",
}
# nouns of speech proper (an attribution through them is reported speech, ``speech=True``)
SPEECH_NOUNS = {
    "claim", "claims", "statement", "statements", "comment", "comments", "remark", "remarks", "assertion",
    "allegation", "allegations", "accusation", "accusations", "argument", "warning", "announcement", "admission",
    "denial", "testimony", "prediction", "tweet", "tweets",
}
# nouns of speech, thought, stance and intention whose owner is an attribution source ("his criticism of ...")
CLAIM_NOUNS = SPEECH_NOUNS | {
    "stance", "aversion", "recommendation", "speeches", "support", "goal", "goals", "memory", "critique",
    "affection", "unwillingness", "willingness", "decision", "refusal", "embrace", "promises", "sentiment",
    "sentiments", "resolve", "opposition", "policy", "policies", "push", "attack", "attacks", "idea", "ideas",
    "vision", "message", "pitch", "plea", "vow", "threat", "threats", "demand", "demands", "request", "reaction",
    "answer", "explanation", "defense", "defence", "endorsement", "praise", "concern", "concerns", "fear", "fears",
    "hope", "hopes", "desire", "wish", "intention", "agenda", "platform", "insistence", "rhetoric", "attitude",
    "approach", "opinion", "opinions", "analysis", "assessment", "estimate", "forecast", "finding", "findings",
    "conclusion", "complaint", "complaints", "objection", "objections", "rejection", "reply", "interview", "letter",
    "post", "op-ed", "column", "book", "report", "ruling", "order", "veto", "pledges", "proposals", "plans",
    "point", "question", "questions", "remark", "words", "suggestions", "warnings", "argument", "arguments",
    "claim", "claims", "statement", "statements", "comment", "comments", "remark", "remarks", "assertion",
    "view", "views", "belief", "suggestion", "allegation", "allegations", "accusation", "accusations", "argument",
    "promise", "pledge", "call", "plan", "proposal", "warning", "criticism", "position", "insistence", "contention",
    "announcement", "admission", "denial", "response", "testimony", "prediction", "tweet", "tweets", "speech",
}
# reporting verbs that always open their own relation, even inside another's content (run-on sentences)
CORE_CUES = {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "according", "reported",
             "reports", "claimed", "claims", "noted", "notes", "insisted", "argued", "explained", "stated"}
CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
# a quoted stretch within one paragraph; curly and straight marks are often mixed ("“...,\" he said")
QUOTED_RE = re.compile(r"[“\"][^“”\"\n]*[”\"]|''[^\n]*?''")
SOURCE_DEPS = {"nsubj", "nsubjpass", "csubj"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}


@dataclass(slots=True)
class Attribution:
    """One attribution relation; spans are (start, end) character offsets into ``doc.text``."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    cue_text: str
    source_text: str | None
    sentence_start: int  # character offset of the sentence holding the cue
    speech: bool = True  # reported speech or thought; False for a stance or act ("attacked", "backed")
    depth: int = 0  # how deep the cue sits in the parse (outer relations first when they nest)
    tagged: bool = False  # the span tagger marks its source: kept even inside a quote or another's content


def _trim(doc: "Doc", start: int, end: int) -> tuple[int, int] | None:
    """Token range -> character span without surrounding punctuation and quote marks."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in {"that"}):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _subtree_range(tok: "Token", exclude: "Token | None" = None) -> tuple[int, int]:
    """Token index range of ``tok``'s subtree, cut before ``exclude`` when it lies inside."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None and left <= exclude.i < right:
        if exclude.i > tok.i:
            right = exclude.i
        else:
            left = exclude.i + 1
    return left, right


def _content_for(verb: "Token", sent: "Span") -> tuple[int, int] | None:
    """The reported content of a reporting verb: its clausal complement, or the clause it is parenthetical to."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if comps:
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps) + 1
        return _trim(doc, lo, hi)
    dobj = [c for c in verb.children if c.dep_ == "dobj" and len(list(c.subtree)) > 3]
    if dobj:
        return _trim(doc, dobj[0].left_edge.i, dobj[0].right_edge.i + 1)
    if verb.lemma_.lower() in OBJECT_VERBS:
        right = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "prep", "dative", "attr", "oprd", "advcl", "npadvmod", "acomp", "agent"}]
        right = [c for c in right if c.dep_ != "agent"]
        if right:
            return _trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)
    parenthetical = verb.lemma_.lower() in CUE_VERBS and not any(
        c.dep_ in {"dobj", "xcomp", "attr", "acomp", "prep", "dative"} for c in verb.children)
    if parenthetical and verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.head.i != verb.i:
        head = verb.head  # "The talks failed, officials said."
        left, right = _subtree_range(head)
        own_left, own_right = verb.left_edge.i, verb.right_edge.i + 1
        if own_left > head.i:
            right = min(right, own_left)
        else:
            left = max(left, own_right)
        return _trim(doc, max(left, sent.start), min(right, sent.end))
    return None


AGENT_NOUNS = {
    "official", "officials", "source", "sources", "people", "member", "lawyer", "expert", "analyst", "critic",
    "supporter", "voter", "lawmaker", "leader", "economist", "advocate", "researcher", "scientist", "democrat",
    "republican", "poll", "survey", "report", "study", "author", "witness", "resident", "activist", "senator", "spokesman", "spokeswoman", "spokesperson", "campaign", "aide", "aides", "critics",
    "supporters", "voters", "lawmakers", "experts", "analysts", "democrats", "republicans", "president", "police",
    "government", "ministry", "administration", "committee", "candidate", "nominee", "group", "leaders",
}


def _is_agent(tok: "Token") -> bool:
    """A subject that can hold a view: a person, organisation or group, or a personal pronoun."""
    if tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or tok.pos_ == "PROPN":
        return True
    from .names import TITLE_WORDS

    lemma = tok.lemma_.lower()
    return tok.lower_ in {"he", "she", "they", "i", "we", "who"} or lemma in AGENT_NOUNS or lemma in TITLE_WORDS


def _rest_of_sentence(verb: "Token", source: "Token | None", sent: "Span") -> tuple[int, int] | None:
    """Content of "..., the mayor said." when the parse gives the verb no complement: the larger side of the
    sentence around the source and cue, or the quote just before when the sentence is only "he said"."""
    doc = verb.doc
    lo = min(verb.i, source.left_edge.i if source is not None else verb.i)
    hi = max(verb.i, source.right_edge.i if source is not None else verb.i) + 1
    left = _trim(doc, sent.start, lo)
    right = _trim(doc, hi, sent.end)
    sizes = [(s[1] - s[0], s) for s in (left, right) if s is not None]
    if sizes and max(sizes)[0] > 12:
        return max(sizes)[1]
    quoted = doc.text[sent.start_char:doc[lo].idx]
    if left is not None and any(q in quoted for q in "“”\"'"):
        return left
    if sent.start > 0:  # “...” he said.
        prev = doc[sent.start - 1].sent
        if prev.text.rstrip().endswith(("”", '"', "’")):
            return _trim(doc, prev.start, prev.end)
    return None


def _source_for(verb: "Token") -> "Token | None":
    """The subject of a cue verb (the one nearest the verb, so "9:30 p.m. Donald Trump says" gives Trump),
    the agent of a passive, or the subject shared with the verb it is coordinated with."""
    subjects = [c for c in verb.children if c.dep_ in SOURCE_DEPS and c.ent_type_ not in {"TIME", "DATE"}
                and "\n" not in c.text]
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    for c in verb.children:  # passive: "was told by officials"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.i != verb.i:
        return _source_for(verb.head)
    return None


def find_attributions(doc: "Doc", model: "AttributionModel | None" = None, use_model: bool = True,
                      tagger: "AttributionTagger | None" = None) -> list[Attribution]:
    """Attribution relations in a parsed article: the rules' reported speech ("said", "according to", ...),
    and acts and stances of people kept or added by the learned candidate model (``speech=False``), then
    reconciled with the learned span tagger, which drops relations whose source it does not see and adds
    sources the parse missed. The packaged models are used unless ``model``/``tagger`` are given (a
    runner loads them once); rules alone when ``use_model`` is False. ``doc`` must come from the spaCy
    pipeline itself, with MiniLM token states set by ``NLP.features`` or ``NLP.token_states`` (the
    tagger reads both ``doc.tensor`` and ``doc._.wirecheck_states``)."""
    rules = rule_attributions(doc)
    out = rules
    if use_model:
        from .attribution_model import apply_model, load_model
        from .attribution_tagger import load_tagger

        out = apply_model(doc, rules, model or load_model())
        out = (tagger or load_tagger()).apply(doc, rules, out)
    return _drop_nested(out, doc.text)


def rule_attributions(doc: "Doc") -> list[Attribution]:
    """All relations the rules find, nested ones included (reporting verbs, "according to", acts, nouns)."""
    out: list[Attribution] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                src = _trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
                phrase_end = pobj.right_edge.i + 1
                before = _trim(doc, sent.start, tok.i)
                after = _trim(doc, phrase_end, sent.end)
                content = before if before and (not after or before[1] - before[0] >= after[1] - after[0]) else after
                out.append(Attribution(
                    cue=(tok.idx, to.idx + len(to)), source=src, content=content,
                    cue_text="according to", source_text=doc.text[src[0]:src[1]] if src else None,
                    sentence_start=sent.start_char,
                ))
                continue
            if tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            has_ccomp = any(c.dep_ == "ccomp" and any(g.dep_ in {"nsubj", "nsubjpass", "mark"} for g in c.children)
                            for c in tok.children)
            has_to = lemma in INTENT_VERBS and any(c.dep_ == "xcomp" for c in tok.children)
            source = _source_for(tok)
            speech = lemma in CUE_VERBS or has_ccomp
            if not speech and not has_to and lemma not in OBJECT_VERBS:
                continue
            if lemma not in CUE_VERBS and (source is None or not _is_agent(source)):
                continue
            content = _content_for(tok, sent)
            if content is None and lemma in CUE_VERBS:
                content = _rest_of_sentence(tok, source, sent)
            if content is None:
                continue
            if source is None and lemma not in {"say", "report", "claim", "allege"}:
                continue
            if source is not None and source.pos_ not in {"PROPN", "NOUN", "PRON", "ADJ", "NUM", "DET"}:
                continue
            cue_lo = tok.i
            while cue_lo - 1 >= sent.start and doc[cue_lo - 1].dep_ in {"aux", "auxpass", "neg"} and \
                    doc[cue_lo - 1].head.i == tok.i:
                cue_lo -= 1
            cue = (doc[cue_lo].idx, tok.idx + len(tok))
            src = None
            if source is not None:
                left, right = _subtree_range(source)
                src = _trim(doc, left, right)
                if src and content and src[0] < content[1] and content[0] < src[1]:
                    src = _trim(doc, source.i, source.i + 1)
            out.append(Attribution(
                cue=cue, source=src, content=content, cue_text=doc.text[cue[0]:cue[1]],
                source_text=doc.text[src[0]:src[1]] if src else None, sentence_start=sent.start_char,
                speech=speech, depth=len(list(tok.ancestors)),
            ))
    out.extend(_act_attributions(doc, {a.cue for a in out}))
    out.extend(_label_attributions(doc))
    out.extend(_noun_attributions(doc))
    return out


def _noun_attributions(doc: "Doc") -> list[Attribution]:
    """ "the mayor's claim that ...", "the minister's comments on ...": a speech noun with its owner and content."""
    out = []
    for tok in doc:
        if tok.lower_ not in CLAIM_NOUNS or tok.pos_ != "NOUN":
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN", "PRON"}), None)
        # "criticism from environmentalists", "a statement by the ministry"
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by"} and c.i > tok.i), None)
        by_obj = next((g for g in by.children if g.dep_ == "pobj" and _is_agent(g)), None) if by is not None else None
        if owner is None and by_obj is None:
            continue
        if owner is None:
            owner = by_obj
        comp = [c for c in tok.children if c.i > tok.i and c.dep_ in {"acl", "ccomp", "prep", "relcl", "appos"}
                and c is not by]
        if not comp:
            continue
        content = _trim(doc, min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1)
        src = _trim(doc, owner.left_edge.i, owner.i + 1) if owner.dep_ == "poss" else \
            _trim(doc, owner.left_edge.i, owner.right_edge.i + 1)
        if content is None or src is None:
            continue
        out.append(Attribution(cue=(tok.idx, tok.idx + len(tok)), source=src, content=content, cue_text=tok.text,
                               source_text=doc.text[src[0]:src[1]], sentence_start=tok.sent.start_char,
                               speech=tok.lower_ in SPEECH_NOUNS))
    return out


def _label_attributions(doc: "Doc") -> list[Attribution]:
    """ "HOST: Welcome back..." / "Jane Doe: Talks are stalling": a short name, a colon, the words."""
    out = []
    for m in re.finditer(r"(?m)^[\"“]?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(:|\s+―)\s+(\S[^\n]*)", doc.text):
        name = m.group(1)
        if name.split()[0].lower() in {"the", "a", "an", "update", "note", "editor's", "read", "watch", "related",
                                       "photo", "video", "full", "partial", "breaking", "exclusive", "analysis",
                                       "tags", "tag", "photos", "image", "images", "credit", "caption", "share",
                                       "topics", "filed", "category", "categories", "source", "sources"}:
            continue
        if any(ch.isdigit() for ch in name):
            continue
        src = (m.start(1), m.end(1))
        sent = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
        first_sent = next(iter(sent.sents)) if sent is not None else None
        end = min(m.end(3), first_sent.end_char) if first_sent is not None else m.end(3)
        content = (m.start(3), end)
        out.append(Attribution(cue=(m.start(2), m.end(2)), source=src, content=content, cue_text=m.group(2).strip(),
                               source_text=name, sentence_start=m.start()))
    return out


def _drop_nested(attrs: list[Attribution], text: str) -> list[Attribution]:
    """One relation per cue; relations whose cue lies inside another's content or inside a direct quote
    are reported speech within reported speech and are left to the outer relation, unless the span
    tagger marked their source (``tagged``): then both the outer and the nested relation are kept."""
    quoted = [(m.start(), m.end()) for m in QUOTED_RE.finditer(text)]
    attrs = sorted(attrs, key=lambda a: (a.depth, -((a.content[1] - a.content[0]) if a.content else 0)))
    kept: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    for a in attrs:
        if a.cue in seen or (not a.tagged and any(q0 < a.cue[0] < q1 for q0, q1 in quoted)):
            continue
        if not a.tagged and a.cue_text.split()[-1].lower() not in CORE_CUES and any(
                k.content and k.content[0] <= a.cue[0] < k.content[1] and k.sentence_start == a.sentence_start
                for k in kept):
            continue
        seen.add(a.cue)
        kept.append(a)
    return sorted(kept, key=lambda a: a.cue[0])


def is_pronoun(text: str | None) -> bool:
    """True when a source is only a pronoun ("he", "they")."""
    return bool(text) and text.lower() in PRONOUNS


# "X is skeptical of ...", "she was confident that ...": a stance held by the subject
STANCE_ADJS = {
    "skeptical", "sceptical", "confident", "sure", "certain", "aware", "convinced", "optimistic", "pessimistic",
    "worried", "concerned", "critical", "supportive", "opposed", "eager", "willing", "unwilling", "reluctant",
    "proud", "angry", "upset", "determined", "adamant", "clear", "hopeful", "doubtful", "wary", "fearful",
    "afraid", "unhappy", "happy", "pleased", "glad", "disappointed", "frustrated", "furious", "open", "receptive",
    "hostile", "sympathetic", "committed", "dedicated", "insistent", "unsure", "uncertain", "mindful", "keen",
    "comfortable", "uncomfortable", "grateful", "thankful", "satisfied", "dissatisfied", "enthusiastic", "ready",
}
# acts and stances of a person that PolNeAR-style annotation counts as attributed (perception, choice,
# endorsement, effort, self-positioning); their subject is the source, what follows the content
ACT_VERBS = {
    "see", "hear", "share", "prefer", "embrace", "choose", "seek", "focus", "invoke", "list", "distance",
    "attempt", "introduce", "rely", "experience", "avoid", "name", "cast", "deliver", "vote", "favor", "favour",
    "admire", "contemplate", "recognize", "recognise", "consider", "ignore", "reaffirm", "accept", "decline",
    "refer", "remind", "preach", "cheer", "identify", "read", "order", "endorse", "back", "support", "oppose",
    "hope", "turn", "launch", "fire", "tout", "insist", "pursue", "dub", "label", "nominate", "appoint", "hail",
    "lament", "chide", "rebuke", "scold", "confess", "rebuff", "repudiate", "disavow", "withdraw", "retract",
    "campaign", "lobby", "court", "woo", "rally", "pitch", "plead", "beg", "pray", "celebrate", "mourn",
    "salute", "honor", "honour", "thank", "apologize", "apologise", "forgive", "blame", "credit", "trust",
    "distrust", "doubt", "like", "love", "hate", "dislike", "fear", "respect", "value", "care", "mind",
    "tolerate", "welcome", "recommend", "advise", "instruct", "direct", "try", "strive", "refuse", "reject", "resist", "fight", "challenge", "question", "interrogate", "highlight",
    "stress", "underscore", "emphasize", "emphasise", "cite", "quote", "reference", "echo", "mock",
}


def _act_attributions(doc: "Doc", taken: set) -> list[Attribution]:
    """Stances and acts of a person or group ("Cruz embraced ...", "voters prefer ...", "X is skeptical of ..."):
    the subject is the source and what follows the verb the content. Marked ``speech=False``."""
    out = []
    for tok in doc:
        stance = tok.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in STANCE_ADJS for c in tok.children)
        if not stance and (tok.pos_ != "VERB" or tok.lemma_.lower() not in ACT_VERBS):
            continue
        cue = (tok.idx, tok.idx + len(tok))
        if any(c[0] <= cue[0] < c[1] for c in taken):
            continue
        source = next((c for c in tok.children if c.dep_ in {"nsubj"}), None)
        if source is None or not _is_agent(source):
            continue
        right = [c for c in tok.children if c.i > tok.i and c.dep_ not in {"punct", "cc", "conj", "nsubj"}]
        if not right:
            continue
        content = _trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)
        src = _trim(doc, source.left_edge.i, source.right_edge.i + 1)
        if content is None or src is None:
            continue
        out.append(Attribution(cue=cue, source=src, content=content, cue_text=tok.text,
                               source_text=doc.text[src[0]:src[1]], sentence_start=tok.sent.start_char,
                               speech=False, depth=len(list(tok.ancestors))))
    return out
