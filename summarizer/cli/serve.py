"""``summarizer serve``: the local engine kept warm for every command on this machine until stopped."""

from __future__ import annotations

import signal
from types import FrameType

import typer

from ..config import Settings
from ..errors import SummarizerError
from .messages import error, say

__all__ = ["keep_serving"]


def keep_serving(settings: Settings, *, slots: int, port: int) -> None:
    """Start the engine, say where it listens, and keep it until Ctrl-C or SIGTERM (exit 0), or until it
    dies (exit 1, saying why and where its log is)."""
    from ..backends.client import engine_dir, engine_options, serve_file, weights
    from ..backends.serving import forget_warm, keep_warm
    from ..render.progress import weights_progress

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        options = engine_options(settings, weights(settings, weights_progress()), slots=slots, port=port)
        engine = keep_warm(options, serve_file(), engine_dir())
    except SummarizerError as exc:
        error(str(exc))
        raise typer.Exit(1) from None
    try:
        say(
            f"summarizer: the local engine listens at {engine.base_url}/v1 ({options.alias}, {slots} slots, "
            f"threads {options.threads.read} to read and {options.threads.write} to write); briefs on "
            f"this machine use it. Ctrl-C stops it. Log: {engine.log_path}"
        )
        engine.wait()
        error(engine.failure())
        raise typer.Exit(1)
    except KeyboardInterrupt:
        say("summarizer: the local engine stopped")
    finally:
        forget_warm(serve_file())
        engine.stop()
