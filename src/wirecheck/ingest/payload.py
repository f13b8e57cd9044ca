"""Bodies that come with an HTTP ``Content-Type`` (WARC responses, fetched pages, feeds): their media type,
their declared charset, and their text.

A declared charset is tried first with strict decoding (the HTTP header outranks a page's own
``<meta charset>``); when it is missing, unknown or wrong, the bytes go to :func:`.files.decode`, which
detects UTF-8, UTF-16 with a byte-order mark, a ``<meta charset>`` and the legacy encodings.
"""

from __future__ import annotations

import codecs
from email.message import Message
from typing import Generator

from ..records import Rejected
from .files import UTF16_BOMS, ReadError, binary_reason, decode, legacy_warning

#: media types read as HTML pages
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: charsets browsers read as Windows-1252 (the WHATWG Encoding Standard): pages labelled Latin-1 or ASCII
#: are nearly always Windows-1252, whose curly quotes and dashes Latin-1 reads as control characters
_AS_WINDOWS_1252 = frozenset({"iso8859-1", "latin-1", "ascii", "us-ascii", "iso-8859-1", "latin1"})


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


def decode_body(data: bytes, content_type: str | None, html: bool = True) -> tuple[str, str | None]:
    """Decode a body: with its declared charset when that decodes it strictly (BOMs still win), else as
    :func:`.files.decode` does; return the text and the legacy encoding detected (None when the bytes were
    UTF-8 or said what they are). Raises :class:`.files.ReadError` for binary or undecodable bytes."""
    charset = declared_charset(content_type)
    if charset and not data.startswith((codecs.BOM_UTF8, *UTF16_BOMS)):
        try:
            name = codecs.lookup(charset).name
        except LookupError:
            name = None
        if name is not None:
            name = "cp1252" if name in _AS_WINDOWS_1252 else name
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                pass
            else:
                if "16" not in name and "32" not in name:
                    problem = binary_reason(data[:65536])
                    if problem:
                        raise ReadError(problem)
                return text, None
    return decode(data, html=html)


def page_text(where: str, data: bytes, content_type: str | None) -> Generator[Rejected, None, str | None]:
    """An HTML body's text, for ``yield from``: it yields a :class:`Rejected` and returns None when the body
    cannot be decoded or is empty, else yields a warning first when it was read from a legacy encoding."""
    try:
        text, encoding = decode_body(data, content_type)
    except ReadError as exc:
        yield Rejected(where, str(exc))
        return None
    if not text.strip():
        yield Rejected(where, "empty HTML page")
        return None
    if encoding:
        yield legacy_warning(where, encoding)
    return text
