# Two entry points for people (see README): `make run` and `make test`.
# Everything installs into ./.venv so a fresh clone needs only python3 and a C compiler.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# A default llama.cpp build uses -march=native and dies with "Illegal instruction" on these machines
# (see ../shared/notes/platform.md). Pin the instruction set explicitly, every time.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
# Empty: the default store in the user's data folder (so later `summarise ...` commands find it).
STORE   ?=
STORE_OPT := $(if $(STORE),--store $(STORE))

.PHONY: install browser run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -q -e '.[test]'
	# pip reuses a cached llama-cpp-python wheel whatever flags built it; if that wheel crashes, rebuild it.
	$(BIN)/python -m summariser.embedded_check || \
	  ( CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -q --force-reinstall --no-deps --no-cache-dir llama-cpp-python \
	    && $(BIN)/python -m summariser.embedded_check )
	touch $(STAMP)

install: $(STAMP)

# The register page (`summarise report`) is tested in a real headless browser: the distribution's Chromium.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	    (sudo -n apt-get update -qq && sudo -n apt-get install -y -qq chromium) >/dev/null 2>&1 || \
	    echo "note: chromium could not be installed (needs apt-get as root); the register page test will be skipped" >&2; }

run: install
	$(BIN)/summarise extract seeds $(STORE_OPT)
	$(BIN)/summarise eval --gold seeds/gold.json $(STORE_OPT)
	$(BIN)/summarise status $(STORE_OPT)
	$(BIN)/summarise report --all --out register.html $(STORE_OPT)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/summarise review $(STORE_OPT); \
	 else echo "No terminal here, so the review app was not opened. Next: . $(VENV)/bin/activate && summarise review, then summarise export --out register.json" >&2; fi

# Lint first: it takes seconds, and a layer broken by an import is worth knowing before the suite runs.
lint: install
	$(BIN)/ruff check summariser review_tui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint browser
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) build dist *.egg-info
