"""Whole briefs cached, so that a repeated brief needs neither the model nor the heavy imports of the
client stack. Keyed by everything that determines a brief: this code, the prompts, the backend, the
settings the passes read (the response format among them: a server that takes no schema answers
otherwise), and the article."""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from pathlib import Path

from . import prompts
from .backends import identify
from .config import CacheMode, Settings
from .ingest import Source
from .models import Brief
from .store import JsonStore, digest

__all__ = ["BriefCache"]

_log = logging.getLogger(__name__)


class BriefCache:
    """The briefs made with ``settings``, in the cache folder's ``briefs``."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store = JsonStore(settings.resolved_cache_dir() / "briefs")

    @classmethod
    def of(cls, settings: Settings) -> BriefCache | None:
        """The cache ``settings`` use; None unless the cache is in use (replay mode skips it too: tests
        must run instructor for real)."""
        return cls(settings) if settings.cache == CacheMode.USE else None

    def get(self, source: Source) -> Brief | None:
        """The cached brief of ``source``; None on a miss (a damaged entry is one)."""
        entry = self._store.get(self._key(source))
        if entry is None:
            return None
        try:
            return Brief.model_validate(entry["brief"])
        except (KeyError, ValueError):
            return None

    def put(self, source: Source, brief: Brief) -> None:
        try:
            self._store.put(self._key(source), {"brief": brief.model_dump(mode="json")})
        except OSError as exc:  # a disk filled up since the start: the brief is given all the same
            _log.warning(
                "cannot write the brief cache in %s (%s): this brief is not cached",
                self._store.directory,
                exc.strerror or exc,
            )

    def _key(self, source: Source) -> str:
        identity = identify(self._settings)
        return digest(
            "brief",
            _code_version(),
            prompts.prompt_version(),
            identity.namespace,
            identity.model,
            self._settings.resolved_response_format(),
            self._settings.max_reasks,
            self._settings.resolved_context_tokens(),
            source.text,
            source.dateline,
        )


@cache
def _code_version() -> str:
    """A hash of this package's code: a brief cached by other code is not this code's brief."""
    root = Path(__file__).parent
    # The bytes straight into the hash: as hex inside JSON (``digest``) they took ten times as long, on
    # the path of every cached brief.
    code = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        text = path.read_bytes()
        code.update(f"{path.relative_to(root)}\0{len(text)}\0".encode())
        code.update(text)
    return code.hexdigest()
