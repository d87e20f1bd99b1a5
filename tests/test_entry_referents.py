"""Who a timeline entry names in brackets (analysis/subjects.py, entries.py, descriptions.py): a wrong
name is a confident misattribution, so where the parse or the words leave the referent open the entry
names no one (the sentence whole, or no entry). Made-up sentences; no model runs here."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer import source_from_text
from summarizer.analysis import analyze
from summarizer.analysis.attachment import misread
from summarizer.analysis.nlp import parse
from summarizer.analysis.subjects import bound_verb, relative_noun


def _entries(text: str) -> dict[str, str | None]:
    analysis = analyze(source_from_text(f"date 2025-03-14\n\n{text}"))
    return {d.when.text: d.entry.text if d.entry else None for d in analysis.dated}


def _doc(words: list[str], heads: list[int], deps: list[str], tags: list[str], pos: list[str]) -> Doc:
    """A sentence with the parse given (a shape the parser produces on some sentences, not on others)."""
    return Doc(parse("x").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_it_stands_for_the_main_clause_subject_not_an_adverbial_clause_one() -> None:
    text = (
        "The ferry operator said on Monday it had changed its schedule so that a harbor pilot must board "
        "every vessel. It plans to resume night crossings on June 4, a spokesman said."
    )
    assert _entries(text)["June 4"] == (
        "[The ferry operator] plans to resume night crossings on June 4, a spokesman said."
    )


def test_a_name_between_the_subject_and_it_leaves_it_unnamed() -> None:
    entries = _entries(
        "Nordlys has received five orders from two airlines for the Skyhopper since it was unveiled in May "
        "2019. The deal is Orchard Mills' largest since it bought Pepper Farms in June of last year."
    )
    assert "[Nordlys]" not in (entries["May 2019"] or "")
    assert "[The deal]" not in (entries["June of last year"] or "")


def test_a_relative_clause_names_no_verb_and_no_name_for_an_event() -> None:
    entries = _entries(
        "Reviewers suggest waiting for the first patch before signing up, which is expected in early July. "
        "Vantor says it won the patent in 2003, when the group absorbed Ridgeline Labs Ltd., which "
        "happened in 1999."
    )
    assert "[" not in (entries["early July"] or "")
    assert "[Ridgeline" not in (entries["1999"] or "")


def test_the_noun_a_relative_clause_describes_is_the_last_before_it() -> None:
    words = "the maker of the tablet ( which was shown Monday )".split()
    # The parser hangs the clause on "maker"; the words put it after "tablet".
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 1, 8, 8]
    deps = "det ROOT prep det pobj punct nsubjpass auxpass relcl npadvmod punct".split()
    tags = ["DT", "NN", "IN", "DT", "NN", "-LRB-", "WDT", "VBD", "VBN", "NNP", "-RRB-"]
    pos = ["DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "PRON", "AUX", "VERB", "PROPN", "PUNCT"]
    assert relative_noun(_doc(words, heads, deps, tags, pos)[8]) is None
    heads[8] = 4
    assert relative_noun(_doc(words, heads, deps, tags, pos)[8]).text == "tablet"  # type: ignore[union-attr]


def test_a_possessive_read_as_a_subject_is_a_misread_clause() -> None:
    words = "Acme hoped to have their 's ready for 2026".split()
    heads = [1, 1, 3, 1, 5, 3, 5, 3, 7]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "nsubj", "ccomp", "acomp", "prep", "pobj"]
    tags = ["NNP", "VBD", "TO", "VB", "PRP$", "VBZ", "JJ", "IN", "CD"]
    pos = ["PROPN", "VERB", "PART", "VERB", "PRON", "AUX", "ADJ", "ADP", "NUM"]
    assert misread(_doc(words, heads, deps, tags, pos)[1])


def test_a_whose_in_no_relative_clause_is_a_misread_sentence() -> None:
    text = (
        "Lena Ortiz lost the primary by 300 votes, but she won the backing of the Teachers Guild, whose "
        "leader, Omar Haddad, campaigned with her on Tuesday."
    )
    assert "[Lena Ortiz] campaigned" not in (_entries(text)["Tuesday"] or "")


def test_an_object_pronoun_is_not_its_own_verbs_subject() -> None:
    text = (
        "Maria Santos trailed in a poll last month, but she won the endorsement of the Dock Workers Union, "
        "whose president, Paul Moreau, appeared with her at a rally on Friday."
    )
    assert _entries(text)["Friday"] == (
        "[Dock Workers Union's] president, Paul Moreau, appeared with [Maria Santos] at a rally on Friday"
    )
    took = parse("She took the children with her.")
    assert bound_verb(took[5]) is None  # "her" may be she: the verb has an object of its own
    appeared = parse("Moreau appeared with him.")
    assert bound_verb(appeared[3]).text == "appeared"  # type: ignore[union-attr]


def test_a_surname_two_people_share_names_neither() -> None:
    entries = _entries(
        "Rafael Ortiz Jr. joined the club on Monday. His father, Rafael Ortiz, played there for ten years "
        "before a back injury ended his career in 2009. Ortiz scored twelve goals last season. He made his "
        "debut for Chile in March."
    )
    assert "Rafael Ortiz" not in (entries["March"] or "")
    assert "ended [Rafael Ortiz Jr.'s] career" not in (entries["2009"] or "")


def test_a_person_subject_between_leaves_his_unnamed() -> None:
    text = '"It is hard," said Mark Ellis, whose son missed classes when his school closed a wing in March.'
    assert "[Mark Ellis" not in (_entries(text)["March"] or "")


def test_a_description_two_names_end_with_is_not_named() -> None:
    text = (
        "The Pine Fire broke out on Monday near Elm Flat. Captain Ana Ruiz of Cal Fire said crews had "
        "contained part of the fire. If winds rise on Friday, the fire could reach Oak Hill, she said."
    )
    expected = "If winds rise on Friday, the fire could reach Oak Hill, [Ana Ruiz] said."
    assert _entries(text)["Friday"] == expected


def test_an_addition_holds_no_pronoun() -> None:
    text = (
        "Tomas Berg runs a small studio. He said his studio had lost users when it tried to sell its games "
        "through a rival store last year."
    )
    assert _entries(text)["last year"] == (
        "[Tomas Berg] said his studio had lost users when it tried to sell its games through a rival store "
        "last year."
    )


def test_an_expletive_it_is_named_by_no_one() -> None:
    text = (
        "Singapore will be the first stop, where Pacific Air will show the jet. It is expected that the "
        "Aquila 9 will wear the colours of Pacific Air when it lands on May 3."
    )
    assert "[Pacific Air] is expected" not in (_entries(text)["May 3"] or "")


def test_a_kin_word_is_a_person_a_pronoun_can_stand_for() -> None:
    """ "Her mother, Elena Lopez" names a person: "her career" after it is hers, not something nameless."""
    entries = _entries(
        "Maria Lopez joined the orchestra on Monday. Her mother, Elena Lopez, sang with the company for a "
        "decade before an illness ended her career in 2015."
    )
    assert entries["2015"] is not None and "[Elena Lopez's] career" in entries["2015"]


def test_a_bracket_names_the_name_a_description_stands_for_not_the_description() -> None:
    # "[The Bristol operator] has run …" and "[The operator] hopes …" would name no one.
    entries = _entries(
        "Harlow Rail, the Bristol operator that has run the line since 2019, said fares would rise. "
        "Its chief executive, Mia Stone, said the operator expects to add carriages soon "
        "and hopes to open a new station in 2027."
    )
    assert entries["2019"] == "[Harlow Rail] has run the line since 2019"
    assert entries["2027"] == "[Harlow Rail] hopes to open a new station in 2027"


def test_a_description_is_named_by_an_earlier_apposition_whatever_the_tagger_made_its_noun() -> None:
    entries = _entries("Voters use Ballotbox, a mobile voting portal. The portal crashed on Tuesday.")
    assert entries["Tuesday"] == "The portal [Ballotbox] crashed on Tuesday."
