"""The parts of an article's text that are not its prose: headlines and subheads, bylines, datelines,
photo captions and credits, editor's notes, footers and reader-tip boilerplate, the metadata of an
embedded post. No actor, quote, consequence or event comes from them.

Told from the text's layout and the parse, not from a list of sites: news prose is sentences that end
with a stop and have a finite verb; a headline, byline, subhead or credit is a short line without a
final stop, standing alone between blank lines or above the story; a caption has no finite verb; a
footer speaks to the reader ("Contact us at …", "Sign up for …"), in the imperative or to "you"; an
embedded post ends with its author, handle and date after a dash. Offsets are the text's own: the parts
are spans, nothing is cut out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import Span
from .lexicon import LAYOUT_LABELS, QUOTE_MARKS
from .nlp import text_of
from .text import covered

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["aside", "dateline", "non_prose", "set_aside"]

_LINE = re.compile(r"^[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_FINAL = re.compile(r"[.!?:;…]['’\"”»)\]]*$")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_HEADING_WORDS = 20
"""Longest headline, subhead, byline or credit line, in words."""
_CAPTION_WORDS = 40
"""Longest verbless block read as a caption rather than a fragment of the story."""
_LABEL = re.compile(r"\W*([A-Za-z’' ]{2,30}?)\s*:")
_POST = re.compile(r"[—–-]{1,2}\s*[^—–\n]{0,80}\(@\w+\)[^\n]*$|\bpic\.twitter\.com/\S+|\bhttps?://\S+", re.M)
"""An embedded post's signature ("— Jane Roe (@janeroe) October 9, 2016") and the links it carries."""
_READER = frozenset({"you", "your"})
_INLINE_LABEL = re.compile(r"[.!?]['’\"”]? ([A-Z][a-z]+):")
"""A one-word label opening a sentence within a line ("… podcast. Photo: …")."""


_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?(?: \([^)\n]{1,30}\))?"  # its region, the agency
    r"[ \t]*(?:[—–]|--))[ \t]*",
    re.MULTILINE,
)
"""A dateline opening the story's first paragraph: a place in capitals, perhaps its region and the
agency, and a dash ("SPOKANE, Wash. —", "OSLO (Reuters) —")."""


_ASIDE = "summarizer.aside"


def set_aside(doc: Doc, parts: list[Span]) -> None:
    """Keep with the parse the parts of its text that are not prose (``non_prose`` and the dateline),
    so that a rule reading words back from a description ("the group") skips a headline's."""
    doc.user_data[_ASIDE] = covered(parts)


def aside(token: Token) -> bool:
    """Whether ``token`` stands in a part of the text that is not the article's prose (``set_aside``)."""
    holds = token.doc.user_data.get(_ASIDE)
    return bool(holds is not None and holds(token.idx))


def dateline(text: str, start: int) -> Span | None:
    """The dateline that opens the story's first paragraph from ``start``, dash included: not part of
    its first sentence, which the parser would otherwise read with the place as its subject."""
    for line in _LINE.finditer(text, start):
        found = _DATELINE.match(text, line.start(), line.end())
        if found is not None:
            return Span(start=found.start(1), end=found.end(1))
        if _FINAL.search(line.group(1)) and len(line.group(1).split()) > _HEADING_WORDS:
            return None  # the story began without one
    return None


def non_prose(doc: Doc, start: int) -> list[Span]:
    """The spans of the text from ``start`` on that are not the article's prose, in order."""
    text = text_of(doc)
    blocks = _blocks(text, start)
    found: list[Span] = []
    above = True  # no block of prose met yet: headline, standfirst, byline, date
    prose: list[int] = []
    for n, block in enumerate(blocks):
        parts = [p for line in block if (p := doc.char_span(line.start, line.end, alignment_mode="expand"))]
        if _heading(text, block, parts, above) or _caption(text, block, parts):
            found += block
            continue
        above = False
        kept = [line for line, words in zip(block, parts, strict=False) if not _page_own(text, line, words)]
        found += [line for line in block if line not in kept]
        if kept:
            prose.append(n)
        found += [
            Span(start=m.start(), end=m.end())
            for line in kept
            for m in _POST.finditer(text, line.start, line.end)
        ]
        found += [label for line in kept if (label := _labelled_rest(text, line)) is not None]
    # A footer: the blocks after the story's last that speak to the reader ("Got a tip? Tell us.").
    last = prose[-1] if prose else -1
    while last > 0 and _to_the_reader(doc, blocks[last]):
        found += blocks[last]
        last = prose[prose.index(last) - 1] if prose.index(last) else -1
    return sorted(set(found), key=lambda s: s.start)


def _blocks(text: str, start: int) -> list[list[Span]]:
    """The text's lines from ``start``, in blocks between blank lines."""
    blocks: list[list[Span]] = []
    end = start
    for m in _LINE.finditer(text, start):
        line = Span(start=m.start(1), end=m.end(1))
        if not blocks or text.count("\n", end, line.start) > 1:
            blocks.append([])
        blocks[-1].append(line)
        end = line.end
    return blocks


def _heading(text: str, block: list[Span], parts: list[SpacySpan], above: bool) -> bool:
    """A block of short lines without a final stop, none of them a quotation: above the story (a
    headline, standfirst, byline, date) or, written as titles or with no finite verb, within it (a
    subhead, a credit)."""
    for line in block:
        shown = text[line.start : line.end]
        if _FINAL.search(shown) or shown[:1] in QUOTE_MARKS or len(shown.split()) > _HEADING_WORDS:
            return False
    return above or all(_title_case(words) or not _finite(words) for words in parts)


def _caption(text: str, block: list[Span], parts: list[SpacySpan]) -> bool:
    """A short block of no finite verb ("Russia's Ambassador to the U.S. Anatoly Antonov. Valery
    Sharifulin / TASS / Getty Images file"): a caption and its credit. A quotation is not one."""
    shown = text[block[0].start : block[-1].end]
    small = len(shown.split()) <= _CAPTION_WORDS
    return small and shown[:1] not in QUOTE_MARKS and not any(_finite(words) for words in parts)


def _page_own(text: str, line: Span, words: SpacySpan) -> bool:
    """A line of the page's own, not the story's: headed by a label ("Editor's note:", "Correction:",
    "Related:"), or in the imperative to the reader about the publication ("Sign up for our
    newsletter.", "Contact us at tips@…", "Follow us on …")."""
    found = _LABEL.match(text, line.start, line.end)
    label = found.group(1).lower().replace("’", "'").split() if found else []
    if any(w in LAYOUT_LABELS for w in label):
        return True
    if _quoted(text, line, words):
        return False
    sents = _sentences(words)
    ours = any(t.lower_ in ("us", "our") or t.like_email or t.like_url for t in words)
    return ours and bool(sents) and all(_imperative(s) for s in sents)


def _labelled_rest(text: str, line: Span) -> Span | None:
    """The rest of a line from a label that opens a sentence inside it ("… on the podcast. Photo: … Credit:
    …"): a caption or credit run on after the story's words."""
    for found in _INLINE_LABEL.finditer(text, line.start, line.end):
        if found.group(1).lower() in LAYOUT_LABELS:
            return Span(start=found.start(1), end=line.end)
    return None


def _to_the_reader(doc: Doc, block: list[Span]) -> bool:
    """A block that speaks to the reader, outside quotation marks: to "you", or in the imperative."""
    for line in block:
        words = doc.char_span(line.start, line.end, alignment_mode="expand")
        if words is None or _quoted(text_of(doc), line, words):
            return False
        if not (any(t.lower_ in _READER for t in words) or all(_imperative(s) for s in _sentences(words))):
            return False
    return True


def _quoted(text: str, line: Span, words: SpacySpan) -> bool:
    return text[line.start : line.start + 1] in QUOTE_MARKS or any(t.text in QUOTE_MARKS for t in words)


def _sentences(words: SpacySpan) -> list[SpacySpan]:
    return list({t.sent.start: t.sent for t in words}.values())


def _imperative(sent: SpacySpan) -> bool:
    root = sent.root
    return (
        root.tag_ == "VB"
        and root.i == sent.start
        and not any(c.dep_ in ("nsubj", "expl") for c in root.children)
    )


def _finite(words: SpacySpan) -> bool:
    return any(t.tag_ in _FINITE for t in words)


def _title_case(words: SpacySpan) -> bool:
    """Most words of the line capitalized, as headlines are written ("Obama Calls for Calm")."""
    alpha = [t for t in words if t.is_alpha and len(t) > 3]
    return bool(alpha) and sum(t.text[:1].isupper() for t in alpha) > len(alpha) / 2
