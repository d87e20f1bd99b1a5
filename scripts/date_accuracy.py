"""Accuracy of summarizer.timeline against the DATE timexes of a MEANTIME gold file.

Usage: .venv/bin/python scripts/date_accuracy.py [path]   (default: ../shared/eval/meantime-dev.jsonl
relative to the repository root). Prints JSON:

- resolve: accuracy of ``resolve(gold text, dct)`` against the gold value, over gold DATE timexes whose
  value is a calendar value (day, ISO week, month or year), the document's own creation time excluded;
- find: recall of ``find_dates`` over the same timexes (a gold span counts as found when some found span
  overlaps it), the accuracy of the values found for them, and the share of found expressions that
  overlap some gold timex of any type (a rough precision);
- skipped: how many gold DATE timexes were left out, by reason.

Data: NewsReader MEANTIME, annotations CC BY 4.0 (c) 2015 FBK, VU University Amsterdam, UPV/EHU; texts
from English Wikinews, CC BY 2.5.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_ROOT))

from summarizer.models import When  # noqa: E402
from summarizer.timeline import find_dates, resolve  # noqa: E402

_DEFAULT = _ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl"
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_MAX_FAILURES = 40


def _skip_reason(timex: dict[str, Any]) -> str | None:
    if timex.get("function") == "CREATION_TIME":
        return "creation time"
    value = str(timex.get("value", ""))
    if _CALENDAR.match(value):
        return None
    if "X" in value:
        return "unknown parts (X)"
    if value.endswith("_REF"):
        return value
    return "other value (" + re.sub(r"\d", "9", value) + ")"


def _overlap(when: When, start: int, end: int) -> int:
    """Characters shared by a found expression and a gold span; 0 when they do not overlap."""
    if when.span is None:
        return 0
    return max(0, min(end, when.span.end) - max(start, when.span.start))


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate(path: Path) -> dict[str, Any]:
    """Score resolve and find_dates on every document of a MEANTIME JSON-lines file."""
    skipped: Counter[str] = Counter()
    total = resolved_ok = found = found_ok = predicted = predicted_matching = 0
    in_region = in_region_matching = 0
    failures: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        text: str = doc["text"]
        dct = datetime.date.fromisoformat(doc["dct"]) if doc.get("dct") else None
        whens = find_dates(text, dct)
        all_gold = [(int(t["span"][0]), int(t["span"][1])) for t in doc["gold"]["timex"]]
        # The gold marks time expressions only in the first part of each article, so precision is also
        # measured up to the end of the last gold time expression.
        region_end = max((e for _s, e in all_gold), default=0)
        for w in whens:
            matches = any(_overlap(w, s, e) for s, e in all_gold)
            predicted += 1
            predicted_matching += matches
            if w.span is not None and w.span.start < region_end:
                in_region += 1
                in_region_matching += matches
        for timex in doc["gold"]["timex"]:
            if timex["type"] != "DATE":
                continue
            reason = _skip_reason(timex)
            if reason is not None:
                skipped[reason] += 1
                continue
            total += 1
            value, _precision = resolve(timex["text"], dct)
            start, end = timex["span"]
            overlapping = [w for w in whens if _overlap(w, start, end)]
            best = max(overlapping, key=lambda w: _overlap(w, start, end), default=None)
            resolved_ok += value == timex["value"]
            found += best is not None
            found_ok += best is not None and best.value == timex["value"]
            if (value != timex["value"] or best is None or best.value != timex["value"]) and (
                len(failures) < _MAX_FAILURES
            ):
                failures.append(
                    {
                        "id": doc["id"],
                        "dct": doc["dct"],
                        "text": timex["text"],
                        "gold": timex["value"],
                        "resolved": value,
                        "found": None if best is None else [best.text, best.value],
                    }
                )
    return {
        "file": str(path),
        "evaluated": total,
        "resolve_accuracy": _ratio(resolved_ok, total),
        "resolve_correct": resolved_ok,
        "find_recall": _ratio(found, total),
        "find_found": found,
        "find_value_accuracy": _ratio(found_ok, found),
        "find_value_correct": found_ok,
        "find_predicted": predicted,
        "find_precision_any_timex": _ratio(predicted_matching, predicted),
        "find_predicted_in_annotated_region": in_region,
        "find_precision_in_annotated_region": _ratio(in_region_matching, in_region),
        "skipped": sum(skipped.values()),
        "skipped_by_reason": dict(skipped.most_common()),
        "failures": failures,
    }


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else _DEFAULT
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(path), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
