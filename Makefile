# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install system-packages migrate clean

system-packages:
	scripts/system-packages

$(STAMP): pyproject.toml
	scripts/system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/selfcheck db upgrade

run: migrate
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# PostgreSQL and Redis are used when they answer at their default loopback addresses;
# the first lines of the output say which backends were tested.
test: lint
	scripts/system-packages --test
	eval "$$($(BIN)/python scripts/test-backends)" && \
	$(BIN)/selfcheck rules check && \
	$(BIN)/selfcheck rules test && \
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
