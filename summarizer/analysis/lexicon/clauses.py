"""Words about what a clause says: speech and quotation, who claims it, how certain it is, whether it
states a consequence, which events are one, and the times that count from the moment of speaking."""

from __future__ import annotations

__all__ = [
    "CAPACITY_VERBS",
    "CLAIMING",
    "CLAIM_VERBS",
    "CONDITIONS",
    "CONSEQUENCE_CUES",
    "COURTESIES",
    "EFFECT_VERBS",
    "FEELINGS",
    "FUTURE_VERBS",
    "GOVERNING",
    "HAPPENING",
    "IMPACT_VERBS",
    "MODALS",
    "NAMING_VERBS",
    "QUOTE_MARKS",
    "REFUSALS",
    "RESULT_CUES",
    "SAME_DAY",
    "SAME_EVENTS",
    "SCHEDULED",
    "SPEECH_TIME",
    "SPEECH_VERBS",
    "SUBJUNCTIVE_DEMANDS",
    "THREATS",
    "TIME_MARKS",
    "UNSAID",
    "UNSETTLED_MARKS",
    "WISH_VERBS",
]

QUOTE_MARKS = '"“”„‟«»'
"""Articles mix straight and curly double quotes, even within one pair, so all count as one mark."""

SPEECH_VERBS = frozenset(
    """say tell add note write ask state declare explain insist warn blame confirm respond reply
    indicate tweet post argue claim announce acknowledge admit concede stress continue describe
    comment suggest report predict promise vow urge deny remark observe agree accord quip joke mention
    complain emphasize emphasise caution estimate testify call praise dub term label hail enthuse
    retort assert contend reiterate allege exclaim concur clarify lament cite reveal disclose signal
    hint""".split()
)
"""Lemmas of verbs that report speech or writing ("accord" is "according to X")."""

SAME_EVENTS = tuple(
    frozenset(group.split())
    for group in (
        "buy purchase acquire",
        "sell divest",
        "begin start commence launch open",
        "end finish conclude",
        "cut reduce slash lower",
        "rise increase climb grow gain jump",
        "fall drop decline decrease slip sink",
        "hire employ recruit",
        "fire dismiss sack",
        "deliver hand supply",
        "win defeat beat",
        "lose forfeit",
        "die kill",
        "unveil introduce present reveal",
        "release publish issue",
    )
)
"""Verbs news English uses for one event: a summary's "bought" holds to the article's "purchased"."""

HAPPENING = frozenset({"happen", "occur", "take place"})
"""Verbs (and a verb with its object) whose subject is an event: no person or body "took place"."""

NAMING_VERBS = frozenset("call dub term label hail praise describe".split())
"""Speech verbs that report words only when the quotation is what they name ("called it “…”")."""

SPEECH_TIME = r"\b(?:today|tonight|tomorrow|yesterday|this|next|last|ago|coming|past|now)\b"
"""Words by which a time counts from the moment of speaking (a regular expression): inside a quotation
they count from when the words were said ("today", "this week", "next year", "two days ago")."""

SAME_DAY = r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
"""Words for the day of speaking itself (a regular expression)."""

WHEN_PREPOSITIONS = frozenset("on in at by since until till during before after from through within".split())
"""Prepositions whose object says when the clause happened ("signed it on Monday", "since 2019"); not
"for" or "about", whose object is what the clause waits for or tells of ("waited years for tonight")."""

CONSEQUENCE_CUES = (
    r"\b(?:will|won['’]t|would|could|might|may|shall|must|unless|if|threat(?:en(?:s|ed)?)? (?:of|to)|"
    r"expect(?:s|ed|ing)?|plans? to|planned|vows?|vowed|warns?|warned|"
    r"pay a price|risk(?:s)?|likely to|set to|due to|going to|aims? to|intends? to|"
    r"promis(?:e|es|ed) to|threatens|consequences?|as long as|until|expectations?|"
    r"should|unlikely|possibility|hop(?:e|es|ed) (?:to|that)|it is hoped|anticipated|wants? to|desire|"
    r"predicts?|forecasts?|urg(?:e|es|ed)|calls? for|called for|insist(?:s|ed)?|demand(?:s|ed)?|"
    r"ask(?:s|ed)? (?:that|for)|needs? to|ha(?:s|ve) to)\b"
)
"""Words that mark a sentence as saying what follows or may follow (a regular expression)."""

RESULT_CUES = r"\b(?:as a result|in response|prompting|to an end|end of|cuts|citing|lead to|result in)\b"
"""Words that mark a sentence as saying what already followed from the news (a regular expression):
read only where no word of CONSEQUENCE_CUES says what will follow ("Citing safety, Airbus announced that
the engines would be replaced" is a plan)."""

CAPACITY_VERBS = frozenset("seat carry hold accommodate weigh measure span".split())
"""Verbs that describe what a thing will hold or measure ("will seat 200 to 300 people"): with a number,
a description, not an outcome."""

FEELINGS = frozenset("miss love like appreciate enjoy regret welcome".split())
"""Verbs of feeling: with "I" or "we" ("I will miss him", "we would welcome talks"), a sentiment, not an
outcome."""

COURTESIES = frozenset("thank congratulate apologize apologise express commend".split())
"""Verbs of thanking and courtesy: whoever does it ("AirTran would like to thank Boeing's employees"),
a speech act, not an outcome."""

WISH_VERBS = frozenset("want hope wish desire".split())
"""Verbs of wishing: denied, they say what someone does not wish ("does not want to improve relations"),
where "will not" says what will not be."""

MODALS = {
    "will": "future",
    "'ll": "future",
    "shall": "future",
    "wo": "future",
    "would": "would",
    "'d": "would",
    "could": "speculated",
    "may": "speculated",
    "might": "speculated",
    "can": "speculated",
    "ca": "speculated",
    "should": "expected",
    "must": "demanded",
}
"""What a modal auxiliary makes of its verb's outcome. "future" is announced for a party's own act and
expected for what events will do; "would" is "will" reported from the past ("said it would close"),
otherwise expected ("wo" and "ca" are the parser's "won't" and "can't")."""

GOVERNING = {
    "announced": frozenset(
        """plan intend aim decide agree promise vow pledge commit prepare seek want wish try attempt
        resolve opt choose""".split()
    ),
    "expected": frozenset(
        """expect anticipate predict forecast project estimate believe think hope foresee assume likely
        unlikely certain bound expectation confident confidence sure convinced optimistic hopeful""".split()
    ),
    "threatened": frozenset("warn threaten caution threat ultimatum".split()),
    "demanded": frozenset(
        """demand urge ask call require order press push recommend propose request petition insist
        suggest recommendation""".split()
    ),
    "speculated": frozenset(
        """possible possibility perhaps unclear uncertain doubt speculate consider explore weigh mull
        fear worry risk concerned worried afraid""".split()
    ),
}
"""Verbs, adjectives and nouns that govern an outcome and say how sure it is: "plans to close" is
announced, "expects prices to rise" expected, "warned that … would" threatened, "urged the union to
agree" demanded, "is considering closing" speculated."""

CLAIM_VERBS = frozenset(
    """fear worry doubt find show conclude know feel reckon concerned worried afraid confident sure
    convinced optimistic hopeful""".split()
)
"""Verbs and adjectives of thinking and finding whose subject is the source of the clause they govern
("a report found that …", "analysts fear …", "Djamal is concerned that …"), besides SPEECH_VERBS and the
planning, forecasting, warning and demanding words of GOVERNING."""

CLAIMING = (
    SPEECH_VERBS
    | CLAIM_VERBS
    | GOVERNING["announced"]
    | GOVERNING["expected"]
    | GOVERNING["threatened"]
    | GOVERNING["demanded"]
)
"""Verbs and adjectives whose subject states, thinks, plans, expects, warns of or demands what they
govern: the claimant of "Qantas plans to …" is Qantas, of "the report found that …" the report."""

SUBJUNCTIVE_DEMANDS = frozenset("insist suggest propose recommend".split())
"""Verbs that demand only with a subjunctive clause ("insisted that the union agree"); with an
indicative one they assert ("insisted that the plant would stay open")."""

SCHEDULED = frozenset("set due poised scheduled slated".split())
"""Adjectives and participles that put an outcome in the future with "be … to" ("is set to open")."""

UNDOING = frozenset(
    """abandon scrap drop shelve cancel block reject imperil jeopardize jeopardise endanger derail scupper
    halt suspend postpone delay axe ditch veto thwart""".split()
)
"""Verbs that stop or put off a plan: "scrapped plans to build a plant" states what happened to the plan,
not the plan."""

REFUSALS = frozenset("decline refuse fail".split())
"""Verbs whose object is not done: "declined to predict" says nothing will follow, "failed to reach a
deal" that none was reached."""

FUTURE_VERBS = (
    GOVERNING["announced"] - {"try", "attempt"}
    | GOVERNING["expected"]
    | GOVERNING["demanded"]
    | frozenset("schedule set due".split())
)
"""Verbs whose infinitive is ahead of them: what is planned, expected or demanded comes after ("plans to
open in March", "is expected to reopen", "ordered it to file a report in February"); not "tried to"."""

LIMITS = frozenset("until till by through".split())
"""Prepositions that make a time a limit ("freezes hiring until January", "asked for options by
October"): ahead of a clause in the present, or of a demand."""

CONDITIONS = frozenset("if unless provided providing".split())
"""Subordinators that make an outcome hang on a condition ("as long as" is read as a phrase)."""

CONCESSIONS = frozenset("despite notwithstanding although though".split())
"""Words that open a concession ("despite calls for a ban", "although some studios want more"): what
holds whatever the outcome, not part of it."""

HABITUAL = frozenset("sometimes often usually always frequently occasionally regularly repeatedly".split())
"""Adverbs of frequency: with "would" they tell what used to happen ("would sometimes drop calls"), a
past habit, not a future."""

UNSAID = frozenset(
    "say comment speculate predict guess estimate forecast specify elaborate confirm disclose pretend"
    " know".split()
)
"""Verbs of saying, knowing or guessing whose negation with nothing said states no outcome: "she would
not speculate", "the bank did not comment"; in the future, whatever follows ("I won't pretend to", "we
will not predict the score"): a refusal to say, not an outcome."""

UNSAID_NOUNS = frozenset("prediction forecast guess comment estimate".split())
"""Nouns of saying that "make" turns into a verb of UNSAID: "she would not make predictions"."""

TIME_MARKS = frozenset("when whenever once before after until till".split())
"""Subordinators of time: in their clause, as in a condition's, English puts a future in the present
("once the plant reopens in March, …"), or in the past where "would" reports it ("said it would hire
staff when the plant reopened in May")."""

UNSETTLED_MARKS = CONDITIONS | frozenset(["whether", "until"])
"""Subordinators whose own clause is not yet a fact: a condition ("if talks fail"), a question
("whether") or a limit ("until the board improves its offer")."""

THREATS = ("pay a price", "face consequences", "pay the price", "face the consequences")
"""Phrases that make a future a threat ("Putin will pay a price")."""

EFFECT_VERBS = frozenset(
    """rise fall grow decline drop climb increase decrease surge plunge soar slump affect benefit boost
    help hurt harm damage improve worsen fit save compete mean change reach exceed outperform lead
    provide offer use meet""".split()
)
"""Verbs of an effect or a change, whose "will" with a thing for subject is a forecast ("prices will
rise", "the new jet will save fuel"), where "the phone will be available", "the service will begin"
report a schedule."""

IMPACT_VERBS = frozenset("affect hurt harm hit damage disrupt threaten benefit".split())
"""Verbs of an effect undergone: in the passive ("900 jobs would be affected", "exports will be hurt") a
forecast of what happens to the subject, where "will be assembled", "will be offered" report a plan."""

BARE_INFINITIVE_VERBS = frozenset("make let help have see hear watch bid".split())
"""Verbs whose complement is an infinitive without "to" ("let it be made"); after any other verb, a verb
with no "to" is one the parser joined to the wrong head ("asked that a decision … be made")."""
