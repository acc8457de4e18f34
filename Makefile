# syrianews: `make dataset` builds data/raw → data/processed; `make test` runs the test suite.
# Both set up a virtual environment in .venv first (Python 3.11+, pip; nothing else).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/processed
SYRIANEWS_DATA ?= $(OUT)

.PHONY: setup setup-dev dataset test notebooks benchmark fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.setup-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.setup

setup: $(VENV)/.setup
setup-dev: $(VENV)/.setup-dev

dataset: setup
	$(BIN)/syrianews build $(RAW) --out $(OUT)

test: setup-dev
	$(BIN)/python -m pytest

notebooks: setup-dev
	SYRIANEWS_DATA=$(SYRIANEWS_DATA) $(BIN)/python -m syrianews.notebooks run

benchmark: setup
	$(BIN)/python benchmarks/bench_build.py

# property tests, random and long (CI runs them bounded, with fixed examples): FUZZ_SECONDS of work
FUZZ_SECONDS ?= 600
fuzz: setup-dev
	nice -n 10 $(BIN)/python tests/fuzz.py --seconds $(FUZZ_SECONDS) --report reports/fuzz.json

clean:
	rm -rf $(VENV) .pytest_cache build dist
