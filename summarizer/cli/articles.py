"""The articles a command names (files, folders, globs, stdin), where each one's brief goes, and reading
them."""

from __future__ import annotations

import datetime as dt
import glob
import itertools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import typer

from ..ingest import Source, path_origin, read_path, source_from_bytes
from ..render.formats import FORMATS, Format
from .messages import say

__all__ = ["STDIN", "Article", "Failure", "expand", "output_paths", "read_article"]

_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_GLOB_CHARS = re.compile(r"[*?\[]")
STDIN = "-"
_STDIN_ORIGIN = "<stdin>"


@dataclass(frozen=True)
class Article:
    """One article to brief, or a PATH argument that named none (``problem`` says why)."""

    name: str
    """The path as given or found, or ``-`` for stdin."""
    problem: str | None = None

    @property
    def origin(self) -> str:
        """The name in messages: as ``read_path`` reports it (``./a.txt`` is ``a.txt``)."""
        return _STDIN_ORIGIN if self.name == STDIN else path_origin(Path(self.name))


def expand(paths: list[str]) -> tuple[list[Article], bool]:
    """The articles that ``paths`` name: globs expanded (for shells that don't, and on Windows), folders
    listed, ``-`` kept for stdin; each file once. Also whether some argument named several articles."""
    found: list[Article] = []
    several = False
    for path in paths:
        if path == STDIN:
            found.append(Article(STDIN))
        elif Path(path).is_dir():
            several = True
            found += _folder(Path(path))
        elif _GLOB_CHARS.search(path) and not os.path.lexists(path):
            several = True
            matches = sorted(glob.glob(path, recursive=True))
            files = [Article(m) for m in matches if _is_article(Path(m))]
            for folder in (Path(m) for m in matches if Path(m).is_dir()):
                files += _folder(folder, quiet=True)
            found += files or [Article(path, "no file matches this pattern")]
        else:
            found.append(Article(path))  # reading it says what is wrong, if anything
    seen: set[str] = set()
    unique = []
    for article in found:
        key = article.name if article.name == STDIN or article.problem else os.path.realpath(article.name)
        if key not in seen or article.name == STDIN:
            seen.add(key)
            unique.append(article)
    return unique, several


def _folder(folder: Path, *, quiet: bool = False) -> list[Article]:
    files = sorted(p for p in folder.iterdir() if _is_article(p))
    if not files and not quiet:
        kinds = ", ".join(f"*{s}" for s in _ARTICLE_SUFFIXES)
        return [Article(str(folder), f"no articles found in this folder (looked for {kinds})")]
    return [Article(str(p)) for p in files]


def _is_article(path: Path) -> bool:
    """An article file of a folder or a pattern: a README there tells about the articles, it is not one."""
    return (
        path.suffix.lower() in _ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() != "readme"
        and path.is_file()
    )


def output_paths(
    articles: list[Article], given: str | None, fmt: Format, several: bool
) -> dict[str, Path] | None:
    """Where each article's brief goes: None for stdout, else a path per article name.

    A folder gets one ``<stem>.<ext>`` per article (``<stem>.brief.<ext>`` where that would overwrite an
    input, ``<stem>-2.<ext>`` for a second article of the same name).
    """
    if given is None:
        return None
    output = Path(given)
    inputs = {os.path.realpath(a.name) for a in articles if a.name != STDIN and not a.problem}
    to_folder = output.is_dir() or given.endswith(("/", os.sep)) or len(articles) > 1 or several
    if not to_folder:
        if os.path.realpath(output) in inputs:
            raise typer.BadParameter(
                f"{output} is the article itself: it would be overwritten", param_hint="--output"
            )
        return {articles[0].name: output} if articles else {}
    if output.exists() and not output.is_dir():
        raise typer.BadParameter(
            f"{output} is a file, but {len(articles)} articles need a folder for their briefs",
            param_hint="--output",
        )
    targets: dict[str, Path] = {}
    taken: set[str] = set()
    for article in articles:
        stem = "stdin" if article.name == STDIN else Path(article.name).stem
        suffix = FORMATS[fmt].suffix
        if os.path.realpath(output / f"{stem}{suffix}") in inputs:
            stem += ".brief"
        numbered = (f"{stem}-{n}{suffix}" for n in itertools.count(2))
        name = next(
            name
            for name in itertools.chain([f"{stem}{suffix}"], numbered)
            if name.lower() not in taken and os.path.realpath(output / name) not in inputs
        )
        taken.add(name.lower())
        targets[article.name] = output / name
    return targets


def read_article(article: Article, dateline: dt.date | None) -> Source:
    if article.problem:
        raise Failure(article.problem)
    if article.name == STDIN:
        if sys.stdin.isatty():
            say("summarizer: reading an article from stdin (end it with Ctrl-D)")
        return source_from_bytes(sys.stdin.buffer.read(), origin=_STDIN_ORIGIN, dateline=dateline)
    try:
        return read_path(Path(article.name), dateline=dateline)
    except OSError as exc:
        raise Failure(f"cannot read it: {exc.strerror or exc}") from None


class Failure(Exception):
    """An article could not be briefed: the message says why (without the article's name)."""
