"""How certain a consequence is, read from the words of its sentence (summarizer.analysis.certainty)."""

from __future__ import annotations

import pytest

from summarizer.analysis.certainty import certainty_of
from summarizer.models import Certainty


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("it won't be the last move unless there is an apology", Certainty.CONDITIONAL),
        ("the strike goes ahead if talks fail", Certainty.CONDITIONAL),
        ("he warned that the deal would collapse", Certainty.THREATENED),
        ("the minister will pay a price", Certainty.THREATENED),
        ("the merger could cost 2,000 jobs", Certainty.SPECULATED),
        ("it is unclear whether the plant will reopen", Certainty.SPECULATED),
        ("analysts expect prices to rise", Certainty.EXPECTED),
        ("the council plans to close two schools", Certainty.ANNOUNCED),
        ("the company will open a plant in Ohio", Certainty.ANNOUNCED),
        ("the talks would go on for weeks", Certainty.EXPECTED),
        ("shares fell 3 percent on the news", Certainty.HAPPENED),
    ],
)
def test_the_first_cue_kind_decides(clause: str, expected: Certainty) -> None:
    assert certainty_of(clause) is expected


def test_a_delay_until_a_date_is_not_a_condition() -> None:
    # "until" in news mostly names a date; a condition needs "unless", "if", "as long as".
    assert certainty_of("the delivery will be delayed until October") is Certainty.ANNOUNCED
