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


def test_quick_runs_default_to_an_ignored_folder_and_never_touch_full_results(small_bench, capsys):
    assert main(["bench", "--dir", str(small_bench), "--only", "ok_one", "--no-progress"]) == 0
    full = (small_bench / "results" / "ok_one.json").read_text()
    capsys.readouterr()
    assert (
        main(
            [
                "bench",
                "--quick",
                "--dir",
                str(small_bench),
                "--only",
                "ok_one",
                "--json",
                "--no-progress",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["out_dir"] == str(small_bench / "results-quick")
    assert json.loads((small_bench / "results-quick" / "ok_one.json").read_text())["quick"] is True
    assert (small_bench / "results" / "ok_one.json").read_text() == full


def test_a_quick_run_into_a_folder_of_full_results_is_refused(small_bench, capsys):
    assert main(["bench", "--dir", str(small_bench), "--only", "ok_one", "--no-progress"]) == 0
    out = small_bench / "results"
    status = main(
        ["bench", "--quick", "--dir", str(small_bench), "--out", str(out), "--only", "ok_one"]
    )
    assert status == 2
    err = capsys.readouterr().err
    assert "holds full-mode results (ok_one)" in err and "results-quick" in err
    assert json.loads((out / "ok_one.json").read_text())["quick"] is False


def test_report_only_rewrites_the_readme_headline(small_bench, tmp_path, capsys):
    from qcog.bench.readme import END, START

    (small_bench / "verdicts_one.py").write_text(
        textwrap.dedent(
            """
            from qcog.bench.stats import compare
            from qcog.bench.verdicts import verdict_row

            def run(quick, out_dir):
                c = compare([0.9, 0.92, 0.91], [0.8, 0.81, 0.79])
                return {"verdicts": [verdict_row("accuracy", c, "hybrid", "twin")]}
            """
        )
    )
    out = tmp_path / "r"
    assert (
        main(
            [
                "bench",
                "--dir",
                str(small_bench),
                "--only",
                "verdicts_one",
                "--out",
                str(out),
                "--no-progress",
            ]
        )
        == 0
    )
    readme = tmp_path / "README.md"
    readme.write_text(f"{START}\n{END}\n")
    assert (
        main(
            [
                "bench",
                "--dir",
                str(small_bench),
                "--out",
                str(out),
                "--report-only",
                "--readme",
                str(readme),
            ]
        )
        == 0
    )
    assert "| verdicts_one | accuracy |" in readme.read_text()
