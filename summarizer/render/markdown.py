"""The brief as a Markdown briefing note, to paste into a document, a ticket or a chat."""

from __future__ import annotations

import re

from ..ingest import Source
from ..models import Basis, Brief, Consequence, Event, Quote, Span
from ._common import (
    ARTICLE_WORDS,
    actor_names,
    basis_label,
    certainty_cue,
    consequence_claim,
    dateline_text,
    role_text,
    speaker_name,
    timeline,
    when_label,
)

__all__ = ["attribution", "inline", "to_markdown"]

# Characters that start emphasis, links, code, raw HTML, strikethrough or table cells anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An entity reference such as "&amp;" would be decoded by the renderer rather than shown.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What makes a line a heading, list item or setext underline at its start ("*" and ">" are escaped above).
_LINE_START = re.compile(r"\A[#+=-]")
_ORDERED = re.compile(r"\A(\d+)([.)])")
_NONE = "—"


def to_markdown(brief: Brief, source: Source) -> str:
    """Render the brief as a Markdown briefing note ending in a newline."""
    blocks = [
        f"# {inline(brief.headline)}",
        f"**Dateline:** {dateline_text(brief, source)} · **Source:** {inline(source.origin)}",
        *_summary(brief),
        *_actors(brief),
        *_timeline(brief),
        *_quotes(brief),
        *_consequences(brief),
        *_provenance(brief),
    ]
    return "\n\n".join(blocks) + "\n"


def inline(value: str) -> str:
    """One line of article or model text, made inert: it shows as written and cannot break the layout."""
    line = " ".join(value.split())
    line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
    line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\g<0>", line))
    # A closing run of #s would be eaten as the end of a heading, unless an odd run of backslashes escapes it.
    backslashes = len(line[:-1]) - len(line[:-1].rstrip("\\"))
    if line.endswith("#") and backslashes % 2 == 0:
        line = line[:-1] + "\\#"
    return line


def _code(value: str) -> str:
    """An inline code span that survives backticks in the value."""
    value = " ".join(value.split())
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _summary(brief: Brief) -> list[str]:
    """The summary, each sentence with how it is known and the article's words behind it (character
    offsets), and the headline's likewise."""
    if not brief.summary_support:
        return [inline(brief.summary)]
    lines = [
        f"- {inline(s.sentence)} *({basis_label(s.basis)}: {_where(s.spans)})*" for s in brief.summary_support
    ]
    blocks = ["\n".join(lines)]
    if (head := brief.headline_support) is not None:
        blocks.append(f"*Headline: {basis_label(head.basis)}: {_where(head.spans)}.*")
    return blocks


def _where(spans: list[Span]) -> str:
    """Where the words behind a sentence stand in the article, by character."""
    places = ", ".join(f"{s.start}–{s.end}" for s in spans)
    return f"article characters {places}" if places else "no words of the article"


def _actors(brief: Brief) -> list[str]:
    if not brief.actors:
        return []
    rows = ["| Name | Kind | Role | Aliases |", "| --- | --- | --- | --- |"]
    for actor in brief.actors:
        cells = [
            inline(actor.name),
            actor.kind.value,
            inline(role) if (role := role_text(actor)) else _NONE,
            ", ".join(inline(alias) for alias in actor.aliases) or _NONE,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return ["## Actors", "\n".join(rows)]


def _timeline(brief: Brief) -> list[str]:
    if not brief.events:
        return []
    entries = "\n".join(_event(brief, event) for _, event in timeline(brief))
    return ["## Timeline", f"*{inline(ARTICLE_WORDS[:1].upper() + ARTICLE_WORDS[1:])}.*", entries]


def _event(brief: Brief, event: Event) -> str:
    label = when_label(event.when)
    line = f"- **{inline(label[:1].upper() + label[1:])}** — {inline(event.what)}"
    details: list[str] = []
    if event.when is not None:
        details.append(f"dated by “{inline(event.when.text)}”")
    if event.actors:
        details.append("who: " + ", ".join(inline(name) for name in actor_names(brief, event.actors)))
    if details:
        line += "\n  *" + "; ".join(details) + "*"
    return line


def _quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    return ["## Quotes", *(_quote(brief, quote) for quote in brief.quotes)]


def _quote(brief: Brief, quote: Quote) -> str:
    who = attribution(speaker_name(brief, quote), quote.speaker_basis, full=quote.full, cue=quote.cue)
    return f"> {inline(quote.text)}\n>\n> — {who}"


def attribution(speaker: str, basis: Basis | None, *, full: bool, cue: str | None) -> str:
    """Who spoke a quote and how that is known, as every format shows it: only a speaker the parse found
    is set in bold; the model's pick reads as the guess it is."""
    shown = f"**{inline(speaker)}**" if basis is Basis.ANALYSIS else f"*{inline(speaker)}*"
    parts = [shown, "full quote" if full else "partial quote", basis_label(basis, choice=True)]
    if cue:
        parts.append(f"“{inline(cue)}”")
    return ", ".join(parts)


def _consequences(brief: Brief) -> list[str]:
    if not brief.consequences:
        return []
    note = "*In the article's words; certainty and claimant found by analysis.*"
    return ["## Consequences", note, "\n".join(_consequence(brief, item) for item in brief.consequences)]


def _consequence(brief: Brief, item: Consequence) -> str:
    line = f"- **{item.certainty.value.capitalize()}:** {inline(item.what)}"
    details = [inline(consequence_claim(brief, item))]
    if (cue := certainty_cue(item.certainty_cue)) is not None:
        details.append(inline(cue))
    if item.affected:
        details.append("affects " + ", ".join(inline(name) for name in actor_names(brief, item.affected)))
    return line + "\n  *" + "; ".join(details) + "*"


def _provenance(brief: Brief) -> list[str]:
    run = brief.run
    lines = [
        f"- **Backend:** {_code(run.backend)}",
        f"- **Model:** {_code(run.model)}",
        f"- **Prompt version:** {_code(run.prompt_version)}",
        f"- **Re-asks:** {run.reasks}",
        f"- **Cached requests:** {run.cached}",
        f"- **Tokens:** {run.usage.prompt_tokens:,} prompt + {run.usage.completion_tokens:,} completion",
    ]
    if run.seconds:
        passes = ", ".join(f"{inline(name)} {secs:.1f} s" for name, secs in run.seconds.items())
        lines.append(f"- **Time:** {sum(run.seconds.values()):.1f} s ({passes})")
    if run.warnings:
        lines.append("- **Warnings:**")
        lines.extend(f"  - {inline(warning)}" for warning in run.warnings)
    else:
        lines.append("- **Warnings:** none")
    return ["## Provenance", "\n".join(lines)]
