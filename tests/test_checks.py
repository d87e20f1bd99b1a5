"""What the brief checks of the model's own words: the headline and summary against the article (names,
numbers, roles, words given to speakers, and each clause held to the article's: test_faithful.py), the
article's words shown where the model's fail, and that no grammar can cut a string mid-word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, RECORDINGS

from summarizer import source_from_text
from summarizer.accounting import RunWarning, WarningKind
from summarizer.analysis import analyze
from summarizer.assemble.overview import overview
from summarizer.extract import OverviewAnswer
from summarizer.extract.checks import Said, invented_names, misattributed, miscast, unsupported
from summarizer.extract.faithful import Checker
from summarizer.models import Basis

ARTICLE = (
    "date 2024-05-02 Acme Corp will close its plant in Springfield, chief executive Jane Doe said on "
    "Tuesday. The closure puts 1,200 jobs at risk, the union warned.\n\nDoe said the decision was final."
)


def test_names_and_numbers_the_article_does_not_give_are_flagged() -> None:
    assert unsupported("Acme Corp to close Springfield plant, putting 1,200 jobs at risk.", ARTICLE) == []
    # A title-case headline's verbs are not names; invented names and numbers are.
    assert unsupported("Acme Closes Plant As Union Warns", ARTICLE) == []
    assert unsupported("Acme to close plant, says John Smith", ARTICLE) == ["John", "Smith"]
    assert unsupported("Acme cuts 2,000 jobs.", ARTICLE) == ["2,000"]


def test_invented_names_are_flagged_wherever_they_stand() -> None:
    """The parse tells names from other words, not capitals: a name that begins a sentence is checked,
    and so are the names of a title-case headline (its verbs and nouns are capitalised too)."""
    article = EXAMPLE.read_text(encoding="utf-8")
    assert unsupported("Russia recalled its envoy. Zelensky praised the move.", article) == ["Zelensky"]
    assert unsupported("Macron Tells Zelensky Paris Talks Failed", article) == ["Macron", "Zelensky", "Paris"]
    assert unsupported("Scholz says Russia recalled its envoy.", article) == ["Scholz"]
    # The article's own names, and the words of a title-case headline that are no names, pass.
    assert unsupported("Russia Recalls Ambassador To U.S. After Biden Calls Putin A Killer", article) == []
    assert unsupported("Kremlin Says Biden's Remarks Were Very Bad", article) == []
    said = "Peskov: Biden's statements are very bad. Zakharova blames Washington."
    assert invented_names(said, article) == []


def _overview(headline: str, summary: str, **context: Any) -> OverviewAnswer:
    return OverviewAnswer.model_validate(
        {"headline": headline, "summary": summary}, context={"source": ARTICLE, "warnings": [], **context}
    )


def test_the_overview_is_reasked_when_it_names_what_the_article_does_not() -> None:
    good = "Acme Corp will close its Springfield plant, Jane Doe said. It puts 1,200 jobs at risk."
    assert _overview("Acme Corp to close Springfield plant", good).headline
    with pytest.raises(ValueError, match="names what the article does not: John, Smith"):
        _overview("Acme to close plant, says John Smith", good)
    # After the last re-ask the text is kept with its verdict, for assembly to replace it.
    answer = _overview("Acme to close plant, says John Smith", good, lenient=True)
    assert not answer.verdicts[0].faithful and all(v.faithful for v in answer.verdicts[1:])


def test_a_summary_cut_mid_sentence_is_reasked() -> None:
    with pytest.raises(ValueError, match="full stop"):
        _overview("Acme Corp to close Springfield plant", "Acme Corp will close its plant. Doe calls it ")


def test_a_long_summary_keeps_its_first_whole_sentences() -> None:
    warnings: list[RunWarning] = []
    parts = ["first", "second", "third", "fourth", "fifth"]
    long = " ".join(f"Acme Corp said the {n} part of the plan was final." for n in parts)
    answer = _overview("Acme Corp to close Springfield plant", long, warnings=warnings)
    assert answer.summary == long[: long.index(" Acme Corp said the fourth")]
    text = "summary: kept its first 3 of 5 sentences (90 words at most)"
    assert warnings == [RunWarning(WarningKind.SHORTENED, "overview", text)]


def test_a_summary_cut_at_the_token_limit_keeps_its_whole_sentences() -> None:
    cut = '{"headline": "Acme Corp to close its plant", "summary": "Acme Corp will close its plant. It puts'
    answer = OverviewAnswer.from_cut(cut, {"source": ARTICLE, "warnings": []})
    assert answer is not None and answer.summary == "Acme Corp will close its plant."
    assert OverviewAnswer.from_cut('{"headline": "Acme Corp to close", "summary": "Acme Co', {}) is None


def test_each_sentence_shown_says_how_it_is_known_with_the_article_words_behind_it() -> None:
    analysis = analyze(source_from_text(ARTICLE))
    checker = Checker(analysis)
    summary = "Acme Corp will close its plant in Springfield. Doe said the decision was final."
    answer = _overview("Acme Corp to close Springfield plant", summary, checker=checker)
    shown = overview(analysis, answer)
    assert shown.headline == "Acme Corp to close Springfield plant"
    assert shown.headline_support is not None and shown.headline_support.basis is Basis.CHECKED
    assert [s.sentence for s in shown.summary] == whole(summary)
    for item in shown.summary:
        assert item.basis is Basis.CHECKED and item.spans and item.score >= 0.5
    last = shown.summary[1].spans[0]
    assert analysis.text[last.start : last.end] == "Doe said the decision was final."
    assert shown.warnings == []


def test_a_sentence_that_still_fails_is_shown_in_the_article_words_and_two_are_kept() -> None:
    analysis = analyze(source_from_text(ARTICLE))
    checker = Checker(analysis)
    # The union warned of the risk; the company did not say so; and nothing was closed yet.
    summary = (
        "Acme Corp closed its plant in Springfield. Acme Corp warned the closure puts 1,200 jobs at risk."
    )
    answer = _overview("Acme Corp closes Springfield plant", summary, checker=checker, lenient=True)
    shown = overview(analysis, answer)
    assert shown.headline_support is not None and shown.headline_support.basis is Basis.STATED
    assert shown.headline.startswith("Acme Corp will close its plant in Springfield")
    assert len(shown.summary) >= 2
    assert all(s.basis is Basis.STATED for s in shown.summary)
    for item in shown.summary:
        assert all(analysis.text[p.start : p.end] in item.sentence for p in item.spans)
    assert any("is shown as the article's first sentence" in w for w in shown.warnings)


def whole(summary: str) -> list[str]:
    from summarizer.extract.answers import whole_sentences

    return whole_sentences(summary)


def _strings_with_max_length(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        if "maxLength" in node:
            found.append(json.dumps(node)[:80])
        for value in node.values():
            found += _strings_with_max_length(value)
    elif isinstance(node, list):
        for value in node:
            found += _strings_with_max_length(value)
    return found


def test_no_grammar_limits_a_strings_length() -> None:
    """A length limit in a grammar stops the model wherever it falls, mid-word; limits are asked for in
    the prompt and checked by validators that re-ask instead. Every recorded request says so."""
    recorded = list(Path(RECORDINGS / "responses").rglob("*.json"))
    assert recorded, "no recordings"
    for path in recorded:
        request = json.loads(path.read_text())["request"]
        assert _strings_with_max_length(request.get("response_format")) == [], path


def test_a_role_the_article_does_not_give_is_miscast() -> None:
    article = "Kremlin spokesperson Dmitry Peskov spoke. Russian President Vladimir Putin did not."
    roles = {"Dmitry Peskov": "Kremlin spokesperson", "Vladimir Putin": "Russian leader"}
    assert miscast("Foreign Minister Dmitry Peskov called it bad.", roles, article) == [
        "Dmitry Peskov is 'Kremlin spokesperson' in the article, not 'minister'"
    ]
    # The surname alone counts as the name; the article's own words before a name are never wrong.
    assert miscast("The minister Peskov agreed.", roles, article)
    assert miscast("Kremlin spokesperson Peskov and President Putin spoke.", roles, article) == []


def test_words_the_summary_gives_another_speaker_are_misattributed() -> None:
    article = (
        "Acme Corp will close its plant in Springfield. Acme Corp's union in Ohio released its own "
        'statement, calling the closure "a betrayal of 1,200 loyal workers" and vowing to fight it. '
        '"We regret the decision," chief executive Jane Doe said.'
    )
    analysis = analyze(source_from_text(article))
    said = [
        Said(analysis.text[s.start : s.end], p.quoted.text, p.said.speaker.names())
        for p in analysis.passages
        if p.said.speaker is not None and (s := analysis.sentence_at(p.quoted.span.start)) is not None
    ]
    actors = [e.names() for e in analysis.entities]
    assert [s.speaker[0] for s in said] == ["Acme Corp's union in Ohio", "Jane Doe"]
    # The company whose union it is did not say it; the union did.
    (found,) = misattributed("Acme Corp called the closure a betrayal of its loyal workers.", said, actors)
    assert (
        found
        == "the article gives “a betrayal of 1,200 loyal workers” to Acme Corp's union in Ohio, not Acme Corp"
    )
    assert (
        misattributed("Acme Corp's union called the closure a betrayal of loyal workers.", said, actors) == []
    )
    assert misattributed("Jane Doe said Acme Corp regretted the decision.", said, actors) == []
    # Words of no quoted sentence are not checked.
    assert misattributed("Acme Corp said it will close its plant.", said, actors) == []


def test_the_overview_is_reasked_when_it_gives_words_to_another_speaker() -> None:
    said = [
        Said("The union warned that the closure puts 1,200 jobs at risk.", "1,200 jobs at risk", ["union"])
    ]
    context = {"said": said, "actors": [["Acme Corp", "Acme"], ["union"]]}
    wrong = "Acme Corp warned the closure puts 1,200 jobs at risk."
    with pytest.raises(ValueError, match="the article gives “1,200 jobs at risk” to union, not Acme Corp"):
        _overview("Acme Corp to close Springfield plant", wrong, **context)
    # After the last re-ask only the wrong sentence carries the problem.
    kept = "Acme Corp will close its Springfield plant."
    answer = _overview("Acme Corp to close plant", f"{kept} {wrong}", lenient=True, **context)
    assert [v.faithful for v in answer.verdicts] == [True, True, False]


def test_a_speaker_the_article_sentence_names_is_not_misattributed() -> None:
    # The parse gave the words to the company; the sentence names its chief executive too, so the summary
    # giving them to her may be the right one: not flagged. Without her name there, it is.
    passage = "The plant has the best technical reliability in Europe"
    actors = [["Acme Corp"], ["Jane Doe", "Doe"]]
    summary = "Jane Doe said the plant has the best technical reliability in Europe."
    named = Said(
        f"Acme Corp CEO, Jane Doe, justified the choice by saying, “{passage}”.", passage, ["Acme Corp"]
    )
    assert misattributed(summary, [named], actors) == []
    unnamed = Said(f"Acme Corp justified the choice by saying, “{passage}”.", passage, ["Acme Corp"])
    assert misattributed(summary, [unnamed], actors)
