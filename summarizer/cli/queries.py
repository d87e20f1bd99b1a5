"""The archive's queries on the command line: ``summarizer search``, ``quotes`` and ``timeline``, and the
briefs ``story --from-archive`` merges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .archive import JsonFlag, Limit, Shown, ShownOption, Since, Until, opened, show, shown_as
from .commands import app
from .messages import error
from .options import ArchiveOption

if TYPE_CHECKING:
    from ..archive import ArticleRef
    from ..models import Brief

__all__ = ["story_briefs"]

QUERY_EXAMPLES = """\
Examples:

  # what Peskov was quoted saying since March 2021, as a note
  summarizer quotes --by Peskov --since 2021-03-01 -f markdown

  # every consequence that mentions sanctions, as JSON
  summarizer search sanctions --in consequence --json

  # the timeline of Navalny across the briefed articles
  summarizer timeline Navalny

  # a story of the archived articles naming Navalny, with no model
  summarizer story --from-archive --actor Navalny

Exit status: 0 shown (even if nothing matched), 1 no archive or a damaged one, 2 usage error.
"""


@app.command(epilog=QUERY_EXAMPLES)
def search(
    text: Annotated[
        str, typer.Argument(help="The words to find, all of them (stemmed: sanction finds sanctions).")
    ],
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--in", metavar="KIND", help="Only in quote, event, consequence or article (repeatable)."
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    fmt: ShownOption = Shown.RICH,
    as_json: JsonFlag = False,
    path: ArchiveOption = None,
) -> None:
    """Search the archive's quotes, events, consequences and article texts: each match with its article,
    date, speaker and the words around it."""
    from ..archive.search import KINDS
    from ..render.archive import search_markdown, search_table

    wanted = [k for k in KINDS if not kinds or k in kinds]
    if kinds and (unknown := set(kinds) - set(KINDS)):
        raise typer.BadParameter(
            f"{', '.join(sorted(unknown))}: choose among {', '.join(KINDS)}", param_hint="--in"
        )
    with opened(path) as store:
        hits = store.search(text, kinds=wanted, since=since, until=until, limit=limit or None)
    show(
        shown_as(fmt, as_json),
        hits,
        hits.total,
        lambda: search_table(hits),
        lambda: search_markdown(text, hits, hits.total),
        f"nothing in the archive matches {text!r}",
    )


@app.command(epilog=QUERY_EXAMPLES)
def quotes(
    by: Annotated[
        str, typer.Option("--by", metavar="NAME", help="The speaker, by any name the briefs give them.")
    ],
    since: Since = None,
    until: Until = None,
    limit: Limit = 100,
    fmt: ShownOption = Shown.RICH,
    as_json: JsonFlag = False,
    path: ArchiveOption = None,
) -> None:
    """What someone was quoted saying, across the archived articles ("Peskov" finds "Dmitry Peskov")."""
    from ..render.archive import quotes_markdown, quotes_table

    with opened(path) as store:
        found = store.quotes(by=by, since=since, until=until, limit=limit or None)
    show(
        shown_as(fmt, as_json),
        found,
        found.total,
        lambda: quotes_table(found),
        lambda: quotes_markdown(by, found, found.total),
        f"no quotes by {by!r} in the archive",
    )


@app.command(epilog=QUERY_EXAMPLES)
def timeline(
    name: Annotated[str, typer.Argument(metavar="NAME", help="An actor, by any name the briefs give them.")],
    limit: Limit = 100,
    fmt: ShownOption = Shown.RICH,
    as_json: JsonFlag = False,
    path: ArchiveOption = None,
) -> None:
    """Every dated event naming an actor, across the archived articles, in date order, each with its
    source."""
    from ..render.archive import timeline_markdown, timeline_table

    with opened(path) as store:
        found = store.timeline(name, limit=limit or None)
    show(
        shown_as(fmt, as_json),
        found,
        found.total,
        lambda: timeline_table(found),
        lambda: timeline_markdown(name, found, found.total),
        f"no dated event names {name!r} in the archive",
    )


def story_briefs(path: Path | str | None, search: str | None, actor: str | None) -> list[tuple[str, Brief]]:
    """The briefs ``story --from-archive`` merges: those of the articles matching ``search`` or naming
    ``actor``, in dateline order, each with its article's origin; exit 1 when fewer than two."""
    if search is None and actor is None:
        raise typer.BadParameter(
            "say which briefs: --search TEXT or --actor NAME", param_hint="--from-archive"
        )
    with opened(path) as store:
        found: list[tuple[ArticleRef, Brief]] = store.about(search=search, actor=actor)
    if len(found) < 2:
        error(f"a story needs at least two briefs; the archive has {len(found)} that match")
        raise typer.Exit(1)
    return [(article.origin, brief) for article, brief in found]
