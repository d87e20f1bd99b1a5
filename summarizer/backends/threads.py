"""How many CPU threads the local model reads and writes with.

llama.cpp runs a prompt (many tokens a step) on ``n_threads_batch`` threads and writes one token a step
on ``n_threads``. The two behave differently when another process keeps a core busy: reading splits
large matrix products between threads, so a thread that shares its core only slows its own share, while
writing is a few hundred tiny steps a token, each ending in a barrier where every thread waits for the
slowest; a thread that shares its core with another process makes all of them wait for its turn. On this
project's 2-core machine, writing on 2 threads fell from 21.7 to 8.4 tok/s with ``yes > /dev/null``
beside it, while 1 thread wrote 18.1 idle and 17.5 busy (llama-batched-bench; docs/strategy.md).

So reading takes every core this process may use, and writing leaves one free for the rest of the
machine. A short read (the few new tokens of a question asked after another on the same article, whose
prefix the model holds already) is like writing: a few tokens a step, so little work per barrier that the
threads mostly wait on each other; it takes the writing threads. ``--threads N`` (``SUMMARIZER_THREADS``)
sets both to N.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["SHORT_READ", "Threads", "choose_threads", "usable_cores"]


@dataclass(frozen=True)
class Threads:
    """Threads for reading a prompt (``n_threads_batch``) and for writing tokens (``n_threads``)."""

    read: int
    write: int

    def reading(self, tokens: int) -> int:
        """Threads to read ``tokens`` new prompt tokens with."""
        return self.write if tokens <= SHORT_READ else self.read


SHORT_READ = 128
"""New prompt tokens read on the writing threads, at most: a things question's own words are about 80
(the article before them is in the model's cache); the article itself is hundreds."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or taskset's limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def choose_threads(setting: int | None) -> Threads:
    """The threads to use: ``setting`` for both, or every usable core to read and one fewer to write."""
    if setting is not None:
        return Threads(read=setting, write=setting)
    cores = usable_cores()
    return Threads(read=cores, write=max(1, cores - 1))
