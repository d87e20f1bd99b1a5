"""The check of a finished brief: that the model gave it anything at all."""

from __future__ import annotations

from ..errors import ExtractionError
from ..models import Brief

__all__ = ["require_content"]


def require_content(brief: Brief) -> None:
    """ExtractionError, with the passes' warnings as its cause, when the model gave the brief nothing: no
    headline (actors, quotes, consequences and the timeline come from the analysis, not the model)."""
    if brief.headline:
        return
    causes = "; ".join(brief.run.warnings) or "the model's answers held nothing"
    raise ExtractionError(
        f"an empty brief (every pass failed): {causes}. Nothing was cached; check that the model can "
        "follow the passes' JSON schemas (--model / SUMMARIZER_MODEL, --base-url / SUMMARIZER_BASE_URL), "
        "or try again for a model that answers differently each time"
    )
