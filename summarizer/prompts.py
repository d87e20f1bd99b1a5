"""Prompt templates: files in ``prompts/`` (shipped in the wheel as ``summarizer/_prompts``).

The version that goes into every brief and every cache key is the VERSION file plus a hash of all the
templates, so editing any template changes it without anyone having to remember to.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from typing import Any

from pydantic import BaseModel

__all__ = ["field_guide", "prompt_version", "render"]


@cache
def _directory() -> Traversable:
    packaged = resources.files("summarizer") / "_prompts"
    if packaged.is_dir():
        return packaged
    # A source checkout (editable install): the templates sit at the top of the repository.
    return Path(__file__).resolve().parent.parent / "prompts"


@cache
def _templates() -> dict[str, str]:
    return {
        entry.name.removesuffix(".txt"): entry.read_text(encoding="utf-8")
        for entry in _directory().iterdir()
        if entry.name.endswith(".txt")
    }


@cache
def prompt_version() -> str:
    """The prompts' version: ``VERSION`` and a short hash of every template."""
    digest = hashlib.sha256()
    for name, text in sorted(_templates().items()):
        digest.update(f"{name}\0{text}\0".encode())
    version = (_directory() / "VERSION").read_text(encoding="utf-8").strip()
    return f"{version}+{digest.hexdigest()[:8]}"


def render(name: str, **values: str) -> str:
    """The template ``name`` with ``${value}`` placeholders filled; a missing value is an error."""
    return Template(_templates()[name]).substitute(values)


def field_guide(model: type[BaseModel]) -> str:
    """One line per field of ``model``'s items, from the field descriptions, for models that can't
    see a schema (a grammar constrains the shape, but only the prompt carries the meaning)."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    lines: list[str] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        for name, prop in node.get("properties", {}).items():
            target = _deref(prop, defs)
            items = _deref(target.get("items", {}), defs) if target.get("type") == "array" else {}
            if "properties" in items:
                walk(items, f"{prefix}{name}[].")
                continue
            description = prop.get("description") or target.get("description")
            if description:
                lines.append(f"- {prefix}{name}: {description}")

    walk(schema, "")
    return "Answer fields:\n" + "\n".join(lines) if lines else ""


def _deref(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        for option in node.get("anyOf", []):
            if "$ref" in option:
                return _deref(option, defs)
        return node
    return _deref(defs[ref.rsplit("/", 1)[-1]], defs)
