"""Which clause a time dates where the parse misleads (analysis/attachment.py): a time the parser hung on
a relative clause, a range, a verb left out, a participle read as a verb, a finite verb joined to an
infinitive. Made-up sentences; no model runs here."""

from __future__ import annotations

import pytest

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.evaluate.readable import readable_alone


def _entries(text: str) -> dict[str, str | None]:
    analysis = analyze(source_from_text(f"date 2025-03-14\n\n{text}"))
    return {d.when.text: d.entry.text if d.entry else None for d in analysis.dated}


def test_a_time_after_a_relative_clause_dates_the_verb_before_it() -> None:
    # "by a 6-1 vote on Monday night" is the adoption's, not the school year's; each time its own entry.
    text = (
        "The Millbrook school board adopted a $40 million plan for the school year that starts Sept. 2 by a "
        "6-1 vote on Monday night, cutting two bus routes."
    )
    entries = _entries(text)
    assert entries["Sept. 2"] == "[The school year] starts Sept. 2"
    adopted = entries["Monday night"]
    assert adopted is not None and adopted.startswith("The Millbrook school board adopted a $40 million plan")
    assert adopted.endswith("by a 6-1 vote on Monday night") and "starts" not in adopted
    assert readable_alone(adopted, "Monday night") is None


def test_a_range_of_years_is_shown_whole() -> None:
    text = (
        "The utility said it will upgrade its grid, then between 2027 and 2029 it will replace 400 wooden "
        "poles along the coast road in the county."
    )
    entry = _entries(text)["2027"]
    assert entry is not None and "between 2027 and 2029" in entry


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # A verb left out ("[launched] in 1995 the Tundra phone"), which the parser reads as one subject.
        (
            "In 1990 Norvik launched the Fjord radio, in 1995 the Tundra phone and the following year the "
            "Aurora tablet was released.",
            "1995",
        ),
        # A participle read as the verb ("another drone fitted with the new battery"), the verb after it.
        (
            "Regulators are reviewing the fleet while last week another Kestrel drone fitted with the new "
            "battery caught fire near Oslo.",
            "last week",
        ),
        # A verb with no "to" hung on the wrong head ("is to go forward be made").
        (
            "The mayor asked that a decision on how the plan is to go forward be made before the end of the "
            "month.",
            "the end of the month",
        ),
    ],
)
def test_a_clause_the_parser_misread_is_its_sentence_whole(text: str, when: str) -> None:
    assert _entries(text)[when] == text


def test_a_finite_verb_joined_to_an_infinitive_is_not_its_clause() -> None:
    # "to restore the grants and ordered it …": the order is the judge's, not part of the restoring.
    text = (
        "Judge Ada Moss gave the water board until Jan. 31 to restore the grants and ordered it to file a "
        "report on its spending by March."
    )
    assert (
        _entries(text)["Jan. 31"] == "Judge Ada Moss gave the water board until Jan. 31 to restore the grants"
    )
