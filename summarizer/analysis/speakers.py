"""Who said each quoted passage, read off the parse: the speech verb that governs the passage, and its
subject.

The passage's words hang from a speech verb outside the quotation marks ("“…,” Peskov said"; "Biden was
asked whether … and said “I do.”"; "… blaming “certain statements…”"); the verb's subject, or that of the
clause it continues, is the speaker. "According to X" gives X. A pronoun is the last named speaker (or
person) before it. A whole sentence in quotation marks with no speech verb continues the previous
speaker's turn. A fragment in a sentence with no speech verb at all is a term ("special charity-flight"),
not speech. What the parse cannot settle is left to the model, with the names nearest the passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .entities import Entity
from .lexicon import INSTITUTIONS, NAMING_VERBS, PRONOUNS, QUOTE_MARKS, SPEECH_VERBS, STAFF, TITLES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Attribution", "attribute", "clause_at", "is_full", "reports_speech", "speaker_of"]

_SUBJECTS = ("nsubj", "nsubjpass")
_NAMING = ("compound", "appos", "flat", "nmod", "amod", "poss", "conj", "cc", "punct", "prep", "pobj")
"""Dependents that are part of naming a subject, not a clause about it."""
_CLIMB = 8
"""Heads climbed from a speech verb to the clause whose subject speaks ("Jobs resigned in a letter to
the board stating, “…”")."""
_SHORTEST_CLAUSE = 6
"""Words in the shortest clause worth showing alone; a shorter one is shown with its sentence."""
_TURN = 600
"""Characters within which a verbless quotation continues the previous speaker's turn."""


@dataclass(frozen=True)
class Attribution:
    """What the parse says of one passage."""

    speaker: Entity | None
    """The named speaker, when the parse found one."""
    cue: Span | None
    """The speech verb (or "according to"), when there is one."""
    term: bool
    """A phrase set in quotation marks, not speech: it has no speaker."""
    unnamed: bool = False
    """The verb's subject is a person or body the article does not name ("analysts said")."""


def attribute(doc: Doc, passages: list[Span], entities: list[Entity]) -> list[Attribution]:
    """One attribution per passage, in order. New organizations the article shows speaking as a body
    ("Russia's embassy in the U.S. … blaming") are appended to ``entities``."""
    quoted = [(p.start - 1, p.end + 1) for p in passages]
    out: list[Attribution] = []
    for n, passage in enumerate(passages):
        words = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        verb = _governing_verb(words, quoted) if words is not None else None
        if verb is None and words is not None:
            verb = _nearest_verb(words, quoted)
        previous = out[-1] if out else None
        near_previous = n > 0 and passage.start - passages[n - 1].end < _TURN
        if verb is None and (labelled := _labelled(doc.text, passage, entities)) is not None:
            # A transcript's "Name: “…”".
            out.append(Attribution(labelled, None, term=False))
            continue
        if verb is None:
            full = is_full(doc.text[passage.start : passage.end])
            if full and previous is not None and near_previous and not previous.term:
                out.append(Attribution(previous.speaker, previous.cue, term=False, unnamed=previous.unnamed))
            else:
                out.append(Attribution(None, None, term=not full))
            continue
        cue = Span(start=verb.idx, end=verb.idx + len(verb.text))
        subject = _subject(verb, quoted)
        if subject is None:
            out.append(Attribution(None, cue, term=False))
            continue
        if subject.lower_ in PRONOUNS:
            out.append(Attribution(_pronoun(subject, entities, previous, near_previous), cue, term=False))
            continue
        speaker = _entity_at(subject, entities) or _body(subject, entities) or _named(subject, entities)
        out.append(Attribution(speaker, cue, term=False, unnamed=speaker is None))
    return out


def _labelled(text: str, passage: Span, entities: list[Entity]) -> Entity | None:
    """The entity named right before a colon that introduces the passage."""
    colon = text.rfind(":", max(0, passage.start - 4), passage.start)
    if colon < 0:
        return None
    before = text[:colon].rstrip()
    return next((e for e in entities if any(s.end == len(before) for s in e.mentions)), None)


def is_full(words: str) -> bool:
    """Whether quoted words are a whole utterance (they start with a capital), not a fragment."""
    return words.lstrip("( \n")[:1].isupper()


def _inside(token: Token, quoted: list[tuple[int, int]]) -> bool:
    return any(lo <= token.idx < hi for lo, hi in quoted)


def _is_cue(token: Token, quoted: list[tuple[int, int]]) -> bool:
    if _inside(token, quoted) or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    if token.lemma_.lower() == "accord":
        return any(c.lower_ == "to" for c in token.children)
    return token.pos_ in ("VERB", "AUX")


def _governing_verb(words: object, quoted: list[tuple[int, int]]) -> Token | None:
    """The first speech verb outside the quotation marks up the passage's chain of heads."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(words, SpacySpan)
    for token in words:
        if token.head.i in range(words.start, words.end) and token.head.i != token.i:
            continue  # not a root of the passage's words
        head = token
        for step in range(12):
            if head.head.i == head.i:
                break
            head = head.head
            # "called it “…”" reports words; "calling Putin a killer was a “watershed” moment" does not.
            naming = head.lemma_.lower() in NAMING_VERBS
            if _is_cue(head, quoted) and (not naming or step < 2):
                return head
    return None


def _nearest_verb(words: object, quoted: list[tuple[int, int]]) -> Token | None:
    """A speech verb elsewhere in the passage's sentence, the nearest first ("he said, “…”" where the
    parser hung the quotation elsewhere)."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(words, SpacySpan)
    sentence = words.doc[words[0].sent.start : words[-1].sent.end]
    cues = [t for t in sentence if _is_cue(t, quoted)]
    return min(cues, key=lambda t: min(abs(t.i - words.start), abs(t.i - words.end)), default=None)


def _subject(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """The verb's subject, or that of the clause it continues ("was asked … and said"; "…, saying").
    Quoted words are the speaker's, not the sentence's: a participle hung on them takes the subject of
    the clause around the quotation."""
    head = verb
    for _ in range(_CLIMB):
        if head is not verb and _inside(head, quoted):
            head = head.head
            continue
        if head.lemma_.lower() == "accord":
            to = next((c for c in head.children if c.lower_ == "to"), None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if head is not verb and head.lemma_.lower() == "quote":
            # "Detik.com quoted Djamal as saying": the one quoted speaks.
            quoted_one = next((c for c in head.children if c.dep_ == "dobj"), None)
            if quoted_one is not None:
                return quoted_one
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        agent = next((c for c in head.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _pronoun(
    subject: Token, entities: list[Entity], previous: Attribution | None, near_previous: bool
) -> Entity | None:
    """Who a pronoun subject stands for: "we", "they" and "it" continue the previous speaker's turn;
    "he" and "she" are the person named last before them."""
    if subject.lower_ in ("we", "they", "it", "i"):
        if previous is None or not near_previous or previous.speaker is None:
            return None
        # "It said" is a body's word, never a person's.
        person = previous.speaker.kind is ActorKind.PERSON
        return None if subject.lower_ == "it" and person else previous.speaker
    # The last person who was a subject ("Richard Doherty attributes Steve Jobs' success … He states"),
    # else the last person named.
    doc = subject.doc
    named = [(s.start, e) for e in entities if e.kind is ActorKind.PERSON for s in e.mentions]
    people = sorted(((at, e) for at, e in named if at < subject.idx), key=lambda m: m[0], reverse=True)
    for start, entity in people:
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        head = token[0] if token is not None else None
        while head is not None and head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        if head is not None and head.dep_ in _SUBJECTS:
            return entity
        if head is not None and head.sent.start < subject.sent.start - 60:
            break
    return people[0][1] if people else None


def _mentioned(token: Token, entities: list[Entity]) -> Entity | None:
    return next((e for e in entities if any(s.start <= token.idx < s.end for s in e.mentions)), None)


def _entity_at(token: Token, entities: list[Entity]) -> Entity | None:
    """The entity a subject names: the person its noun phrase names ("Ryanair CEO, Michael O' Leary";
    "USAF's chief of staff General Duncan McNab"; "said Airbus President and Chief Executive Officer,
    Tom Enders"), the entity one of whose mentions holds it, or (for "the country's foreign ministry",
    "a spokesman for Airbus") the organization those words name."""
    phrase = [t for t in token.subtree if t.i == token.i or t.dep_ in _NAMING]
    people = [e for t in phrase if (e := _mentioned(t, entities)) is not None and e.kind is ActorKind.PERSON]
    if people:
        return people[0]
    if (found := _mentioned(token, entities)) is not None:
        return found
    if token.text[:1].isupper() and (person := _person_named(token.text, entities)) is not None:
        return person  # "Jobs said", where the tagger read "Jobs" as a common noun
    if token.lower_ in STAFF:
        # An unnamed spokesperson speaks for the organization: "Airbus spokesman", "a spokesman for Airbus".
        for child in token.children:
            target = child if child.dep_ in ("compound", "poss") else None
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None and (found := _entity_at(target, entities)) is not None:
                return found if found.kind is not ActorKind.PERSON else None
        return None
    words = [t.lower_ for t in token.subtree if t.dep_ in ("compound", "amod") or t.i == token.i]
    for entity in entities:
        if entity.kind is ActorKind.ORGANIZATION and len(words) > 1:
            names = [n.lower().split() for n in entity.names()]
            if any(name[-len(words) :] == words for name in names):
                return entity
    return None


def _named(token: Token, entities: list[Entity]) -> Entity | None:
    """A speaker the NER missed but the parse shows by name: "said Mayor Ana Ruiz" is a person, with the
    title before the name as the role the article gives."""
    if token.pos_ != "PROPN":
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
        name=doc.text[span.start : span.end],
        kind=ActorKind.PERSON if len(names) > 1 or titles else ActorKind.ORGANIZATION,
        mentions=[span],
        role=doc.text[role.start : role.end] if role else None,
        role_span=role,
    )
    entities.append(entity)
    return entity


def _person_named(word: str, entities: list[Entity]) -> Entity | None:
    """The one person whose surname, or first name, is ``word``."""
    people = [e for e in entities if e.kind is ActorKind.PERSON]
    for part in (-1, 0):
        named = [e for e in people if len(e.name.split()) > 1 and e.name.split()[part] == word]
        if len(named) == 1:
            return named[0]
    return None


def _body(token: Token, entities: list[Entity]) -> Entity | None:
    """A body the article shows speaking, named by its owner: "Russia's embassy in the U.S." becomes an
    organization of its own."""
    if token.lower_ not in INSTITUTIONS or not any(
        c.dep_ in ("poss", "compound") and c.ent_type_ for c in token.children
    ):
        return None
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "det", "punct")]
    tokens = [t for t in tokens if t.i <= token.i or t.head.i == token.i or t.head.head.i == token.i]
    begin, last = tokens[0], max(tokens, key=lambda t: t.i)
    span = Span(start=begin.idx, end=last.idx + len(last.text))
    name = token.doc.text[span.start : span.end]
    entity = Entity(name=name, kind=ActorKind.ORGANIZATION, mentions=[span])
    entities.append(entity)
    return entity


def speaker_of(
    doc: Doc,
    sentence: Span,
    entities: list[Entity],
    quoted: list[tuple[int, int]],
    said: list[Attribution],
) -> Entity | None:
    """Who the article says a sentence's claim comes from: the speaker of a passage quoted in it, else
    the named subject of its speech verb; None when the article states it in its own voice."""
    for (lo, _), attribution in zip(quoted, said, strict=True):
        if sentence.start <= lo < sentence.end and attribution.speaker is not None:
            return attribution.speaker
    words = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    verb = next((t for t in words if _is_cue(t, quoted)), None) if words is not None else None
    subject = _subject(verb, quoted) if verb is not None else None
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        return _pronoun(subject, entities, None, near_previous=False)
    return _entity_at(subject, entities)


def has_subject(doc: Doc, clause: Span) -> bool:
    """Whether the head of ``clause`` is a verb whose subject stands in it."""
    words = doc.char_span(clause.start, clause.end, alignment_mode="expand")
    if words is None:
        return False
    root = words.root
    return root.pos_ in ("VERB", "AUX") and any(
        child.dep_ in _SUBJECTS and words.start <= child.i < words.end for child in root.children
    )


def clause_at(doc: Doc, offset: int, sentence: Span) -> Span | None:
    """The clause around the word at ``offset``: the subtree of the verb it belongs to ("Russia would
    face consequences for meddling …" around "would"), or None when that is the whole sentence."""
    words = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if words is None:
        return None
    token = words[0]
    for _ in range(4):
        if token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
            break
        if token.head.i == token.i:
            break
        token = token.head
    if token.dep_ in ("acl", "relcl"):
        token = token.head  # "a report … found that": the finding with what found it
    tokens = [t for t in token.subtree if not t.is_space]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in ("mark", "cc")):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ".!?":
        tokens.pop()
    if len(tokens) < _SHORTEST_CLAUSE:
        return None
    begin, end = max(tokens[0].idx, sentence.start), min(tokens[-1].idx + len(tokens[-1].text), sentence.end)
    # A clause that begins or ends inside a quotation takes in its marks, so no quotation is cut open.
    text = doc.text
    while begin > sentence.start and text[begin - 1] in QUOTE_MARKS + "(":
        begin -= 1
    if sum(text[begin:end].count(mark) for mark in QUOTE_MARKS) % 2:
        closing = [at for mark in QUOTE_MARKS if (at := text.find(mark, end, sentence.end)) >= 0]
        end = min(closing) + 1 if closing else end
    span = Span(start=begin, end=end)
    return None if span == sentence else span


def reports_speech(doc: Doc, offset: int) -> bool:
    """Whether the word at ``offset`` (a modal, say) governs a verb of speech: "I will only say …"."""
    words = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if words is None:
        return False
    token = words[0]
    verb = token.head if token.dep_ in ("aux", "auxpass") else token
    return verb.lemma_.lower() in SPEECH_VERBS
