"""Actor figures on MEANTIME when the model's things pass runs over the analysis' actors: the analysis
brief with the names the model judged things (products, services, places, events) left out, next to the
analysis alone; and each answer against the reader's gold (eval/meantime-actors.jsonl): a thing that is
a gold actor is an actor lost, an organization that the analysis calls a person is a kind put right when
the gold's actor is no person. Only that pass runs (the prompt is the article and the question), so
MEANTIME's 60 articles take about 11 minutes on the embedded model, against about 33 for whole briefs
(2026-12-01).

Usage: .venv/bin/python scripts/eval_things.py [GOLD] > figures.json
(default: ../shared/eval/meantime-dev.jsonl relative to the repository root). Settings come from the
environment, as for the command line (the embedded model by default; SUMMARIZER_CACHE applies).
"""

from __future__ import annotations

import datetime
import json
import sys
import time
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer import Settings  # noqa: E402
from summarizer.accounting import RunRecord  # noqa: E402
from summarizer.analysis import analyze  # noqa: E402
from summarizer.assemble import preliminary  # noqa: E402
from summarizer.backends.client import open_backend  # noqa: E402
from summarizer.evaluate import load_gold, score, totals  # noqa: E402
from summarizer.evaluate.gold.matching import actor_named, name_key, name_keys  # noqa: E402
from summarizer.evaluate.gold.model import GoldArticle  # noqa: E402
from summarizer.extract import Session  # noqa: E402
from summarizer.extract.passes import may_be_a_thing, with_curly_quotes  # noqa: E402
from summarizer.ingest import source_from_text  # noqa: E402

_DEFAULT = _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl"


def main(argv: list[str]) -> int:
    articles = load_gold(Path(argv[0]) if argv else _DEFAULT)
    backend = open_backend(Settings.from_env())
    before, after, judged = [], [], []
    started = time.perf_counter()
    for article in articles:
        source = source_from_text(article.text, dateline=article.dateline)
        analysis = analyze(source)
        brief = preliminary(analysis, source.dateline).brief
        asked = [e.name for e in analysis.entities if may_be_a_thing(e, analysis)]
        session = Session(
            backend.instructor(),
            backend.model,
            article=with_curly_quotes(source.text),
            dateline=article.dateline.strftime("%A %Y-%m-%d") if article.dateline else "date unknown",
            max_reasks=1,
            record=RunRecord(),
        )
        kinds = {name: session.kind(name) for name in asked}
        things = {name for name, kind in kinds.items() if kind == "thing"}
        kept = [a for a in brief.actors if a.name not in things]
        before.append(score(brief, article))
        after.append(score(brief.model_copy(update={"actors": kept}), article))
        labelled = {e.name: e.kind.value for e in analysis.entities}
        for name, kind in kinds.items():
            judged.append(
                {
                    "id": article.id,
                    "name": name,
                    "analysis": labelled[name],
                    "model": kind,
                    "gold": _gold(name, article),
                }
            )
        print(article.id, kinds, file=sys.stderr, flush=True)
    report: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "articles": len(articles),
        "seconds": round(time.perf_counter() - started, 1),
        "analysis": _actors(totals(before)),
        "with_things_pass": _actors(totals(after)),
        "answers": _tally(judged),
        "judged": judged,
    }
    print(json.dumps(report, indent=2))
    return 0


def _gold(name: str, article: GoldArticle) -> str:
    """The gold's word on a name: an actor's kind, "not an actor", or "unlisted"."""
    actor = actor_named(name, article.actors)
    if actor is not None:
        return actor.kind
    return "not an actor" if name_key(name) in name_keys(article.non_actors) else "unlisted"


def _tally(judged: list[dict[str, Any]]) -> dict[str, Any]:
    """How often each answer is right by the gold: a thing when the gold lists no actor of the name, an
    organization (for a name the analysis calls a person) when the gold's actor is not a person."""
    things = [j for j in judged if j["model"] == "thing" and j["gold"] != "unlisted"]
    people = [
        j
        for j in judged
        if j["analysis"] == "person"
        and j["model"] == "organization"
        and j["gold"] not in ("unlisted", "not an actor")
    ]
    return {
        "thing right": f"{sum(j['gold'] == 'not an actor' for j in things)}/{len(things)}",
        "organization for a person right": f"{sum(j['gold'] != 'person' for j in people)}/{len(people)}",
        "person answers on person-labelled, gold not a person": sum(
            j["analysis"] == "person"
            and j["model"] == "person"
            and j["gold"] in ("organization", "group", "country")
            for j in judged
        ),
    }


def _actors(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in figures.items() if k.startswith("actor")}


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
