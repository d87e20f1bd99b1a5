"""The brief on a terminal, with rich.

Every string that came from the article or the model goes into a ``Text`` object, never into a markup string,
so square brackets in a quote cannot restyle the output or raise a markup error.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..ingest import Source
from ..models import Basis, Brief, Certainty
from ._common import (
    ARTICLE_WORDS,
    CHOICE_LABEL,
    actor_names,
    basis_label,
    certainty_cue,
    consequence_claim,
    dateline_text,
    speaker_name,
    timeline,
    when_label,
)

__all__ = ["print_brief", "to_text"]

_CERTAINTY_STYLE = {
    Certainty.HAPPENED: "bold green",
    Certainty.ANNOUNCED: "bold cyan",
    Certainty.THREATENED: "bold red",
    Certainty.EXPECTED: "bold blue",
    Certainty.CONDITIONAL: "bold magenta",
    Certainty.SPECULATED: "bold",
    Certainty.DEMANDED: "bold yellow",
}


def print_brief(brief: Brief, source: Source, console: Console) -> None:
    """Print the brief on a rich console: summary, actors, timeline, quotes, consequences, provenance."""
    console.print(_brief(brief, source))


def to_text(brief: Brief, source: Source, *, width: int, color: bool) -> str:
    """What ``print_brief`` shows on a terminal ``width`` columns wide, as a string; ANSI colors if asked."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        legacy_windows=False,
        emoji=False,
        highlight=False,
    )
    print_brief(brief, source, console)
    return buffer.getvalue()


def _brief(brief: Brief, source: Source) -> RenderableType:
    parts: list[RenderableType] = [_header(brief, source)]
    if brief.actors:
        parts += [_rule("Actors"), _actors(brief)]
    if brief.events:
        parts += [_rule("Timeline", ARTICLE_WORDS), _timeline(brief)]
    if brief.quotes:
        parts += [_rule("Quotes"), _quotes(brief)]
    if brief.consequences:
        parts += [_rule("Consequences", _CONSEQUENCES), _consequences(brief)]
    if brief.run.warnings:
        parts.append(_warnings(brief))
    parts.append(_provenance(brief))
    return Group(*parts)


def _header(brief: Brief, source: Source) -> Panel:
    meta = Text(f"{dateline_text(brief, source)} · ", style="dim")
    meta.append(source.origin)
    headline = Text(brief.headline, style="bold", overflow="fold")
    if brief.headline_support is not None:
        headline.append(f"  ({basis_label(brief.headline_support.basis)})", style="dim not bold")
    summary = Text(overflow="fold")
    for n, support in enumerate(brief.summary_support):
        summary.append(("" if n == 0 else " ") + support.sentence)
        summary.append(f" [{_SHORT[support.basis]}]", style="dim")
    if brief.summary_support:
        kinds = dict.fromkeys(s.basis for s in brief.summary_support)
        summary.append("\n" + " · ".join(f"[{_SHORT[k]}] {basis_label(k)}" for k in kinds), style="dim")
    body = Group(
        headline, meta, Text(), summary if brief.summary_support else Text(brief.summary, overflow="fold")
    )
    return Panel(body, box=box.ROUNDED, padding=(0, 1), border_style="blue")


_SHORT = {
    Basis.STATED: "article",
    Basis.ANALYSIS: "analysis",
    Basis.CHECKED: "checked",
    Basis.MODEL: "unchecked",
}
"""A summary sentence's mark, short enough to follow each sentence; the legend below says it whole."""
_CONSEQUENCES = "in the article's words; certainty and claimant found by analysis"


def _rule(title: str, note: str | None = None) -> Rule:
    heading = Text(title, style="bold")
    if note:
        heading.append(f" · {note}", style="dim not bold")
    return Rule(heading, align="left", style="dim")


def _table(*columns: tuple[str, int | None]) -> Table:
    """A table whose columns with a ratio share the free width, the others keeping theirs."""
    # The box draws a space between columns, so one space of padding on the right makes a gap of two.
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold dim",
        expand=True,
    )
    for header, ratio in columns:
        table.add_column(header, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    return table


def _actors(brief: Brief) -> Table:
    table = _table(("Name", 3), ("Kind", None), ("Role", 4), ("Aliases", 2))
    for actor in brief.actors:
        role = Text(actor.role or "—")
        if actor.role_basis is not None:
            role.append(f" ({CHOICE_LABEL[actor.role_basis]})", style="dim italic")
        table.add_row(
            Text(actor.name, style="bold"),
            Text(actor.kind.value),
            role,
            Text(", ".join(actor.aliases) or "—"),
        )
    return table


def _timeline(brief: Brief) -> Table:
    # The date keeps its width: "2021-03-17 (day)" split over two lines would read as two dates.
    table = _table(("When", None), ("What", 1))
    for _, event in timeline(brief):
        what = Text(event.what)
        details: list[str] = []
        if event.when is not None:
            details.append(f"“{event.when.text}”")
        if event.actors:
            details.append(", ".join(actor_names(brief, event.actors)))
        what.append("\n" + " · ".join(details), style="dim")
        when = Text(
            when_label(event.when), style="dim" if event.when is None or event.when.value is None else ""
        )
        table.add_row(when, what)
    return table


def _quotes(brief: Brief) -> Table:
    # A blank line between quotes.
    grid = Table.grid(padding=(0, 0, 1, 0), collapse_padding=False, expand=True)
    grid.add_column(overflow="fold", ratio=1)
    for quote in brief.quotes:
        body = Text(f"“{quote.text}”", style="italic")
        attribution = ["full" if quote.full else "partial", basis_label(quote.speaker_basis, choice=True)]
        if quote.cue:
            attribution.append(f"“{quote.cue}”")
        body.append("\n— ", style="dim")
        sure = quote.speaker_basis is Basis.ANALYSIS
        body.append(speaker_name(brief, quote), style="bold" if sure else "italic")
        body.append(", " + ", ".join(attribution), style="dim")
        grid.add_row(body)
    return grid


def _consequences(brief: Brief) -> Table:
    table = _table(("Certainty", None), ("What", 1))
    for item in brief.consequences:
        what = Text(item.what)
        details = consequence_claim(brief, item)
        if (cue := certainty_cue(item.certainty_cue)) is not None:
            details += f" · {cue}"
        if item.affected:
            details += " · affects " + ", ".join(actor_names(brief, item.affected))
        what.append("\n" + details, style="dim")
        table.add_row(
            Text(item.certainty.value, style=_CERTAINTY_STYLE[item.certainty]),
            what,
        )
    return table


def _warnings(brief: Brief) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for warning in brief.run.warnings:
        grid.add_row(Text("!", style="bold yellow"), Text(warning))
    title = Text(f"Warnings ({len(brief.run.warnings)})", style="bold yellow")
    return Panel(grid, title=title, title_align="left", border_style="yellow", box=box.ROUNDED)


def _provenance(brief: Brief) -> Group:
    run = brief.run
    facts = [
        run.backend,
        run.model,
        f"prompt {run.prompt_version}",
        f"{run.reasks} re-ask{'' if run.reasks == 1 else 's'}",
        f"{run.cached} cached",
        f"{run.usage.prompt_tokens:,} + {run.usage.completion_tokens:,} tokens",
    ]
    if run.seconds:
        facts.append(f"{sum(run.seconds.values()):.1f} s")
    return Group(Rule(style="dim"), Text(" · ".join(facts), style="dim", overflow="fold"))
