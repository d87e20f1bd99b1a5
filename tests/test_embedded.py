"""End to end on the real embedded model: no recording, no network (about two and a half minutes)."""

from __future__ import annotations

import json
import os

import pytest
from conftest import EXAMPLE

from summarizer import Brief, CacheMode, Settings, Summarizer, read_path


@pytest.mark.embedded
@pytest.mark.parametrize("engine", ["server", "in-process"])
def test_the_embedded_model_briefs_the_example_article(engine: str) -> None:
    pytest.importorskip("llama_cpp")
    source = read_path(EXAMPLE)
    with Summarizer(Settings.from_env(cache=CacheMode.OFF, engine=engine)) as summarizer:
        brief = summarizer.summarize(source)
    assert Brief.model_validate_json(brief.model_dump_json()) == brief
    assert brief.run.backend == "embedded" and brief.run.cached == 0
    assert brief.headline and brief.summary and brief.actors and brief.events
    assert len(brief.quotes) == 18
    for quote in brief.quotes:
        assert [source.text[s.start : s.end] for s in quote.spans] == [quote.text]
    assert sum(q.speaker is not None for q in brief.quotes) >= 14


@pytest.mark.embedded
def test_grammar_first_sampling_picks_the_tokens_the_plain_sampler_picks() -> None:
    pytest.importorskip("llama_cpp")
    from summarizer.backends.client import open_backend
    from summarizer.backends.embedded import grammar_for

    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "enum": ["Anatoly Antonov", "Maria Zakharova"]},
            "why": {"type": "string", "maxLength": 60},
        },
        "required": ["name", "why"],
    }
    messages = [
        {"role": "user", "content": read_path(EXAMPLE).text[:1500] + "\n\nWho was recalled, and why?"}
    ]
    backend = open_backend(Settings.from_env(cache=CacheMode.OFF, engine="in-process"))
    llm = backend._embedded._load()  # the Llama itself: this test compares its two samplers
    answers = []
    for grammar_first in (True, False):
        llm.grammar_first = grammar_first
        answer = llm.create_chat_completion(
            messages=messages,
            grammar=grammar_for(schema),
            temperature=0.0,
            repeat_penalty=1.0,
            max_tokens=60,
        )
        answers.append(answer["choices"][0]["message"]["content"])
    backend.close()
    assert answers[0] == answers[1]
    assert json.loads(answers[0])["name"] == "Anatoly Antonov"


def test_an_amx_build_is_told_apart_from_one_without() -> None:
    from summarizer.backends.sampling import amx_built

    assert amx_built("CPU : AVX512 = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 | LLAMAFILE = 1 |")
    assert not amx_built("CPU : SSE3 = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | AVX512 = 1 | REPACK = 1 |")


@pytest.mark.embedded
def test_the_installed_llama_cpp_has_no_amx_kernels() -> None:
    """make install builds without them: they crash on the model's Q4_K weights (llama.cpp#20824)."""
    llama_cpp = pytest.importorskip("llama_cpp")
    from summarizer.backends.sampling import amx_built

    assert not amx_built(llama_cpp.llama_print_system_info().decode())


HARBOUR = (
    "The harbour board of Port Carrick voted on Tuesday to dredge the outer channel before the winter "
    "storms, after two fishing boats ran aground there in October. The work will cost about four million "
    "pounds, paid from the board's reserves and a loan from the regional council. Its chair, Elspeth Garvie, "
    "said the channel had silted faster than any survey had predicted, and that the fleet could not wait "
    "another year. The dredger will arrive from Rotterdam in the first week of November, and the channel "
    "will close to larger vessels for nine days while it works."
)


@pytest.mark.embedded
def test_a_short_read_takes_the_writing_threads_and_answers_as_on_the_reading_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A question asked after another on the same article reads only its own words, on the writing
    threads; what it answers does not depend on the threads that read it."""
    pytest.importorskip("llama_cpp")
    from summarizer.backends import threads
    from summarizer.backends.client import open_backend

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})  # reading on 2, writing on 1
    backend = open_backend(Settings.from_env(cache=CacheMode.OFF, engine="in-process"))

    def ask(question: str) -> tuple[str, dict[str, float]]:
        messages = [{"role": "user", "content": f"{HARBOUR}\n\nAnswer in a few words: {question}"}]
        answer = backend.openai.chat.completions.create(
            model=backend.model,
            messages=messages,  # type: ignore[arg-type]
            max_tokens=12,
            temperature=0.0,
        )
        return str(answer.choices[0].message.content), backend.model_requests[-1]

    try:
        _, first = ask("Who chairs the harbour board?")
        assert first["read_tokens"] > threads.SHORT_READ and first["read_threads"] == 2
        answer, short = ask("Where does the dredger come from?")
        assert 1 < short["read_tokens"] <= threads.SHORT_READ and short["read_threads"] == 1
        # The same two questions with no read short: the second is read on the reading threads.
        monkeypatch.setattr(threads, "SHORT_READ", 0)
        ask("Who chairs the harbour board?")
        again, read = ask("Where does the dredger come from?")
        assert read["read_threads"] == 2
    finally:
        backend.close()
    assert again == answer
