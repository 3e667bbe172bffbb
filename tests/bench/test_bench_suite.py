import json
import sys

import pytest

from qcog.bench.suite import (
    BenchmarksNotFoundError,
    benchmarks_dir,
    discover,
    is_benchmark,
    read_record,
    run_benchmark,
    run_suite,
    select,
)
from qcog.exceptions import QcogValueError


def test_discover_finds_scripts_with_a_run_function_only(bench_dir):
    names = [spec.name for spec in discover(bench_dir)]
    assert names == ["alpha", "boom", "broken_import", "gamma", "notdict"]


def test_a_file_that_does_not_parse_counts_as_a_benchmark(tmp_path):
    path = tmp_path / "bad_syntax.py"
    path.write_text("def run(:\n")
    assert is_benchmark(path)
    (tmp_path / "script.py").write_text("print('hi')\n")
    assert not is_benchmark(tmp_path / "script.py")


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(BenchmarksNotFoundError, match="does not exist"):
        discover(tmp_path / "nowhere")


def test_default_directory_is_next_to_the_package():
    from pathlib import Path

    import qcog

    folder = Path(qcog.__file__).resolve().parents[1] / "benchmarks"
    if folder.is_dir():
        assert benchmarks_dir() == folder
    else:
        with pytest.raises(BenchmarksNotFoundError, match="source tree"):
            benchmarks_dir()


@pytest.mark.parametrize(
    "only, expected",
    [
        (None, ["alpha", "boom", "broken_import", "gamma", "notdict"]),
        (["gamma"], ["gamma"]),
        (["gamma", "alpha"], ["alpha", "gamma"]),
        (["alpha,boom"], ["alpha", "boom"]),
    ],
)
def test_select(bench_dir, only, expected):
    assert [s.name for s in select(discover(bench_dir), only)] == expected


def test_select_unknown_name_lists_the_available_ones(bench_dir):
    with pytest.raises(QcogValueError, match="unknown benchmark 'nope'.*available: alpha, boom"):
        select(discover(bench_dir), ["nope"])


def test_failures_are_isolated_and_reported(bench_dir, tmp_path, capsys):
    out = tmp_path / "out"
    outcomes = run_suite(
        discover(bench_dir), quick=True, out_dir=out, progress=True, machine={"cpu_model": "x"}
    )
    by_name = {o.name: o for o in outcomes}
    assert [o.name for o in outcomes] == ["alpha", "boom", "broken_import", "gamma", "notdict"]
    assert {n: o.status for n, o in by_name.items()} == {
        "alpha": "ok",
        "boom": "failed",
        "broken_import": "failed",
        "gamma": "ok",
        "notdict": "failed",
    }
    assert by_name["boom"].error == "RuntimeError: boom went the benchmark"
    assert by_name["broken_import"].error.startswith("ModuleNotFoundError")
    assert by_name["notdict"].error == "TypeError: run() returned int, expected a dict"
    # the quick flag reached the benchmark, and the sibling helper module was importable
    assert by_name["alpha"].result == {"quick": True, "value": 7}
    assert {"alpha.json", "alpha.png", "alpha.log"} <= set(by_name["alpha"].files)
    # printed output and tracebacks go to the logs, never to stdout
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "qcog bench" in captured.err and "boom: FAILED" in captured.err
    assert "alpha is running" in (out / "alpha.log").read_text()
    assert "Traceback" in (out / "boom.log").read_text()
    # a benchmark that wrote no JSON gets its returned dict written
    assert json.loads((out / "gamma.json").read_text()) == {"n": [4, 8], "speedup": 3.5}
    # the record keeps every outcome and the machine
    record = read_record(out)
    assert record["machine"] == {"cpu_model": "x"}
    assert record["benchmarks"]["boom"]["status"] == "failed"
    assert "result" not in record["benchmarks"]["alpha"]


def test_loading_leaves_no_trace_in_sys(bench_dir, tmp_path):
    path_before, modules_before = list(sys.path), set(sys.modules)
    run_benchmark(discover(bench_dir)[0], quick=False, out_dir=tmp_path)
    assert sys.path == path_before
    assert not {m for m in set(sys.modules) - modules_before if m.startswith("_qcog_benchmark_")}


def test_a_later_run_updates_only_its_entries(bench_dir, tmp_path):
    specs = discover(bench_dir)
    run_suite(specs, quick=True, out_dir=tmp_path, progress=False, machine={})
    first = read_record(tmp_path)["benchmarks"]
    run_suite(select(specs, ["gamma"]), quick=False, out_dir=tmp_path, progress=False, machine={})
    second = read_record(tmp_path)["benchmarks"]
    assert set(second) == set(first)
    assert second["gamma"]["quick"] is False and second["alpha"] == first["alpha"]


def test_runs_from_two_environments_keep_their_versions_and_the_report_names_them(
        bench_dir, tmp_path):
    from qcog.bench.report import render_report

    specs = discover(bench_dir)
    peers = {"packages": {"qiskit": "2.5.2", "torch": "2.13.0"}}
    core = {"packages": {"qiskit": "2.6.2", "torch": "2.13.0"}}
    run_suite(select(specs, ["gamma"]), quick=True, out_dir=tmp_path, progress=False, machine=peers)
    run_suite(select(specs, ["alpha"]), quick=True, out_dir=tmp_path, progress=False, machine=core)
    record = read_record(tmp_path)
    assert record["benchmarks"]["gamma"]["packages"]["qiskit"] == "2.5.2"
    assert record["machine"]["packages"]["qiskit"] == "2.6.2"
    report = render_report(tmp_path)
    assert "| gamma | qiskit 2.5.2 |" in report
    assert "| alpha |" not in report.split("## Machine")[1]


def test_isolated_run_gives_the_same_outcomes_in_child_processes(bench_dir, tmp_path):
    outcomes = run_suite(
        discover(bench_dir), quick=True, out_dir=tmp_path, progress=False, machine={}, isolate=True
    )
    by_name = {o.name: o for o in outcomes}
    assert by_name["alpha"].result == {"quick": True, "value": 7}
    assert by_name["boom"].error == "RuntimeError: boom went the benchmark"
    assert by_name["broken_import"].error.startswith("ModuleNotFoundError")
    assert by_name["notdict"].error == "TypeError: run() returned int, expected a dict"
    assert json.loads((tmp_path / "gamma.json").read_text()) == {"n": [4, 8], "speedup": 3.5}
    assert "alpha is running" in (tmp_path / "alpha.log").read_text()
    assert "Traceback" in (tmp_path / "boom.log").read_text()


CRASHERS = {
    "killed.py": "import os, signal\n\ndef run(quick, out_dir):\n    os.kill(os.getpid(), signal.SIGKILL)\n",
    "slow.py": "import time\n\ndef run(quick, out_dir):\n    time.sleep(60)\n    return {}\n",
    "threads.py": "import sys\n\ndef run(quick, out_dir):\n    sys.setrecursionlimit(123)\n    return {}\n",
    "zz_after.py": "import sys\n\ndef run(quick, out_dir):\n    return {'limit': sys.getrecursionlimit()}\n",
}


def test_a_crash_a_timeout_or_changed_global_state_do_not_reach_the_next_benchmark(tmp_path):
    folder = tmp_path / "crashers"
    folder.mkdir()
    for name, source in CRASHERS.items():
        (folder / name).write_text(source)
    outcomes = run_suite(
        discover(folder),
        quick=False,
        out_dir=tmp_path / "out",
        progress=False,
        machine={},
        isolate=True,
        timeout_s=4,
    )
    by_name = {o.name: o for o in outcomes}
    assert (
        by_name["killed"].error == "benchmark process killed by signal 9 (SIGKILL) (out of memory?)"
    )
    assert by_name["slow"].error.startswith("TimeoutExpired: no result within 4 s")
    assert by_name["threads"].ok
    assert by_name["zz_after"].ok and by_name["zz_after"].result["limit"] != 123
