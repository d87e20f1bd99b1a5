"""How certain a consequence is and who states it, read from the grammar of its clause
(summarizer.analysis.certainty, summarizer.analysis.claimants). Made-up sentences of many topics: courts,
sport, labour, science, elections, business."""

from __future__ import annotations

import pytest

from summarizer.analysis import Analysis, Candidate, analyze
from summarizer.analysis.certainty import read
from summarizer.analysis.nlp import parse
from summarizer.ingest import source_from_text
from summarizer.models import Certainty, ClaimSource


def _reading(sentence: str, word: str) -> tuple[Certainty | None, str | None]:
    """The certainty read at ``word`` of ``sentence``, and the words it was read from."""
    doc = parse(sentence)
    token = next(t for t in doc if t.text == word)
    reading = read(token)
    cue = sentence[reading.cue.start : reading.cue.end] if reading.cue else None
    return reading.certainty, cue


@pytest.mark.parametrize(
    ("sentence", "word", "certainty", "cue"),
    [
        # A condition hung on the clause, however it is put.
        (
            "The union will strike on Monday unless the company raises its offer.",
            "will",
            "conditional",
            "unless",
        ),
        ("If the talks fail, nurses will walk out.", "If", "conditional", "If"),
        ("As long as the ban stays, airlines will pay more.", "will", "conditional", "As long as"),
        ("Should the appeal fail, the club will be relegated.", "Should", "conditional", "Should"),
        # A party's own plan, or what will be done: announced.
        ("The council plans to close two schools next year.", "plans", "announced", "plans"),
        ("Acme Corp will open a plant in Ohio.", "will", "announced", "will"),
        ("The ministry said it will cut 500 jobs.", "will", "announced", "will"),
        ("The first four trains will be assembled in Derby.", "will", "announced", "will"),
        # What the subject undergoes, in the passive: a forecast.
        ("A lab spokeswoman said some 40 studies would be affected.", "would", "expected", "would"),
        ("The mayor wants to build a new stadium.", "wants", "announced", "wants"),
        ("The airline is to resume flights in May.", "is", "announced", "is"),
        ("Ferrari announced 300 job cuts.", "cuts", "announced", "announced"),
        ("The change will take effect in June, the league announced.", "will", "announced", "announced"),
        # What events and things will do, a forecast: expected.
        ("Prices will rise sharply, economists said.", "will", "expected", "will"),
        ("Analysts expect the merger to cost 2,000 jobs.", "expect", "expected", "expect"),
        ("The plant is likely to close by the end of the year.", "likely", "expected", "likely"),
        ("The storm should reach the coast on Friday.", "should", "expected", "should"),
        ("There will be a recount in three districts.", "will", "expected", "will"),
        ("Astronomers said they hoped to image the comet in May.", "hoped", "expected", "hoped"),
        # A warning or threat.
        ("The union warned that it would strike.", "warned", "threatened", "warned"),
        ("The senator will pay a price, the governor said.", "will", "threatened", "will"),
        ("The striker threatened to leave the club.", "threatened", "threatened", "threatened"),
        # Wanted, not decided: demanded.
        ("The company insisted that the union agree to the cuts.", "cuts", "demanded", "insisted"),
        ("Protesters urged the government to cancel the project.", "urged", "demanded", "urged"),
        ("The senator called for an immediate inquiry.", "called", "demanded", "called"),
        ("The board must approve the sale.", "must", "demanded", "must"),
        ("The coach wants the club to buy two defenders.", "wants", "demanded", "wants"),
        ("The regulator asked that the plan be withdrawn.", "asked", "demanded", "asked"),
        # A deadline: what is to be done by then is demanded.
        ("The judge gave the city until March 3 to repair the roads.", "gave", "demanded", "until"),
        ("The club has until Friday to respond.", "has", "demanded", "until"),
        # "call for … to", and a "called" the parser hung on its subject as a participle.
        ("The guild called for the contract to be torn up.", "called", "demanded", "called"),
        (
            "The league, which runs the tournament, called for written promises that no match would move.",
            "called",
            "demanded",
            "called",
        ),
        # A request a party says it will make of another is its plan; a demand it will press stays one.
        ("The club said it would ask the league to replay the match.", "would", "announced", "would"),
        # So is a local government's: a county or city acts as a party does.
        (
            "Mayor Rita Gomez said that the county would ask the state to repave the bridge.",
            "ask",
            "announced",
            "would",
        ),
        ("The growers will be demanding that the mills raise their prices.", "will", "demanded", "demanding"),
        # A possibility.
        ("The merger could cost 2,000 jobs.", "could", "speculated", "could"),
        ("The court may rule next week.", "may", "speculated", "may"),
        ("The firm is considering closing the plant.", "considering", "speculated", "considering"),
        ("There is a possibility of a second vote.", "possibility", "speculated", "possibility"),
        ("The firm could decide to sell the unit.", "could", "speculated", "could"),
        # A realis past or present, stated as fact.
        ("Shares fell 3 percent on the news.", "fell", "happened", "fell"),
        ("The union refused to accept the offer.", "refused", "happened", "refused"),
        ("Expectations of a quick deal have been dashed by the vote.", "Expectations", "happened", "dashed"),
        # An assertion passes its clause's certainty through.
        ("The insurer insisted that the claim would be paid.", "insisted", "announced", "would"),
        # Talks that "take as long as they need" state a length, not a condition: a party's schedule.
        ("The talks will take as long as they need, the envoy said.", "will", "announced", "will"),
        # What things will do or be, with no date set: a forecast.
        ("The new ferry will use 20 percent less fuel.", "will", "expected", "will"),
        ("This will be a turning point for the league.", "will", "expected", "will"),
        ("The museum will reopen on May 4.", "will", "announced", "will"),
        # A state foretold, even of a party on a date; what a party readies or offers is its plan.
        ("The new signing will be eligible to play on March 2.", "will", "expected", "will"),
        ("The pool will be closed on Monday for repairs.", "will", "announced", "will"),
        ("Tickets will be free to students until May.", "will", "announced", "will"),
        # A measure set in the present until a time or an event holds ahead.
        ("The league suspends the striker until March.", "suspends", "announced", "suspends"),
        (
            "The rescuers are searching the valley until they find the hikers.",
            "until",
            "announced",
            "searching",
        ),
        # "Will have to" do is "must", ahead; a procedure set in the passive is read by "will".
        ("The airline will have to refund every passenger.", "will", "demanded", "have"),
        ("Every transfer will have to be approved by the league.", "will", "announced", "will"),
        # An obligation.
        ("The club has to pay the fine.", "has", "demanded", "has"),
        # Advice to a party, people named by a pronoun too.
        ("Officials said travellers should avoid the area.", "should", "demanded", "should"),
        ("Nobody should be going back into that mine, the fire chief said.", "should", "demanded", "should"),
        ("No one should drive on the coast road.", "should", "demanded", "should"),
        # What a present passive of forecasting puts by a date is expected, the date read as its agent.
        (
            "The final ruling, which will set the damages, is expected by June.",
            "expected",
            "expected",
            "expected",
        ),
        # A "so that" clause with "must" or "can" states what the act put in force; with "would", an aim.
        ("The league changed its rules so that clubs can appeal a ban.", "can", "happened", "changed"),
        ("The fans filed a lawsuit so that the club would lower ticket prices.", "would", "demanded", "so"),
        # A plan stopped or put off is what happened to it.
        ("Volta Motors scrapped plans to build a battery plant in Ohio.", "plans", "happened", "scrapped"),
        # A clause set off by a semicolon is not what the speech verb after it reports.
        (
            "The new pool will open in June; the city announced no other projects.",
            "will",
            "announced",
            "will",
        ),
        # A parenthetical speech verb reports the clause: "would" is its "will".
        ("The stadium, the mayor said, would open in June.", "would", "announced", "would"),
        # A concession is no condition.
        ("Even if the vote fails, the council will build the road.", "will", "announced", "will"),
        ("We are going to build a new hospital.", "going", "announced", "going"),
    ],
)
def test_certainty_is_read_from_the_clause(sentence: str, word: str, certainty: str, cue: str) -> None:
    assert _reading(sentence, word) == (Certainty(certainty), cue)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The coach declined to predict when the striker would return.", "would"),
        ("The minister did not say whether the tax would rise.", "would"),
        ("The judge did not disclose what sentence the men could face.", "could"),
    ],
)
def test_a_refusal_to_predict_or_an_open_question_states_no_outcome(sentence: str, word: str) -> None:
    assert _reading(sentence, word)[0] is None


def _candidates(text: str) -> list[Candidate]:
    analysis: Analysis = analyze(source_from_text(text))
    return analysis.candidates


def _claim(text: str) -> tuple[ClaimSource, str | None]:
    analysis: Analysis = analyze(source_from_text(text))
    claim = analysis.candidates[-1].claim
    if claim.entity is not None:
        return claim.source, claim.entity.name
    words = analysis.text[claim.words.start : claim.words.end] if claim.words else None
    return claim.source, words


@pytest.mark.parametrize(
    ("text", "source", "who"),
    [
        ("Judge Ann Ruiz said the trial will resume on Monday.", ClaimSource.ACTOR, "Ann Ruiz"),
        ("The trial will resume on Monday, Judge Ann Ruiz said.", ClaimSource.ACTOR, "Ann Ruiz"),
        ("According to Judge Ann Ruiz, the trial will resume on Monday.", ClaimSource.ACTOR, "Ann Ruiz"),
        ("Coach Tom Berg expects the team to reach the final.", ClaimSource.ACTOR, "Tom Berg"),
        ("Professor Lena Holm warned that the glacier could collapse.", ClaimSource.ACTOR, "Lena Holm"),
        # The one who says it, not the one whose expectation is reported.
        ("Dan Cole said the union expects to sign the deal in May.", ClaimSource.ACTOR, "Dan Cole"),
        # A pronoun, resolved to the person meant.
        (
            "Mayor Rita Gomez spoke after the vote. She said the stadium would be finished by 2027.",
            ClaimSource.ACTOR,
            "Rita Gomez",
        ),
        # A writing's words are its author's.
        (
            "A statement from Northwind Airlines said fares would rise in June.",
            ClaimSource.ACTOR,
            "Northwind Airlines",
        ),
        # A source the article does not name is shown as such, not as a company named nearby.
        (
            "Industry analysts said Northwind Airlines could lose its licence.",
            ClaimSource.UNNAMED,
            "Industry analysts",
        ),
        ("A spokesman said the plant would close.", ClaimSource.UNNAMED, "A spokesman"),
        # A spokesperson with no employer named speaks for the body acting just before.
        (
            "The Royal Society of Engineers said it backed the strike. Its council will meet in May to"
            " discuss the dispute, a spokesperson said.",
            ClaimSource.ACTOR,
            "Royal Society of Engineers",
        ),
        # A party's own plan is stated on its word.
        ("Northwind Airlines plans to cut 300 jobs.", ClaimSource.ACTOR, "Northwind Airlines"),
        # An act the writer states, not an intention its subject holds: "seek" with a thing for object.
        (
            "If the first dig finds nothing, the museum will seek funds for a second season.",
            ClaimSource.ARTICLE,
            None,
        ),
        # The writer's own words, and an expectation nobody is said to hold.
        ("The bridge will reopen in May after repairs.", ClaimSource.ARTICLE, None),
        ("It is expected that the bridge will reopen in May.", ClaimSource.ARTICLE, None),
        # What is expected of a party, joined to what it did, is not its own claim.
        (
            "The Federal Aviation Administration grounded the jets in March and is expected to lift the ban"
            " soon.",
            ClaimSource.ARTICLE,
            None,
        ),
        # A report with no one named as reporting: an unnamed source.
        ("It was announced that the festival would move to June.", ClaimSource.UNNAMED, "was announced"),
        # A parenthetical report, and a thought put as an adjective.
        ("The vote, analysts pointed out, could be delayed.", ClaimSource.UNNAMED, "analysts"),
        ("Coach Tom Berg is confident that the team will reach the final.", ClaimSource.ACTOR, "Tom Berg"),
        # A modal clause the parser joined to a speech verb, after what the verb reports, goes on reporting.
        (
            "Coach Tom Berg explained that the squad was tired, but fans should not expect a collapse.",
            ClaimSource.ACTOR,
            "Tom Berg",
        ),
        # Who sets a deadline demands what is to be done by it.
        (
            "Judge Maya Lindqvist gave the city until March 3 to repair the roads.",
            ClaimSource.ACTOR,
            "Maya Lindqvist",
        ),
        # Someone reported whom the text does not let the parse tell: unknown, not the article.
        ("The group said the march would go ahead.", ClaimSource.UNKNOWN, None),
        # An adverbial clause is said by whoever states the clause it hangs on.
        (
            "Judge Ann Ruiz said that the trial would resume in May if the witness recovered, unless the"
            " defence appealed.",
            ClaimSource.ACTOR,
            "Ann Ruiz",
        ),
        (
            "Northwind Rail said it had changed its rules so that a dispatcher must approve every shutdown.",
            ClaimSource.ACTOR,
            "Northwind Rail",
        ),
        # "signalled that", and a thought put as a noun ("has confidence that").
        (
            "The Reserve Bank of Fiji cut its main rate on Tuesday and signalled that it could cut again in"
            " March.",
            ClaimSource.ACTOR,
            "Reserve Bank of Fiji",
        ),
        (
            "Coach Tom Berg has great confidence that the team will reach the final.",
            ClaimSource.ACTOR,
            "Tom Berg",
        ),
        # A "that" clause joined after a speech verb's object is one more thing it reports.
        (
            "Chief executive Maria Olsen gave the opening speech on Monday. She announced a new battery"
            " plant, and, to the surprise of many, that future Volta cars will use solid-state cells.",
            ClaimSource.ACTOR,
            "Maria Olsen",
        ),
        # A reporting "they" is the people the article names as speaking, not a body named in what they say.
        (
            "Tennis officials said the final would move to Madrid. The International Tennis Federation fined"
            " two clubs last year and could ban Club Norte from the event, they said.",
            ClaimSource.UNNAMED,
            "Tennis officials",
        ),
        # A participle of forecasting in what someone says is theirs, not its noun's nor the writer's.
        (
            "Industry analysts have pointed to the flaws of the new phone. They say the Zento Nine, expected"
            " in late 2026, will fix them.",
            ClaimSource.UNNAMED,
            "Industry analysts",
        ),
        # Words in the first person outside quotation marks are the writing's the article sets out.
        (
            "On its website, Volta released the text of Anna Berg's email, which reads: Team, At my request,"
            " the board has granted me a leave of absence. I love Volta so much and hope to be back as soon"
            " as I can. In the meantime, my family and I would deeply appreciate respect for our privacy.",
            ClaimSource.ACTOR,
            "Anna Berg",
        ),
        # A "would" sentence goes on with the view the sentence before it reports.
        (
            "The court upheld the ban. Nordhav Energi believes that the future of heating is in large"
            " district networks. Homes would then draw heat from pipes instead of their own boilers.",
            ClaimSource.ACTOR,
            "Nordhav Energi",
        ),
        # A clause set off by a semicolon from the speech verb after it is the writer's.
        (
            "The new pool will open in June; Northwind Sports announced no other projects.",
            ClaimSource.ARTICLE,
            None,
        ),
    ],
)
def test_the_claimant_is_who_states_the_clause(text: str, source: ClaimSource, who: str | None) -> None:
    assert _claim(text) == (source, who)


def test_a_quoted_consequence_is_its_speakers() -> None:
    text = '"We will appeal the ruling," said Ed Marsh, the team\'s lawyer.'
    assert _claim(text) == (ClaimSource.ACTOR, "Ed Marsh")


def test_a_clause_joined_with_a_subject_of_its_own_is_a_consequence_of_its_own() -> None:
    text = (
        "Finance minister Ola Dahl said that fuel taxes would rise in May and that bus fares could fall next"
        " year."
    )
    found = [
        (c.reading.certainty, c.claim.entity.name if c.claim.entity else None) for c in _candidates(text)
    ]
    assert found[-1] == (Certainty.SPECULATED, "Ola Dahl")
    assert len(found) == 2


def test_no_candidate_where_nothing_is_said_to_follow() -> None:
    assert not _candidates("The coach declined to predict when the striker would return.")
    assert not _candidates("The clerk said she is not going to speculate about the turnout.")
    assert not _candidates("The treasurer said she would not make predictions before the vote.")
    assert not _candidates("The originally planned tour was a success.")


def _clauses(text: str) -> list[str]:
    analysis: Analysis = analyze(source_from_text(text))
    return [analysis.text[c.clause.start : c.clause.end] for c in analysis.candidates]


def test_a_concession_or_a_clause_opened_by_with_is_not_part_of_the_outcome() -> None:
    assert _clauses(
        "The ferry will keep its winter timetable, despite calls from islanders for more sailings."
    )[0] == ("The ferry will keep its winter timetable")
    assert _clauses("The museum will close in June, although staff hope a buyer can be found.")[0] == (
        "The museum will close in June"
    )
    found = _clauses(
        "The new bridge is expected to open in August, with the council due to vote on tolls in May."
    )
    assert found[0] == "The new bridge is expected to open in August"


def test_as_planned_compares_and_states_no_outcome_of_its_own() -> None:
    found = _candidates("Despite the storm, the ferry will sail on Friday as planned.")
    assert [c.reading.certainty for c in found] == [Certainty.ANNOUNCED]


def test_a_conditional_consequence_is_its_outcome_with_its_condition() -> None:
    assert _clauses("Pupils can return to class earlier if they get a first dose, Dr. Lena Park said.") == [
        "Pupils can return to class earlier if they get a first dose"
    ]
    # "if …, unless …": one outcome, under two conditions.
    found = _clauses(
        "Judge Ann Ruiz said the trial would resume in June if the witness recovered, unless the defence"
        " appealed."
    )
    assert found == ["the trial would resume in June if the witness recovered, unless the defence appealed"]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        # A month is no modal.
        ("The library reopened on May 2 after a flood.", None),
        # "would" of a past habit: what used to happen.
        (
            "Many drivers reported that, when braking on wet roads, the car would pull to the left.",
            "happened",
        ),
        ("Fans said the striker would often miss training.", "happened"),
        # An offer: a thing to receive.
        ("Mayor Rita Gomez said that all bus riders would be eligible to receive a free pass.", "announced"),
        ("The new stadium is due to open in 2027.", "announced"),
        # A relative clause set off by a comma that says what is expected of its noun.
        ("Fans should wait for the first patch, which is expected in late June.", "expected"),
    ],
)
def test_the_certainty_of_a_candidate(text: str, certainty: str | None) -> None:
    found = [c.reading.certainty.value for c in _candidates(text) if c.reading.certainty]
    assert found[-1:] == ([certainty] if certainty else [])


def test_citing_a_source_is_an_attribution_not_a_result() -> None:
    text = "Citing officials close to the talks, the Daily Post reported that the union had signed the deal."
    assert not _candidates(text)
    assert _candidates("Citing safety concerns, the city closed the bridge.")


def test_a_clause_too_short_alone_is_shown_with_its_conjuncts_not_its_whole_sentence() -> None:
    text = (
        "Coach Tom Berg said there was a possibility of changes to the squad, saying, “We will rest the"
        " captain, but we have an eye on the cup final next month.”"
    )
    assert _clauses(text)[-1] == "“We will rest the captain, but we have an eye on the cup final next month.”"
