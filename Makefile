# Keepwell. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := app:create_app
HOST ?= localhost
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install run test test-postgres lint format translations translations-update bench browser clean screenshots

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-20s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations ## Install Python packages into .venv and compile translations

CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

translations: $(CATALOGS) ## Compile translation catalogs (.po to .mo)

# Only a changed catalog is compiled, into a temporary file then moved into place, so
# two runs at once (CI tests both databases side by side) never read a half-written one.
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	@$(BIN)/pybabel compile -i $< -o $@.tmp -l $* >/dev/null && mv $@.tmp $@

translations-update: $(STAMP) ## Extract strings and merge them into every catalog
	$(BIN)/flask translate update

run: install ## Install, migrate, load the demo person and listings, serve on http://localhost:5000
	KEEPWELL_ENV=development $(BIN)/flask db upgrade
	KEEPWELL_ENV=development $(BIN)/flask demo load
	KEEPWELL_ENV=development $(BIN)/flask groups demo
	@echo "Keepwell is running on http://localhost:$(PORT) (demo mode on; press Ctrl+C to stop)"
	KEEPWELL_ENV=development $(BIN)/flask run --host $(HOST) --port $(PORT)

# Noto fonts for Urdu, Arabic, Panjabi and Chinese, so layout checks and screenshots see
# real letters (the app itself uses no web fonts).
NOTO := /usr/share/fonts
browser: ## Install Debian's Chromium and Noto fonts for browser tests (needs root or sudo)
	@./scripts/ensure-debian-packages.sh chromium="chromium fonts-dejavu-core" node=nodejs \
	  $(NOTO)/truetype/noto/NotoNastaliqUrdu-Regular.ttf=fonts-noto-core \
	  $(NOTO)/opentype/noto/NotoSansCJK-Regular.ttc=fonts-noto-cjk

test: install browser ## Run the whole suite (browser tests included); DATABASE_URL picks the database
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install browser ## Run the whole suite against PostgreSQL on 127.0.0.1:5432
	KEEPWELL_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test $(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff (lint, format), mypy, import contracts, dead code
	$(BIN)/ruff check app tests bench scripts
	$(BIN)/ruff format --check app tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture app vulture_allowlist.py --min-confidence 60 --exclude "*/models.py" \
	  --ignore-decorators "@bp.*,@oruk_bp.*,@*.command,@exports,@event.listens_for,@*.errorhandler,@*.after_request,@property" \
	  --ignore-names "validate_*,process_bind_param,process_result_value,impl,cache_ok,metadata,pre_validate,Meta,get_id,is_active,is_anonymous"

format: install ## Format with ruff
	$(BIN)/ruff check --fix app tests bench scripts
	$(BIN)/ruff format app tests bench scripts

bench: install browser ## Run every benchmark (figures in bench/results/); BENCH_ARGS=foundation for one
	@./scripts/ensure-debian-packages.sh wrk=wrk
	$(BIN)/python -m bench $(BENCH_ARGS)

screenshots: install browser ## Take screenshots of key pages at 360 px (screenshots/)
	$(BIN)/python -m scripts.screenshots $(SCREENSHOTS_ARGS)

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
