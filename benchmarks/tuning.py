"""Benchmark llama-cpp-python's machine settings on this CPU; prints JSON.

    .venv/bin/python benchmarks/tuning.py [examples/russia-recalls-ambassador.txt]

For each setting, a fresh model reads the example's article as the passes send it (system message and
article) and then writes 64 tokens greedily with no grammar: prompt tokens per second and generated tokens
per second, the two rates a brief's time is made of. Run it on an idle machine: two processes on two
cores halve both rates, whatever the settings.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from summarizer import read_path
from summarizer.backends.client import _models_dir
from summarizer.backends.sampling import grammar_first_llama
from summarizer.backends.weights import DEFAULT_WEIGHTS, ensure_weights
from summarizer.prompts import render

CORES = os.cpu_count() or 1
BASE: dict[str, Any] = {"n_ctx": 4096, "n_threads": CORES, "n_batch": 512, "seed": 0, "verbose": False}
SETTINGS: dict[str, dict[str, Any]] = {
    "as shipped (threads = cores, n_batch 512)": {},
    "n_batch and n_ubatch 128": {"n_batch": 128, "n_ubatch": 128},
    "flash attention": {"flash_attn": True},
    "8-bit KV cache (q8_0, with flash attention)": {"flash_attn": True, "type_k": 8, "type_v": 8},
    "one thread": {"n_threads": 1, "n_threads_batch": 1},
    "mlock": {"use_mlock": True},
}
WRITTEN = 64


def measure(path: Path, prompt: str, extra: dict[str, Any]) -> dict[str, float]:
    started = time.perf_counter()
    llm = grammar_first_llama(model_path=str(path), **{**BASE, **extra})
    load = time.perf_counter() - started
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=True)
    started = time.perf_counter()
    llm.eval(tokens)
    read = time.perf_counter() - started
    started = time.perf_counter()
    written = 0
    for token in llm.generate([], temp=0.0, reset=False):
        written += 1
        if written == WRITTEN or token == llm.token_eos():
            break
    write = time.perf_counter() - started
    llm.close()
    return {
        "load_seconds": round(load, 2),
        "prompt_tokens": len(tokens),
        "prompt_tokens_per_second": round(len(tokens) / read, 2),
        "generated_tokens_per_second": round(written / write, 2),
    }


def main(article: str) -> None:
    source = read_path(Path(article))
    prompt = render("system") + "\n" + render("article", article=source.text, dateline="Thursday 2021-03-18")
    path = ensure_weights(DEFAULT_WEIGHTS, _models_dir())
    figures = {name: measure(path, prompt, extra) for name, extra in SETTINGS.items()}
    print(json.dumps({"cores": CORES, "generated_tokens": WRITTEN, "settings": figures}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "examples/russia-recalls-ambassador.txt")
