# junheng — set-up and the everyday commands. Everything the project needs is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test lint bench clean

# Web assets (npm) and the test browser live in mk/web.mk.
-include mk/*.mk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check src tests bench

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

demo: install
	$(BIN)/junheng demo --out demo

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo test-artifacts .pytest_cache
