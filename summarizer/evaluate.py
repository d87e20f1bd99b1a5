"""Scoring briefs against annotated articles, beside a rule-based baseline.

``summarizer eval GOLD`` reads a gold file (:func:`load_gold`), makes the brief of every article with the
configured backend and with :func:`baseline_brief`, scores both (:func:`score`) and reports per-article
figures and totals (:class:`Report`), so that a change of model, prompt or strategy is judged by numbers.
The metrics are defined in docs/evaluation.md; the definitions here and there must agree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .candidates import find_names, find_quoted_passages, people, sentences
from .errors import ExtractionError, InputError, SummarizerError
from .ground import mention_spans, normalize
from .ingest import source_from_text
from .models import Actor, ActorKind, Brief, Event, Grounding, Quote, RunInfo, Span
from .timeline import find_dates

if TYPE_CHECKING:
    from rich.console import Console

    from .pipeline import Summarizer

__all__ = [
    "METRICS",
    "ArticleScore",
    "GoldActor",
    "GoldArticle",
    "GoldEvent",
    "GoldQuote",
    "GoldTimex",
    "Metric",
    "ProgressCallback",
    "Ratio",
    "Report",
    "baseline_brief",
    "evaluate",
    "load_gold",
    "print_report",
    "run_eval",
    "same_date",
    "score",
    "totals",
]


# ---- the gold ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldActor:
    """An actor the brief should name, under any of its names."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "other"
    """An :class:`~summarizer.models.ActorKind` value; for a person, the surname alone also names it."""


@dataclass(frozen=True)
class GoldQuote:
    """A passage the article puts in quotation marks, and who it says spoke it."""

    text: str
    speaker: str | None
    speaker_aliases: list[str] = field(default_factory=list)
    """More names that count as the speaker: the speaker's other names, and in MEANTIME the speakers of
    the other speech events around the same passage ("Detik.com quoted Djamal as saying “…”")."""


@dataclass(frozen=True)
class GoldEvent:
    """Something that happened on a known date, with the article's words that date it."""

    description: str
    date: str
    """ISO value; its form gives the precision: 2021-03-17, 2021-W11, 2021-03 or 2011."""
    evidence: str
    evidence_span: Span | None = None


@dataclass(frozen=True)
class GoldTimex:
    """A time expression of the article and its ISO value."""

    text: str
    value: str
    span: Span | None = None


@dataclass(frozen=True)
class GoldArticle:
    """One annotated article. Every list may be empty: a metric whose gold is empty is not scored."""

    id: str
    text: str
    dateline: dt.date | None
    actors: list[GoldActor] = field(default_factory=list)
    key_actors: list[str] = field(default_factory=list)
    """Names (of ``actors``) that a brief must not miss."""
    quotes: list[GoldQuote] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    timex: list[GoldTimex] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    summary: str | None = None
    quotes_complete: bool = True
    """Whether ``quotes`` holds every quoted passage; quote precision is only scored when it does."""
    non_actors: list[str] = field(default_factory=list)
    """Names of entities the gold knows but does not count as actors (MEANTIME's places and products): a
    brief actor with one of these names is neither right nor wrong, and is left out of actor precision."""


def load_gold(path: Path) -> list[GoldArticle]:
    """The articles of a gold file: ``.json`` in this project's format (one article, a list of them, or
    ``{"articles": [...]}``; docs/evaluation.md), ``.jsonl`` in the MEANTIME export's format
    (``../shared/eval/README.md``) or one article of this project's format a line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from None
    try:
        if path.suffix == ".jsonl":
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            data = json.loads(raw)
            items = data.get("articles", [data]) if isinstance(data, dict) else data
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(items, list):
        raise InputError(f"{path}: expected an article, a list of articles or {{'articles': [...]}}")
    articles = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{path}: item {n} is not a JSON object")
        try:
            articles.append(_meantime(item) if "gold" in item else _seed(item, path))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"{path}: item {n} ({item.get('id', '?')}): bad or missing field: {exc}"
            ) from None
    return articles


def _seed(item: dict[str, Any], path: Path) -> GoldArticle:
    if "text" in item:
        text = str(item["text"])
    else:
        # "file" is relative to the shared folder (the gold file's parent's parent); the gold file's own
        # folder is tried first so that a gold file can also sit beside its articles.
        candidates = [path.parent / item["file"], path.parent.parent / item["file"]]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            raise ValueError(f"file {item['file']!r} not found beside {path} or in its parent folder")
        text = found.read_text(encoding="utf-8")
    actors = [
        GoldActor(str(a["name"]), [str(x) for x in a.get("aliases", [])], str(a.get("kind", "other")))
        for a in item.get("actors", [])
    ]
    quotes = []
    for q in item.get("quotes", []):
        speaker = q.get("speaker")
        actor = _actor_named(speaker, actors) if speaker else None
        quotes.append(GoldQuote(str(q["text"]), speaker, list(actor.aliases) if actor else []))
    return GoldArticle(
        id=str(item.get("id") or Path(str(item.get("file", "article"))).stem),
        text=text,
        dateline=_date(item.get("dateline")),
        actors=actors,
        key_actors=[str(k) for k in item.get("key_actors", [])],
        quotes=quotes,
        events=[
            GoldEvent(str(e.get("description", "")), str(e["date"]), str(e.get("evidence", "")))
            for e in item.get("events", [])
            if e.get("date")
        ],
        timex=[
            GoldTimex(str(t["text"]), str(t["value"]), _span(t.get("span"))) for t in item.get("timex", [])
        ],
        consequences=[
            str(c["description"]) if isinstance(c, dict) else str(c) for c in item.get("consequences", [])
        ],
        summary=item.get("summary"),
        quotes_complete=bool(item.get("quotes_complete", True)),
    )


_ACTOR_TYPES = {"PER": ActorKind.PERSON.value, "ORG": ActorKind.ORGANIZATION.value}
_NAME_TYPES = frozenset({"NAM", "PRE.NAM"})
_PRONOUNS = frozenset(
    {
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they",
        "them", "their", "theirs", "themselves", "who", "whom", "whose", "which", "that", "this", "these",
        "those",
    }
)  # fmt: skip
# MEANTIME event-to-time links that put the event inside (or at) the time expression.
_DATING_LINKS = frozenset({"IS_INCLUDED", "inverse:INCLUDES", "SIMULTANEOUS", "inverse:SIMULTANEOUS"})
_CALENDAR = re.compile(r"\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?")


def _meantime(item: dict[str, Any]) -> GoldArticle:
    text = str(item["text"])
    gold = item["gold"]
    entities = gold.get("entities", [])
    names_of = {str(e["name"]).strip(): _entity_names(e) for e in entities}
    actors, non_actors = [], []
    for e in entities:
        names = names_of[str(e["name"]).strip()]
        if not names:
            continue
        if e.get("named") and e.get("type") in _ACTOR_TYPES:
            actors.append(GoldActor(names[0], names[1:], _ACTOR_TYPES[e["type"]]))
        else:
            non_actors += names
    dct = item.get("dct")
    timexes = [t for t in gold.get("timex", []) if t.get("type") == "DATE"]
    return GoldArticle(
        id=str(item["id"]),
        text=text,
        dateline=_date(dct),
        actors=actors,
        quotes=_meantime_quotes(gold.get("quotes", []), text, names_of),
        events=_meantime_events(gold.get("events", []), timexes),
        # The creation time is the dateline line, not a time expression of the prose.
        timex=[
            GoldTimex(str(t["text"]), str(t["value"]), _span(t.get("span")))
            for t in timexes
            if t.get("function") != "CREATION_TIME"
        ],
        summary=gold.get("summary"),
        # quoted_text was derived for the few speech events annotated, in the first sentences only.
        quotes_complete=False,
        non_actors=non_actors,
    )


def _entity_names(entity: dict[str, Any]) -> list[str]:
    """The entity's name, then its other names: mentions typed as names, or, untyped, capitalized and not
    pronouns. MEANTIME's mention texts are spans, so "the United States Air Force (USAF" gives
    "United States Air Force" and "USAF", and "Ryanair CEO, Michael O' Leary" gives both parts too."""
    found: dict[str, None] = {}
    for name in _variants(str(entity["name"])):
        found.setdefault(name, None)
    for mention in entity.get("mentions", []):
        words = str(mention.get("text", "")).strip()
        kind = mention.get("syntactic_type")
        if kind in _NAME_TYPES or (not kind and words[:1].isupper() and _key(words) not in _PRONOUNS):
            for name in _variants(words):
                found.setdefault(name, None)
    return [n for n in found if _key(n)]


def _variants(name: str) -> list[str]:
    name = name.strip()
    out = []
    if "(" in name:
        before, _, inside = name.partition("(")
        out.append(before.strip())
        inside = inside.rstrip(")").strip()
        initials = [w[0] for w in before.split() if w[:1].isupper()]
        # An acronym of the name ("Royal Air Force (RAF)") is a name; a qualifier ("Ministry of Defence
        # (UK)") is not.
        if inside.isupper() and " " not in inside and initials and inside[0] == initials[0]:
            out.append(inside)
    else:
        out.append(name)
    if ", " in out[0]:
        out += [part.strip() for part in out[0].split(", ")]
    return [n for n in out if n]


def _meantime_quotes(
    records: list[dict[str, Any]], text: str, names_of: dict[str, list[str]]
) -> list[GoldQuote]:
    speakers: dict[str, list[str]] = {}
    order: list[str] = []
    for record in sorted(records, key=lambda r: list(r.get("cue_span") or [0])):
        if not record.get("direct"):
            continue
        cue = record.get("cue_span") or [-1, -1]
        speaker = str(record.get("speaker_entity") or "").strip()
        for quoted in record.get("quoted_text") or []:
            if not str(quoted).strip():
                continue
            if quoted not in speakers:
                order.append(quoted)
            names = speakers.setdefault(quoted, [])
            # A speech verb inside the quoted words ("… and ensures that …") is speech within the quote.
            inside = any(
                at <= cue[0] < at + len(quoted)
                for at in (m.start() for m in re.finditer(re.escape(quoted), text))
            )
            if speaker and not inside and speaker not in names:
                names.append(speaker)
    quotes = []
    for quoted in order:
        names = speakers[quoted]
        aliases = [alias for n in names for alias in [n, *names_of.get(n, [])]]
        main = (names_of.get(names[0]) or names[0:1])[0] if names else None
        quotes.append(GoldQuote(quoted, main, [a for a in dict.fromkeys(aliases) if a != main]))
    return quotes


def _meantime_events(events: list[dict[str, Any]], timexes: list[dict[str, Any]]) -> list[GoldEvent]:
    """One dated event per time expression that some event is linked into: a brief makes one event per
    dated sentence, so two gold events on one expression would ask it for a split it never makes."""
    by_text = {str(t["text"]): t for t in timexes if t.get("function") != "CREATION_TIME"}
    dated: dict[tuple[int, int], GoldEvent] = {}
    for event in events:
        for link in event.get("timex_links") or []:
            timex = by_text.get(str(link.get("timex")))
            if link.get("reltype") not in _DATING_LINKS or timex is None:
                continue
            value = _CALENDAR.match(str(timex.get("value", "")))
            span = _span(timex.get("span"))
            if value is None or span is None:
                continue
            key = (span.start, span.end)
            words = "/".join(dict.fromkeys(str(m["text"]) for m in event.get("mentions", [])))
            if key in dated:
                old = dated[key]
                dated[key] = GoldEvent(
                    f"{old.description}; {words}", old.date, old.evidence, old.evidence_span
                )
            else:
                dated[key] = GoldEvent(words, value.group(0), str(timex["text"]), span)
    return sorted(dated.values(), key=lambda e: e.evidence_span.start if e.evidence_span else 0)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None


def _span(value: Any) -> Span | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        return Span(start=int(value[0]), end=int(value[1]))
    return None


def _actor_named(name: str, actors: list[GoldActor]) -> GoldActor | None:
    key = _key(name)
    return next((a for a in actors if key in _gold_keys(a)), None)


# ---- matching ------------------------------------------------------------------------------------


def _key(name: str) -> str:
    """A name as compared: normalized (quotation marks, dashes, spacing, case), apostrophes unspaced
    ("O' Leary", an artifact of MEANTIME's tokens), without a leading "the", a possessive or edge
    punctuation."""
    key = re.sub(r"\s*'\s*", "'", normalize(name)[0]).strip(' .,;:!?"()[]')
    key = re.sub(r"'s?$", "", key.removeprefix("the "))
    return key.strip(' .,;:!?"()[]')


def _keys(names: Iterable[str]) -> set[str]:
    return {k for k in map(_key, names) if k}


def _gold_keys(actor: GoldActor) -> set[str]:
    keys = _keys([actor.name, *actor.aliases])
    words = _variants(actor.name)[0].split()
    if actor.kind == ActorKind.PERSON.value and len(words) > 1:
        keys |= _keys(words[-1:])
    return keys


def _brief_keys(actor: Actor) -> set[str]:
    return _keys([actor.name, *actor.aliases])


def _quote_key(text: str) -> str:
    return " ".join(normalize(text)[0].replace('"', " ").split())


def _evidence_overlaps(when_text: str, when_span: Span | None, gold: GoldEvent) -> bool:
    if when_span is not None and gold.evidence_span is not None:
        return when_span.start < gold.evidence_span.end and gold.evidence_span.start < when_span.end
    a, b = _quote_key(when_text), _quote_key(gold.evidence)
    if not a or not b:
        return False
    return bool(_within(a, b) or _within(b, a))


def _within(needle: str, hay: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", hay) is not None


def same_date(value: str | None, gold: str) -> bool:
    """Whether ``value`` (a brief's ISO value) gives the ``gold`` value at the gold's precision: a finer
    value counts when it falls within the gold's (2021-03-17 for 2021-03, or for 2021-W11), a coarser one
    never does."""
    if not value:
        return False
    value, gold = value.strip(), gold.strip()
    if re.fullmatch(r"\d{4}", gold):
        return value[:4] == gold and bool(_CALENDAR.fullmatch(value))
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return bool(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value)) and value[:7] == gold
    if re.fullmatch(r"\d{4}-W\d{2}", gold):
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            return value == gold
        try:
            year, week, _ = dt.date.fromisoformat(value).isocalendar()
        except ValueError:
            return False
        return f"{year:04d}-W{week:02d}" == gold
    return value == gold[:10]


# ---- scores --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """A share: ``hits`` out of ``total``. Totals add the counts, so totals are micro-averages."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """hits / total to 4 places, or None when there is nothing to count."""
        return round(self.hits / self.total, 4) if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass(frozen=True)
class ArticleScore:
    """The figures of one brief against its gold article."""

    id: str
    actor_precision: Ratio
    actor_recall: Ratio
    key_actor_recall: Ratio
    quote_precision: Ratio
    quote_recall: Ratio
    speaker_accuracy: Ratio
    date_accuracy: Ratio
    date_recall: Ratio
    grounding_rate: float | None
    """None when no brief was made."""
    schema_valid_first: bool
    schema_valid_final: bool
    reasks: int
    tokens: int
    seconds: float
    error: str | None = None
    """Why no brief was made (the model's answers kept failing validation)."""
    notes: dict[str, list[str]] = field(default_factory=dict)
    """What went wrong, item by item: missed_actors, extra_actors, missed_quotes, extra_quotes,
    wrong_speakers, missed_dates, wrong_dates."""


# Warnings that extract.py records when a pass ends without a fully valid answer (items dropped, no
# answer, an answer cut off): the brief then is not schema-valid even after its re-asks.
_FAILED_PASS = ("dropped from ", "no valid answer after", "cut off at the token limit")


def score(brief: Brief, gold: GoldArticle) -> ArticleScore:
    """Score ``brief`` against ``gold``; docs/evaluation.md defines each figure."""
    notes: dict[str, list[str]] = {}
    gold_keys = [_gold_keys(a) for a in gold.actors]
    ignored = _keys(gold.non_actors)
    hits = counted = 0
    for actor in brief.actors:
        keys = _brief_keys(actor)
        if any(keys & g for g in gold_keys):
            hits, counted = hits + 1, counted + 1
        elif not keys & ignored:
            counted += 1
            notes.setdefault("extra_actors", []).append(actor.name)
    found_keys = [_brief_keys(a) for a in brief.actors]
    found = [any(g & b for b in found_keys) for g in gold_keys]
    notes_missed = [a.name for a, ok in zip(gold.actors, found, strict=True) if not ok]
    if notes_missed:
        notes["missed_actors"] = notes_missed
    key_found = 0
    for name in gold.key_actors:
        known = _actor_named(name, gold.actors)
        keys = _gold_keys(known) if known else _keys([name])
        key_found += any(keys & b for b in found_keys)

    quotes, speakers = _match_quotes(brief, gold, notes)
    dates, dated = _match_dates(brief, gold, notes)
    failed = any(mark in warning for warning in brief.run.warnings for mark in _FAILED_PASS)
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(hits, counted),
        actor_recall=Ratio(sum(found), len(gold.actors)),
        key_actor_recall=Ratio(key_found, len(gold.key_actors)),
        quote_precision=Ratio(quotes, len(brief.quotes)) if gold.quotes_complete else Ratio(),
        quote_recall=Ratio(quotes, len(gold.quotes)),
        speaker_accuracy=speakers,
        date_accuracy=dates,
        date_recall=Ratio(dates.hits, dated),
        grounding_rate=brief.grounding_rate,
        schema_valid_first=not failed and brief.run.reasks == 0,
        schema_valid_final=not failed,
        reasks=brief.run.reasks,
        tokens=brief.run.usage.prompt_tokens + brief.run.usage.completion_tokens,
        seconds=round(sum(brief.run.seconds.values()), 3),
        notes=notes,
    )


def _failure(gold: GoldArticle, error: str) -> ArticleScore:
    """The score of an article whose brief could not be made: its gold items all count as missed."""
    return ArticleScore(
        id=gold.id,
        actor_precision=Ratio(),
        actor_recall=Ratio(0, len(gold.actors)),
        key_actor_recall=Ratio(0, len(gold.key_actors)),
        quote_precision=Ratio(),
        quote_recall=Ratio(0, len(gold.quotes)),
        speaker_accuracy=Ratio(),
        date_accuracy=Ratio(),
        date_recall=Ratio(0, sum(_dated(e) for e in gold.events)),
        grounding_rate=None,
        schema_valid_first=False,
        schema_valid_final=False,
        reasks=0,
        tokens=0,
        seconds=0.0,
        error=error,
    )


def _match_quotes(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[int, Ratio]:
    """Gold and brief quotes paired one to one by text, in gold order; returns the pairs' count and the
    speaker accuracy over the pairs whose gold speaker is known."""
    free: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        free.setdefault(_quote_key(quote.text), []).append(quote)
    pairs: list[tuple[GoldQuote, Quote]] = []
    for want in gold.quotes:
        waiting = free.get(_quote_key(want.text))
        if waiting:
            pairs.append((want, waiting.pop(0)))
        else:
            notes.setdefault("missed_quotes", []).append(want.text)
    if gold.quotes_complete:
        extra = [q.text for left in free.values() for q in left]
        if extra:
            notes["extra_quotes"] = extra
    right = judged = 0
    for want, got in pairs:
        if want.speaker is None:
            continue
        judged += 1
        actor = _actor_named(want.speaker, gold.actors)
        wanted = _keys([want.speaker, *want.speaker_aliases]) | (_gold_keys(actor) if actor else set())
        speaker = brief.actor(got.speaker)
        if speaker is not None and _brief_keys(speaker) & wanted:
            right += 1
        else:
            said = speaker.name if speaker else None
            notes.setdefault("wrong_speakers", []).append(f"{want.text!r}: {said} (gold: {want.speaker})")
    return len(pairs), Ratio(right, judged)


def _dated(event: GoldEvent) -> bool:
    return bool(_CALENDAR.fullmatch(event.date) and event.evidence.strip())


def _match_dates(brief: Brief, gold: GoldArticle, notes: dict[str, list[str]]) -> tuple[Ratio, int]:
    """Gold dated events paired one to one with brief events whose time expression overlaps the gold
    evidence; returns the accuracy over the pairs and the number of gold dated events."""
    free = [e for e in brief.events if e.when is not None]
    right = paired = total = 0
    for want in gold.events:
        if not _dated(want):
            continue
        total += 1
        near = [e for e in free if e.when and _evidence_overlaps(e.when.text, e.when.span, want)]
        if not near:
            notes.setdefault("missed_dates", []).append(f"{want.evidence} = {want.date}")
            continue
        # Of several brief events on the same words, the one with the right date is the pair.
        got = next((e for e in near if _value(e) and same_date(_value(e), want.date)), near[0])
        free.remove(got)
        paired += 1
        if same_date(_value(got), want.date):
            right += 1
        else:
            notes.setdefault("wrong_dates", []).append(f"{want.evidence} = {want.date}: {_value(got)}")
    return Ratio(right, paired), total


def _value(event: Event) -> str | None:
    return event.when.value if event.when else None


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
                grounding=Grounding.EXACT if spans else Grounding.UNGROUNDED,
            )
        )
    passages = find_quoted_passages(text, start)
    spans_of = sentences(text, start)
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
                cue=passage.cue,
                spans=[q],
                grounding=Grounding.EXACT,
            )
        )
    events = []
    for when in find_dates(text, source.dateline):
        if when.span is None or when.span.start < start:
            continue
        home = next((s for s in spans_of if s.start <= when.span.start < s.end), when.span)
        events.append(
            Event(what=text[home.start : home.end], when=when, spans=[home], grounding=Grounding.EXACT)
        )
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


# ---- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    """A figure of the report."""

    name: str
    label: str
    kind: str
    """"extraction": higher is better and the model must beat the baseline; "validity": higher is better,
    but the baseline is grounded and valid by construction, so it is no bar; "cost": lower is better."""
    digits: int = 3


METRICS: tuple[Metric, ...] = (
    Metric("actor_precision", "Actor precision", "extraction"),
    Metric("actor_recall", "Actor recall", "extraction"),
    Metric("key_actor_recall", "Key-actor recall", "extraction"),
    Metric("quote_precision", "Quote precision", "extraction"),
    Metric("quote_recall", "Quote recall", "extraction"),
    Metric("speaker_accuracy", "Speaker accuracy", "extraction"),
    Metric("date_accuracy", "Date accuracy", "extraction"),
    Metric("date_recall", "Date recall", "extraction"),
    Metric("grounding_rate", "Grounding rate", "validity"),
    Metric("schema_valid_first", "Schema-valid, 1st attempt", "validity"),
    Metric("schema_valid_final", "Schema-valid, after re-asks", "validity"),
    Metric("reasks_per_brief", "Re-asks per brief", "cost", 2),
    Metric("tokens_per_brief", "Tokens per brief", "cost", 0),
    Metric("seconds_per_brief", "Seconds per brief", "cost", 1),
)
_RATIOS = (
    "actor_precision",
    "actor_recall",
    "key_actor_recall",
    "quote_precision",
    "quote_recall",
    "speaker_accuracy",
    "date_accuracy",
    "date_recall",
)


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def totals(scores: Sequence[ArticleScore]) -> dict[str, float | None]:
    """Totals over articles: shares are micro-averaged (the counts summed, then divided); grounding rate
    and the costs are means per brief made; schema-valid rates are shares of all articles."""
    out: dict[str, float | None] = {}
    for name in _RATIOS:
        summed = sum((getattr(s, name) for s in scores), Ratio())
        out[name] = summed.value
    made = [s for s in scores if s.error is None]
    out["grounding_rate"] = _mean([s.grounding_rate for s in made if s.grounding_rate is not None])
    out["schema_valid_first"] = _mean([float(s.schema_valid_first) for s in scores])
    out["schema_valid_final"] = _mean([float(s.schema_valid_final) for s in scores])
    out["reasks_per_brief"] = _mean([float(s.reasks) for s in made])
    out["tokens_per_brief"] = _mean([float(s.tokens) for s in made])
    out["seconds_per_brief"] = _mean([s.seconds for s in made])
    return out


def _counts(scores: Sequence[ArticleScore]) -> dict[str, list[int]]:
    return {name: [(r := sum((getattr(s, name) for s in scores), Ratio())).hits, r.total] for name in _RATIOS}


def _row(s: ArticleScore) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(s, name).value for name in _RATIOS}
    row["counts"] = {name: [getattr(s, name).hits, getattr(s, name).total] for name in _RATIOS}
    row.update(
        grounding_rate=s.grounding_rate,
        schema_valid_first=s.schema_valid_first,
        schema_valid_final=s.schema_valid_final,
        reasks=s.reasks,
        tokens=s.tokens,
        seconds=s.seconds,
        error=s.error,
        notes=s.notes,
    )
    return row


def _delta(a: float | None, b: float | None) -> float | None:
    return round(a - b, 4) if a is not None and b is not None else None


@dataclass
class Report:
    """Per-article scores of the model's briefs and of the baseline's, on the same gold articles."""

    gold: str
    model: list[ArticleScore]
    baseline: list[ArticleScore]
    run: dict[str, str] = field(default_factory=dict)
    """Backend, model and prompt version of the model's briefs."""
    created: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    wall_seconds: float = 0.0
    """Wall time of the whole evaluation (a re-run served from the cache is fast; seconds_per_brief keeps
    the time of the run that made each brief)."""

    def totals(self) -> dict[str, dict[str, float | None]]:
        """Totals of the model, of the baseline, and the model's lead (model minus baseline)."""
        model, baseline = totals(self.model), totals(self.baseline)
        return {
            "model": model,
            "baseline": baseline,
            "delta": {k: _delta(model[k], baseline[k]) for k in model},
        }

    def beaten(self) -> tuple[int, int]:
        """On how many extraction metrics the model beats the baseline, out of how many both have."""
        both = self.totals()
        deltas = [both["delta"][m.name] for m in METRICS if m.kind == "extraction"]
        known = [d for d in deltas if d is not None]
        return sum(d > 0 for d in known), len(known)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (the shape docs/evaluation.md describes)."""
        won, of = self.beaten()
        return {
            "gold": self.gold,
            "created": self.created,
            "articles": len(self.model),
            "run": self.run,
            "wall_seconds": round(self.wall_seconds, 1),
            "metrics": {m.name: {"label": m.label, "kind": m.kind} for m in METRICS},
            "beats_baseline": {"metrics": won, "of": of},
            "totals": self.totals(),
            "counts": {"model": _counts(self.model), "baseline": _counts(self.baseline)},
            "per_article": [
                {"id": m.id, "model": _row(m), "baseline": _row(b)}
                for m, b in zip(self.model, self.baseline, strict=True)
            ],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


ProgressCallback = Callable[[int, int, str], None]
"""Told (articles done, articles in all, id of the article being worked on; "" at the end)."""


def evaluate(
    articles: Sequence[GoldArticle],
    summarize: Callable[[GoldArticle], Brief],
    progress: ProgressCallback | None = None,
    *,
    baseline: Callable[[GoldArticle], Brief] | None = None,
    gold: str = "",
) -> Report:
    """Make and score the brief of every article with ``summarize`` and with the baseline (by default
    :func:`baseline_brief`). An article whose brief fails validation for good (ExtractionError) scores as
    a failure; any other error stops the run."""
    make_baseline = baseline or (lambda a: baseline_brief(a.text, a.dateline))
    started = time.perf_counter()
    model: list[ArticleScore] = []
    rules: list[ArticleScore] = []
    run: dict[str, str] = {}
    for n, article in enumerate(articles):
        if progress:
            progress(n, len(articles), article.id)
        try:
            brief = summarize(article)
        except ExtractionError as exc:
            model.append(_failure(article, str(exc)))
        else:
            run = run or {
                "backend": brief.run.backend,
                "model": brief.run.model,
                "prompt_version": brief.run.prompt_version,
            }
            model.append(score(brief, article))
        rules.append(score(make_baseline(article), article))
    if progress:
        progress(len(articles), len(articles), "")
    return Report(gold, model, rules, run=run, wall_seconds=time.perf_counter() - started)


# ---- rendering and the command -------------------------------------------------------------------


def _figure(value: float | None, digits: int) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if digits == 0 else f"{value:.{digits}f}"


_ARTICLE_COLUMNS = (
    ("actor_precision", "Actor\nP"),
    ("actor_recall", "Actor\nR"),
    ("quote_precision", "Quote\nP"),
    ("quote_recall", "Quote\nR"),
    ("speaker_accuracy", "Spea-\nker"),
    ("date_accuracy", "Date\nacc"),
    ("date_recall", "Date\nR"),
)


def print_report(report: Report, console: Console | None = None) -> None:
    """Print the report as rich tables: per-article rows (model above, baseline dimmed below), then the
    totals with the model's lead over the baseline, and the articles whose brief failed."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    # Narrow enough for 80 columns; tokens and seconds per article are in the JSON.
    rows = Table(
        title=f"Per article: {report.gold}",
        caption="each cell: model, baseline below (dim); – nothing to score; valid: ✓ first time, "
        "↻ after re-asks, ~ items dropped, ✗ failed",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    rows.add_column("Article", no_wrap=True, overflow="ellipsis", max_width=24)
    for _, label in _ARTICLE_COLUMNS:
        rows.add_column(label, justify="right", no_wrap=True, min_width=5)
    rows.add_column("Val-\nid", justify="center", no_wrap=True, min_width=4)
    rows.add_column("Re-\nasks", justify="right", no_wrap=True, min_width=4)
    for m, b in zip(report.model, report.baseline, strict=True):
        cells: list[Text] = [Text(m.id)]
        for name, _ in _ARTICLE_COLUMNS:
            cell = Text(_figure(getattr(m, name).value, 2))
            cell.append("\n" + _figure(getattr(b, name).value, 2), style="dim")
            cells.append(cell)
        if m.error is not None:
            valid = Text("✗", style="red")
        elif not m.schema_valid_final:
            valid = Text("~", style="yellow")
        else:
            valid = Text("✓" if m.schema_valid_first else "↻", style="green")
        cells += [valid, Text(str(m.reasks))]
        rows.add_row(*cells)
    console.print(rows)

    both = report.totals()
    table = Table(
        title=f"Totals over {len(report.model)} articles",
        caption=f"model: {report.run.get('model', '?')} ({report.run.get('backend', '?')}), prompts "
        f"{report.run.get('prompt_version', '?')}; baseline: rules",
        box=box.SIMPLE_HEAD,
    )
    for label, justify in (("Metric", "left"), ("Model", "right"), ("Baseline", "right"), ("Δ", "right")):
        table.add_column(label, justify=justify)  # type: ignore[arg-type]
    for metric in METRICS:
        model, base, delta = (both[side][metric.name] for side in ("model", "baseline", "delta"))
        style = ""
        if metric.kind == "extraction" and delta is not None:
            style = "green" if delta > 0 else "red" if delta < 0 else ""
        shown = _figure(delta, metric.digits)
        if delta is not None and delta > 0 and shown.strip("0.,"):
            shown = "+" + shown
        table.add_row(
            metric.label,
            _figure(model, metric.digits),
            _figure(base, metric.digits),
            Text(shown, style=style),
        )
    console.print(table)
    won, of = report.beaten()
    console.print(f"The model beats the baseline on {won} of {of} extraction metrics.")
    for failed in (m for m in report.model if m.error is not None):
        console.print(Text(f"✗ {failed.id}: {failed.error}", style="red"))


def run_eval(gold: Path, *, limit: int | None, as_json: bool, summarizer: Summarizer) -> int:
    """``summarizer eval GOLD``: score the briefs of ``summarizer`` (its cache on, a re-run costs
    nothing) and of the baseline on the first ``limit`` articles of ``gold``; print rich tables or, with
    ``as_json``, the JSON report on stdout. Progress goes to stderr. Returns the exit code: 0, 1 when the
    backend failed, 2 when the gold file is unusable."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    errors = Console(stderr=True)
    try:
        articles = load_gold(gold)
    except InputError as exc:
        errors.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        return 2
    articles = articles[:limit] if limit is not None else articles
    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )
    task = bar.add_task("evaluating", total=len(articles))

    def told(done: int, total: int, current: str) -> None:
        bar.update(task, completed=done, description=current or "done")

    def summarize(article: GoldArticle) -> Brief:
        def on_pass(name: str) -> None:
            bar.update(task, description=f"{article.id} · {name}")

        return summarizer.summarize(
            source_from_text(article.text, dateline=article.dateline), progress=on_pass
        )

    try:
        with bar:
            report = evaluate(articles, summarize, told, gold=str(gold))
    except SummarizerError as exc:
        errors.print(f"error: {exc}", markup=False, highlight=False)
        return 1
    if as_json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_report(report)
    return 0
