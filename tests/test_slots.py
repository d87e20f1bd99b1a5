"""Which slot of the local engine answers a request: the one holding its article.

The choice itself is tested on prompts of our own; the test marked ``embedded`` runs the real engine
(started by its fixture, stopped with it) and reads from its timings that the questions asked together
about one article read only their own words.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from summarizer import CacheMode, Settings
from summarizer.backends.affinity import SlotChooser
from summarizer.backends.client import Backend, open_backend
from summarizer.backends.weights import DEFAULT_WEIGHTS, ensure_weights

LIBRARY = (
    "The village library in Hollin Cross reopened on Saturday after eighteen months of repairs to its "
    "flooded cellar. The parish council paid for new shelving, and volunteers carried back some nine "
    "thousand books from a barn where they had been stored. The librarian, Maud Petrie, said the reading "
    "room would open late on Thursdays."
)
FERRY = (
    "A ferry between Oban and the island of Kerrera was withdrawn on Monday when its engine failed in "
    "heavy seas. The operator said a smaller boat would carry foot passengers until a spare part arrives "
    "from Norway, which could take three weeks."
)

BAKERY = "A bakery in Leeds won a national prize on Wednesday for its rye bread, baked in a wood oven."
SNOW = "Snow closed three roads over the Pennines on Friday night, and police told drivers to stay at home."


def _prompt(article: str, question: str) -> str:
    return f"You read news.\nArticle:\n{article}\nQuestion: {question}"


def test_the_questions_about_one_article_go_to_its_slot_even_while_it_is_busy() -> None:
    chooser = SlotChooser(4)
    first = chooser.take(_prompt(LIBRARY, "Who is the librarian?"))
    # The first question is still in flight: the next wait for its slot rather than read the article again.
    assert chooser.take(_prompt(LIBRARY, "When did it reopen?")) == first
    assert chooser.take(_prompt(LIBRARY, "Who paid for the shelving?")) == first


def test_another_article_takes_a_slot_no_request_is_in_and_keeps_it() -> None:
    chooser = SlotChooser(2)
    library = chooser.take(_prompt(LIBRARY, "Who is the librarian?"))
    ferry = chooser.take(_prompt(FERRY, "Why was the ferry withdrawn?"))
    assert ferry != library
    chooser.give_back(library)
    assert chooser.take(_prompt(FERRY, "Where will the part come from?")) == ferry
    assert chooser.take(_prompt(LIBRARY, "When will the reading room open late?")) == library


def test_a_new_article_takes_the_slot_used_longest_ago_when_several_are_free() -> None:
    chooser = SlotChooser(3)
    slots = [chooser.take(_prompt(article, "What happened?")) for article in (LIBRARY, FERRY, BAKERY)]
    assert len(set(slots)) == 3
    for slot in slots:
        chooser.give_back(slot)
    chooser.take(_prompt(LIBRARY, "Who is the librarian?"))  # the library's slot used again: now the newest
    # A fourth article: the ferry's slot was used longest ago.
    assert chooser.take(_prompt(SNOW, "Which roads?")) == slots[1]


def test_when_every_slot_is_waited_on_a_new_article_waits_where_fewest_requests_are() -> None:
    chooser = SlotChooser(2)
    library = chooser.take(_prompt(LIBRARY, "Who is the librarian?"))
    chooser.take(_prompt(LIBRARY, "When did it reopen?"))
    ferry = chooser.take(_prompt(FERRY, "Why was the ferry withdrawn?"))
    assert library != ferry
    assert chooser.take(_prompt(SNOW, "Which roads?")) == ferry


# ---- the real engine ------------------------------------------------------------------------------------


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Backend]:
    """A backend on an engine of its own (4 slots, the real weights), stopped when the test ends."""
    from summarizer.backends.client import _models_dir

    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", str(ensure_weights(DEFAULT_WEIGHTS, _models_dir())))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # no `summarizer serve` of the user's
    backend = open_backend(Settings.from_env(engine="server", cache=CacheMode.OFF))
    try:
        yield backend
    finally:
        backend.close()


@pytest.mark.embedded
def test_questions_asked_together_about_one_article_read_it_once(engine: Backend) -> None:
    article = " ".join([LIBRARY, FERRY, LIBRARY.replace("Saturday", "Sunday")])

    def ask(question: str) -> None:
        engine.openai.chat.completions.create(
            model=engine.model,
            messages=[
                {"role": "system", "content": "Answer in a few words."},
                {"role": "user", "content": f"Article:\n{article}\n\nQuestion: {question}"},
            ],
            max_tokens=8,
            temperature=0.0,
        )

    ask("Who is the librarian?")  # reads the article
    questions = ["When did the library reopen?", "Why was the ferry withdrawn?", "Who paid for shelving?"]
    with ThreadPoolExecutor(len(questions)) as pool:
        list(pool.map(ask, questions))
    first, *together = engine.model_requests
    assert first["cached_tokens"] == 0
    # Each read only its own question: the article was in its slot already.
    for request in together:
        assert request["cached_tokens"] > request["prompt_tokens"] - 20, request
