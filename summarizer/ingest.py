"""Reading an article: decoding, HTML to text, and the dateline.

All character offsets in a brief point into ``Source.text``: for plain text that is the text exactly as
given (a ``date YYYY-MM-DD`` prefix included), for HTML the main text extracted from the page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .errors import InputError
from .models import Precision, Span

__all__ = [
    "Source",
    "as_source",
    "path_origin",
    "read_path",
    "source_from_bytes",
    "source_from_html",
    "source_from_text",
]

# The examples' convention: the first line, or a prefix of it, reads "date YYYY-MM-DD".
_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*\n?")
# The same marker on a later line is not the dateline: it is text, and not the article's own prose.
_DATE_LINE = re.compile(r"^[ \t]*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]*$", re.MULTILINE)
# News sites print the publication date alone on a line under the title ("Title\nMarch 01, 2008\n\n…").
_LINE = re.compile(r"^[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_HEADING_LINES = 3
_HTML_SNIFF = re.compile(r"\A\s*(<!doctype html|<html|<head|<body|<article|<\?xml)", re.IGNORECASE)
_MAX_BYTES = 10 * 1024 * 1024
_MIN_ARTICLE_WORDS = 25


@dataclass(frozen=True)
class Source:
    """An article ready to summarize."""

    text: str
    """The text that every span in the brief points into."""
    dateline: dt.date | None
    """Publication date; relative dates are resolved against it."""
    origin: str
    """Where the article came from: a path, ``<stdin>`` or ``<text>``."""
    dateline_span: Span | None = None
    """Where a ``date YYYY-MM-DD`` prefix stands in ``text``, if it had one."""

    @property
    def body_start(self) -> int:
        """Offset where the article proper starts, after any dateline prefix."""
        return self.dateline_span.end if self.dateline_span else 0

    def markers(self) -> list[Span]:
        """Lines that state a date rather than tell of an event, never a source of event times: a date
        printed alone under the title, and later ``date YYYY-MM-DD`` lines."""
        later = [Span(start=m.start(), end=m.end()) for m in _DATE_LINE.finditer(self.text, self.body_start)]
        heading = _heading_date(self.text, self.body_start)
        return [heading[0], *later] if heading else later


def as_source(article: object, dateline: dt.date | None) -> Source:
    """``article``, its text or a Source, as a Source, ``dateline`` winning over its own; TypeError for
    anything else, saying what to pass."""
    if isinstance(article, Source):
        return (
            article
            if dateline is None
            else Source(article.text, dateline, article.origin, article.dateline_span)
        )
    if isinstance(article, str):
        return source_from_text(article, dateline=dateline)
    hint = "; for bytes, summarizer.source_from_bytes(data, origin=...) decodes them"
    raise TypeError(
        f"article= takes the article's text (a str) or a Source, not {type(article).__name__}: to read a "
        f"file, pass summarizer.read_path(Path(...)){hint if isinstance(article, bytes | bytearray) else ''}"
    )


def source_from_text(text: str, *, dateline: dt.date | None = None, origin: str = "<text>") -> Source:
    """A plain-text article; an explicit ``dateline`` wins over a ``date YYYY-MM-DD`` prefix."""
    if not text.strip():
        raise InputError(f"{origin}: the article is empty")
    found, span = _dateline_prefix(text, origin)
    if found is None and (heading := _heading_date(text, 0)):
        found = heading[1]
    return Source(text=text, dateline=dateline or found, origin=origin, dateline_span=span)


def source_from_html(html: str, *, dateline: dt.date | None = None, origin: str = "<html>") -> Source:
    """An HTML page reduced to its main text; the dateline comes from the page's metadata if not given."""
    import trafilatura  # heavy (lxml): imported only for HTML input

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    # trafilatura falls back to whatever text a page has (a menu, a cookie notice): too few words to be
    # an article means there is none.
    if not text or len(text.split()) < _MIN_ARTICLE_WORDS:
        raise InputError(f"{origin}: no article text found in this HTML page")
    if dateline is None:
        meta = trafilatura.extract_metadata(html)
        if meta is not None and meta.date:
            dateline = _parse_iso_date(meta.date[:10])
    if dateline is None and (heading := _heading_date(text, 0)):
        dateline = heading[1]
    return Source(text=text, dateline=dateline, origin=origin)


def read_path(path: Path, *, dateline: dt.date | None = None) -> Source:
    """Read an article from a file: plain text, Markdown or HTML, UTF-8."""
    origin = path_origin(path)
    if not path.exists():
        raise InputError(f"{origin}: no such file")
    if path.is_dir():
        raise InputError(f"{origin}: is a directory, not an article")
    size = path.stat().st_size
    if size > _MAX_BYTES:
        raise InputError(f"{origin}: {size:,} bytes is over the {_MAX_BYTES:,}-byte limit for one article")
    return source_from_bytes(path.read_bytes(), origin=origin, dateline=dateline)


def path_origin(path: Path) -> str:
    """``path`` as shown in briefs and messages. A name that is not UTF-8 (``caf\\xe9.txt`` from an old
    archive) has its odd bytes shown as U+FFFD: Python keeps them as lone surrogates, which no output
    can encode, and the name is only ever shown."""
    return os.fsencode(path).decode("utf-8", "replace")


def source_from_bytes(raw: bytes, *, origin: str, dateline: dt.date | None = None) -> Source:
    """Decode bytes read from a file or stdin and pick text or HTML by content."""
    if b"\x00" in raw[:8192]:
        raise InputError(f"{origin}: looks like a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: not valid UTF-8 (byte {exc.start}); convert it first, e.g. with iconv"
        ) from None
    if _HTML_SNIFF.match(text):
        return source_from_html(text, dateline=dateline, origin=origin)
    return source_from_text(text, dateline=dateline, origin=origin)


def _dateline_prefix(text: str, origin: str) -> tuple[dt.date | None, Span | None]:
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, None
    found = _parse_iso_date("-".join(match.groups()))
    if found is None:
        raise InputError(f"{origin}: the dateline {match.group(0).strip()!r} is not a calendar date")
    return found, Span(start=match.start(), end=match.end())


def _heading_date(text: str, start: int) -> tuple[Span, dt.date] | None:
    """A full date alone on one of the first lines from ``start``, and where it stands."""
    from .timeline import find_dates  # not at import: a cached brief of a dated article needs no time rules

    for line in islice(_LINE.finditer(text, start), _HEADING_LINES):
        found = find_dates(line.group(1), None)
        if len(found) == 1 and found[0].precision is Precision.DAY and found[0].text == line.group(1):
            at = line.start(1)
            return Span(start=at, end=line.end(1)), dt.date.fromisoformat(str(found[0].value))
    return None


def _parse_iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
