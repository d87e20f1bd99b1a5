"""Who states a clause: the writer, or someone the article reports, read off the parse.

A clause inside quotation marks is its speaker's. Otherwise the verbs above it decide: the subject of a
verb of saying, thinking or forecasting that governs it is its claimant ("X said (that) …", "X expects
…", "X warned that …", "X's statement said …"), as is X of "according to X" hung on it; a pronoun is
resolved as for speakers ("he said" → the man meant). A subject the article does not name is shown as
such ("analysts said", "a spokesman said"): not as the article, not as a company named nearby; a
definite one it cannot resolve ("the group said") is unknown; a reporting "they" is the people named
as speaking ("lawyers said … , they said"), not a body named in what they say. An adverbial clause is
said by whoever states the clause it hangs on ("X said the plant would close unless …").

"It is expected that …", with no one expecting, and a clause no such verb governs are the writer's own
words, except words in the first person (a writing the article sets out after a colon: its author's,
else unknown) and a "would" sentence after one that reports someone, which goes on with their view.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ClaimSource, Span
from .certainty import governors, says
from .complements import deadline, for_clause
from .entities import Entity
from .indexed import Entities
from .lexicon import AGENT_NOUNS, CLAIMING, GOVERNING, MODALS, PRONOUNS, ROLE_NOUNS, SPEECH_VERBS, STAFF
from .nlp import lemma, written
from .referents import SUBJECTS, entity_named, inside, last_company, phrase, pronoun_referent
from .speakers import Attribution, subject_of
from .text import sentences_back

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Claimant", "Statement", "claimant_of", "statements"]

_DEFINITE = frozenset(["the", "this", "that", "these", "those"])
_WRITING_SENTENCES = 8
"""Sentences back from words in the first person searched for the colon that sets out their writing."""


@dataclass(frozen=True)
class Claimant:
    """Who states a clause."""

    source: ClaimSource
    entity: Entity | None = None
    """The actor, for ``ClaimSource.ACTOR``."""
    words: Span | None = None
    """The article's words for an unnamed source."""
    cue: Span | None = None
    """The words that attribute it: the speech verb, "according to"."""


@dataclass(frozen=True)
class Statement:
    """One verb of saying, thinking or planning (or an "according to") that gives a clause to someone,
    as the parse shows it: the words naming who, before anyone is looked up."""

    who: Token | None
    """The subject (or X of "according to X") naming who states it; None when the parse names no one."""
    source: ClaimSource
    """ACTOR when ``who`` is set; else ARTICLE for the writer's hedge ("it is expected that …"), UNNAMED
    for a passive report ("it was announced that …", ``words``), UNKNOWN when the parse finds no
    subject."""
    cue: Span
    words: Span | None = None


def claimant_of(
    verb: Token,
    entities: Entities,
    passages: list[tuple[Span, Attribution]],
    quoted: list[tuple[int, int]],
) -> Claimant:
    """Who states the clause of ``verb``; ``passages`` are the quoted passages with their speakers,
    ``quoted`` the spans of their quotation marks."""
    # The passage holding the verb by bisection (they are in order, none overlapping): a scan of them all
    # for each clause is quadratic in a long article.
    at = bisect.bisect_right(passages, verb.idx, key=lambda p: p[0].start) - 1
    if at >= 0 and verb.idx < passages[at][0].end and not passages[at][1].term:
        return _quoted(passages[at][1])
    found = statements(verb, quoted)
    clause = verb
    while all(s.source is ClaimSource.ARTICLE for s in found) and (
        clause.dep_ in ("advcl", "acl") or (clause.dep_ == "conj" and clause.head.dep_ in ("advcl", "acl"))
    ):
        # An adverbial clause is said by whoever states the clause it hangs on: "Ruiz said the trial
        # would resume unless the jury fell ill", "said it had changed its rules so that a judge must …";
        # so is a participle of forecasting ("they say the phone, expected in May, will fix it"), and a
        # verb the parser joined to such a clause ("said it would sue unless X paid, and would seek …").
        clause = clause.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head  # the clause of the noun a participle describes
        found = statements(clause, quoted) or found
    if not found:
        return _unreported(verb, entities, quoted)
    return _outermost(found, entities, quoted)


def _outermost(found: list[Statement], entities: Entities, quoted: list[tuple[int, int]]) -> Claimant:
    """The outermost claimant: in "Gallois said the company expects to cut jobs", Gallois states it."""
    outer = found[-1]
    if outer.who is None:
        return Claimant(outer.source, words=outer.words, cue=outer.cue)
    return _named(outer.who, entities, quoted, outer.cue)


def _unreported(verb: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Claimant:
    """Who states a clause no verb of saying governs: the writer, unless it speaks in the first person
    (the words of a writing the article sets out, "Jobs's email, which reads: … I hope to be back"), or
    goes on with "would" from a sentence that reports someone ("Airbus believes that the future is in
    hubs. Passengers would then take connecting flights": Airbus's view, not the writer's)."""
    if (me := _first_person(verb)) is not None and not inside(me, quoted):
        return _writer(me, entities, quoted) or Claimant(ClaimSource.UNKNOWN)
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    would = any(c.dep_ == "aux" and MODALS.get(c.lower_) == "would" for c in verb.children)
    if main and would and verb.sent.start > 0:
        before = verb.doc[verb.sent.start - 1].sent.root
        reported = [c for c in before.children if c.dep_ in ("ccomp", "xcomp")]
        found = statements(reported[0], quoted) if reported else []
        if found and found[-1].who is not None:
            return _outermost(found, entities, quoted)
    return Claimant(ClaimSource.ARTICLE)


def _first_person(verb: Token) -> Token | None:
    """The "I" or "we" among the subjects of ``verb`` ("my family and I would …")."""
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        me = next((t for t in (subject, *subject.conjuncts) if t.lower_ in ("i", "we")), None)
        if me is not None:
            return me
    return None


def _writer(me: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Claimant | None:
    """Whose are words in the first person outside quotation marks: the author of the writing the
    article sets out after a colon before them ("the text of Jobs's email, which reads: …"); None when
    no such colon comes first."""
    for token in reversed(me.doc[sentences_back(me, _WRITING_SENTENCES).start : me.i]):
        if token.text != ":" or inside(token, quoted):
            continue
        verb = token.head
        if not (says(verb) or lemma(verb) in ("read", "write")):
            return None
        author = subject_of(verb, quoted)
        return _named(author, entities, quoted, _span(verb)) if author is not None else None
    return None


def statements(verb: Token, quoted: list[tuple[int, int]], *, own: bool = True) -> list[Statement]:
    """What gives the clause of ``verb`` to someone, nearest first: "according to X" hung on it or on a
    verb it is joined to, and the verbs of saying, thinking, planning, forecasting, warning or demanding
    that govern it (a report of a report gives both); ``own``: ``verb`` itself too, as the subject of
    "plans to close" states it. Empty for the writer's own words."""
    found: list[Statement] = []
    if verb.pos_ == "NOUN":
        # A noun that states an outcome: "Airbus has hopes that …", "there is a possibility of …".
        if lemma(verb) in CLAIMING and verb.dep_ == "dobj":
            found.append(_subject_claims(verb.head, quoted, cue=_span(verb)))
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    clauses, above = governors(verb)
    claiming = [*([verb] if own and not _described(verb) else []), *(node for node, _ in above)]
    for node in dict.fromkeys([*clauses, *claiming]):
        according = _according_to(node)
        if according is not None:
            found.append(Statement(according, ClaimSource.ACTOR, _span(according.head.head)))
        elif node not in claiming and not _said_on(verb, node):
            continue  # a verb the clause is joined to does not govern it ("has attempted … and may fail")
        elif _acts(node):
            continue  # "the agency will seek funds": an act, stated by the writer or whoever reports it
        elif (lemma(node) in CLAIMING or says(node)) and node.pos_ in ("VERB", "AUX"):
            found.append(_subject_claims(node, quoted))
        elif lemma(node) in CLAIMING and node.pos_ == "ADJ" and node.dep_ == "acomp":
            found.append(_subject_claims(node.head, quoted, cue=_span(node)))  # "is concerned that"
        elif lemma(node) in CLAIMING and node.pos_ == "NOUN" and node.dep_ == "dobj":
            found.append(_subject_claims(node.head, quoted, cue=_span(node)))  # "has confidence that"
        elif any(c.dep_ == "dobj" for c in node.children) and (limit := deadline(node)) is not None:
            found.append(_subject_claims(node, quoted, cue=_span(limit)))  # "gave the city until May to"
    return found


def _described(verb: Token) -> bool:
    """Whether a verb of intending or expecting is the writer's description of a noun ("the club, which
    wants to build a stadium"): the writer states the aim, where "the club said it wants to" reports
    it; a relative clause of saying ("which says it represents …") is its subject's word."""
    relative = any(c.dep_ in SUBJECTS and c.tag_ in ("WDT", "WP") for c in verb.children)
    return verb.dep_ == "relcl" and relative and not says(verb)


def _acts(node: Token) -> bool:
    """Whether a verb of intending has a thing for its object, not a clause: "will seek funds", "decided
    the case" state an act, which the writer (or whoever reports it) states, not an intention its
    subject holds ("seeks to close" is one)."""
    if lemma(node) not in GOVERNING["announced"] or says(node) or node.pos_ not in ("VERB", "AUX"):
        return False
    return for_clause(node) is None and not any(c.dep_ in ("xcomp", "ccomp") for c in node.children)


def _said_on(verb: Token, node: Token) -> bool:
    """Whether a clause the parser joined to a speech verb is one more thing it reports: a modal clause
    after what that verb reports ("Ruiz explained that the deal was fair, but they should not expect
    more": no writer says "should" in their own voice there), or a "that" clause after its object ("She
    announced a new plant and, to the surprise of many, that the cars will use new cells")."""
    if verb.dep_ != "conj" or verb.head.i != node.i or not says(node):
        return False
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children):
        return True
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is not None and next(subject.subtree).lower_ == "that" and subject.tag_ in ("NNS", "NNPS"):
        return True  # "that future cars will …": the parser took the "that" for the subject's determiner
    return any(c.dep_ == "ccomp" and c.i < verb.i for c in node.children) and any(
        c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children
    )


def _quoted(said: Attribution) -> Claimant:
    if said.speaker is not None:
        return Claimant(ClaimSource.ACTOR, entity=said.speaker, cue=said.cue)
    if said.unnamed and said.who is not None:
        return Claimant(ClaimSource.UNNAMED, words=said.who, cue=said.cue)
    return Claimant(ClaimSource.UNKNOWN, cue=said.cue)


def _according_to(node: Token) -> Token | None:
    """X of "according to X" hung on ``node``."""
    for child in node.children:
        if lemma(child) == "accord":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return None


def _subject_claims(verb: Token, quoted: list[tuple[int, int]], cue: Span | None = None) -> Statement:
    """The statement of a verb of saying or thinking: its subject's. A passive with no agent is the
    writer's hedge when it expects ("it is expected that …", "is thought likely to"), an unnamed source
    when it reports ("it was announced that …", "are reported to")."""
    reduced = _reduced_passive(verb)
    subject = None if reduced else subject_of(verb, quoted)
    cue = cue or _span(verb)
    if subject is not None:
        return Statement(subject, ClaimSource.ACTOR, cue)
    passive = ("nsubjpass", "expl", "csubjpass", "auxpass")
    if not reduced and not any(c.dep_ in passive for c in verb.children):
        return Statement(None, ClaimSource.UNKNOWN, cue)
    if lemma(verb) in SPEECH_VERBS:
        return Statement(None, ClaimSource.UNNAMED, cue, _passive(verb))
    return Statement(None, ClaimSource.ARTICLE, cue)


def _reduced_passive(verb: Token) -> bool:
    """A participle of forecasting standing for a passive clause ("the release, expected in May", "…,
    estimated at $2 billion"): no one is said to expect, whatever the subject of the clause it hangs on.
    Not a verb of saying or demanding, which the parser reads so when it misses a subject ("The union,
    which represents nurses, called for …")."""
    own = ("aux", "auxpass", "nsubj", "nsubjpass")
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and lemma(verb) in GOVERNING["expected"]
        and not any(c.dep_ in own for c in verb.children)
    )


def _passive(verb: Token) -> Span:
    """The words of a passive verb and its auxiliaries: "was announced", "are reported"."""
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    first = words[0] if words else verb
    return Span(start=first.idx, end=verb.idx + len(verb.text))


def _named(subject: Token, entities: Entities, quoted: list[tuple[int, int]], cue: Span) -> Claimant:
    """The claim of one named by ``subject``: an actor, an unnamed source, or unknown."""
    if subject.lower_ == "they" and (people := _people_meant(subject, quoted)) is not None:
        # Reported speech: "they" said is people, not a body named in what they said ("Antitrust
        # lawyers said … The regulator could ask Acme to sell brands, they said").
        return _named(people, entities, quoted, cue)
    if subject.lower_ in PRONOUNS:
        entity = pronoun_referent(subject, entities, quoted, None, None)
        if entity is None and subject.lower_ in ("i", "we") and not inside(subject, quoted):
            return _writer(subject, entities, quoted) or Claimant(ClaimSource.UNKNOWN, cue=cue)
        if entity is None:
            return Claimant(ClaimSource.UNKNOWN, cue=cue)
        return Claimant(ClaimSource.ACTOR, entity=entity, cue=cue)
    entity = entity_named(subject, entities) or _spoken_for(subject, entities, quoted)
    if entity is not None:
        return Claimant(ClaimSource.ACTOR, entity=entity, cue=cue)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in subject.children)
    if definite or subject.pos_ == "PROPN":
        return Claimant(ClaimSource.UNKNOWN, cue=cue)  # "the group said": someone named before, but whom?
    return Claimant(ClaimSource.UNNAMED, words=phrase(subject), cue=cue)


def _spoken_for(subject: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Entity | None:
    """The organization a spokesperson the article names no employer for speaks for: the one acting in
    the sentence or the one before ("The union said it backed the strike. Its council will meet in May,
    a spokesperson said")."""
    if subject.lower_ not in STAFF or subject.tag_ != "NN":
        return None  # "two officials said": people, not one voice of a body
    if [c.lower_ for c in subject.children] not in (["a"], ["an"]):
        return None  # "a spokesman for the club" names whose; "the spokesman" someone named before
    return last_company(subject, entities, quoted)


def _people_meant(pronoun: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The plural noun for people (analysts, lawyers, officials, workers) last named as a subject in the
    pronoun's sentence or the two before it, outside quotation marks: whom a reporting "they" stands
    for where the article names such people."""
    doc = pronoun.doc
    for token in reversed(doc[sentences_back(pronoun, 2).start : pronoun.i]):
        if token.dep_ not in SUBJECTS or token.tag_ != "NNS" or inside(token, quoted):
            continue
        if lemma(token) in ROLE_NOUNS | STAFF or token.lower_ in AGENT_NOUNS:
            return token
    return None


def _span(token: Token) -> Span:
    return written(token)
