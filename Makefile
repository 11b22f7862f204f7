# Two commands do all the set-up on a fresh machine with python3 and make:
#   make demo   analyze the bundled example and print the readable report
#   make test   run the test suite, ruff and mypy
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench score clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,gazetteer]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad analyze --format text examples/2026-02-23-us-withdrawal-syria.txt

test: $(STAMP)
	$(BIN)/pytest -q
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/marsad bench ../shared/eval/dev/news-sample.jsonl

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py --cmd "$(BIN)/marsad analyze --format jsonl" ../shared/eval/dev/*.gold.json

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
