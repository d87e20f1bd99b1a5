"""From a Source to a Brief: the stages in order (ingest → analysis → extract → assemble)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from .archive.api import Archiver
from .backends import check
from .briefcache import BriefCache
from .config import Options, Settings, parse_dateline
from .ingest import Source, as_source
from .models import Brief, Preview

if TYPE_CHECKING:
    from .backends.client import Backend
    from .backends.weights import Progress as WeightsProgress
    from .extract import Progress

__all__ = ["Summarizer", "asummarize", "summarize"]


class Summarizer:
    """One configured backend, reused for many briefs.

    >>> with Summarizer() as s:                      # the embedded model, or SUMMARIZER_BASE_URL
    ...     brief = s.summarize(text, dateline=datetime.date(2021, 3, 18))
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        weights_progress: WeightsProgress | None = None,
        **options: Unpack[Options],
    ) -> None:
        """``settings`` (default: from the environment) with ``options`` on top (``base_url=``, ``model=``,
        …): checked, or ConfigError, as is a model path that is no GGUF file or a cache folder that cannot
        be written. ``weights_progress`` is told how the embedded model's weights are checked on first use."""
        self.settings = settings.updated(**options) if settings is not None else Settings.from_env(**options)
        check(self.settings)
        self._weights_progress = weights_progress
        self._backend: Backend | None = None
        self._opening = threading.Lock()
        self._archiver = Archiver(self.settings)

    @property
    def backend(self) -> Backend:
        """The backend, opened on first use (once, whichever thread asks first)."""
        with self._opening:
            if self._backend is None:
                from .backends.client import open_backend

                self._backend = open_backend(self.settings, weights_progress=self._weights_progress)
            return self._backend

    def summarize(
        self,
        article: str | Source,
        *,
        dateline: dt.date | str | None = None,
        progress: Progress | None = None,
        preview: Callable[[Preview], None] | None = None,
    ) -> Brief:
        """The brief of ``article``: its text (a first line ``date YYYY-MM-DD`` is the dateline) or a
        :class:`Source` (anything else, a TypeError). ``progress`` is told each pass's name; ``preview`` is
        given what code found before the model's first pass: the text's quotes and dates at once, then the
        analysis's. A brief the model gave nothing to is an ExtractionError, and is not cached."""
        source = as_source(article, parse_dateline(dateline))
        cache = BriefCache.of(self.settings)
        brief = cache.get(source) if cache is not None else None
        if brief is None:
            brief = _brief(lambda: self.backend, source, self.settings, progress, preview)
            if cache is not None:
                cache.put(source, brief)
        self._archiver.keep(source, brief)
        return brief

    async def asummarize(self, article: str | Source, *, dateline: dt.date | str | None = None) -> Brief:
        """:meth:`summarize` in a worker thread, so an event loop stays free while the model works."""
        import asyncio  # not at import: a cached brief needs no event loop

        return await asyncio.to_thread(self.summarize, article, dateline=dateline)

    def close(self) -> None:
        """Release the backend (the embedded model's memory, the HTTP connections) and the archive."""
        self._archiver.close()
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def summarize(
    article: str | Source, *, dateline: dt.date | str | None = None, **options: Unpack[Options]
) -> Brief:
    """The brief of one article (its text, or a :class:`Source`: ``read_path(Path(...))`` reads a file),
    with a backend configured from the environment and ``options``."""
    with Summarizer(**options) as summarizer:
        return summarizer.summarize(article, dateline=dateline)


async def asummarize(
    article: str | Source, *, dateline: dt.date | str | None = None, **options: Unpack[Options]
) -> Brief:
    """The async twin of :func:`summarize`."""
    import asyncio

    return await asyncio.to_thread(summarize, article, dateline=dateline, **options)


def _brief(
    backend_when_needed: Callable[[], Backend],
    source: Source,
    settings: Settings,
    progress: Progress | None,
    preview: Callable[[Preview], None] | None,
) -> Brief:
    """A new brief; ExtractionError when the model gave it nothing."""
    # The stages are imported here, not with this module: a cached brief needs none (test_startup.py).
    from . import chunks
    from .accounting import RunRecord, run_info
    from .analysis import analyze, skim
    from .assemble import assemble, preliminary, require_content
    from .extract.passes import ask_passes

    context, dateline = settings.resolved_context_tokens(), source.dateline
    # Size check first (a too long article is refused unparsed); the backend opens after the previews,
    # and spaCy is imported after the first, so that it is shown at once.
    most = None if settings.embedded else settings.max_request_bytes
    parts = chunks.parts(source, context, lambda text: backend_when_needed().count_tokens(text), most)
    if preview is not None:
        preview(preliminary(skim(source), dateline))
    analysis = analyze(source)
    if preview is not None:
        preview(preliminary(analysis, dateline))
    backend, record = backend_when_needed(), RunRecord()
    with backend.tally() as tally:
        answers = ask_passes(backend, analysis, parts, dateline, settings.max_reasks, record, progress)
    run = run_info(backend, record, tally.cached, parts=len(parts), context=context, dated=bool(dateline))
    brief = assemble(analysis, answers, run, dateline)
    require_content(brief)
    return brief
