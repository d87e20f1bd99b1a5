"""The rule-based baseline a model must beat: quoted passages given to the nearest name."""

from __future__ import annotations

import datetime as dt
import re
import time

from ..analysis.lexicon import TITLES
from ..analysis.quotations import find_quoted_passages
from ..analysis.text import mention_spans, rough_sentences
from ..ingest import source_from_text
from ..models import Actor, ActorKind, Brief, Event, Quote, RunInfo
from ..timeline import find_dates

# ---- the baseline's name rules: capitalized runs ----

# A run of capitalized words (initials and "U.S." included) on one line, allowing "of"/"the" between them.
_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'’.-]*[\w.]|[A-Z])(?:[ \t]+(?:(?:of|the|for|de|van|von|al)[ \t]+)?"
    r"(?:[A-Z][\w'’.-]*[\w.]|[A-Z]))*"
)
# "Russian", "American", "Taliban-linked": words that describe rather than name.
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|can|-linked|-based|-led)")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,2}\.")
_NOT_NAMES = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their Our In On At By For
    From With After Before While When Meanwhile Since But And Or If As Also Still Yet So Then There
    Here Some Any No Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December""".split()
)


def find_names(text: str, start: int = 0) -> list[str]:
    """Capitalized word runs that may name actors, titles and sentence-initial words stripped, in order
    of first appearance. A list to choose from, not a verdict: the model decides which are actors."""
    found: dict[str, None] = {}
    for match in _NAME.finditer(text, start):
        for words in _split_at_sentence_ends(match.group(0).split()):
            name = " ".join(_strip_titles(words)).strip(".")
            if len(name) > 1 and name not in _NOT_NAMES and not _ADJECTIVE.fullmatch(name):
                found.setdefault(name, None)
    return list(found)


_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){1,2}")


def people(text: str, start: int = 0) -> list[str]:
    """Names that look like people's: two or three capitalized words whose surname recurs alone."""
    found: dict[str, None] = {}
    for name in find_names(text, start):
        if not _PERSON_NAME.fullmatch(name):
            continue
        surname = name.split()[-1]
        alone = len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text[start:])) > text.count(name)
        if alone:
            found.setdefault(name, None)
    return list(found)


def _split_at_sentence_ends(words: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in words:
        runs[-1].append(word)
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
            runs.append([])
    return [run for run in runs if run]


def _strip_titles(words: list[str]) -> list[str]:
    words = list(words)
    # Possessives name the owner: "Russia's Ambassador" mentions Russia.
    for i, word in enumerate(words):
        if word.endswith(("'s", "’s")):
            words = [*words[:i], word[:-2]]
            break
    while words and (
        words[0] in _NOT_NAMES
        or words[0].lower() in TITLES
        # A nationality before a title: "Russian President Vladimir Putin".
        or (len(words) > 1 and words[1].lower() in TITLES and words[0].endswith(("an", "ese", "ish")))
    ):
        words.pop(0)
    return words


# ---- the baseline --------------------------------------------------------------------------------


def baseline_brief(text: str, dateline: dt.date | None) -> Brief:
    """What simple rules get: actors are the capitalized name candidates (people's surnames folded into
    them), each quoted passage is given to the nearest actor named in its sentence, and each date
    expression is an event. Deliberately not the product's speaker ranking: this is the bar to beat."""
    started = time.perf_counter()
    source = source_from_text(text, dateline=dateline)
    start = source.body_start
    persons = people(text, start)
    surnames = {name.split()[-1]: name for name in persons}
    aliases: dict[str, list[str]] = {}
    for name in find_names(text, start):
        person = surnames.get(name) if name not in persons else None
        if person is not None:
            aliases.setdefault(person, []).append(name)
        else:
            aliases.setdefault(name, [])
    actors = []
    for n, (name, more) in enumerate(aliases.items(), start=1):
        spans = mention_spans([name, *more], text, start=start)
        actors.append(
            Actor(
                id=f"a{n}",
                name=name,
                aliases=more,
                kind=ActorKind.PERSON if name in persons else ActorKind.ORGANIZATION,
                spans=spans,
            )
        )
    passages = find_quoted_passages(text, start)
    spans_of = rough_sentences(text, start)
    quoted = [p.span for p in passages]
    mentions = [
        (span, actor)
        for actor in actors
        for span in actor.spans
        if not any(q.start - 1 <= span.start < q.end + 1 for q in quoted)
    ]
    quotes = []
    for passage in passages:
        q = passage.span
        # The sentence, or sentences, the quoted words stand in.
        around = [s for s in spans_of if s.start <= q.end and q.start <= s.end] or [q]
        lo, hi = min(s.start for s in around), max(s.end for s in around)
        near = [
            (max(q.start - span.end, span.start - q.end, 0), span.start, actor)
            for span, actor in mentions
            if lo <= span.start < hi
        ]
        speaker = min(near, key=lambda m: (m[0], m[1]))[2].id if near else None
        quotes.append(
            Quote(
                text=passage.text,
                speaker=speaker,
                full=passage.full,
                spans=[q],
            )
        )
    events = []
    for when in find_dates(text, source.dateline):
        if when.span is None or when.span.start < start:
            continue
        home = next((s for s in spans_of if s.start <= when.span.start < s.end), when.span)
        events.append(Event(what=text[home.start : home.end], when=when, spans=[home]))
    return Brief(
        headline="",
        summary="",
        dateline=source.dateline,
        actors=actors,
        events=events,
        quotes=quotes,
        run=RunInfo(
            backend="baseline",
            model="rules",
            prompt_version="-",
            seconds={"rules": round(time.perf_counter() - started, 4)},
        ),
    )


def analysis_brief(text: str, dateline: dt.date | None) -> Brief:
    """The brief the analysis stage alone makes, with no model: actors, quotes with the speakers the parse
    names (the rest unknown), each time with the clause it dates; no consequences, headline or summary.
    It measures the analysis."""
    from ..analysis import analyze
    from ..assemble import preliminary

    started = time.perf_counter()
    source = source_from_text(text, dateline=dateline)
    analysis = analyze(source)
    brief = preliminary(analysis, source.dateline).brief
    seconds = {"analysis": round(time.perf_counter() - started, 4)}
    return brief.model_copy(update={"run": brief.run.model_copy(update={"seconds": seconds})})
