"""Names told apart: two people of one surname (the one the article means where it writes the surname
alone; a father and son of one name), a person's age after the name, an organization's clipped short
name in brackets, an acronym's name the NER read as a work's title, a measure's name, and names of
places (a dateline's, "the town of", one word used only as where, a name saying which branch). Each on
made-up sentences, some with the NER's reading forced so that the rule is pinned whatever the trained
pipeline reads. No model runs here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import actors_of, with_entities

from summarizer.analysis.entities import find_entities
from summarizer.analysis.namesakes import meant
from summarizer.analysis.nlp import parse
from summarizer.analysis.places import a_place, dateline_place
from summarizer.analysis.things import names_a_measure
from summarizer.analysis.whole import named
from summarizer.models import ActorKind

if TYPE_CHECKING:
    pass


def test_a_surname_two_people_share_is_the_one_named_last_before_it() -> None:
    people = [(("nina", "alvarez"), [10]), (("tom", "alvarez"), [200])]
    assert meant(150, "", people, set()) == 0
    assert meant(250, "", people, set()) == 1
    assert meant(5, "", people, set()) == 0  # before either: the first named after it
    text = (
        "Nina Alvarez, whose mother was hurt in the fire, said the county had failed them. Her brother, "
        "Tom Alvarez, said the family would sue. “Nobody warned us,” Alvarez said."
    )
    # The surname alone as the NER reads it, and as it may miss it (a speaker after a quotation).
    for doc in (parse(text), with_entities(text, [("Nina Alvarez", "PERSON"), ("Tom Alvarez", "PERSON")])):
        actors = {e.name: e for e in find_entities(doc, 0, [])}
        tom, nina = actors["Tom Alvarez"], actors["Nina Alvarez"]
        assert len(tom.mentions) == 2 and len(nina.mentions) == 1


def test_a_surname_alone_is_the_son_of_one_name_unless_the_elder_is_said() -> None:
    people = [(("ray", "dalton", "jr."), [10, 40]), (("ray", "dalton"), [100])]
    assert meant(150, "", people, set()) == 1  # told apart by nothing: the one named last
    assert meant(150, "elder", people, {"elder"}) == 1
    assert meant(150, "", people, {"elder"}) == 0  # the other one is "the elder Dalton"
    assert meant(150, "younger", people, {"younger"}) == 0
    assert meant(150, "", people, {"younger"}) == 1
    actors = actors_of(
        "The Harbor City Gulls signed forward Ray Dalton Jr. on Monday. Dalton, 22, grew up in the city. "
        "His father, Ray Dalton, played for the Gulls in the 1990s. The elder Dalton watched from the "
        "stands. Dalton scored twice in his first season abroad."
    )
    son, father = actors["Ray Dalton Jr."], actors["Ray Dalton"]
    assert len(son.mentions) == 3 and len(father.mentions) == 2


def test_an_age_after_a_persons_name_is_no_model_number() -> None:
    actors = actors_of("At the shelter, Mateo Ibarra, 71, said he had left with his cat.")
    assert "Mateo Ibarra" in actors and actors["Mateo Ibarra"].kind is ActorKind.PERSON


def test_a_short_name_clipped_from_an_organizations_in_brackets_is_its_alias() -> None:
    text = (
        "Crews from the Tasman Valley Flood and Rescue Authority (Tas Rescue) reached the town on Monday. "
        "Tas Rescue said the river would crest overnight."
    )
    doc = with_entities(
        text, [("the Tasman Valley Flood and Rescue Authority", "ORG"), ("Tas Rescue", "PERSON")]
    )
    found = [(e.text, e.label_) for e in named(doc)]
    assert found == [
        ("the Tasman Valley Flood and Rescue Authority", "ORG"),
        ("Tas Rescue", "ORG"),
        ("Tas Rescue", "ORG"),
    ]
    # Another body's name in brackets is no short name: its letters are not the first name's.
    text = "Shares of the Morrow Shipping Group (Atlas) fell on Monday."
    doc = with_entities(text, [("the Morrow Shipping Group", "ORG")])
    assert [(e.text, e.label_) for e in named(doc)] == [("the Morrow Shipping Group", "ORG")]


def test_an_acronyms_name_the_ner_read_as_a_works_title_is_a_bodys() -> None:
    text = "The Coastal Fishers Alliance (COFA), which represents boat owners, said the quota was too low."
    doc = with_entities(text, [("The Coastal Fishers Alliance", "WORK_OF_ART")])
    assert [(e.text, e.label_) for e in named(doc)] == [
        ("The Coastal Fishers Alliance", "ORG"),
        ("COFA", "ORG"),
    ]
    # A work's title without a body's word in it stays a title.
    text = "The Long Quiet Road (TLQR) sold a million copies."
    doc = with_entities(text, [("The Long Quiet Road", "WORK_OF_ART")])
    assert [(e.text, e.label_) for e in named(doc)] == [("The Long Quiet Road", "WORK_OF_ART")]


def test_a_measures_name_is_no_actor() -> None:
    doc = with_entities(
        "The bank raised the National Lending Rate to 6 percent.", [("the National Lending Rate", "ORG")]
    )
    assert names_a_measure(doc.ents[0])
    doc = with_entities("The fee was set by Harold Price.", [("Harold Price", "PERSON")])
    assert not names_a_measure(doc.ents[0])


def test_a_place_the_dateline_names_or_the_article_calls_a_town_is_no_actor() -> None:
    assert dateline_place("BIRCH CREEK, Ore. —") == ("birch", "creek")
    assert dateline_place("OSLO (Reuters) —") == ("oslo",)
    doc = with_entities("Rain was forecast for Birch Creek on Friday.", [("Birch Creek", "ORG")])
    assert a_place(ActorKind.ORGANIZATION, ["Birch Creek"], list(doc.ents), ("birch", "creek"))
    assert not a_place(ActorKind.ORGANIZATION, ["Birch Creek"], list(doc.ents), ("oslo",))
    doc = with_entities("The fire could reach the town of Dry Fork by Sunday.", [("Dry Fork", "ORG")])
    assert a_place(ActorKind.ORGANIZATION, ["Dry Fork"], list(doc.ents), None)
    # One that acts is a body, whatever it is called.
    doc = with_entities("Dry Fork sued the state on Monday.", [("Dry Fork", "ORG")])
    assert not a_place(ActorKind.ORGANIZATION, ["Dry Fork"], list(doc.ents), ("dry", "fork"))


def test_one_word_the_ner_took_for_a_person_that_only_says_where_is_a_place() -> None:
    text = "She first saw him play in Valdora. In a statement, the Valdora club said it had agreed."
    doc = with_entities(text, [("Valdora", "PERSON"), ("Valdora", "PERSON")])
    assert a_place(ActorKind.PERSON, ["Valdora"], list(doc.ents), None)
    # One that speaks is a person.
    doc = with_entities("Valdora said he had agreed.", [("Valdora", "PERSON")])
    assert not a_place(ActorKind.PERSON, ["Valdora"], list(doc.ents), None)


def test_a_name_that_only_says_which_branch_is_meant_is_no_actor() -> None:
    text = "The Northgate and Elm Park branches will close in May."
    doc = with_entities(text, [("Northgate", "ORG"), ("Elm Park", "ORG")])
    assert a_place(ActorKind.ORGANIZATION, ["Northgate"], [doc.ents[0]], None)
    assert a_place(ActorKind.ORGANIZATION, ["Elm Park"], [doc.ents[1]], None)
    # A body's own name before its staff's noun names the body.
    doc = with_entities("The Northgate council voted to close it.", [("Northgate", "ORG")])
    assert not a_place(ActorKind.ORGANIZATION, ["Northgate"], list(doc.ents), None)


def test_a_body_whose_unnamed_people_act_is_an_actor() -> None:
    text = "Researchers at the Lakeshore Institute of Marine Biology reported that the reef was back."
    doc = with_entities(text, [("the Lakeshore Institute of Marine Biology", "ORG")])
    assert not a_place(
        ActorKind.ORGANIZATION, ["Lakeshore Institute of Marine Biology"], list(doc.ents), None
    )
    # A named person's employer beside the name does not act.
    text = "Ada Brook, an engineer at Corliss Pumps in Leeds, said the plan was sound."
    doc = with_entities(text, [("Ada Brook", "PERSON"), ("Corliss Pumps", "ORG")])
    assert a_place(ActorKind.ORGANIZATION, ["Corliss Pumps"], [doc.ents[1]], None)
