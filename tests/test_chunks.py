"""Windows over long articles: within budget, tiling the article, overlapping, cut at paragraph ends."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.chunks import estimate_tokens, windows


def words(text: str) -> int:
    return len(text.split())


def article(paragraphs: list[int]) -> str:
    """Paragraphs of the given numbers of words, each word numbered so that every slice is unique."""
    n = 0
    out = []
    for size in paragraphs:
        sentence = []
        for _ in range(size):
            n += 1
            sentence.append(f"w{n}")
        out.append(" ".join([*sentence[:-1], sentence[-1] + "."]) if sentence else "")
    return "date 2024-01-02\n\n" + "\n\n".join(out)


def test_an_article_that_fits_is_one_window() -> None:
    text = article([30, 40, 20])
    start = text.index("w1")
    (window,) = windows(text, start, 100, words)
    assert (window.shown.start, window.shown.end) == (start, len(text))
    assert window.own == window.shown


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(st.integers(min_value=1, max_value=80), min_size=1, max_size=30),
    budget=st.integers(min_value=20, max_value=200),
)
@example(paragraphs=[73, 47], budget=22)  # a sentence sliced by its average word length ran over
def test_windows_tile_the_article_within_budget(paragraphs: list[int], budget: int) -> None:
    text = article(paragraphs)
    start = text.index("w1")
    parts = windows(text, start, budget, words)
    # Every offset of the article belongs to exactly one window: nothing is reported twice or lost.
    assert parts[0].own.start == start and parts[-1].own.end == len(text)
    for before, after in itertools.pairwise(parts):
        assert before.own.end == after.own.start
        # The overlap: a window shows some of the part before it when a whole piece fits the overlap.
        assert after.shown.start <= after.own.start
        assert after.shown.start >= before.own.start
    for part in parts:
        assert part.shown.start <= part.own.start and part.shown.end <= part.own.end
        assert words(text[part.shown.start : part.shown.end]) <= budget
        # Cut at piece ends: a window never starts inside a word.
        assert part.shown.start == start or text[part.shown.start - 1].isspace()


def test_windows_overlap_and_cut_at_paragraphs() -> None:
    text = article([40] * 10)
    start = text.index("w1")
    parts = windows(text, start, 300, words)  # 45 words of overlap: one paragraph of the part before
    assert len(parts) == 2
    assert all(text[p.own.start - 2 : p.own.start] == "\n\n" for p in parts[1:])
    assert all(p.shown.start < p.own.start for p in parts[1:])


def test_a_paragraph_over_budget_is_cut_at_sentences() -> None:
    sentences = " ".join(f"Sentence number {n} is here." for n in range(60))
    text = sentences
    parts = windows(text, 0, 50, words)
    assert len(parts) > 1
    for part in parts[1:]:
        assert text[part.own.start : part.own.start + 8] == "Sentence"


def test_estimate_is_about_four_bytes_a_token() -> None:
    assert estimate_tokens("a" * 400) == 101
    assert estimate_tokens("д" * 200) == 101  # two bytes each: other scripts count as more tokens
