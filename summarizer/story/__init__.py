"""One story from several articles: their briefs merged, with the points where the sources disagree.

Nothing here asks a model: the briefs are already grounded, and the merge is code, so every item of a
story still points to the words of one article. Actors are unified by name across articles
(:mod:`.merge`); events that tell the same happening become one entry of the timeline with all their
sources (:mod:`.events`, which says when two events are one happening); every quote is kept with its
article; and where the sources give one event different dates or numbers, or the same words different
speakers, the story says so. The parts of a story are in :mod:`.models`.
"""

from __future__ import annotations

from .merge import merge_briefs
from .models import Disagreement, Story, StoryActor, StoryEvent, StoryQuote

__all__ = ["Disagreement", "Story", "StoryActor", "StoryEvent", "StoryQuote", "merge_briefs"]
