"""The command line: ``summarizer brief``, ``story``, ``schema`` and ``eval``; the archive's ``archive``,
``search``, ``quotes`` and ``timeline``.

stdout carries only briefs (and stories, the schema, eval's report); progress, timings and errors go to
stderr. Exit codes: 0 every brief written, 1 some article failed, 2 a usage error, 130 interrupted.

- ``commands``: the commands, each a thin typer function;
- ``options``: the options the commands share (the backend's become the command's Settings), the formats;
- ``articles``: what PATH arguments name, and where each brief goes; ``output``: writing it;
- ``batch``: one pass over the articles with one Summarizer, for every command;
- ``messages``: what goes to stderr; ``evaluation``: eval's report as tables; ``usage``: examples;
- ``archive``: the archive's own commands; ``queries``: search, quotes, timeline (registered on ``app``
  when imported).

This package and ``render`` are the only ones that import rich or typer, and nothing else imports them
(the import-linter contracts in pyproject.toml). rich is imported only once a brief is on its way (typer
imports it only to format help and usage errors), and the client stack (openai, instructor, llama_cpp)
only when the pipeline asks the model.
"""

from . import queries as _queries  # noqa: F401 (registers the archive's commands)
from .commands import Document, app, schema_json

__all__ = ["Document", "app", "schema_json"]
