"""The tense of the clause a time expression dates, read from the parse, and which time words inside a
quotation date nothing in the story.

A month or weekday without a year points from the dateline the way its clause's tense does: "sales fell
in November" is the November before a January dateline, "the plant will reopen in March" the March
after a December one, and "talks resume in January" the nearer January. The verb that governs the time
expression decides: its own tense and auxiliaries, or, for an infinitive, the verb it completes
("plans to open in March", "is expected to", "is to"). A condition or a clause of time says a future
with the present ("if the winds return on Friday", "once the plant reopens in March"), and with the
past where "would" reports what it conditions ("said it would hire staff when the plant reopened in
May"): such a clause is ahead.

A time in a clause that states no event dates nothing: what a party declined to say or predict, or a
question left open ("declined to say whether the rate would fall before the middle of next year",
"asked whether more closures were coming next year"); the grammar that decides is that of a
consequence's certainty (certainty.py), which reads such a clause as no outcome. So does the base of a
comparison without a verb of its own ("more than in all of 2023", "higher than last year").

Words that count from the moment of speaking ("today", "tomorrow", "this week", "next year") inside a
quotation count from when the words were said, and "today" there mostly means nowadays: they date
something in the story only when the quotation says it happened, or that the speaker does it that day;
a quotation of the time alone, its verb outside the marks ("urged parents to act “today”"), says neither.
Nor does one where the time is not when the verb happened but what it names ("we have waited 20 years
for tonight", "tonight belongs to the fans"): only a time hung on its verb as when ("we signed it
today", "on Monday", "two days ago") dates the quoted event.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .certainty import read
from .lexicon import CONDITIONS, FUTURE_VERBS, GOVERNING, LIMITS, SAME_DAY, SPEECH_TIME, WHEN_PREPOSITIONS
from .lexicon.clauses import TIME_MARKS
from .nlp import nearest_head
from .text import within

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..timeline.rules import Tense

__all__ = ["compared", "dates_nothing", "tense_at", "unstated"]

_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "could", "may", "might", "going"})
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_SPEECH_TIME = re.compile(SPEECH_TIME, re.IGNORECASE)
_SAME_DAY = re.compile(SAME_DAY, re.IGNORECASE)
_CLIMB = 8


def tense_at(doc: Doc, offset: int) -> Tense | None:
    """The tense of the clause that the words at ``offset`` date; None when the parse does not say. A
    limit ("until January", "by October") of a clause in the present, or of a demand, is ahead of it."""
    verb = _governing_verb(doc, offset)
    if verb is None:
        return None
    tense = _tense(verb)
    if (tense != "past" or verb.lemma_.lower() in GOVERNING["demanded"]) and _a_limit(doc, offset):
        return "future"
    if tense in ("present", "past") and _ahead(verb, tense):
        return "future"
    return tense


def _ahead(verb: Token, tense: Tense) -> bool:
    """Whether a condition or a clause of time in the present or the simple past says a future: a
    condition in the present always ("if the winds return on Friday"); otherwise when the clause it is
    hung on is ahead ("will reopen once repairs end in May", "said it would hire staff when the plant
    reopened in May"). A perfect ("if the talks had failed in May") stays past."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.i < verb.i}
    condition = bool(marks & CONDITIONS)
    if not condition and not marks & TIME_MARKS:
        return False
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if condition and tense == "present":
        return True
    head = verb.head
    return head.pos_ in ("VERB", "AUX") and _tense(head) == "future"


def _a_limit(doc: Doc, offset: int) -> bool:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    return token.dep_ == "pobj" and token.head.lower_ in LIMITS


def unstated(doc: Doc, offset: int) -> bool:
    """Whether the words at ``offset`` date a clause that states no event: one refused ("declined to say
    whether …", "refused to speculate on …"), left an open question ("would not say whether …") or
    said to have happened only had something else ("would have been delivered by 2011")."""
    verb = _governing_verb(doc, offset)
    return verb is not None and (read(verb).certainty is None or _counterfactual(verb))


def _counterfactual(verb: Token) -> bool:
    """What would have happened and did not: a modal with a perfect ("the aircraft would have been
    delivered by 2011")."""
    helpers = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    # "could" and "may have" say what perhaps happened ("the fire may have started on Monday").
    return "would" in helpers and "have" in helpers and verb.tag_ == "VBN"


def dates_nothing(doc: Doc, offset: int, words: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether time ``words`` at ``offset`` count from a moment of speaking inside a quotation (between
    the marks of ``quoted``) and the quotation does not say that what they date happened."""
    if not within(quoted, offset) or not _SPEECH_TIME.search(words):
        return False
    verb = _governing_verb(doc, offset)
    if verb is not None and not _same_quotation(quoted, offset, verb.idx):
        # "urged parents to check their records “today, not next week.”": the quotation is the time
        # alone, and its verb, outside the marks, is the writer's; the words say when, not that.
        return True
    if not _when_of_verb(doc, offset, words):
        return True
    tense = tense_at(doc, offset)
    # "Today Apple is going to reinvent the phone": what the speaker does that very day is an event;
    # "cars today are safer" (nowadays), "if tomorrow Airbus will compete" are not.
    return tense != "past" and not (tense == "future" and _SAME_DAY.search(words))


def _when_of_verb(doc: Doc, offset: int, words: str) -> bool:
    """Whether the time ``words`` at ``offset`` say when their clause happened: the verb's adverbial
    ("today", "this week", "two days ago"; a time the parser joined to the next noun, "Today Apple is
    going to …") or the object of a preposition of time ("since Monday"); not a subject, an object or
    the object of "for" ("waited 20 years for tonight")."""
    span = doc.char_span(offset, offset + len(words), alignment_mode="expand")
    if span is None:
        return True
    token = span.root
    if token.dep_ in ("npadvmod", "advmod", "tmod", "compound"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in WHEN_PREPOSITIONS


def _same_quotation(quoted: list[tuple[int, int]], offset: int, other: int) -> bool:
    """Whether ``other`` stands between the same quotation marks as ``offset``."""
    return any(lo <= offset < hi and lo <= other < hi for lo, hi in quoted)


def compared(doc: Doc, offset: int) -> bool:
    """Whether the time at ``offset`` is what a comparison measures against, with no verb of its own
    ("113 cases so far this year, more than in all of 2023", "higher than last year"): the base of a
    comparison dates nothing. A clause of comparison with its verb ("than it did in 2019") tells of an
    event, which relatives.py shows."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    for token in list(span[0].ancestors)[:_CLIMB]:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ == "than":
            return True
    return False


def _governing_verb(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return None
    # A participle that describes ("stays closed", "a closed road") has no tense of its own.
    return nearest_head(span[0], _tensed, _CLIMB)


def _tensed(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "acomp", "amod")


def _tense(verb: Token) -> Tense | None:
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {h.lower_ for h in helpers}
    going = verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children)
    if verb.tag_ == "VBN" and "have" in words:
        return "past"  # "has closed", "may have started", "would have opened"
    if words & _FUTURE_MODALS or going:
        return "future"  # "will open", "would close", "is going to reinvent"
    if verb.tag_ in _PAST_TAGS or any(h.tag_ in _PAST_TAGS for h in helpers):
        return "past"
    if verb.tag_ == "VBN" and any(h.lemma_ == "have" for h in helpers):
        return "past"
    if "to" in words and verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.i != verb.i:
        # "plans to open", "is expected to reopen", "is to vote": the infinitive is ahead of its verb.
        head = verb.head
        if head.lemma_.lower() in FUTURE_VERBS or head.lemma_ == "be":
            return "future"
        return _tense(head) if head.pos_ in ("VERB", "AUX") else None
    present = verb.tag_ in _PRESENT_TAGS or any(h.tag_ in _PRESENT_TAGS for h in helpers)
    if present and verb.lemma_.lower() in FUTURE_VERBS and any(h.dep_ == "auxpass" for h in helpers):
        return "future"  # "a ruling is expected on Friday", "the vote is scheduled for Monday": a forecast
    if present:
        return "present"
    return None
