# mailbot: `make demo` shows it working, `make test` runs the whole suite.
# Both create .venv/ in this folder and install what they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus
# Test processes: the integration tests mostly wait on servers, so more than the CPUs pays.
TEST_WORKERS ?= 4

.PHONY: demo test lint typecheck unit integration eval holdout bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

system-deps:
	./scripts/install-system-deps.sh

demo: $(STAMP) system-deps
	$(BIN)/python scripts/demo.py

test: $(STAMP) system-deps
	$(BIN)/ruff check mailbot tests scripts benchmarks
	$(BIN)/mypy mailbot
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)
	@for corpus in tests/data/corpus_*/; do \
		$(BIN)/mailbot eval $$corpus --quiet || exit 1; done
	@if [ -d "$(CORPUS)" ]; then $(BIN)/mailbot eval "$(CORPUS)" --quiet; else echo "($(CORPUS) not present: corpus evaluation skipped)"; fi

lint: $(STAMP)
	$(BIN)/ruff check mailbot tests scripts
	$(BIN)/ruff format --check mailbot tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy mailbot

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

eval: $(STAMP)
	$(BIN)/mailbot eval "$(CORPUS)"

# Corpora measured but not tuned to: their scores, for information (never a failure).
holdout: $(STAMP)
	@for corpus in tests/data/holdout/*/; do echo "$$corpus"; \
		$(BIN)/mailbot eval $$corpus --quiet --min-outcome 0 --max-wrong-confirmed 1000 --no-require-final-state \
		| grep -E "^scores|wrongly"; done

bench: $(STAMP) system-deps
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info demo-output
