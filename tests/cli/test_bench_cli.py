import json
import textwrap

import pytest

from qcog.cli import main


@pytest.fixture
def small_bench(tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    (folder / "ok_one.py").write_text(
        textwrap.dedent(
            """
            def run(quick, out_dir):
                print("noise on stdout")
                return {"quick": quick, "ratio": 2.0}
            """
        )
    )
    (folder / "bad_one.py").write_text(
        "def run(quick, out_dir):\n    raise ValueError('bad input')\n"
    )
    return folder


def test_bench_json_runs_all_reports_failures_and_exits_1(small_bench, tmp_path, capsys):
    out = tmp_path / "results"
    status = main(
        [
            "bench",
            "--quick",
            "--dir",
            str(small_bench),
            "--out",
            str(out),
            "--json",
            "--no-progress",
        ]
    )
    assert status == 1
    data = json.loads(capsys.readouterr().out)  # exactly one JSON object despite the print
    assert {o["name"]: o["status"] for o in data["outcomes"]} == {
        "bad_one": "failed",
        "ok_one": "ok",
    }
    assert data["quick"] is True and data["report"] == str(out / "report.md")
    assert "ValueError: bad input" in (out / "report.md").read_text()
    assert json.loads((out / "ok_one.json").read_text()) == {"quick": True, "ratio": 2.0}


def test_bench_only_succeeds_and_defaults_out_to_results_beside_the_benchmarks(small_bench, capsys):
    assert main(["bench", "--dir", str(small_bench), "--only", "ok_one"]) == 0
    captured = capsys.readouterr()
    assert "ok_one" in captured.out and "1 ok, 0 failed" in captured.out
    assert "qcog bench" in captured.err  # the progress bar
    assert (small_bench / "results" / "report.md").exists()
    assert not (small_bench / "results" / "bad_one.json").exists()


def test_bench_list_and_report_only(small_bench, tmp_path, capsys):
    assert main(["bench", "--dir", str(small_bench), "--list", "--json"]) == 0
    assert [b["name"] for b in json.loads(capsys.readouterr().out)["benchmarks"]] == [
        "bad_one",
        "ok_one",
    ]
    assert main(["bench", "--dir", str(small_bench), "--out", str(tmp_path), "--report-only"]) == 0
    assert (tmp_path / "report.md").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--only", "nope"], "unknown benchmark 'nope'"),
        (["--dir", "/nonexistent/benchmarks"], "does not exist"),
    ],
)
def test_bench_bad_input_is_one_line_and_status_2(small_bench, capsys, argv, message):
    if "--dir" not in argv:
        argv = ["--dir", str(small_bench), *argv]
    assert main(["bench", *argv]) == 2
    assert message in capsys.readouterr().err


def test_bench_empty_folder_is_an_error(tmp_path, capsys):
    assert main(["bench", "--dir", str(tmp_path)]) == 2
    assert "no benchmarks in" in capsys.readouterr().err
