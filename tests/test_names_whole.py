"""Names kept whole and merged once, where the NER cuts or mislabels them: an acronym's spelled-out name
across commas, a union's local, a body named with a possessive, a son's "Jr.", a person in apposition to a
role, a common word capitalized by a sentence's start, a company with and without its trade's word. Each on
made-up sentences, some with the NER's reading forced (``_forced``) so that the rule is pinned whatever
the trained pipeline reads. No model runs here."""

from __future__ import annotations

from conftest import actors_of, with_entities

from summarizer.analysis.aliases import group
from summarizer.analysis.mentions import mention
from summarizer.analysis.nlp import parse
from summarizer.analysis.whole import named
from summarizer.models import ActorKind


def _forced(text: str, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The names (words, label) :func:`named` makes of a parse whose entities are set to ``names``, as
    the NER reads some articles."""
    doc = with_entities(text, names)
    return [(ent.text, ent.label_) for ent in named(doc)]


def test_an_acronym_in_brackets_spans_its_whole_name_across_commas() -> None:
    text = "The Guild of Bakers, Millers and Grain Handlers (GBMGH) said on Friday that talks had failed."
    found = _forced(text, [("The Guild of Bakers", "ORG"), ("GBMGH", "ORG")])
    assert found == [("The Guild of Bakers, Millers and Grain Handlers", "ORG"), ("GBMGH", "ORG")]
    # A law's name spelled out stays the NER's: only an organization's is made whole.
    text = "The Clean Harbors Act (CHA) took effect on Monday."
    assert _forced(text, [("The Clean Harbors Act", "LAW"), ("CHA", "ORG")]) == [
        ("The Clean Harbors Act", "LAW"),
        ("CHA", "ORG"),
    ]


def test_a_numbered_local_of_a_union_is_one_actor_with_its_acronym() -> None:
    actors = actors_of(
        "Local 402 of the United Brotherhood of Carpenters, Joiners and Roofers (UBCJR), which represents "
        "about 900 workers, voted on Sunday to strike. The UBCJR said members would picket the site."
    )
    local = [e for e in actors.values() if "UBCJR" in e.names()]
    assert len(local) == 1 and local[0].kind is ActorKind.ORGANIZATION
    assert local[0].name == "Local 402 of the United Brotherhood of Carpenters, Joiners and Roofers"


def test_an_acronym_and_its_name_modifying_a_noun_name_a_kind_of_thing() -> None:
    text = "Analysts said Gross Domestic Product (GDP) growth slowed in March."
    assert _forced(text, [("Gross Domestic Product", "ORG")]) == []
    text = "Officials said World Health Organization (WHO) guidelines were followed."
    assert _forced(text, [("World Health Organization", "ORG")]) == [
        ("World Health Organization", "ORG"),
        ("WHO", "ORG"),
    ]


def test_a_name_in_apposition_to_a_persons_role_or_kin_is_a_persons() -> None:
    doc = parse("“We will not back down,” said the guild's president, Maren Tollefsen.")
    from spacy.tokens import Span

    start = doc.text.index("Maren")
    span = doc.char_span(start, start + len("Maren Tollefsen"))
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label="ORG")]
    found = mention(doc.ents[0])
    assert found is not None and found.label == "PERSON"
    # A body may lead a market: its name beside "leader" stays an organization's.
    doc = parse("The market leader, Halvorsen Freight, said prices would rise.")
    start = doc.text.index("Halvorsen")
    span = doc.char_span(start, start + len("Halvorsen Freight"))
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label="ORG")]
    found = mention(doc.ents[0])
    assert found is not None and found.label == "ORG"


def test_a_common_word_capitalized_only_to_start_a_sentence_is_no_name() -> None:
    text = "The museum closed on Monday. Museum staff said the museum would reopen in May."
    assert _forced(text, [("Museum", "PERSON")]) == []
    # Capitalized inside a sentence too, it is a name.
    text = "Pennington won the vote. Critics said pennington was a word. Voters liked Pennington."
    assert ("Pennington", "PERSON") in _forced(text, [("Pennington", "PERSON")])


def test_a_son_named_with_jr_that_the_ner_missed_is_a_person_apart_from_his_father() -> None:
    text = "The club signed midfielder Tobias Renner Jr. on Monday. His father, Tobias Renner, coached there."
    assert ("Tobias Renner Jr.", "PERSON") in _forced(text, [("Tobias Renner", "ORG")])
    actors = actors_of(text)
    assert {"Tobias Renner Jr.", "Tobias Renner"} <= set(actors)
    assert actors["Tobias Renner"].kind is ActorKind.PERSON


def test_a_word_alone_that_ends_an_organizations_name_is_that_organization() -> None:
    text = "The Portland Herons signed a goalkeeper on Monday. The fee could rise if the Herons win the cup."
    doc = parse(text)
    from spacy.tokens import Span

    club = doc.char_span(text.index("Portland"), text.index(" signed"))
    herons = doc.char_span(text.rindex("Herons"), text.rindex("Herons") + len("Herons"))
    assert club is not None and herons is not None
    doc.ents = [Span(doc, club.start, club.end, label="ORG"), Span(doc, herons.start, herons.end, "PERSON")]
    found = [m for e in doc.ents if (m := mention(e)) is not None]
    assert [[m.name for m in g] for g in group(found, text)] == [["Portland Herons", "Herons"]]


def test_a_body_named_with_a_possessive_is_one_name_and_its_first_words_its_short_form() -> None:
    text = (
        "The suit was led by the Judge Ortiz Veterans' Center, a clinic in Ohio. Nurses at Judge Ortiz "
        "said the cuts hurt."
    )
    found = _forced(text, [("Ortiz Veterans'", "PERSON"), ("Ortiz", "PERSON")])
    assert found == [("Judge Ortiz Veterans' Center", "ORG"), ("Judge Ortiz", "ORG")]
    text = "A spokesman for the State Attorney General's office said the audit was late."
    found = _forced(text, [("the State Attorney General's", "ORG")])
    assert found == [("the State Attorney General's office", "ORG")]


def test_a_body_its_owner_names_is_no_thing() -> None:
    actors = actors_of(
        "Roads were closed across the county on Monday after the storm. Flooding closed roads, according to "
        "the city's Office of Emergency Management, which asked drivers to stay home."
    )
    assert "Office of Emergency Management" in actors


def test_a_company_with_and_without_its_trades_word_is_one_actor() -> None:
    actors = actors_of(
        "Dell said on Monday that sales rose. Dell Computer also hired 300 engineers in Texas, and Dell "
        "said it would open a plant."
    )
    dell = [e for e in actors.values() if e.name.startswith("Dell")]
    assert len(dell) == 1 and "Dell Computer" in dell[0].names()


def test_a_makers_name_cut_from_a_products_is_no_mention_unless_someone_holds_a_role_there() -> None:
    text = "Users moved to Zephyr OS X last year."
    assert _forced(text, [("Zephyr", "ORG")]) == []
    text = "Halden Commercial Airplanes CEO Mia Torp said deliveries would rise."
    found = _forced(text, [("Halden", "ORG"), ("Mia Torp", "PERSON")])
    assert found[0] == ("Halden Commercial Airplanes", "ORG")
