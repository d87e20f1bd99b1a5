"""What the archive's queries found, shown: rich tables for the terminal, Markdown for a note.

Matched words are highlighted (reverse video on a terminal, bold in Markdown); every row says where it
comes from (the article's date, title and origin, and the item's offsets in it) and, for quotes, how it
is known, in the words the brief's own formats use; a timeline says once, above it, that its entries are
the article's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..archive import ArchivedBrief, ArchivedEvent, ArchivedQuote, ArticleRef, SearchHit
from ..models import Span
from ._common import ARTICLE_WORDS, basis_label, when_label
from .markdown import attribution, inline
from .safe import printable

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

__all__ = [
    "briefs_table",
    "quotes_markdown",
    "quotes_table",
    "search_markdown",
    "search_table",
    "timeline_markdown",
    "timeline_table",
]

_TITLE_CHARS = 60
_ARTICLE_WORDS = ARTICLE_WORDS[:1].upper() + ARTICLE_WORDS[1:]


def _title(article: ArticleRef) -> str:
    title = " ".join(printable(article.title or article.headline).split())
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1].rstrip() + "…"


def _day(article: ArticleRef) -> str:
    return article.dateline.isoformat() if article.dateline else "undated"


def _where(article: ArticleRef, span: Span | None) -> str:
    origin = printable(article.origin)
    return f"{origin}, chars {span.start}–{span.end}" if span else origin


def _table(**columns: int) -> Table:
    """A table with these columns, each as wide as its share (0: as wide as its widest cell, unwrapped)."""
    from rich.table import Table

    table = Table(show_lines=True, highlight=False, expand=True)
    for column, share in columns.items():
        if share:
            table.add_column(column.replace("_", " "), ratio=share, overflow="fold")
        else:
            table.add_column(column.replace("_", " "), no_wrap=True)
    return table


def _add_row(table: Table, *cells: str | Text) -> None:
    table.add_row(*(_text(c) if isinstance(c, str) else c for c in cells))


def _text(text: str) -> Text:
    """``text`` shown as it is: rich would read an entry's "[the union]" as markup and drop it."""
    from rich.text import Text

    return Text(text)


def _marked(text: str, marks: Sequence[Span]) -> Text:
    from rich.text import Text

    shown = Text(printable(text))
    for mark in marks:
        shown.stylize("bold reverse", mark.start, mark.end)
    return shown


def _source(article: ArticleRef, span: Span | None) -> str:
    """Where a row comes from, in a table: the article's origin and the item's offsets in it."""
    origin = printable(article.origin)
    return f"{origin}\nchars {span.start}–{span.end}" if span else origin


def briefs_table(briefs: Sequence[ArchivedBrief]) -> Table:
    table = _table(id=0, archived=0, article=3, headline=3, items=0, made_by=2)
    for entry in briefs:
        items = "\n".join(
            _count_of(n, noun)
            for n, noun in (
                (entry.quotes, "quote"),
                (entry.events, "event"),
                (entry.consequences, "consequence"),
            )
        )
        made = f"{printable(entry.model)}\nprompt {printable(entry.prompt_version)}"
        if not entry.current:
            made += "\n(a newer brief of this article exists)"
        _add_row(
            table,
            str(entry.article.brief_id),
            entry.archived_at.astimezone().strftime("%Y-%m-%d\n%H:%M"),
            f"{_day(entry.article)}\n{_title(entry.article)}\n{_source(entry.article, None)}",
            printable(entry.article.headline),
            items,
            made,
        )
    return table


def search_table(hits: Sequence[SearchHit]) -> Table:
    table = _table(date=0, found_in=0, words=4, who=1, source=2)
    for hit in hits:
        kind = hit.kind if hit.kind != "event" else f"event\n{hit.date or 'undated'}"
        who = printable(hit.speaker) if hit.speaker else ""
        _add_row(
            table, _day(hit.article), kind, _marked(hit.text, hit.marks), who, _source(hit.article, hit.span)
        )
    return table


def search_markdown(text: str, hits: Sequence[SearchHit], total: int) -> str:
    lines = [f"# Search: {inline(text)}", "", _count(len(hits), total, "match", "matches"), ""]
    for hit in hits:
        who = f" · {inline(hit.speaker)}" if hit.speaker else ""
        date = f" · {hit.date}" if hit.kind == "event" and hit.date else ""
        source = f"{_day(hit.article)}, *{inline(_title(hit.article))}*"
        where = inline(_where(hit.article, hit.span))
        lines.append(f"- **{hit.kind}**{date}{who}: {_bold(hit.text, hit.marks)}  \n  {source} ({where})")
    return "\n".join(lines) + "\n"


def quotes_table(quotes: Sequence[ArchivedQuote]) -> Table:
    table = _table(date=0, words=4, speaker=2, source=2)
    for found in quotes:
        quote = found.quote
        speaker = found.speaker.name if found.speaker else "unknown speaker"
        how = basis_label(quote.speaker_basis, choice=True)
        cue = f", “{printable(quote.cue)}”" if quote.cue else ""
        _add_row(
            table,
            _day(found.article),
            printable(quote.text),
            f"{printable(speaker)}\n{how}{cue}",
            _source(found.article, quote.spans[0] if quote.spans else None),
        )
    return table


def quotes_markdown(name: str, quotes: Sequence[ArchivedQuote], total: int) -> str:
    lines = [f"# Quotes by {inline(name)}", "", _count(len(quotes), total, "quote", "quotes")]
    article = None
    for found in quotes:
        if found.article != article:
            article = found.article
            lines += [
                "",
                f"## {_day(article)} · {inline(_title(article))}",
                "",
                f"*{inline(article.origin)}*",
            ]
        quote = found.quote
        speaker = found.speaker.name if found.speaker else "unknown speaker"
        who = attribution(speaker, quote.speaker_basis, full=quote.full, cue=quote.cue)
        at = f" · chars {quote.spans[0].start}–{quote.spans[0].end}" if quote.spans else ""
        lines += ["", f"> {inline(quote.text)}", ">", f"> — {who}{at}"]
    return "\n".join(lines) + "\n"


def timeline_table(events: Sequence[ArchivedEvent]) -> Table:
    table = _table(when=0, what_happened=4, who=2, source=2)
    table.title = _text(_ARTICLE_WORDS)
    for found in events:
        event = found.event
        _add_row(
            table,
            when_label(event.when),
            printable(event.what),
            ", ".join(printable(actor.name) for actor in found.actors),
            _source(found.article, event.spans[0] if event.spans else None),
        )
    return table


def timeline_markdown(name: str, events: Sequence[ArchivedEvent], total: int) -> str:
    lines = [f"# Timeline: {inline(name)}", "", _count(len(events), total, "dated event", "dated events")]
    lines += ["", f"*{inline(_ARTICLE_WORDS)}.*", ""]
    for found in events:
        event = found.event
        names = ", ".join(inline(actor.name) for actor in found.actors)
        lines.append(
            f"- **{when_label(event.when)}** — {inline(event.what)}  \n"
            f"  {names}; {_day(found.article)}, *{inline(_title(found.article))}* "
            f"({inline(_where(found.article, event.spans[0] if event.spans else None))})"
        )
    return "\n".join(lines) + "\n"


def _count_of(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _count(shown: int, total: int, one: str, many: str) -> str:
    noun = one if total == 1 else many
    if shown < total:
        return f"*The latest {shown} of {total:,} {noun}, oldest first.*"
    return f"*{total:,} {noun}{', oldest first' if total > 1 else ''}.*"


def _bold(text: str, marks: Sequence[Span]) -> str:
    """``text`` as inert Markdown, its marked words in bold."""
    pieces, at = [], 0
    for mark in marks:
        pieces += [_plain(text[at : mark.start]), f"**{inline(text[mark.start : mark.end])}**"]
        at = mark.end
    pieces.append(_plain(text[at:]))
    return " ".join("".join(pieces).split())


def _plain(piece: str) -> str:
    """A piece of a line made inert, the spaces at its edges kept (``inline`` drops them)."""
    if not piece.strip():
        return " " if piece else ""
    return f"{' ' if piece[0].isspace() else ''}{inline(piece)}{' ' if piece[-1].isspace() else ''}"
