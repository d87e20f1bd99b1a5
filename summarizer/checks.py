"""What a brief must hold to count as one: a brief the model gave nothing to is a failure, not a result."""

from __future__ import annotations

from .errors import ExtractionError
from .models import Brief

__all__ = ["require_content"]


def require_content(brief: Brief) -> None:
    """ExtractionError, with the passes' warnings as its cause, when every pass failed (no headline and
    no actors, events or consequences: quotes alone come from the article, not the model) or when the
    brief holds nothing at all (no actors, events, quotes or consequences)."""
    found = brief.actors or brief.events or brief.consequences
    if found or (brief.headline and brief.quotes):
        return
    what = "every pass failed" if not brief.headline else "no actors, events, quotes or consequences"
    causes = "; ".join(brief.run.warnings) or "the model's answers held nothing"
    raise ExtractionError(
        f"an empty brief ({what}): {causes}. Nothing was cached; check that the model can follow the "
        "passes' JSON schemas (--model / SUMMARIZER_MODEL, --base-url / SUMMARIZER_BASE_URL), or try "
        "again for a model that answers differently each time"
    )
