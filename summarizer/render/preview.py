"""What code found, on a terminal, while the model is still at work. First the text alone, at once: the
quoted passages and the dated expressions in their sentences; then, once the article is parsed, the
quotes whose speakers the parse names, the dated expressions with their clauses, and the people and
bodies named. Only facts that need no model, so nothing of the second changes when the brief is done."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..models import Basis, Preview
from ._common import speaker_name, timeline, when_label

__all__ = ["preview"]

_MOST = 6
_CLIP = 90


def preview(found: Preview) -> RenderableType:
    """A compact panel of ``found``."""
    brief = found.brief
    lines: list[Text] = []
    people = ", ".join(a.name for a in brief.actors[:10])
    if people:
        lines.append(Text.assemble(("Named: ", "bold"), people + ("…" if len(brief.actors) > 10 else "")))
    if found.parsed:
        sure = [q for q in brief.quotes if q.speaker_basis is Basis.ANALYSIS]
        if sure:
            lines.append(
                Text(f"Quotes with the speaker the parse names ({len(sure)} of {len(brief.quotes)}):", "bold")
            )
            lines += [
                Text.assemble("  ", (speaker_name(brief, q), "bold"), ": “", _clip(q.text), "”")
                for q in sure[:_MOST]
            ]
    elif brief.quotes:
        lines.append(Text(f"Quoted ({len(brief.quotes)}):", "bold"))
        lines += [Text.assemble("  “", _clip(q.text), "”") for q in brief.quotes[:_MOST]]
    dated = timeline(brief)
    if dated:
        lines.append(Text(f"Dates ({len(dated)}):", "bold"))
        lines += [
            Text.assemble(
                "  ", (when_label(e.when), "cyan"), "  ", _clip(e.what, e.when.text if e.when else "")
            )
            for _, e in dated[:_MOST]
        ]
    doing = "the model is still reading" if found.parsed else "parsing for names and speakers"
    return Panel(
        Group(*lines) if lines else Text("nothing found yet"),
        title=f"found in the text so far ({doing})",
        title_align="left",
        border_style="dim",
    )


def _clip(text: str, around: str = "") -> str:
    # Cut at a word, and say so: the whole item comes in the brief. A date's words are kept in sight: two
    # times of one long sentence would otherwise show the same opening words.
    at = text.find(around) if around else -1
    if len(text) > _CLIP and at > _CLIP * 2 // 3:
        return "… " + _clip(text[text.rfind(" ", 0, at - _CLIP // 3) + 1 :])
    return text if len(text) <= _CLIP else text[:_CLIP].rsplit(" ", 1)[0] + " …"
