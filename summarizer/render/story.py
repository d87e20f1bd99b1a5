"""A story (several articles merged) as a Markdown note; the terminal shows the same note through rich."""

from __future__ import annotations

from ..story import Story
from ._common import NO_DISAGREEMENT, role_text, sources_text, story_claim, story_speaker, when_label
from .markdown import attribution, inline
from .safe import printable

__all__ = ["story_markdown"]


def story_markdown(story: Story) -> str:
    """The story as a Markdown note ending in a newline: where the sources disagree comes first; no
    control character of the articles' or the model's in it."""
    blocks = [
        f"# {inline(story.headline)}",
        f"**A story from {len(story.sources)} articles** · the headline and summary are the latest one's",
        inline(story.summary),
        "## Sources",
        "\n".join(
            f"- **{s.id}** {inline(s.origin)} ({s.dateline.isoformat() if s.dateline else 'no dateline'}): "
            f"{inline(s.headline)}"
            for s in story.sources
        ),
        "## Where the sources disagree",
        "\n".join(
            f"- **{d.about.capitalize()}** — {inline(d.subject)}: "
            + "; ".join(f"{c.source} says {inline(c.says)}" for c in d.claims)
            for d in story.disagreements
        )
        or NO_DISAGREEMENT,
    ]
    if story.actors:
        rows = ["| Name | Kind | Role | Sources |", "| --- | --- | --- | --- |"]
        rows += [
            f"| {inline(a.name)} | {a.kind.value} | {inline(role) if (role := role_text(a)) else '—'} | "
            f"{', '.join(a.in_sources)} |"
            for a in story.actors
        ]
        blocks += ["## Actors", "\n".join(rows)]
    if story.timeline:
        lines = []
        for event in story.timeline:
            label = when_label(event.when)
            lines.append(
                f"- **{inline(label[:1].upper() + label[1:])}** — {inline(event.what)} "
                f"*({sources_text(event.sources)})*"
            )
        blocks += ["## Timeline", "\n".join(lines)]
    if story.quotes:
        blocks.append("## Quotes")
        for quote in story.quotes:
            who = attribution(
                story_speaker(story, quote), quote.speaker_basis, full=quote.full, cue=quote.cue
            )
            blocks.append(f"> {inline(quote.text)}\n>\n> — {who} *({quote.source.source})*")
    if story.consequences:
        blocks += [
            "## Consequences",
            "\n".join(
                f"- **{c.certainty.value.capitalize()}:** {inline(c.what)} "
                f"*({inline(story_claim(story, c))}; {c.source.source})*"
                for c in story.consequences
            ),
        ]
    return printable("\n\n".join(blocks) + "\n")
