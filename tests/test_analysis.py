"""The analysis stage: quoted passages, entities grouped into actors, roles in the article's words,
speakers from the parse, consequence candidates. No model runs here."""

from __future__ import annotations

import json
from functools import cache

import pytest
from conftest import EXAMPLE, SHARED

from summarizer import source_from_text
from summarizer.analysis import Analysis, analyze
from summarizer.analysis.quotations import find_quoted_passages
from summarizer.analysis.text import normalize
from summarizer.models import ActorKind, Certainty

GOLD = SHARED / "eval" / "seed-gold.json"


@cache
def example() -> Analysis:
    return analyze(source_from_text(EXAMPLE.read_text()))


def _fold(name: str) -> str:
    return normalize(name)[0]


def _analysis(text: str) -> Analysis:
    return analyze(source_from_text(text))


def test_quoted_passages_treat_all_quotation_marks_alike() -> None:
    text = EXAMPLE.read_text()
    passages = find_quoted_passages(text)
    assert len(passages) == 18
    for p in passages:
        assert text[p.span.start : p.span.end] == p.text
    mixed = next(p for p in passages if p.text.startswith("We understand"))  # opens " and closes ”
    assert mixed.full and mixed.text == "We understand each other."
    assert not passages[0].full


def test_entities_are_actors_one_per_entity() -> None:
    entities = {e.name: e for e in example().entities}
    assert {"Joe Biden", "Vladimir Putin", "Anatoly Antonov", "Maria Zakharova", "Dmitry Peskov"} <= set(
        entities
    )
    assert {"Jen Psaki", "Konstantin Kosachev", "Alexei Navalny", "Donald Trump"} <= set(entities)
    # "U.S." and "United States" are one country; the capitals standing for governments are aliases.
    assert entities["United States"].kind is ActorKind.COUNTRY
    assert {"U.S.", "Washington"} <= set(entities["United States"].aliases)
    assert "Moscow" in entities["Russia"].aliases
    assert not {"U.S.", "Moscow", "Washington", "Russian"} & set(entities)
    # A surname the NER called an organization ("Biden administration") is still the person's.
    assert "Biden" in entities["Joe Biden"].aliases
    # A name met only in a photo credit is not an actor.
    assert "Valery Sharifulin" not in entities


def test_roles_are_the_articles_words_with_their_span() -> None:
    analysis = example()
    roles = {e.name: e for e in analysis.entities if e.role is not None}
    assert roles["Dmitry Peskov"].role == "Kremlin spokesperson"
    assert roles["Jen Psaki"].role == "White House spokesperson"
    assert roles["Maria Zakharova"].role == "Russian Foreign Ministry spokeswoman"
    kosachev = roles["Konstantin Kosachev"]
    assert kosachev.role is not None and kosachev.role.startswith("head of the Russian upper house")
    for entity in roles.values():
        assert entity.role_span is not None
        assert analysis.text[entity.role_span.start : entity.role_span.end] == entity.role


@pytest.mark.shared
def test_the_parse_names_the_gold_speaker_of_every_seed_quote() -> None:
    gold = json.loads(GOLD.read_text())
    aliases = {a["name"]: {_fold(n) for n in [a["name"], *a["aliases"]]} for a in gold["actors"]}
    passages = example().passages
    assert [p.quoted.text for p in passages] == [q["text"] for q in gold["quotes"]]
    right = sum(
        p.said.speaker is not None
        and bool({_fold(n) for n in p.said.speaker.names()} & aliases[q["speaker"]])
        for p, q in zip(passages, gold["quotes"], strict=True)
    )
    assert right == 18


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will appeal," said Acme chief executive Jane Doe on Monday.', "Jane Doe"),
        ('Jane Doe was asked whether she would resign and said "No."', "Jane Doe"),
        ('The plan is "dead on arrival," according to Senator John Smith.', "John Smith"),
        ('John Smith spoke first. "We are ready," he told reporters.', "John Smith"),
        (
            '"This is a milestone," said Airbus President and Chief Executive Officer, Tom Enders.',
            "Tom Enders",
        ),
        # A passive speech verb: its agent speaks, not what is spoken of.
        (
            'Jane Doe spoke. The new tablet was praised by John Smith as "the best we have made."',
            "John Smith",
        ),
        # "who stated": the person the relative clause describes, not the nearest noun.
        (
            'A view came from Mary Major, an economist at Acme University, who stated, "Growth will slow."',
            "Mary Major",
        ),
        # A person's noun phrase names the person even where a company stands first in it.
        ('Globex Industries CEO Ron Sweet said in an interview "We won the contract."', "Ron Sweet"),
        # A writing's words are its author's.
        (
            'A statement from Initech Corporation said that "the plant will close in May."',
            "Initech Corporation",
        ),
        # "the company" is the company named last before it.
        (
            'In a note on the Initech Corporation website, the company said that "the fault has been found."',
            "Initech Corporation",
        ),
    ],
)
def test_speakers_from_the_parse(text: str, speaker: str) -> None:
    passage = _analysis(text).passages[0]
    assert passage.said.speaker is not None and passage.said.speaker.name == speaker
    assert passage.said.cue is not None


def test_he_is_the_person_last_named_as_a_subject() -> None:
    text = (
        "Jane Doe met Governor Tom Roe in Springfield. Doe told reporters that she wanted the ban lifted. "
        '"The easiest way is to lift the ban," she said.'
    )
    passage = _analysis(text).passages[0]
    assert passage.said.speaker is not None and passage.said.speaker.name == "Jane Doe"


def test_he_continues_the_previous_speaker_when_no_one_was_named_since() -> None:
    text = (
        '"We will not buy these planes," the paper quoted Jane Doe as saying, although a translator gave '
        'it otherwise. "If they are banned, we cannot fly them," she continued.'
    )
    said = [p.said.speaker.name if p.said.speaker else None for p in _analysis(text).passages]
    assert said == ["Jane Doe", "Jane Doe"]


@pytest.mark.parametrize(
    "text",
    [
        'The company said the "Lion" release of its system will ship in July, Jane Doe said.',
        'Jane Doe said buyers get a free case, or "bumper," with each phone.',
        'Jane Doe dismissed the existence of an "Antennagate," saying all phones have flaws.',
        # The writer's own article or adjective makes the quoted words a noun of the writer's sentence.
        'The so-called "death grip", however, is no issue for other phones, said Jane Doe.',
        # A participle names the noun it describes; nobody is shown saying the name.
        'The response to the issue, dubbed "Antennagate" by the media, was first to blame users, Doe said.',
    ],
)
def test_a_name_set_in_a_noun_phrase_is_a_term(text: str) -> None:
    said = _analysis(text).passages[0].said
    assert said.term and said.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A naming verb's object described in quotation marks.
        ('Jane Doe called the new software "the most advanced system in the world."', "Jane Doe"),
        # A clause in quotation marks is said, wherever the parser hangs it: after a noun for an
        # utterance, by its author; set in a clause with no speech verb, by nobody the article names.
        ('Jane Doe made one promise to the workers, "We will win this fight."', "Jane Doe"),
        ('Supporters chanted "We want Doe!" as Jane Doe took the stage.', None),
    ],
)
def test_words_said_of_a_thing_stay_speech(text: str, speaker: str | None) -> None:
    said = _analysis(text).passages[0].said
    assert not said.term
    assert (said.speaker.name if said.speaker else None) == speaker


def test_a_verbless_quotation_continues_the_previous_speaker() -> None:
    text = '"I won\'t be wordy," Jane Doe said. "I will only say this is bad."\n\n"He is wrong," she added.'
    said = [p.said for p in _analysis(text).passages]
    assert [s.speaker.name if s.speaker else None for s in said] == ["Jane Doe"] * 3


def test_scare_quotes_are_terms_not_speech() -> None:
    text = "The first flight will take off for a “special charity-flight” from Singapore on October 25."
    said = _analysis(text).passages[0].said
    assert said.term and said.speaker is None


def test_consequence_candidates_carry_their_clause_and_claimant() -> None:
    analysis = example()
    found = {analysis.text[c.clause.start : c.clause.end]: c for c in analysis.candidates}
    price = next(c for clause, c in found.items() if "will pay a price" in clause)
    assert price.claim.entity is not None and price.claim.entity.name == "Joe Biden"
    assert price.reading.certainty is Certainty.THREATENED
    unless = next(c for clause, c in found.items() if "unless there is an explanation" in clause)
    assert unless.claim.entity is not None and unless.claim.entity.name == "Konstantin Kosachev"
    assert unless.reading.certainty is Certainty.CONDITIONAL
    for candidate in analysis.candidates:
        assert (
            candidate.sentence.start
            <= candidate.clause.start
            < candidate.clause.end
            <= candidate.sentence.end
        )


@pytest.mark.parametrize(
    ("sentence", "candidate"),
    [
        ("Acme Corp will close the plant in May unless the union agrees to the cuts.", True),
        ("Jane Doe will continue to serve as chair of the board.", True),
        ("Shares of Acme Corp fell 4 percent as a result.", True),
        ("The union predicts more strikes at Acme Corp next year.", True),
        # A clause describing a noun, what might have been, an open question, a self-description.
        ("Acme Corp measured the amount of fuel the bigger plane could carry.", False),
        ("Jane Doe said a lot of products could have gotten to market earlier.", False),
        ("Jane Doe did not say whether Acme Corp planned to respond.", False),
        ('"He definitely does not want to improve relations with us," Jane Doe said.', False),
        ("Acme Corp will not reopen the plant, Jane Doe said.", True),
        ('"I won\'t be wordy in reaction to this," Jane Doe said.', False),
        ('"I will only say this is bad," Jane Doe said.', False),
        # A description of a thing, the speakers' feelings, what came before the news.
        ("The new ferry will seat 400 passengers and carry 90 cars.", False),
        ("The stadium will be the largest in Europe when it opens.", False),
        ("We would like to thank all our volunteers for their hard work.", False),
        ("The league would like to thank its sponsors.", False),
        ("Analysts expected a profit of 77 cents a share.", False),
        ("The club had previously announced plans to sell the ground.", False),
        ("The striker has exceeded all expectations this season.", False),
    ],
)
def test_consequence_candidates_are_what_follows(sentence: str, candidate: bool) -> None:
    assert bool(_analysis(sentence).candidates) is candidate


@pytest.mark.parametrize(
    ("text", "actors", "not_actors"),
    [
        # Countries named only as places, and a currency, are not actors; a country that acts is.
        (
            "Acme Corp will open offices in France, Germany and Spain next year, Jane Doe said. "
            "Russia said it would buy ten planes. The price is US $199 each.",
            {"Russia"},
            {"France", "Germany", "Spain", "United States"},
        ),
        # A name taken with an article or a possessive is a thing, not the organization that makes it.
        (
            "Jane Doe said Samsung will sell a Galaxy next month. Samsung said its Galaxy will cost less. "
            "Japan's Toyota cut prices.",
            {"Samsung", "Toyota"},
            {"Galaxy"},
        ),
        # A flight is an event: an airline named only in it does not act; a writing's source is no place.
        (
            "The crash of Acme Air Flight 574 killed 102 people, officials said on Monday.",
            set(),
            {"Acme Air", "Acme Air Flight"},
        ),
        (
            "The crash of Acme Air Flight 574 killed 102 people. Acme Air said on Monday it would pay.",
            {"Acme Air"},
            set(),
        ),
        ('A statement from Microsoft said that "the plant will close in May."', {"Microsoft"}, set()),
        # A name that only names a kind of product is the product, and so is a maker's name only ever
        # on its parts; a maker that acts elsewhere stays.
        (
            "Acme Corp said Macintosh computers will ship with Intel processors next year, Jane Doe said.",
            {"Acme Corp"},
            {"Macintosh", "Intel"},
        ),
        (
            "Acme Corp said its computers will ship with Intel processors. Intel declined to comment.",
            {"Acme Corp", "Intel"},
            set(),
        ),
    ],
)
def test_actors_and_what_are_not(text: str, actors: set[str], not_actors: set[str]) -> None:
    names = {e.name for e in _analysis(text).entities}
    assert actors <= names
    assert not not_actors & names


MEANTIME = SHARED / "eval" / "meantime-dev.jsonl"


@pytest.mark.shared
def test_no_actor_name_starts_with_an_adverb_or_a_party_or_nationality_word() -> None:
    """Over the 60 MEANTIME dev articles: "Now Brazile", "Republican Donald Trump", "Russian Foreign
    Ministry" is a name, but "Russian Vladimir Putin" is not."""
    found = []
    for line in MEANTIME.read_text().splitlines():
        article = json.loads(line)
        analysis = analyze(source_from_text(article["text"]))
        doc = analysis.doc  # the parse the entities were found in
        assert doc is not None
        for entity in analysis.entities:
            first = doc.char_span(entity.mentions[0].start, entity.mentions[0].end, alignment_mode="expand")
            word = first[0] if first is not None else None
            if word is None or (entity.kind is not ActorKind.PERSON and word.ent_type_ == "NORP"):
                continue  # an organization may be named by its nation: "Russian Foreign Ministry"
            if word.pos_ in ("ADV", "ADJ") or word.ent_type_ == "NORP":
                found.append(f"{article['id']}: {entity.name}")
    assert found == []


def test_a_dated_clause_is_an_entry_that_reads_alone() -> None:
    text = (
        "date 2024-05-06\n\nThe ferry will sail to Oslo on May 10 and will start a daily service on May 12. "
        "The mayor said on Monday that the port would reopen."
    )
    analysis = _analysis(text)
    by_when = {d.when.text: d.entry for d in analysis.dated}
    assert by_when["May 12"] is not None and by_when["May 12"].text.startswith("[The ferry] will start")
    assert by_when["Monday"] is not None
    assert by_when["Monday"].text == "The mayor said on Monday that the port would reopen."
    for entry in by_when.values():
        assert entry is not None
        assert all(analysis.text[p.start : p.end] in entry.text for p in entry.pieces)


def test_the_entities_indexes_grow_with_the_list() -> None:
    """A speaker the NER missed, appended after a lookup, is found by the next one: by where it is
    mentioned and by the words of its name."""
    from summarizer.analysis.entities import Entity
    from summarizer.analysis.indexed import Entities
    from summarizer.models import Span

    text = "The harbour board met on Tuesday. Pilot Marta Oyelaran said the channel was clear."
    board = Entity("harbour board", ActorKind.ORGANIZATION, [Span(start=4, end=17)])
    entities = Entities([board])
    at = text.index("Oyelaran")
    assert entities.holding(6) is board
    assert entities.holding(at) is None
    pilot = Entity("Marta Oyelaran", ActorKind.PERSON, [Span(start=text.index("Marta"), end=at + 8)])
    entities.append(pilot)
    assert entities.holding(at) is pilot and entities.holding(6) is board
    assert entities.by_words()[("surname", "Oyelaran")] == [pilot]
    assert entities.mentions()[2] == len("Marta Oyelaran")
