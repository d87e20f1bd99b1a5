"""The brief as one self-contained HTML page, beside the article with every grounded span highlighted.

Everything that came from the article or the model passes through ``html.escape``; the page's own script is
the only one it runs, which its Content-Security-Policy enforces by the script's hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..ingest import Source
from ..models import Basis, Brief, Grounding, Span
from ._common import (
    BASIS_LABEL,
    actor_names,
    dateline_text,
    grounding_label,
    grounding_symbol,
    percent,
    role_text,
    speaker_name,
    timeline,
    when_label,
)

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


def _e(value: str) -> str:
    return html.escape(value, quote=True)


@cache
def _asset(name: str) -> str:
    return resources.files(__name__.rpartition(".")[0]).joinpath(name).read_text(encoding="utf-8")


def to_html(brief: Brief, source: Source) -> str:
    """Render the brief and the article as one HTML page that needs no network and no other file."""
    highlights = _highlights(brief, source)
    spans_of: dict[str, list[str]] = defaultdict(list)
    for mark in highlights:
        if mark.item:
            spans_of[mark.item].append(mark.span_id)
    passage = _passages(source.text)
    script = _asset("_page.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
    brief_html = "\n".join(
        [
            _header(brief, source),
            _actors(brief, spans_of),
            _timeline(brief, spans_of, passage),
            _quotes(brief, spans_of),
            _consequences(brief, passage),
            _warnings(brief),
            _provenance(brief),
        ]
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="summarizer">
<title>{_e(brief.headline)} · Brief</title>
<style>
{_asset("_page.css")}</style>
</head>
<body>
<div class="page">
<aside class="brief" aria-label="Brief">
{brief_html}
</aside>
<main class="article" aria-label="Article">
<div class="article-head"><strong>Article</strong><span>{_e(source.origin)}</span>
<span class="legend"><span class="swatch hl-quote">quote</span><span class="swatch hl-actor">actor</span>\
<span class="swatch hl-date">date</span></span></div>
<div class="article-text">{_highlight(source.text, highlights)}</div>
</main>
</div>
<script>{script}</script>
</body>
</html>
"""


def _valid(span: Span | None, text: str) -> bool:
    return span is not None and 0 <= span.start < span.end <= len(text)


def _highlights(brief: Brief, source: Source) -> list[_Highlight]:
    text = source.text
    found: list[_Highlight] = []
    if source.dateline_span is not None and _valid(source.dateline_span, text):
        found.append(_Highlight(source.dateline_span.start, source.dateline_span.end, "dateline", "", "", ""))
    # Ids come from positions in the brief, not from the model's ids, so they are always safe as attributes.
    for number, quote in enumerate(brief.quotes, start=1):
        if quote.grounding is Grounding.UNGROUNDED:
            continue
        title = f"Quote {number} · {speaker_name(brief, quote)}"
        valid = [span for span in quote.spans if _valid(span, text)]
        for k, span in enumerate(valid, start=1):
            span_id = f"q{number}" if k == 1 else f"q{number}-{k}"
            found.append(_Highlight(span.start, span.end, "quote", span_id, f"q{number}", title))
    for number, actor in enumerate(brief.actors, start=1):
        if actor.grounding is Grounding.UNGROUNDED:
            continue
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


def _passages(text: str) -> Callable[[list[Span], Grounding], str]:
    """A maker of buttons that show an item's own words in the article (events and consequences).

    Those spans are long and overlap quotes freely, so they are not marks: the page's script highlights them
    as ranges, found by offsets in UTF-16 code units as JavaScript counts them.
    """
    # Each character beyond the BMP is two code units in JavaScript and one in Python.
    astral = list(itertools.accumulate((ord(char) > 0xFFFF for char in text), initial=0))

    def units(offset: int) -> int:
        return offset + astral[offset]

    def button(spans: list[Span], grounding: Grounding) -> str:
        valid = [span for span in spans if _valid(span, text)]
        if grounding is Grounding.UNGROUNDED or not valid:
            return ""
        ranges = ",".join(f"{units(span.start)}-{units(span.end)}" for span in valid)
        title = "Show these words in the article"
        return (
            f'<button type="button" class="src" data-range="{ranges}" title="{title}">in the article</button>'
        )

    return button


def _badge(grounding: Grounding, score: float | None) -> str:
    label = _e(grounding_label(grounding, score))
    symbol = _e(grounding_symbol(grounding, score))
    return f'<span class="g g-{grounding.value}" title="{label}" aria-label="{label}">{symbol}</span>'


def _link(target: str | None, content: str, cls: str = "") -> str:
    """``content`` (escaped already) as a link to the article span ``target``, or plain without one."""
    css = f' class="{cls}"' if cls else ""
    if target is None:
        return f"<span{css}>{content}</span>"
    return f'<a{css} href="#{target}" data-target="{target}">{content}</a>'


def _header(brief: Brief, source: Source) -> str:
    counts = [
        (len(brief.actors), "actor"),
        (len(brief.events), "event"),
        (len(brief.quotes), "quote"),
        (len(brief.consequences), "consequence"),
    ]
    tally = " · ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    return (
        "<header>\n"
        f'<p class="eyebrow">Brief · {_e(dateline_text(brief, source))}</p>\n'
        f"<h1>{_e(brief.headline)}</h1>\n"
        f'<p class="summary">{_summary(brief, source)}</p>\n'
        f'<p class="stats"><span class="badge" title="Share of items found in the article">'
        f"grounded {percent(brief.grounding_rate)}</span>{tally}</p>\n"
        "</header>"
    )


def _summary(brief: Brief, source: Source) -> str:
    """The summary, each sentence showing on hover the article's sentences behind it."""
    if not brief.summary_support:
        return _e(brief.summary)
    parts = []
    for item in brief.summary_support:
        if item.spans:
            behind = " … ".join(source.text[s.start : s.end] for s in item.spans)
            parts.append(
                f'<span class="supported" title="From the article: {_e(behind)}">{_e(item.sentence)}</span>'
            )
        else:
            parts.append(
                f'<span class="unsupported" title="No sentence of the article holds most of its words: '
                f'check it">{_e(item.sentence)}</span>'
            )
    return " ".join(parts)


def _section(name: str, title: str, body: str, tag: str = "ul") -> str:
    items = f'<{tag} class="items {name}">\n{body}\n</{tag}>'
    return f'<section id="{name}">\n<h2>{title}</h2>\n{items}\n</section>'


def _actors(brief: Brief, spans_of: dict[str, list[str]]) -> str:
    if not brief.actors:
        return ""
    entries: list[str] = []
    for number, actor in enumerate(brief.actors, start=1):
        mentions = spans_of.get(f"a{number}", [])
        lines = [
            f'<li class="item actor" id="item-a{number}">',
            '<div class="item-head">'
            + _badge(actor.grounding, actor.score)
            + _link(mentions[0] if mentions else None, _e(actor.name), "name")
            + f'<span class="tag">{_e(actor.kind.value)}</span></div>',
        ]
        role = " · ".join(_e(part) for part in (role_text(actor), actor.affiliation) if part)
        if role:
            lines.append(f'<div class="meta">{role}</div>')
        if actor.aliases:
            lines.append(f'<div class="meta">Also: {_e(", ".join(actor.aliases))}</div>')
        if mentions:
            chips = "".join(_link(span_id, str(k), "chip") for k, span_id in enumerate(mentions, start=1))
            lines.append(f'<div class="chips"><span>Mentions</span>{chips}</div>')
        lines.append("</li>")
        entries.append("\n".join(lines))
    return _section("actors", "Actors", "\n".join(entries))


def _timeline(
    brief: Brief, spans_of: dict[str, list[str]], passage: Callable[[list[Span], Grounding], str]
) -> str:
    if not brief.events:
        return ""
    entries: list[str] = []
    for number, event in timeline(brief):
        when = event.when
        dated = when is not None and when.value is not None
        if when is not None and when.value is not None:
            precision = when.precision.value if when.precision else ""
            date = _e(when.value) + (f' <span class="precision">{_e(precision)}</span>' if precision else "")
        else:
            date = _e(when_label(event.when).capitalize())
        details: list[str] = []
        if when is not None:
            targets = spans_of.get(f"t{number}", [])
            details.append(_link(targets[0] if targets else None, f"“{_e(when.text)}”"))
        if event.actors:
            details.append(_e(", ".join(actor_names(brief, event.actors))))
        if button := passage(event.spans, event.grounding):
            details.append(button)
        entries.append(
            f'<li class="item event{"" if dated else " undated"}" id="item-t{number}">\n'
            f'<div class="date">{date}</div>\n'
            f'<div class="what">{_badge(event.grounding, event.score)} {_e(event.what)}</div>\n'
            + (f'<div class="meta">{" · ".join(details)}</div>\n' if details else "")
            + "</li>"
        )
    return _section("timeline", "Timeline", "\n".join(entries), "ol")


def _quotes(brief: Brief, spans_of: dict[str, list[str]]) -> str:
    if not brief.quotes:
        return ""
    entries: list[str] = []
    for number, quote in enumerate(brief.quotes, start=1):
        targets = spans_of.get(f"q{number}", [])
        speaker = _e(speaker_name(brief, quote))
        who = f"<b>{speaker}</b>" if quote.speaker_basis is Basis.ANALYSIS else f"<i>{speaker}</i>"
        attribution = [who, "full" if quote.full else "partial"]
        if quote.speaker_basis is not None:
            attribution.append(f'<span class="basis">{_e(BASIS_LABEL[quote.speaker_basis])}</span>')
        if quote.cue:
            attribution.append(f"“{_e(quote.cue)}”")
        status = " ungrounded" if quote.grounding is Grounding.UNGROUNDED else ""
        entries.append(
            f'<li class="item quote{status}" id="item-q{number}">\n'
            f"<blockquote>{_link(targets[0] if targets else None, _e(quote.text))}</blockquote>\n"
            f'<div class="meta">{_badge(quote.grounding, quote.score)} — {" · ".join(attribution)}</div>\n'
            "</li>"
        )
    return _section("quotes", "Quotes", "\n".join(entries))


def _consequences(brief: Brief, passage: Callable[[list[Span], Grounding], str]) -> str:
    if not brief.consequences:
        return ""
    entries: list[str] = []
    for number, item in enumerate(brief.consequences, start=1):
        claimed = actor_names(brief, [item.claimed_by])[0] if item.claimed_by else "the article"
        details = [f"claimed by {_e(claimed)}"]
        if item.affected:
            details.append("affects " + _e(", ".join(actor_names(brief, item.affected))))
        if button := passage(item.spans, item.grounding):
            details.append(button)
        entries.append(
            f'<li class="item consequence" id="item-c{number}">\n'
            f'<div><span class="certainty c-{item.certainty.value}">{_e(item.certainty.value)}</span>'
            f"{_e(item.what)} {_badge(item.grounding, item.score)}</div>\n"
            f'<div class="meta">{" · ".join(details)}</div>\n'
            "</li>"
        )
    return _section("consequences", "Consequences", "\n".join(entries))


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
        ("Grounding rate", percent(brief.grounding_rate)),
        ("Re-asks", str(run.reasks)),
        ("Cached requests", str(run.cached)),
        ("Tokens", f"{run.usage.prompt_tokens:,} prompt + {run.usage.completion_tokens:,} completion"),
    ]
    if run.seconds:
        passes = ", ".join(f"{name} {secs:.1f} s" for name, secs in run.seconds.items())
        rows.append(("Time", f"{sum(run.seconds.values()):.1f} s ({passes})"))
    body = "\n".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in rows)
    return f'<footer class="provenance">\n<h2>Provenance</h2>\n<dl>\n{body}\n</dl>\n</footer>'
