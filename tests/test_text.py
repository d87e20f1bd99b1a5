"""Comparing text: a normalized character always maps back to the source's own, and mentions never overlap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analysis.text import mention_spans, normalize


def test_quotation_marks_dashes_brackets_space_and_case_are_folded() -> None:
    folded, _ = normalize("“I  Won’t” — [Putin]…")
    assert folded == '"i won\'t" - (putin)...'


def test_mentions_prefer_longer_names_and_never_overlap() -> None:
    text = "President Joe Biden met Putin. Biden said Joe Biden would go."
    spans = mention_spans(["Biden", "Joe Biden"], text)
    assert [text[s.start : s.end] for s in spans] == ["Joe Biden", "Biden", "Joe Biden"]


_alphabet = st.sampled_from(list("abcXYZ ,.'\"“”‘’…\n\t-—[]"))


@settings(max_examples=300, deadline=None)
@given(doc=st.text(alphabet=_alphabet, min_size=1, max_size=120))
def test_every_normalized_character_comes_from_the_source_character_it_points_at(doc: str) -> None:
    folded, where = normalize(doc)
    assert len(folded) == len(where)
    assert where == sorted(where)
    for char, at in zip(folded, where, strict=True):
        source = doc[at]
        if source.isspace():
            assert char == " "
        else:
            assert char in normalize(source)[0]
