# Every target documents itself: `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run demo migrate test e2e lint format worker beat serve data bench faults messages lock check clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ est requis")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies (idempotent)

migrate: install ## Apply migrations to the configured database (SQLite by default)
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content and accounts, with demo signing keys (idempotent)
	$(MANAGE) ensure_signing_keys
	$(MANAGE) load_demo

run: demo ## Install, migrate, load the demo and serve the site on http://127.0.0.1:8000/
	@echo ""
	@echo "  Site :            http://$(HOST):$(PORT)/"
	@echo "  Administration :  http://$(HOST):$(PORT)/admin/"
	@echo "  Comptes de démonstration (mot de passe : DEMO_PASSWORD, par défaut Formation-URH-2026) :"
	@echo "    apprenant@example.org  formateur@example.org  certificateur@example.org  gestionnaire@example.org"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (SQLite, tasks eager; browser tests on the system Chromium)
	$(BIN)/pytest

e2e: install ## Run only the browser tests (Playwright + axe-core on /usr/bin/chromium)
	$(BIN)/pytest -m e2e

lint: install ## ruff check + ruff format --check + Django checks + migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install ## Format and auto-fix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install ## Start a Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL n'est pas défini : les tâches s'exécutent déjà dans le processus web."; exit 2; }
	$(BIN)/celery -A lms worker --loglevel=INFO --concurrency=2

beat: install ## Start Celery beat, the periodic tasks (needs CELERY_BROKER_URL)
	@test -n "$$CELERY_BROKER_URL" || { echo "CELERY_BROKER_URL n'est pas défini : sans broker, les tentatives échues sont closes à leur prochain accès."; exit 2; }
	$(BIN)/celery -A lms beat --loglevel=INFO --schedule=var/celerybeat-schedule

serve: install ## Production stack here: gunicorn + Celery worker + beat on PostgreSQL and Redis (see README)
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lms}" \
	CELERY_BROKER_URL="$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}" \
	CACHE_URL="$${CACHE_URL:-rediscache://127.0.0.1:6379/1}" \
	HOST="$(HOST)" PORT="$(PORT)" \
	$(BIN)/python -m lms.ops.serve --local

data: migrate ## Generate a data size of quality.md: make data SIZE=S SEED=1 [RESET=1] (bench/generate.py)
	$(BIN)/python -m bench.generate --size "$(or $(SIZE),S)" --seed "$(or $(SEED),1)" $(if $(RESET),--reset)

bench: install ## Benchmarks of quality.md against same-run baselines on PostgreSQL + Redis; writes bench/RESULTS.md
	@command -v wrk >/dev/null || { test "$$(id -u)" = 0 && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk est requis : apt-get install wrk"; exit 2; }
	$(BIN)/python -m bench.run $(if $(SIZES),--sizes "$(SIZES)") $(if $(ONLY),--only "$(ONLY)")

faults: install ## Scripted faults: kill a worker mid-render, restart PostgreSQL and Redis under load, check in SQL
	$(BIN)/python -m bench.faults

messages: install ## Extract translatable strings into locale/en and compile the catalogue
	$(MANAGE) makemessages --locale en --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --no-obsolete
	$(MANAGE) compilemessages --locale en --ignore ".venv/*"

lock: ## Re-resolve dependencies from pyproject.toml into requirements/constraints.txt
	rm -rf /tmp/lms-lock-venv && $(PYTHON) -m venv /tmp/lms-lock-venv
	/tmp/lms-lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	/tmp/lms-lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	/tmp/lms-lock-venv/bin/python -m pip freeze --exclude-editable | sort > requirements/constraints.txt

check: lint test ## Everything CI runs on SQLite

clean: ## Remove the virtualenv, local databases and generated files
	rm -rf $(VENV) var db.sqlite3
