"""Clauses that tell of another event than the clause they stand in: a relative clause with a subject of
its own ("a settlement the office signed four years ago", "Vidal, whose side lost in November"), a
participle that describes a noun with a time of its own ("the builder chosen by the club last month",
"a suit filed in September") and a clause of comparison ("a new cap, like the one parliament scrapped
in 2019"). A time inside one dates
that other event, so a timeline entry for it shows that clause, never the clause it stands in
(entries.py): "The reductions broke a settlement …" did not happen four years ago.

A relative clause reads alone with the noun it describes put where its relative word stands or where
the object it lacks would stand ("the office signed [a settlement] four years ago", "[Vidal's] side
lost …"). A clause of comparison says what it compares only through the clause it is compared with
("the one", "they did"), and so does a relative clause of "the one": neither reads alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .referents import SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Placed", "another_event", "in_place", "participle"]

_RELATIVE_WORDS = frozenset({"WDT", "WP", "WP$"})
_COMPARING = frozenset({"like", "than"})
"""Subordinators of a clause of comparison ("like the one parliament scrapped", "than it did in 2019");
not "as", which also says when or why."""
_OCCASIONS = frozenset({"in", "at", "during"})
"""Prepositions whose object is where or when the clause happened ("came in a press conference")."""
_STAND_INS = frozenset({"one", "ones"})
"""Nouns that stand for another noun ("like the one the council dropped"): they name nothing alone."""
_OBJECTS = frozenset({"dobj", "pobj", "dative", "attr", "oprd", "ccomp", "xcomp"})


def another_event(verb: Token) -> bool:
    """Whether ``verb``'s clause tells of an event apart from the clause it hangs on: a relative clause
    whose subject is its own, not its relative word ("which was released in 2009" is the noun's own
    event), a participle describing a noun, or a clause of comparison."""
    if comparison(verb) or participle(verb):
        return True
    if verb.dep_ != "relcl":
        return False
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return subject is not None and subject.tag_ not in _RELATIVE_WORDS


@dataclass(frozen=True)
class Placed:
    """What an entry changes to show a relative clause alone: words it adds before a word it shows, words
    it puts in a word's place, words it leaves out (the relative word)."""

    added: dict[int, str] = field(default_factory=dict)
    replaced: dict[int, str] = field(default_factory=dict)
    dropped: set[int] = field(default_factory=set)


def in_place(verb: Token, shown: set[int], name: str) -> Placed | None:
    """How the relative clause of ``verb``, of which an entry shows the words ``shown``, tells its event
    alone: the noun it describes (by ``name``) put where its relative word or its missing object stands
    ("the office signed [a settlement] four years ago", "[Vidal's] side lost …"); None where it cannot
    (a comparison, a noun that names nothing alone, no place for the noun among the words shown)."""
    if comparison(verb) or not _namable(verb.head):
        return None
    if participle(verb):
        return Placed()  # its noun is its subject, which entries.py names before it
    relative, after = _gap(verb)
    if relative is not None and relative.tag_ == "WP$":
        return Placed(replaced={relative.i: "[" + name + ("'" if name.endswith("s") else "'s") + "]"})
    dropped = {relative.i} if relative is not None else set()
    following = min((i for i in shown - dropped if after is not None and i > after.i), default=None)
    if following is None:
        # Without a place for the noun, the clause reads alone only where it lacks no object.
        return Placed() if relative is None else None
    return Placed(added={following: f"[{name}]"}, dropped=dropped)


def participle(verb: Token) -> bool:
    """Whether ``verb`` is a past participle describing a noun, with no subject of its own ("the builder
    chosen by the club", "ships built in 1985"): what was done to the noun. A present one ("a statement
    saying …", "problems resulting from …") tells of no event done at a time. Nor is one whose noun is
    the occasion of the clause around it ("came in a press conference held on Friday", "spoke at a
    rally held on Monday"): what happened there happened then too."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in SUBJECTS or c.lower_ == "to" for c in verb.children)
        and not (noun.dep_ == "pobj" and noun.head.lower_ in _OCCASIONS)
    )


def comparison(verb: Token) -> bool:
    """Whether ``verb`` heads a clause of comparison ("like the one parliament scrapped in 2019")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _COMPARING for c in verb.children)


def _namable(noun: Token) -> bool:
    """Whether the noun a relative clause describes can be named in its place: not a pronoun nor a word
    standing for another noun ("the one"), nor a time ("the year the plant opened")."""
    return (
        noun.pos_ in ("NOUN", "PROPN")
        and noun.lower_ not in _STAND_INS
        and noun.ent_type_ not in ("DATE", "TIME")
    )


def _gap(verb: Token) -> tuple[Token | None, Token | None]:
    """For a relative clause of ``verb``: its relative word (None in "the office signed"), and the word
    after which the noun it describes stands, as the object the clause lacks (None when there is no
    such place, or when the relative word is a possessive, which the noun replaces)."""
    if any(c.tag_ == "WRB" and c.i < verb.i for c in verb.children):
        return None, None  # "where she lived in 2009": no object is missing
    relative = next((t for t in verb.subtree if t.tag_ in _RELATIVE_WORDS and t.i < verb.i), None)
    if relative is not None:
        if relative.tag_ == "WP$":
            return relative, None
        return relative, relative.head if relative.dep_ in ("dobj", "pobj", "dative") else None
    lacking = verb
    while True:
        inner = next((c for c in lacking.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if inner is None:
            break
        lacking = inner  # "they intend to launch into service in 2006": what is launched
    if any(c.dep_ in _OBJECTS for c in lacking.children):
        return None, None
    return None, lacking
