"""Request checks in front of every route of the web UI (an ASGI middleware, :class:`Guard`).

- **Host**: a request whose ``Host`` header is a name other than ``localhost`` or the host the server is
  bound to (``serve.host``) is refused (400). A page on another site that has its own name re-pointed at
  127.0.0.1 (DNS rebinding) therefore cannot read the UI: its requests carry that other name. An IP
  address as the host is accepted, since no rebinding goes through one.
- **Same origin for writes**: a ``POST`` carrying an ``Origin`` (or, without one, a ``Referer``) header
  from another site, ``Origin: null``, or a browser's ``Sec-Fetch-Site`` other than ``same-origin`` is
  refused (403) before its body is read, on top of the token every write needs. (The UI's pages send
  ``Referrer-Policy: same-origin``, under which browsers send the real origin with the UI's own forms.)
- **Body size**: a request body over :data:`MAX_BODY_BYTES` is refused (413), from its
  ``Content-Length`` before it is read, or once that many bytes have arrived when it has none (a body is
  read whole, within the limit, before any route sees it).
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

MAX_BODY_BYTES = 65_536  # a correction form is a few hundred bytes

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def host_name(host: str) -> str:
    """The name part of a ``Host`` header or URL netloc ("[::1]:8000" -> "::1", "Example.org:80" ->
    "example.org")."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def allowed_host(host: str | None, bound: str) -> bool:
    """Whether a request's ``Host`` header may reach a server bound to ``bound``: an IP address,
    ``localhost``, or the bound name itself."""
    if not host:
        return False
    name = host_name(host)
    return _is_ip(name) or name in {"localhost", host_name(bound)}


def same_origin(headers: dict[str, str]) -> bool:
    """Whether a write comes from this site: its ``Origin`` (else ``Referer``) names the host the request
    was sent to; a request with neither (a script, ``curl``) passes, the token still guards it."""
    if headers.get("sec-fetch-site", "same-origin") not in {"same-origin", "none"}:
        return False  # the browser says so itself
    origin = headers.get("origin") or headers.get("referer")
    if origin is None:
        return True
    if origin == "null":
        return False
    return urlsplit(origin).netloc.lower() == headers.get("host", "").lower()


class Guard:
    """ASGI middleware applying the checks of this module to every HTTP request of ``app``."""

    def __init__(self, app: Callable, bound_host: str, max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.bound_host, self.max_body = app, bound_host, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a request that fails a check; pass the others on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not allowed_host(headers.get("host"), self.bound_host):
            await _refuse(send, 400, "unknown host: this server answers to localhost, an IP address or "
                                     f"{self.bound_host} (a request for another name is refused)")
            return
        if scope["method"] not in {"GET", "HEAD", "OPTIONS"} and not same_origin(headers):
            await _refuse(send, 403, "a write must come from this site (its Origin or Referer is another one)")
            return
        length = headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > self.max_body:
            await _refuse(send, 413, f"request body of {int(length):,} bytes is over the {self.max_body:,}-byte limit")
            return
        if scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        body, more = b"", True  # read it here, at most the limit + one chunk, before any route sees it
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _refuse(send, 413, f"request body is over the {self.max_body:,}-byte limit")
                return
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
