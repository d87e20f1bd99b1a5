"""What happened at a time, in the article's words: the clause the time dates, made to read alone.

A timeline entry in the article's words is a clause a reader understands without the article: its
subject present and resolved ("[GM] might run out of money by March", brackets marking what was added),
the verb that governs a reported, thought or demanded clause kept ("Republican leaders insisted that the
UAW agree to …"), never a bare infinitive, a subordinate fragment or a piece of a quotation. All of it is
read off the dependency parse:

- the time's words hang from the verb they date; a non-finite verb belongs to the finite clause around it;
  a relative clause with a subject of its own, or a comparison, tells of another event than the clause
  around it and is shown alone, the noun it describes in brackets where it belongs, or not at all
  (relatives.py: "the office signed [a settlement] four years ago", never "The cuts broke a settlement …");
  so is a participle describing a noun ("[Baron Construction] chosen by the club last month"); a time
  in an apposition ("its home since 1904") dates no clause, and has no entry (attachment.py);
- a complement of a verb of speech, thought, finding or demand ("Biden said Russia would face …") keeps
  that verb and its subject; a clause under "if" or "unless" keeps what it conditions; a "when", "after"
  or "because" is left off the clause it introduces, which the article states as fact;
- a pronoun subject, a pronoun or possessive with nothing shown before it, a subject shared with an
  earlier verb or left outside its verb are named in brackets ("[Harbor Health's] clinic shut …"), and
  so is a description an earlier mention names ("The formerly state-owned company [Aer Lingus]", "The
  plane [Airbus A400M]", descriptions.py); one the analysis cannot name ("The deliveries are scheduled
  …") is shown as the article gives it: leaving such entries out lost 33 of MEANTIME's 263 dates and
  made no more entries readable by eye;
- a long clause is trimmed to its core (subject, verb with auxiliaries, modals and negation, what
  completes it, the time and what ties it to the verb); each cut is marked "…"; a quotation is shown by
  whole sentences, marks and all;
- an entry that still does not read alone (alone.py), or whose clause the parser misread
  (attachment.py), is its sentence whole when short and readable, or none at all.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ActorKind, Span
from .alone import PERSONAL, expletive, reads_alone, shown_before, undetermined
from .attachment import clause_head, dated_clause, governor, lifted, misread
from .attachment import subject as subject_of
from .descriptions import described, naming
from .entities import Entity
from .indexed import Entities
from .lexicon import PRONOUNS
from .relatives import another_event, in_place
from .speakers import Speakers
from .subjects import (
    RELATIVE,
    acted_before,
    antecedent,
    left_behind,
    mentioned,
    relative_noun,
    shared_subject,
)
from .trimming import clause_words, core, governors_times, is_verb, path, phrase
from .wording import whole_quotations, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Entry", "entry_at", "gist"]

_LONGEST = 22
"""Words of a clause shown whole; a longer one is trimmed to its core."""
_WHOLE = 45
"""Words of a sentence shown whole where its clause cannot be made to read alone: a long sentence a
reader can follow beats no entry; a paragraph's worth does not."""
_CLIMB = 12


@dataclass(frozen=True)
class Entry:
    """A clause to show alone: its text, with what was added in brackets and each cut marked "…", and
    the article's words it shows."""

    text: str
    pieces: list[Span]


def entry_at(
    doc: Doc,
    when: Span,
    entities: Entities,
    speakers: Speakers,
    others: list[Span] | None = None,
) -> Entry | None:
    """The entry for the time at ``when``: what happened then, in the article's words, made to read
    alone; None when the parse gives it no clause (a time in a verbless heading), or it stands in a
    quotation whose speaker is unknown. ``speakers``: the article's quotations (their spans, marks
    included) and who the parse says spoke them; ``others``: the article's other times, of which the
    entry leaves out those that date the verb governing its clause, not its clause ("[A report] found …
    that Putin authorized … in last November's election" for "last November", without "earlier this
    week", which dates the finding)."""
    words = doc.char_span(when.start, when.end, alignment_mode="expand")
    if words is None:
        return None
    head = dated_clause(words.root)
    if head is None:
        return None
    entry = _Entry(doc, entities, speakers, [t.i for t in words])
    for other in others or []:
        if (span := doc.char_span(other.start, other.end, alignment_mode="expand")) is not None:
            entry.others.append([t.i for t in span])
    if (lift := lifted(head, [entry.time, *entry.others])) is not None:
        above, moved = lift
        if entry.time[0] in moved:
            # "[The council] approved … by a 7-4 vote late Tuesday": not the relative clause's words.
            entry.cut = {t.i for t in head.subtree} - moved
            head = above
        else:
            entry.cut = moved
    return entry.build(head)


def gist(doc: Doc, sentence: Span, entities: Entities, speakers: Speakers) -> Entry | None:
    """A sentence's main clause made to read alone, trimmed like a timeline entry: what the brief shows
    in the article's words where the model's own failed its check."""
    words = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if words is None or not is_verb(words.root):
        return None
    return _Entry(doc, entities, speakers, []).build(words.root)


class _Entry:
    """One entry in the making: the tokens it shows, what it adds, its text."""

    def __init__(self, doc: Doc, entities: Entities, speakers: Speakers, time: list[int]):
        self.doc = doc
        self.entities = entities
        self.speakers = speakers.of
        self.quoted = speakers.spans
        self.time = time
        self.others: list[list[int]] = []
        self.keep: set[int] = set()
        self.cut: set[int] = set()
        """Words of the clause that belong to another time's (attachment.lifted)."""
        self.replaced: dict[int, str] = {}
        self.added: dict[int, str] = {}

    def build(self, head: Token) -> Entry | None:
        if misread(head):
            return self._whole_sentence(head)
        chain = [head]
        while (above := governor(chain[-1]) or self._speaking(chain[-1])) is not None:
            chain.append(clause_head(above) or above)
        top = chain[-1]
        apart = another_event(top)
        if top.dep_ == "relcl" and not apart and not self._relative_subject(top):
            # "… six A380s, which it will begin to fly in 2009": the clause whose noun it describes.
            top = clause_head(top.head) or top
            chain.append(top)
        self.keep = clause_words(top)
        if sum(not self.doc[i].is_punct for i in self.keep) > _LONGEST:
            self.keep = set()
            for verb in chain:
                self.keep |= core(verb)
            self.keep |= path([self.doc[i] for i in self.time], chain)
        self.keep -= governors_times(chain, self.others) | self.cut
        # A time in a relative clause of its own or in a comparison dates that clause's event, never the
        # clause around it (relatives.py): the clause alone, or no entry.
        if apart:
            noun = relative_noun(top) if top.dep_ == "relcl" else top.head
            if noun is None:
                # Which noun the clause describes, the parse and the words disagree: the sentence whole.
                return self._whole_sentence(top)
            name = self._named(noun)
            if name is None or (place := in_place(top, self.keep, name)) is None:
                return None
            self.keep -= place.dropped
            self.added.update(place.added)
            self.replaced.update(place.replaced)
        for verb, over in zip(chain, [*chain[1:], None], strict=True):
            # A pronoun in what someone told someone ("told Putin that he doesn't …") may be either one.
            told = over is not None and any(c.dep_ in ("dobj", "dative") for c in over.children)
            self._name_subject(verb, resolve=not told)
        self._name_pronouns()
        if self._quoted(top):
            # A quotation that no verb of the sentence governs: its speaker, as the parse names them.
            mark = self._quotation(top)
            speaker = self.speakers[mark] if mark is not None else None
            if speaker is None:
                return None
            self.keep |= whole_quotations(self.doc, self.keep, self.quoted)
            self.added[min(self.keep)] = f"[{speaker.name} said:]"
        else:
            self.keep |= whole_quotations(self.doc, self.keep, self.quoted)
        named = {*self.added, *self.replaced}
        if not reads_alone(top, self.keep, named, self.time, self.quoted, self._people()):
            return None if apart else self._whole_sentence(top)
        return self._render()

    def _whole_sentence(self, verb: Token) -> Entry | None:
        """Where the clause cannot be made to read alone, its sentence whole when short and when it reads
        alone itself; else no entry: a reader is better served by none than by one they cannot follow."""
        sentence = verb.sent
        if self._quoted(sentence.root) or sum(not t.is_punct for t in sentence) > _WHOLE:
            return None
        self.keep = {t.i for t in sentence if not t.is_space}
        self.added, self.replaced = {}, {}
        self._name_subject(sentence.root, resolve=True)
        self._name_pronouns()
        named = {*self.added, *self.replaced}
        if not reads_alone(sentence.root, self.keep, named, self.time, self.quoted, self._people()):
            return None
        return self._render()

    def _speaking(self, verb: Token) -> Token | None:
        """For a clause inside a quotation, the first verb outside it that the quotation hangs from: the
        speaker's verb ("he stated that “Today Apple is going …”")."""
        if not self._quoted(verb):
            return None
        token = verb
        for _ in range(_CLIMB):
            if token.head.i == token.i:
                return None
            token = token.head
            if not self._quoted(token) and is_verb(token):
                return token
        return None

    def _quoted(self, token: Token) -> bool:
        mark = self._quotation(token)
        return mark is not None and token.idx < mark[1] - 1

    def _quotation(self, token: Token) -> tuple[int, int] | None:
        """The quotation whose marks are around ``token``: the last to open before it, by bisection (the
        quotations are in order, none overlapping), for a scan of them all for each word is quadratic in
        a long article."""
        n = bisect.bisect_left(self.quoted, (token.idx, -1)) - 1
        return self.quoted[n] if n >= 0 and token.idx < self.quoted[n][1] else None

    # ---- subjects ----------------------------------------------------------------------------

    def _relative_subject(self, verb: Token) -> bool:
        """Whether a relative clause's subject is its relative pronoun ("which was released in 2009"),
        and the noun it describes can stand for it: a noun, not a verb the parser hung it on."""
        subject = subject_of(verb)
        return subject is not None and subject.tag_ in RELATIVE and verb.head.pos_ in ("NOUN", "PROPN")

    def _name_subject(self, verb: Token, resolve: bool) -> None:
        """The verb's subject present and named, in brackets where the entry adds it: a pronoun's
        referent (when ``resolve``), a relative pronoun's noun, the subject a joined verb shares with the
        one before it, or the noun the parser left just before its verb ("after a report … found
        that")."""
        subject = subject_of(verb)
        if subject is not None and subject.lower_ == "it" and expletive(subject):
            return  # "It is expected that …" stands for what follows, no one
        if subject is not None and subject.i in self.keep:
            if subject.tag_ in RELATIVE and verb.dep_ == "relcl":
                if (name := self._named(relative_noun(verb))) is not None:
                    self.replaced[subject.i] = f"[{name}]"
            elif resolve and subject.lower_ in PRONOUNS and subject.lower_ not in ("i", "we"):
                referent = self._referent(subject)
                before = " ".join(self.doc[i].text for i in sorted(self.keep) if i < subject.i).lower()
                if referent is not None and not any(name.lower() in before for name in referent):
                    self.replaced[subject.i] = f"[{referent[0]}]"
            elif (found := naming(subject, self.keep, self.entities, self.quoted)) is not None:
                # The description stays, the name after it: the article's words, and why it is that one.
                self.replaced[found[0]] = f"{self.doc[found[0]].text} [{found[1]}]"
            return
        if subject is not None or verb.dep_ == "xcomp":
            return
        shared = shared_subject(verb) if verb.dep_ == "conj" else left_behind(verb)
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            shared = verb.head
            if shared.dep_ == "appos" and shared.head.pos_ == "PROPN":
                shared = shared.head  # "Baron Construction, the builder chosen …": the name it describes
        elif verb.dep_ == "relcl":
            shared = relative_noun(verb)
        if shared is None:
            return
        if shared.lower_ in PRONOUNS:
            named = (self._referent(shared) or [""])[0] or None
        elif shared.tag_ in RELATIVE and shared.head.dep_ == "relcl":
            named = self._named(relative_noun(shared.head))
        else:
            named = self._named(shared)
        shown = [
            i for i in self.keep if verb.left_edge.i <= i <= verb.right_edge.i and not self.doc[i].is_punct
        ]
        if named is not None and shown:
            self.added[min(shown)] = f"[{named}]"

    def _name_pronouns(self) -> None:
        """A personal or possessive pronoun the entry shows with nothing shown before it to stand for,
        named in brackets by what it stands for ("[Kestrel Foods'] clinic" for "its clinic"); not one in
        a quotation, whose speaker may mean someone the article named long before."""
        for i in sorted(self.keep):
            token = self.doc[i]
            if i in self.replaced or token.lower_ not in PERSONAL or self._quoted(token):
                continue
            named = {*self.added, *self.replaced}
            clausal = token.lower_ == "it" and expletive(token)
            if clausal or shown_before(token, self.keep, named, self.quoted, self._people()):
                continue
            referent = self._referent(token, acting=True)
            if referent is not None:
                name = referent[0]
                owner = name + ("'" if name.endswith("s") else "'s")
                possessive = token.tag_ == "PRP$" and self.doc[i + 1 : i + 2].text not in ("'s", "’s")
                self.replaced[i] = f"[{owner}]" if possessive else f"[{name}]"

    def _people(self) -> set[int]:
        """Where the entry adds a person's name, or a person's possessive: no antecedent for "it" or
        "they", and the only additions "he" or "she" may stand for."""
        people = {e.name for e in self.entities if e.kind is ActorKind.PERSON}
        added = [*self.added.items(), *self.replaced.items()]
        return {i for i, words in added if words.strip("[]").removesuffix("'s").rstrip("'") in people}

    def _named(self, noun: Token | None, described_too: bool = True) -> str | None:
        """A noun phrase by its entity's name, or by its head and the words that say which one it is; None
        where those hold a pronoun ("his studio"): an addition must read alone. A description by the name
        it is in apposition to or an earlier mention gives (descriptions.py; "[The club]" says no more
        than its words), unless ``described_too`` is off: a pronoun's antecedent shown as it is."""
        if noun is None:
            return None
        if described_too and noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN":
            noun = noun.head
        if (entity := mentioned(noun, self.entities)) is not None:
            return entity.name
        name = described(noun, self.entities, self.quoted) if described_too and undetermined(noun) else None
        if name is not None:
            return name
        relative = {t.i for c in noun.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        words = [
            i
            for i in sorted(phrase(noun) - relative)
            if not self.doc[i].is_punct and self.doc[i].tag_ not in ("WP$", "WDT", "WP")
        ]
        if any(self.doc[i].lower_ in PERSONAL for i in words):
            return None
        text = self.doc[words[0] : words[-1] + 1].text if words else noun.text
        return text + ")" * (text.count("(") - text.count(")"))

    def _referent(self, pronoun: Token, acting: bool = False) -> list[str] | None:
        """What a personal or possessive pronoun stands for, by its names; with ``acting``, only one
        named as a subject shortly before it (subjects.acted_before)."""
        found = antecedent(pronoun, self.entities, self.quoted)
        if isinstance(found, Entity) and acting and not acted_before(found, pronoun):
            return None
        if found is None or isinstance(found, Entity):
            return found.names() if found is not None else None
        name = self._named(found, described_too=False)
        return [name] if name is not None else None

    # ---- text --------------------------------------------------------------------------------

    def _render(self) -> Entry | None:
        worded = words_of(self.doc, self.keep, self.added, self.replaced)
        return Entry(text=worded[0], pieces=worded[1]) if worded is not None else None
