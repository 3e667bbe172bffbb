"""The benchmark suite behind ``qcog bench``: discover, run, report.

Benchmarks are plain scripts in the source tree's ``benchmarks/`` directory. A script
is a benchmark when it defines a top-level ``run(quick, out_dir) -> dict`` function;
it writes ``<name>.json`` (and plots) into ``out_dir``. :func:`run_suite` runs them
one after the other, a failing benchmark is recorded without stopping the others, and
:func:`write_report` puts every result into one markdown report, classical and quantum
side by side.

>>> from qcog.bench import BenchmarkSpec
>>> BenchmarkSpec.__name__
'BenchmarkSpec'
"""

from qcog.bench.report import headline_rows, load_results, render_report, write_report
from qcog.bench.suite import (
    BenchmarkOutcome,
    BenchmarkSpec,
    benchmarks_dir,
    discover,
    read_record,
    run_suite,
    select,
)

__all__ = [
    "BenchmarkOutcome",
    "BenchmarkSpec",
    "benchmarks_dir",
    "discover",
    "headline_rows",
    "load_results",
    "read_record",
    "render_report",
    "run_suite",
    "select",
    "write_report",
]
