"""What the command line says on stderr: one-line errors, log records, and --verbose reports."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import configured_keys, redact
from ..models import Brief
from ..render.safe import printable


def one_line(text: str) -> str:
    return " ".join(text.split())


def error(message: str, origin: str | None = None) -> None:
    """``summarizer: error: <origin>: <what is wrong>`` on one line of stderr."""
    message = one_line(message)
    if origin and not message.startswith(f"{origin}:"):
        message = f"{origin}: {message}"
    say(f"summarizer: error: {message}")


def say(line: str) -> None:
    """A line on stderr; control characters in it (from an article's name, a server's message) shown
    as symbols, never acted on by the terminal, and API keys (a server's message may echo one) as
    ``***``."""
    print(printable(redact(line, *configured_keys())), file=sys.stderr, flush=True)


def report(result: Brief, origin: str, seconds: float) -> None:
    """--verbose: what answered, how long each pass took, and the brief's warnings."""
    run = result.run
    passes = ", ".join(f"{name} {s:.1f}s" for name, s in run.seconds.items()) or "no passes"
    say(
        f"summarizer: {origin}: {passes}; {seconds:.1f}s in all; {run.model} ({run.backend}); "
        f"{run.usage.prompt_tokens}+{run.usage.completion_tokens} tokens, {run.reasks} re-asks, "
        f"{run.cached} cached"
    )
    for warning in run.warnings:
        say(f"summarizer: warning: {origin}: {one_line(warning)}")


@contextmanager
def logs(verbose: bool) -> Iterator[None]:
    """Log records on stderr while the command runs, one line each: this package's warnings always; with
    --verbose also its INFO records and other libraries' warnings. Without it those are dropped: the
    errors behind them reach the user once, as the article's one-line error."""
    root = logging.getLogger()
    ours = logging.getLogger("summarizer")
    handler = _LogLines(verbose)
    level = ours.level
    root.addHandler(handler)  # the command owns the process: no "last resort" handler printing raw records
    if verbose:
        ours.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        ours.setLevel(level)


class _LogLines(logging.Handler):
    """``summarizer: log: <logger>: <level>: <message>`` on whatever sys.stderr is at the time (above a live
    display, which redirects it), never a traceback."""

    def __init__(self, verbose: bool) -> None:
        super().__init__()
        self._verbose = verbose

    def filter(self, record: logging.LogRecord) -> bool:
        ours = record.name == "summarizer" or record.name.startswith("summarizer.")
        return ours or (self._verbose and record.levelno >= logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = one_line(record.getMessage())
            if record.exc_info and record.exc_info[1] is not None:
                text += f" ({type(record.exc_info[1]).__name__}: {one_line(str(record.exc_info[1]))})"
            say(f"summarizer: log: {record.name}: {record.levelname.lower()}: {text}")
        except Exception:
            self.handleError(record)
