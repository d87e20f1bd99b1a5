"""Which mentions name one entity, so that each entity is one actor.

Forms of one name are joined first: the same words ("Tass", "TASS"; "Apple Inc.", "Apple Inc"), a
country's other names ("U.S."), an acronym and its expansion ("United Auto Workers (UAW)", or "GAO" beside
"Government Accountability Office" anywhere in the article), a person's fuller and plainer forms ("Tim
Cook", "Timothy D. Cook"; but never "Donald Trump Jr." and "Donald Trump"), and a name the article
misspells once beside its usual spelling. Then a shorter form joins the fuller one it stands for, mention
by mention: a surname alone is the person the article last named with it, unless it tells a father
and son of one name apart ("the elder Price": namesakes.py); a first word ("Lockheed", of
"Lockheed Martin") or a name without its legal form ("Apple", of "Apple Inc.") is the organization named
so before it. A short form the article uses before any fuller one is a name of its own: "Apple" named
first, then "Apple TV", are a company and its product.
"""

from __future__ import annotations

import bisect
import re

from rapidfuzz.distance import OSA

from ..models import Span
from .acronyms import ACRONYM, Initials, letters, written_in
from .forms import Form, forms_of, plain
from .lexicon import NICKNAMES, SUCCESSION, TITLES, TRADE_WORDS
from .mentions import Mention
from .namesakes import meant, told
from .unionfind import Sets

__all__ = ["group"]

_SPELLING_LENGTH = 5
"""Names shorter than this are too short to tell a misspelling from another name ("Iran", "Iraq")."""


def group(mentions: list[Mention], text: str) -> list[list[Mention]]:
    """The mentions of each entity together, in order of first mention."""
    forms = forms_of(mentions)
    sets = Sets(len(forms))
    for i, j in _alike(forms):
        sets.join(i, j)
    for i, j in [*_bracketed(forms, text), *_trade_names(forms)]:
        sets.join(i, j)
    countries = {letters(f.mentions[0].name) for f in forms if f.label == "GPE"}
    initials = Initials([(j, f.key) for j, f in enumerate(forms)])
    for i, a in enumerate(forms):
        if len(a.words) != 1 or not ACRONYM.fullmatch(a.mentions[0].name):
            continue
        # An acronym that could stand for two entities ("GM": General Motors, General Mills) joins none.
        candidates = initials.candidates(letters(a.mentions[0].name), countries)
        found = [j for j in candidates if _acronym_of(a, forms[j], countries)]
        # "Air Force" beside "United States Air Force" is the same body: the fuller one speaks for both.
        found = [j for j in found if not any(k != j and _shorter_body(forms[j], forms[k]) for k in found)]
        if len({sets.find(j) for j in found}) == 1:
            sets.join(i, found[0])
    first: dict[int, int] = {}
    for i, form in enumerate(forms):
        root = sets.find(i)
        first[root] = min(first.get(root, form.first), form.first)
    # A form stands for what the other forms of its name stand for ("Warrren", misspelt, as "Warren").
    index = _Fuller(forms)
    own = [_fuller(i, forms, sets, first, index.candidates(form)) for i, form in enumerate(forms)]
    shared: dict[int, dict[int, int]] = {}
    for i, fuller in enumerate(own):
        shared.setdefault(sets.find(i), {}).update({j: 0 for j in fuller})
    # The fuller forms' mentions by start, once a name (not once a mention: quadratic for a name the
    # article uses throughout).
    starts = {
        root: sorted((f.span.start, j) for j in fuller for f in forms[j].mentions)
        for root, fuller in shared.items()
        if fuller
    }
    people = {root: _namesakes(found, forms, sets) for root, found in starts.items()}
    groups: dict[int, list[Mention]] = {}
    for i, form in enumerate(forms):
        root = sets.find(i)
        # The words the article puts before the name wherever it writes it ("the elder Price").
        before = told(form.mentions[0].ent.doc, form.mentions[0].name) if people.get(root) else set()
        for m in form.mentions:
            j = _meant(m, starts[root], people[root], before) if root in starts else i
            groups.setdefault(sets.find(j), []).append(_within(m, own[i].get(j, 0)))
    ordered = (sorted(g, key=lambda m: m.span.start) for g in groups.values())
    return sorted(ordered, key=lambda g: g[0].span.start)


def _alike(forms: list[Form]) -> list[tuple[int, int]]:
    """The pairs of forms that are one name (``_same``, ``_spelling``). Only forms that share something
    those need are compared, for comparing every form with every other is quadratic in a long article:
    their key, a person's surname, or all words but one, in which they share the word with a letter left
    out (two words one edit or swap apart both give one such word, or one is the other's)."""
    buckets: dict[tuple[object, ...], list[int]] = {}
    for i, form in enumerate(forms):
        shared: list[tuple[object, ...]] = [("key", form.key)]
        if form.person and len(form.words) > 1:
            surname = plain(form.words)[-1]
            shared.append(("surname", surname))
            # A surname misspelt alone ("Okafer" for Tom Okafor) meets the person's last word.
            shared += [("spelling", (), (), w) for w in {surname, *_one_out(surname)}]
        for n, word in enumerate(form.words):
            if len(word) >= _SPELLING_LENGTH:
                before, after = form.words[:n], form.words[n + 1 :]
                shared += [("spelling", before, after, w) for w in {word, *_one_out(word)}]
        for place in shared:
            buckets.setdefault(place, []).append(i)
    pairs = {(i, j) for found in buckets.values() for n, i in enumerate(found) for j in found[n + 1 :]}
    return sorted((i, j) for i, j in pairs if _same(forms[i], forms[j]) or _spelling(forms[i], forms[j]))


def _one_out(word: str) -> set[str]:
    return {word[:n] + word[n + 1 :] for n in range(len(word))}


def _same(a: Form, b: Form) -> bool:
    """One name with or without its legal form ("Apple Inc.", "Apple Inc", "Apple"), or a person's name
    with a middle initial or a shortened first name ("Michael M. Sears", "Michael Sears"; "Tim Cook",
    "Timothy Cook")."""
    if a.key == b.key:
        return True
    if not (a.person and b.person) or len(a.words) < 2 or len(b.words) < 2:
        return False
    (first_a, *middle_a, last_a), (first_b, *middle_b, last_b) = plain(a.words), plain(b.words)
    if middle_a and middle_b and middle_a != middle_b:
        return False  # "George H. W. Bush" and "George W. Bush"
    succession = [w.rstrip(".") for w in a.words if w.rstrip(".") in SUCCESSION] == [
        w.rstrip(".") for w in b.words if w.rstrip(".") in SUCCESSION
    ]
    short, long = sorted((first_a, first_b), key=len)
    return succession and last_a == last_b and len(short) >= 3 and long.startswith(short) and short != last_a


def _acronym_of(short: Form, long: Form, countries: set[str]) -> bool:
    """``short`` is written in the initials of ``long``'s words ("UAW": United Auto Workers; "EADS":
    European Aeronautic Defence and Space), of all of them or of all but the small ones, maybe after a
    country's ("USAF": the U.S. Air Force), or in three or more letters that take each word's initial
    and more of its letters in order ("SIA": Singapore Airlines)."""
    name = short.mentions[0].name
    if len(short.words) != 1 or not ACRONYM.fullmatch(name) or len(long.key) < 2 or long.person:
        return False
    return written_in(letters(name), long.key, countries)


def _bracketed(forms: list[Form], text: str) -> list[tuple[int, int]]:
    """Forms written one after the other in brackets ("Singapore Airlines (SIA)", "SIA (Singapore
    Airlines)"): the article says they are one name."""
    at = {m.span.start: i for i, f in enumerate(forms) for m in f.mentions}
    pairs = []
    for i, form in enumerate(forms):
        for m in form.mentions:
            opened = re.match(r"\s*\(\s*", text[m.span.end : m.span.end + 4])
            j = at.get(m.span.end + opened.end()) if opened else None
            if j is not None and j != i and forms[j].person == form.person:
                pairs.append((i, j))
    return pairs


def _trade_names(forms: list[Form]) -> list[tuple[int, int]]:
    """An organization's name and that name with its trade's word after it ("Apple", "Apple Computer";
    "United", "United Airlines"), when that is the only longer name the article gives it: news names one
    company either way. Beside "Apple Corps", "Apple" may be either, and is left to the grouping by first
    words; a country's name is no company's ("Qatar", "Qatar Airways")."""
    orgs = {f.key: i for i, f in enumerate(forms) if f.label == "ORG" and not f.person}
    longer: dict[tuple[str, ...], list[int]] = {}
    for i, form in enumerate(forms):
        if form.label == "ORG" and not form.person and len(form.key) > 1:
            longer.setdefault(form.key[:-1], []).append(i)
    return [
        (orgs[short], found[0])
        for short, found in longer.items()
        if short in orgs and len(found) == 1 and forms[found[0]].key[-1] in TRADE_WORDS
    ]


def _spelling(a: Form, b: Form) -> bool:
    """One of two names written once, one letter off the other ("Tiahrt", "Tiahart"): a misspelling of
    it. Word by word, so that two people of one surname stay two."""
    if (len(a.mentions) > 1 and len(b.mentions) > 1) or a.label == "GPE" or b.label == "GPE":
        return False
    short, full = sorted((a, b), key=lambda f: len(f.words))
    if len(short.words) == 1 < len(full.words) and full.person and len(short.mentions) == 1:
        # A surname misspelt alone ("Okafer" for Tom Okafor), whatever the NER called it.
        return _one_letter_off(short.words[0], full.words[-1])
    if a.person != b.person or len(a.words) != len(b.words):
        return False
    differ = [(x, y) for x, y in zip(a.words, b.words, strict=True) if x != y]
    if len(differ) != 1:
        return False
    return _one_letter_off(*differ[0])


def _one_letter_off(x: str, y: str) -> bool:
    return min(len(x), len(y)) >= _SPELLING_LENGTH and OSA.distance(x, y) == 1


def _fuller(
    i: int, forms: list[Form], sets: Sets, first: dict[int, int], candidates: list[int]
) -> dict[int, int]:
    """The forms of other entities whose fuller name form ``i``'s stands for, each with how many of a
    mention's last words name it (0: all), among ``candidates`` (``_Fuller``). An organization's short
    form stands for a fuller name only when that was named before it (else it is a name of its own:
    "Apple", then "Apple TV"), or when it is the fuller name's last words ("Music Store", then "the
    iTunes Music Store"): a name's first words may be another's, its last words name only it."""
    form, root = forms[i], sets.find(i)
    found: dict[int, int] = {}
    for j in candidates:
        other = forms[j]
        if sets.find(j) == root:
            continue
        if (kept := _person_part(form, other)) is not None:
            found[j] = kept
        elif (
            not form.person
            and _shorter_body(form, other)
            and (other.first < first[root] or _tail(form, other))
        ):
            found[j] = 0
    return found


class _Fuller:
    """The forms each form may be a shorter form of, looked up by the words they would share, for
    comparing every form with every other is quadratic in a long article: a person's by their whole
    words, their last words (with and without "Jr.") and their first word (``_person_part``), every
    form by its first and last words (``_shorter_body``)."""

    def __init__(self, forms: list[Form]) -> None:
        self._whole: dict[tuple[str, ...], list[int]] = {}
        self._ends: dict[tuple[str, ...], set[int]] = {}
        self._first: dict[str, list[int]] = {}
        self._parts: dict[tuple[str, ...], set[int]] = {}
        for j, form in enumerate(forms):
            if form.person and len(form.words) > 1:
                self._whole.setdefault(form.words, []).append(j)
                self._first.setdefault(form.words[0], []).append(j)
                for found in (form.words, plain(form.words)):
                    for n in range(1, len(found)):
                        self._ends.setdefault(found[-n:], set()).add(j)
            for n in range(1, len(form.key)):
                self._parts.setdefault(form.key[:n], set()).add(j)
                self._parts.setdefault(form.key[-n:], set()).add(j)

    def candidates(self, short: Form) -> list[int]:
        """The forms ``short`` may stand for, in order: a superset of those it does."""
        found = _untitled(short.words)
        out = set(self._ends.get(found, ()))
        for n in range(2, len(found)):
            out.update(self._whole.get(found[-n:], ()))
        if len(found) == 1:  # a first name alone, or a familiar one ("Jim" for James Roche)
            for first in (found[0], *NICKNAMES.get(found[0], ())):
                out.update(self._first.get(first, ()))
        if not short.person:
            out |= self._parts.get(short.key, set())
        return sorted(out)


def _untitled(found: tuple[str, ...]) -> tuple[str, ...]:
    """A name without the titles before it ("President Biden" → Biden), a last word always kept."""
    while len(found) > 1 and found[0].rstrip(".") in TITLES:
        found = found[1:]
    return found


def _person_part(short: Form, full: Form) -> int | None:
    """How many last words of ``short``'s mentions name the person ``full`` when they stand for it: a
    surname ("Trump": Donald Trump or Donald Trump Jr.), a first name alone ("Steve"), a title before
    the name that the NER called an organization ("President Biden"), a longer run ending with the
    full name ("the U.S. Anatoly Antonov", a caption read as one organization). None when they do not."""
    if not full.person or len(full.words) < 2 or short.words == full.words or short.label == "GPE":
        return None
    found = _untitled(short.words)
    n = len(found)
    if n > len(full.words):
        return len(full.words) if found[-len(full.words) :] == full.words else None
    bare = plain(full.words)
    if (n < len(bare) and bare[-n:] == found) or (n < len(full.words) and full.words[-n:] == found):
        return n
    first = found[0] == full.words[0] or full.words[0] in NICKNAMES.get(found[0], ())
    return n if n == 1 and first and short.person else None  # "Steve", "Jim" (James Roche)


def _shorter_body(short: Form, full: Form) -> bool:
    """An organization's name cut short: its first words ("Lockheed"), or its last ("Air Force", of "U.S.
    Air Force"). A country is no short form, nor a name with its legal form ("Apple Inc."); a thing's
    name is no fuller form ("Apple Macintosh computers")."""
    if short.label == "GPE" or full.person or full.label == "GPE" or full.thing or short.words != short.key:
        return False
    n = len(short.key)
    return len(full.key) > n and (full.key[:n] == short.key or full.key[-n:] == short.key)


def _tail(short: Form, full: Form) -> bool:
    return full.key[-len(short.key) :] == short.key


def _namesakes(
    starts: list[tuple[int, int]], forms: list[Form], sets: Sets
) -> list[tuple[tuple[str, ...], list[tuple[int, int]]]]:
    """The people the fuller forms (``starts``: their mentions' starts and forms, in order) name, when
    they name two or more people and no one else ("Marisol Ortega", "Luis Ortega"; "Darnell Price",
    "Darnell Price Jr."): each person's fullest name's words and their mentions' starts and forms."""
    found: dict[int, list[tuple[int, int]]] = {}
    for start, j in starts:
        found.setdefault(sets.find(j), []).append((start, j))
    if len(found) < 2 or not all(forms[j].person for _, j in starts):
        return []
    return [(max((forms[j].words for _, j in named), key=len), named) for named in found.values()]


def _meant(
    m: Mention,
    starts: list[tuple[int, int]],
    people: list[tuple[tuple[str, ...], list[tuple[int, int]]]],
    told: set[str],
) -> int:
    """The fuller form ``m`` stands for (``starts``: their mentions' starts and forms, in order): the one
    named last before it, and of two or more people the one ``meant`` says ("the elder Price"; ``told``:
    the words before the name wherever the article writes it)."""
    if people:
        first = next((t for t in m.ent if t.idx >= m.span.start), m.ent[0])
        before = first.doc[first.i - 1].lower_ if first.i else ""
        named = [(name, [s for s, _ in found]) for name, found in people]
        starts = people[meant(m.span.start, before, named, told)][1]
    return _nearest(m, starts)


def _nearest(m: Mention, starts: list[tuple[int, int]]) -> int:
    """The form named last before ``m`` among the fuller forms (``starts``: their mentions' starts and
    forms, in order); for a mention before any (a surname in a lede or a caption), the first named
    after it."""
    n = bisect.bisect_left(starts, (m.span.start, -1))
    return starts[n - 1][1] if n else starts[0][1]


def _within(m: Mention, kept: int) -> Mention:
    """``m`` cut to its last ``kept`` words (0: all), the part that names a person."""
    starts = [w.start() for w in re.finditer(r"\S+", m.name)]
    if not kept or kept >= len(starts):
        return m
    at = starts[-kept]
    return Mention(m.name[at:], Span(start=m.span.start + at, end=m.span.end), "PERSON", m.ent)
