# The two commands of the README's Quick start. Each creates/updates .venv itself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch that lies on this kind of machine's disk; an unpinned torch
# would pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0

.PHONY: demo test bench bench-full tutorials lint clean

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

# The peers the benchmarks compare against, in an environment of their own: Qrisp pins
# qiskit and sympy below what qcog's core uses, and TorchQuantum pins torch 2.4 (a CUDA
# build), so it is installed without its dependencies (benchmarks/peers-no-deps.txt).
# The bench extra is installed by name after qcog: resolved together with torch, pip would
# downgrade torch to 2.4 to satisfy Qrisp's sympy pin (the last line checks it did not).
BENCH_VENV ?= .venv-bench
$(BENCH_VENV)/bin/.installed: pyproject.toml Makefile benchmarks/peers-no-deps.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet "$(TORCH)"
	$(BENCH_VENV)/bin/python -m pip install --quiet -e ".[test,text]"
	$(BENCH_VENV)/bin/python -m pip install --quiet $$($(BENCH_VENV)/bin/python -c \
	  "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['bench']))")
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps -r benchmarks/peers-no-deps.txt
	$(BENCH_VENV)/bin/python -c "import torch; assert torch.__version__.startswith('$(patsubst torch==%,%,$(TORCH))'), torch.__version__"
	touch $@

bench-full: $(BENCH_VENV)/bin/.installed
	$(BENCH_VENV)/bin/qcog bench

tutorials: $(BIN)/.installed
	$(BIN)/python tutorials/build.py --execute

lint: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check qcog tests benchmarks examples

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache build *.egg-info
