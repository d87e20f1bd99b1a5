"""Speaker accuracy of the analysis alone (no model) on gold files: how often the parse names the gold
speaker, how often it is sure and wrong, and how many passages it leaves open.

    .venv/bin/python scripts/speaker_accuracy.py ../shared/eval/meantime-dev.jsonl [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.evaluate import load_gold
from summarizer.ground import normalize


def _fold(name: str) -> str:
    return normalize(name)[0].replace("'s", "").strip()


def main(paths: list[str], verbose: bool) -> None:
    right = wrong = unsure = terms_right = terms = 0
    for path in paths:
        for article in load_gold(Path(path)):
            analysis = analyze(source_from_text(article.text, dateline=article.dateline))
            found = {p.quoted.text: p.said for p in analysis.passages}
            for gold in article.quotes:
                said = found.get(gold.text)
                if gold.term:
                    terms += 1
                    terms_right += said is None or said.term or said.speaker is None
                    continue
                if gold.speaker is None:
                    continue
                if said is None or said.speaker is None:
                    unsure += 1
                    if verbose:
                        print(f"open  {article.id}: {gold.text[:50]!r} gold={gold.speaker}")
                    continue
                names = {_fold(n) for n in [gold.speaker, *gold.speaker_aliases]}
                mine = {_fold(n) for n in said.speaker.names()}
                ok = bool(names & mine) or any(a.endswith(" " + b) or b.endswith(" " + a) for a in names for b in mine)
                right += ok
                wrong += not ok
                if verbose and not ok:
                    print(f"WRONG {article.id}: {gold.text[:50]!r} gold={gold.speaker} parse={said.speaker.name}")
    named = right + wrong + unsure
    print(
        json.dumps(
            {
                "named_gold_quotes": named,
                "right": right,
                "wrong": wrong,
                "open": unsure,
                "accuracy_if_open_wrong": round(right / named, 3) if named else None,
                "precision_of_sure": round(right / (right + wrong), 3) if right + wrong else None,
                "terms_kept_unattributed": f"{terms_right}/{terms}",
            }
        )
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    main(args, "-v" in sys.argv)
