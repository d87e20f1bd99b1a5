"""The model's own sentences held to the article's clauses (extract/faithful.py, analysis/claims.py):
the same actor did the same thing, with the same negation and certainty, the same numbers, and a claim
kept as the word of whoever the article gives it to. Made-up articles of several topics; no model."""

from __future__ import annotations

from functools import cache

import pytest

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.extract.faithful import Checker

STRIKE = (
    "date 2025-02-11\n\nThe nurses' union refused to accept a 2% pay rise on Monday. Union leader Maria "
    "Okafor said the strike would continue until the hospital board improved its offer. The board expects "
    "to reach a deal by March, its chairman Tom Reyes said. Ford sales fell 35% in January, while Toyota "
    "sales rose 14%."
)
COURT = (
    "date 2025-06-03\n\nA federal judge blocked the city's new parking law on Tuesday. Judge Ann Lowe ruled "
    "that the law was almost certain to harm small shops. The mayor, Dan Cole, said the city will appeal "
    "the ruling. Critics called the law a disaster."
)

BOARD = (
    "date 2025-04-08\n\nThe Lakeside School Board approved a $80 million budget by a 5-2 vote on Monday. "
    "Superintendent Carla Mendes proposed the budget in March. Board chair Tom Alvarez adjourned the meeting "
    "after the vote. The vote followed three hours of testimony. Board member Rita Sousa, "
    "who voted against the plan, said it cut too deeply."
)

JETS = (
    "date 2025-05-02\n\nKenya has agreed to purchase 12 Embraer 190 jet aircraft in a deal worth US$ 600 m. "
    "The first jet will arrive in 2027."
)


@cache
def _checker(text: str) -> Checker:
    return Checker(analyze(source_from_text(text)))


@pytest.mark.parametrize(
    ("article", "sentence"),
    [
        (STRIKE, "The nurses' union refused to accept a 2% pay rise."),
        (STRIKE, "Maria Okafor said the strike would continue until the board improved its offer."),
        (STRIKE, "The board expects to reach a deal by March."),
        (STRIKE, "Ford sales fell 35% in January."),
        (COURT, "A federal judge blocked the city's new parking law."),
        (COURT, "Dan Cole said the city will appeal the ruling."),
        # a plan announced by the one who speaks for whoever carries it out
        (COURT, "The city will appeal the ruling."),
        (STRIKE, "Toyota sales rose 14%."),
        (BOARD, "Rita Sousa voted against the plan."),
        (BOARD, "Carla Mendes proposed the budget."),
        (BOARD, "Tom Alvarez adjourned the meeting."),
        (COURT, "Judge Ann Lowe ruled that the law was almost certain to harm small shops."),
        # a model number the article writes in a name, which a headline's parse may read as a count
        (JETS, "Kenya Agrees to Purchase 12 Embraer 190 Jets"),
        (JETS, "Kenya agreed to purchase 12 Embraer 190 jet aircraft."),
    ],
)
def test_a_faithful_sentence_passes_with_its_evidence(article: str, sentence: str) -> None:
    verdict = _checker(article).check(sentence)
    assert verdict.faithful, verdict.problems
    assert verdict.evidence


@pytest.mark.parametrize(
    ("article", "sentence", "why"),
    [
        # negation flipped: the union refused
        (STRIKE, "The nurses' union accepted a 2% pay rise.", "refused"),
        # an expectation turned into a fact
        (STRIKE, "The board reached a deal.", "expected"),
        # one company's figure given to another
        (STRIKE, "Toyota sales fell 35% in January.", "who did it"),
        (STRIKE, "Ford and Toyota sales fell 35% in January.", "who did it"),
        # a judgement or a forecast stated as fact; what another party says, as its own
        (COURT, "The law is a disaster.", "Critics"),
        (STRIKE, "The hospital board will improve its offer.", "condition"),
        (STRIKE, "The strike will continue until the board improves its offer.", "Maria Okafor's word"),
        # "almost certain" turned into a fact
        (COURT, "The law harms small shops.", "expected"),
        # an event the article does not report
        (COURT, "The mayor resigned.", "does not say"),
        # people who did something else, given the vote: every named subject must have voted, and "The
        # vote followed …" names no one who did
        (BOARD, "Carla Mendes and Tom Alvarez voted for the budget.", "who did it"),
        (BOARD, "Carla Mendes voted in favor of the budget.", "who did it"),
        (BOARD, "Tom Alvarez and Rita Sousa voted against the plan.", "who did it"),
        # "adjourned the meeting after the vote": the vote is not what the chair did
        (BOARD, "Tom Alvarez voted for the budget.", "who did it"),
        # a number the article does not give that actor
        (STRIKE, "The nurses' union refused to accept a 4% pay rise.", "4"),
        (JETS, "Kenya agreed to purchase 16 Embraer 190 jet aircraft.", "16"),
    ],
)
def test_an_unfaithful_sentence_fails_and_says_why(article: str, sentence: str, why: str) -> None:
    verdict = _checker(article).check(sentence)
    assert not verdict.faithful
    assert why in " ".join(verdict.problems)


def test_a_pronoun_is_held_to_the_actor_named_before_it() -> None:
    checker = _checker(COURT)
    assert checker.check("He said the city will appeal the ruling.", "Mayor Dan Cole spoke.").faithful
    assert not checker.check("She blocked the law.", "Mayor Dan Cole spoke.").faithful
