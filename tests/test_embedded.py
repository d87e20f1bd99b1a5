"""End to end on the real embedded model: no recording, no network (about two and a half minutes)."""

from __future__ import annotations

import json

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
