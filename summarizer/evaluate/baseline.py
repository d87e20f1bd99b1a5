"""The rule-based baseline a model must beat: quoted passages given to the nearest name."""

from __future__ import annotations

import datetime as dt
import time

from ..candidates import find_names, find_quoted_passages, people, sentences
from ..ground import mention_spans
from ..ingest import source_from_text
from ..models import Actor, ActorKind, Brief, Event, Grounding, Quote, RunInfo
from ..timeline import find_dates

# ---- the baseline --------------------------------------------------------------------------------


def baseline_brief(text: str, dateline: dt.date | None) -> Brief:
    """What simple rules get: actors are the capitalized name candidates (people's surnames folded into
    them), each quoted passage is given to the nearest actor named in its sentence, and each date
    expression is an event. Deliberately not the product's speaker ranking: this is the bar to beat."""
    started = time.perf_counter()
    source = source_from_text(text, dateline=dateline)
    start = source.body_start
    persons = people(text, start)
    surnames = {name.split()[-1]: name for name in persons}
    aliases: dict[str, list[str]] = {}
    for name in find_names(text, start):
        person = surnames.get(name) if name not in persons else None
        if person is not None:
            aliases.setdefault(person, []).append(name)
        else:
            aliases.setdefault(name, [])
    actors = []
    for n, (name, more) in enumerate(aliases.items(), start=1):
        spans = mention_spans([name, *more], text, start=start)
        actors.append(
            Actor(
                id=f"a{n}",
                name=name,
                aliases=more,
                kind=ActorKind.PERSON if name in persons else ActorKind.ORGANIZATION,
                spans=spans,
                grounding=Grounding.EXACT if spans else Grounding.UNGROUNDED,
            )
        )
    passages = find_quoted_passages(text, start)
    spans_of = sentences(text, start)
    quoted = [p.span for p in passages]
    mentions = [
        (span, actor)
        for actor in actors
        for span in actor.spans
        if not any(q.start - 1 <= span.start < q.end + 1 for q in quoted)
    ]
    quotes = []
    for passage in passages:
        q = passage.span
        # The sentence, or sentences, the quoted words stand in.
        around = [s for s in spans_of if s.start <= q.end and q.start <= s.end] or [q]
        lo, hi = min(s.start for s in around), max(s.end for s in around)
        near = [
            (max(q.start - span.end, span.start - q.end, 0), span.start, actor)
            for span, actor in mentions
            if lo <= span.start < hi
        ]
        speaker = min(near, key=lambda m: (m[0], m[1]))[2].id if near else None
        quotes.append(
            Quote(
                text=passage.text,
                speaker=speaker,
                full=passage.full,
                cue=passage.cue,
                spans=[q],
                grounding=Grounding.EXACT,
            )
        )
    events = []
    for when in find_dates(text, source.dateline):
        if when.span is None or when.span.start < start:
            continue
        home = next((s for s in spans_of if s.start <= when.span.start < s.end), when.span)
        events.append(
            Event(what=text[home.start : home.end], when=when, spans=[home], grounding=Grounding.EXACT)
        )
    return Brief(
        headline="",
        summary="",
        dateline=source.dateline,
        actors=actors,
        events=events,
        quotes=quotes,
        run=RunInfo(
            backend="baseline",
            model="rules",
            prompt_version="-",
            seconds={"rules": round(time.perf_counter() - started, 4)},
        ),
    )
