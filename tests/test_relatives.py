"""A time in a relative clause with a subject of its own, or in a comparison, dates that clause's event,
never the clause around it (analysis/relatives.py): the entry is that clause alone, the noun it describes
named where it belongs, or no entry. Made-up sentences; no model runs here."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer import source_from_text
from summarizer.analysis import analyze


def _entries(text: str) -> dict[str, str | None]:
    analysis = analyze(source_from_text(text, dateline=dt.date(2024, 5, 8)))
    for dated in analysis.dated:
        for piece in dated.entry.pieces if dated.entry else []:
            # Every piece is the article's own words, as the entry shows them.
            words = analysis.text[piece.start : piece.end].lower()
            assert words in dated.entry.text.replace("…", " ").lower()
    return {d.when.text: d.entry.text if d.entry else None for d in analysis.dated}


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        # The object a relative clause lacks is the noun it describes.
        (
            "The new levy breaks a promise the council made three years ago.",
            "three years ago",
            "The council made [a promise] three years ago",
        ),
        # The relative clause's own subject, named; not "[The chain] would rehire 40 bakers".
        (
            "The bakery chain said it would rehire 40 bakers and reopen a shop it closed in August.",
            "August",
            "[The bakery chain] closed [a shop] in August",
        ),
        # A possessive relative word is the noun's.
        (
            "Coach Ana Ruiz, whose team lost the cup final in March, said she would stay.",
            "March",
            "[Coach Ana Ruiz's] team lost the cup final in March",
        ),
        # A relative clause whose subject is its relative word is the noun's own event, as before.
        (
            "The festival moved to the old docks, which were rebuilt in 2019.",
            "2019",
            "[The old docks] were rebuilt in 2019",
        ),
    ],
)
def test_a_relative_clause_of_its_own_is_the_entry(text: str, when: str, expected: str) -> None:
    assert _entries(text)[when] == expected


def test_a_comparison_says_nothing_alone() -> None:
    # "the one the council dropped in 2016" is not what the union demanded in 2016: no entry at all.
    entries = _entries(
        "The union insisted that the council adopt a new rent cap, like the one the council dropped in 2016."
    )
    assert entries.get("2016") is None


def test_a_pronoun_outside_quotation_marks_stands_for_no_subject_inside_them() -> None:
    # "it" is the theatre, not "the money" the theatre's director spoke of.
    entries = _entries(
        'The Lantern Theatre said it would reopen "as soon as the money is in the bank" and restore '
        "a season it cancelled in February."
    )
    assert entries["February"] == "[Lantern Theatre] cancelled [a season] in February"


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        # A past participle describing a noun tells what was done to it then: that alone, the noun (the
        # name an apposition describes) before it; the starting was not last month.
        (
            "Lund Roofing, the firm hired by the school last month, will start repairs in June.",
            "last month",
            "[Lund Roofing] hired by the school last month",
        ),
        (
            "Ferries built in the yard in 1985 still sail the coast.",
            "1985",
            "[Ferries] built in the yard in 1985",
        ),
        (
            "The mayor opened a library funded by a local brewery in 2021.",
            "2021",
            "[A library] funded by a local brewery in 2021",
        ),
    ],
)
def test_a_time_of_a_participle_describing_a_noun_dates_that_participle(
    text: str, when: str, expected: str
) -> None:
    assert _entries(text)[when] == expected


def test_a_time_of_an_apposition_dates_no_clause() -> None:
    # The hall became the choir's home in 1950; the choir is not leaving it since then.
    assert _entries("The choir plans to leave Elm Hall, its home since 1950, next spring.")["1950"] is None


def test_a_deadline_the_parser_hangs_on_a_participle_dates_the_clause_around_it() -> None:
    entries = _entries("The league told clubs to publish the number of tickets sold by Friday.")
    assert entries["Friday"] is not None
    assert entries["Friday"].startswith("The league told clubs to publish")


def test_a_time_of_the_main_clause_beside_a_describing_phrase_keeps_its_entry() -> None:
    entries = _entries("Lund Roofing, the firm hired by the school, started repairs on Monday.")
    assert entries["Monday"] is not None
    assert "started repairs on Monday" in entries["Monday"]


def test_a_participle_describing_the_occasion_of_the_clause_dates_the_clause() -> None:
    # The pledge was made at the rally, so on Monday too: the clause around it keeps the time.
    entries = _entries("The senator made the pledge at a rally held in Dayton on Monday.")
    assert entries["Monday"] is not None
    assert entries["Monday"].startswith("The senator made the pledge")
