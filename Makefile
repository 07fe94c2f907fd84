# Two entry points: `make run` (the app on the embedded SQLite default) and `make test` (everything
# CI checks). Both create the virtual environment on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-deps
DEV_STAMP := $(VENV)/.dev-deps
PORT ?= 8501

.PHONY: run test lint typecheck unit system-deps bench clean help

help:
	@echo "make run   - start the app on http://localhost:$(PORT) (SQLite under ./data)"
	@echo "make test  - lint, type-check and run the whole test suite"
	@echo "make bench - run the benchmarks under bench/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/python -m streamlit run streamlit_app.py --server.port $(PORT)

system-deps:
	@bash scripts/install-system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

unit: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit -q

test: system-deps $(DEV_STAMP) lint typecheck
	$(BIN)/python -m pytest -q

bench: $(DEV_STAMP) system-deps
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-output
