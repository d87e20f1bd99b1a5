"""The mapping from a brief to the archive's rows: the one place that says which field goes in which column.

The brief's whole JSON is kept in ``briefs.json``; the columns hold only the stable fields a query reads
(texts, offsets, who speaks or claims, and how each is known: the ``*_basis`` values as text), so that
no query parses JSON. A field the brief gains is in the JSON at once; to query it, add its column in a
new migration (``schema.py``) and fill it here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..ingest import Source
from ..models import Actor, ActorKind, Brief, Span, When

__all__ = [
    "Rows",
    "article_hash",
    "article_row",
    "brief_key",
    "brief_row",
    "brief_rows",
    "name_key",
    "when_date",
]

Row = dict[str, Any]

_TITLE_CHARS = 150
"""A first line longer than this is the article's first paragraph, not its title: its start stands in."""
_STAND_IN_CHARS = 100


def article_hash(source: Source) -> str:
    """An article's identity: its text and dateline (a brief of the same text on another date differs)."""
    dateline = source.dateline.isoformat() if source.dateline else ""
    return hashlib.sha256(f"{dateline}\0{source.text}".encode()).hexdigest()


def article_row(source: Source, archived_at: str) -> Row:
    first = source.text[source.body_start :].strip().split("\n", 1)[0].strip()
    title = first if len(first) <= _TITLE_CHARS else first[:_STAND_IN_CHARS].rsplit(" ", 1)[0] + " …"
    return {
        "hash": article_hash(source),
        "title": title,
        "origin": source.origin,
        "dateline": _iso(source.dateline),
        "chars": len(source.text),
        "text": source.text,
        "first_archived": archived_at,
    }


def brief_row(brief: Brief, *, article_id: int, key: str, archived_at: str, json_text: str) -> Row:
    run = brief.run
    return {
        "article_id": article_id,
        "key": key,
        "current": 0,
        "archived_at": archived_at,
        "headline": brief.headline,
        "summary": brief.summary,
        "dateline": _iso(brief.dateline),
        "backend": run.backend,
        "model": run.model,
        "prompt_version": run.prompt_version,
        "seconds": round(sum(run.seconds.values()), 3),
        "warnings": len(run.warnings),
        "json": json_text,
    }


def brief_key(article: str, brief: Brief) -> str:
    """What makes two briefs one: the article and everything the brief says, less how long it took and
    what the response cache answered (a re-brief of the same article by the same code adds nothing)."""
    data = brief.model_dump(mode="json")
    run = data["run"]
    data["run"] = {name: run.get(name) for name in ("backend", "model", "prompt_version")}
    material = json.dumps([article, data], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(material.encode()).hexdigest()


def name_key(name: str) -> tuple[str, str]:
    """A name as the archive compares names: its words without titles, normalized, and the last of them
    (a person's surname, the index a lookup starts from)."""
    # Not at import: the name rules import the analysis stage, which a cached brief never needs.
    from ..story.merge import bare

    words = bare(name)
    return " ".join(words), words[-1] if words else ""


def when_date(when: When | None) -> str | None:
    """The first day a resolved time stands for (2021-W11 → 2021-03-15), for putting events in order."""
    value = when.value if when else None
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
        parts = [int(p) for p in value.split("-")]
        return dt.date(parts[0], *[*parts[1:], 1, 1][:2]).isoformat()
    except ValueError:
        return None


@dataclass
class Rows:
    """One brief's rows, table by table, with the row ids they will have."""

    tables: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables.setdefault(table, []).append(row)


def brief_rows(
    brief: Brief, *, brief_id: int, article_id: int, article_dateline: str | None, first_ids: dict[str, int]
) -> Rows:
    """The rows of ``brief`` below its ``briefs`` row; ``first_ids`` gives each table's next free id."""
    rows = Rows()
    ids = dict(first_ids)

    def next_id(table: str) -> int:
        ids[table] += 1
        return ids[table] - 1

    owner = {"brief_id": brief_id, "article_id": article_id}
    actor_ids: dict[str, int] = {}
    for n, actor in enumerate(brief.actors):
        actor_ids[actor.id] = row_id = next_id("actors")
        rows.add("actors", {"id": row_id, **owner, "n": n, **_actor(actor)})
        for alias in dict.fromkeys([actor.name, *actor.aliases]):
            key, last = name_key(alias)
            is_name = int(alias == actor.name)
            rows.add(
                "aliases",
                {"actor_id": row_id, "brief_id": brief_id, "alias": alias, "is_name": is_name}
                # current: until the brief is made current (store.py)
                | {"key": key, "last": last, "current": 0, "person": int(actor.kind is ActorKind.PERSON)},
            )
    names = {a.id: a.name for a in brief.actors}
    for n, quote in enumerate(brief.quotes):
        rows.add(
            "quotes",
            {
                **owner,
                "n": n,
                "text": quote.text,
                "speaker_id": actor_ids.get(quote.speaker or ""),
                "speaker": names.get(quote.speaker or ""),
                "speaker_basis": _text(quote.speaker_basis),
                "cue": quote.cue,
                "full": int(quote.full),
                "dateline": article_dateline,
                **_offsets(quote.spans),
                **_offsets([quote.cue_span] if quote.cue_span else [], "cue_"),
            },
        )
    for n, event in enumerate(brief.events):
        event_id = next_id("events")
        when = event.when
        rows.add(
            "events",
            {
                "id": event_id,
                **owner,
                "n": n,
                "what": event.what,
                "when_text": when.text if when else None,
                "when_value": when.value if when else None,
                "precision": _text(when.precision) if when else None,
                "date": when_date(when),
                **_offsets(event.spans),
            },
        )
        for named in dict.fromkeys(event.actors):
            if named in actor_ids:
                rows.add(
                    "event_actors",
                    {"event_id": event_id, "actor_id": actor_ids[named], "date": when_date(when)},
                )
    for n, consequence in enumerate(brief.consequences):
        consequence_id = next_id("consequences")
        rows.add(
            "consequences",
            {
                "id": consequence_id,
                **owner,
                "n": n,
                "what": consequence.what,
                "certainty": _text(consequence.certainty),
                "claimant_id": actor_ids.get(consequence.claimed_by or ""),
                "claimant": names.get(consequence.claimed_by or ""),
                "claim_basis": _text(consequence.claim_basis),
                "dateline": article_dateline,
                **_offsets(consequence.spans),
            },
        )
        for affected in dict.fromkeys(consequence.affected):
            if affected in actor_ids:
                rows.add(
                    "consequence_actors", {"consequence_id": consequence_id, "actor_id": actor_ids[affected]}
                )
    return rows


def _actor(actor: Actor) -> Row:
    return {
        "actor": actor.id,
        "name": actor.name,
        "kind": _text(actor.kind),
        "role": actor.role,
        "role_basis": _text(actor.role_basis),
        **_offsets([actor.role_span] if actor.role_span else [], "role_"),
        "mentions": len(actor.spans),
        **_offsets(actor.spans),
    }


def _offsets(spans: list[Span], prefix: str = "") -> Row:
    """The first span's offsets: where the item starts in the article (the JSON has every span)."""
    first = spans[0] if spans else None
    return {f"{prefix}start": first.start if first else None, f"{prefix}end": first.end if first else None}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
