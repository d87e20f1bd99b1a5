"""One actor per entity: when two names, within an article or across articles, name the same one."""

from __future__ import annotations

import re

from .ground import normalize
from .models import Actor, ActorKind

__all__ = ["bare", "names_match", "same_entity"]

_TITLES = re.compile(
    r"^(?:(?:former|then|late|U\.S\.|Russian|American|Vice|Deputy|Prime|Foreign|Defen[cs]e|State|"
    r"President|Minister|Secretary|Senator|Sen\.|Rep\.|Gov\.|Governor|Ambassador|Chancellor|King|Queen|"
    r"Prince|Pope|Dr\.|Mr\.|Mrs\.|Ms\.|General|Gen\.|Chief|Leader|Spokesman|Spokeswoman|Spokesperson)\s+)+"
)


def bare(name: str) -> list[str]:
    """The words of a name without its titles, normalized: "President Joe Biden" → ["joe", "biden"]."""
    return normalize(_TITLES.sub("", name.strip()))[0].split()


def names_match(one: list[str], other: list[str], *, people: bool) -> bool:
    """Whether two bare names name one entity: equal, or for people, one the end of the other (a surname
    alone, or a name without its first name)."""
    short, long = sorted((one, other), key=len)
    if not short:
        return False
    return short == long or (people and long[-len(short) :] == short)


def same_entity(one: Actor, other: Actor) -> bool:
    """Whether two actors are one entity, by their names and kinds."""
    people = one.kind is ActorKind.PERSON and other.kind is ActorKind.PERSON
    return names_match(bare(one.name), bare(other.name), people=people)
