"""Spans found by code: quoted passages, names, people and speaker rankings."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, SHARED

from summarizer.attribution import rank_speakers
from summarizer.candidates import find_names, find_quoted_passages, people, speaking_organizations
from summarizer.ground import mention_spans
from summarizer.models import Actor, Grounding

GOLD = SHARED / "eval" / "seed-gold.json"


def test_quoted_passages_treat_all_quotation_marks_alike() -> None:
    text = EXAMPLE.read_text()
    passages = find_quoted_passages(text)
    assert len(passages) == 18
    for p in passages:
        assert text[p.span.start : p.span.end] == p.text
    mixed = next(p for p in passages if p.text.startswith("We understand"))  # opens " and closes ”
    assert mixed.full and mixed.text == "We understand each other."
    assert not passages[0].full


def test_names_and_people() -> None:
    text = EXAMPLE.read_text()
    names = find_names(text)
    assert {"Joe Biden", "Maria Zakharova", "Russian Foreign Ministry", "White House"} <= set(names)
    assert "Russian" not in names and "Thursday" not in names
    assert {"Jen Psaki", "Konstantin Kosachev", "Dmitry Peskov"} <= set(people(text))
    # Named bare first ("help Donald Trump"), with the role only later ("former President Donald Trump").
    assert "Donald Trump" in people(text)


def test_organizations_shown_speaking() -> None:
    # "The State Department said", "White House spokesperson Jen Psaki", "Kremlin spokesperson".
    text = EXAMPLE.read_text()
    assert speaking_organizations(text) == [
        "Kremlin",
        "State Department",
        "White House",
        "Russia’s embassy in the U.S.",  # "… released its own comment early Thursday blaming"
    ]
    assert speaking_organizations("China's foreign ministry said it would respond.") == [
        "China's foreign ministry"
    ]
    # Not inside a quotation, and not a person's name.
    quoted = 'He said: "The Board said no." Acme spokesman John Doe agreed. The Doe said so. Doe left.'
    assert speaking_organizations(quoted) == ["Acme"]


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/eval")
def test_rules_rank_the_gold_speaker_first_for_most_quotes() -> None:
    text = EXAMPLE.read_text()
    gold = json.loads(GOLD.read_text())
    actors = [
        Actor(
            id=f"a{i}",
            name=a["name"],
            aliases=a["aliases"],
            kind=a["kind"],
            spans=mention_spans([a["name"], *a["aliases"]], text),
            grounding=Grounding.EXACT,
        )
        for i, a in enumerate(gold["actors"])
    ]
    rankings = rank_speakers(find_quoted_passages(text), actors, text)
    first = sum(r.names[:1] == [g["speaker"]] for r, g in zip(rankings, gold["quotes"], strict=True))
    sure_right = sum(
        r.sure and r.names[0] == g["speaker"] for r, g in zip(rankings, gold["quotes"], strict=True)
    )
    sure = sum(r.sure for r in rankings)
    assert first >= 15
    assert sure_right >= sure - 1, "the rules must rarely be sure and wrong"
