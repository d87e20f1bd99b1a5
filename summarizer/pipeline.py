"""From a Source to a Brief: the stages in order (ingest → analysis → extract → assemble)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from . import prompts
from .analysis import Analysis, analyze
from .assemble import Answers, assemble, dated_in
from .assemble.checks import require_content
from .backends import identify
from .chunks import Window, estimate_tokens, windows
from .config import CacheMode, Options, Settings, parse_dateline
from .errors import InputError
from .extract import Extraction, Session
from .ingest import Source, source_from_text
from .models import ActorKind, Brief, RunInfo, Span, Usage
from .store import JsonStore, digest

if TYPE_CHECKING:
    from .backends.client import Backend

__all__ = ["Summarizer", "asummarize", "summarize"]

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
    # The size check first: an article too long to read is refused before it is parsed.
    parts = _windows(backend, settings, source)
    analysis = analyze(source)
    text = source.text
    record = Extraction()
    hits_before = backend.cache.stats.hits if backend.cache else 0
    client = backend.instructor()
    _count_usage(client, record)
    answers = Answers()
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
        owned = [e for e in analysis.entities if window.owns(e.mentions[0].start)]
        unnamed = [e.name for e in owned if e.kind is ActorKind.PERSON and e.role is None]
        answers.roles.update(session.roles(unnamed) if unnamed else {})
        open_passages = [
            i
            for i, p in enumerate(analysis.passages)
            if window.owns(p.quoted.span.start) and p.said.speaker is None and not p.said.term
        ]
        if open_passages:
            options = [_options(analysis, i) for i in open_passages]
            judged = session.quotes([analysis.passages[i].quoted.text for i in open_passages], options)
            # Answers are matched by text: after a failed re-ask, the items that still failed are gone.
            by_text = {answer.text: answer.speaker for answer in judged}
            answers.speakers.update({i: by_text.get(analysis.passages[i].quoted.text) for i in open_passages})
        dated = dated_in(analysis, window.owns)
        if dated:
            told = session.events([(text[d.clause.start : d.clause.end], d.when.text) for d in dated])
            answers.events += list(zip(told, dated, strict=True))
        candidates = [c for c in analysis.candidates if window.owns(c.sentence.start)]
        if candidates:
            chosen = session.consequences([text[c.clause.start : c.clause.end] for c in candidates])
            answers.consequences += [candidates[n - 1] for n in chosen]
        if n == 0:
            # The lede: news puts what matters first, so the first part carries the headline.
            lede = " ".join(text[s.start : s.end] for s in analysis.sentences[:1])
            stated = {e.name: e.role for e in analysis.entities if e.role is not None}
            answers.overview = session.overview(_facts(analysis, answers.roles), lede, stated)
    if len(parts) > 1:
        record.warnings.append(
            f"a long article: read in {len(parts)} overlapping parts of the model's "
            f"{settings.resolved_context_tokens():,}-token context; headline and summary from the first"
        )
    if source.dateline is None:
        record.warnings.append('no dateline: relative dates ("Wednesday", "last month") stay unresolved')
    run = RunInfo(
        backend=backend.label,
        model=backend.model,
        prompt_version=prompts.prompt_version(),
        seconds=record.seconds,
        usage=Usage(prompt_tokens=record.prompt_tokens, completion_tokens=record.completion_tokens),
        reasks=record.reasks,
        cached=(backend.cache.stats.hits - hits_before) if backend.cache else 0,
        warnings=record.warnings,
    )
    return assemble(analysis, answers, run, source.dateline)


_OPTIONS = 3


def _options(analysis: Analysis, index: int) -> list[str]:
    """Speaker options for a passage the parse left open: the people and bodies named nearest before it
    in its sentence and the one before, then the previous passage's speaker."""
    passage = analysis.passages[index].quoted.span
    sentence = analysis.sentence_at(passage.start) or passage
    earlier = [s for s in analysis.sentences if s.end <= sentence.start][-1:]
    lo = earlier[0].start if earlier else sentence.start
    quoted = [p.quoted.span for p in analysis.passages]
    near = sorted(
        (abs(span.start - passage.start), entity.kind is not ActorKind.PERSON, entity.name)
        for entity in analysis.entities
        for span in entity.mentions
        if lo <= span.start < sentence.end and not any(q.start <= span.start < q.end for q in quoted)
    )
    names = [name for _, _, name in near]
    previous = analysis.passages[index - 1].said.speaker if index else None
    if previous is not None:
        names.append(previous.name)
    return list(dict.fromkeys(names))[:_OPTIONS]


def _facts(analysis: Analysis, roles: dict[str, str]) -> str:
    """The actors and their roles, for the headline and summary to get right who is who."""
    lines = []
    for entity in analysis.entities[:10]:
        role = entity.role or roles.get(entity.name)
        lines.append(f"- {entity.name} ({entity.kind.value}{', ' + role if role else ''})")
    return "\n".join(lines)


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
