# Two entry points: `make run` (the app on the embedded SQLite default) and `make test` (everything
# CI checks). Both create the virtual environment on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-deps
DEV_STAMP := $(VENV)/.dev-deps
PORT ?= 8501
# The suite runs on pytest-xdist workers; browser modules stay on one worker each (tests/conftest.py).
# `make test PYTEST_WORKERS=0` runs it serially. Measured figures are in CONTRIBUTING.md.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=
# Line+branch coverage of assessment/ by the in-process tests (CLI/app subprocesses are not traced).
COVERAGE_FLOOR ?= 90
COVERAGE := --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)
# Loopback only: a workshop laptop on the venue's Wi-Fi must not serve its data to the room.
# Servers choose their address explicitly (ADDRESS=0.0.0.0 behind a proxy with logins).
ADDRESS ?= 127.0.0.1
# No login: one person on this computer. The app refuses this for a shared store.
ASSESSMENT_AUTH ?= none

.PHONY: run test fast lock lint format typecheck unit system-deps bench clean help

help:
	@echo "make run    - start the app on http://$(ADDRESS):$(PORT) (SQLite under ./data, no login)"
	@echo "make test   - lint, format check, type-check and the whole suite in parallel, with coverage"
	@echo "make fast   - unit and integration tests without PostgreSQL or a browser"
	@echo "make format - apply ruff format and ruff's safe fixes"
	@echo "make bench  - run the benchmarks under bench/"
	@echo "make lock   - resolve requirements*.in into the hashed requirements*.txt"
	@echo "PostgreSQL: TEST_DATABASE_URL=postgresql://user@host/postgres uses an existing server."

# Every install is from the hashed locks (requirements*.txt, written by `make lock`): pip refuses a
# package, a version or a file whose hash the lock does not list, including transitive ones.
# --no-deps: the lock already lists every package, so pip installs exactly it and resolves
# nothing (resolving let pip 23.2 pick a newer coverage for pytest-cov's `coverage[toml]`
# extra, which the stripped lock does not name, and refuse it); `pip check` then proves that
# what is installed satisfies every package's requirements.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --require-hashes --no-deps
PIP_CHECK := $(BIN)/python -m pip check
# pip-compile as `make lock` runs it: hashes of every published file of each pinned release, no
# index or link lines (the machine's pip configuration says where packages come from).
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	$(PIP_CHECK)
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.txt
	$(PIP_CHECK)
	touch $@ $(RUN_STAMP)

# Resolve requirements*.in (direct dependencies, pinned) into the hashed locks. Existing pins are
# kept; `make lock LOCK_ARGS=--upgrade` (or --upgrade-package NAME) moves them.
LOCK_ARGS ?=
lock: $(DEV_STAMP)
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements-dev.txt requirements-dev.in

run: $(RUN_STAMP)
	ASSESSMENT_AUTH=$(ASSESSMENT_AUTH) $(BIN)/python -m assessment serve-check
	ASSESSMENT_AUTH=$(ASSESSMENT_AUTH) $(BIN)/python -m streamlit run streamlit_app.py --server.port $(PORT) --server.address $(ADDRESS)

system-deps:
	@bash scripts/install-system-deps.sh

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

unit: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

fast: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit tests/integration -q -n $(PYTEST_WORKERS) -m "not postgres and not browser" $(PYTEST_ARGS)

# Bytecode is cached (__pycache__/, ignored by git) even where the environment turns that off
# (PYTHONDONTWRITEBYTECODE=1, as in our CI image): else every xdist worker, app server and CLI
# process compiles assessment/ again, and each worker rewrites every test file's asserts again.
test unit fast: export PYTHONDONTWRITEBYTECODE :=

# --dist loadfile: a browser module's tests share one module-scoped app server and run in file
# order on one worker. (loadgroup with xdist_group markers does not group under pytest 9.2: xdist
# 3.8 renames item._nodeid, which pytest 9.2 no longer reads; tests/unit/test_test_setup.py.)
test: system-deps $(DEV_STAMP) lint typecheck
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15 $(COVERAGE) $(PYTEST_ARGS)

bench: $(DEV_STAMP) system-deps
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-output
