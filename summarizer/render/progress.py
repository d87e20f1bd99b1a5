"""Progress shown on stderr while the embedded model's weights are checked or assembled."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..backends.weights import Progress as WeightsProgress

__all__ = ["weights_progress"]


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
