"""The headline and summary as the reader sees them: the model's sentences that held to the article
(checked), and the article's own words where one did not, even after its re-ask (stated). A summary
keeps at least two sentences: the article's lead is the fallback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis.text import content_words, normalize
from ..extract.faithful import Verdict
from ..models import Basis, Span, Support

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..analysis.entries import Entry
    from ..extract.answers import OverviewAnswer

__all__ = ["Overview", "overview"]

_FEWEST = 2
"""Sentences a summary keeps: where the model's fail, the article's lead makes them up."""
_OWN = 0.5
"""Share of a failed sentence's content words an article sentence must hold to be the one it rests on
(and shown in its place)."""


@dataclass
class Overview:
    headline: str = ""
    headline_support: Support | None = None
    summary: list[Support] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def overview(analysis: Analysis, answer: OverviewAnswer | None) -> Overview:
    """The headline and summary of ``answer`` held to ``analysis``, with what was replaced said."""
    if answer is None:
        return Overview()
    verdicts = answer.verdicts or [Verdict(answer.headline), *(Verdict(s) for s in _split(answer.summary))]
    made = Overview()
    shown: set[str] = set()
    head, *sentences = verdicts
    if head.faithful:
        made.headline, made.headline_support = head.sentence, _support(analysis, head.sentence, head.evidence)
    elif (lede := _gist(analysis, 0)) is not None:
        made.headline, made.headline_support = lede.text, _stated(analysis, lede)
        made.warnings.append(_replaced("headline", head, "the article's first sentence"))
        shown.add(_key(lede.text))
    else:
        made.headline, made.headline_support = head.sentence, None
        made.warnings.append(f"headline: {'; '.join(head.problems)}")
    for verdict in sentences:
        if verdict.faithful:
            made.summary.append(_support(analysis, verdict.sentence, verdict.evidence))
            continue
        own = _resting_on(analysis, verdict.sentence)
        gist = _gist(analysis, own) if own is not None else None
        if gist is not None and _key(gist.text) not in shown:
            made.summary.append(_stated(analysis, gist))
            shown.add(_key(gist.text))
            made.warnings.append(_replaced("summary", verdict, "the article's own words"))
        else:
            made.warnings.append(f"summary: left out “{verdict.sentence}”: {'; '.join(verdict.problems)}")
    at = 0
    while len(made.summary) < _FEWEST and at < len(analysis.sentences):
        gist = _gist(analysis, at)
        at += 1
        if gist is None or _key(gist.text) in shown or _key(gist.text) == _key(made.headline):
            continue
        made.summary.insert(
            at - 1 if at - 1 < len(made.summary) else len(made.summary), _stated(analysis, gist)
        )
        shown.add(_key(gist.text))
    return made


def _split(summary: str) -> list[str]:
    from ..extract.answers import whole_sentences

    return whole_sentences(summary)


def _key(text: str) -> str:
    return normalize(text)[0].strip(" .")


def _gist(analysis: Analysis, index: int) -> Entry | None:
    return analysis.gists[index] if index < len(analysis.gists) else None


def _resting_on(analysis: Analysis, sentence: str) -> int | None:
    """The article sentence a failed sentence of the model's was written from: the one holding most of
    its content words, at least half."""
    words = content_words(sentence)
    if not words:
        return None
    scored = [
        (len(words & content_words(analysis.text[s.start : s.end])), -n)
        for n, s in enumerate(analysis.sentences)
    ]
    best = max(scored, default=None)
    return -best[1] if best is not None and best[0] >= _OWN * len(words) else None


def _support(analysis: Analysis, sentence: str, evidence: list[Span]) -> Support:
    words = content_words(sentence)
    held = set().union(*(analysis.words_in(s) for s in evidence)) if evidence else set()
    score = round(len(words & held) / len(words), 3) if words else 0.0
    return Support(sentence=sentence, basis=Basis.CHECKED, spans=evidence, score=score)


def _stated(analysis: Analysis, gist: Entry) -> Support:
    return Support(sentence=gist.text, basis=Basis.STATED, spans=gist.pieces, score=1.0)


def _replaced(where: str, verdict: Verdict, instead: str) -> str:
    return f"{where}: the model's “{verdict.sentence}” is shown as {instead} ({'; '.join(verdict.problems)})"
