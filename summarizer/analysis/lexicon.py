"""Every word list the analysis reads, one list for each idea.

The trained pipeline finds names, sentences and syntax; these lists say which of its words matter to a
brief: verbs that report speech, nouns that are roles, words that foretell consequences.
"""

from __future__ import annotations

__all__ = [
    "AGENT_NOUNS",
    "CAPACITY_VERBS",
    "CLAIMING",
    "CLAIM_VERBS",
    "COMPANY_NOUNS",
    "CONDITIONS",
    "CONSEQUENCE_CUES",
    "CORPORATE_SUFFIXES",
    "COUNTRY_ALIASES",
    "COURTESIES",
    "DOCUMENTS",
    "EFFECT_VERBS",
    "FACILITIES",
    "FEELINGS",
    "FEMININE",
    "FUTURE_VERBS",
    "GOVERNING",
    "INSTITUTIONS",
    "LAYOUT_LABELS",
    "MASCULINE",
    "MODALS",
    "MOTION_VERBS",
    "NAME_PARTICLES",
    "NAMING_VERBS",
    "PLACE_PREPOSITIONS",
    "PRODUCT_NOUNS",
    "PRONOUNS",
    "QUANTIFIERS",
    "QUOTE_MARKS",
    "REFUSALS",
    "RESULT_CUES",
    "ROLE_NOUNS",
    "SAME_DAY",
    "SAME_EVENTS",
    "SCHEDULED",
    "SPEECH_TIME",
    "SPEECH_VERBS",
    "STAFF",
    "SUBJUNCTIVE_DEMANDS",
    "SUCCESSION",
    "THREATS",
    "TITLES",
    "TITLE_QUALIFIERS",
    "TITLE_WORDS",
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
    retort assert contend reiterate allege exclaim concur clarify lament cite reveal disclose""".split()
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

NAMING_VERBS = frozenset("call dub term label hail praise describe".split())
"""Speech verbs that report words only when the quotation is what they name ("called it “…”")."""

ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson leader ambassador minister president head chief director
    official secretary senator analyst chairman chairwoman chair executive ceo founder commander
    governor mayor judge lawyer professor expert correspondent reporter editor adviser advisor aide
    envoy general prime vice deputy chancellor king queen prince pope sen. rep. gov. gen. dr.
    representative candidate nominee manager officer member founder owner economist researcher
    scientist spokesmen premier diplomat negotiator attorney prosecutor counsel coach captain pilot
    engineer designer consultant strategist partner administrator commissioner inspector justice
    speaker""".split()
)
"""Nouns that make the words around a person's name a role ("Kremlin spokesperson Dmitry Peskov")."""

TITLES = frozenset(
    """president vice prime minister secretary senator sen. rep. gov. governor ambassador chancellor
    king queen prince pope dr. mr. mrs. ms. general gen. chief leader former deputy mayor judge
    justice spokeswoman spokesman spokesperson sir lord lady""".split()
)
"""Words that may stand before a person's name without being part of it ("President Joe Biden")."""

TITLE_WORDS = frozenset(
    "a an the and or nor but of on in at to by for from with as into via vs vs. v.".split()
)
"""Words a title leaves in lower case ("Meet the Press", "The Art of the Deal")."""

FEMININE = frozenset(
    """mrs. mrs ms. ms miss madam lady dame queen princess she her wife mother daughter sister widow
    woman girl spokeswoman chairwoman congresswoman businesswoman councilwoman actress
    grandmother aunt niece""".split()
)
"""Titles and nouns that say a person named beside them is a woman ("his wife Anna Reed")."""

MASCULINE = frozenset(
    """mr. mr sir lord king prince he his him husband father son brother widower man boy spokesman
    chairman congressman businessman councilman grandfather uncle nephew""".split()
)
"""Titles and nouns that say a person named beside them is a man ("Mr. Reed", "her son Tom")."""
TITLE_QUALIFIERS = frozenset("then late u.s. russian american foreign defence defense state".split())
"""Words that qualify a title before a name ("then Foreign Minister", "U.S. Defense Secretary"): a name
compared across articles goes without them as without its title."""

STAFF = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "spokesmen", "official", "officials", "representative"]
)
"""People who speak for an organization: an unnamed one's words are the organization's."""

PRODUCT_NOUNS = frozenset(
    """computer phone smartphone tablet device system software user owner release update version model
    application app player laptop notebook""".split()
)
"""Nouns a product's name modifies ("Macintosh computers", "the iPad tablet", "iPod Touch users"); a
maker's name modifies its parts ("Intel processors", "Rolls-Royce engines"), which are not here."""

FACILITIES = frozenset("airport station street avenue road bridge square stadium arena park highway".split())
"""Nouns that end a place's name made of a person's ("John F. Kennedy International Airport")."""

FUTURE_VERBS = frozenset(
    """plan expect schedule set aim intend hope want promise vow pledge agree decide prepare propose seek
    due""".split()
)
"""Verbs whose infinitive is ahead of them ("plans to open in March", "is expected to reopen")."""

SPEECH_TIME = r"\b(?:today|tonight|tomorrow|yesterday|this|next|last|ago|coming|past|now)\b"
"""Words by which a time counts from the moment of speaking (a regular expression): inside a quotation
they count from when the words were said ("today", "this week", "next year", "two days ago")."""

SAME_DAY = r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
"""Words for the day of speaking itself (a regular expression)."""

MOTION_VERBS = frozenset("fly go travel return move come head sail drive arrive send ship flee".split())
"""Verbs of going: "to" after them names a place ("flown to Singapore")."""

QUANTIFIERS = frozenset("several many few numerous various multiple".split())
"""Words that count what they stand before ("several Apple Stores"): an actor is not counted."""

INSTITUTIONS = frozenset(
    """embassy consulate ministry government military parliament bank army navy cabinet department
    agency office company firm council committee court police commission administration party union
    airline group organization organisation association federation league club team charity network
    newspaper contractor""".split()
)
"""Head nouns of bodies that speak as one ("Russia's embassy in the U.S. said")."""

COMPANY_NOUNS = frozenset("company firm airline carrier manufacturer maker corporation".split())
"""Nouns by which news refers back to a company it has named ("the company said")."""

DOCUMENTS = frozenset(
    """statement letter email e-mail memo release website site blog post announcement notice farewell
    promise warning message remark comment word reply response answer tweet editorial op-ed column
    report study filing ruling judgment""".split()
)
"""Writings and utterances whose words are their author's ("a statement from Acme said", "Jobs left
this farewell: “…”")."""

PLACE_PREPOSITIONS = frozenset(
    "from at in into inside outside near across through via within throughout around over beyond".split()
)
"""Prepositions that make the name after them a place ("flew from Airbus' Delivery Center")."""

CORPORATE_SUFFIXES = frozenset(
    """inc incorporated corp corporation co company ltd limited plc llc l.l.c llp lp n.v nv s.a sa ag se
    gmbh spa s.p.a bv b.v group holdings""".split()
)
"""A company's legal form or group after its name, without a final stop: "Apple Inc." is "Apple"."""

SUCCESSION = frozenset("jr sr ii iii iv".split())
"""Words after a person's surname that tell a son from his father ("Donald Trump Jr."), without a stop."""

NAME_PARTICLES = frozenset("of and the for & de du des la le et y von van der den di da al d' l'".split())
"""Small words inside a name that its acronym skips ("European Aeronautic Defence and Space": EADS)."""

LAYOUT_LABELS = frozenset(
    """note correction corrections clarification update updated related disclosure advertisement photo
    photos image video watch listen read credit caption""".split()
)
"""Words of a label by which a page marks a line of its own, not the story's ("Editor's note:",
"Correction:", "Related:", "Read more:")."""

PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "hers"])

COUNTRY_ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "USA": "United States",
    "America": "United States",
    "the United States": "United States",
    "the U.S.": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "the United Kingdom": "United Kingdom",
    "the Netherlands": "Netherlands",
    "Holland": "Netherlands",
    "the Philippines": "Philippines",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "UAE": "United Arab Emirates",
    "People's Republic of China": "China",
    "the UAE": "United Arab Emirates",
}
"""Names news gives countries besides those in the gazetteer (which names the United States so)."""

CONSEQUENCE_CUES = (
    r"\b(?:will|won['’]t|would|could|might|may|shall|must|unless|if|threat(?:en(?:s|ed)?)? (?:of|to)|"
    r"expect(?:s|ed|ing)?|plans? to|planned|vows?|vowed|warns?|warned|"
    r"pay a price|risk(?:s)?|likely to|set to|going to|aims? to|intends? to|"
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

REFUSALS = frozenset("decline refuse fail".split())
"""Verbs whose object is not done: "declined to predict" says nothing will follow, "failed to reach a
deal" that none was reached."""

CONDITIONS = frozenset("if unless provided providing".split())
"""Subordinators that make an outcome hang on a condition ("as long as" is read as a phrase)."""

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

AGENT_NOUNS = frozenset(
    """people workers employees staff shareholders investors customers voters residents students
    players team members officers troops police buyers consumers users owners passengers travellers
    travelers fans drivers patients citizens developers parents teachers doctors nurses farmers""".split()
)
"""Plural or collective nouns for people, whose "will" is a plan of theirs, not a forecast (with
ROLE_NOUNS, INSTITUTIONS and COMPANY_NOUNS)."""
