"""The fields of the brief's schema that hold the same value in every brief of some gold articles, as JSON.

Usage: .venv/bin/python scripts/constant_fields.py [GOLD ...]   (default: ../shared/eval/seed-gold.json and
../shared/eval/meantime-dev.jsonl relative to the repository root)

Briefs every article with the configured backend (the embedded model by default; the cache on, so a
re-run after `summarizer eval` on the same code costs nothing), then walks the schema: a field that shows
the same value wherever it occurs, in every brief, tells the reader nothing and cannot vary (issue #32),
and a field that never occurs is never filled. Both are listed; `fields` counts the schema's fields.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer import Brief, Summarizer  # noqa: E402
from summarizer.evaluate import load_gold  # noqa: E402

_DEFAULTS = [
    _ROOT.parent / "shared" / "eval" / "seed-gold.json",
    _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl",
]


def schema_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field's path in ``model``, a list's items written ``[]``: ``quotes[].speaker``."""
    paths = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append(path)
        for inner, suffix in _models_in(field.annotation):
            paths.extend(schema_paths(inner, f"{path}{suffix}."))
    return paths


def _models_in(annotation: Any, suffix: str = "") -> list[tuple[type[BaseModel], str]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, suffix)]
    origin = typing.get_origin(annotation)
    inner_suffix = suffix + "[]" if origin in (list, tuple, set, frozenset) else suffix
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset, typing.Annotated):
        found = []
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg, inner_suffix))
        return found
    return []


def values(data: Any, prefix: str, into: dict[str, set[str]]) -> None:
    """Every value in ``data`` (a brief's JSON) under its schema path."""
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            into[path].add(json.dumps(value, sort_keys=True))
            values(value, f"{path}.", into)
    elif isinstance(data, list):
        for item in data:
            values(item, f"{prefix[:-1]}[].", into)


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or _DEFAULTS
    seen: dict[str, set[str]] = defaultdict(set)
    briefs = 0
    with Summarizer() as summarizer:
        for path in paths:
            for article in load_gold(path):
                brief = summarizer.summarize(article.text, dateline=article.dateline)
                values(brief.model_dump(mode="json"), "", seen)
                briefs += 1
    fields = schema_paths(Brief)
    report = {
        "briefs": briefs,
        "fields": len(fields),
        "constant": {p: next(iter(seen[p]))[:80] for p in fields if len(seen[p]) == 1},
        "never_shown": [p for p in fields if not seen[p]],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
