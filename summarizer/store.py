"""A folder of JSON entries keyed by hash: safe against concurrent writers and half-done writes.

Each entry is one indented, human-readable file, written to a temporary file in the same folder and
renamed into place, so a reader sees the old entry or the new one, never a torn one. A damaged entry
reads as missing, and the next write replaces it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["JsonStore", "digest"]

_log = logging.getLogger(__name__)


def digest(*parts: Any) -> str:
    """A key for ``parts``: the sha256 of their canonical JSON."""
    material = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(material.encode()).hexdigest()


class JsonStore:
    """JSON entries under ``directory``, one file per key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry, or None when it is missing or damaged."""
        path = self.path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            _log.warning("ignoring damaged cache entry %s: %s", path, exc)
            return None
        if not isinstance(entry, dict):
            _log.warning("ignoring damaged cache entry %s: not an object", path)
            return None
        return entry

    def delete(self, key: str) -> None:
        """Remove the entry, if there is one."""
        self.path(key).unlink(missing_ok=True)

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Write the entry atomically."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(entry, f, indent=1, ensure_ascii=False)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
