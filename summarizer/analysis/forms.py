"""The ways an article writes a name (``Form``: the same words, folded), each with its mentions, and the
kind of name each is, decided across the article's forms as well as by the NER's labels (read by the
grouping of names, aliases.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..models import Span
from .acronyms import BRAND
from .lexicon import INSTITUTIONS, PLACE_PREPOSITIONS, PUBLIC_BODIES, SUCCESSION, TRADE_WORDS
from .mentions import Mention, key, words
from .things import thing_like

__all__ = ["Form", "forms_of", "plain"]


@dataclass
class Form:
    """One way the article writes a name, and the mentions written so."""

    words: tuple[str, ...]
    key: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Counter(m.label for m in self.mentions).most_common(1)[0][0]

    @property
    def first(self) -> int:
        return self.mentions[0].span.start

    @property
    def person(self) -> bool:
        return any(m.label == "PERSON" for m in self.mentions)

    @property
    def thing(self) -> bool:
        return all(thing_like(m.ent) for m in self.mentions)


_BODY_NOUNS = INSTITUTIONS | PUBLIC_BODIES


def forms_of(mentions: list[Mention]) -> list[Form]:
    """The forms ``mentions`` are written in, in order of first mention, each labelled as the article's
    other forms say (below)."""
    named = {tuple(words(m.name)) for m in mentions}
    forms: dict[tuple[str, ...], Form] = {}
    for m in sorted(mentions, key=lambda m: m.span.start):
        m = _owner(m, named)
        found = words(m.name)
        if found:
            forms.setdefault(tuple(found), Form(tuple(found), key(m.name))).mentions.append(m)
    # News calls a company by its first word ("Lockheed", "Goldman") and a person by the last: a name
    # whose first word stands alone as an organization's is an organization's, whatever the NER said.
    # So too a name that begins a company's name with its legal form ("Harvest Lane" of "Harvest Lane
    # Foods Inc."): no person is named so. A word alone that ends an organization's name ("Crew" after
    # "the Columbus Crew"), or that a trade's word makes one ("Dell" beside "Dell Computer"), is that
    # organization's when it is no person's surname; so are the words after a brand's first word ("Music
    # Store" of "iTunes Music Store"), which no person's name is.
    alone = {f.words[0] for f in forms.values() if len(f.words) == 1 and not f.person}
    legal = [f.words for f in forms.values() if f.key != f.words]
    orgs = [f.key for f in forms.values() if len(f.key) > 1 and f.label == "ORG"]
    surnames = {plain(f.words)[-1] for f in forms.values() if f.person and len(f.words) > 1}
    ends = {k[-1] for k in orgs} - surnames
    trades = {k[:-1] for k in orgs if k[-1] in TRADE_WORDS and k[-2] not in surnames}
    tails = {f.key[1:] for f in forms.values() if f.label == "ORG" and len(f.key) > 2 and _branded(f)}
    for form in forms.values():
        begins = any(w[: len(form.words)] == form.words and len(w) > len(form.words) for w in legal)
        alone_org = (len(form.words) == 1 and form.words[0] in ends) or form.key in trades | tails
        # A body's noun as a name's last word is no person's surname ("Sacred Heart Children's Hospital").
        body = len(form.words) > 1 and form.words[-1] in _BODY_NOUNS
        if form.person and (
            alone_org or body or (len(form.words) > 1 and (form.words[0] in alone or begins))
        ):
            form.mentions = [replace(m, label="ORG") for m in form.mentions]
    # Indexed by first word: comparing every form with every other is quadratic in a long article.
    starting: dict[str, list[Form]] = {}
    for form in forms.values():
        if len(form.words) > 1:
            starting.setdefault(form.words[0], []).append(form)
    for form in forms.values():
        if len(form.words) == 1 and _first_word_of_one(form, starting.get(form.words[0], [])):
            form.mentions = [replace(m, label="ORG") for m in form.mentions]
    return list(forms.values())


def _first_word_of_one(form: Form, starting: list[Form]) -> bool:
    """A word alone that starts one organization's name of several words (``starting``: the names it
    starts), and no person's or other organization's, and that the article writes only after it
    ("Northfield", after "Northfield Health Partners"): that organization's short form, whatever the
    NER called its mentions, unless the article writes it as where something is ("in Northfield": a
    town the body is named after) or the NER reads it as a place wherever it stands."""
    if len(starting) != 1 or starting[0].label != "ORG" or starting[0].person:
        return False
    if form.first < starting[0].first:
        return False  # "Under Ohio law …", then "the Ohio Democratic Party": a place named first
    if form.thing or all(m.label == "GPE" for m in form.mentions):
        return False  # "San Jose, California", beside "the California Theater": a place throughout
    roots = [m.ent.root for m in form.mentions]
    return not any(r.dep_ == "pobj" and r.head.lower_ in PLACE_PREPOSITIONS for r in roots)


def _branded(form: Form) -> bool:
    """Whether a name begins with a word spelled as a brand is ("the iTunes Music Store")."""
    name = form.mentions[0].name
    return bool(BRAND.fullmatch(name.removeprefix("the ").removeprefix("The ").split()[0]))


def _owner(m: Mention, named: set[tuple[str, ...]]) -> Mention:
    """The owner's name out of a run the NER read as one ("Apple Computer's Mac OS"), when the article
    names the owner on its own too; "Moody's Investors Service" stays whole."""
    cut = re.search(r"['’]s\s", m.name)
    if cut is None or tuple(words(m.name[: cut.start()])) not in named:
        return m
    return replace(
        m, name=m.name[: cut.start()], span=Span(start=m.span.start, end=m.span.start + cut.start())
    )


def plain(found: tuple[str, ...]) -> tuple[str, ...]:
    """A person's name without the words telling a son from his father: "Donald Trump Jr." → Donald
    Trump."""
    kept = tuple(w for w in found if w.rstrip(".") not in SUCCESSION)
    return kept or found
