"""Union-find over items by index: which of them are one, joined pair by pair (aliases.py's names)."""

from __future__ import annotations

__all__ = ["Sets"]


class Sets:
    """Union-find over forms (by index)."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self._parent[max(a, b)] = min(a, b)
