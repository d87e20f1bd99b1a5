"""How certain the article makes an outcome, read from the grammar of the clause that states it.

Cue words alone mislead ("will" is a plan in "Acme will close the plant" and a forecast in "prices will
rise"; "insisted" demands in "insisted that the union agree" and asserts in "insisted it was safe"), so
the parse decides, in this order:

1. a condition hung on the clause or a verb above it ("if", "unless", "as long as", "should the talks
   fail") makes it conditional;
2. the first verb, adjective or noun that governs it says how it is meant: "plans to", "wants to",
   "agreed to" announced; "expects", "is likely to", "hopes" expected; "warned", "threatened"
   threatened; "urged … to", "insisted that the union agree", "called for", "must" demanded; "is
   considering", "possibility of" speculated; "declined to predict", "did not say whether", "would not
   speculate" state no outcome at all. Verbs of saying pass through ("said it will close"); a plan
   stopped ("scrapped plans to") is what happened to it; a "so that" clause wants what it says
   ("so that the club would lower prices"), unless it states what the act put in force ("so that a
   dispatcher must approve");
3. the clause's modal (modals.py): "could", "may", "might" speculated; "should" expected, or demanded of
   people; "will" (and "would" reporting it) announced for a party's own act or a passive plan,
   expected for what events, things or "there" will do, threatened in "will pay a price" (future.py);
4. otherwise a realis past or present clause, stated as fact: happened.

The word or words that decided are kept (``Reading.cue``), so that a reader can check them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Certainty, Span
from .complements import addressed, deadline, for_clause, someone_else, subjunctive
from .future import acting
from .lexicon import (
    CONDITIONS,
    GOVERNING,
    MODALS,
    REFUSALS,
    SPEECH_VERBS,
    SUBJUNCTIVE_DEMANDS,
)
from .lexicon.clauses import UNDOING, UNSAID, UNSAID_NOUNS
from .modals import Reading, by_modal, future_modal, future_with_be
from .nlp import lemma, written

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Reading", "certainty_of", "governors", "read", "refuses", "says", "verb_of"]

_GOVERNED_BY = {word: Certainty(kind) for kind, words in GOVERNING.items() for word in words}
_CLIMB = ("xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "acl", "oprd", "acomp", "advcl")
"""Dependencies through which a clause hangs from what governs it ("advcl" only for a purpose "to")."""
_SPECULATIVE = frozenset(["could", "may", "might"])
_OPINION = frozenset(["believe", "think", "feel", "reckon"])
"""Verbs of opinion, which pass a possibility through ("believes that this may …" is speculated)."""
_QUESTION = frozenset(["whether", "if", "what", "when", "how", "why", "who", "which", "where"])


def certainty_of(sentence: str) -> Certainty:
    """The certainty of a sentence standing alone (a model's timeline entry, say), read at its main
    verb; happened when it states no outcome."""
    from .nlp import parse

    roots = [t for t in parse(sentence) if t.dep_ == "ROOT"]
    reading = read(roots[0]) if roots else None
    return reading.certainty if reading is not None and reading.certainty else Certainty.HAPPENED


def verb_of(token: Token) -> Token:
    """The verb of the clause a cue word stands in: the verb an auxiliary serves, the main clause a
    condition hangs on ("if" in "if talks fail, workers will strike" gives "strike"), the verb whose
    object a noun is."""
    if token.head.dep_ == "advcl" and _condition(token.head.head) is not None:
        # A word of the condition: the outcome is the clause it is hung on, above any condition a
        # condition has ("will consider a cut if inflation stays low, unless the currency falls").
        outcome = token.head.head
        while (
            outcome.dep_ == "advcl" and outcome.head.i != outcome.i and _condition(outcome.head) is not None
        ):
            outcome = outcome.head
        return outcome
    if token.dep_ == "mark" and token.lower_ in ("until", "till") and token.head.dep_ == "advcl":
        return token.head.head  # "until we find it" limits the clause it is hung on
    if token.dep_ in ("aux", "auxpass", "neg"):
        return token.head
    for _ in range(3):
        # A noun that is its clause's subject governs nothing ("expectations … have been written off").
        # Nor does a plan that is stopped: "scrapped plans to build a plant" happened to the plan.
        undone = token.dep_ in ("dobj", "ccomp") and lemma(token.head) in UNDOING
        governing_noun = (
            lemma(token) in _GOVERNED_BY and token.dep_ not in ("nsubj", "nsubjpass") and not undone
        )
        if token.pos_ in ("VERB", "AUX") or governing_noun:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return token


def read(token: Token) -> Reading:
    """The certainty of the outcome stated by the clause of ``token``'s verb (see :func:`verb_of`)."""
    verb = verb_of(token)
    clauses, above = governors(verb)
    # A condition may hang on a verb the clause's verb governs ("could end up playing … if …").
    inside = [c for node in clauses for c in node.children if c.dep_ == "xcomp"]
    for node in [*clauses, *inside]:
        if (condition := _condition(node)) is not None:
            return Reading(Certainty.CONDITIONAL, condition)
    if (aim := _aim(verb)) is not None:
        return aim
    for node, below in above:
        if (nothing := _no_outcome(node, below)) is not None:
            return nothing
    if _unsaid(verb):
        return Reading(None, _span(verb))
    # The nearest verb above that says how its clause is meant decides; then the clause's own verb,
    # when it governs an object ("plans to", "warned of"); then its modal.
    reported = False
    for node, below in above:
        if (decided := _governed(node, below)) is not None:
            return decided
        reported = reported or says(node)
    own = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if (decided := _governed(verb, own, own=True)) is not None:
        return decided
    # What was said must be a verb: a noun the parser took for the complement would lead back here.
    said = own is not None and own.dep_ == "ccomp" and own.pos_ in ("VERB", "AUX")
    if own is not None and said and (says(verb) or lemma(verb) in SUBJUNCTIVE_DEMANDS):
        return read(own)  # "insisted that the claim would be paid": what was said decides
    if (limit := deadline(verb)) is not None:
        return Reading(Certainty.DEMANDED, _span(limit))
    return by_modal(verb, reported)


def governors(verb: Token) -> tuple[list[Token], list[tuple[Token, Token]]]:
    """The clauses ``verb`` stands in, and what governs them: the verb and the verbs it is joined to
    ("will make a flight … and will begin service"), and each (governor, complement) above them through
    complements and prepositions, nearest first. A speech verb set in a clause ("the plant, the company
    said, will close") governs it."""
    clauses = [verb]
    above: list[tuple[Token, Token]] = []
    node = verb
    for _ in range(10):
        aside = [c for c in node.children if c.dep_ == "parataxis" and says(c)]
        above += [(c, node) for c in aside]
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        if node.dep_ == "advcl" and not any(c.lower_ == "to" and c.dep_ == "aux" for c in node.children):
            break  # "after the plant closed": a clause of its own, not an object of the verb above
        if node.dep_ == "conj":
            if node.head.pos_ not in ("VERB", "AUX"):
                break
            node = node.head  # a verb joined to another shares its governors, and is not governed by it
            clauses.append(node)
            continue
        if node.i < node.head.i and any(t.text == ";" for t in node.doc[node.i : node.head.i]):
            break  # "iOS 5 will ship in the fall; Apple announced no new hardware": a sentence of its own
        above.append((node.head, node))
        node = node.head
    return clauses, above


def _condition(node: Token) -> Span | None:
    """The words of a condition hung on ``node``: "if"/"unless"/"provided" marking an adverbial clause,
    "as long as", or an inverted "should"/"were"/"had" ("should the talks fail")."""
    doc = node.doc
    for clause in (c for c in node.children if c.dep_ in ("advcl", "advmod")):
        first = next(clause.subtree)
        if (
            first.lower_ == "as"
            and doc[first.i + 1 : first.i + 3].text.lower() == "long as"
            and first.i < node.i
        ):
            # A condition stands before what it conditions ("As long as the ban stays, airlines will
            # pay"); after its verb it is a length of time ("will take as long as they need").
            return Span(start=first.idx, end=doc[first.i + 2].idx + 2)
        if clause.dep_ != "advcl":
            continue
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in CONDITIONS]
        conceded = bool(marks) and marks[0].i > 0 and doc[marks[0].i - 1].lower_ == "even"
        purpose = lemma(clause) == "be" and any(c.dep_ == "xcomp" for c in clause.children)
        if marks and not conceded and not purpose:
            # "even if" concedes, what follows happens either way; "if they are to meet demand" names
            # an aim, and what it needs
            return _span(marks[0])
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        inverted = first.lower_ in ("should", "were", "had") and first.dep_ in ("aux", "ROOT", "advcl")
        if inverted and subject is not None and first.i < subject.i:
            return _span(first)
    return None


def _aim(verb: Token) -> Reading | None:
    """What a clause of purpose wants another party to do ("filed a lawsuit so that Apple would stop
    selling the device"): demanded. A "so that" clause in the present, or with "must" or "can", states
    what the act has put in force ("changed its rules so that a dispatcher must approve"): the clause it
    hangs on says how certain that is."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if "so" in marks or (marks == ["that"] and any(c.lower_ == "so" for c in verb.head.children)):
        if _in_force(verb):
            return read(verb.head)
        return Reading(Certainty.DEMANDED, _span(next(c for c in verb.children if c.dep_ == "mark")))
    return None


def _in_force(verb: Token) -> bool:
    """Whether a "so that" clause states a rule or state now in force: "must" or "can", or the present
    indicative (a bare verb after a past one may be a subjunctive, "so that the union agree")."""
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(h.lower_ in ("must", "can", "ca") for h in helpers):
        return True
    if any(h.lower_ in MODALS for h in helpers):
        return False
    words = [verb, *helpers]
    return any(w.tag_ == "VBZ" for w in words) or (verb.tag_ == "VBP" and verb.head.tag_ != "VBD")


def refuses(verb: Token) -> bool:
    """Whether a verb refuses to predict or leaves a question open ("declined to say when", "did not
    disclose what price …"): its sentence states no outcome, whatever else it quotes."""
    below = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    return any((r := _no_outcome(verb, c)) is not None and r.certainty is None for c in below)


def _no_outcome(node: Token, below: Token) -> Reading | None:
    """None's reading when ``node`` says nothing follows from the clause ``below`` it: "declined to
    predict when", "did not say whether"; a refusal to act is a refusal that happened."""
    word = lemma(node)
    if word in REFUSALS:
        return Reading(None if says(below) else Certainty.HAPPENED, _span(node))
    if _asks(node, below, any(c.dep_ == "neg" for c in node.children)) or _unsaid(node):
        return Reading(None, _span(node))  # "won't pretend to know when it will return"
    return None


def _unsaid(verb: Token) -> bool:
    """Whether a verb of saying is negated with nothing said: "she would not speculate", "the bank did not
    comment", "I'm not going to speculate about numbers", "would not make predictions" state no outcome;
    so does one negated in the future, whatever follows it ("I won't pretend to", "will not predict the
    score")."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma(verb) == "go" and negated:
        # "not going to speculate": the verb going governs
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
    if lemma(verb) == "make" and len(said) == 1 and lemma(said[0]) in UNSAID_NOUNS:
        said = []  # "would not make predictions": a verb of saying put as a noun
    elif lemma(verb) not in UNSAID:
        return False
    negated = negated or any(c.dep_ == "neg" for c in verb.children)
    # "won't predict the score", "will not say that it is safe": a refusal, whatever it names
    return negated and (not said or future_modal(verb))


def _governed(node: Token, below: Token | None, *, own: bool = False) -> Reading | None:
    """What ``node`` makes of the clause ``below`` it; ``own``: of its own object, ``node`` being the
    clause's verb ("plans to close", "warned of losses")."""
    word = lemma(node)
    kind = _GOVERNED_BY.get(word)
    wanted = for_clause(node)
    governs = (
        not own
        or wanted is not None
        or any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "acl") or _by_date(c) for c in node.children)
    )
    if word in ("announce", "unveil") and (below is None or below.dep_ != "ccomp" or future_modal(below)):
        # "announced 10,000 job cuts", "announced that the change will occur": a decision made known;
        # "announced that profits rose" passes through
        kind = Certainty.ANNOUNCED
    if kind is None or not governs:
        return future_with_be(node, below)
    if word in SUBJUNCTIVE_DEMANDS and not subjunctive(below):
        return None  # "insisted that the plant was safe" asserts; its clause decides
    if (
        word == "call"
        and wanted is None
        and not any(c.lower_ in ("for", "on", "upon") for c in node.children)
    ):
        return None  # "called it a mistake"
    if kind is Certainty.DEMANDED and own and below is None and not acting(node) and not says(node):
        # "iOS would no longer require a computer": a need of a thing, no one's demand; a demand spoken
        # ("called for") is one, whatever subject the parser gave it
        return None
    if kind is Certainty.DEMANDED and own and future_modal(node) and acting(node) and addressed(node):
        # "the lawyers will ask the court to pause it": a request they will make of another party is
        # their plan, read by "will"; "will be demanding that prices fall" states the demand itself
        return None
    if word in ("want", "wish") and someone_else(node, below):
        kind = Certainty.DEMANDED  # "wants Congress to act"
    modal = next((c for c in node.children if c.dep_ == "aux" and c.lower_ in _SPECULATIVE), None)
    if modal is not None and kind in (Certainty.ANNOUNCED, Certainty.DEMANDED):
        return Reading(Certainty.SPECULATED, _span(modal))  # "could decide to close"
    inner = (
        next((c for c in below.children if c.dep_ == "aux" and c.lower_ in _SPECULATIVE), None)
        if below
        else None
    )
    if inner is not None and word in _OPINION:
        return Reading(Certainty.SPECULATED, _span(inner))  # "believes that this may have an impact"
    return Reading(kind, _span(node))


def says(token: Token) -> bool:
    """Whether a verb reports speech ("said", "predicted", "pointed out")."""
    word = lemma(token)
    out = word == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return word in SPEECH_VERBS or word in ("predict", "speculate") or out


def _asks(node: Token, below: Token, negated: bool) -> bool:
    """Whether ``below`` is a question ``node`` asks or leaves open ("did not say whether", "asked when",
    "did not disclose what price")."""
    opener = next(below.subtree)
    question = opener.lower_ in _QUESTION or any(
        c.lower_ in _QUESTION and c.dep_ in ("mark", "advmod", "dobj", "det") for c in below.children
    )
    return question and below.dep_ == "ccomp" and (negated or lemma(node) in ("ask", "wonder"))


def _by_date(child: Token) -> bool:
    """A date the parser read as a passive's agent: "the report is expected by March" is due by then."""
    return child.dep_ == "agent" and any(c.ent_type_ in ("DATE", "TIME") for c in child.children)


def _span(token: Token) -> Span:
    return written(token)
