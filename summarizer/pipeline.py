"""From a Source to a Brief: candidates, the model's passes, grounding, and assembly."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from . import prompts
from .attribution import rank_speakers
from .backends import identify
from .candidates import (
    QuotedPassage,
    find_names,
    find_quoted_passages,
    people,
    sentences,
    speaking_organizations,
)
from .checks import require_content
from .chunks import Window, estimate_tokens, windows
from .config import CacheMode, Options, Settings, parse_dateline
from .entities import abbreviations, bare, names_match, same_entity
from .errors import InputError
from .extract import (
    UNKNOWN,
    ActorAnswer,
    ConsequenceAnswer,
    EventAnswer,
    Extraction,
    Session,
    _unique,
)
from .ground import content_words, locate, mention_spans, normalize
from .ingest import Source, source_from_text
from .models import (
    Actor,
    ActorKind,
    Brief,
    Consequence,
    Event,
    Grounding,
    Quote,
    RunInfo,
    Span,
    Usage,
    When,
)
from .store import JsonStore, digest
from .timeline import find_dates

if TYPE_CHECKING:
    from .backends.client import Backend

__all__ = ["Summarizer", "asummarize", "summarize"]

_MOST_EVENTS = 16
_ROOM_FOR_PASSES = 1400
_MOST_PARTS = 40
"""A 20,000-word article is about 10 parts of the embedded model's context; 40 is beyond any news."""


class Summarizer:
    """One configured backend, reused for many briefs.

    >>> with Summarizer() as s:                      # the embedded model, or SUMMARIZER_BASE_URL
    ...     brief = s.summarize(text, dateline=datetime.date(2021, 3, 18))
    """

    def __init__(self, settings: Settings | None = None, **options: Unpack[Options]) -> None:
        """``settings`` (default: from the environment) with ``options`` on top, such as ``base_url=``,
        ``model=``, ``api_key=``, ``cache="off"``, ``cache_dir=``: checked, or ConfigError."""
        self.settings = settings.updated(**options) if settings is not None else Settings.from_env(**options)
        self._backend: Backend | None = None
        self._opening = threading.Lock()

    @property
    def backend(self) -> Backend:
        """The backend, opened on first use (once, whichever thread asks first)."""
        with self._opening:
            if self._backend is None:
                from .backends.client import open_backend
                from .render.progress import weights_progress

                self._backend = open_backend(self.settings, weights_progress=weights_progress())
            return self._backend

    def summarize(
        self,
        article: str | Source,
        *,
        dateline: dt.date | str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Brief:
        """The brief of ``article``: its text (a ``date YYYY-MM-DD`` first line is read as the dateline)
        or a :class:`Source` from :func:`summarizer.read_path`. ``progress`` is told each pass's name.
        A brief the model gave nothing to is an ExtractionError, and is not cached."""
        dateline = parse_dateline(dateline)
        source = article if isinstance(article, Source) else source_from_text(article, dateline=dateline)
        if dateline is not None and isinstance(article, Source):
            source = Source(source.text, dateline, source.origin, source.dateline_span)
        # Whole briefs are cached too, so that a repeated brief needs neither the model nor the heavy
        # imports of the client stack. Replay mode skips this: tests must run instructor for real.
        store, key = self._brief_store(source)
        if store is not None and (entry := store.get(key)) is not None:
            try:
                return Brief.model_validate(entry["brief"])
            except (KeyError, ValueError):
                pass  # a damaged entry is a miss
        brief = _brief(self.backend, source, self.settings, progress)
        require_content(brief)
        if store is not None:
            store.put(key, {"brief": brief.model_dump(mode="json")})
        return brief

    def _brief_store(self, source: Source) -> tuple[JsonStore | None, str]:
        if self.settings.cache != CacheMode.USE:
            return None, ""
        identity = identify(self.settings)
        key = digest(
            "brief",
            _code_version(),
            prompts.prompt_version(),
            identity.namespace,
            identity.model,
            self.settings.max_reasks,
            self.settings.resolved_context_tokens(),
            source.text,
            source.dateline,
        )
        return JsonStore(self.settings.resolved_cache_dir() / "briefs"), key

    async def asummarize(self, article: str | Source, *, dateline: dt.date | str | None = None) -> Brief:
        """:meth:`summarize` in a worker thread, so an event loop stays free while the model works."""
        import asyncio  # not at import: a cached brief needs no event loop

        return await asyncio.to_thread(self.summarize, article, dateline=dateline)

    def close(self) -> None:
        """Release the backend (the embedded model's memory, the HTTP connections)."""
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@cache
def _code_version() -> str:
    """A hash of this package's code: a brief cached by other code is not this code's brief."""
    root = Path(__file__).parent
    return digest(*[(str(p.relative_to(root)), p.read_bytes().hex()) for p in sorted(root.rglob("*.py"))])


def summarize(
    article: str | Source, *, dateline: dt.date | str | None = None, **options: Unpack[Options]
) -> Brief:
    """The brief of one article, with a backend configured from the environment and ``options``.

    ``article`` is the article's text or a :class:`Source`; to read a file, pass
    ``summarizer.read_path(Path(...))``.
    """
    with Summarizer(**options) as summarizer:
        return summarizer.summarize(article, dateline=dateline)


async def asummarize(
    article: str | Source, *, dateline: dt.date | str | None = None, **options: Unpack[Options]
) -> Brief:
    """The async twin of :func:`summarize`."""
    import asyncio

    return await asyncio.to_thread(summarize, article, dateline=dateline, **options)


def _brief(
    backend: Backend, source: Source, settings: Settings, progress: Callable[[str], None] | None
) -> Brief:
    text, start = source.text, source.body_start
    passages = find_quoted_passages(text, start)
    markers = source.markers()
    times = [
        t
        for t in find_dates(text, source.dateline)
        if t.span is not None
        and t.span.start >= start
        and not any(m.start <= t.span.start < m.end for m in markers)
    ]
    parts = _windows(backend, settings, source)
    record = Extraction()
    hits_before = backend.cache.stats.hits if backend.cache else 0
    client = backend.instructor()
    _count_usage(client, record)
    found: list[ActorAnswer] = []
    speakers_of: dict[int, str | None] = {}
    dated_parts: list[tuple[list[EventAnswer], list[tuple[Span, When]]]] = []
    consequences: list[ConsequenceAnswer] = []
    overview = None
    for n, window in enumerate(parts):
        session = Session(
            client,
            backend.model,
            article=_shown(text[window.shown.start : window.shown.end]),
            dateline=source.dateline.strftime("%A %Y-%m-%d") if source.dateline else "date unknown",
            max_reasks=settings.max_reasks,
            record=record,
            progress=_part_progress(progress, n, len(parts)),
        )
        # Slicing off the rest keeps every offset an offset into the whole article.
        shown, shown_start = text[: window.shown.end], window.shown.start
        here = session.actors(find_names(shown, shown_start))
        missing = [name for name in people(shown, shown_start) if not _covered(name, here)]
        bodies = [name for name in speaking_organizations(shown, shown_start) if not _covered(name, here)]
        if missing or bodies:
            here += session.describe(missing, bodies)
        actors_here, _ = _actors(here, shown, shown_start)
        owned = [i for i, p in enumerate(passages) if window.owns(p.span.start)]
        speakers_of.update(_speakers(session, [passages[i] for i in owned], owned, actors_here, text))
        dated = _dated(shown, shown_start, [t for t in times if t.span and window.owns(t.span.start)])
        events = session.events([(text[s.start : s.end], t.text) for s, t in dated]) if dated else []
        dated_parts.append((events, dated))
        names = [a.name for a in actors_here]
        consequences += session.consequences(names) if names else []
        if n == 0:
            # The lede: news puts what matters first, so the first part carries the headline.
            overview = session.overview()
        found += here
    actors, ids = _actors(found, text, start)
    if len(parts) > 1:
        record.warnings.append(
            f"a long article: read in {len(parts)} overlapping parts of the model's "
            f"{settings.resolved_context_tokens():,}-token context; headline and summary from the first"
        )
    if source.dateline is None:
        record.warnings.append('no dateline: relative dates ("Wednesday", "last month") stay unresolved')
    return Brief(
        headline=overview.headline if overview else "",
        summary=overview.summary if overview else "",
        dateline=source.dateline,
        actors=actors,
        quotes=_quotes([speakers_of[i] for i in range(len(passages))], passages, ids),
        events=_once([e for answers, dated in dated_parts for e in _events(answers, dated, actors)]),
        consequences=_consequences(_unique_by_what(consequences), ids, text, start),
        run=RunInfo(
            backend=backend.label,
            model=backend.model,
            prompt_version=prompts.prompt_version(),
            seconds=record.seconds,
            usage=Usage(prompt_tokens=record.prompt_tokens, completion_tokens=record.completion_tokens),
            reasks=record.reasks,
            cached=(backend.cache.stats.hits - hits_before) if backend.cache else 0,
            warnings=record.warnings,
        ),
    )


def _windows(backend: Backend, settings: Settings, source: Source) -> list[Window]:
    """The parts the article is read in: one, unless it overflows the model's context."""
    text, start = source.text, source.body_start
    context = settings.resolved_context_tokens()
    if context is None:
        return [Window(shown=Span(start=start, end=len(text)), own=Span(start=start, end=len(text)))]
    budget = context - _ROOM_FOR_PASSES
    estimate = estimate_tokens(text[start:])
    if estimate > budget * _MOST_PARTS:
        raise InputError(
            f"{source.origin}: about {estimate:,} tokens, more than {_MOST_PARTS} parts of the model's "
            f"{context:,}-token context (hours on the embedded model); split it, or use a server with a "
            "larger context (--base-url, --context-tokens)"
        )
    # The estimate is within a quarter for news text; only a close call is worth the real tokenizer
    # (which loads the embedded model).
    close = estimate > budget * 3 // 4
    return windows(text, start, budget, backend.count_tokens if close else estimate_tokens)


def _part_progress(
    progress: Callable[[str], None] | None, n: int, total: int
) -> Callable[[str], None] | None:
    if progress is None or total == 1:
        return progress
    return lambda name: progress(f"part {n + 1}/{total}: {name}")


def _speakers(
    session: Session, passages: list[QuotedPassage], indexes: list[int], actors: list[Actor], text: str
) -> dict[int, str | None]:
    """The speaker's name for each passage (by its index): the rules' when they are sure, else the
    model's pick among the rules' candidates."""
    rankings = rank_speakers(passages, actors, text)
    unsure = [i for i, r in enumerate(rankings) if not r.sure]
    judged = (
        session.quotes([passages[i].text for i in unsure], [rankings[i].names for i in unsure])
        if unsure
        else []
    )
    # Answers are matched by text: after a failed re-ask, the items that still failed are gone.
    judged_by_text = {answer.text: answer.speaker for answer in judged}
    return {
        index: r.names[0] if r.sure else judged_by_text.get(p.text)
        for index, r, p in zip(indexes, rankings, passages, strict=True)
    }


def _unique_by_what(answers: list[ConsequenceAnswer]) -> list[ConsequenceAnswer]:
    """One of each consequence that overlapping parts of a long article both reported."""
    seen: set[str] = set()
    unique = []
    for answer in answers:
        key = normalize(answer.what)[0].strip(" .")
        if key not in seen:
            seen.add(key)
            unique.append(answer)
    return unique


def _count_usage(client: Any, record: Extraction) -> None:
    def on_response(response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            record.prompt_tokens += usage.prompt_tokens or 0
            record.completion_tokens += usage.completion_tokens or 0

    def on_parse_error(error: Exception, **attempt: Any) -> None:
        # The last failed attempt is not followed by a re-ask: its items are dropped instead.
        if not attempt.get("is_last_attempt"):
            record.reasks += 1

    client.on("completion:response", on_response)
    client.on("parse:error", on_parse_error)


def _shown(text: str) -> str:
    # A straight quote inside a JSON string ends it early when a small model copies it; curly quotes
    # of the same length keep every offset valid.
    out, opening = [], True
    for i, ch in enumerate(text):
        if ch == '"':
            prev = text[i - 1] if i else " "
            opening = prev.isspace() or prev in "([{—-"
            out.append("“" if opening else "”")
        else:
            out.append(ch)
    return "".join(out)


# ---- assembly: ids, aliases, spans ---------------------------------------------------------------


def _actors(found: list[ActorAnswer], text: str, start: int) -> tuple[list[Actor], dict[str, str]]:
    """Actors with one entry per entity: names that are parts of a longer name of the same kind merge
    into it ("Biden", "President Joe Biden" → "Joe Biden"). Returns them and a name → id map."""
    groups: list[tuple[ActorAnswer, list[str]]] = []
    defined = abbreviations(text[start:])
    for actor in sorted(found, key=lambda a: len(bare(a.name)), reverse=True):
        long = defined.get(actor.name, "")
        home = next(
            (g for g in groups if same_entity(actor, g[0]) or (long and long.endswith(g[0].name))), None
        )
        if home is None:
            groups.append((actor, []))
        elif actor.name != home[0].name:
            home[1].append(actor.name)
    order = {a.name: i for i, a in enumerate(found)}
    groups.sort(key=lambda g: order[g[0].name])
    actors: list[Actor] = []
    ids: dict[str, str] = {}
    for n, (main, others) in enumerate(groups, start=1):
        actor_id = f"a{n}"
        aliases = _unique([*others, *_implied_aliases(main, text, start)])
        aliases = [a for a in aliases if a != main.name]
        spans = mention_spans([main.name, *aliases], text, start=start)
        for name in (main.name, *aliases, *others):
            ids.setdefault(normalize(name)[0], actor_id)
        actors.append(
            Actor(
                id=actor_id,
                name=main.name,
                aliases=aliases,
                kind=main.kind,
                role=main.role,
                affiliation=main.affiliation,
                spans=spans,
                grounding=Grounding.EXACT if spans else _grounding_of(main.name, text, start),
            )
        )
    return actors, ids


def _implied_aliases(actor: ActorAnswer, text: str, start: int) -> list[str]:
    if actor.kind is not ActorKind.PERSON:
        # "the country's foreign ministry" names the Russian Foreign Ministry.
        words = actor.name.split()
        if len(words) > 2 or (len(words) == 2 and words[0].endswith(("an", "ese", "ish"))):
            tail = " ".join(words[1:])
            found = re.search(rf"(?<!\w){re.escape(tail)}(?!\w)", text[start:], re.IGNORECASE)
            return [found.group(0)] if found and found.group(0) != tail else []
        return []
    surname = actor.name.split()[-1]
    if surname != actor.name and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", text[start:]):
        return [surname]
    return []


def _grounding_of(name: str, text: str, start: int) -> Grounding:
    found = locate(name, text, start=start, fuzzy=False)
    return found.grounding if found else Grounding.UNGROUNDED


def _actor_id(name: str | None, ids: dict[str, str]) -> str | None:
    if name is None or name == UNKNOWN:
        return None
    return ids.get(normalize(name)[0])


def _quotes(speakers: list[str | None], passages: list[QuotedPassage], ids: dict[str, str]) -> list[Quote]:
    """Quotes in article order; texts and spans come from code, speakers from rules or the model."""
    return [
        Quote(
            text=passage.text,
            speaker=_actor_id(speaker, ids),
            full=passage.full,
            cue=passage.cue,
            spans=[passage.span],
            grounding=Grounding.EXACT,
        )
        for passage, speaker in zip(passages, speakers, strict=True)
    ]


def _dated(text: str, start: int, times: list[When]) -> list[tuple[Span, When]]:
    """Each time expression with the sentence it stands in, in article order; the same words twice in
    one sentence are one."""
    dated: dict[tuple[Span, str], When] = {}
    spans = sentences(text, start)
    for when in times:
        home = next((s for s in spans if when.span and s.start <= when.span.start < s.end), None)
        if home is not None:
            dated.setdefault((home, when.text), when)
    return [(sentence, when) for (sentence, _), when in dated.items()][:_MOST_EVENTS]


def _events(answers: list[EventAnswer], dated: list[tuple[Span, When]], actors: list[Actor]) -> list[Event]:
    return [
        Event(
            what=answer.what,
            actors=_named_in(sentence, actors),
            # A server that ignores the schema's fixed times may answer about another time: undated then.
            when=when if answer.when == when.text else None,
            spans=[sentence],
            grounding=Grounding.EXACT,
        )
        for answer, (sentence, when) in zip(answers, dated, strict=False)
    ]


def _once(events: list[Event]) -> list[Event]:
    """Events the model described in the same words on the same date are one event told twice: kept
    once, with the evidence of each telling."""
    kept: dict[tuple[str, str | None], Event] = {}
    for event in events:
        key = (normalize(event.what)[0].strip(" ."), event.when.value if event.when else None)
        if key in kept:
            first = kept[key]
            kept[key] = first.model_copy(
                update={
                    "spans": [*first.spans, *event.spans],
                    "actors": _unique([*first.actors, *event.actors]),
                }
            )
        else:
            kept[key] = event
    return list(kept.values())


def _named_in(sentence: Span, actors: list[Actor], most: int = 3) -> list[str]:
    """Ids of the actors named in a sentence, people first, in the order they appear."""
    named = sorted(
        (
            (span.start, actor)
            for actor in actors
            for span in actor.spans
            if sentence.start <= span.start < sentence.end
        ),
        key=lambda pair: (pair[1].kind is not ActorKind.PERSON, pair[0]),
    )
    return _unique([actor.id for _, actor in named])[:most]


def _covered(name: str, found: list[ActorAnswer]) -> bool:
    """Whether the actors already found include this person, under this or a longer or shorter name."""
    words = bare(name)
    return any(names_match(words, bare(a.name), people=a.kind is ActorKind.PERSON) for a in found)


def _consequences(
    answers: list[ConsequenceAnswer], ids: dict[str, str], text: str, start: int
) -> list[Consequence]:
    out = []
    for answer in answers:
        evidence = _evidence(answer.what, text, start)
        out.append(
            Consequence(
                what=answer.what,
                certainty=answer.certainty,
                affected=_unique([i for a in answer.affected if (i := _actor_id(a, ids))]),
                claimed_by=_actor_id(answer.claimed_by, ids),
                spans=[evidence[0]] if evidence else [],
                grounding=Grounding.FUZZY if evidence else Grounding.UNGROUNDED,
                score=evidence[1] if evidence else None,
            )
        )
    return out


def _overlap(what: str, sentence: str) -> float:
    mine = content_words(what)
    return len(mine & content_words(sentence)) / len(mine) if mine else 0.0


def _evidence(what: str, text: str, start: int, within: Span | None = None) -> tuple[Span, float] | None:
    """The sentence that best supports a paraphrase, with the share of its content words found there."""
    candidates = sentences(text, start)
    if within is not None:
        candidates = [s for s in candidates if s.start <= within.start < s.end] or candidates
    scored = [(round(_overlap(what, text[s.start : s.end]), 3), s) for s in candidates]
    if not scored:
        return None
    score, best = max(scored, key=lambda pair: pair[0])
    return (best, score) if score >= 0.2 else None
