"""Matching a brief's names, quotes and dates to the gold's."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...analysis.text import normalize
from ...models import Actor, ActorKind, Span

if TYPE_CHECKING:
    from .model import GoldActor, GoldEvent

__all__ = [
    "CALENDAR",
    "actor_named",
    "brief_actor_keys",
    "evidence_overlaps",
    "gold_actor_keys",
    "name_key",
    "name_keys",
    "name_variants",
    "quote_key",
    "same_date",
    "shared_surnames",
]

CALENDAR = re.compile(r"\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?")
"""An ISO calendar value at any precision: year, month, ISO week or day."""


def name_key(name: str) -> str:
    """A name as compared: normalized (quotation marks, dashes, spacing, case), apostrophes unspaced
    ("O' Leary", an artifact of MEANTIME's tokens), without a leading "the", a possessive or edge
    punctuation."""
    key = re.sub(r"\s*'\s*", "'", normalize(name)[0]).strip(' .,;:!?"()[]')
    key = re.sub(r"'s?$", "", key.removeprefix("the "))
    return key.strip(' .,;:!?"()[]')


def name_keys(names: Iterable[str]) -> set[str]:
    return {k for k in map(name_key, names) if k}


def gold_actor_keys(actor: GoldActor, actors: Sequence[GoldActor]) -> set[str]:
    """The keys that name a gold actor: its name, its aliases and a person's surname, but not a surname
    another of the article's actors (``actors``) shares: "Ortega" names neither Marisol nor Luis Ortega."""
    keys = name_keys([actor.name, *actor.aliases])
    keys |= name_keys(_surname(actor))
    return keys - shared_surnames(actors)


def shared_surnames(actors: Sequence[GoldActor]) -> set[str]:
    """The surnames (as keys) that two or more people among ``actors`` have: a name alone says which of
    them it is no more than it says either."""
    seen: Counter[str] = Counter(k for a in actors for k in name_keys(_surname(a)))
    return {k for k, n in seen.items() if n > 1}


def _surname(actor: GoldActor) -> list[str]:
    words = name_variants(actor.name)[0].split()
    return words[-1:] if actor.kind == ActorKind.PERSON.value and len(words) > 1 else []


def brief_actor_keys(actor: Actor) -> set[str]:
    return name_keys([actor.name, *actor.aliases])


def quote_key(text: str) -> str:
    return " ".join(normalize(text)[0].replace('"', " ").split())


def evidence_overlaps(when_text: str, when_span: Span | None, gold: GoldEvent) -> bool:
    if when_span is not None and gold.evidence_span is not None:
        return when_span.start < gold.evidence_span.end and gold.evidence_span.start < when_span.end
    a, b = quote_key(when_text), quote_key(gold.evidence)
    if not a or not b:
        return False
    return bool(_within(a, b) or _within(b, a))


def _within(needle: str, hay: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", hay) is not None


def same_date(value: str | None, gold: str) -> bool:
    """Whether ``value`` (a brief's ISO value) gives the ``gold`` value at the gold's precision: a finer
    value counts when it falls within the gold's (2021-03-17 for 2021-03, or for 2021-W11), a coarser one
    never does."""
    if not value:
        return False
    value, gold = value.strip(), gold.strip()
    if re.fullmatch(r"\d{4}", gold):
        return value[:4] == gold and bool(CALENDAR.fullmatch(value))
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return bool(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value)) and value[:7] == gold
    if re.fullmatch(r"\d{4}-W\d{2}", gold):
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            return value == gold
        try:
            year, week, _ = dt.date.fromisoformat(value).isocalendar()
        except ValueError:
            return False
        return f"{year:04d}-W{week:02d}" == gold
    return value == gold[:10]


def actor_named(name: str, actors: list[GoldActor]) -> GoldActor | None:
    key = name_key(name)
    return next((a for a in actors if key in gold_actor_keys(a, actors)), None)


def name_variants(name: str) -> list[str]:
    name = name.strip()
    out = []
    if "(" in name:
        before, _, inside = name.partition("(")
        out.append(before.strip())
        inside = inside.rstrip(")").strip()
        initials = [w[0] for w in before.split() if w[:1].isupper()]
        # An acronym of the name ("Royal Air Force (RAF)") is a name; a qualifier ("Ministry of Defence
        # (UK)") is not.
        if inside.isupper() and " " not in inside and initials and inside[0] == initials[0]:
            out.append(inside)
    else:
        out.append(name)
    if ", " in out[0]:
        out += [part.strip() for part in out[0].split(", ")]
    return [n for n in out if n]
