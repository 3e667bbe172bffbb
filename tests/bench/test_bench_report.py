import pytest

from qcog.bench import formats
from qcog.bench.formats import BenchmarkFormat
from qcog.bench.report import render_report, write_report
from qcog.bench.suite import discover, run_suite

MACHINE = {
    "cpu_model": "Test CPU 9000",
    "logical_cores": 2,
    "usable_cores": 2,
    "memory_gib": 23.4,
    "load_average": [1.0, 1.5, 2.0],
    "python": "3.11.9",
    "platform": "Linux-test",
    "packages": {"qiskit": "2.6.0", "torch": None},
    "gpu": {"aer_gpu": False, "aer_gpu_reason": "no GPU here", "torch_cuda": {"available": False}},
    "date": "2025-01-02T03:04:05+00:00",
}


@pytest.fixture
def results(bench_dir, tmp_path):
    out = tmp_path / "out"
    run_suite(discover(bench_dir), quick=True, out_dir=out, progress=False, machine=MACHINE)
    return out


def test_report_states_machine_versions_and_date(results):
    text = write_report(results).read_text()
    assert text == render_report(results)
    for expected in (
        "Test CPU 9000",
        "2 logical",
        "23.4 GiB",
        "| qiskit | 2.6.0 |",
        "| torch | not installed |",
        "2025-01-02T03:04:05+00:00",
        "no usable Aer GPU (no GPU here)",
    ):
        assert expected in text


def test_report_lists_failures_with_their_error_and_links_plots(results):
    text = render_report(results)
    assert "**failed**: RuntimeError: boom went the benchmark" in text
    assert "**Error:** `TypeError: run() returned int, expected a dict`" in text
    assert "![alpha: alpha.png](alpha.png)" in text
    assert "Mode: **quick** (small sizes, a few minutes)." in text
    # generic format: the top-level scalars of the JSON
    assert "| speedup | 3.5 |" in text and "| value | 7 |" in text


def test_registered_format_gives_the_side_by_side_table(results, monkeypatch):
    monkeypatch.setitem(
        formats.FORMATS,
        "gamma",
        BenchmarkFormat(
            title="Gamma search",
            compares="classical scan versus quantum",
            headline=lambda r: [["speedup", 1.0, r["speedup"], "measured"]],
            details=lambda r: f"gamma n = {r['n']}",
            order=0,
        ),
    )
    text = render_report(results)
    assert "| Gamma search | speedup | 1 | 3.5 | measured |" in text
    assert "gamma n = [4, 8]" in text and "_classical scan versus quantum_" in text
    # order: the registered format comes first among the sections
    assert text.index("## Gamma search") < text.index("## alpha")


def test_a_failing_format_falls_back_to_the_raw_numbers(results, monkeypatch):
    def broken(result):
        return result["no_such_key"]

    monkeypatch.setitem(
        formats.FORMATS, "gamma", BenchmarkFormat("Gamma", "", headline=broken, details=broken)
    )
    text = render_report(results)
    assert "the gamma format failed: KeyError" in text
    assert "(headline failed: KeyError)" in text
    assert "| speedup | 3.5 |" in text


def test_empty_folder_gives_a_report_without_benchmarks(tmp_path):
    text = render_report(tmp_path)
    assert "# qcog benchmarks" in text and "_not recorded_" in text


def test_report_says_when_modes_are_mixed(results, bench_dir):
    from qcog.bench.suite import select

    run_suite(
        select(discover(bench_dir), ["gamma"]),
        quick=False,
        out_dir=results,
        progress=False,
        machine=MACHINE,
    )
    assert "Mode: **mixed** (see each benchmark)." in render_report(results)


def test_report_renders_verdicts_with_intervals_holm_and_an_error_bar_plot(verdict_bench, tmp_path):
    out = tmp_path / "out"
    run_suite(discover(verdict_bench), quick=True, out_dir=out, progress=False, machine=MACHINE)
    text = write_report(out).read_text()
    assert "## Verdicts: classical versus quantum, with 95 % intervals" in text
    assert "**Quick mode**: fewer seeds and repeats" in text
    line = next(
        row for row in text.splitlines() if row.startswith("| delta | test accuracy, toy |")
    )
    assert "twin: 0.804 [0.7898, 0.8182] (n=5)" in line  # t(0.975, 4) = 2.776, sd 0.0114
    assert "hybrid: 0.908 [0.8976, 0.9184] (n=5)" in line
    assert (
        "(difference) | **quantum better** | yes | `qcog bench --only delta --quick` | 5 seeds |"
        in line
    )
    timing_line = next(
        row for row in text.splitlines() if "| delta | seconds per run, toy |" in row
    )
    assert "(ratio) | **no significant difference** | - |" in timing_line
    assert "peerlib: 1.01 s (IQR" in timing_line
    assert (out / "delta.verdicts.png").exists() and "(delta.verdicts.png)" in text
    assert "**Verdicts**" in text  # the benchmark's own section repeats its rows


def test_cards_are_not_taken_for_results(verdict_bench, tmp_path):
    from qcog.bench.report import load_results

    run_suite(discover(verdict_bench), quick=True, out_dir=tmp_path, progress=False, machine={})
    assert list(load_results(tmp_path)) == ["delta"]
