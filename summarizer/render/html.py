"""The brief as one self-contained HTML page, beside the article with every item's span highlighted.

The page's frame, escaping and shared pieces are :mod:`.page`'s.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..ingest import Source
from ..models import Basis, Brief, Span, Support
from ._common import (
    ARTICLE_WORDS,
    actor_names,
    basis_label,
    consequence_claim,
    dateline_text,
    role_text,
    speaker_name,
    timeline,
    when_label,
)
from .page import attribution, certainty, date, header, item, link, page, section, tally
from .page import escape as _e

__all__ = ["to_html"]

# Where spans start and end together, quotes enclose actor mentions and mentions enclose dates.
_RANK = {"dateline": 0, "quote": 1, "actor": 2, "date": 3}


@dataclass(frozen=True)
class _Highlight:
    """A span to mark in the article: ``span_id`` is its element id, ``item`` the brief entry it is for."""

    start: int
    end: int
    kind: str
    span_id: str
    item: str
    title: str


def to_html(brief: Brief, source: Source) -> str:
    """Render the brief and the article as one HTML page that needs no network and no other file."""
    highlights = _highlights(brief, source)
    spans_of: dict[str, list[str]] = defaultdict(list)
    for mark in highlights:
        if mark.item:
            spans_of[mark.item].append(mark.span_id)
    passage = _passages(source.text)
    brief_html = "\n".join(
        [
            _header(brief, source, passage),
            _actors(brief, spans_of),
            _timeline(brief, spans_of, passage),
            _quotes(brief, spans_of),
            _consequences(brief, passage),
            _warnings(brief),
            _provenance(brief),
        ]
    )
    body = f"""<div class="page">
<aside class="brief" aria-label="Brief">
{brief_html}
</aside>
<main class="article" aria-label="Article">
<div class="article-head"><strong>Article</strong><span>{_e(source.origin)}</span>
<span class="legend"><span class="swatch hl-quote">quote</span><span class="swatch hl-actor">actor</span>\
<span class="swatch hl-date">date</span></span></div>
<div class="article-text">{_highlight(source.text, highlights)}</div>
</main>
</div>"""
    return page(f"{brief.headline} · Brief", body, script=True)


def _valid(span: Span | None, text: str) -> bool:
    return span is not None and 0 <= span.start < span.end <= len(text)


def _highlights(brief: Brief, source: Source) -> list[_Highlight]:
    text = source.text
    found: list[_Highlight] = []
    if source.dateline_span is not None and _valid(source.dateline_span, text):
        found.append(_Highlight(source.dateline_span.start, source.dateline_span.end, "dateline", "", "", ""))
    # Ids come from positions in the brief, not from the model's ids, so they are always safe as attributes.
    for number, quote in enumerate(brief.quotes, start=1):
        title = f"Quote {number} · {speaker_name(brief, quote)}"
        valid = [span for span in quote.spans if _valid(span, text)]
        for k, span in enumerate(valid, start=1):
            span_id = f"q{number}" if k == 1 else f"q{number}-{k}"
            found.append(_Highlight(span.start, span.end, "quote", span_id, f"q{number}", title))
    for number, actor in enumerate(brief.actors, start=1):
        title = f"{actor.name} · {actor.kind.value}"
        valid = [span for span in actor.spans if _valid(span, text)]
        for k, span in enumerate(valid, start=1):
            found.append(_Highlight(span.start, span.end, "actor", f"a{number}-m{k}", f"a{number}", title))
    for number, event in enumerate(brief.events, start=1):
        when = event.when
        if when is None or when.span is None or not _valid(when.span, text):
            continue
        title = f"{when_label(event.when)} · {event.what}"
        found.append(_Highlight(when.span.start, when.span.end, "date", f"t{number}", f"t{number}", title))
    return found


def _highlight(text: str, highlights: list[_Highlight]) -> str:
    """The escaped text with a properly nested element for every highlight.

    The text is cut at every span boundary; between two cuts the set of covering spans is fixed, and they are
    kept open outermost first. A span that ends while a later-opened one is still open forces that one to be
    closed and reopened: the reopened piece keeps its ``data-span`` but not its id, which must stay unique.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for index, mark in enumerate(highlights):
        starts[mark.start].append(index)
        ends[mark.end].append(index)
    cuts = sorted({0, len(text), *starts, *ends})

    def order(index: int) -> tuple[int, int, int, int]:
        mark = highlights[index]
        return (mark.start, -mark.end, _RANK[mark.kind], index)

    out: list[str] = []
    stack: list[int] = []
    covering: set[int] = set()
    opened: set[int] = set()
    for cut, following in itertools.pairwise(cuts):
        covering.difference_update(ends[cut])
        covering.update(starts[cut])
        wanted = sorted(covering, key=order)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out.extend(_close(highlights[index]) for index in reversed(stack[keep:]))
        del stack[keep:]
        for index in wanted[keep:]:
            out.append(_open(highlights[index], first=index not in opened))
            opened.add(index)
            stack.append(index)
        out.append(_e(text[cut:following]))
    out.extend(_close(highlights[index]) for index in reversed(stack))
    return "".join(out)


def _open(mark: _Highlight, *, first: bool) -> str:
    if mark.kind == "dateline":
        return '<span class="dateline">'
    ident = f' id="{mark.span_id}"' if first else ""
    piece = "" if first else " piece"
    return (
        f'<mark class="hl hl-{mark.kind}{piece}"{ident} data-item="{mark.item}" data-span="{mark.span_id}"'
        f' title="{_e(mark.title)}">'
    )


def _close(mark: _Highlight) -> str:
    return "</span>" if mark.kind == "dateline" else "</mark>"


def _passages(text: str) -> Callable[[list[Span]], str]:
    """A maker of buttons that show an item's own words in the article (events and consequences).

    Those spans are long and overlap quotes freely, so they are not marks: the page's script highlights them
    as ranges, found by offsets in UTF-16 code units as JavaScript counts them.
    """
    # Each character beyond the BMP is two code units in JavaScript and one in Python.
    astral = list(itertools.accumulate((ord(char) > 0xFFFF for char in text), initial=0))

    def units(offset: int) -> int:
        return offset + astral[offset]

    def button(spans: list[Span]) -> str:
        valid = [span for span in spans if _valid(span, text)]
        if not valid:
            return ""
        ranges = ",".join(f"{units(span.start)}-{units(span.end)}" for span in valid)
        title = "Show these words in the article"
        return (
            f'<button type="button" class="src" data-range="{ranges}" title="{title}">in the article</button>'
        )

    return button


def _header(brief: Brief, source: Source, passage: Callable[[list[Span]], str]) -> str:
    counts = tally(len(brief.actors), len(brief.events), len(brief.quotes), len(brief.consequences))
    head = header(
        f"Brief · {dateline_text(brief, source)}",
        brief.headline,
        _summary(brief, source, passage),
        counts,
    )
    if brief.headline_support is not None:
        mark = _mark(brief.headline_support, source, passage)
        head = head.replace("</h1>", f'</h1>\n<p class="headline-basis">Headline: {mark}</p>', 1)
    return head


def _summary(brief: Brief, source: Source, passage: Callable[[list[Span]], str]) -> str:
    """The summary, each sentence saying how it is known: hover for the article's words behind it, click
    its mark to see them in the article."""
    if not brief.summary_support:
        return _e(brief.summary)
    return " ".join(
        f'<span class="said basis-{item.basis.value}" title="{_e(_behind(item, source))}">{_e(item.sentence)}'
        f"</span> {_mark(item, source, passage)}"
        for item in brief.summary_support
    )


def _mark(item: Support, source: Source, passage: Callable[[list[Span]], str]) -> str:
    """How a sentence is known, as a small label; with its evidence, a button that shows it."""
    label = f'<span class="basis basis-{item.basis.value}" title="{_e(_behind(item, source))}">'
    label += f"{_e(basis_label(item.basis))}</span>"
    return label + (passage(item.spans) or "")


def _behind(item: Support, source: Source) -> str:
    if not item.spans:
        return f"{basis_label(item.basis)}: no words of the article"
    words = " … ".join(source.text[s.start : s.end] for s in item.spans)
    verb = "Checked against" if item.basis is Basis.CHECKED else "From"
    return f"{verb} the article: {words}"


def _actors(brief: Brief, spans_of: dict[str, list[str]]) -> str:
    if not brief.actors:
        return ""
    entries: list[str] = []
    for number, actor in enumerate(brief.actors, start=1):
        mentions = spans_of.get(f"a{number}", [])
        role = _e(role) if (role := role_text(actor)) else ""
        chips = "".join(link(span_id, str(k), "chip") for k, span_id in enumerate(mentions, start=1))
        entries.append(
            item(
                "actor",
                '<div class="item-head">'
                + link(mentions[0] if mentions else None, _e(actor.name), "name")
                + f'<span class="tag">{_e(actor.kind.value)}</span></div>',
                f'<div class="meta">{role}</div>' if role else "",
                f'<div class="meta">Also: {_e(", ".join(actor.aliases))}</div>' if actor.aliases else "",
                f'<div class="chips"><span>Mentions</span>{chips}</div>' if chips else "",
                ident=f"item-a{number}",
            )
        )
    return section("actors", "Actors", "\n".join(entries))


def _timeline(brief: Brief, spans_of: dict[str, list[str]], passage: Callable[[list[Span]], str]) -> str:
    if not brief.events:
        return ""
    entries: list[str] = []
    for number, event in timeline(brief):
        when = event.when
        dated = when is not None and when.value is not None
        details: list[str] = []
        if when is not None:
            targets = spans_of.get(f"t{number}", [])
            details.append(link(targets[0] if targets else None, f"“{_e(when.text)}”"))
        if event.actors:
            details.append(_e(", ".join(actor_names(brief, event.actors))))
        if button := passage(event.spans):
            details.append(button)
        entries.append(
            item(
                "event" if dated else "event undated",
                f'<div class="date">{date(when)}</div>',
                f'<div class="what">{_e(event.what)}</div>',
                f'<div class="meta">{" · ".join(details)}</div>' if details else "",
                ident=f"item-t{number}",
            )
        )
    title = f'Timeline <span class="note">{_e(ARTICLE_WORDS)}</span>'
    return section("timeline", title, "\n".join(entries), "ol")


def _quotes(brief: Brief, spans_of: dict[str, list[str]]) -> str:
    if not brief.quotes:
        return ""
    entries: list[str] = []
    for number, quote in enumerate(brief.quotes, start=1):
        targets = spans_of.get(f"q{number}", [])
        who = attribution(speaker_name(brief, quote), quote.speaker_basis, full=quote.full, cue=quote.cue)
        entries.append(
            item(
                "quote",
                f"<blockquote>{link(targets[0] if targets else None, _e(quote.text))}</blockquote>",
                f'<div class="meta">— {who}</div>',
                ident=f"item-q{number}",
            )
        )
    return section("quotes", "Quotes", "\n".join(entries))


def _consequences(brief: Brief, passage: Callable[[list[Span]], str]) -> str:
    if not brief.consequences:
        return ""
    entries: list[str] = []
    for number, found in enumerate(brief.consequences, start=1):
        details = [_e(consequence_claim(brief, found))]
        if found.affected:
            details.append("affects " + _e(", ".join(actor_names(brief, found.affected))))
        if button := passage(found.spans):
            details.append(button)
        entries.append(
            item(
                "consequence",
                f"<div>{certainty(found.certainty, found.certainty_cue)}{_e(found.what)}</div>",
                f'<div class="meta">{" · ".join(details)}</div>',
                ident=f"item-c{number}",
            )
        )
    note = "in the article's words; certainty and claimant found by analysis"
    return section("consequences", f'Consequences <span class="note">{note}</span>', "\n".join(entries))


def _warnings(brief: Brief) -> str:
    if not brief.run.warnings:
        return ""
    items = "\n".join(f"<li>{_e(warning)}</li>" for warning in brief.run.warnings)
    return f'<section class="warnings" id="warnings">\n<h2>Warnings</h2>\n<ul>\n{items}\n</ul>\n</section>'


def _provenance(brief: Brief) -> str:
    run = brief.run
    rows = [
        ("Backend", run.backend),
        ("Model", run.model),
        ("Prompt version", run.prompt_version),
        ("Re-asks", str(run.reasks)),
        ("Cached requests", str(run.cached)),
        ("Tokens", f"{run.usage.prompt_tokens:,} prompt + {run.usage.completion_tokens:,} completion"),
    ]
    if run.seconds:
        passes = ", ".join(f"{name} {secs:.1f} s" for name, secs in run.seconds.items())
        rows.append(("Time", f"{sum(run.seconds.values()):.1f} s ({passes})"))
    body = "\n".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in rows)
    return f'<footer class="provenance">\n<h2>Provenance</h2>\n<dl>\n{body}\n</dl>\n</footer>'
