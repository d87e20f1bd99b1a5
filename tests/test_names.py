"""Names kept whole and merged once: one actor per entity, by its whole name, on made-up news of several
topics (labour, courts, science, politics, sport). No model runs here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import actors_of

from summarizer import source_from_text
from summarizer.analysis import Entity, analyze
from summarizer.analysis.aliases import group
from summarizer.analysis.mentions import mention
from summarizer.analysis.nlp import parse
from summarizer.analysis.whole import named
from summarizer.models import ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Doc


def test_a_title_word_stays_in_an_organizations_name() -> None:
    actors = actors_of(
        "General Motors said on Tuesday it would close two plants in Ohio. Shares of General Mills fell "
        "after the cereal maker cut its forecast. Major League Baseball suspended the pitcher for 80 games, "
        "and Royal Dutch Shell agreed to sell its stake to a rival."
    )
    assert {"General Motors", "General Mills", "Major League Baseball", "Royal Dutch Shell"} <= set(actors)
    assert not {"Motors", "Mills", "League Baseball", "Dutch Shell"} & set(actors)


def test_a_title_is_stripped_from_a_persons_name_only() -> None:
    actors = actors_of(
        "President Joe Biden met General Motors chief executive Mary Barra at the White House on Monday. "
        "Biden said the company had kept its promise, and Barra thanked him."
    )
    assert actors["Joe Biden"].kind is ActorKind.PERSON and "Biden" in actors["Joe Biden"].aliases
    assert "General Motors" in actors and "Mary Barra" in actors


def test_an_acronym_in_brackets_and_its_expansion_are_one_actor() -> None:
    actors = actors_of(
        "The United Auto Workers (UAW) called a strike against General Motors on Friday. The UAW said "
        "48,000 members walked off the job, and GM said it was disappointed."
    )
    union = actors["United Auto Workers"]
    assert "UAW" in union.aliases and "UAW" not in actors
    # An acronym of a named organization's initials, anywhere in the article.
    assert "GM" in actors["General Motors"].aliases and "GM" not in actors


def test_an_acronym_anywhere_in_the_article_joins_its_expansion() -> None:
    actors = actors_of(
        "The European Space Agency launched the probe on Friday from French Guiana. The probe will reach "
        "Jupiter in 2031, ESA said. NASA, which built one of its instruments, welcomed the launch."
    )
    agency = actors["European Space Agency"]
    assert "ESA" in agency.aliases and "ESA" not in actors


def test_a_legal_form_and_a_possessive_are_the_same_actor() -> None:
    actors = actors_of(
        "Pfizer Inc. said on Monday its vaccine prevented severe illness. Pfizer's shares rose 3 percent. "
        "Pfizer will ask regulators for approval next month, the company said."
    )
    pfizer = [e for e in actors.values() if e.name.startswith("Pfizer")]
    assert len(pfizer) == 1 and pfizer[0].kind is ActorKind.ORGANIZATION


def test_a_first_word_stands_for_an_organization_named_before() -> None:
    actors = actors_of(
        "Lockheed Martin won the Pentagon contract on Thursday. Lockheed said it would hire 500 engineers "
        "at its plant in Texas."
    )
    assert "Lockheed" in actors["Lockheed Martin"].aliases and "Lockheed" not in actors
    assert actors["Lockheed Martin"].kind is ActorKind.ORGANIZATION


def test_a_short_name_used_first_is_a_name_of_its_own() -> None:
    # "Apple" named first, then "Apple TV": the company and its product are not one actor.
    actors = actors_of(
        "Apple said on Tuesday that sales had doubled. Apple also released a new Apple TV, which connects "
        "to a television. Apple TV costs $299, Apple said."
    )
    assert "Apple TV" not in actors.get("Apple", Entity("", ActorKind.OTHER)).aliases


def test_a_misspelling_next_to_the_usual_spelling_is_an_alias() -> None:
    actors = actors_of(
        "Senator Elizabeth Warren questioned the bank's chief executive on Tuesday. Warren said the bank "
        "had failed its customers. Warrren then left the hearing."
    )
    warren = actors["Elizabeth Warren"]
    assert {"Warren", "Warrren"} <= set(warren.aliases) and "Warrren" not in actors


def test_two_people_of_one_surname_are_two_actors_and_a_surname_goes_to_the_last_named() -> None:
    text = (
        "Donald Trump spoke at a rally in Ohio on Saturday. Donald Trump Jr. told reporters on Sunday that "
        "his father would win. Trump also said the polls were wrong."
    )
    analysis = analyze(source_from_text(text))
    actors = {e.name: e for e in analysis.entities}
    assert {"Donald Trump", "Donald Trump Jr."} <= set(actors)
    last = text.rindex("Trump also")
    son = actors["Donald Trump Jr."]
    assert any(s.start == last for s in son.mentions)
    assert not any(s.start == last for s in actors["Donald Trump"].mentions)


def test_a_persons_shorter_first_name_and_middle_initial_are_one_person() -> None:
    actors = actors_of(
        "Timothy D. Cook, the chief executive, said on Monday that sales rose. Tim Cook added that the "
        "company would hire. Cook spoke in California."
    )
    cooks = [e for e in actors.values() if e.name.endswith("Cook")]
    assert len(cooks) == 1 and "Tim Cook" in cooks[0].names()


def test_a_headline_glued_to_a_name_makes_no_actor() -> None:
    actors = actors_of(
        "Obama Calls for Calm as Protests Spread\n\nPresident Barack Obama called for calm on Sunday after "
        "a second night of protests. Obama said the police would be held to account."
    )
    assert "Obama Calls" not in actors and "Calls" not in actors
    assert "Obama" in actors["Barack Obama"].aliases


def test_a_lone_initial_is_no_actor() -> None:
    actors = actors_of("The court heard on Monday from P. Smith, a witness, who said she saw the crash.")
    assert "P." not in actors


def test_a_role_before_a_name_makes_it_a_persons() -> None:
    actors = actors_of(
        "The airline cut its forecast on Monday. Spokeswoman Sandy Angers said demand had fallen. "
        "Angers said the company would cut flights."
    )
    angers = actors["Sandy Angers"]
    assert angers.kind is ActorKind.PERSON and "Angers" in angers.aliases


def test_an_acronym_of_more_than_the_initials_and_one_after_a_countrys() -> None:
    actors = actors_of(
        "Singapore Airlines said on Tuesday it would be compensated for the delays. SIA said the talks "
        "had gone well. The U.S. Air Force also ordered tankers, USAF officials said."
    )
    assert "SIA" in actors["Singapore Airlines"].aliases and "SIA" not in actors
    assert "USAF" in actors["U.S. Air Force"].aliases and "USAF" not in actors


def test_an_acronym_that_could_stand_for_two_names_joins_neither() -> None:
    actors = actors_of(
        "General Motors and General Mills both reported results on Tuesday. GM said sales rose, and "
        "General Mills said costs fell."
    )
    assert "GM" not in actors["General Motors"].aliases and "GM" not in actors["General Mills"].aliases


def test_a_name_inside_a_title_a_model_or_a_place_is_no_actor() -> None:
    actors = actors_of(
        "Deputy Defense Secretary Kathleen Hicks said on Monday that the Secretary of Defense would visit. "
        "The Air Force flies its Boeing 767 tankers from John F. Kennedy Airport, Hicks said."
    )
    assert "Kathleen Hicks" in actors and "Air Force" in actors
    assert not {"Defense", "Boeing", "John F. Kennedy"} & set(actors)


def test_a_nationality_is_no_named_group() -> None:
    actors = actors_of(
        "Singaporeans cheered the first flight on Friday. The Republicans said they would vote against "
        "the bill, and Singapore's government welcomed the news."
    )
    assert "Singaporeans" not in actors and "Republicans" in actors


def test_a_short_line_or_caption_name_makes_no_actor_but_the_story_does() -> None:
    actors = actors_of(
        "Court Rules Against Acme\n\nBy Jane Roe\n\nThe Supreme Court ruled on Monday that Acme Corp. "
        "had broken the law. Acme said it would appeal.\n\nJudge Ann Lee. Photo: Tom Poe / Example Images"
    )
    assert {"Supreme Court", "Acme Corp."} <= set(actors)
    assert not {"Jane Roe", "Ann Lee", "Tom Poe", "Example Images"} & set(actors)


def test_a_country_named_as_where_something_goes_or_is_is_a_place() -> None:
    actors = actors_of(
        "The new jet was flown to Singapore on Monday for a ceremony in Toulouse, France. It will leave "
        "from Singapore's Changi Airport, and prices within the U.S. will fall, the maker said. Germany "
        "said it would buy two."
    )
    assert "Germany" in actors
    assert not {"Singapore", "France", "U.S.", "United States"} & set(actors)


def test_a_name_the_article_calls_a_body_is_an_organization() -> None:
    actors = actors_of(
        "“The response has been massive,” said Julien Talavan, a spokesman for Force Ouvrière, the main "
        "union at the plant, on Wednesday."
    )
    assert actors["Force Ouvrière"].kind is ActorKind.ORGANIZATION
    assert actors["Julien Talavan"].kind is ActorKind.PERSON


def test_a_name_cut_at_an_elisions_apostrophe_is_kept_whole() -> None:
    # Tokenized text spaces an elision ("D' Souza"): the NER reads "Patrick D '" and another name.
    actors = actors_of("The council's leader, Patrick D' Souza, said the vote would go ahead.")
    assert "Patrick D' Souza" in actors
    assert not {"Patrick D", "Souza"} & set(actors)


def test_a_surname_misspelt_once_alone_is_the_persons() -> None:
    actors = actors_of(
        "Coach Marta Kowalska said the team had trained hard all week. The players trusted her, and "
        "Kowalksa said on Friday that the squad was ready."
    )
    assert "Kowalksa" in actors["Marta Kowalska"].aliases and "Kowalksa" not in actors


def test_a_familiar_first_name_signs_for_the_person() -> None:
    actors = actors_of(
        "An email from the lobbyist to Senator William Hart asked him to delay the vote. Hart answered: "
        "“Agreed. Let us wait until the spring. Bill.”"
    )
    assert "Bill" not in actors and "Bill" in actors["William Hart"].aliases


def test_an_organizations_first_word_taken_for_a_city_is_the_organization() -> None:
    actors = actors_of(
        "Users said the Cisco Systems router software failed after the update. Cisco has promised a fix "
        "before the end of the month."
    )
    assert "Cisco" not in actors and "Cisco" in actors["Cisco Systems"].aliases


def test_an_abbreviated_title_keeps_its_place_out_of_the_actors() -> None:
    actors = actors_of(
        "Council members and State Rep. Carla Ruiz, who chairs the panel, said lawmakers would hold a"
        " hearing."
    )
    assert "Carla Ruiz" in actors and "State" not in actors


def _mention_of(text: str, words: str, label: str) -> str | None:
    """The name :func:`mention` makes of ``words`` of ``text`` read as one entity with ``label``, as the
    NER reads some names: this pins the rule, whatever the trained pipeline's reading of the day."""
    from spacy.tokens import Span

    doc = parse(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label=label)]
    found = mention(doc.ents[0])
    return found.name if found else None


def test_a_name_run_into_an_amount_is_cut_and_a_currency_after_one_is_no_name() -> None:
    assert (
        _mention_of("“Today we fined Norvel €2.4bn,” the commissioner said.", "Norvel €", "ORG") == "Norvel"
    )
    assert _mention_of("The licence costs $99 (USD) a year.", "USD", "ORG") is None


def test_a_makers_name_before_a_model_number_is_no_actor() -> None:
    assert _mention_of("They replace ageing Fokker and Dornier DO-228 aircraft.", "Dornier", "ORG") is None
    assert _mention_of("Dornier said it would build the planes.", "Dornier", "ORG") == "Dornier"


def _forced(text: str, names: list[tuple[str, str]]) -> list[str]:
    """The names :func:`named` makes of a parse whose entities are set to ``names`` (words, label), as the
    NER reads some articles."""
    doc = parse(text)
    return [ent.text for ent in named(_entities(doc, names))]


def _entities(doc: Doc, names: list[tuple[str, str]]) -> Doc:
    from spacy.tokens import Span

    ents, end = [], 0
    for words, label in names:
        start = doc.text.index(words, end)
        end = start + len(words)
        span = doc.char_span(start, start + len(words), alignment_mode="expand")
        assert span is not None
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


def test_a_first_word_the_ner_left_out_of_a_companys_name_is_put_back() -> None:
    text = "Harbor Point Foods Inc. agreed to buy a bakery. Harbor Point expects the deal to close in May."
    assert _forced(text, [("Point Foods Inc.", "ORG")]) == ["Harbor Point Foods Inc."]
    assert _forced("Chef Point Foods Inc. agreed to buy a bakery.", [("Point Foods Inc.", "ORG")]) == [
        "Point Foods Inc."
    ]


def test_a_name_that_begins_a_companys_name_with_its_legal_form_is_the_companys() -> None:
    text = "Harbor Point Foods Inc. agreed to buy a bakery. Harbor Point expects the deal to close in May."
    doc = parse(text)
    found = [
        mention(e)
        for e in _entities(doc, [("Harbor Point Foods Inc.", "ORG"), ("Harbor Point", "PERSON")]).ents
    ]
    groups = group([m for m in found if m is not None], text)
    assert [[m.name for m in g] for g in groups] == [["Harbor Point Foods Inc.", "Harbor Point"]]


def test_an_organizations_name_read_as_two_at_its_and_is_one() -> None:
    text = "The Hotel Workers and Restaurant Staff International Union said on Monday it would strike."
    names = [("Hotel Workers", "ORG"), ("Restaurant Staff International Union", "ORG")]
    assert _forced(text, names) == ["Hotel Workers and Restaurant Staff International Union"]
    assert _forced(
        "Acme Corp and Bolt Media said they would merge.", [("Acme Corp", "ORG"), ("Bolt Media", "ORG")]
    ) == [
        "Acme Corp",
        "Bolt Media",
    ]
