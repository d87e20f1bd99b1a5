"""Whether a timeline entry in the article's words reads alone, judged the way the reader's check
(docs: reader-check) judges it, item by item: a reader who sees the entry beside its date and nothing
else of the article.

The entry is parsed on its own, as the reader reads it. What the brief added in brackets is a name the
reader is given; the "…" of a cut is read as the words around it. A reader cannot understand:
- a piece of a quotation (a mark without its pair);
- an entry that does not show the words that date it (the reader sees "2021-08" and "would rehire 22
  clinicians", not the "August" the date comes from);
- a subordinate fragment, an infinitive, a clause without a verb, a finite verb or a subject;
- a personal or possessive pronoun ("it might run out of money", "His clinic shut a program") or a
  demonstrative subject ("That decision is due …") that nothing shown before it can stand for (a
  person's name added in brackets is none for "it": "[Helen Marsh] ordered it to file …");
- a subject that is a definite description whose own words do not say which one it is ("The deliveries
  are scheduled …", "The formerly state-owned company was floated …": "the" or a demonstrative, a common
  noun, no name, no named complement, no name added after it or after its "of" complement: "The first
  flight of the aircraft [A380]" says which), where the article named someone before
  the entry's words;
  text alone cannot tell every participle from a past tense, so those verbs are read as finite.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..analysis.alone import could_stand_for, expletive, undetermined
from ..analysis.subjects import left_behind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["readable_alone"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_STANDING = frozenset({"there", "nothing", "nobody", "everyone", "anyone", "someone", "everything"})
"""Pronoun subjects that need no antecedent: an existential "there", indefinites."""
_SPEAKERS = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
"""Pronouns that stand for the speaker or the hearer, readable in what an entry quotes."""
_PERSONAL = frozenset("he she it they him her them his hers its their theirs".split())
_PERSONAL_FORMS = frozenset("he she him his her hers".split())
"""Third-person pronouns: each needs something shown before it to stand for."""
_DEMONSTRATIVE = frozenset("this that these those".split())
_UNTIMED = frozenset({"DATE", "TIME"})
"""A time is no antecedent: "In March it ran out of money" does not say what "it" is."""
_QUOTE_MARKS = '"“”'
_NAME = re.compile(r"[^\s.!?\"“”] +[A-Z]")
"""A name in running text: a capital within a line, not opening a sentence."""


def _at(doc: Doc, idx: int) -> Token | None:
    return next((t for t in doc if t.idx == idx and t.i), None)


def _described(word: Token) -> bool:
    """Whether a word an addition follows is a description's noun, which the addition names ("the
    firm [Acme]"), not the end of a phrase before the clause it opens ("Through … designs [the jet]")."""
    determiners = [c.lower_ for c in word.children if c.dep_ == "det"]
    return word.pos_ == "NOUN" and determiners[:1] in (["the"], ["this"], ["that"], ["these"], ["those"])


def readable_alone(what: str, dating: str | None = None, before: str | None = None) -> str | None:
    """Why a reader could not understand ``what`` on its own, or None. ``dating``: the words of the time
    expression that gives the entry its date, which the entry must show; ``before``: the article's text
    before the entry's words, where a description ("the company") may have been said to be someone (a
    lead that names no one before "The minister said …" says no more than the entry); without it, a
    description is not judged."""
    if _quote_marks_unpaired(what):
        return "a piece of a quotation"
    if dating is not None and _folded(dating) not in _folded(what):
        return f"the words that date it ({dating!r}) not shown"
    text, at, _ = _stand_ins(what)
    doc = _parsed(text)
    # An addition right after a description names it ("The firm [NPD Group] said"): the text is read
    # without it, the description as named.
    after_nouns = frozenset(n for n, i in enumerate(at) if (t := _at(doc, i)) and _described(doc[t.i - 1]))
    if after_nouns:
        text, at, described = _stand_ins(what, after_nouns)
        doc = _parsed(text)
    else:
        described = set()
    added = set(at)
    # A person the brief added is no antecedent for "it" ("[Helen Marsh] ordered it to file …").
    people = {n for n, words in zip(at, _added_words(what, after_nouns), strict=True) if _a_person(words)}
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return "no words"
    root = roots[0]
    first = next((t for t in doc if not t.is_punct), None)
    opened = first is not None and first.head.i == root.i and (first.dep_ == "mark" or first.tag_ == "WRB")
    if opened or any(c.dep_ == "mark" and c.i < root.i for c in root.children):
        return "a subordinate fragment"
    if first is not None and first.lower_ == "to" and first.head.tag_ == "VB":
        return "an infinitive"
    if root.pos_ not in ("VERB", "AUX"):
        return "no verb"
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None) or left_behind(root)
    helpers = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    # A participle with a subject before it and no auxiliary is a past tense the tagger misread
    # ("About 40 people protested outside …").
    past = root.tag_ == "VBN" and not helpers and subject is not None and subject.i < root.i
    if root.tag_ not in _FINITE_TAGS and not past and not any(c.tag_ in _FINITE_TAGS for c in helpers):
        return "no finite verb"
    if subject is None:
        return "no subject"
    pointing = [subject, *(c for c in subject.children if c.dep_ == "det")]
    # Named after it, or after its "of" complement ("The first flight of the aircraft [A380]").
    complements = [o for p in subject.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    said_which = any(t.idx + len(t.text) in described for t in [subject, *complements])
    if (
        subject.ent_type_ not in _UNTIMED
        and any(t.lower_ in _DEMONSTRATIVE for t in pointing)
        and not said_which
    ):
        return f"a demonstrative subject ({subject.text!r})"
    if not said_which and before is not None and _NAME.search(before) and undetermined(subject):
        return f"a description only an earlier sentence says which one is ({subject.text!r})"
    speaking = subject.lower_ in _SPEAKERS and any(mark in what for mark in _QUOTE_MARKS)
    standing = subject.lower_ in _STANDING or (subject.lower_ == "it" and expletive(subject))
    personal = subject.lower_ in _PERSONAL  # judged below, with every other pronoun
    if subject.pos_ == "PRON" and not (standing or speaking or personal or subject.idx in added):
        return f"a pronoun subject ({subject.text!r})"
    for token in doc:
        if _dangling(token, added, subject, people):
            return f"a pronoun with nothing to stand for ({token.text!r})"
    return None


def _parsed(text: str) -> Doc:
    from ..analysis.nlp import parse

    return parse(text)


def _folded(text: str) -> str:
    """Words compared as a reader compares them: case, apostrophes and spacing aside."""
    return " ".join(text.replace("’", "'").replace("…", " ").lower().split())


def _stand_ins(what: str, after_nouns: frozenset[int] = frozenset()) -> tuple[str, list[int], set[int]]:
    """The entry with each bracketed addition read as a pronoun the parser cannot mistake for a verb
    ("It", or "Its" for a possessor: "[Kestrel's] clinic"), and where those stand in it; the additions
    numbered in ``after_nouns``, which follow a description to say who it is ("the company [Acme]"),
    are left out of the text, and the ends of the descriptions they name are returned."""
    out: list[str] = []
    at: list[int] = []
    named: set[int] = set()
    n = 0
    text = what.replace("…", " ")
    for number, found in enumerate(_BRACKETS.finditer(text)):
        out.append(text[n : found.start()])
        n = found.end()
        if number in after_nouns:
            named.add(len("".join(out).rstrip()))
            continue
        word = "its" if found.group(1).endswith(("'s", "’s")) else "it"
        word = word.capitalize() if not "".join(out).strip() else word
        at.append(sum(len(piece) for piece in out))
        out.append(word)
    out.append(text[n:])
    return "".join(out), at, named


def _added_words(what: str, after_nouns: frozenset[int]) -> list[str]:
    """The words of each addition read as a pronoun (``_stand_ins``), in order."""
    found = _BRACKETS.finditer(what.replace("…", " "))
    return [m.group(1) for n, m in enumerate(found) if n not in after_nouns]


def _a_person(words: str) -> bool:
    """Whether an addition names a person: every word of it in a person's name ("Helen Marsh")."""
    named = [t for t in _parsed(words) if not t.is_punct]
    return bool(named) and all(t.ent_type_ == "PERSON" for t in named)


def _dangling(token: Token, added: set[int], subject: Token, people: set[int]) -> bool:
    """Whether a pronoun stands for nothing the reader is shown: neither a noun before it, nor an
    addition in brackets (outside a quotation, for one inside may only name who speaks; a person's
    name, at ``people``, is none for "it" or "they"), nor the subject's name it comes before ("After his
    election, Biden …")."""
    word = token.lower_
    # A demonstrative is judged as the subject only: "this year", "that plan" are determiners.
    if token.idx in added or word not in _PERSONAL:
        return False
    if word == "it" and expletive(token):
        return False
    quoted = _quotation(token) != -1
    for before in token.doc[: token.i]:
        if before.idx in added and not quoted and (word in _PERSONAL_FORMS or before.idx not in people):
            return False  # a name the brief added outside the quotation: who speaks, not who is meant
        if could_stand_for(token, before):
            return False
    named = subject.pos_ == "PROPN" or (subject.pos_ == "NOUN" and subject.lower_ not in _DEMONSTRATIVE)
    return not (named and token.i < subject.left_edge.i)


def _quotation(token: Token) -> int:
    """Which quotation ``token`` stands in: the number of quotation marks before it, when odd; else
    -1."""
    marks = sum(t.text in _QUOTE_MARKS for t in token.doc[: token.i])
    return marks if marks % 2 else -1


def _quote_marks_unpaired(text: str) -> bool:
    straight = text.count('"') % 2 == 1
    curly = text.count("“") != text.count("”")
    return straight or curly
