"""The check of a finished brief: that the model gave it anything at all."""

from __future__ import annotations

from ..errors import ExtractionError
from ..models import Basis, Brief

__all__ = ["require_content"]


def require_content(brief: Brief) -> None:
    """ExtractionError, with the passes' warnings as its cause, when every pass of the model failed: no
    headline, no event in the model's words (actors, quotes, consequences and the events shown in the
    article's own words come from the analysis, not the model)."""
    if brief.headline or any(e.what_basis is Basis.MODEL for e in brief.events):
        return
    causes = "; ".join(brief.run.warnings) or "the model's answers held nothing"
    raise ExtractionError(
        f"an empty brief (every pass failed): {causes}. Nothing was cached; check that the model can "
        "follow the passes' JSON schemas (--model / SUMMARIZER_MODEL, --base-url / SUMMARIZER_BASE_URL), "
        "or try again for a model that answers differently each time"
    )
