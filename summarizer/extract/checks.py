"""Checks of the model's own words (headline, summary) against the article they claim to summarize: names,
numbers and roles the article does not give, and words given to someone the article does not give
them to, are re-asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.lexicon import QUOTE_MARKS, ROLE_NOUNS, SPEECH_VERBS
from ..analysis.nlp import text_of
from ..analysis.text import content_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Said", "invented_names", "misattributed", "miscast", "unsupported"]

_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z.]|[A-Za-z]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_ARTICLE_WORD = re.compile(r"\w[\w'’.&-]*")
"""A word of the article as a name's word is looked up: "A380", "U.S.", "AT&T", "Rolls-Royce"."""
_QUOTED = re.compile(f"[{QUOTE_MARKS}][^{QUOTE_MARKS}]*[{QUOTE_MARKS}]")
_SHARED = 3
"""Content words a summary clause must share with an article sentence to be telling what it says."""
_CLIMB = 3
"""Heads climbed from a speech verb to the subject ("… released a comment, blaming …")."""


@dataclass(frozen=True)
class Said:
    """An article sentence whose speaker the parse names, with every name of that speaker."""

    sentence: str
    passage: str
    speaker: list[str]


def unsupported(written: str, article: str) -> list[str]:
    """Names and numbers in ``written`` that the article does not give."""
    numbers = {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(article)}
    invented = [n for n in _NUMBER.findall(written) if n.replace(",", "").rstrip(".") not in numbers]
    return list(dict.fromkeys(invented_names(written, article) + invented))


def invented_names(written: str, article: str) -> list[str]:
    """The words of names in ``written`` that the article does not give, each once.

    The parse tells a name from other words, not its capital: a proper noun, wherever it stands (the
    first word of a sentence too). In a title-case line (a headline), where verbs and nouns are
    capitalised and the tagger calls many of them proper nouns, only a proper noun inside a named entity
    counts. A name's word is the article's when the article has it, or a word of its family ("Russian"
    where the article says "Russia", "Recalls" in a title-case headline where it says "recalled")."""
    from ..analysis.nlp import parse

    words = set()
    for found in _ARTICLE_WORD.findall(article):
        word = found.lower().rstrip(".")
        words |= {word, word.replace("’", "'"), *word.split("-")}
    # A family by its first five letters, not by lemma: a name's derived words ("Russian", "Americans")
    # have lemmas of their own, and a name the article gives in another form is no invention.
    stems = {w[:5] for w in words if len(w) >= 5}
    missing = []
    for line in written.splitlines():
        title_case = _title_case(line)
        for token in parse(line):
            if token.pos_ != "PROPN" or not token.text[:1].isupper() or (title_case and not token.ent_type_):
                continue
            word = token.text.lower().rstrip(".").replace("’", "'").removesuffix("'s")
            if word in words or (len(word) >= 5 and word[:5] in stems):
                continue
            missing.append(token.text.rstrip("."))
    return list(dict.fromkeys(missing))


def _title_case(line: str) -> bool:
    """Most of the line's longer words capitalised, as a headline's are."""
    long = [w for w in _WORD.findall(line) if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) > 0.6 * len(long)


def miscast(written: str, roles: dict[str, str], article: str) -> list[str]:
    """Roles ``written`` gives people that contradict the roles the article states (``roles``: name →
    the article's words): a role noun just before a person's name or surname ("Foreign Minister
    Peskov") that the article's role for that person does not hold, unless the article itself puts
    those words before the name."""
    found = []
    for name, role in roles.items():
        held = {w.lower().strip(".,") for w in role.split()}
        for variant in dict.fromkeys([name, name.split()[-1]]):
            for m in re.finditer(rf"((?:[\w.'’-]+\s+){{1,3}}){re.escape(variant)}\b", written):
                before = [w.lower().strip(".,") for w in m.group(1).split()]
                wrong = [w for w in before if w in ROLE_NOUNS and w not in held]
                if wrong and re.search(
                    rf"\b{re.escape(wrong[-1])}\s+(?:\S+\s+)?{re.escape(variant)}", article, re.I
                ):
                    continue
                if wrong:
                    found.append(f"{name} is '{role}' in the article, not '{' '.join(wrong)}'")
    return list(dict.fromkeys(found))


def misattributed(written: str, said: list[Said], actors: list[list[str]]) -> list[str]:
    """Words ``written`` gives one actor (the subject of its speech verb) that the article gives another:
    the article sentence that holds the most of the clause's content words, at least three, is spoken
    by someone else, and does not name the summary's speaker outside its quotations either (where it
    does, "Ryanair CEO, Michael O' Leary, … saying", the parse may be the one that is wrong).
    ``actors``: each actor's names."""
    from ..analysis.nlp import parse

    bodies = [(s, content_words(s.sentence)) for s in said]
    found = []
    for verb in (t for t in parse(written) if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS):
        speaker = _actor(_subject_words(verb), actors)
        words = content_words(verb.subtree)
        best, shared = max(
            ((s, len(words & body)) for s, body in bodies), key=lambda b: b[1], default=(None, 0)
        )
        if speaker is None or best is None or shared < _SHARED:
            continue
        if not set(speaker) & set(best.speaker) and not _named(speaker, _narration(best)):
            found.append(
                f"the article gives “{_excerpt(best.passage)}” to {best.speaker[0]}, not {speaker[0]}"
            )
    return list(dict.fromkeys(found))


def _narration(said: Said) -> str:
    """The sentence's own words, without its quotations and its speaker's names."""
    text = _QUOTED.sub(" ", said.sentence.replace(said.passage, " "))
    for name in sorted(said.speaker, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def _named(names: list[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names)


def _subject_words(verb: Token) -> str:
    """The words of the subject of ``verb``, or of the clause it continues."""
    for _ in range(_CLIMB):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            words = list(subject.subtree)
            return text_of(verb.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return ""


def _actor(words: str, actors: list[list[str]]) -> list[str] | None:
    """The names of the actor ``words`` name: the one whose names hold the most of its content words
    ("Russia's embassy" is the embassy, not Russia), the shortest name on a tie ("the U.S." is the
    country, not "Russia's embassy in the U.S."); None when no actor's name holds any."""
    wanted = content_words(words)
    scored = [(len(wanted & content_words(name)), -len(name), names) for names in actors for name in names]
    best = max(scored, key=lambda s: s[:2], default=None)
    return best[2] if best is not None and best[0] else None


def _excerpt(words: str) -> str:
    split = words.split()
    return " ".join(split[:8]) + (" …" if len(split) > 8 else "")
