"""What is not the article's prose is no source: headlines, bylines, subheads, captions and credits,
editor's notes, footers, an embedded post's signature, told from the layout and the parse of made-up
articles. No model runs here."""

from __future__ import annotations

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.analysis.layout import non_prose
from summarizer.analysis.nlp import parse

ARTICLE = """Strike Vote Looms as Union Warns Carmaker

By JANE ROE and JOHN DOE

Updated October 10, 2016 5:02 PM

DETROIT — The union representing 48,000 workers said on Sunday that its members would vote on a
strike next week, after talks with the company broke down.

A Shifting Strategy

Union president Maria Lopez told reporters the offer was an insult. “We are ready to walk out,” she said.

Workers gather outside the plant in Detroit. (Photo by Sam Poe/Example Wire)

The company said it expected to reach a deal before the deadline.

Big night for the union! pic.twitter.com/abc123 — Maria Lopez (@marialopez) October 9, 2016

Editor's note: An earlier version of this story misstated the number of workers.

Sign up for our business newsletter.

Got a confidential news tip? We want to hear from you. Contact us at tips@example.com.
"""


def _outside(text: str) -> list[str]:
    return [text[s.start : s.end] for s in non_prose(parse(text), 0)]


def test_the_page_parts_of_an_article_are_not_prose() -> None:
    outside = _outside(ARTICLE)
    assert outside[:4] == [
        "Strike Vote Looms as Union Warns Carmaker",
        "By JANE ROE and JOHN DOE",
        "Updated October 10, 2016 5:02 PM",
        "A Shifting Strategy",
    ]
    assert "Workers gather outside the plant in Detroit. (Photo by Sam Poe/Example Wire)" in outside
    assert "Editor's note: An earlier version of this story misstated the number of workers." in outside
    assert "Sign up for our business newsletter." in outside
    assert outside[-1].startswith("Got a confidential news tip?")
    assert any("(@marialopez) October 9, 2016" in part for part in outside)
    # The story's prose is left whole.
    for prose in ("DETROIT — The union", "Union president Maria Lopez", "The company said it expected"):
        assert not any(prose in part for part in outside)


def test_nothing_comes_from_the_page_parts() -> None:
    analysis = analyze(source_from_text(ARTICLE))
    names = {name for e in analysis.entities for name in e.names()}
    assert "Maria Lopez" in names
    assert not {"JANE ROE", "JOHN DOE", "Sam Poe", "Example Wire"} & names
    # Offsets stay the text's own; the dates of the byline and of the post's signature are no events.
    assert [d.when.text for d in analysis.dated] == ["Sunday", "next week"]
    for d in analysis.dated:
        assert analysis.text[d.when.span.start : d.when.span.end] == d.when.text  # type: ignore[union-attr]
    assert [p.quoted.text for p in analysis.passages] == ["We are ready to walk out,"]
    # The dateline is no part of the first sentence, nor of what is read off its parse.
    first = analysis.sentences[0]
    assert analysis.text[first.start : first.end].startswith("The union representing")
    sunday = analysis.dated[0].entry
    assert sunday is not None and "DETROIT" not in sunday.text


def test_a_dateline_is_not_read_as_the_first_sentence_s_subject() -> None:
    text = (
        "date 2025-05-02\n\nMILLBROOK, Vt. — Councilwoman Nora Diaz's lead over rival Sam Ortiz narrowed to "
        "58 votes on Friday after clerks finished counting absentee ballots.\n\nOrtiz said he would ask for "
        "a recount."
    )
    analysis = analyze(source_from_text(text))
    assert [analysis.text[s.start : s.end][:5] for s in analysis.sentences] == ["Counc", "Ortiz"]
    entry = analysis.dated[0].entry
    assert entry is not None
    assert entry.text.startswith(
        "Councilwoman Nora Diaz's lead over rival Sam Ortiz narrowed to 58 votes on Friday"
    )


def test_a_caption_without_a_verb_is_no_prose_but_a_quotation_is() -> None:
    text = (
        "The minister resigned on Friday after the vote.\n\n"
        "Former minister Anna Berg. Photo: Lars Lind / Example Images\n\n"
        "“Absolutely not.”\n\n"
        "She said she would stay in parliament."
    )
    outside = _outside(text)
    assert outside == ["Former minister Anna Berg. Photo: Lars Lind / Example Images"]


def test_hard_wrapped_prose_is_prose() -> None:
    text = (
        "The court ruled on Monday that the law was unconstitutional, striking\n"
        "down a measure that had been in force since 2019.\n\n"
        "Judges said the state had overstepped its powers. The attorney general\n"
        "said she would appeal.\n"
    )
    assert _outside(text) == []


def test_a_title_line_and_a_dateline_above_the_story() -> None:
    text = "Scientists find water on a planet\nMarch 01, 2008\n\nAstronomers said on Friday they found it."
    assert _outside(text) == ["Scientists find water on a planet", "March 01, 2008"]


def test_a_sentence_to_you_inside_the_story_is_prose() -> None:
    text = (
        "If you own one of the recalled cars, the company said, you should contact a dealer.\n\n"
        "The recall covers 300,000 vehicles, the regulator said on Tuesday.\n"
    )
    assert _outside(text) == []


def test_a_caption_and_credit_run_on_after_the_storys_last_words_are_no_prose() -> None:
    text = (
        "The council approved the budget on Tuesday. Hear the debate on “City Hour” tonight. Photo: Mayor "
        "Ana Ruiz at the vote. Credit: Tom Berg/City Desk\n"
    )
    outside = _outside(text)
    assert outside == ["Photo: Mayor Ana Ruiz at the vote. Credit: Tom Berg/City Desk"]
    assert "Tom Berg" not in {e.name for e in analyze(source_from_text(text)).entities}
