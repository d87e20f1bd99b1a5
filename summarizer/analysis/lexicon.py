"""Every word list the analysis reads, one list for each idea.

The trained pipeline finds names, sentences and syntax; these lists say which of its words matter to a
brief: verbs that report speech, nouns that are roles, words that foretell consequences.
"""

from __future__ import annotations

__all__ = [
    "CERTAINTY_CUES",
    "COMPANY_NOUNS",
    "CONSEQUENCE_CUES",
    "COUNTRY_ALIASES",
    "DOCUMENTS",
    "INSTITUTIONS",
    "NAMING_VERBS",
    "PLACE_PREPOSITIONS",
    "PRODUCT_NOUNS",
    "PRONOUNS",
    "QUOTE_MARKS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "STAFF",
    "TITLES",
    "TITLE_QUALIFIERS",
    "WISH_VERBS",
]

QUOTE_MARKS = '"“”„‟«»'
"""Articles mix straight and curly double quotes, even within one pair, so all count as one mark."""

SPEECH_VERBS = frozenset(
    """say tell add note write ask state declare explain insist warn blame confirm respond reply
    indicate tweet post argue claim announce acknowledge admit concede stress continue describe
    comment suggest report predict promise vow urge deny remark observe agree accord quip joke
    complain emphasize emphasise caution estimate testify call praise dub term label hail enthuse""".split()
)
"""Lemmas of verbs that report speech or writing ("accord" is "according to X")."""

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

INSTITUTIONS = frozenset(
    """embassy consulate ministry government military parliament bank army navy cabinet department
    agency office company firm council committee court police commission administration party union
    airline""".split()
)
"""Head nouns of bodies that speak as one ("Russia's embassy in the U.S. said")."""

COMPANY_NOUNS = frozenset("company firm airline carrier manufacturer maker corporation".split())
"""Nouns by which news refers back to a company it has named ("the company said")."""

DOCUMENTS = frozenset(
    "statement letter email e-mail memo release website site blog post announcement notice".split()
)
"""Writings whose words are their author's ("a statement from Acme said")."""

PLACE_PREPOSITIONS = frozenset("from at in into inside outside near across through via".split())
"""Prepositions that make the name after them a place ("flew from Airbus' Delivery Center")."""

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
    r"\b(?:will|won['’]t|would|could|might|may|shall|unless|if|threat(?:en(?:s|ed)?)? (?:of|to)|"
    r"expect(?:s|ed)? to|is expected|are expected|plans? to|planned|vows?|vowed|warns?|warned|"
    r"pay a price|risk(?:s)?|likely to|set to|going to|aims? to|intends? to|"
    r"promis(?:e|es|ed) to|threatens|consequences?|lead to|result in|as long as|until|expectations?|"
    r"should|unlikely|possibility|hop(?:e|es|ed) (?:to|that)|it is hoped|anticipated|wants? to|desire|"
    r"predicts?|forecasts?|as a result|in response|prompting|to an end|end of|cuts|citing)\b"
)
"""Words that mark a sentence as saying what follows or may follow (a regular expression)."""

WISH_VERBS = frozenset("want hope wish desire".split())
"""Verbs of wishing: denied, they say what someone does not wish ("does not want to improve relations"),
where "will not" says what will not be."""

CERTAINTY_CUES = (
    ("conditional", r"\b(?:unless|if|as long as|provided that|depend(?:s|ing)? on)\b"),
    ("threatened", r"\b(?:threat(?:en(?:s|ed)?)?|warn(?:s|ed)?|pay a price|retaliat\w*|ultimatum)\b"),
    (
        "speculated",
        r"\b(?:could|might|may|maybe|possib\w*|perhaps|risks?|uncertain|unclear|unlikely|speculat\w*|"
        r"rumou?r\w*)\b",
    ),
    ("expected", r"\b(?:expect\w*|likely|predict\w*|forecast\w*|hoped?)\b"),
    (
        "announced",
        r"\b(?:plans? to|planned|intends? to|aims? to|set to|scheduled|vows?|vowed|promis(?:e|es|ed) to|"
        r"announc\w*|agreed to|decided to|will)\b",
    ),
    ("expected", r"\b(?:won['’]t|would|shall|going to|lead to|result in)\b"),
)
"""How sure a sentence makes what follows, by its words, checked in this order (the first that matches
wins: "will … unless" is conditional, "could" speculation); a sentence with none states what happened."""
