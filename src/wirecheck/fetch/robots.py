"""robots.txt, read once per host per run (by the :class:`~wirecheck.fetch.Fetcher` that owns the cache).

Read as RFC 9309 says: a robots.txt that is missing (any 4xx answer) allows everything; one that cannot be
read (a 5xx answer, a timeout, a failed connection) disallows everything on its host for the run, and the
pages are rejected saying so.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

#: (robots.txt URL) -> (HTTP status, body text) or an error message; what the fetcher gives the cache
RobotsGetter = Callable[[str], "tuple[int, str] | str"]


@dataclass(slots=True, frozen=True)
class RobotsRules:
    """One host's rules: a parser, or everything allowed/disallowed with the reason."""

    parser: RobotFileParser | None
    allow_all: bool
    reason: str = ""


def robots_url(url: str) -> str:
    """The robots.txt URL of the host serving ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _rules(answer: "tuple[int, str] | str") -> RobotsRules:
    if isinstance(answer, str):
        return RobotsRules(None, False, f"the host did not answer for its robots.txt ({answer}); nothing on it is "
                                        "fetched this run")
    status, text = answer
    if 400 <= status < 500:
        return RobotsRules(None, True)
    if not 200 <= status < 300:
        return RobotsRules(None, False, f"its robots.txt answered HTTP {status}; nothing on the host is fetched "
                                        "this run")
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return RobotsRules(parser, True)


class RobotsCache:
    """The robots.txt rules of each host seen, fetched on first use through ``get``; one per fetcher."""

    def __init__(self, get: RobotsGetter, user_agent: str) -> None:
        self._get = get
        self.user_agent = user_agent
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()  # one robots.txt fetch per host, even with many workers

    def rules(self, url: str) -> RobotsRules:
        """The rules for ``url``'s host (fetched once)."""
        key = robots_url(url)
        with self._lock:
            found = self._rules.get(key)
            if found is None:
                found = self._rules[key] = _rules(self._get(key))
            return found

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching ``url``, or None when it may be fetched."""
        rules = self.rules(url)
        if rules.parser is None:
            return None if rules.allow_all else f"not fetched: {rules.reason}"
        if rules.parser.can_fetch(self.user_agent, url):
            return None
        return f"not fetched: the robots.txt of {urlsplit(url).netloc} disallows it for {self.user_agent}"
