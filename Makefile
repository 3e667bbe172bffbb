# The two commands of the README's Quick start. Each creates/updates .venv itself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch that lies on this kind of machine's disk; an unpinned torch
# would pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0

.PHONY: demo test bench tutorials lint clean

$(BIN)/.installed: pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[test,text]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/qcog demo

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q

bench: $(BIN)/.installed
	$(BIN)/qcog bench --quick

tutorials: $(BIN)/.installed
	$(BIN)/python tutorials/build.py --execute

lint: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check qcog tests benchmarks examples

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
