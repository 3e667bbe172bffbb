"""Tiny fake benchmark scripts in a temporary folder, for the suite's tests."""

import textwrap

import pytest

FAKE_BENCHMARKS = {
    # writes its own JSON and a plot, prints (which must land in its log, not on stdout)
    "alpha.py": """
        import json
        from pathlib import Path
        import _shared

        def run(quick, out_dir):
            print("alpha is running")
            result = {"quick": quick, "value": _shared.VALUE}
            Path(out_dir, "alpha.json").write_text(json.dumps(result))
            Path(out_dir, "alpha.png").write_bytes(b"png")
            return result
    """,
    # fails: must not stop the others
    "boom.py": """
        def run(quick, out_dir):
            raise RuntimeError("boom went the benchmark")
    """,
    # fails at import time
    "broken_import.py": """
        import qcog_module_that_does_not_exist

        def run(quick, out_dir):
            return {}
    """,
    # returns a dict but writes no JSON: the suite writes it
    "gamma.py": """
        def run(quick, out_dir):
            return {"n": [4, 8], "speedup": 3.5}
    """,
    # returns something that is not a dict
    "notdict.py": """
        def run(quick, out_dir):
            return 42
    """,
    # not a benchmark: no run(); executing it would fail
    "gpu_check.py": """
        raise SystemExit("gpu_check must not be executed by discovery")

        def main():
            pass
    """,
    # helper module, skipped by name (it even has a run())
    "_shared.py": """
        VALUE = 7

        def run(quick, out_dir):
            raise AssertionError("helpers are not benchmarks")
    """,
}


@pytest.fixture
def bench_dir(tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    for name, source in FAKE_BENCHMARKS.items():
        (folder / name).write_text(textwrap.dedent(source))
    (folder / "notes.txt").write_text("not python")
    return folder


#: A benchmark that declares verdict rows, a card, measures and its progress.
VERDICT_BENCHMARK = """
from qcog.bench.card import card_fields, measure
from qcog.bench.stats import compare, compare_timings
from qcog.bench.verdicts import verdict_row

QUANTUM = [0.90, 0.91, 0.92, 0.90, 0.91]
TWIN = [0.80, 0.82, 0.81, 0.80, 0.79]


def run(quick, out_dir, progress=None):
    for step in range(3):
        if progress is not None:
            progress(step + 1, 3, f"seed {step}")
    return {
        "verdicts": [
            verdict_row("test accuracy, toy", compare(QUANTUM, TWIN), quantum="hybrid",
                        classical="twin", note="5 seeds"),
            verdict_row("seconds per run, toy", compare_timings([1.0, 1.1, 1.05, 0.95, 1.0],
                        [1.0, 1.02, 1.1, 0.97, 1.01]), quantum="qcog", classical="peerlib",
                        unit="s", versus="peer", headline=False),
        ],
        "tracked": [measure("2q gates, toy", 96, higher_is_better=False)],
        "card": card_fields(seeds=[0, 1, 2, 3, 4], shots=100, counts={"twoq": 96}),
    }
"""


@pytest.fixture
def verdict_bench(tmp_path):
    """A benchmarks folder holding one benchmark with verdicts (``delta``)."""
    folder = tmp_path / "verdict_benchmarks"
    folder.mkdir()
    (folder / "delta.py").write_text(VERDICT_BENCHMARK)
    return folder
