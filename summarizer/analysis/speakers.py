"""Who said each quoted passage, read off the parse: the speech verb that governs the passage, and its
subject.

The passage's words hang from a speech verb outside the quotation marks ("“…,” Peskov said"; "Biden was
asked whether … and said “I do.”"; "… blaming “certain statements…”"); the verb's subject, or that of the
clause it continues, is the speaker; of a passive speech verb, its agent ("was praised by Jobs as");
of "who stated", the person the relative clause describes. "According to X" gives X. Where the parser
gave the verb no subject, a name right beside it speaks ("“…,” claims writer John Ostrower").
referents.py says which entity a subject or pronoun names. A whole sentence in quotation marks with no
speech verb continues the previous speaker's turn. A fragment in a sentence with no speech verb at all,
or one set in a noun phrase as a name ("the “Lion” release"), is a term, not speech. What the parse
cannot settle is left to the model, with the names nearest the passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Span
from .entities import Entity
from .lexicon import (
    NAMING_VERBS,
    PRONOUNS,
    SPEECH_VERBS,
)
from .referents import SUBJECTS, body_named, entity_named, inside, newly_named, pronoun_referent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Attribution", "attribute", "is_full", "speaker_of"]

_CLIMB = 8
"""Heads climbed from a speech verb to the clause whose subject speaks ("Jobs resigned in a letter to
the board stating, “…”")."""
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
        if words is not None and _names_a_thing(words):
            out.append(Attribution(None, None, term=True))
            continue
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
            since = passages[n - 1].end if near_previous else None
            said_before = previous.speaker if previous else None
            speaker = pronoun_referent(subject, entities, quoted, said_before, since)
            out.append(Attribution(speaker, cue, term=False))
            continue
        speaker = (
            entity_named(subject, entities) or body_named(subject, entities) or newly_named(subject, entities)
        )
        out.append(Attribution(speaker, cue, term=False, unnamed=speaker is None))
    return out


def _names_a_thing(words: SpacySpan) -> bool:
    """Whether quoted words are a name set in a noun phrase, not someone's words: with no verb, they
    modify a noun or stand beside one ("the “Lion” release", "a free case, or “bumper”"), are the
    object of a noun's preposition ("the existence of an “Antennagate”"), take the writer's own
    article or adjective ("the so-called “death grip”"), or are the name a participle gives a noun
    ("the issue, dubbed “Antennagate” by the media")."""
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False  # a clause is said, whatever the parser hung it on ("a promise: “We will win.”")
    roots = [
        t for t in words if not t.is_punct and not (words.start <= t.head.i < words.end and t.head.i != t.i)
    ]
    if len(roots) != 1:
        return False
    root, head = roots[0], roots[0].head
    nominal = ("NOUN", "PROPN")
    if any(c.i < words.start and c.dep_ in ("det", "amod", "predet") for c in root.children):
        return True  # the quoted words are a noun of the writer's sentence, not a quotation of one
    if head.lemma_.lower() in NAMING_VERBS and head.dep_ == "acl":
        return True  # a name given to the noun the participle describes, not words anyone is shown saying
    if head.dep_ == "dobj" and head.head.lemma_.lower() in NAMING_VERBS:
        return False  # "called the new software “the most advanced …”": words said of it
    if root.dep_ in ("compound", "nmod", "appos", "conj") and head.pos_ in nominal:
        return True
    return root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in nominal


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


def _is_cue(token: Token, quoted: list[tuple[int, int]]) -> bool:
    if inside(token, quoted) or token.lemma_.lower() not in SPEECH_VERBS:
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
    the clause around the quotation, and a subject inside quotation marks speaks for no one."""
    head = verb
    for _ in range(_CLIMB):
        if head is not verb and inside(head, quoted):
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
        agent = next((c for c in head.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and not inside(c, quoted)]
        if head is verb and any(c.dep_ == "nsubjpass" for c in subjects):
            # "The phone was praised by Jobs as “…”": what is spoken of is no speaker; the agent is.
            return by
        if subjects:
            # The small parser sometimes hangs two subjects on one verb ("USAF's chief of staff General
            # Duncan McNab stated"): the one next to the verb is the speaker.
            subject = min(subjects, key=lambda c: abs(c.i - head.i))
            if subject.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
                return _antecedent(subject, head.head)
            return subject
        if by is not None:
            return by
        if head is verb and (beside := _beside(verb)) is not None:
            return beside
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _antecedent(relative: Token, noun: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs from, or for "who" the person that
    noun describes ("Charles O'Reilly, a management expert at Stanford University, who stated")."""
    if relative.lower_ != "who":
        return noun
    token = noun
    for _ in range(_CLIMB):
        if token.ent_type_ == "PERSON" or token.head.i == token.i:
            break
        token = token.head
    return token if token.ent_type_ == "PERSON" else noun


def _beside(verb: Token) -> Token | None:
    """A name right before a speech verb the parser gave no subject ("… Boeing Vice President Scott
    Carson replied"), or right after it in an inverted attribution ("“…,” claims writer John Ostrower")."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i else None
    if before is not None and before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", "ORG"):
        return before
    for token in doc[verb.i + 1 : verb.i + 5]:
        if token.is_punct:
            break
        if token.ent_type_ == "PERSON":
            return token
    return None


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
        return pronoun_referent(subject, entities, quoted, None, None)
    return entity_named(subject, entities)
