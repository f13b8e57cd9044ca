"""Bodies that come with an HTTP ``Content-Type`` (WARC responses, fetched pages, feeds): their media type,
their declared charset, and their text.

The bytes are decoded by :func:`.files.decode_bytes` with the declared charset (the HTTP header outranks
a page's own ``<meta charset>``; a byte-order mark and valid UTF-8 outrank both).
"""

from __future__ import annotations

from email.message import Message
from typing import Generator

from ..records import Rejected
from .files import Decoded, ReadError, decode_bytes, legacy_warning

#: media types read as HTML pages
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _header(content_type: str | None) -> Message:
    message = Message()
    message["content-type"] = content_type or ""
    return message


def media_type(content_type: str | None) -> str:
    """The media type of a ``Content-Type`` value, lower case, without parameters ("" when none)."""
    if not content_type or not content_type.strip():
        return ""
    return _header(content_type).get_content_type().lower()


def declared_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value, or None."""
    if not content_type:
        return None
    charset = _header(content_type).get_content_charset()
    return charset.strip().lower() or None if charset else None


def is_html(content_type: str | None) -> bool:
    """Whether a ``Content-Type`` value names an HTML page."""
    return media_type(content_type) in HTML_TYPES


def decode_body(data: bytes, content_type: str | None, html: bool = True) -> Decoded:
    """Decode a body as :func:`.files.decode_bytes` does, with the charset its ``Content-Type`` declares
    (which outranks a page's ``<meta charset>``). Raises :class:`.files.ReadError` for binary or
    undecodable bytes."""
    return decode_bytes(data, html=html, declared_charset=declared_charset(content_type))


def page_text(where: str, data: bytes, content_type: str | None) -> Generator[Rejected, None, Decoded | None]:
    """An HTML body decoded, for ``yield from``: it yields a :class:`Rejected` and returns None when the body
    cannot be decoded or is empty, else yields a warning first when it was read from a legacy encoding."""
    try:
        decoded = decode_body(data, content_type)
    except ReadError as exc:
        yield Rejected(where, str(exc))
        return None
    if not decoded.text.strip():
        yield Rejected(where, "empty HTML page")
        return None
    if decoded.legacy:
        yield legacy_warning(where, decoded.legacy)
    return decoded
