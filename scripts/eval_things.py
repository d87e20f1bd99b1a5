"""Actor figures on MEANTIME when the model's things pass runs over the analysis' actors: the analysis
brief with the names the model judged things (products, services, places, events) left out, next to the
analysis alone. Only that pass runs (the prompt is the article and the question), so MEANTIME's 60
articles take about 11 minutes on the embedded model, against about 33 for whole briefs (2026-12-01).

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
        things = set(session.things(asked)) if asked else set()
        kept = [a for a in brief.actors if a.name not in things]
        before.append(score(brief, article))
        after.append(score(brief.model_copy(update={"actors": kept}), article))
        gold = {n for a in article.actors for n in (a.name, *a.aliases)}
        judged.append({"id": article.id, "things": sorted(things), "gold_actors_lost": sorted(things & gold)})
        print(article.id, sorted(things), file=sys.stderr, flush=True)
    report: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "articles": len(articles),
        "seconds": round(time.perf_counter() - started, 1),
        "analysis": _actors(totals(before)),
        "with_things_pass": _actors(totals(after)),
        "judged": judged,
    }
    print(json.dumps(report, indent=2))
    return 0


def _actors(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in figures.items() if k.startswith("actor")}


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
