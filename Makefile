# Two entry points for people (see README): `make run` and `make test`.
# Everything installs into ./.venv so a fresh clone needs only python3 and a C compiler.

PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# A default llama.cpp build uses -march=native and dies with "Illegal instruction" on these machines
# (see ../shared/notes/platform.md). Pin the instruction set explicitly, every time.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
STORE   ?= .summariser/store.db

.PHONY: install run test bench clean

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

run: install
	$(BIN)/summarise extract seeds --store $(STORE)
	$(BIN)/summarise status --store $(STORE)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/summarise review --store $(STORE); \
	 else echo "Records are in $(STORE). Review them with: $(BIN)/summarise review --store $(STORE)" >&2; fi

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) .summariser build dist *.egg-info
