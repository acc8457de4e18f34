# syrianews: `make dataset` builds data/raw → data/processed; `make test` runs the test suite.
# Both set up a virtual environment in .venv first (Python 3.11+, pip; nothing else).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/processed
SYRIANEWS_DATA ?= $(OUT)
# evaluation: the reference articles are picked out of the corpus they were drawn from, by URL
GOLD ?= eval/gold_dev.jsonl
FOLDS ?= eval/folds.json
GOLD_CORPUS ?= $(if $(wildcard ../shared/corpora/saudinewsnet/*.zip),../shared/corpora/saudinewsnet,$(RAW))
EVAL_OUT ?= build/eval
EVAL_STORE ?= src/syrianews/data/evaluation_cv.json

.PHONY: setup setup-dev setup-notebooks dataset test notebooks lab report benchmark fuzz evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.setup: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.setup-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.setup $(VENV)/.setup-notebooks

$(VENV)/.setup-notebooks: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[notebooks]"
	touch $@ $(VENV)/.setup

setup: $(VENV)/.setup
setup-dev: $(VENV)/.setup-dev
setup-notebooks: $(VENV)/.setup-notebooks

dataset: setup
	$(BIN)/syrianews build $(RAW) --out $(OUT)

test: setup-dev
	$(BIN)/python -m pytest

notebooks: setup-dev
	SYRIANEWS_DATA=$(SYRIANEWS_DATA) $(BIN)/python -m syrianews.notebooks run

# gold raw records → build → score with folds; stores the figures the card, DATASHEET.md and README.md report
evaluate: setup
	$(BIN)/syrianews gold-records $(GOLD_CORPUS) --gold $(GOLD) --out $(EVAL_OUT)/gold_raw.jsonl
	$(BIN)/syrianews build $(EVAL_OUT)/gold_raw.jsonl --out $(EVAL_OUT)/processed --quiet
	$(BIN)/syrianews evaluate $(EVAL_OUT)/processed --gold $(GOLD) --folds $(FOLDS) --errors $(EVAL_OUT)/errors.jsonl --out $(EVAL_STORE)
	$(BIN)/python -m syrianews.evaluation.report DATASHEET.md README.md

# every notebook executed on the build: reports/NN_name.html (figures embedded) and reports/figures/*.png
report: setup-notebooks
	SYRIANEWS_DATA=$(SYRIANEWS_DATA) $(BIN)/python -m syrianews.notebooks report --data $(SYRIANEWS_DATA) --out reports

# JupyterLab on notebooks/, the .py notebooks opening as notebooks, analysing $(SYRIANEWS_DATA)
# (extra options: make lab LAB_ARGS="--no-browser --port 8890")
lab: setup-notebooks
	$(BIN)/python -m syrianews.lab --data $(SYRIANEWS_DATA) $(LAB_ARGS)

benchmark: setup
	$(BIN)/python benchmarks/bench_build.py

# property tests, random and long (CI runs them bounded, with fixed examples): FUZZ_SECONDS of work
FUZZ_SECONDS ?= 600
fuzz: setup-dev
	nice -n 10 $(BIN)/python tests/fuzz.py --seconds $(FUZZ_SECONDS) --report reports/fuzz.json

clean:
	rm -rf $(VENV) .pytest_cache build dist
