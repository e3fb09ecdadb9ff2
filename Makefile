# One-command set-up: every target below creates the virtual environment first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: run test lint seed bench schema clean

# constraints.txt pins pip, the packages and the build backend (--build-constraint: setuptools)
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -c constraints.txt pip
	$(PY) -m pip install --quiet -c constraints.txt --build-constraint constraints.txt \
		-e '.[embedded,dev]'
	touch $(STAMP)

# Node tools the tests run (the graphql-http audit), exactly as package-lock.json pins them
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

run: $(STAMP)
	$(PY) -m server serve

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy server mobile_client_stub

seed: $(STAMP)
	$(PY) -m server seed

bench: $(STAMP)
	$(PY) -m bench

schema: $(STAMP)
	$(PY) -m server export-schema > schema.graphql

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache node_modules
