"""The check of the model's own sentences (headline, summary) against the article's clauses, through the
parse: every clause of the model's must rest on a clause of the article's with the same event (the
verb's lemma, or its nominalization among the clause's words), the same actor as subject (pronouns
resolved), the same polarity and the same certainty, the same numbers for that actor, and a claim the
article gives to someone kept as theirs. A sentence that fails is re-asked once with the reasons; one
that still fails is replaced by the article's own clause or left out (assemble).

Checks are code: they cost milliseconds, and a re-ask is paid only where a sentence failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis.claims import OPEN, REFUSED, Claim, claims_in, doer, number, same_event
from ..analysis.lexicon import CLAIMING, PRONOUNS, ROLE_NOUNS, TITLES
from ..analysis.named import Named, ambiguous, key, stem
from ..analysis.nlp import text_of
from ..analysis.text import content_words
from ..models import ActorKind, Certainty, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..analysis import Analysis

__all__ = ["Checker", "Verdict"]

_STANCES = CLAIMING | {"say"}
"""Events that are themselves someone's stance or words: the model may state them as the article does."""
_MEANS = frozenset("by with through in".split())
"""Prepositions whose noun is how the verb's subject did it ("approved by a vote")."""
_SUPPORTED = 0.5
"""Share of a verbless sentence's content words one article sentence must hold."""
_MOOD_WORDS = {
    Certainty.HAPPENED: "as done",
    Certainty.ANNOUNCED: "as what someone will do or plans",
    Certainty.EXPECTED: "as expected",
    Certainty.SPECULATED: "as possible only",
    Certainty.DEMANDED: "as demanded",
    Certainty.THREATENED: "as threatened",
    Certainty.CONDITIONAL: "on a condition",
    REFUSED: "as refused",
    OPEN: "as an open question",
}


@dataclass(frozen=True)
class Verdict:
    """One sentence of the model's, held to the article."""

    sentence: str
    problems: list[str] = field(default_factory=list)
    """What the article does not say as the sentence says it; empty when it is faithful."""
    evidence: list[Span] = field(default_factory=list)
    """The article's sentences it rests on."""

    @property
    def faithful(self) -> bool:
        return not self.problems


class Checker:
    """The article's claims, ready to hold the model's sentences to."""

    def __init__(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self._named = Named(analysis.entities)
        self._display = {key(e): e.name for e in analysis.entities}
        self._kinds = {key(e): e.kind for e in analysis.entities}
        self._bodies = [(s, analysis.words_in(s)) for s in analysis.sentences]

    def check(self, sentence: str, before: str = "") -> Verdict:
        """``sentence`` held to the article; ``before``: the model's text before it (the headline and the
        summary's earlier sentences), where its pronouns may find their referents."""
        from ..analysis.nlp import parse

        doc = parse(f"{before} {sentence}".strip())
        start = len(text_of(doc)) - len(sentence)
        pronouns = self._pronouns(doc, start)
        mine = claims_in(doc, [Span(start=start, end=len(text_of(doc)))], self._named, pronouns, [])
        # A subject the model names only by "it", "they" or "the plane" cannot be told from the article's:
        # it is not judged (the event, negation, certainty and numbers still are).
        mine = [_unnamed_subject(c, doc) for c in mine if not _modifier(c, doc)]
        if not mine:
            return self._by_words(sentence)
        problems: list[str] = []
        evidence: list[Span] = []
        said: list[Span] = []
        for claim in mine:
            words = _excerpt(text_of(doc)[claim.clause.start : claim.clause.end])
            found, problem = self._rests_on(claim, words)
            if problem:
                problems.append(problem)
            elif found is not None:
                # What is said is the evidence; that someone spoke, only where nothing else is.
                (said if found.event == "say" else evidence).append(found.sentence)
        shown = sorted(set(evidence or said), key=lambda s: s.start)
        return Verdict(sentence, list(dict.fromkeys(problems)), shown)

    def _rests_on(self, mine: Claim, words: str) -> tuple[Claim | None, str | None]:
        """The article's claim the model's rests on, or what is wrong with it."""
        if mine.judged and (named := self._named.keys(mine.event)):
            # "The spokeswoman was Maria Zakharova": an identity, held to a sentence naming both.
            return self._identity(mine, named, words)
        same = [a for a in self._analysis.claims if _same_event(mine, a)]
        if not same:
            return None, f"the article does not say “{words}”"
        by = [a for a in same if self._same_actors(mine, a)]
        if not by:
            return None, f"the article says “{self._words(same[0])}”, not “{words}” (who did it)"
        kept = [a for a in by if a.negated == mine.negated]
        if not kept:
            return None, f"the article says “{self._words(by[0])}”, not “{words}” (negation)"
        sure = [a for a in kept if a.mood == mine.mood]
        if not sure:
            how = _MOOD_WORDS.get(kept[0].mood, kept[0].mood)
            return None, f"the article says “{self._words(kept[0])}”, {how}, not “{words}”"
        owned = [a for a in sure if self._attributed(mine, a)]
        if not owned:
            said = sure[0].event == "say" and mine.event != "say"
            who = self._who(sure[0].actors, sure[0].subject) if said else self._who((sure[0].claimant,))
            claimant = who or "someone"
            return None, f"“{words}” is {claimant}'s word in the article: say so"
        counted = [a for a in owned if mine.numbers <= a.numbers | self._written(a)]
        if not counted:
            numbers = ", ".join(sorted(mine.numbers - owned[0].numbers))
            return None, f"the article does not give {numbers} in “{self._words(owned[0])}”"
        # The clause of the same verb before one that only holds its nominalization, then the closest.
        return max(
            counted, key=lambda a: (stem(a.event) == stem(mine.event), len(a.words & mine.words))
        ), None

    def _identity(self, mine: Claim, named: set[str], words: str) -> tuple[Claim | None, str | None]:
        subjects = set().union(*mine.actors) if mine.actors else set()
        for sentence, body in self._bodies:
            text = self._analysis.text[sentence.start : sentence.end]
            there = self._named.keys(text) | {"~" + stem(w) for w in body}
            claim = next((c for c in self._analysis.claims if c.sentence == sentence), None)
            if named <= there and subjects <= there and claim is not None:
                return claim, None
        return None, f"the article does not say “{words}”"

    def _words(self, claim: Claim) -> str:
        return _excerpt(self._analysis.text[claim.clause.start : claim.clause.end])

    def _written(self, claim: Claim) -> set[str]:
        """Every number written in the article's clause, a name's among them: "12 Embraer 190 jet aircraft"
        gives the model's "12 Embraer 190 Jets" its 190, which a headline's parse may read as a count
        where the article's reads a name."""
        words = self._analysis.text[claim.clause.start : claim.clause.end].split()
        return {n for w in words if (n := number(w)) is not None}

    def _same_actors(self, mine: Claim, theirs: Claim) -> bool:
        """Each actor the model gives as the subject (and as whom it is done or told to) is one the
        article gives that clause; a clause of the article's that names no subject counts only when its
        sentence names the model's."""
        if mine.objects and not mine.objects & theirs.objects and (theirs.objects or mine.event == "say"):
            return False  # "told Biden" is not "told Putin", nor "responded"
        if not mine.actors:
            return True
        if theirs.vague or not theirs.actors:
            if mine.event == "say" and not theirs.actors:
                return False  # words the article gives no one named ("Biden was asked …") are no one's
            if _by_noun(mine, theirs):
                return False  # "The vote came after …" says nothing of who voted
            # A subject the article does not name ("the company", "it"): the model's must be named there.
            text = self._analysis.text[theirs.sentence.start : theirs.sentence.end]
            there = self._named.keys(text) | {"~" + stem(w) for w in self._analysis.words_in(theirs.sentence)}
            return all(keys & there for keys in mine.actors)
        if _by_noun(mine, theirs) and not self._doing(mine.event, theirs):
            return False  # "Brooks said after the vote": the vote is not what Brooks did
        doers = set().union(*theirs.actors)
        for keys in mine.actors:
            named = {k for k in keys if not k.startswith("~")}
            # A person named is who acts ("Airbus CEO Tom Enders" is Tom Enders); else every body named
            # must be the article's ("Ford and Toyota sales" are two).
            people = {k for k in named if self._kinds.get(k) is ActorKind.PERSON}
            if not all(any(_one(k, d) for d in doers) for k in people or named or keys):
                return False
        return True

    def _doing(self, event: str, theirs: Claim) -> bool:
        """Whether the noun of ``event`` in the article's clause is what its subject does: the verb's
        object ("held a vote") or its means ("approved … by a 7-4 vote"), not a circumstance ("said
        after the vote")."""
        doc = self._analysis.doc
        verb = doc.char_span(theirs.verb.start, theirs.verb.end, alignment_mode="expand") if doc else None
        if verb is None:
            return False
        for child in verb.root.children:
            nouns = [child] if child.dep_ in ("dobj", "attr") else []
            if child.dep_ == "prep" and child.lower_ in _MEANS:
                nouns = [c for c in child.children if c.dep_ == "pobj"]
            if any(same_event(event, n.lemma_.lower(), frozenset()) for n in nouns):
                return True
        return False

    def _attributed(self, mine: Claim, theirs: Claim) -> bool:
        """Whether the model keeps whose word a claim is, where it matters: a judgement or a stance (a
        forecast, a possibility, a demand, a threat) always; a fact or a plan when another named party
        states it (another organization, or a person whose role names one). The model names the
        article's claimant too, or the claimant is the claim's own actor (a body's spokesman, a
        country's ministry speaking of it)."""
        if theirs.event == "say" and mine.event != "say":
            # The model states as a fact what the article has someone say ("Critics called the law a
            # disaster" → "The law is a disaster"): it must say who says it.
            speakers = set().union(*theirs.actors) if theirs.actors else set()
            return bool(mine.claimant & speakers) if speakers else bool(mine.claimant)
        if not theirs.claimant or theirs.claimant & mine.claimant:
            return True
        if mine.claimant and "~unnamed" in theirs.claimant:
            return True
        doers = frozenset(set().union(*theirs.actors)) if theirs.actors else frozenset()
        if doers & theirs.claimant or self._named.side(theirs.claimant) & self._named.side(doers):
            return True
        if theirs.event in _STANCES:
            return True  # "the board expects …, its chairman said": a stance, stated as the board's
        if theirs.judged or theirs.mood not in (Certainty.HAPPENED, Certainty.ANNOUNCED):
            return False
        # A fact or a plan: whose word only when one named party says it of another ("the union said GM
        # cut 500 jobs"; "Biden said Russia would face consequences").
        return not any(self._other_party(c, doers) for c in theirs.claimant)

    def _other_party(self, claimant: str, doers: frozenset[str]) -> bool:
        """Whether a named claimant speaks as another party than the named actors it speaks of: a body
        or a country always; a person unless their role is a company's with none named ("chief
        executive Jane Doe said Acme will close its plant"), a company being who acts."""
        speaker = next((e for e in self._analysis.entities if key(e) == claimant), None)
        actors = [e for e in self._analysis.entities if key(e) in doers]
        if speaker is None or not actors:
            return False
        if speaker.kind is not ActorKind.PERSON:
            return True
        role = [w.strip(",.'’s") for w in (speaker.role or "").split()]
        named_role = any(w[:1].isupper() and w.lower() not in ROLE_NOUNS | TITLES for w in role)
        company = all(a.kind is ActorKind.ORGANIZATION for a in actors)
        return named_role or not company or not role

    def _who(self, actors: tuple[frozenset[str], ...], words: str = "") -> str:
        """Actors by name, or by the article's ``words`` for them where none is named."""
        names = [self._display[k] for keys in actors for k in sorted(keys) if k in self._display]
        return (
            " and ".join(dict.fromkeys(names))
            or words
            or " and ".join(k.lstrip("~") for keys in actors for k in sorted(keys))
        )

    def _pronouns(self, doc: Doc, start: int) -> dict[int, set[str]]:
        """What the model's pronoun subjects stand for: the last actor of a fitting kind its text names as
        a subject before them (else named at all), none where the pronoun may be either of two ("told
        Putin that he …")."""
        found: dict[int, set[str]] = {}
        for token in doc:
            if token.idx < start or token.lower_ not in ("he", "she", "it", "they") or ambiguous(token):
                continue
            person = token.lower_ in ("he", "she")

            def fits(keys: set[str], person: bool = person) -> set[str]:
                return {k for k in keys if (self._kinds.get(k) is ActorKind.PERSON) == person}

            subjects = [
                t for t in doc[: token.i] if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in PRONOUNS
            ]
            for subject in reversed(subjects):
                if keys := fits(self._named.keys(" ".join(t.text for t in subject.subtree))):
                    found[token.i] = keys
                    break
            else:
                last = None
                for entity in self._analysis.entities:
                    at = max((text_of(doc).rfind(n, 0, token.idx) for n in entity.names()), default=-1)
                    if (
                        (entity.kind is ActorKind.PERSON) == person
                        and at >= 0
                        and (last is None or at > last[0])
                    ):
                        last = (at, entity)
                if last is not None:
                    found[token.i] = {key(last[1])}
        return found

    def _by_words(self, sentence: str) -> Verdict:
        """A sentence with no verb ("Russia's ambassador recalled"): most of its content words must
        stand in one article sentence."""
        words = content_words(sentence)
        best = max(self._bodies, key=lambda b: len(words & b[1]), default=None)
        if not words or best is None or len(words & best[1]) < _SUPPORTED * len(words):
            return Verdict(sentence, ["no sentence of the article says this"])
        return Verdict(sentence, [], [best[0]])


def _same_event(mine: Claim, theirs: Claim) -> bool:
    return same_event(mine.event, theirs.event, theirs.words)


def _by_noun(mine: Claim, theirs: Claim) -> bool:
    """Whether the model's event is the article's clause's only by a noun among its words ("voted" and
    "… by a 7-4 vote"): who did it is then that clause's subject, if anyone."""
    return not same_event(mine.event, theirs.event, frozenset())


def _modifier(claim: Claim, doc: Doc) -> bool:
    """A participle or infinitive that describes a noun or the circumstance of another clause ("products
    to use Intel processors", "…, killing all 228"): held to the article through the clause it modifies."""
    verb = doc.char_span(claim.verb.start, claim.verb.end, alignment_mode="expand")
    if verb is None:
        return False
    token = verb.root
    return token.dep_ in ("acl", "amod") or (token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN", "VB"))


def _unnamed_subject(claim: Claim, doc: Doc) -> Claim:
    verb = doc.char_span(claim.verb.start, claim.verb.end, alignment_mode="expand")
    subject = doer(verb.root) if verb is not None else None
    if subject is None:
        return claim
    if subject.lower_ in ("it", "they", "this", "that"):
        return replace(claim, actors=())
    vague = subject.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "these") for c in subject.children)
    named = any(not k.startswith("~") for keys in claim.actors for k in keys)
    return replace(claim, actors=()) if vague and not named else claim


def _one(mine: str, theirs: str) -> bool:
    """Whether two keys name one actor: the same, or one's words within the other's ("apple", "apple
    computer"); a common noun only its own stem."""
    if mine == theirs:
        return True
    if mine.startswith("~") or theirs.startswith("~"):
        return False
    short, long = sorted((set(mine.split()), set(theirs.split())), key=len)
    return short <= long


def _excerpt(words: str, most: int = 14) -> str:
    split = words.split()
    return " ".join(split[:most]) + (" …" if len(split) > most else "")
