"""The tutorials run end to end (small sizes), and the committed notebooks are clean.

Each notebook runs in a fresh ``python3`` kernel of this interpreter (ipykernel), with
``QCOG_TUTORIAL_SMALL=1`` so it finishes in about a minute here.
"""

import importlib.util
import json
import time
from pathlib import Path

import pytest

TUTORIALS = Path(__file__).resolve().parents[2] / "tutorials"
#: Seconds one notebook may take in small mode (they take ~15-60 s on a 2-core machine).
NOTEBOOK_TIMEOUT_S = 240


def _load_build():
    spec = importlib.util.spec_from_file_location("_qcog_tutorials_build", TUTORIALS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()
#: Notebooks that plot only when benchmark results exist (committed under benchmarks/results/).
NEEDS_BENCHMARK_RESULTS = {"07_classical_vs_quantum"}
NOTEBOOKS = [TUTORIALS / f"{source.stem}.ipynb" for source in build.sources()]


def _benchmark_results() -> dict:
    from qcog.bench import benchmarks_dir, load_results

    return load_results(benchmarks_dir() / "results")


def test_there_are_tutorials_in_order():
    names = [p.name for p in NOTEBOOKS]
    assert names and names == sorted(names)
    assert names[0].startswith("01_")


def test_committed_notebooks_match_their_sources_and_have_no_outputs():
    assert build.check() == []


def test_has_outputs_detects_outputs():
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    assert not build.has_outputs(notebook)
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", text="1")]
    assert build.has_outputs(notebook)


def test_parse_cells_percent_format():
    text = "# header, ignored\n\n# %% [markdown]\n# # Title\n#\n# text\n\n# %%\nx = 1\n\n# %%\n\n# %%\nprint(x)\n"
    assert build.parse_cells(text) == [
        ("markdown", "# Title\n\ntext"),
        ("code", "x = 1"),
        ("code", "print(x)"),
    ]


def test_kernel_is_this_interpreter_and_sees_the_small_switch(tmp_path):
    import sys

    import nbformat

    path = tmp_path / "probe.ipynb"
    probe = "import os, sys; print(sys.executable); print(os.environ.get('QCOG_TUTORIAL_SMALL'))"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)]), path)
    out = build.execute(path, small=True, timeout=60).cells[0].outputs[0].text.split()
    assert Path(out[0]).resolve() == Path(sys.executable).resolve()
    assert out[1] == "1"


@pytest.mark.timeout(NOTEBOOK_TIMEOUT_S + 30)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    notebook = build.execute(path, small=True, timeout=NOTEBOOK_TIMEOUT_S)
    elapsed = time.perf_counter() - start
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code_cells)
    # the notebook shows at least one plot
    plots = any("image/png" in o.get("data", {}) for c in code_cells for o in c.outputs)
    assert plots or (path.stem in NEEDS_BENCHMARK_RESULTS and not _benchmark_results())
    print(f"{path.name}: {elapsed:.1f} s")
    json.dumps(notebook)  # the executed notebook is valid JSON
