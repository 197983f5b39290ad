# The two commands of the README: `make site` and `make test`. Both set up .venv when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# SITE_URL (the published address) makes feed links absolute; the workflow sets it.
SITE_URL ?=

site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/briefing build --seeds seeds --docs docs --config mkdocs.yml \
		--site-url "$(SITE_URL)"

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

# Figures, not tests: generator and site-build times at 100, 1,000 and 10,000 articles.
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

clean:
	rm -rf site .pytest_cache
