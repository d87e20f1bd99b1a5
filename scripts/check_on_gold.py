"""The check of the model's sentences (extract/faithful.py) run on the reader's gold event descriptions of
the MEANTIME dev articles (eval/meantime-events.jsonl: "who did what", written by people from the texts):
faithful paraphrases, so every one the check rejects shows what it rejects that is right. No model runs.

Usage: .venv/bin/python scripts/check_on_gold.py [--list]   (prints passed / rejected as JSON; --list
adds each rejected description with the check's reasons)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer import source_from_text  # noqa: E402
from summarizer.analysis import analyze  # noqa: E402
from summarizer.evaluate import load_gold  # noqa: E402
from summarizer.extract.faithful import Checker  # noqa: E402

_CORPUS = _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl"
_EVENTS = _ROOT / "eval" / "meantime-events.jsonl"


def main(argv: list[str]) -> int:
    described = {}
    for line in _EVENTS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        described[item["id"]] = [
            e["what"].strip() for e in item["events"] if e.get("timeline") and e.get("what")
        ]
    passed, rejected = 0, []
    for article in load_gold(_CORPUS):
        whats = list(dict.fromkeys(described.get(article.id, [])))
        if not whats:
            continue
        checker = Checker(analyze(source_from_text(article.text, dateline=article.dateline)))
        for what in whats:
            verdict = checker.check(what if what.endswith(".") else f"{what}.")
            if verdict.faithful:
                passed += 1
            else:
                rejected.append({"id": article.id, "what": what, "problems": verdict.problems})
    report: dict[str, object] = {"passed": passed, "rejected": len(rejected)}
    if "--list" in argv:
        report["rejections"] = rejected
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
