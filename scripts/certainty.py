"""How often the certainty read from a consequence's words (summarizer.analysis.certainty) equals the
gold certainty, on this project's MEANTIME consequence gold (eval/meantime-consequences.jsonl).

Usage: .venv/bin/python scripts/certainty.py   (prints JSON; no model runs)
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer.analysis.certainty import certainty_of  # noqa: E402


def main() -> int:
    confusion: collections.Counter[str] = collections.Counter()
    for line in (_ROOT / "eval" / "meantime-consequences.jsonl").read_text(encoding="utf-8").splitlines():
        for gold in json.loads(line)["consequences"]:
            confusion[f"{gold['certainty']} -> {certainty_of(gold['evidence']).value}"] += 1
    right = sum(n for pair, n in confusion.items() if len(set(pair.split(" -> "))) == 1)
    total = sum(confusion.values())
    print(
        json.dumps(
            {
                "right": right,
                "total": total,
                "accuracy": round(right / total, 3),
                "gold -> read": dict(confusion.most_common()),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
