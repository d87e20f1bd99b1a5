"""Figures of the rule-based baseline (summarizer.evaluate.baseline_brief) on gold files, as JSON.

Usage: .venv/bin/python scripts/eval_baseline.py [GOLD ...]   (default: ../shared/eval/seed-gold.json and
../shared/eval/meantime-dev.jsonl relative to the repository root). No model runs: this is how the
baseline table of docs/evaluation.md is made.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer.evaluate import baseline_brief, counts, load_gold, score, totals  # noqa: E402

_DEFAULTS = [
    _ROOT.parent / "shared" / "eval" / "seed-gold.json",
    _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl",
]


def baseline_figures(path: Path) -> dict[str, Any]:
    """Totals and counts of the baseline over every article of ``path``."""
    articles = load_gold(path)
    scores = [score(baseline_brief(a.text, a.dateline), a) for a in articles]
    return {"gold": path.name, "articles": len(articles), "totals": totals(scores), "counts": counts(scores)}


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or _DEFAULTS
    report = {
        "date": datetime.date.today().isoformat(),
        "baseline": [baseline_figures(p) for p in paths],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
