"""How often the model's own choices are right, measured on dev gold: the speakers the quotes pass
chooses and the roles the roles pass gives. Run before deciding whether a pass may show its choices
(a field the model chooses is shown only when measured right at least 0.9 of the time).

For every article of a gold file, the passes run as in a brief (the things pass first, whose names are
then no speaker options), over the article as the shared prompt prefix:
- the quotes pass on the passages the parse leaves open (as a brief asks it), and again on every passage
  the gold calls speech with a named speaker, the parse's speaker withheld (a larger sample of the same
  question);
- the roles pass on the people the article gives no role beside their name; each answer is printed with
  the article's sentences naming the person, to be read against the text (MEANTIME has no role gold).

Usage: flock /tmp/model.lock .venv/bin/python scripts/eval_model_choices.py GOLD [GOLD ...] > out.json
Settings come from the environment, as for the command line (the embedded model by default).
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
from summarizer.analysis import Analysis, analyze  # noqa: E402
from summarizer.backends.client import open_backend  # noqa: E402
from summarizer.evaluate import GoldArticle, load_gold  # noqa: E402
from summarizer.evaluate.gold.matching import actor_named, gold_actor_keys, name_keys, quote_key  # noqa: E402
from summarizer.extract import Extraction, Session  # noqa: E402
from summarizer.ingest import source_from_text  # noqa: E402
from summarizer.models import ActorKind  # noqa: E402
from summarizer.passes import _options, shown, unsure  # noqa: E402


def _verdict(chosen: str | None, article: GoldArticle, want: Any, analysis: Analysis) -> str:
    """right, wrong or unknown: the chosen name against the gold speaker's names."""
    if chosen is None or chosen == "unknown":
        return "unknown"
    actor = actor_named(want.speaker, article.actors)
    wanted = name_keys([want.speaker, *want.speaker_aliases]) | (gold_actor_keys(actor) if actor else set())
    entity = next((e for e in analysis.entities if e.name == chosen), None)
    names = entity.names() if entity is not None else [chosen]
    return "right" if name_keys(names) & wanted else "wrong"


def main(argv: list[str]) -> int:
    backend = open_backend(Settings.from_env())
    started = time.perf_counter()
    speakers: dict[str, list[dict[str, Any]]] = {"open": [], "all": []}
    roles: list[dict[str, Any]] = []
    for path in argv:
        for article in load_gold(Path(path)):
            analysis = analyze(source_from_text(article.text, dateline=article.dateline))
            if not any(p.said.speaker is None and not p.said.term for p in analysis.passages) and not any(
                e.kind is ActorKind.PERSON and e.role is None for e in analysis.entities
            ):
                continue  # nothing the model would be asked: its prompt is not worth reading
            session = Session(
                backend.instructor(),
                backend.model,
                article=shown(article.text),
                dateline=article.dateline.strftime("%A %Y-%m-%d") if article.dateline else "date unknown",
                max_reasks=1,
                record=Extraction(),
            )
            asked_kind = [e.name for e in analysis.entities if unsure(e, analysis)]
            things = set(session.things(asked_kind)) if asked_kind else set()
            entities = [e for e in analysis.entities if e.name not in things]
            unnamed = [e for e in entities if e.kind is ActorKind.PERSON and e.role is None]
            given = session.roles([e.name for e in unnamed]) if unnamed else {}
            for entity in unnamed:
                mentions = sorted(
                    {s for m in entity.mentions if (s := analysis.sentence_at(m.start))},
                    key=lambda s: s.start,
                )
                roles.append(
                    {
                        "id": article.id,
                        "name": entity.name,
                        "role": given.get(entity.name),
                        "gold_role": next(
                            (getattr(a, "role", None) for a in article.actors if a.name == entity.name), None
                        ),
                        "sentences": [article.text[s.start : s.end] for s in mentions[:3]],
                    }
                )
            gold_by_text = {quote_key(q.text): q for q in article.quotes}
            open_ = [i for i, p in enumerate(analysis.passages) if p.said.speaker is None and not p.said.term]
            named = [
                i
                for i, p in enumerate(analysis.passages)
                if (g := gold_by_text.get(quote_key(p.quoted.text))) is not None and not g.term and g.speaker
            ]
            for kind, asked in (("open", open_), ("all", named)):
                if not asked:
                    continue
                options = [_options(analysis, entities, i) for i in asked]
                judged = session.quotes([analysis.passages[i].quoted.text for i in asked], options)
                by_text = {a.text: a.speaker for a in judged}
                for i, names in zip(asked, options, strict=True):
                    text = analysis.passages[i].quoted.text
                    want = gold_by_text.get(quote_key(text))
                    chosen = by_text.get(text)
                    if want is None:
                        verdict = "not a passage"
                    elif want.term or want.speaker is None:
                        verdict = "no speaker" if chosen in (None, "unknown") else "wrong"
                    else:
                        verdict = _verdict(chosen, article, want, analysis)
                    speakers[kind].append(
                        {
                            "id": article.id,
                            "text": text,
                            "options": names,
                            "chosen": chosen,
                            "gold": None if want is None else ("(term)" if want.term else want.speaker),
                            "parse": analysis.passages[i].said.speaker.name
                            if analysis.passages[i].said.speaker
                            else None,
                            "verdict": verdict,
                        }
                    )
            print(
                article.id,
                len(open_),
                len(named),
                len(unnamed),
                f"{time.perf_counter() - started:.0f}s",
                file=sys.stderr,
                flush=True,
            )
    report = {
        "date": datetime.date.today().isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "speakers": {
            kind: {v: sum(r["verdict"] == v for r in rows) for v in {r["verdict"] for r in rows}}
            for kind, rows in speakers.items()
        },
        "speaker_choices": speakers,
        "roles": roles,
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
