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
from itertools import islice
from typing import TYPE_CHECKING

from ..models import Span
from .descriptions import described_speaker
from .entities import Entity, body_named
from .indexed import Entities
from .lexicon import DOCUMENTS, NAMING_VERBS, PRONOUNS, SPEECH_VERBS
from .missed import newly_named
from .nlp import nearest_head, text_of
from .referents import SUBJECTS, entity_named, inside, phrase, pronoun_referent
from .terms import is_term

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Attribution", "Speakers", "attribute", "is_cue", "is_full", "subject_of"]

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
    who: Span | None = None
    """The words of that subject, for an unnamed one ("industry analysts", "a spokesman")."""


@dataclass(frozen=True)
class Speakers:
    """The article's quotations, their marks included, in order (``spans``), and the speaker the parse
    gives each (``of``): made once for every entry and pronoun that reads them."""

    spans: list[tuple[int, int]]
    of: dict[tuple[int, int], Entity | None]


def attribute(doc: Doc, passages: list[Span], entities: Entities) -> list[Attribution]:
    """One attribution per passage, in order. New organizations the article shows speaking as a body
    ("Russia's embassy in the U.S. … blaming") are appended to ``entities``."""
    quoted = [(p.start - 1, p.end + 1) for p in passages]
    out: list[Attribution] = []
    for n, passage in enumerate(passages):
        words = doc.char_span(passage.start, passage.end, alignment_mode="expand")
        if words is not None and is_term(words):
            out.append(Attribution(None, None, term=True))
            continue
        verb = _governing_verb(words, quoted) if words is not None else None
        if verb is None and words is not None:
            verb = _nearest_verb(words, quoted)
        previous = out[-1] if out else None
        near_previous = n > 0 and passage.start - passages[n - 1].end < _TURN
        if verb is None and (labelled := _labelled(text_of(doc), passage, entities)) is not None:
            # A transcript's "Name: “…”".
            out.append(Attribution(labelled, None, term=False))
            continue
        if verb is None and (introduced := _introduced(doc, passage, entities, quoted)) is not None:
            out.append(introduced)
            continue
        if verb is None:
            out.append(_unattributed(doc, words, passages[:n], out, entities, quoted))
            continue
        cue = Span(start=verb.idx, end=verb.idx + len(verb.text))
        subject = subject_of(verb, quoted)
        if subject is None:
            out.append(Attribution(None, cue, term=False))
            continue
        if subject.lower_ in PRONOUNS:
            since = passages[n - 1].end if near_previous else None
            said_before = previous.speaker if previous else None
            speaker = pronoun_referent(subject, entities, quoted, said_before, since)
            out.append(
                Attribution(speaker or _reporter_described(subject, entities, quoted), cue, term=False)
            )
            continue
        speaker = (
            entity_named(subject, entities)
            or body_named(subject, entities)
            or newly_named(subject, entities)
            or described_speaker(subject, entities)
        )
        who = phrase(subject) if speaker is None else None
        out.append(Attribution(speaker, cue, term=False, unnamed=speaker is None, who=who))
    return out


def _reporter_described(pronoun: Token, entities: Entities, quoted: list[tuple[int, int]]) -> Entity | None:
    """Whom a pronoun in reported speech stands for where the reporter is a description an earlier
    mention names: "the Rotterdam club said it had “reluctantly” agreed" is Feyenoord's, after "Dutch
    club Feyenoord"."""
    verb = pronoun.head
    if pronoun.dep_ not in SUBJECTS or verb.dep_ != "ccomp" or not is_cue(verb.head, quoted):
        return None
    reporter = subject_of(verb.head, quoted)
    return described_speaker(reporter, entities) if reporter is not None else None


def _introduced(
    doc: Doc, passage: Span, entities: Entities, quoted: list[tuple[int, int]]
) -> Attribution | None:
    """A passage right after a noun for what someone says or writes ("Jobs left this farewell, “…”",
    "made one promise to the workers: “…”"): the words are that utterance, and its author speaks, the
    noun's owner or the subject of the verb whose object it is."""
    before = doc.char_span(0, passage.start - 1, alignment_mode="contract")
    # Read back from the passage, not from the text's start: once a passage, that is quadratic.
    words = (t for t in reversed(before) if not t.is_space) if before is not None else iter(())
    tokens = list(islice(words, 4))[::-1]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    last = tokens[-1] if tokens else None
    if last is None or last.pos_ != "NOUN":
        return None
    verb = last.head.head if last.dep_ == "pobj" else last.head
    # "made one promise to the workers, “…”": the utterance is the verb's object before its dative.
    objects = [last, *(c for c in verb.children if c.dep_ == "dobj" and c.i < last.i)]
    noun = next((t for t in objects if t.lemma_.lower() in DOCUMENTS), None)
    if noun is None:
        return None
    if noun.dep_ == "pobj":
        verb = noun.head.head  # "ended with a warning: “…”"
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    author = owner
    if author is None and verb.pos_ in ("VERB", "AUX"):
        author = subject_of(verb, quoted)
    cue = Span(start=noun.idx, end=noun.idx + len(noun.text))
    if author is None:
        return Attribution(None, cue, term=False)
    if author.lower_ in PRONOUNS:
        return Attribution(pronoun_referent(author, entities, quoted, None, None), cue, term=False)
    speaker = entity_named(author, entities)
    who = phrase(author) if speaker is None else None
    return Attribution(speaker, cue, term=False, unnamed=speaker is None, who=who)


def _unattributed(
    doc: Doc,
    words: SpacySpan | None,
    before: list[Span],
    said: list[Attribution],
    entities: Entities,
    quoted: list[tuple[int, int]],
) -> Attribution:
    """A passage no speech verb governs. A fragment is a term. A whole sentence standing alone (no verb
    of the writer's around it) continues the turn of whoever speaks in the sentence just before it,
    quoted or reported ("Smith said the plan was flawed. “It will not work.”"); with no speaker there,
    it is unknown. A sentence set in a clause of the writer's with another verb ("supporters chanted
    “Lock her up!”", "made one promise, “We will win.”") is nobody's turn: its speaker is unknown."""
    if words is None or not is_full(words.text):
        return Attribution(None, None, term=True)
    if not _stands_alone(words, quoted):
        return Attribution(None, None, term=False)
    first = words[0].sent
    if first.start == 0:
        return Attribution(None, None, term=False)
    last = doc[first.start - 1].sent
    earlier = [a for p, a in zip(before, said, strict=True) if last.start_char <= p.start < last.end_char]
    spoken = [a for a in earlier if not a.term and (a.speaker is not None or a.unnamed)]
    if spoken:
        turn = spoken[-1]
        return Attribution(turn.speaker, turn.cue, term=False, unnamed=turn.unnamed, who=turn.who)
    if earlier:
        return Attribution(None, None, term=False)
    sentence = Span(start=last.start_char, end=last.end_char)
    return Attribution(_reported_by(doc, sentence, entities, quoted), None, term=False)


def _stands_alone(words: SpacySpan, quoted: list[tuple[int, int]]) -> bool:
    """Whether the sentences a passage stands in hold no verb outside quotation marks."""
    doc = words.doc
    around = doc[words[0].sent.start : words[-1].sent.end]
    return not any(t.pos_ in ("VERB", "AUX") and not inside(t, quoted) for t in around)


def _labelled(text: str, passage: Span, entities: list[Entity]) -> Entity | None:
    """The entity named right before a colon that introduces the passage."""
    colon = text.rfind(":", max(0, passage.start - 4), passage.start)
    if colon < 0:
        return None
    end = colon
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return next((e for e in entities if any(s.end == end for s in e.mentions)), None)


def is_full(words: str) -> bool:
    """Whether quoted words are a whole utterance (they start with a capital), not a fragment."""
    return words.lstrip("( \n")[:1].isupper()


def is_cue(token: Token, quoted: list[tuple[int, int]]) -> bool:
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
            if is_cue(head, quoted) and (not naming or step < 2):
                return head
    return None


def _nearest_verb(words: object, quoted: list[tuple[int, int]]) -> Token | None:
    """A speech verb elsewhere in the passage's sentence, the nearest first ("he said, “…”" where the
    parser hung the quotation elsewhere)."""
    from spacy.tokens import Span as SpacySpan

    assert isinstance(words, SpacySpan)
    sentence = words.doc[words[0].sent.start : words[-1].sent.end]
    cues = [t for t in sentence if is_cue(t, quoted)]
    return min(cues, key=lambda t: min(abs(t.i - words.start), abs(t.i - words.end)), default=None)


def subject_of(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
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
        if head is verb and (any(c.dep_ == "nsubjpass" for c in subjects) or _passive(verb)):
            # "The phone was praised by Jobs as “…”": what is spoken of is no speaker; the agent is. So
            # too for the subject of a verb it is joined to ("proposed limits and is expected to …").
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
        if head is verb and verb.dep_ == "conj" and verb.i and verb.doc[verb.i - 1].pos_ == "PROPN":
            # "The Commission welcomed it and … Commissioner Neelie Kroes said": a name right before the
            # verb is its own subject, which the parser missed; the first verb's subject is not.
            return None
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _antecedent(relative: Token, noun: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs from, or for "who" the person that
    noun describes ("Charles O'Reilly, a management expert at Stanford University, who stated")."""
    if relative.lower_ != "who":
        return noun
    return nearest_head(noun, lambda t: t.ent_type_ == "PERSON", _CLIMB + 1) or noun


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


def _reported_by(
    doc: Doc, sentence: Span, entities: Entities, quoted: list[tuple[int, int]]
) -> Entity | None:
    """The named subject of a sentence's first speech verb outside quotation marks."""
    words = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    verb = next((t for t in words if is_cue(t, quoted)), None) if words is not None else None
    subject = subject_of(verb, quoted) if verb is not None else None
    if subject is None:
        return None
    if subject.lower_ in PRONOUNS:
        return pronoun_referent(subject, entities, quoted, None, None)
    return entity_named(subject, entities)


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)
