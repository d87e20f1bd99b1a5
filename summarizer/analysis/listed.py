"""Names in a list, as the NER reads them wrong (read by whole.py): two names run into one ("the Macbook
and Macbook Pro"), and a word of a list of things that the NER took for a name alone ("Black and
White", colours)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["listed"]


def listed(doc: Doc, found: list[SpacySpan]) -> list[SpacySpan]:
    """``found`` with each run of two names split at its "and", and the names that stand in a list of
    things taken out."""
    from spacy.tokens import Span as Piece

    kept: list[SpacySpan] = []
    for ent in found:
        if (at := _two_names(ent)) is not None:
            kept += [
                Piece(doc, ent.start, at, label=ent.label_),
                Piece(doc, at + 1, ent.end, label=ent.label_),
            ]
        elif not _among_things(ent, found):
            kept.append(ent)
    return kept


def _two_names(ent: SpacySpan) -> int | None:
    """Where the conjunction stands in a name that is two ("the Macbook and Macbook Pro"): one whose words
    after its "and" begin with all its words before it, as no one name's do ("Procter and Gamble",
    "Defence and Space Company")."""
    at = next((t.i for t in ent if t.dep_ == "cc" and t.head.i >= ent.start), None)
    if at is None:
        return None
    first = [t.lower_ for t in ent.doc[ent.start : at] if t.dep_ != "det"]
    after = [t.lower_ for t in ent.doc[at + 1 : ent.end]]
    return at if first and len(after) > len(first) and after[: len(first)] == first else None


def _among_things(ent: SpacySpan, found: list[SpacySpan]) -> bool:
    """A word the NER took for a person's name, written once, in a list with a capitalized word it took
    for no name: "two colors: Black and White", "the iPod Classic, Nano and Shuffle". The list's members are
    of one kind, and a name the NER missed beside it is no likelier than a name it made up."""
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.doc.text.count(ent.text) > 1:
        return False
    root = ent.root
    members = [root.head] if root.dep_ == "conj" else []
    members += [c for c in root.children if c.dep_ == "conj"]
    named = {t.i for e in found for t in e}
    return any(
        m.is_title and m.pos_ in ("PROPN", "NOUN") and m.i not in named and not m.ent_type_ for m in members
    )
