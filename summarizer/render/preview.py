"""What the analysis found, on a terminal, while the model is still at work: the quotes whose speakers the
parse names, the dated expressions with their clauses, and the people and bodies named. Only facts that
need no model, so nothing here changes when the brief is done."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..models import Basis, Brief
from ._common import speaker_name, timeline, when_label

__all__ = ["preview"]

_MOST = 6
_CLIP = 90


def preview(found: Brief) -> RenderableType:
    """A compact panel of ``found`` (a brief of the analysis alone)."""
    lines: list[Text] = []
    people = ", ".join(a.name for a in found.actors[:10])
    if people:
        lines.append(Text.assemble(("Named: ", "bold"), people + ("…" if len(found.actors) > 10 else "")))
    sure = [q for q in found.quotes if q.speaker_basis is Basis.ANALYSIS]
    if sure:
        lines.append(
            Text(f"Quotes with the speaker the parse names ({len(sure)} of {len(found.quotes)}):", "bold")
        )
        lines += [
            Text.assemble("  ", (speaker_name(found, q), "bold"), ": “", _clip(q.text), "”")
            for q in sure[:_MOST]
        ]
    dated = timeline(found)
    if dated:
        lines.append(Text(f"Dates ({len(dated)}):", "bold"))
        lines += [
            Text.assemble("  ", (when_label(e.when), "cyan"), "  ", _clip(e.what)) for _, e in dated[:_MOST]
        ]
    return Panel(
        Group(*lines) if lines else Text("nothing found yet"),
        title="found in the text so far (the model is still reading)",
        title_align="left",
        border_style="dim",
    )


def _clip(text: str) -> str:
    # Cut at a word, and say so: the whole item comes in the brief.
    return text if len(text) <= _CLIP else text[:_CLIP].rsplit(" ", 1)[0] + " …"
