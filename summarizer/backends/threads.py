"""How many CPU threads the local model reads and writes with.

llama.cpp runs a prompt (many tokens a step) on ``n_threads_batch`` threads and writes one token a step
on ``n_threads``. The two behave differently when another process keeps a core busy: reading splits
large matrix products between threads, so a thread that shares its core only slows its own share, while
writing is a few hundred tiny steps a token, each ending in a barrier where every thread waits for the
slowest; a thread that shares its core with another process makes all of them wait for its turn. On this
project's 2-core machine, writing on 2 threads fell from 21.7 to 8.4 tok/s with ``yes > /dev/null``
beside it, while 1 thread wrote 18.1 idle and 17.5 busy (llama-batched-bench; docs/strategy.md).

So writing leaves one core free for the rest of the machine, and reading takes the cores no other
process keeps busy when the model loads (a fifth of a second's look at ``/proc/stat``): on a busy core a
reading thread's share of each step waits for its turn, and with one core of two busy, 2 reading threads
read slower than 1. ``--threads N`` (``SUMMARIZER_THREADS``) sets both to N.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Threads", "busy_elsewhere", "choose_threads", "usable_cores"]

_LOOK_SECONDS = 0.2
"""How long to watch the machine: 20 of the kernel's clock ticks a core, enough to tell a busy core."""


@dataclass(frozen=True)
class Threads:
    """Threads for reading a prompt (``n_threads_batch``) and for writing tokens (``n_threads``)."""

    read: int
    write: int


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or taskset's limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def busy_elsewhere() -> float:
    """How many of this process's usable cores other processes keep busy now, watched for
    :data:`_LOOK_SECONDS`; 0.0 where the kernel's counts cannot be read (not Linux)."""
    try:
        before, own_before, started = _busy_ticks(), time.process_time(), time.monotonic()
        time.sleep(_LOOK_SECONDS)
        after, own_after, ended = _busy_ticks(), time.process_time(), time.monotonic()
    except (OSError, ValueError, AttributeError):
        return 0.0
    busy = (after - before) / os.sysconf("SC_CLK_TCK") - (own_after - own_before)
    return max(0.0, busy / (ended - started))


def _busy_ticks() -> int:
    """Clock ticks the usable cores have spent busy since boot (``/proc/stat``: every column but idle
    and iowait)."""
    cores = {f"cpu{n}" for n in os.sched_getaffinity(0)}
    ticks = 0
    for line in Path("/proc/stat").read_text().splitlines():
        name, *columns = line.split()
        if name in cores:
            counts = [int(c) for c in columns[:8]]
            ticks += sum(counts) - counts[3] - counts[4]
    return ticks


def choose_threads(setting: int | None) -> Threads:
    """The threads to use: ``setting`` for both, or the usable cores no other process keeps busy to read
    (one at least) and one fewer than the usable cores to write (as many as read at most)."""
    if setting is not None:
        return Threads(read=setting, write=setting)
    cores = usable_cores()
    free = max(1, cores - round(busy_elsewhere()))
    return Threads(read=free, write=max(1, min(free, cores - 1)))
