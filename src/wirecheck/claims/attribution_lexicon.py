"""The attribution lexicon: the word lists and parse labels the attribution layers read. Data only.

Shared by the rules (:mod:`.attribution_rules`), the candidate classifier (:mod:`.attribution_model`),
the span tagger (:mod:`.attribution_tagger`) and the coordinator (:mod:`.attribution`); changing a list
here changes all of them. Person titles are :data:`.names.TITLE_WORDS` (quotes and roles read them too).
"""

from __future__ import annotations

import re

from .names import TITLE_WORDS

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
    "put", "recount", "detail", "outline", "lay", "float", "floate", "pitch", "push", "press",
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
    "claim", "claims", "statement", "statements", "comment", "comments", "remarks", "assertion",
    "view", "views", "belief", "suggestion", "allegation", "allegations", "accusation", "accusations",
    "promise", "pledge", "call", "plan", "proposal", "warning", "criticism", "position", "contention",
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
# nouns of a person, group or body whose holder can hold a view ("officials said", "a poll found")
AGENT_NOUNS = {
    "official", "officials", "source", "sources", "people", "member", "lawyer", "expert", "analyst", "critic",
    "supporter", "voter", "lawmaker", "leader", "economist", "advocate", "researcher", "scientist", "democrat",
    "republican", "poll", "survey", "report", "study", "author", "witness", "resident", "activist", "senator",
    "spokesman", "spokeswoman", "spokesperson", "campaign", "aide", "aides", "critics",
    "supporters", "voters", "lawmakers", "experts", "analysts", "democrats", "republicans", "president", "police",
    "government", "ministry", "administration", "committee", "candidate", "nominee", "group", "leaders",
}
# entity labels of a subject that can hold a view (a person, organisation, group or place's government)
AGENT_ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
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
    "tolerate", "welcome", "recommend", "advise", "instruct", "direct", "try", "strive", "refuse", "reject",
    "resist", "fight", "challenge", "question", "interrogate", "highlight",
    "stress", "underscore", "emphasize", "emphasise", "cite", "quote", "reference", "echo", "mock",
}
# first words of a "Name: words" line that are a page label, not a speaker ("Update:", "Photo:", ...)
LABEL_SKIP = {"the", "a", "an", "update", "note", "editor's", "read", "watch", "related", "photo", "video", "full",
              "partial", "breaking", "exclusive", "analysis", "tags", "tag", "photos", "image", "images", "credit",
              "caption", "share", "topics", "filed", "category", "categories", "source", "sources"}
# "HOST: Welcome back..." / "Jane Doe: Talks are stalling": a short name at a line start, a colon or bar, the words
LABEL_LINE_RE = re.compile(r"(?m)^[\"“]?([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(:|\s+―)\s+(\S[^\n]*)")

__all__ = [
    "ACT_VERBS", "AGENT_ENT_LABELS", "AGENT_NOUNS", "CLAIM_NOUNS", "CONTENT_DEPS", "CORE_CUES", "CUE_VERBS",
    "INTENT_VERBS", "LABEL_LINE_RE", "LABEL_SKIP", "OBJECT_VERBS", "PRONOUNS", "QUOTED_RE", "SOURCE_DEPS",
    "SPEECH_NOUNS", "STANCE_ADJS", "TITLE_WORDS",
]
