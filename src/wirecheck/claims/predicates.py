"""The event roles a figure's predicate can name, shared by the claims stage and alignment.

Outlets use many verbs for one role ("killed", "died", "the death toll"; "injured", "hurt", "wounded").
Two predicates in one class are the same role; in two classes, different claims. Some roles count
people whatever the sentence names: a bare "32 were still missing" counts people. A phrasal verb is
its verb and particle ("knocked out", "took down"), which may name a role its verb alone does not.
"""

from __future__ import annotations

#: phrasal verbs of the ``disrupted`` role that may also name another ("took down 40 drones"): loose
#: predicates, which can make two figures one fact, never two
TWO_SENSE_PHRASES = {"knock out", "knocked out", "knocks out", "take down", "took down", "taken down", "takes down"}

PREDICATE_CLASSES: dict[str, set[str]] = {
    "killed": {"kill", "killed", "killing", "die", "died", "dead", "perish", "perished", "claim", "claimed",
               "toll", "death", "deaths", "dying"},
    "injured": {"injure", "injured", "injuring", "hurt", "wound", "wounded", "wounding", "hospitalise",
                "hospitalised", "hospitalize", "hospitalized", "injuries", "injury", "treat", "treated"},
    "launched": {"launch", "launched", "fire", "fired", "send", "sent", "target", "targeted", "attack",
                 "attacked", "strike", "struck", "hit", "aim", "aimed"},
    "intercepted": {"intercept", "intercepted", "shoot", "shot", "downed", "destroy", "destroyed",
                    "neutralise", "neutralised", "neutralize", "neutralized", "brought down", "bring down"},
    # put out of service: "disrupted three hospitals", "knocked out systems at three", "were still down"
    "disrupted": {"disrupt", "disrupted", "disrupting", "disruption", "disruptions", "cripple", "crippled",
                  "crippling", "paralyse", "paralysed", "paralyze", "paralyzed", "offline", "outage", "outages",
                  "down"} | TWO_SENSE_PHRASES,
    "missing": {"missing", "miss", "unaccounted"},
    "evacuated": {"evacuate", "evacuated", "displace", "displaced", "flee", "fled", "leave", "left", "force",
                  "forced", "relocate", "relocated"},
    "arrested": {"arrest", "arrested", "detain", "detained", "hold", "held", "charge", "charged"},
    "rescued": {"rescue", "rescued", "save", "saved", "pull", "pulled", "free", "freed", "evacuate_safe"},
    "trapped": {"trap", "trapped", "stuck", "strand", "stranded"},
    "sentenced": {"sentence", "sentenced", "jail", "jailed", "imprison", "imprisoned", "term"},
}
PREDICATE_CLASS: dict[str, str] = {w: c for c, words in PREDICATE_CLASSES.items() for w in words}
#: roles whose bare figure counts people: "Dozens were injured", "189 had been rescued"
PEOPLE_ROLES = {"killed", "injured", "missing", "arrested", "rescued", "trapped", "sentenced", "evacuated"}
#: words of those roles too ambiguous to say a bare figure counts people ("14 were held", "two were left")
_LOOSE = {"hold", "held", "claim", "claimed", "leave", "left", "free", "save", "pull", "term", "toll", "death",
          "deaths", "dead", "charge", "charged", "miss", "treat", "treated", "force", "forced"}


def role_of(predicate: str | None) -> str | None:
    """The event role a predicate as written names ("knocked out": ``disrupted``, "were killed" → its
    first word's), or None when it names none."""
    if not predicate:
        return None
    p = predicate.lower()
    return PREDICATE_CLASS.get(p) or PREDICATE_CLASS.get(p.split()[0])


def counts_people(word: str) -> bool:
    """Whether a verb (or predicative adjective) says its bare subject figure counts people:
    "were injured", "had been rescued", "were still missing"; not "were held" or "were left"."""
    w = word.lower()
    return w not in _LOOSE and PREDICATE_CLASS.get(w) in PEOPLE_ROLES
