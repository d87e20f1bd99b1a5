"""Progress on stderr: a bar while the embedded model's weights are checked or assembled, and a live display
while the model works on articles."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import terminal_console

if TYPE_CHECKING:
    from rich.live import Live
    from rich.progress import Progress, TaskID
    from rich.spinner import Spinner

    from ..backends.weights import Progress as WeightsProgress
    from ..models import Preview

__all__ = ["Display", "weights_progress"]


def weights_progress() -> WeightsProgress:
    """A callback that draws a bar on stderr for each stage (checking, assembling) while it runs; where
    stderr is not a terminal, one line says that the slow first-use assembly has started."""
    bar: Progress | None = None
    task: TaskID | None = None
    stage = ""

    def update(what: str, done: int, total: int) -> None:
        nonlocal bar, task, stage
        if what != stage:
            stage = what
            if not sys.stderr.isatty():
                if what.startswith("Assembling"):
                    print(f"summarizer: {what}: {total / 1e9:.1f} GB", file=sys.stderr)
                return
            from rich.console import Console
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                DownloadColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            task = bar.add_task(what, total=total)
            bar.start()
        if bar is not None and task is not None:
            bar.update(task, completed=done)
            if done >= total:
                bar.stop()
                bar = task = None

    return update


class Display:
    """While the model works, on stderr: a spinner naming the current pass for one article, a progress bar
    across a batch. Nothing when disabled (--quiet) or when stderr is not a terminal.

    It is paused whenever something is written (a brief on stdout, an error on stderr), so the live
    display never captures or garbles other output.
    """

    def __init__(self, total: int, *, enabled: bool) -> None:
        self._name = ""
        self._spinner: Spinner | None = None
        self._live: Live | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if not enabled:
            return
        console = terminal_console(stderr=True)
        if console is None:
            return
        if total == 1:
            from rich.live import Live
            from rich.spinner import Spinner

            # rich's Status, but with room above the spinner for the first preview, which gives way to the
            # second.
            self._spinner = Spinner("dots", style="status.spinner")
            self._live = Live(self._spinner, console=console, refresh_per_second=12.5, transient=True)
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", markup=False),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,  # paused before a brief goes to stdout
            redirect_stderr=True,  # log lines print above the bar
        )
        self._task = self._progress.add_task("", total=total)

    def begin(self, name: str) -> None:
        self._name = name
        self._show("reading")
        if self._live is not None:
            self._live.start()
        elif self._progress is not None:
            self._progress.start()

    def step(self, pass_name: str) -> None:
        self._show(pass_name)

    def preview(self, found: Preview) -> None:
        """Show what code found above the spinner while the model works; for one article only: a batch's
        briefs would scroll past one another. The text's quotes and dates stand in the live display until
        the parse's findings replace them; those are printed, to stay above the brief."""
        if self._live is None or self._spinner is None:
            return
        from .preview import preview

        if found.parsed:
            self._live.update(self._spinner)
            self._live.console.print(preview(found))
        else:
            from rich.console import Group

            self._live.update(Group(preview(found), self._spinner), refresh=True)

    def _show(self, doing: str) -> None:
        label = f"{self._name}: {doing}"
        if self._spinner is not None:
            from rich.text import Text

            self._spinner.update(text=Text(label))
        elif self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=label)

    def advance(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def pause(self) -> None:
        if self._live is not None:
            self._live.stop()
        elif self._progress is not None:
            self._progress.stop()

    stop = pause
