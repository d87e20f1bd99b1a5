"""Who the parse says spoke each quoted passage, and which passages are terms (analysis/speakers.py,
analysis/terms.py, analysis/referents.py). Made-up sentences of several topics and shapes: a rule that
holds only for one article's sentence is no rule."""

from __future__ import annotations

import pytest

from summarizer.analysis import Analysis, analyze
from summarizer.analysis.terms import is_titled
from summarizer.ingest import source_from_text
from summarizer.models import Span


def _said(text: str) -> list[tuple[str | None, bool]]:
    """(speaker's name or None, term) of each passage."""
    analysis: Analysis = analyze(source_from_text(text))
    return [(p.said.speaker.name if p.said.speaker else None, p.said.term) for p in analysis.passages]


@pytest.mark.parametrize(
    "text",
    [
        'Senator Mary Ellis appeared on "Meet the Press" on Sunday and said little.',
        'The governor told "Fox News Sunday" that the budget was balanced.',
        'Her memoir, "The Long Road Home", sold well, the publisher Ann Cole said.',
        'Fans waved banners reading "Bring Back Our Team" outside the stadium.',
        'Protesters outside the court chanted "NO JUSTICE, NO PEACE" for an hour, Officer Dan Roe said.',
        'The coach, interviewed in "Sports Tonight", said the season was over.',
    ],
)
def test_titles_slogans_and_shows_are_terms(text: str) -> None:
    assert _said(text)[0] == (None, True)


@pytest.mark.parametrize(
    ("words", "titled"),
    [
        ("Meet the Press", True),
        ("Fox News Sunday", True),
        ("Make America Great Again", True),
        ("LOCK HER UP", True),
        ("The verdict stands.", False),
        ("We Will Win!", False),
        ("deeply disappointing", False),
        ("Antennagate", False),
        ("a blow to American workers", False),
    ],
)
def test_a_title_is_told_by_its_capitals(words: str, titled: bool) -> None:
    assert is_titled(words) is titled


def test_a_chant_in_a_writers_clause_has_no_speaker() -> None:
    text = 'Union leader Rosa Diaz spoke first. Then the crowd shouted "Strike now!" as the doors opened.'
    assert _said(text) == [(None, False)]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # Reported speech before a whole quoted sentence: that speaker's turn goes on.
        (
            'Coach Maria Santos said the team was exhausted after the final. "We need a long rest."',
            ["Maria Santos"],
        ),
        # A quoted speaker's turn goes on over a second quotation.
        (
            'Its chief executive, Tom Price, said, "These were hard choices." "It hurts."',
            ["Tom Price", "Tom Price"],
        ),
        # A sentence of the writer's between them ends the turn: unknown, not the last speaker.
        (
            'The striker scored twice. "It was a great night," Lopez said. The club later confirmed his '
            'transfer. "He will be missed."',
            ["Lopez", None],
        ),
    ],
)
def test_a_verbless_quotation_continues_the_sentence_before(text: str, speakers: list[str | None]) -> None:
    assert [speaker for speaker, _ in _said(text)] == speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Judge Alan Cole, who has served on the bench since 2015, said "The verdict stands."', "Alan Cole"),
        ('Judge Alan Cole told reporters: "The verdict stands. There will be no retrial."', "Alan Cole"),
        ('According to police spokesman Dan Reyes, "the suspect fled on foot."', "Dan Reyes"),
        ('Astronomer Lena Park described the comet as "a once-in-a-lifetime visitor."', "Lena Park"),
        (
            'In his last letter, Mayor Sam Ortiz left this farewell, "Serving this city was an honour."',
            "Sam Ortiz",
        ),
        (
            'Acme Mining announced the closure. A statement from Acme Mining said "the mine will close '
            'in May."',
            "Acme Mining",
        ),
    ],
)
def test_the_speech_verb_or_utterance_names_the_speaker(text: str, speaker: str) -> None:
    assert _said(text)[0][0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "she" is the woman the text shows to be one, though the man is the sentence's subject.
        ('Tom Reed and his wife Anna Reed spoke at the rally. "We love this town," she said.', "Anna Reed"),
        # "he" is never a woman the text shows to be one.
        (
            'Mrs. Joan Watts met Peter Hall at the embassy. "Talks went well," he said.',
            "Peter Hall",
        ),
        # "it" is a body, never the person who spoke before.
        (
            "Jo Park spoke for the workers. Northwind Airlines said on Monday that fares would rise. "
            '"Costs have doubled," it said.',
            "Northwind Airlines",
        ),
        # "it" after a writing the article names no author of: nobody, not a company named nearby.
        (
            'Globex Corp sold the plant to Initech. The memo to the board warns of delays: "Expect '
            'nothing before June," it said.',
            None,
        ),
    ],
)
def test_a_pronoun_is_the_last_compatible_one(text: str, speaker: str | None) -> None:
    assert _said(text)[-1][0] == speaker


@pytest.mark.parametrize(
    "text",
    [
        # A person by their role is not the company or country beside the role.
        'Globex CEO said on Monday that "sales were weak."',
        'An analyst at Morgan Stanley said the merger was "a clear mistake."',
        # A name the parser did not make the subject of a second verb is not the first verb's subject.
        "The ministry welcomed the ruling and in a reaction to the news Health Secretary Lia Moss said "
        '"the court has spoken."',
    ],
)
def test_a_company_beside_a_person_is_no_speaker(text: str) -> None:
    speaker, term = _said(text)[0]
    assert not term
    assert speaker not in ("Globex", "Morgan Stanley", "ministry")


def test_a_passage_outside_the_articles_prose_is_no_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    # A line the ingest marks as not the article's prose (an embedded post's metadata, say) holds no
    # speech, whatever quotation marks it has.
    from summarizer.ingest import Source

    text = 'Ana Ruiz said "we will appeal."\n— "@anaruiz" March 3, 2021\n'
    line = text.index("—")
    monkeypatch.setattr(Source, "markers", lambda self: [Span(start=line, end=len(text))])
    analysis = analyze(source_from_text(text))
    assert [p.quoted.text for p in analysis.passages] == ["we will appeal."]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A writing's words are its author's, and only its author's.
        ("The Daily Ledger's editorial said the mayor \"has lost the city's trust.\"", "Daily Ledger"),
        ('The White House declined to comment. An editorial said the plan "will fail."', None),
        ('The court\'s ruling said the law "cannot stand."', None),
    ],
)
def test_an_editorial_is_its_papers_not_the_body_named_nearby(text: str, speaker: str | None) -> None:
    assert _said(text)[-1][0] == speaker


def test_a_pronoun_after_a_person_named_since_the_last_speaker_is_that_person() -> None:
    # "Mark Doyle, 41, a fan …, said": the parser makes no subject of the name; the pronoun is his, not
    # the previous speaker's.
    text = (
        '"We played well," said coach Ann Lee. "We will be back." At the gym, Mark Doyle, 41, a fan of the'
        ' club, said he had come early. "They never give up," he said.'
    )
    assert [s for s, _ in _said(text)] == ["Ann Lee", "Ann Lee", "Mark Doyle"]


def test_a_description_an_earlier_mention_names_is_its_speaker() -> None:
    text = (
        "Striker Ola Berg joined the Hornets on Monday. His mother, Kari Berg, was at the stadium."
        ' "He worked hard for this," the mother said.'
    )
    assert _said(text) == [("Kari Berg", False)]
    # A description nothing before names stays unknown.
    assert _said('"He worked hard for this," the mother said.') == [(None, False)]


def test_a_statement_given_by_a_named_person_is_theirs() -> None:
    text = 'A statement by Northwind given by Northwind spokesman Carl Dunn said "We are very disappointed."'
    assert _said(text) == [("Carl Dunn", False)]
    assert _said('A statement from Northwind said "We will appeal."') == [("Northwind", False)]
