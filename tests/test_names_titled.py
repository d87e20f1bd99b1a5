"""Names and roles as the article means them: a title word kept in an organization's name, a town's word
that starts one organization's name as that organization's short form, a headline's words no
description's referent, a role that opens with "its" made the organization's. Made-up news of several
topics, some with the NER's reading forced (``with_entities``) so that the rule is pinned whatever the
trained pipeline reads. No model runs here."""

from __future__ import annotations

from conftest import actors_of, named_with, with_entities

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.analysis.descriptions import described
from summarizer.analysis.forms import forms_of
from summarizer.analysis.mentions import mention
from summarizer.analysis.whole import named
from summarizer.story.merge import bare


def test_a_title_word_the_ner_left_out_of_an_organizations_name_is_put_back() -> None:
    text = "Ferry services stopped.\n\nPremier Freight Lines, a trucking firm, said it would hire drivers."
    assert named_with(text, [("Freight Lines", "ORG")]) == [("Premier Freight Lines", "ORG")]


def test_a_title_before_a_person_the_ner_called_an_organization_stays_out() -> None:
    # "Hale" is a person elsewhere in the article: "Governor Hale" is a title and a surname.
    text = "Governor Hale signed the bill. Critics said Omar Hale had rushed it."
    assert ("Hale", "ORG") in named_with(text, [("Hale", "ORG"), ("Omar Hale", "PERSON")])


def test_a_run_of_titles_before_an_organization_is_no_part_of_its_name() -> None:
    text = "Deputy Chancellor Exeter College spoke on Friday."
    assert ("Exeter College", "ORG") in named_with(text, [("Exeter College", "ORG")])


def test_a_word_that_starts_one_organizations_name_is_its_short_form() -> None:
    actors = actors_of(
        "Redfern Water Trust said on Monday that it would raise bills by 4 percent. Customers complained, "
        "and Redfern said the rise would pay for new pipes. A lawyer said Redfern had broken its promise."
    )
    assert "Redfern" not in actors
    assert actors["Redfern Water Trust"].aliases == ["Redfern"]


def _labels(text: str, names: list[tuple[str, str]]) -> dict[str, str]:
    mentions = [m for ent in named(with_entities(text, names)) if (m := mention(ent)) is not None]
    return {" ".join(f.words): f.label for f in forms_of(mentions)}


def test_a_word_the_ner_called_a_person_that_starts_an_organizations_name_is_the_organizations() -> None:
    text = "Northby Health Trust closed a ward on Monday. Staff said Northby had not warned them."
    labels = _labels(text, [("Northby Health Trust", "ORG"), ("Northby", "PERSON")])
    assert labels["northby"] == "ORG"


def test_a_word_that_starts_two_organizations_names_is_neither_short_form() -> None:
    text = "Northby Health Trust and Northby Rail Trust met on Monday. Staff said Northby had not called."
    names = [("Northby Health Trust", "ORG"), ("Northby Rail Trust", "ORG"), ("Northby", "PERSON")]
    assert _labels(text, names)["northby"] == "PERSON"


def test_a_word_written_as_where_is_no_organizations_short_form() -> None:
    text = "Northby Health Trust closed a ward on Monday. Families in Northby said Northby was quiet."
    names = [("Northby Health Trust", "ORG"), ("Northby", "GPE"), ("Northby", "PERSON")]
    assert _labels(text, names)["northby"] != "ORG"


def test_a_headlines_words_are_no_descriptions_referent() -> None:
    analysis = analyze(
        source_from_text(
            "date 2025-03-14\n\nBus Operator Warns Of Fare Rise\n\n"
            "The operator said on Monday that fares would rise by 5 percent in May."
        )
    )
    entries = [d.entry.text for d in analysis.dated if d.entry is not None]
    assert entries and not any("[Bus Operator]" in e for e in entries)


def test_a_role_that_opens_with_its_is_the_organizations() -> None:
    actors = actors_of(
        "Kessler Rail said on Monday it would cut 200 jobs. Its chief executive, Anna Lind, blamed costs."
    )
    assert actors["Anna Lind"].role == "Kessler Rail's chief executive"


def test_a_role_whose_its_the_parse_does_not_tell_drops_the_pronoun() -> None:
    actors = actors_of("Its chief executive, Omar Hale, resigned on Tuesday after the audit.")
    assert actors["Omar Hale"].role == "chief executive"


def test_stories_strip_titles_from_peoples_names_only() -> None:
    assert bare("Chancellor Data Services", person=False) == ["chancellor", "data", "services"]
    assert bare("President Joe Biden") == ["joe", "biden"]


def test_the_group_is_the_organization_named_last() -> None:
    analysis = analyze(
        source_from_text(
            "Rail group says it will cut jobs\n\n"
            "Kessler Rail said on Monday it would cut 200 jobs. "
            "The group said drivers would be told by June."
        )
    )
    assert analysis.doc is not None
    group = next(t for t in analysis.doc if t.text == "group" and t.i > 10)
    assert described(group, analysis.entities, []) == "Kessler Rail"
