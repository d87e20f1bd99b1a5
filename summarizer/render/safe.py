"""Text from an article or a model, made safe to show: no control character reaches a terminal.

An article (or a model, or a server's error message) can hold terminal escape sequences: ``ESC ] 0 ;``
retitles the window, ``ESC [ 2 J`` clears the screen, and worse. Every text output shows each C0 and C1
control character except newline and tab, and each bidirectional formatting character (U+202E), as a
visible symbol of its own (``ESC`` as ``␛``), one character for one, so spans into the article still point
where they did. JSON keeps every character, escaped.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..ingest import Source
from ..models import Brief

__all__ = ["json_safe", "printable", "printable_brief"]

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""The bidirectional formatting characters: an override (U+202E) or isolate reorders what a terminal or a
browser shows after it ("exe.txt" read as "txt.exe"), an invisible mark shifts it."""
_SHOWN = {
    **{c: 0x2400 + c for c in range(0x20) if chr(c) not in "\n\t"},  # Unicode's control pictures: ␛ ␇ ␍
    0x7F: 0x2421,  # ␡
    # C1 and the bidirectional controls have no pictures: the replacement character.
    **{c: 0xFFFD for c in [*range(0x80, 0xA0), *_BIDI]},
}
# JSON escapes C0 itself; DEL, C1 and the bidirectional controls pass through it raw, and a terminal may
# still act on them.
_JSON_ESCAPED = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), *_BIDI]}


def printable(text: str) -> str:
    """``text`` with its control characters (but newline and tab) shown as symbols, length kept."""
    return text.translate(_SHOWN)


def json_safe(text: str) -> str:
    """JSON text with DEL and C1 control characters escaped as ``\\u00XX``: the same JSON value."""
    return text.translate(_JSON_ESCAPED)


def printable_brief(brief: Brief, source: Source) -> tuple[Brief, Source]:
    """The brief and its article with every string :func:`printable`, for the text formats."""
    shown = Brief.model_validate(_printable(brief.model_dump()))
    return shown, dataclasses.replace(source, text=printable(source.text), origin=printable(source.origin))


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value
