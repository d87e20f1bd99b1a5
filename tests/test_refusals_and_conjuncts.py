"""Refusals to predict, cues shown as written, a conjunct's claimant and clause, and the writer's
description of a noun (summarizer.analysis.certainty, claimants, clauses). Made-up sentences of other
topics: sport, ferries, museums, unions, rowing clubs."""

from __future__ import annotations

import pytest

from summarizer.analysis import Analysis, analyze
from summarizer.analysis.nlp import parse, written
from summarizer.ingest import source_from_text
from summarizer.models import Certainty, ClaimSource


def _found(text: str) -> list[tuple[str, Certainty | None, str | None, ClaimSource, str | None]]:
    """Each candidate's clause, certainty, cue as the article writes it, source and claimant's name."""
    analysis: Analysis = analyze(source_from_text(text))
    out = []
    for c in analysis.candidates:
        cue = analysis.text[c.reading.cue.start : c.reading.cue.end] if c.reading.cue else None
        who = c.claim.entity.name if c.claim.entity else None
        clause = analysis.text[c.clause.start : c.clause.end]
        out.append((clause, c.reading.certainty, cue, c.claim.source, who))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "\"We don't know yet, and we won't guess,\" said Captain Ida Lund of the ferry service.",
        "Coach Tom Berg said he would not predict the score of the final.",
        'The curator, Maya Ortiz, said: "I won\'t pretend to know when the painting will return."',
        "The minister would not say that taxes will rise.",
    ],
)
def test_a_negated_future_of_saying_or_knowing_is_a_refusal_not_a_consequence(text: str) -> None:
    assert _found(text) == []


def test_a_negated_plan_is_still_one() -> None:
    found = _found("Mayor Rita Gomez said she would not close the library.")
    assert [(f[1], f[4]) for f in found] == [(Certainty.ANNOUNCED, "Rita Gomez")]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The club won't sell its striker this summer, chairman Paul Abel said.", "won't"),
        ("The pitch can't be used until May, groundsman Ed Frost said.", "can't"),
    ],
)
def test_a_cue_is_shown_as_the_article_writes_it_not_as_a_piece_of_a_contraction(text: str, cue: str) -> None:
    assert [f[2] for f in _found(text)] == [cue]


def test_a_verb_joined_to_a_condition_is_the_speakers_own_consequence() -> None:
    text = (
        "The Northside Nurses Union said it would strike in June unless the hospital raised pay, and would"
        " picket the wards if talks failed."
    )
    assert [(f[0], f[1], f[4]) for f in _found(text)] == [
        (
            "it would strike in June unless the hospital raised pay",
            Certainty.CONDITIONAL,
            "Northside Nurses Union",
        ),
        ("would picket the wards if talks failed", Certainty.CONDITIONAL, "Northside Nurses Union"),
    ]


def test_an_aim_in_the_writers_description_of_a_noun_is_the_writers() -> None:
    described = _found(
        "The council approved the sale of the boathouse to Northwind Rowing Club, which plans to build a"
        " training centre there."
    )
    assert [(f[1], f[3]) for f in described] == [(Certainty.ANNOUNCED, ClaimSource.ARTICLE)]
    said = _found(
        "The council approved the sale of the boathouse to Northwind Rowing Club, which says it will build"
        " a training centre there."
    )
    assert [(f[3], f[4]) for f in said] == [(ClaimSource.ACTOR, "Northwind Rowing Club")]


def test_a_contraction_is_one_written_word_whichever_apostrophe() -> None:
    doc = parse("The ferry won’t sail, and we'll wait. They can't.")
    shown = [doc.text[s.start : s.end] for t in doc if (s := written(t))]
    assert shown[:5] == ["The", "ferry", "won’t", "won’t", "sail"]
    assert shown[7:9] == ["we'll", "we'll"]
    assert shown[-3:-1] == ["can't", "can't"]
