"""Speakers the NER missed but the parse shows by name (speakers.py): "said Mayor Ana Ruiz"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .entities import Entity
from .lexicon import TITLES
from .nlp import text_of
from .referents import a_person

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["newly_named"]


def newly_named(token: Token, entities: list[Entity]) -> Entity | None:
    """A speaker the NER missed but the parse shows by name: "said Mayor Ana Ruiz" is a person, with the
    title before the name as the role the article gives."""
    if token.pos_ != "PROPN" or a_person(token):
        return None
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < token.i]
    words = [*words, token]
    titles = [t for t in words if t.lower_ in TITLES]
    names = [t for t in words if t.lower_ not in TITLES]
    if not names or any(not t.text[:1].isupper() for t in names):
        return None
    doc, first, last = token.doc, names[0], names[-1]
    span = Span(start=first.idx, end=last.idx + len(last.text))
    role = Span(start=titles[0].idx, end=titles[-1].idx + len(titles[-1].text)) if titles else None
    entity = Entity(
        name=text_of(doc)[span.start : span.end],
        kind=ActorKind.PERSON if len(names) > 1 or titles else ActorKind.ORGANIZATION,
        mentions=[span],
        role=text_of(doc)[role.start : role.end] if role else None,
        role_span=role,
    )
    entities.append(entity)
    return entity
