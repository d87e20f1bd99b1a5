"""Reading articles: datelines, HTML, and bad input turned into clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE
from hypothesis import given
from hypothesis import strategies as st

from summarizer import InputError, read_path, source_from_bytes, source_from_text


def test_dateline_prefix_shares_the_first_line() -> None:
    source = read_path(EXAMPLE)
    assert source.dateline == dt.date(2021, 3, 18)
    assert source.text == EXAMPLE.read_text()
    assert source.text[source.body_start :].startswith("Russia has recalled")


def test_explicit_dateline_wins_and_no_dateline_is_none() -> None:
    assert source_from_text("date 2021-03-18 Text.", dateline=dt.date(2020, 1, 1)).dateline == dt.date(
        2020, 1, 1
    )
    assert source_from_text("Just text.").dateline is None


def test_a_date_alone_under_the_title_is_the_dateline_and_no_event_time() -> None:
    text = "Airbus wins tanker deal\nMarch 01, 2008\n\nAirbus said today it won the contract."
    source = source_from_text(text)
    assert source.dateline == dt.date(2008, 3, 1)
    assert [text[m.start : m.end] for m in source.markers()] == ["March 01, 2008"]
    # An explicit dateline still wins; a date inside a sentence is prose, not a dateline.
    assert source_from_text(text, dateline=dt.date(2008, 3, 2)).dateline == dt.date(2008, 3, 2)
    assert source_from_text("Airbus wins\nAirbus said on March 01, 2008 it won.").dateline is None


def test_html_is_reduced_to_its_article_with_the_date_from_metadata() -> None:
    body = "<p>" + "Officials said the talks would resume on Monday after a long pause. " * 8 + "</p>"
    html = (
        '<html><head><meta property="article:published_time" content="2021-03-18T10:00:00Z">'
        f"<title>T</title></head><body><nav>Menu</nav><article><h1>Talks</h1>{body}</article></body></html>"
    )
    source = source_from_bytes(html.encode(), origin="page.html")
    assert "talks would resume" in source.text and "Menu" not in source.text
    assert source.dateline == dt.date(2021, 3, 18)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 au lait", "UTF-8"),
        (b"<html><body><nav>only a menu</nav></body></html>", "no article text"),
        (b"date 2021-02-30 Not a day.", "not a calendar date"),
    ],
)
def test_bad_input_is_a_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        source_from_bytes(content, origin="x.txt")


def test_paths_that_are_not_articles(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    with pytest.raises(InputError, match="limit"):
        read_path(big)


@given(st.binary(max_size=300))
def test_ingest_never_fails_other_than_with_an_input_error(raw: bytes) -> None:
    try:
        source = source_from_bytes(raw, origin="fuzz")
    except InputError:
        return
    assert source.text.strip()
    if source.dateline_span is not None:
        assert source.text[source.dateline_span.start : source.dateline_span.end].lstrip().startswith("date")
