# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make run   -> .venv, install, build the seeds into out/
#   make test  -> .venv, install, external components (browser, stores), the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test externals bench lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds --out out

# Real external consumers the tests drive: Chromium (views), Virtuoso, the Oxigraph server and
# Comunica (SPARQL). Each script installs what is missing and never fails the build; the tests
# that need a missing component skip with the reason.
externals: $(STAMP)
	bash scripts/setup-browser.sh
	bash scripts/setup-stores.sh
	bash scripts/setup-parsers.sh

test: externals
	$(BIN)/python -m pytest -n 2

# Speed and scale (issue #8): synthetic corpora of 1k and 10k articles (BENCH_ARGS=--large adds
# 100k), every figure next to a baseline measured in the same run; results in build/bench/.
bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_scale.py --sizes 1000 10000 $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check kg tests
	$(BIN)/mypy kg

clean:
	rm -rf out build *.egg-info
