"""Spans found by code before any model runs: quoted passages, their cues, and sentences.

Small models are unreliable at copying, but good at choosing: code finds what can be found exactly and
the model only judges (who said it), so what it returns is verbatim by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Span

__all__ = [
    "QUOTE_MARKS",
    "QuotedPassage",
    "find_names",
    "find_quoted_passages",
    "paragraphs",
    "people",
    "sentences",
    "speaking_organizations",
    "trimmed",
]

# Articles mix straight and curly double quotes, even within one pair, so all count as one mark.
QUOTE_MARKS = '"“”„‟«»'
_QUOTE = re.compile(f"[{QUOTE_MARKS}]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n+")
_CUE = re.compile(
    r"\b(said|says|told(?: [A-Z][\w.]*(?: [A-Z][\w.]*)*)?|added|adding|noted|wrote|asked|stated|"
    r"declared|explained|saying|insisted|warned|according to|called|calling|blaming|confirmed|responded|"
    r"indicated|replied|tweeted|posted)\b"
)


# A run of capitalized words (initials and "U.S." included) on one line, allowing "of"/"the" between them.
_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z][\w'’.-]*[\w.]|[A-Z])(?:[ \t]+(?:(?:of|the|for|de|van|von|al)[ \t]+)?"
    r"(?:[A-Z][\w'’.-]*[\w.]|[A-Z]))*"
)
# "Russian", "American", "Taliban-linked": words that describe rather than name.
_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|can|-linked|-based|-led)")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,2}\.")
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "After",
        "Before",
        "While",
        "When",
        "Meanwhile",
        "Since",
        "But",
        "And",
        "Or",
        "If",
        "As",
        "Also",
        "Still",
        "Yet",
        "So",
        "Then",
        "There",
        "Here",
        "Some",
        "Any",
        "No",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
_TITLE_WORDS = frozenset(
    [
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Secretary",
        "Senator",
        "Sen.",
        "Rep.",
        "Gov.",
        "Governor",
        "Ambassador",
        "Chancellor",
        "King",
        "Queen",
        "Prince",
        "Pope",
        "Dr.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "General",
        "Gen.",
        "Chief",
        "Leader",
        "Former",
        "Deputy",
        "Mayor",
        "Judge",
        "Justice",
        "Spokeswoman",
        "Spokesman",
        "Spokesperson",
    ]
)


def find_names(text: str, start: int = 0) -> list[str]:
    """Capitalized word runs that may name actors, titles and sentence-initial words stripped, in order
    of first appearance. A list to choose from, not a verdict: the model decides which are actors."""
    found: dict[str, None] = {}
    for match in _NAME.finditer(text, start):
        for words in _split_at_sentence_ends(match.group(0).split()):
            name = " ".join(_strip_titles(words)).strip(".")
            if len(name) > 1 and name not in _NOT_NAMES and not _ADJECTIVE.fullmatch(name):
                found.setdefault(name, None)
    return list(found)


_ROLE_BEFORE = re.compile(
    r"\b(?:spokes(?:wo)?man|spokesperson|leader|ambassador|minister|president|head|chief|director|official|"
    r"secretary|senator|analyst|chairman|chairwoman|chair|executive|CEO|founder|commander|governor|mayor|"
    r"judge|lawyer|professor|expert|correspondent|reporter|editor|adviser|advisor|aide|envoy|general)"
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,2}$",
    re.IGNORECASE,
)
_ROLE_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?(?:head|chief|leader|director|spokes|member|chair|former)"
)
_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){1,2}")


def people(text: str, start: int = 0) -> list[str]:
    """Names that look like people's: two or three capitalized words whose surname recurs alone, or
    that stand next to a role ("Kremlin spokesperson Dmitry Peskov", "Konstantin Kosachev, head of")."""
    found: dict[str, None] = {}
    for name in find_names(text, start):
        if not _PERSON_NAME.fullmatch(name):
            continue
        surname = name.split()[-1]
        alone = len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text[start:])) > text.count(name)
        # Any mention may carry the role: "help Donald Trump" first, "former President Donald Trump" later.
        beside_role = any(
            _ROLE_BEFORE.search(text[max(start, m.start() - 60) : m.start()])
            or _ROLE_AFTER.match(text[m.end() : m.end() + 30])
            for m in re.compile(re.escape(name)).finditer(text, start)
        )
        if alone or beside_role:
            found.setdefault(name, None)
    return list(found)


_STAFF = r"(?:spokes(?:wo)?man|spokesperson|officials?)"
# An institution named by its country, as news names them: "Russia's embassy in the U.S.".
_INSTITUTION = re.compile(
    r"(?<![\w-])[A-Z][\w.]*['’]s (?:embassy|consulate|foreign ministry|defen[cs]e ministry|"
    r"ministry of [a-z]+|government|military|parliament|central bank|army|navy|cabinet)"
    r"(?: in (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
)
_THEN_SPEAKS = re.compile(rf"(?:\s+[^\s.!?]+){{0,6}}\s+{_CUE.pattern}")


def speaking_organizations(text: str, start: int = 0) -> list[str]:
    """Names the article shows speaking as a body ("the State Department said", "Russia's embassy in the
    U.S. released its own comment … blaming") or through its staff ("White House spokesperson"): actors,
    even when named only once. People's names and words inside quotations are left out."""
    persons = people(text, start)
    surnames = {name.split()[-1] for name in persons}
    quoted = [p.span for p in find_quoted_passages(text, start)]

    def said(at: int) -> bool:
        return not any(q.start <= at < q.end for q in quoted)

    found: dict[str, None] = {}
    for name in find_names(text, start):
        if name in persons or name.split()[-1] in surnames:
            continue
        words = re.escape(name)
        shown = re.compile(rf"\b[Tt]he {words}(?: \w+){{0,2}} {_CUE.pattern}|(?<![\w-]){words} {_STAFF}\b")
        if any(said(m.start()) for m in shown.finditer(text, start)):
            found.setdefault(name, None)
    for m in _INSTITUTION.finditer(text, start):
        if said(m.start()) and _THEN_SPEAKS.match(text, m.end()):
            name, last = m.group(0), m.group(0).split()[-1]
            found.setdefault(name if _ABBREVIATION.fullmatch(last) else name.rstrip("."), None)
    return list(found)


def _split_at_sentence_ends(words: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in words:
        runs[-1].append(word)
        if word.endswith(".") and not _ABBREVIATION.fullmatch(word):
            runs.append([])
    return [run for run in runs if run]


def _strip_titles(words: list[str]) -> list[str]:
    words = list(words)
    # Possessives name the owner: "Russia's Ambassador" mentions Russia.
    for i, word in enumerate(words):
        if word.endswith(("'s", "’s")):
            words = [*words[:i], word[:-2]]
            break
    while words and (
        words[0] in _NOT_NAMES
        or words[0] in _TITLE_WORDS
        # A nationality before a title: "Russian President Vladimir Putin".
        or (len(words) > 1 and words[1] in _TITLE_WORDS and words[0].endswith(("an", "ese", "ish")))
    ):
        words.pop(0)
    return words


@dataclass(frozen=True)
class QuotedPassage:
    """The words between one pair of quotation marks."""

    text: str
    span: Span
    full: bool
    """A whole utterance (starts with a capital) rather than a fragment woven into a sentence."""
    cue: str | None
    """The nearest attribution words in the same sentence, if any."""


def find_quoted_passages(text: str, start: int = 0) -> list[QuotedPassage]:
    """Every passage between a pair of double quotation marks, paragraph by paragraph, in order."""
    found: list[QuotedPassage] = []
    for para in paragraphs(text, start):
        # Quotation marks inside braces belong to JSON or code pasted into the article, not to speech.
        braces = _braced(text, para)
        marks = [
            m.start()
            for m in _QUOTE.finditer(text, para.start, para.end)
            if not any(lo <= m.start() < hi for lo, hi in braces)
        ]
        # An unpaired mark (a quote running on into the next paragraph) leaves the last one unmatched.
        for open_at, close_at in zip(marks[0::2], marks[1::2], strict=False):
            inner = Span(start=open_at + 1, end=close_at)
            words = text[inner.start : inner.end]
            if not words.strip():
                continue
            found.append(
                QuotedPassage(
                    text=words,
                    span=inner,
                    full=words.lstrip("(")[:1].isupper(),
                    cue=_cue(text, inner, para),
                )
            )
    return found


def sentences(text: str, start: int = 0) -> list[Span]:
    """Sentence spans of ``text`` from ``start``, split on end punctuation and line breaks."""
    spans: list[Span] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start):
        if text[pos : match.start()].strip():
            spans.append(trimmed(text, pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append(trimmed(text, pos, len(text)))
    return spans


def _braced(text: str, para: Span) -> list[tuple[int, int]]:
    regions, depth, opened = [], 0, 0
    for i in range(para.start, para.end):
        if text[i] == "{":
            opened = i if depth == 0 else opened
            depth += 1
        elif text[i] == "}" and depth:
            depth -= 1
            if depth == 0:
                regions.append((opened, i + 1))
    return regions


def paragraphs(text: str, start: int = 0) -> list[Span]:
    """Paragraph spans of ``text`` from ``start``, split at blank lines (blank ones included)."""
    spans, pos = [], start
    for match in _PARAGRAPH.finditer(text, start):
        spans.append(Span(start=pos, end=match.start()))
        pos = match.end()
    spans.append(Span(start=pos, end=len(text)))
    return spans


def _cue(text: str, quote: Span, para: Span) -> str | None:
    # Cues sit outside the marks, so look in the sentence around the quote with its own words masked.
    window_start = max(para.start, quote.start - 160)
    window_end = min(para.end, quote.end + 120)
    before = _QUOTE.split(text[window_start : quote.start - 1])[-1] if quote.start > window_start else ""
    after = _QUOTE.split(text[quote.end + 1 : window_end])[0]
    after_cues = list(_CUE.finditer(after))
    before_cues = list(_CUE.finditer(before))
    if after_cues and (not before_cues or after_cues[0].start() < len(before) - before_cues[-1].end()):
        return after_cues[0].group(0)
    return before_cues[-1].group(0) if before_cues else None


def trimmed(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]`` without its leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end)
