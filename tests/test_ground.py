"""Alignment: spans always point at the source's own characters, under the stated normalization."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.ground import locate, mention_spans, normalize
from summarizer.models import Grounding

TEXT = 'Peskov said: "I won\'t be  wordy in reaction to this," and added “more”.'


def test_exact() -> None:
    found = locate("I won't be  wordy", TEXT)
    assert found is not None and found.grounding is Grounding.EXACT
    assert TEXT[found.spans[0].start : found.spans[0].end] == "I won't be  wordy"


def test_quotation_marks_whitespace_and_case_are_normalized() -> None:
    found = locate("“i won’t be wordy in reaction to this,”", TEXT)
    assert found is not None and found.grounding is Grounding.NORMALIZED
    assert TEXT[found.spans[0].start : found.spans[0].end] == '"I won\'t be  wordy in reaction to this,"'


def test_brackets_and_ellipses() -> None:
    text = "“(Putin) will pay a price,” Biden said. “You will see shortly, and soon.”"
    found = locate("[Putin] will pay a price", text)
    assert found is not None and found.grounding is Grounding.NORMALIZED
    assert text[found.spans[0].start : found.spans[0].end] == "(Putin) will pay a price"
    found = locate("You will see … soon.", text)
    assert found is not None and found.grounding is Grounding.NORMALIZED
    assert [text[s.start : s.end] for s in found.spans] == ["You will see", "soon."]


def test_fuzzy_carries_a_score_and_unrelated_text_is_not_found() -> None:
    found = locate("I will not be wordy in reaction to this", TEXT)
    assert found is not None and found.grounding is Grounding.FUZZY and found.score is not None
    assert locate("completely different words about the weather", TEXT) is None
    assert locate("completely different", TEXT, fuzzy=False) is None


def test_mentions_prefer_longer_names_and_never_overlap() -> None:
    text = "President Joe Biden met Putin. Biden said Joe Biden would go."
    spans = mention_spans(["Biden", "Joe Biden"], text)
    assert [text[s.start : s.end] for s in spans] == ["Joe Biden", "Biden", "Joe Biden"]


_alphabet = st.sampled_from(list("abcXYZ ,.'\"“”‘’…\n\t-—"))


@settings(max_examples=300, deadline=None)
@given(doc=st.text(alphabet=_alphabet, min_size=1, max_size=120), data=st.data())
def test_a_span_always_slices_to_the_item_under_its_normalization(doc: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(doc) - 1))
    end = data.draw(st.integers(start + 1, len(doc)))
    needle = doc[start:end]
    # The item as a small model might write it: other quotation marks, other spacing, other case.
    mangled = needle.replace("“", '"').replace("”", '"').replace("  ", " ").upper()
    found = locate(mangled, doc, fuzzy=False)
    if not normalize(mangled)[0].strip():
        assert found is None
        return
    assert found is not None
    sliced = [doc[s.start : s.end] for s in found.spans]
    if found.grounding is Grounding.EXACT:
        assert sliced == [mangled]
    else:
        whole = normalize(mangled)[0].strip()
        pieces = [p.strip() for p in whole.split("...") if p.strip()]
        assert [normalize(s)[0].strip() for s in sliced] in ([whole], pieces)
