"""Which of the local engine's slots answers a request: the one that holds its article.

Every request of one brief starts with the same messages (the article), and a slot of llama-server keeps
the prompt it read last: a request sent to that slot reads only its own question. Left to choose, the
engine puts requests that arrive together in slots of their own (it answers one request a slot at a time),
and each of them reads the whole article again; measured on two cores, a brief's things questions sent
at once each read its 1,500 tokens again, and the first question's nine tokens of answer took 289 s,
written a token a step between the other slots' reading. The engine has no prefix shared between slots,
so the requests of one article wait for its slot instead (``id_slot``: the engine keeps a request for a
busy slot until it is free), and several articles in flight (a batch's ``--concurrency``) each have a
slot of their own, read once and answered together.

A request whose prompt shares less than half of itself with every slot's (another article) takes a slot
no request of this process is in, the one used longest ago, whose article is likeliest done with.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

__all__ = ["SlotChooser"]


@dataclass
class _Slot:
    prompt: str = ""
    """The prompt sent to it last: what the engine holds in it."""
    in_flight: int = 0
    last_used: int = -1


@dataclass
class SlotChooser:
    """Slots chosen for one process's requests to one engine of ``slots`` slots."""

    slots: int
    _held: list[_Slot] = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _clock: itertools.count[int] = field(init=False, default_factory=itertools.count)

    def __post_init__(self) -> None:
        self._held = [_Slot() for _ in range(self.slots)]

    def take(self, prompt: str) -> int:
        """The slot to send ``prompt`` to; :meth:`give_back` it when the answer is in."""
        with self._lock:
            held = self._held
            shared = [_shared(prompt, slot.prompt) for slot in held]
            best = max(range(self.slots), key=lambda n: shared[n])
            if 2 * shared[best] < len(prompt):
                # Another article: a slot nothing here waits on, else the least waited on.
                best = min(range(self.slots), key=lambda n: (held[n].in_flight, held[n].last_used))
            slot = held[best]
            slot.prompt = prompt
            slot.in_flight += 1
            slot.last_used = next(self._clock)
            return best

    def give_back(self, slot: int) -> None:
        with self._lock:
            self._held[slot].in_flight -= 1


def _shared(a: str, b: str) -> int:
    """The length of the prefix ``a`` and ``b`` share."""
    low, high = 0, min(len(a), len(b))
    while low < high:  # a[:low] == b[:low]; the first difference, if any, is before high
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
