"""Reading gold files: this project's format and the MEANTIME export, with this project's own gold for
MEANTIME merged in."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...models import Span
from .matching import actor_named
from .meantime import meantime_article
from .model import (
    MEANTIME_ACTORS,
    MEANTIME_CONSEQUENCES,
    MEANTIME_EVENTS,
    MEANTIME_SPEAKERS,
    GoldActor,
    GoldArticle,
    GoldConsequence,
    GoldEvent,
    GoldQuote,
    GoldTimex,
    date_of,
    span_of,
)

__all__ = ["load_gold"]


def load_gold(
    path: Path,
    *,
    speakers: Path | None = MEANTIME_SPEAKERS,
    consequences: Path | None = MEANTIME_CONSEQUENCES,
    actors: Path | None = MEANTIME_ACTORS,
    events: Path | None = MEANTIME_EVENTS,
) -> list[GoldArticle]:
    """The articles of a gold file: ``.json`` in this project's format (one article, a list of them, or
    ``{"articles": [...]}``; docs/evaluation.md), ``.jsonl`` in the MEANTIME export's format
    (``../shared/eval/README.md``) or one article of this project's format a line.

    MEANTIME articles get this project's gold merged in by id: ``speakers`` (every quoted passage and its
    speaker) replaces the corpus-derived quotes of every article, ``consequences`` gives the listed
    articles their consequences (complete), ``actors`` replaces the corpus's actors and non-actors with a
    reader's list of every proper name, and ``events`` the corpus-derived dated events with every time
    expression and what it dates. A file that is None or absent is not merged (MEANTIME's own stay)."""
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
            articles.append(meantime_article(item) if "gold" in item else _seed(item, path))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(
                f"{path}: item {n} ({item.get('id', '?')}): bad or missing field: {exc}"
            ) from None
    meantime = ["gold" in item for item in items]
    if not any(meantime):
        return articles
    try:
        return _merged(articles, meantime, speakers, consequences, actors, events)
    except (KeyError, TypeError, ValueError) as exc:
        files = ", ".join(str(p) for p in (speakers, consequences, actors, events) if p is not None)
        raise InputError(f"this project's MEANTIME gold ({files}): bad or missing field: {exc}") from None


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
    articles: list[GoldArticle],
    meantime: list[bool],
    speakers: Path | None,
    consequences: Path | None,
    actors: Path | None,
    events: Path | None,
) -> list[GoldArticle]:
    """MEANTIME articles with this project's gold put in (by article id)."""
    quotes_by_id, consequences_by_id = _lines(speakers), _lines(consequences)
    actors_by_id, events_by_id = _lines(actors), _lines(events)
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
            article = replace(
                article,
                consequences=[_consequence(c, article.text) for c in items],
                consequences_complete=True,
            )
        if actors_by_id is not None and article.id in actors_by_id:
            named = actors_by_id[article.id]
            article = replace(
                article,
                actors=[_actor(a) for a in named.get("actors", [])],
                non_actors=_names(named.get("not_actors", [])),
                actors_complete=True,
            )
        if events_by_id is not None and article.id in events_by_id:
            listed = events_by_id[article.id].get("events", [])
            article = replace(article, events=[_event(e) for e in listed], events_complete=True)
        out.append(article)
    return out


def _actor(item: dict[str, Any]) -> GoldActor:
    aliases = [str(x) for x in item.get("aliases", [])]
    return GoldActor(str(item["name"]), aliases, str(item.get("kind", "other")))


def _names(items: list[Any]) -> list[str]:
    """Not-actors' names: strings, or ``{name, what, aliases}`` objects."""
    names: list[str] = []
    for item in items:
        names += (
            [str(item["name"]), *map(str, item.get("aliases", []))] if isinstance(item, dict) else [str(item)]
        )
    return names


def _event(item: dict[str, Any]) -> GoldEvent:
    """A gold event: the reader's format (``{when, span, date, timeline, who, what, status, polarity}``)
    or the older one (``{description, date, evidence}``)."""
    if "when" not in item:
        return GoldEvent(str(item.get("description", "")), str(item["date"]), str(item.get("evidence", "")))
    return GoldEvent(
        description=str(item.get("what", "")),
        date=str(item["date"]) if item.get("date") else None,
        evidence=str(item["when"]),
        evidence_span=span_of(item.get("span")),
        timeline=bool(item.get("timeline", True)),
    )


def _quote(item: dict[str, Any]) -> GoldQuote:
    term = item.get("kind") == "term"
    speaker = None if term else item.get("speaker")
    return GoldQuote(
        str(item["text"]),
        str(speaker) if speaker else None,
        [str(a) for a in item.get("speaker_aliases", [])],
        term=term,
        span=span_of(item.get("span")),
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
        span = span_of(where)
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
        source_unnamed=bool(item.get("source_unnamed", False)),
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
    actors = [_actor(a) for a in item.get("actors", [])]
    # A reader's gold (eval/README.md) lists every proper name, every consequence and every time.
    reader = bool(item.get("reader_gold", False))
    quotes = []
    for q in item.get("quotes", []):
        term = q.get("kind") == "term"
        speaker = None if term else q.get("speaker")
        actor = actor_named(speaker, actors) if speaker else None
        aliases = [str(a) for a in q.get("speaker_aliases", [])] + (list(actor.aliases) if actor else [])
        quotes.append(
            GoldQuote(
                str(q["text"]), speaker, list(dict.fromkeys(aliases)), term=term, span=span_of(q.get("span"))
            )
        )
    return GoldArticle(
        id=str(item.get("id") or Path(str(item.get("file", "article"))).stem),
        text=text,
        dateline=date_of(item.get("dateline")),
        actors=actors,
        key_actors=[str(k) for k in item.get("key_actors", [])],
        quotes=quotes,
        events=[_event(e) for e in item.get("events", []) if reader or e.get("date")],
        timex=[
            GoldTimex(str(t["text"]), str(t["value"]), span_of(t.get("span"))) for t in item.get("timex", [])
        ],
        consequences=[_consequence(c, text) for c in item.get("consequences", [])],
        summary=item.get("summary"),
        quotes_complete=bool(item.get("quotes_complete", True)),
        non_actors=_names(item.get("not_actors", [])),
        actors_complete=reader,
        consequences_complete=reader,
        events_complete=reader,
    )
