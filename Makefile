# newsevents — the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= newsevents.duckdb

.PHONY: demo test lint typecheck eval bench kb clean install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: install, ingest the bundled examples into newsevents.duckdb, list the events
demo: $(STAMP)
	$(BIN)/newsevents ingest examples/ --published 2024-03-12 --db $(DEMO_DB)
	$(BIN)/newsevents events --db $(DEMO_DB) --limit 20

## test: ruff, mypy and the test suite (the eval gate skips without ../shared)
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check newsevents tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## eval: score the system on every gold file in ../shared/gold
eval: $(STAMP)
	$(BIN)/newsevents eval $(SHARED)/gold/

## bench: throughput and peak memory on the 10kGNAD test texts
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(SHARED)/data/10kgnad-test.text.jsonl

## kb: rebuild the knowledge base files in newsevents/data/kb (needs the kb extra)
kb: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[kb]'
	$(BIN)/python scripts/build_kb.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)
