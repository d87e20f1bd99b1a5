"""``python -m summarizer``: the command line."""

from .cli import app

app(prog_name="summarizer")
