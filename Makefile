# newsevents — the two commands a new machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DEMO_DB ?= newsevents.duckdb
SEED := $(SHARED)/corpus/seed-de-russia-pakistan-ct-working-group.txt

.PHONY: demo test lint typecheck eval bench kb clean install browser serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The separately licensed data distribution (CC BY-SA 4.0 / GFDL word lists) goes in first: the
# main package depends on it. A plain install, so it is redone when its files change.
DATA_PACKAGE := packages/newsevents-data
DATA_FILES := $(DATA_PACKAGE)/pyproject.toml $(shell find $(DATA_PACKAGE)/newsevents_data -type f -not -path '*/__pycache__/*' 2>/dev/null)

$(STAMP): pyproject.toml $(DATA_FILES) | $(BIN)/python
	$(BIN)/python -m pip install --quiet ./$(DATA_PACKAGE)
	$(BIN)/python -m pip install --quiet -e '.[dev,web,cluster]'
	touch $(STAMP)

install: $(STAMP)

## demo: install, ingest the bundled examples (and the seed article when ../shared is there)
## into newsevents.duckdb, list the events
demo: $(STAMP)
	$(BIN)/newsevents ingest examples/ --published 2024-03-12 --db $(DEMO_DB)
	if [ -f $(SEED) ]; then $(BIN)/newsevents ingest $(SEED) --published 2023-11-17 --db $(DEMO_DB); fi
	$(BIN)/newsevents events --db $(DEMO_DB) --limit 20
	@echo "browse the events: $(BIN)/newsevents serve --db $(DEMO_DB)  ->  http://127.0.0.1:8000/"

## test: ruff, mypy and the test suite (the eval gate skips without ../shared)
test: $(STAMP) lint typecheck browser
	$(BIN)/python -m pytest

## browser: Debian's chromium for the end-to-end tests (idempotent, never downloads a browser build)
browser:
	bash scripts/install_browser.sh

## serve: the web page and HTTP API over the demo store
serve: $(STAMP)
	$(BIN)/newsevents serve --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check newsevents tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## eval: score the system on ../shared/gold, the Europarl NER test split and our own gold/
eval: $(STAMP)
	$(BIN)/newsevents eval $(SHARED)/gold/ $(SHARED)/data/europarl-de-ner/test.ner.jsonl gold/

## bench: throughput and peak memory on the 10kGNAD test texts
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(SHARED)/data/10kgnad-test.text.jsonl
	$(BIN)/python scripts/bench_corpus.py $(SHARED)/data/10kgnad-test.text.jsonl
	$(BIN)/python scripts/bench_web.py $(SHARED)/data/10kgnad-test.text.jsonl

## kb: rebuild the knowledge base files in newsevents/data/kb (needs the kb extra)
kb: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[kb]'
	$(BIN)/python scripts/build_kb.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)
	rm -rf $(DATA_PACKAGE)/build $(DATA_PACKAGE)/*.egg-info
