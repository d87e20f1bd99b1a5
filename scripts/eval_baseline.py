"""Figures of the rule-based baseline (summarizer.evaluate.baseline_brief) and of the analysis stage
alone (summarizer.evaluate.analysis_brief: spaCy, no model) on gold files, as JSON.

Usage: .venv/bin/python scripts/eval_baseline.py [GOLD ...]   (default: ../shared/eval/seed-gold.json and
../shared/eval/meantime-dev.jsonl relative to the repository root). No model runs: this is how the
baseline and analysis tables of docs/evaluation.md are made.
"""

from __future__ import annotations

import datetime
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer import Brief  # noqa: E402
from summarizer.evaluate import analysis_brief, baseline_brief, counts, load_gold, score, totals  # noqa: E402

_DEFAULTS = [
    _ROOT.parent / "shared" / "eval" / "seed-gold.json",
    _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl",
]


def figures(path: Path, make: Callable[[str, datetime.date | None], Brief]) -> dict[str, Any]:
    """Totals and counts of the briefs ``make`` makes of every article of ``path``."""
    articles = load_gold(path)
    scores = [score(make(a.text, a.dateline), a) for a in articles]
    return {"gold": path.name, "articles": len(articles), "totals": totals(scores), "counts": counts(scores)}


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or _DEFAULTS
    report = {
        "date": datetime.date.today().isoformat(),
        "baseline": [figures(p, baseline_brief) for p in paths],
        "analysis": [figures(p, analysis_brief) for p in paths],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
