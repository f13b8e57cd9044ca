"""Fetching pages and feeds over HTTP (httpx): URLs given as inputs, URL lists, feed entries with only a link.

See :mod:`.client` for what each request does (robots.txt, User-Agent, retries with backoff, redirects,
size cap, conditional requests) and :mod:`.robots` for how robots.txt is read. httpx is imported only
when a :class:`Fetcher` is made.
"""

from .client import Fetched, Fetcher, Unchanged, retry_after, user_agent
from .robots import RobotsCache

__all__ = ["Fetched", "Fetcher", "RobotsCache", "Unchanged", "retry_after", "user_agent"]
