"""What each clause asserts, read off the parse: who did what, negated or not, how certain, with which
numbers, and on whose word.

The same reading serves the article (once, in the analysis) and the model's own sentences (headline,
summary), so that a sentence of the model's can be held to the article's clause it rests on
(extract/faithful.py): the same actor as subject, the same event, the same polarity and modality, the
same numbers for the same actor, and a claim the article gives to someone kept as theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Certainty, ClaimSource, Span
from .certainty import governors, read
from .claimants import statements
from .lexicon import REFUSALS, SAME_EVENTS, SPEECH_VERBS, UNSETTLED_MARKS
from .named import Named, conjuncts, keys_of, stem, vague
from .nlp import lemma
from .text import content_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["OPEN", "REFUSED", "Claim", "claims_in", "doer", "number", "same_event"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_CLIMB = 6
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_DATES = frozenset({"DATE", "TIME", "ORDINAL"})
_MEASURES = frozenset({"MONEY", "PERCENT", "QUANTITY"})
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")

REFUSED = "refused"
"""The mood of what a party refused, declined or failed to do: not done, though the refusal was."""
OPEN = "open"
"""The mood of a clause that states no outcome ("did not say whether …", "declined to say when")."""


@dataclass(frozen=True)
class Claim:
    """One clause's assertion."""

    sentence: Span
    verb: Span
    clause: Span
    """The clause's words: the verb's subtree without the clauses joined to it."""
    event: str
    """The verb's lemma ("say" for every verb of speech), or for "be" the word it says the subject is."""
    judged: bool
    """It says what the subject is ("the remarks were very bad"): a judgement, not an event."""
    subject: str
    """The words that say who does it, as written ("Critics", "the nurses' union"); empty if none."""
    vague: bool
    """Its subject names no one a reader could check ("it", "the aircraft"): who does it is not judged."""
    actors: tuple[frozenset[str], ...]
    """Who does it, one set of keys per conjoined subject ("Ford and GM" is two): an actor's name
    key, or for a common noun "~" and its stem. The agent of a passive; empty when the clause names
    none."""
    objects: frozenset[str]
    """Keys of whom or what it is done to or told to, where the clause names an actor ("told Putin")."""
    negated: bool
    mood: str
    """How certain the clause makes its outcome: a ``Certainty`` value as certainty.py reads it
    (happened for a realis past or present), or REFUSED, or OPEN."""
    numbers: frozenset[str]
    claimant: frozenset[str]
    """Keys of who the article gives it to ("X said that …", "according to X"); empty for the writer."""
    words: frozenset[str]
    """Stems of the clause's nouns and adjectives: a nominalized event ("the recall") is found among
    them, and a verb of a clause it governs is not."""


def claims_in(
    doc: Doc,
    sentences: list[Span],
    named: Named,
    pronouns: dict[int, set[str]],
    quoted: list[tuple[int, int]],
) -> list[Claim]:
    """The claims of the clauses of ``sentences`` in ``doc``: one per verb with a subject of its own, a
    shared one, or one the clause governs. ``pronouns``: what the pronouns the caller resolved stand
    for, by token index; ``quoted``: the spans of the quotation marks."""
    found = []
    for sentence in sentences:
        words = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if words is None:
            continue
        for verb in words:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "amod"):
                continue
            if verb.lemma_ == "be" and not _predicate(verb):
                continue
            found.append(_claim(verb, sentence, named, _Keys(named, pronouns, quoted)))
    return found


@dataclass(frozen=True)
class _Keys:
    """What the names of a text stand for: its actors, its resolved pronouns, its quotation marks."""

    named: Named
    pronouns: dict[int, set[str]]
    quoted: list[tuple[int, int]]

    def of(self, noun: Token) -> set[str]:
        return keys_of(noun, self.named, self.pronouns)


def _claim(verb: Token, sentence: Span, named: Named, keys: _Keys) -> Claim:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    subject = _doer(verb, passive)
    actors = tuple(frozenset(keys.of(s)) for s in conjuncts(subject)) if subject else ()
    joined = {t.i for c in verb.children if c.dep_ in ("conj", "cc") and c.i > verb.i for t in c.subtree}
    clause = [t for t in verb.subtree if t.i not in joined and not t.is_space]
    own = [t for t in clause if _clause_of(t) == verb.i]
    objects = [
        c for c in verb.children if c.dep_ in ("dobj", "dative") or (passive and c.dep_ == "nsubjpass")
    ]
    return Claim(
        sentence=sentence,
        verb=Span(start=verb.idx, end=verb.idx + len(verb.text)),
        clause=Span(start=clause[0].idx, end=clause[-1].idx + len(clause[-1].text)),
        event=_event(verb),
        judged=verb.lemma_ == "be",
        vague=subject is not None and vague(subject, named) and subject.i not in keys.pronouns,
        subject=" ".join(t.text for t in subject.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct"))
        if subject is not None
        else "",
        actors=tuple(a for a in actors if a),
        objects=frozenset(k for o in objects for k in keys.of(o) if not k.startswith("~")),
        negated=any(c.dep_ == "neg" for c in verb.children),
        mood=mood(verb),
        numbers=frozenset(n for t in own if _quantity(t) and (n := number(t.text))),
        claimant=frozenset(_claimant(verb, keys)),
        words=frozenset(stem(w) for w in content_words(t for t in clause if t.pos_ in _NOMINAL)),
    )


def _clause_of(token: Token) -> int:
    """The verb whose own clause holds ``token``: the nearest verb above it (itself for a verb)."""
    for _ in range(_CLIMB * 2):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod"):
            return token.i
        if token.head.i == token.i:
            break
        token = token.head
    return token.i


def _quantity(token: Token) -> bool:
    """Whether a word is a quantity ("35%", "$4.5 million", "5,700 737s", "two years"): a number that
    counts or measures, not one in a date ("October 17, 2007": the timeline's to check) or a name ("the
    787", "A380", "Flight 200")."""
    if token.ent_type_ in _MEASURES:
        return True
    if token.ent_type_ in _DATES or token.ent_type_ not in ("", "CARDINAL") or not token.like_num:
        return False
    head = token.head
    if head.pos_ == "PROPN" or any(c.dep_ == "det" for c in token.children):
        return False
    if any(c.dep_ in ("det", "poss") and c.i < token.i for c in head.children) and token.dep_ == "nummod":
        return False  # "the 737 replacement", "its 2010 test": a name or a date, not a count
    return token.dep_ in ("nummod", "quantmod", "npadvmod", "pobj", "dobj", "attr") or head.text in "%$€£"


def _predicate(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("attr", "acomp")), None)


def _event(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return "say"
    if lemma == "be" and (predicate := _predicate(verb)) is not None:
        return predicate.lemma_.lower()
    return lemma


def number(word: str) -> str | None:
    """A number's digits ("$5.41" and "5.41" are one), or None for a word that is none."""
    found = _NUMBER.search(word)
    return found.group(0).replace(",", "").rstrip(".") if found else None


def doer(verb: Token) -> Token | None:
    """Who does what ``verb`` says (see ``_doer``)."""
    return _doer(verb, any(c.dep_ == "nsubjpass" for c in verb.children))


def _doer(verb: Token, passive: bool) -> Token | None:
    """Who does what the verb says: its subject, a passive's agent, the subject a joined verb or an
    infinitive shares with the verb before it, the noun a participle describes."""
    token = verb
    for _ in range(_CLIMB):
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None or (passive and token.i == verb.i):
            # A passive's agent ("figures released by NPD Group"), or no one named.
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        # Of two subjects (a parse that hangs an appositive name on the verb), the one nearer the verb.
        subject = min(subjects, key=lambda c: abs(c.i - token.i)) if subjects else None
        if subject is not None:
            if subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
        if any(c.dep_ == "expl" for c in token.children):
            return None  # "there is an apology"
        # A joined verb or an infinitive shares its subject; of an adverbial clause only a participle
        # ("…, killing all 228 on board"), not a finite clause of its own ("unless there is …").
        shares = token.dep_ in ("conj", "xcomp") or (
            token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN", "VB")
        )
        if not shares or token.head.i == token.i:
            return None
        token = token.head
    return None


def _claimant(verb: Token, keys: _Keys) -> set[str]:
    """Who the article gives a clause to (claimants.py): every party whose verb of saying, thinking or
    planning governs it, or X of "according to X" (a report of a report gives both, so that a sentence
    naming either keeps it theirs); "~unnamed" for one the parse names no one for; empty for the
    writer's own words and hedges ("it is expected that …"). The clause's own verb is not its claim:
    "X said" is the writer's report that X spoke. An adverbial clause is the word of whoever states the
    clause it hangs on ("X said the strike would continue until the board improved its offer"), where a
    consequence (claimants.py) is its governing clause's alone."""
    found: set[str] = set()
    for statement in statements(verb, keys.quoted, own=False):
        if statement.who is not None:
            found |= keys.of(statement.who)
        elif statement.source is not ClaimSource.ARTICLE:
            found.add("~unnamed")
    clauses, above = governors(verb)
    top = above[-1][0] if above else clauses[-1]
    if top.dep_ == "advcl" and top.head.i != top.i:
        found |= _claimant(top.head, keys)
    return found


def mood(verb: Token) -> str:
    """How certain a clause makes its outcome, as certainty.py reads it, with what a claim must also
    tell apart: a condition's, question's or limit's own clause ("if talks fail", "until the board
    improves its offer"), which a consequence never is (certainty.py reads the clause it hangs on); the
    clause a party refused, declined or failed to do (a refusal that happened, to certainty.py); and
    one that states no outcome."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in UNSETTLED_MARKS]
    conceded = bool(marks) and marks[0].i > 0 and verb.doc[marks[0].i - 1].lower_ == "even"
    if marks and not conceded:
        return Certainty.CONDITIONAL.value
    reading = read(verb)
    if reading.certainty is None:
        return OPEN
    cue = reading.cue
    decided = verb.doc.char_span(cue.start, cue.end) if cue is not None else None
    if decided is not None and decided.root.i != verb.i and lemma(decided.root) in REFUSALS:
        return REFUSED
    return reading.certainty.value


def same_event(mine: str, theirs: str, words: frozenset[str]) -> bool:
    """Whether two events are one: the same lemma or stem, synonyms of news English ("buy",
    "purchase"), or the event among the nouns of the other's clause (its nominalization, "the
    recall")."""
    if mine == theirs or stem(mine) in {stem(theirs), *words}:
        return True
    group = next((g for g in SAME_EVENTS if mine in g), None)
    return group is not None and (theirs in group or any(stem(w) in words for w in group))
