"""Words about who or what a name is: roles and titles, people, bodies and things, the parts of a name,
the places and pronouns around one."""

from __future__ import annotations

__all__ = [
    "ADMISSION_VERBS",
    "AGENT_NOUNS",
    "BODY_ROLES",
    "COMPANY_NOUNS",
    "CORPORATE_SUFFIXES",
    "COUNTRY_ALIASES",
    "DOCUMENTS",
    "EDITIONS",
    "FACILITIES",
    "FEMININE",
    "INSTITUTIONS",
    "LAYOUT_LABELS",
    "LOCAL_GOVERNMENTS",
    "MAKERS",
    "MASCULINE",
    "MEASURES",
    "MOTION_VERBS",
    "NAME_PARTICLES",
    "NICKNAMES",
    "PLACE_NOUNS",
    "PLACE_PREPOSITIONS",
    "PRODUCT_NOUNS",
    "PRODUCT_VERBS",
    "PRONOUNS",
    "PRONOUN_FORMS",
    "PUBLIC_BODIES",
    "QUANTIFIERS",
    "ROLE_NOUNS",
    "STAFF",
    "SUCCESSION",
    "TITLES",
    "TITLE_QUALIFIERS",
    "TITLE_WORDS",
    "TRADE_WORDS",
    "WORKS",
]

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

BODY_ROLES = frozenset(
    """leader partner owner member founder manager adviser advisor consultant counsel contractor
    representative head designer engineer""".split()
)
"""Role nouns (of ROLE_NOUNS) that an organization may hold too: "the market leader, General Motors",
"its adviser, Goldman Sachs"; a name beside one may be a body's."""

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
    application app player laptop notebook browser range lineup processor chip engine""".split()
)
"""Nouns a product's name modifies ("Macintosh computers", "the iPad tablet", "iPod Touch users"), and
a maker's name that only ever names the brand of a part ("Intel processors", "Rolls-Royce engines"):
a maker that acts, owns or speaks anywhere in the article stays an actor."""

PRODUCT_VERBS = frozenset("launch unveil ship download install".split())
"""Verbs whose object is a thing made and put out, never a body or a person: "unveiled the Zephyr 3",
"shipped Granite" ("released" and "introduced" take people too: "released the hostages")."""

EDITIONS = frozenset("version update upgrade edition model".split())
"""Nouns of a product's editions: the name after their "of" is a product's ("a new version of Granite",
"an update of the Zephyr 3"), as no body's is ("the release of" takes people too)."""

MAKERS = frozenset("maker manufacturer producer".split())
"""Nouns of who makes a thing: the name after their "of" is what is made ("the maker of the Zephyr 3"),
as "the owner of" a body is not."""

FACILITIES = frozenset("airport station street avenue road bridge square stadium arena park highway".split())
"""Nouns that end a place's name made of a person's ("John F. Kennedy International Airport")."""

MEASURES = frozenset("rate index average ratio yield levy tariff benchmark".split())
"""Nouns that end the name of a measure, not of a body: "the Central Bank Rate", "the Consumer Price
Index", "the Dow Jones Industrial Average"."""

MOTION_VERBS = frozenset("fly go travel return move come head sail drive arrive send ship flee".split())
"""Verbs of going: "to" after them names a place ("flown to Singapore")."""

ADMISSION_VERBS = frozenset("admit evacuate".split())
"""Verbs of being taken in: "to" after them names a place when the name is a body's that takes people in
("admitted to Sacred Heart Hospital"), and a body otherwise ("admitted to NATO")."""

WORKS = frozenset(
    """newsletter journal magazine show programme program podcast book film movie album series
    documentary""".split()
)
"""Nouns of works, whose names are titles, not actors: "the journal Nature Microbiology", "our newsletter,
The Closing Bell"."""

QUANTIFIERS = frozenset("several many few numerous various multiple".split())
"""Words that count what they stand before ("several Apple Stores"): an actor is not counted."""

INSTITUTIONS = frozenset(
    """embassy consulate ministry government military parliament bank army navy cabinet department
    agency office company firm council committee court police commission administration party union
    airline group organization organisation association federation league club team charity network
    newspaper contractor alliance coalition""".split()
)
"""Head nouns of bodies that speak as one ("Russia's embassy in the U.S. said")."""

COMPANY_NOUNS = frozenset("company firm group airline carrier manufacturer maker corporation studio".split())
"""Nouns by which news refers back to a company it has named ("the company said")."""

PUBLIC_BODIES = frozenset(
    """agency commission ministry department court council committee government parliament congress
    senate assembly authority administration office bureau board union party police army navy
    university association federation league center centre hospital clinic institute foundation
    school college museum""".split()
)
"""Last words of the names of bodies that are no company: "the company" is never "the International
Energy Agency" or "the Commission"."""

DOCUMENTS = frozenset(
    """statement letter email e-mail memo release website site blog post announcement notice farewell
    promise warning message remark comment word reply response answer tweet editorial op-ed column
    report study filing ruling judgment""".split()
)
"""Writings and utterances whose words are their author's ("a statement from Acme said", "Jobs left
this farewell: “…”")."""

PLACE_NOUNS = frozenset(
    """town city village county state province region district island suburb neighborhood neighbourhood
    borough hamlet municipality township""".split()
)
"""Nouns that call the name beside them a place ("the town of Cedar Flat")."""

PLACE_PREPOSITIONS = frozenset(
    "from at in into inside outside near across through via within throughout around over beyond".split()
)
"""Prepositions that make the name after them a place ("flew from Airbus' Delivery Center")."""

CORPORATE_SUFFIXES = frozenset(
    """inc incorporated corp corporation co company ltd limited plc llc l.l.c llp lp n.v nv s.a sa ag se
    gmbh spa s.p.a bv b.v group holdings""".split()
)
"""A company's legal form or group after its name, without a final stop: "Apple Inc." is "Apple"."""

TRADE_WORDS = frozenset(
    "computer computers systems software airlines airways motors motor pharmaceuticals electronics".split()
)
"""Words naming a company's trade that end its name and that news leaves off as it does a legal form:
"Apple Computer" is Apple, "Cisco Systems" Cisco, "United Airlines" United (folded, as names are)."""

SUCCESSION = frozenset("jr sr ii iii iv".split())
"""Words after a person's surname that tell a son from his father ("Donald Trump Jr."), without a stop."""

ELDER = frozenset("elder older senior".split())
YOUNGER = frozenset("younger junior".split())
"""Words before a surname that tell which of a father and son who share it is meant ("the elder Price")."""

NICKNAMES = {
    short: frozenset(full.split("/"))
    for short, full in (
        pair.split(":")
        for pair in """jim:james jimmy:james bill:william will:william bob:robert rob:robert bobby:robert
        mike:michael tom:thomas dick:richard rick:richard dave:david dan:daniel joe:joseph tony:anthony
        ted:edward ed:edward/edwin/edmund liz:elizabeth beth:elizabeth kate:katherine/catherine
        jenny:jennifer sam:samuel/samantha ben:benjamin alex:alexander/alexandra chris:christopher/christine
        matt:matthew nick:nicholas pat:patrick/patricia sue:susan andy:andrew larry:lawrence jerry:gerald
        charlie:charles chuck:charles harry:henry hank:henry fred:frederick steve:steven/stephen
        tim:timothy greg:gregory jeff:jeffrey/geoffrey ken:kenneth ron:ronald don:donald
        doug:douglas walt:walter peggy:margaret maggie:margaret meg:margaret nancy:ann/anne""".split()
    )
}
"""A first name's familiar forms and the formal names they shorten: "Jim" signs for James Roche."""

NAME_PARTICLES = frozenset("of and the for & de du des la le et y von van der den di da al d' l'".split())
"""Small words inside a name that its acronym skips ("European Aeronautic Defence and Space": EADS)."""

LAYOUT_LABELS = frozenset(
    """note correction corrections clarification update updated related disclosure advertisement photo
    photos image video watch listen read credit caption""".split()
)
"""Words of a label by which a page marks a line of its own, not the story's ("Editor's note:",
"Correction:", "Related:", "Read more:")."""

PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "hers"])

PRONOUN_FORMS = {
    "him": "he",
    "his": "he",
    "her": "she",
    "hers": "she",
    "its": "it",
    "them": "they",
    "their": "they",
}
"""A pronoun's object and possessive forms, by its subject form: what "his" stands for, "he" would."""

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

AGENT_NOUNS = frozenset(
    """people workers employees staff shareholders investors customers voters residents students
    players team members officers troops police buyers consumers users owners passengers travellers
    travelers fans drivers patients citizens developers parents teachers doctors nurses farmers""".split()
)
"""Plural or collective nouns for people, whose "will" is a plan of theirs, not a forecast (with
ROLE_NOUNS, INSTITUTIONS and COMPANY_NOUNS)."""

LOCAL_GOVERNMENTS = frozenset("county city town village municipality province district borough".split())
"""Places that act through their governments ("the county would ask regulators to …", "the city will
close two libraries"): as subjects, parties whose "will" is a plan."""
