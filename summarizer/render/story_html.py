"""A story (several articles merged) as one self-contained HTML page, in the brief page's style.

The story holds no article's text, only offsets into each, so the page is one column and runs no script.
The frame, escaping and shared pieces are :mod:`.page`'s, the words shared with the Markdown note
:mod:`._common`'s.
"""

from __future__ import annotations

from ..story import Story, StoryEvent
from ._common import NO_DISAGREEMENT, role_text, sources_text, story_claim, story_speaker
from .page import attribution, certainty, date, escape, header, item, page, section, tally
from .safe import printable

__all__ = ["story_html"]


def story_html(story: Story) -> str:
    """The story as an HTML page that needs no network and no other file; where the sources disagree comes
    first; no control character of the articles' or the model's in it."""
    column = "\n".join(
        [
            _header(story),
            _sources(story),
            _disagreements(story),
            _actors(story),
            _timeline(story),
            _quotes(story),
            _consequences(story),
        ]
    )
    body = (
        '<div class="page story-page">\n<main class="brief story" aria-label="Story">\n'
        f"{column}\n</main>\n</div>"
    )
    return printable(page(f"{story.headline} · Story", body, script=False))


def _header(story: Story) -> str:
    counts = tally(len(story.actors), len(story.timeline), len(story.quotes), len(story.consequences))
    return header(
        f"Story · {len(story.sources)} articles",
        story.headline,
        escape(story.summary),
        f"The headline and summary are the latest article's · {counts}",
    )


def _tag(source: str) -> str:
    return f'<span class="tag">{escape(source)}</span>'


def _sources(story: Story) -> str:
    entries = [
        item(
            "source",
            f'<div class="item-head">{_tag(s.id)}<span class="name">{escape(s.headline)}</span></div>',
            f'<div class="meta">{escape(s.origin)} · '
            f"{s.dateline.isoformat() if s.dateline else 'no dateline'}</div>",
            ident=f"source-{escape(s.id)}",
        )
        for s in story.sources
    ]
    return section("sources", "Sources", "\n".join(entries), "ol")


def _disagreements(story: Story) -> str:
    if not story.disagreements:
        return (
            '<section id="disagreements">\n<h2>Where the sources disagree</h2>\n'
            f"<p>{NO_DISAGREEMENT}</p>\n</section>"
        )
    entries = [
        item(
            "disagreement",
            f'<div class="item-head">{_tag(d.about)}<span>{escape(d.subject)}</span></div>',
            '<ul class="claims">'
            + "".join(f"<li>{_tag(c.source)} {escape(c.says)}</li>" for c in d.claims)
            + "</ul>",
        )
        for d in story.disagreements
    ]
    return section("disagreements", "Where the sources disagree", "\n".join(entries))


def _actors(story: Story) -> str:
    if not story.actors:
        return ""
    entries = [
        item(
            "actor",
            f'<div class="item-head"><span class="name">{escape(actor.name)}</span>'
            f'<span class="tag">{escape(actor.kind.value)}</span></div>',
            f'<div class="meta">{escape(role)}</div>' if (role := role_text(actor)) else "",
            f'<div class="meta">Also: {escape(", ".join(actor.aliases))}</div>' if actor.aliases else "",
            f'<div class="meta">In {escape(", ".join(actor.in_sources))}</div>',
            ident=f"item-{escape(actor.id)}",
        )
        for actor in story.actors
    ]
    return section("actors", "Actors", "\n".join(entries))


def _timeline(story: Story) -> str:
    if not story.timeline:
        return ""
    return section("timeline", "Timeline", "\n".join(_event(story, event) for event in story.timeline), "ol")


def _event(story: Story, event: StoryEvent) -> str:
    when = event.when
    details = [f"told by {escape(sources_text(event.sources))}"]
    if when is not None:
        details.append(f"“{escape(when.text)}”")
    names = [actor.name for actor in map(story.actor, event.actors) if actor is not None]
    if names:
        details.append(escape(", ".join(names)))
    return item(
        "event" if when is not None and when.value is not None else "event undated",
        f'<div class="date">{date(when)}</div>',
        f'<div class="what">{escape(event.what)}</div>',
        f'<div class="meta">{" · ".join(details)}</div>',
    )


def _quotes(story: Story) -> str:
    if not story.quotes:
        return ""
    entries = [
        item(
            "quote",
            f"<blockquote>{escape(quote.text)}</blockquote>",
            f'<div class="meta">— '
            f"{attribution(story_speaker(story, quote), quote.speaker_basis, full=quote.full, cue=quote.cue)}"
            f" · {_tag(quote.source.source)}</div>",
        )
        for quote in story.quotes
    ]
    return section("quotes", "Quotes", "\n".join(entries))


def _consequences(story: Story) -> str:
    if not story.consequences:
        return ""
    entries = [
        item(
            "consequence",
            f"<div>{certainty(found.certainty, found.certainty_cue)}{escape(found.what)}</div>",
            f'<div class="meta">{escape(story_claim(story, found))} · {_tag(found.source.source)}</div>',
        )
        for found in story.consequences
    ]
    return section("consequences", "Consequences", "\n".join(entries))
