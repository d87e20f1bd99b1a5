"""How certain a sentence makes what it says will follow, read from its words.

A 1.5B model labelled every consequence of the example "expected"; the words that carry certainty in
news English ("unless", "warned", "could", "plans to", "will") are few and say it plainly, so code reads
them and the reader can see which word decided.
"""

from __future__ import annotations

import re

from ..models import Certainty
from .lexicon import CERTAINTY_CUES

__all__ = ["certainty_of"]

_CUES = [(Certainty(kind), re.compile(words, re.IGNORECASE)) for kind, words in CERTAINTY_CUES]


def certainty_of(clause: str) -> Certainty:
    """The certainty of the first cue kind ``clause`` holds; "happened" when it holds none."""
    return next((kind for kind, cue in _CUES if cue.search(clause)), Certainty.HAPPENED)
