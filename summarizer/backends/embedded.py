"""The embedded backend: a GGUF model run in-process by llama-cpp-python, behind an HTTP transport.

It answers the same OpenAI-shaped chat completion requests as a server would, so instructor, the cache
and validation take one path for every backend.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2

from ..errors import ConfigError
from .sampling import grammar_first_llama
from .threads import Threads

if TYPE_CHECKING:
    from llama_cpp import Llama
    from llama_cpp._internals import LlamaModel
    from llama_cpp.llama_grammar import LlamaGrammar

__all__ = ["LlamaTransport", "Vocabulary", "gbnf_for", "grammar_for"]


@lru_cache(maxsize=64)
def _gbnf(schema_json: str) -> str:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    grammar: str = json_schema_to_gbnf(schema_json)
    return grammar


def gbnf_for(schema: dict[str, Any]) -> str:
    """The GBNF grammar of a JSON Schema, by llama-cpp-python's converter (the engine gets the same
    grammar text: llama.cpp's own converter allows other whitespace, so the model would write other
    tokens); ConfigError if it cannot be converted.

    llama-cpp-python itself falls back to unconstrained JSON when conversion fails; we never do.
    """
    try:
        # Key order matters: the model writes fields in the order the grammar gives them.
        return _gbnf(json.dumps(schema))
    except Exception as exc:
        raise ConfigError(f"this JSON Schema cannot be turned into a grammar: {exc}") from exc


def grammar_for(schema: dict[str, Any]) -> LlamaGrammar:
    """The compiled grammar of a JSON Schema (see :func:`gbnf_for`)."""
    from llama_cpp.llama_grammar import LlamaGrammar

    return LlamaGrammar.from_string(gbnf_for(schema), verbose=False)


class Vocabulary:
    """The embedded model's tokenizer alone: its vocabulary read from the GGUF file without the weights
    (half a second, no context). Counting an article's tokens, which cuts a long one into parts, loads no
    model, in-process or on the engine (which counted over HTTP, about 40 ms a count: a 20,000-word
    article's 1,500 counts took a minute, and a replay started an engine only to count)."""

    def __init__(self, locate: Callable[[], Path]) -> None:
        self._locate = locate
        self._model: LlamaModel | None = None
        self._lock = threading.Lock()

    def tokens(self, text: str) -> int:
        """How many tokens the model sees in ``text``."""
        with self._lock:
            if self._model is None:
                import llama_cpp
                from llama_cpp._internals import LlamaModel  # what Llama loads with, quiet when asked

                params = llama_cpp.llama_model_default_params()
                params.vocab_only = True
                self._model = LlamaModel(path_model=str(self._locate()), params=params, verbose=False)
            return len(self._model.tokenize(text.encode(), False, False))

    def close(self) -> None:
        with self._lock:
            if self._model is not None:
                self._model.close()  # type: ignore[no-untyped-call]
                self._model = None


class LlamaTransport(httpx2.BaseTransport):
    """Answer ``/chat/completions`` requests with an in-process llama-cpp-python model."""

    def __init__(self, locate: Callable[[], Path], *, context_tokens: int, threads: Threads) -> None:
        self._locate = locate
        self._context_tokens = context_tokens
        self._threads = threads
        self._llm: Llama | None = None
        self._vocabulary = Vocabulary(locate)
        self._lock = threading.Lock()
        self.model_seconds = 0.0
        """Time spent inside the model (prompt processing and generation), for the overhead ratio."""
        self.load_seconds = 0.0
        self.requests: list[dict[str, float]] = []
        """Per request: prompt tokens, the new ones read and on how many threads, completion tokens and
        seconds in the model, for the benchmark."""
        self._read = (0, 0)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.read())
        response_format = body.get("response_format") or {}
        schema = response_format.get("schema") if response_format.get("type") == "json_object" else None
        grammar = grammar_for(schema) if schema is not None else None
        with self._lock:
            llm = self._load()
            self._read = (0, 0)
            started = time.perf_counter()
            try:
                result: dict[str, Any] = llm.create_chat_completion(  # type: ignore[assignment]
                    messages=body["messages"],
                    temperature=body.get("temperature", 0.0),
                    max_tokens=body.get("max_tokens"),
                    grammar=grammar,
                    # The server's default is 1.1; in-process 1.0. Pin it so both give the same answers.
                    repeat_penalty=1.0,
                    seed=body.get("seed", 0),
                )
            except ValueError as exc:  # e.g. the prompt does not fit the context window
                return httpx2.Response(400, json={"error": {"message": str(exc), "type": "invalid_request"}})
            finally:
                seconds = time.perf_counter() - started
                self.model_seconds += seconds
            read, reading = self._read
        usage = result.get("usage") or {}
        self.requests.append(
            {
                "prompt_tokens": usage.get("prompt_tokens", 0),
                "read_tokens": read,
                "read_threads": reading,
                "completion_tokens": usage.get("completion_tokens", 0),
                "seconds": round(seconds, 3),
            }
        )
        result["model"] = body.get("model", result.get("model"))
        return httpx2.Response(200, json=result)

    def _load(self) -> Llama:
        if self._llm is None:
            started = time.perf_counter()
            self._llm = grammar_first_llama(
                threads=self._threads,
                on_read=self._on_read,
                model_path=str(self._locate()),
                n_ctx=self._context_tokens,
                n_threads=self._threads.write,
                n_threads_batch=self._threads.read,
                n_batch=512,
                seed=0,
                verbose=False,
            )
            self.load_seconds = time.perf_counter() - started
        return self._llm

    def _on_read(self, tokens: int, threads: int) -> None:
        self._read = (tokens, threads)

    def load(self) -> None:
        """The weights loaded now, not at the first request."""
        with self._lock:
            self._load()

    def tokens(self, text: str) -> int:
        """How many tokens the model sees in ``text``."""
        return self._vocabulary.tokens(text)

    def close(self) -> None:
        self._vocabulary.close()
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None
