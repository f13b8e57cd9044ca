# Two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo serve test test-fast lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: pip takes the CPU wheel; an unpinned torch would pull a CUDA build
	$(BIN)/python -m pip install -q torch==2.13.0
	# the ray extra too: `make test` (and CI) runs the Ray engine's test (tests/test_engines.py)
	$(BIN)/python -m pip install -q -e '.[test,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/wirecheck demo --out out/demo

# the web UI on the demo corpus (analysed first when out/demo has no store yet): http://127.0.0.1:8000/
serve: $(STAMP)
	test -f out/demo/wirecheck.db || $(BIN)/wirecheck demo --out out/demo
	$(BIN)/wirecheck serve --db out/demo/wirecheck.db

# the whole suite: lint, types, then both test tiers (model-free and model); what CI runs
test: $(STAMP) lint
	$(BIN)/python -m pytest -q -m ""

# the fast tier alone: tests that load no model (a few seconds)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf out wirecheck.db wirecheck.db-wal wirecheck.db-shm wirecheck.db.lock .pytest_cache .mypy_cache .ruff_cache
