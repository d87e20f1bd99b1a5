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

__all__ = ["prompt_version", "render"]


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
