"""Greedy decoding under a grammar, the model's own best token tried first.

llama-cpp-python applies a grammar to every token of the vocabulary (151,936 for Qwen2.5) before each
greedy pick, which more than halves generation speed on our schemas. Greedy decoding picks the best token
the grammar allows, and the model's best token is allowed most of the time: so check that one token
first, and run the grammar over the whole vocabulary only when it is refused. The tokens chosen are the
same either way (llama.cpp's own command-line tools sample the same way); only the time differs.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from .threads import Threads

if TYPE_CHECKING:
    from llama_cpp import Llama

__all__ = ["amx_built", "grammar_first_llama"]

_NO_AMX = "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16"


def amx_built(system_info: str) -> bool:
    """Whether llama.cpp was built with its AMX kernels (llama_print_system_info's "AMX_INT8 = 1"): on
    Sapphire Rapids they crash the process on Q4_K weights, our model's (ggml-org/llama.cpp#20824)."""
    return "AMX_INT8 = 1" in system_info


def grammar_first_llama(
    threads: Threads | None = None, on_read: Callable[[int, int], None] | None = None, **params: Any
) -> Llama:
    """A ``llama_cpp.Llama`` built with ``params`` whose greedy sampling under a grammar tries the best
    token first, and which reads each prompt on the threads ``threads`` choose for its length (None: on
    those ``params`` give), telling ``on_read`` how many new tokens it read and on how many threads."""
    import numpy as np
    from llama_cpp import Llama, _internals
    from llama_cpp import llama_cpp as c

    if amx_built(c.llama_print_system_info().decode(errors="replace")):
        # A segmentation fault would end the process with no message and lose the batch's work.
        raise ConfigError(
            "llama-cpp-python was built with AMX, whose kernels crash on this model's weights: rebuild it "
            f'without: CFLAGS="{_NO_AMX}" CXXFLAGS="{_NO_AMX}" pip install --no-cache-dir '
            "--force-reinstall --no-deps llama-cpp-python (make install does this), or use a server "
            "(--base-url, SUMMARIZER_BASE_URL)"
        )

    token_data = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)], align=True)

    def best_first(sampler: Any) -> Any:
        def apply(candidates: Any) -> None:
            array = candidates.contents
            view = np.frombuffer(
                (c.llama_token_data * array.size).from_address(ctypes.addressof(array.data.contents)),
                dtype=token_data,
            )
            best = int(np.argmax(view["logit"]))
            one = c.llama_token_data(id=int(view["id"][best]), logit=float(view["logit"][best]), p=0.0)
            single = c.llama_token_data_array(data=ctypes.pointer(one), size=1, selected=-1, sorted=False)
            # The grammar is the next sampler of the chain; applying it does not advance its state.
            c.llama_sampler_apply(c.llama_sampler_chain_get(sampler.sampler, 1), ctypes.byref(single))
            if not math.isinf(one.logit):
                array.data[0] = one
                array.size = 1
                array.sorted = False

        return apply

    class GrammarFirstLlama(Llama):
        grammar_first = True
        """False: llama-cpp-python's own sampling (the tests compare the two)."""

        def eval(self, tokens: Sequence[int]) -> None:
            # Called with the prompt's tokens the cache does not hold, then one token at a time, which
            # llama.cpp writes on the writing threads whatever the reading threads are.
            if threads is not None and len(tokens) > 1:
                reading = threads.reading(len(tokens))
                if reading != self.context_params.n_threads_batch:
                    c.llama_set_n_threads(self._ctx.ctx, threads.write, reading)
                    self.context_params.n_threads_batch = reading
                if on_read is not None:
                    on_read(len(tokens), reading)
            super().eval(tokens)

        def _init_sampler(self, **kwargs: Any) -> Any:  # type: ignore[override]  # called by keyword
            grammar = kwargs.get("grammar")
            plain_greedy = (
                kwargs.get("temp") == 0.0
                and kwargs.get("repeat_penalty", 1.0) == 1.0
                and not kwargs.get("frequency_penalty")
                and not kwargs.get("presence_penalty")
                and not kwargs.get("logits_processor")
            )
            if grammar is None or not plain_greedy or not self.grammar_first:
                return super()._init_sampler(**kwargs)
            sampler: Any = _internals.LlamaSampler()  # type: ignore[no-untyped-call]
            sampler.add_custom(best_first(sampler))
            sampler.add_grammar(self._model, grammar)
            sampler.add_greedy()
            return sampler

    return GrammarFirstLlama(**params)
