"""Which clause a time dates (entries.py), read off the parse, and where the parse is not to be trusted.

- A time dates the finite clause it hangs from; a non-finite verb belongs to the finite clause around it.
- A relative clause at the end of a sentence takes in, in the parse, what the sentence says after it:
  in "The council approved a budget for the year that begins July 1 by a 7-4 vote late Tuesday" the
  parser hangs "by a 7-4 vote late Tuesday" on "begins". A second time in such a clause that is past
  where the clause is not, under a verb in the past, dates that verb, with what stands between the two
  times ("approved … by a 7-4 vote late Tuesday"; "[the year] begins July 1").
- A time in an apposition that describes a noun ("Hollins Park, its home since 1904") dates what it
  says of the noun, not the clause around it: "[The club] wants to … leave Hollins Park" did not happen
  in 1904 (``dated_clause``); a participle describing a noun is a clause of its own (relatives.py).
- Some shapes the parser reads wrongly so often that the clause it gives is no clause a reader would
  follow; the entry is then its sentence whole (``misread``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import BARE_INFINITIVE_VERBS, CLAIMING, LIMITS
from .nlp import nearest_head
from .relatives import another_event, participle
from .subjects import finite
from .trimming import SUBJECT_DEPS, conditional, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_head", "dated_clause", "governor", "lifted", "misread", "subject"]

_CLIMB = 12
_TIMES = frozenset({"DATE", "TIME"})
_PAST = frozenset({"VBD"})
_NOT_DESCRIBED = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a parse that hangs a second on it), the one nearer the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(verb.i - c.i)) if subjects else None


def clause_head(token: Token) -> Token | None:
    """The finite verb whose clause holds ``token``: the verb it hangs from, or the finite clause a
    non-finite one belongs to ("to help Donald Trump in last November's election" is part of "Putin
    authorized influence operations …")."""
    # A clause that tells of an event of its own is one whatever the tagger made its verb ("like the
    # one parliament scrapped in 2019", tagged as a participle): relatives.py.
    return nearest_head(
        token, lambda t: is_verb(t) and (finite(t) or t.dep_ == "ROOT" or another_event(t)), _CLIMB
    )


def dated_clause(time: Token) -> Token | None:
    """The verb whose clause the time whose words' root is ``time`` dates (``clause_head``); None for a
    time in an apposition describing a noun."""
    head = clause_head(time)
    if head is None or _describing(time, head):
        return None
    if participle(head) and time.head.lower_ in LIMITS:
        # A limit ("publish the number of ballots cast by Monday") is a deadline, which what a participle
        # says was done has none: the parser hung it on the participle nearest it.
        return clause_head(head.head) or head
    return head


def _describing(time: Token, head: Token) -> bool:
    """Whether the time whose words' root is ``time`` hangs on ``head`` (its clause's verb) through an
    apposition that describes a noun ("Hollins Park, its home since 1904"). A time's own apposition
    ("Monday, Nov. 3") is still the time, and an amount's ("$373.72, a drop of $2.46 since Wednesday")
    says how much, not what."""
    token = time
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "appos" and not {token.ent_type_, token.head.ent_type_} & _NOT_DESCRIBED:
            return token.head.pos_ in ("NOUN", "PROPN")
        token = token.head
    return False


def governor(verb: Token) -> Token | None:
    """The verb whose claim, thought, demand or condition a clause is: "said" of "Russia would face …",
    "insisted" of "that the UAW agree", "will" of "unless there is an apology"; None when it stands
    alone."""
    head = verb.head
    if head.i == verb.i or not is_verb(head):
        return None
    if verb.dep_ in ("ccomp", "xcomp"):
        return head if head.lemma_.lower() in CLAIMING else None
    return head if conditional(verb) else None


def lifted(head: Token, times: list[list[int]]) -> tuple[Token, set[int]] | None:
    """Where the parse hung the last of two times of a relative clause on it though it dates the verb
    in the past the clause's noun belongs to: that verb, and the words of the relative clause that go
    with the time (from after the first time to the second). ``times``: each time of the sentence, by
    its tokens."""
    if head.dep_ != "relcl" or _past(head):
        return None
    above = clause_head(head.head)
    if above is None or not _past(above):
        return None
    after = [c for c in head.children if c.i > head.i]
    dated = [n for n, c in enumerate(after) if any(_within(c, t) for t in times)]
    if len(dated) < 2 or not any(head.doc[i].ent_type_ in _TIMES for i in _span(after[dated[-1]])):
        return None
    moved = {i for c in after[dated[0] + 1 : dated[-1] + 1] for i in _span(c)}
    return above, moved


def misread(head: Token) -> bool:
    """Whether the clause of ``head`` is one the parser misread, so that the entry must be its sentence
    whole: a subject joined to a time ("in 2001 the iPod music player and the following year the Mac OS X
    … was released", a verb left out and read as one subject), a past participle read as the clause's
    verb with the real verb after it ("another A330 equipped with the new tubes suffered …"), a verb
    with no "to" hung on one that takes none ("a decision on how the project is to proceed be made"), a
    possessive read as a subject ("to have their's ready", read as "their is ready"), a "whose" in no
    relative clause ("the guild, whose leader, Omar Haddad, campaigned with her", read as the guild's
    leader and a verb joined to the one before)."""
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    if any(c.dep_ == "conj" and c.ent_type_ in _TIMES for s in subjects for c in s.children):
        return True
    if any(t.dep_ in SUBJECT_DEPS and t.tag_ == "PRP$" for t in head.subtree):
        return True
    if any(t.tag_ == "WP$" and not any(a.dep_ == "relcl" for a in t.ancestors) for t in head.sent):
        return True
    if head.tag_ == "VBD" and _verb_after(head):
        return True
    return any(
        t.dep_ == "xcomp"
        and t.tag_ == "VBN"
        and any(c.dep_ == "auxpass" and c.lower_ == "be" for c in t.children)
        and not any(c.lower_ == "to" for c in t.children)
        and t.head.lemma_.lower() not in BARE_INFINITIVE_VERBS
        for t in head.subtree
    )


def _past(verb: Token) -> bool:
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return (verb.tag_ in _PAST and not helpers) or any(c.tag_ in _PAST for c in helpers)


def _within(child: Token, time: list[int]) -> bool:
    return child.left_edge.i <= time[0] and time[-1] <= child.right_edge.i


def _span(token: Token) -> range:
    return range(token.left_edge.i, token.right_edge.i + 1)


def _verb_after(verb: Token) -> bool:
    """Whether a past form with a subject of its own and a complement ("another A330 equipped with the
    new tubes") is followed right after its words by a finite verb with no subject that is not joined to
    it ("… suffered a similar series of problems"): a participle describing the subject, not its verb."""
    doc = verb.doc
    end = verb.right_edge.i + 1
    if end >= len(doc) or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return False
    after = doc[end]
    return (
        is_verb(after)
        and after.tag_ in ("VBD", "VBZ", "VBP")
        and after.head.i != verb.i
        and not any(c.dep_ in SUBJECT_DEPS for c in after.children)
    )
