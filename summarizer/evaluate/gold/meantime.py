"""Reading an article of the MEANTIME export (``../shared/eval/README.md``) as gold."""

from __future__ import annotations

import re
from typing import Any

from ...models import ActorKind
from .matching import CALENDAR, name_key, name_variants
from .model import GoldActor, GoldArticle, GoldEvent, GoldQuote, GoldTimex, date_of, span_of

__all__ = ["meantime_article"]

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


def meantime_article(item: dict[str, Any]) -> GoldArticle:
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
        dateline=date_of(dct),
        actors=actors,
        quotes=_meantime_quotes(gold.get("quotes", []), text, names_of),
        events=_meantime_events(gold.get("events", []), timexes),
        # The creation time is the dateline line, not a time expression of the prose.
        timex=[
            GoldTimex(str(t["text"]), str(t["value"]), span_of(t.get("span")))
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
    span = span_of(timex.get("span"))
    if span is not None and title_end < span.start and span.end <= line_end:
        return {**timex, "function": "CREATION_TIME"}
    return timex


def _entity_names(entity: dict[str, Any]) -> list[str]:
    """The entity's name, then its other names: mentions typed as names, or, untyped, capitalized and not
    pronouns. MEANTIME's mention texts are spans, so "the United States Air Force (USAF" gives
    "United States Air Force" and "USAF", and "Ryanair CEO, Michael O' Leary" gives both parts too."""
    found: dict[str, None] = {}
    for name in name_variants(str(entity["name"])):
        found.setdefault(name, None)
    for mention in entity.get("mentions", []):
        words = str(mention.get("text", "")).strip()
        kind = mention.get("syntactic_type")
        if kind in _NAME_TYPES or (not kind and words[:1].isupper() and name_key(words) not in _PRONOUNS):
            for name in name_variants(words):
                found.setdefault(name, None)
            if entity.get("type") == "PER" and (own := _own_name(words)):
                found.setdefault(own, None)
    return [n for n in found if name_key(n)]


def _own_name(words: str) -> str | None:
    """A person's name at the end of a mention that starts with their role ("Chief executive Thomas
    Enders", "JSA Research defence analysist Paul Nesbit"): the last run of capitalized words, if
    shorter than the mention; the entity's own name may hold only part of it ("Thomas (Tom) Enders")."""
    tail = re.search(r"(?:\b[A-Z][\w.'’-]*\s+)+[A-Z][\w.'’-]*$", words)
    return tail.group(0) if tail is not None and tail.start() > 0 else None


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
            value = CALENDAR.match(str(timex.get("value", "")))
            span = span_of(timex.get("span"))
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
