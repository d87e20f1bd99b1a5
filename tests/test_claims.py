"""What each clause asserts (analysis/claims.py): who, negated or not, how certain, which numbers, on
whose word. Made-up sentences of several topics; no model."""

from __future__ import annotations

import pytest

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.analysis.claims import Claim


def _claim(text: str, verb: str) -> Claim:
    analysis = analyze(source_from_text(f"date 2025-04-02\n\n{text}"))
    found = [c for c in analysis.claims if analysis.text[c.verb.start : c.verb.end] == verb]
    assert found, f"no claim of {verb!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "verb", "mood"),
    [
        ("The museum will reopen in May.", "reopen", "announced"),
        ("The league plans to expand to twenty teams.", "expand", "announced"),
        ("Analysts expect the bank to raise its rates.", "raise", "expected"),
        ("The storm could reach the coast by Friday.", "reach", "speculated"),
        ("The judge ordered that the files be released.", "released", "demanded"),
        ("The players refused to accept the new contract.", "accept", "refused"),
        ("The mine will close unless the state steps in.", "close", "conditional"),
        ("The glacier lost a third of its mass.", "lost", "happened"),
        ("The vaccine is almost certain to be approved.", "approved", "expected"),
        ("The club is expected to sign the striker and announce it on Monday.", "announce", "expected"),
    ],
)
def test_a_clause_has_the_certainty_its_grammar_gives(text: str, verb: str, mood: str) -> None:
    assert _claim(text, verb).mood == mood


def test_negation_numbers_and_the_claimant_are_read() -> None:
    claim = _claim("The council did not approve the $4.5 million budget, the mayor said.", "approve")
    assert claim.negated
    assert "4.5" in claim.numbers
    assert claim.claimant  # the mayor's word
    # A number in a name or a date is no quantity.
    named = _claim("The Boeing 787 made its first flight on 15 December 2009.", "made")
    assert not named.numbers


def test_each_of_two_subjects_is_an_actor_of_its_own() -> None:
    text = "Northwind Energy and Polaris Mining signed the deal in Oslo."
    assert len(_claim(text, "signed").actors) == 2
