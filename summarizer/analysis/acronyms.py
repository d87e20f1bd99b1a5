"""Whether a name is an acronym of another ("UAW": United Auto Workers; "USAF": the U.S. Air Force;
"SIA": Singapore Airlines), an index of the names an acronym may stand for, so that each acronym is
compared with those alone (comparing it with every name is quadratic in a long article), where the
name an acronym in brackets spells out begins, and the short name a name gives itself in brackets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import NAME_PARTICLES

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "ACRONYM",
    "BRAND",
    "Initials",
    "clipped",
    "expanded_from",
    "in_brackets_after",
    "letters",
    "written_in",
]

ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}|[A-Z][A-Z&]+[A-Z]")
BRAND = re.compile(r"[a-z]+[A-Z][\w-]*")
"""A word spelled as brands are, with a capital inside it after a lower-case start ("iTunes", "eBay"):
no title or first name is spelled so."""


def written_in(found: str, key: tuple[str, ...], countries: set[str]) -> bool:
    """Whether the capitals ``found`` are the initials of the words of ``key`` (a name's words, folded),
    of all of them or of all but the small ones, maybe after a country's (``countries``: their
    capitals), or three or more letters that take each word's initial and more of its letters in
    order."""
    for skip in (True, False):
        initials = _initials(key, skip=skip)
        if found == initials or (found.endswith(initials) and found[: -len(initials)] in countries):
            return True
    return len(found) >= 3 and _spelled_in(found.lower(), _kept(key))


class Initials:
    """The names an acronym may be written in, by their initials (``written_in``): each name filed by
    its initials, and by the first letters of its first two words but the small ones."""

    def __init__(self, keys: list[tuple[int, tuple[str, ...]]]) -> None:
        self._initials: dict[str, set[int]] = {}
        self._spelled: dict[tuple[str, str], set[int]] = {}
        for n, key in keys:
            for skip in (True, False):
                self._initials.setdefault(_initials(key, skip=skip), set()).add(n)
            kept = _kept(key)
            first = (kept[0][:1] if kept else "", kept[1][:1] if len(kept) > 1 else "")
            self._spelled.setdefault(first, set()).add(n)

    def candidates(self, found: str, countries: set[str]) -> list[int]:
        """The names the capitals ``found`` may be written in, in order: a superset of those they are."""
        out: set[int] = set()
        for n in range(len(found) + 1):
            initials = found[n:]
            if n == 0 or (found[:n] if initials else "") in countries:
                out |= self._initials.get(initials, set())
        low = found.lower()
        for second in {"", *low[1:]}:
            out |= self._spelled.get((low[:1], second), set())
        return sorted(out)


def expanded_from(acronym: SpacySpan) -> int | None:
    """Where the name that an acronym in brackets spells out begins: the words right before the bracket
    whose initials are its letters, with or without the small words, or that it spells (``written_in``:
    "Kenya Private Sector Alliance (KEPSA)"), and across commas ("the American Federation of State,
    County and Municipal Employees (AFSCME)", "Department of Defense (DoD)"). The NER often cuts such
    a name at a comma or an "and"; the acronym says where it really begins."""
    doc = acronym.doc
    found = letters(acronym.text)
    if acronym.start < 2 or doc[acronym.start - 1].text != "(" or not ACRONYM.fullmatch(acronym.text):
        return None
    words: list[str] = []
    for i in range(acronym.start - 2, -1, -1):
        token = doc[i]
        if token.text == ",":
            continue
        if token.lower_ not in NAME_PARTICLES and not (token.is_title or token.is_upper):
            return None
        words.insert(0, token.lower_)
        if token.lower_ in NAME_PARTICLES:
            continue
        if written_in(found, tuple(words), set()):
            return i
        if len(words) > 2 * len(found):
            return None
    return None


def clipped(short: str, name: str) -> bool:
    """Whether ``short`` is clipped from ``name``'s words, not their initials: its letters are the
    name's, in order, from the name's first ("Cal Fire": the California Department of Forestry and Fire
    Protection; "FedEx": Federal Express), a leading "the" aside."""
    found, whole = letters(short).lower(), letters(re.sub(r"^the\s+", "", name, flags=re.I)).lower()
    return bool(found) and found[0] == whole[:1] and _in_order(found, whole)


def in_brackets_after(ent: SpacySpan) -> SpacySpan | None:
    """The one to three capitalized words in brackets right after ``ent``, no acronym (an acronym spells
    its name's initials, ``_spelled_out``, or is another body's: "Airbus (EADS)") nor a place's or a
    time's name ("Acme Corp. (Ohio)")."""
    doc = ent.doc
    close = next((t.i for t in doc[ent.end + 1 : ent.end + 5] if t.text == ")"), None)
    if ent.end >= len(doc) or doc[ent.end].text != "(" or close is None or close == ent.end + 1:
        return None
    short = doc[ent.end + 1 : close]
    named_so = all(
        t.text[:1].isupper() and t.is_alpha and t.ent_type_ in ("", "ORG", "PERSON") for t in short
    )
    return short if named_so and not ACRONYM.fullmatch(short.text) else None


def letters(name: str) -> str:
    return re.sub(r"[^A-Za-z]", "", name).upper()


def _kept(key: tuple[str, ...]) -> list[str]:
    return [re.sub(r"[^a-z]", "", w) for w in key if w not in NAME_PARTICLES]


def _initials(found: tuple[str, ...], *, skip: bool) -> str:
    out = []
    for word in found:
        if skip and word in NAME_PARTICLES:
            continue
        word = re.sub(r"^[dl]'", "", word)
        # "U.S." gives its own letters; "Rolls-Royce" its first.
        out.append(word.replace(".", "") if "." in word else word[:1])
    return "".join(out).upper()


def _spelled_in(letters: str, found: list[str]) -> bool:
    """Whether ``letters`` are each word's initial followed by none or more of its later letters, in
    order: "sia" in singapore airlines."""
    if not found:
        return not letters
    word = found[0]
    if not letters or not word or letters[0] != word[0]:
        return False
    rest = word[1:]
    for n in range(len(letters)):
        # letters[1 : n + 1] from the rest of this word, in order; the others from the next words.
        if n and not _in_order(letters[1 : n + 1], rest):
            break
        if _spelled_in(letters[n + 1 :], found[1:]):
            return True
    return False


def _in_order(letters: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in letters)
