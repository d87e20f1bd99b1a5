"""Checks of a brief: the model's own words (headline, summary) against the article they claim to
summarize, and that the model gave the brief anything at all."""

from __future__ import annotations

import re

from ..analysis.lexicon import ROLE_NOUNS
from ..errors import ExtractionError
from ..models import Basis, Brief

__all__ = ["miscast", "require_content", "unsupported"]

_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z.]|[A-Za-z]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)\W*$")


def unsupported(written: str, article: str) -> list[str]:
    """Names and numbers in ``written`` that the article does not give. A capitalized word counts as a
    name unless it begins a sentence; it is supported when the article has it, or a word of the same
    stem ("Recalls" in a title-case headline, "recalled" in the article)."""
    words = {w.lower().rstrip(".") for w in _WORD.findall(article)}
    stems = {w[:5] for w in words if len(w) >= 5}
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(article)}
    missing: list[str] = []
    for line in written.splitlines():
        missing += _names(line, words, stems)
    missing += [n for n in _NUMBER.findall(written) if n.replace(",", "").rstrip(".") not in numbers]
    return list(dict.fromkeys(missing))


def _names(written: str, words: set[str], stems: set[str]) -> list[str]:
    found = list(_WORD.finditer(written))
    long = [m.group(0) for m in found if len(m.group(0)) > 3]
    if long and sum(w[0].isupper() for w in long) > 0.6 * len(long):
        return []  # a title-case headline: every word is capitalized, names and verbs alike
    missing = []
    for m in found:
        word = m.group(0).rstrip(".").lower()
        if not m.group(0)[0].isupper() or _SENTENCE_START.search(written[: m.start()]):
            continue
        if word in words or word.replace("’", "'") in words or (len(word) >= 5 and word[:5] in stems):
            continue
        if word.removesuffix("'s").removesuffix("’s") in words:
            continue
        missing.append(m.group(0).rstrip("."))
    return missing


def miscast(written: str, roles: dict[str, str], article: str) -> list[str]:
    """Roles ``written`` gives people that contradict the roles the article states (``roles``: name →
    the article's words): a role noun just before a person's name or surname ("Foreign Minister
    Peskov") that the article's role for that person does not hold, unless the article itself puts
    those words before the name."""
    found = []
    for name, role in roles.items():
        held = {w.lower().strip(".,") for w in role.split()}
        for variant in dict.fromkeys([name, name.split()[-1]]):
            for m in re.finditer(rf"((?:[\w.'’-]+\s+){{1,3}}){re.escape(variant)}\b", written):
                before = [w.lower().strip(".,") for w in m.group(1).split()]
                wrong = [w for w in before if w in ROLE_NOUNS and w not in held]
                if wrong and re.search(
                    rf"\b{re.escape(wrong[-1])}\s+(?:\S+\s+)?{re.escape(variant)}", article, re.I
                ):
                    continue
                if wrong:
                    found.append(f"{name} is '{role}' in the article, not '{' '.join(wrong)}'")
    return list(dict.fromkeys(found))


def require_content(brief: Brief) -> None:
    """ExtractionError, with the passes' warnings as its cause, when every pass of the model failed: no
    headline, no event in the model's words, no consequences (actors, quotes and the events shown in the
    article's own words come from the analysis, not the model)."""
    if brief.headline or brief.consequences or any(e.what_basis is Basis.MODEL for e in brief.events):
        return
    causes = "; ".join(brief.run.warnings) or "the model's answers held nothing"
    raise ExtractionError(
        f"an empty brief (every pass failed): {causes}. Nothing was cached; check that the model can "
        "follow the passes' JSON schemas (--model / SUMMARIZER_MODEL, --base-url / SUMMARIZER_BASE_URL), "
        "or try again for a model that answers differently each time"
    )
