# 在线访谈平台 — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/portal
REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=

.PHONY: help setup run serve worker test test-pg test-browser lint fmt check migrate seed assets clean bench bench-questions bench-intake bench-live

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

var/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p var/vendor
	cp node_modules/htmx.org/dist/htmx.min.js var/vendor/htmx.min.js
	touch $@

setup: $(BIN)/.installed var/vendor/.installed ## Create the virtual environment and install everything

assets: var/vendor/.installed

migrate: setup ## Apply database migrations
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

seed: migrate ## Load the 2025 plan, the units, the demo plan and one demo account per role (idempotent)
	$(BIN)/python manage.py seed_demo

run: seed ## Set up, load the demo data and serve on http://127.0.0.1:8000 with the job and reminder workers
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@$(BIN)/python manage.py demo_logins
	@echo "在线访谈平台: http://$(HOST):$(PORT)/   后台: http://$(HOST):$(PORT)/backoffice/"
	@$(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	  $(BIN)/python manage.py run_reminders & reminders=$$!; \
	  trap 'kill $$worker $$reminders 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/uvicorn portal.asgi:application --host $(HOST) --port $(PORT) --workers 1 --lifespan off

test: setup ## Set up and run the whole test suite on SQLite (browser tests included when Chromium is present)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-pg: setup ## The same suite on PostgreSQL with Redis as cache (PG_URL, REDIS_URL)
	PORTAL_DATABASE_URL=$(PG_URL) PORTAL_REDIS_URL=$(REDIS_URL) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: setup ## ruff check and format check, migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run > /dev/null

fmt: setup ## Format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test test-pg ## Everything CI runs

bench: bench-questions bench-intake bench-live ## Every benchmark (not run by CI); each prints a RESULT line

bench-questions: setup ## Categories, grouping and masking on ../shared/data/citizen-messages (about 4 min)
	$(BIN)/python bench/eval_questions.py --data ../shared/data/citizen-messages

clean: ## Remove the virtual environment, node modules and local data
	rm -rf $(VENV) node_modules var

bench-intake: setup ## Question submissions per second through the real view, SQLite and PostgreSQL
	$(BIN)/python bench/intake.py --n 1000

$(BIN)/.bench-installed: $(BIN)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,bench]"
	touch $@

BENCH_LIVE_N ?= 1000,5000,10000
bench-live: $(BIN)/.bench-installed ## Live SSE fan-out vs a reference broadcaster and Channels, N=BENCH_LIVE_N (about 10 min)
	BENCH_LIVE_N=$(BENCH_LIVE_N) $(BIN)/python bench/live/run.py
