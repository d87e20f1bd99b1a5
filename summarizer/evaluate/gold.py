"""Gold annotations: the format, readers for the seed gold and MEANTIME, and name matching."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ground import normalize
from ..models import Actor, ActorKind, Span

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
    """More names that count as the speaker: the speaker's other names, and in MEANTIME's own quote gold
    the speakers of the other speech events around the same passage ("Detik.com quoted Djamal as saying
    “…”")."""
    term: bool = False
    """A term, not speech: scare quotes, a title, a nickname, a product's name, a word mentioned as a
    word. It has no speaker; a brief need not list it, and must not give it a speaker."""
    span: Span | None = None
    """Where the passage stands in the article, when the gold says."""


@dataclass(frozen=True)
class GoldEvent:
    """Something that happened on a known date, with the article's words that date it."""

    description: str
    date: str
    """ISO value; its form gives the precision: 2021-03-17, 2021-W11, 2021-03 or 2011."""
    evidence: str
    evidence_span: Span | None = None


@dataclass(frozen=True)
class GoldConsequence:
    """Something that follows or may follow from the news, with the article's words that state it."""

    description: str
    kind: str = ""
    """E.g. "stated plan", "expected outcome", "threatened action", "conditional", "stated risk"."""
    certainty: str | None = None
    """A :class:`~summarizer.models.Certainty` value, when the gold gives one."""
    claimed_by: str | None = None
    """Who claims it (a name from the article); None when the article itself states it."""
    evidence: list[str] = field(default_factory=list)
    """The article's words that state it: the main ones first, then restatements elsewhere."""
    evidence_spans: list[Span] = field(default_factory=list)
    """Where ``evidence`` stands in the article (a brief consequence matches by overlapping one)."""


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
    consequences: list[GoldConsequence] = field(default_factory=list)
    summary: str | None = None
    quotes_complete: bool = True
    """Whether ``quotes`` holds every quoted passage; quote precision is only scored when it does."""
    non_actors: list[str] = field(default_factory=list)
    """Names of entities the gold knows but does not count as actors (MEANTIME's places and products): a
    brief actor with one of these names is neither right nor wrong, and is left out of actor precision."""


EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
"""This project's own gold data (``eval/`` at the project root; eval/README.md)."""
MEANTIME_SPEAKERS = EVAL_DIR / "meantime-speakers.jsonl"
"""Every quoted passage of the 60 MEANTIME dev articles with its speaker, written by hand."""
MEANTIME_CONSEQUENCES = EVAL_DIR / "meantime-consequences.jsonl"
"""The consequences that 14 MEANTIME dev articles state, written by hand."""


def load_gold(
    path: Path,
    *,
    speakers: Path | None = MEANTIME_SPEAKERS,
    consequences: Path | None = MEANTIME_CONSEQUENCES,
) -> list[GoldArticle]:
    """The articles of a gold file: ``.json`` in this project's format (one article, a list of them, or
    ``{"articles": [...]}``; docs/evaluation.md), ``.jsonl`` in the MEANTIME export's format
    (``../shared/eval/README.md``) or one article of this project's format a line.

    MEANTIME articles get this project's gold merged in by id: ``speakers`` (every quoted passage and its
    speaker) replaces the corpus-derived quotes of every article, and ``consequences`` gives the listed
    articles their consequences. A file that is None or absent is not merged (MEANTIME's own quotes
    stay)."""
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
    meantime = ["gold" in item for item in items]
    if not any(meantime):
        return articles
    try:
        return _merged(articles, meantime, speakers, consequences)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{speakers} or {consequences}: bad or missing field: {exc}") from None


def _lines(path: Path | None) -> dict[str, dict[str, Any]] | None:
    """The objects of a JSON-lines file by their ``id``; None when there is no such file."""
    if path is None or not path.is_file():
        return None
    try:
        objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read this project's gold ({exc})") from None
    return {str(o["id"]): o for o in objects}


def _merged(
    articles: list[GoldArticle], meantime: list[bool], speakers: Path | None, consequences: Path | None
) -> list[GoldArticle]:
    """MEANTIME articles with this project's speaker and consequence gold put in (by article id)."""
    quotes_by_id, consequences_by_id = _lines(speakers), _lines(consequences)
    out = []
    for article, is_meantime in zip(articles, meantime, strict=True):
        if not is_meantime:
            out.append(article)
            continue
        if quotes_by_id is not None:
            # The file lists every quoted passage: an article it leaves out has none.
            listed = quotes_by_id.get(article.id, {}).get("quotes", [])
            article = replace(article, quotes=[_quote(q) for q in listed], quotes_complete=True)
        if consequences_by_id is not None and article.id in consequences_by_id:
            items = consequences_by_id[article.id].get("consequences", [])
            article = replace(article, consequences=[_consequence(c, article.text) for c in items])
        out.append(article)
    return out


def _quote(item: dict[str, Any]) -> GoldQuote:
    term = item.get("kind") == "term"
    speaker = None if term else item.get("speaker")
    return GoldQuote(
        str(item["text"]),
        str(speaker) if speaker else None,
        [str(a) for a in item.get("speaker_aliases", [])],
        term=term,
        span=_span(item.get("span")),
    )


def _consequence(item: Any, text: str) -> GoldConsequence:
    """A gold consequence: a string (its description), or ``{description, kind, certainty, claimed_by,
    evidence, span, more_evidence: [{text, span}]}``; evidence without a span is looked up in ``text``."""
    if not isinstance(item, dict):
        return GoldConsequence(str(item))
    pieces: list[tuple[str, Any]] = []
    if item.get("evidence"):
        pieces.append((str(item["evidence"]), item.get("span")))
    pieces += [(str(m["text"]), m.get("span")) for m in item.get("more_evidence", [])]
    evidence, spans = [], []
    for words, where in pieces:
        span = _span(where)
        if span is None and words in text:
            at = text.find(words)
            span = Span(start=at, end=at + len(words))
        evidence.append(words)
        if span is not None:
            spans.append(span)
    claimed = item.get("claimed_by")
    return GoldConsequence(
        description=str(item["description"]),
        kind=str(item.get("kind", "")),
        certainty=str(item["certainty"]) if item.get("certainty") else None,
        claimed_by=str(claimed) if claimed else None,
        evidence=evidence,
        evidence_spans=spans,
    )


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
        term = q.get("kind") == "term"
        speaker = None if term else q.get("speaker")
        actor = _actor_named(speaker, actors) if speaker else None
        aliases = [str(a) for a in q.get("speaker_aliases", [])] + (list(actor.aliases) if actor else [])
        quotes.append(
            GoldQuote(
                str(q["text"]), speaker, list(dict.fromkeys(aliases)), term=term, span=_span(q.get("span"))
            )
        )
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
        consequences=[_consequence(c, text) for c in item.get("consequences", [])],
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
    timexes = [_creation_on_dateline(t, text) for t in gold.get("timex", []) if t.get("type") == "DATE"]
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


def _creation_on_dateline(timex: dict[str, Any], text: str) -> dict[str, Any]:
    """The timex, marked as the creation time if it stands on the dateline line (the text is title line,
    dateline line, body): two articles lack the mark there, and their ``dct`` was read from that line."""
    title_end = text.find("\n")
    line_end = text.find("\n", title_end + 1)
    span = _span(timex.get("span"))
    if span is not None and title_end < span.start and span.end <= line_end:
        return {**timex, "function": "CREATION_TIME"}
    return timex


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
    time expression, so two gold events on one expression would ask it for a split it never makes."""
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
