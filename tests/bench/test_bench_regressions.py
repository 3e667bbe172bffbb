"""``qcog bench --compare``: what got slower or worse between two result folders."""

import json

import pytest

from qcog.bench.card import build_card, measure, write_card
from qcog.bench.regressions import compare_folders, judge, regressions_text
from qcog.bench.stats import compare, mean_interval, timing
from qcog.bench.verdicts import verdict_row
from qcog.cli import main
from qcog.exceptions import QcogValueError

SEEDS_OLD = [0.90, 0.91, 0.92, 0.90, 0.91]


def _write(folder, name="toy", status="ok", quick=False, **values):
    """A card as a benchmark run with ``values`` would leave it."""
    folder.mkdir(exist_ok=True)
    result = {
        "tracked": [
            measure("seconds, n = 10", timing(values["seconds"]), higher_is_better=False, unit="s"),
            measure("2q gates, n = 10", values["gates"], higher_is_better=False),
            measure("accuracy", mean_interval(values["accuracy"]), higher_is_better=True),
        ],
        "verdicts": [
            verdict_row(
                "accuracy vs twin", compare(values["accuracy"], values["twin"]), "hybrid", "twin"
            )
        ],
    }
    entry = {
        "status": status,
        "quick": quick,
        "wall_s": 1.0,
        "error": None if status == "ok" else "Boom",
    }
    write_card(folder, build_card(name, result if status == "ok" else None, entry))


BASE = {
    "seconds": [1.0, 1.02, 0.98, 1.01, 0.99],
    "gates": 96,
    "accuracy": SEEDS_OLD,
    "twin": [0.80, 0.82, 0.81, 0.80, 0.79],
}


def _changes(report):
    return {(c.measure, c.change) for c in report.changes}


def test_identical_runs_within_noise_report_nothing_worse(tmp_path):
    _write(tmp_path / "old", **BASE)
    _write(tmp_path / "new", **{**BASE, "seconds": [1.05, 0.97, 1.03, 1.0, 0.96]})
    report = compare_folders(tmp_path / "old", tmp_path / "new")
    assert report.worse == [] and report.warnings == []
    assert ("seconds, n = 10", "within noise") in _changes(report)


def test_slower_more_gates_lower_accuracy_and_a_lost_verdict_are_listed(tmp_path):
    _write(tmp_path / "old", **BASE)
    _write(
        tmp_path / "new",
        seconds=[1.5, 1.52, 1.48, 1.51, 1.49],
        gates=100,
        accuracy=[0.80, 0.81, 0.82, 0.80, 0.81],
        twin=[0.80, 0.82, 0.81, 0.80, 0.79],
    )
    report = compare_folders(tmp_path / "old", tmp_path / "new")
    worse = {c.measure for c in report.worse}
    assert {"seconds, n = 10", "2q gates, n = 10", "accuracy"} <= worse
    assert ("accuracy vs twin", "verdict changed") in _changes(report)
    text = regressions_text(report.to_dict())
    assert "WORSE" in text and "+50.0% median" in text and "quantum better" in text


def test_faster_is_better_not_worse(tmp_path):
    _write(tmp_path / "old", **BASE)
    _write(tmp_path / "new", **{**BASE, "seconds": [0.5, 0.52, 0.49, 0.51, 0.5], "gates": 90})
    report = compare_folders(tmp_path / "old", tmp_path / "new")
    assert report.worse == []
    assert {("seconds, n = 10", "better"), ("2q gates, n = 10", "better")} <= _changes(report)


def test_a_benchmark_that_now_fails_is_worse_and_modes_are_warned(tmp_path):
    _write(tmp_path / "old", **BASE)
    _write(tmp_path / "new", status="failed", quick=True, **BASE)
    report = compare_folders(tmp_path / "old", tmp_path / "new")
    assert [(c.measure, c.change) for c in report.worse] == [("(status)", "worse")]
    assert any("full mode before, quick now" in w for w in report.warnings)


def test_small_slowdown_with_overlapping_spread_is_noise():
    old = {
        "kind": "timing",
        "higher_is_better": False,
        "value": {"median": 1.0, "q1": 0.8, "q3": 1.3, "n": 5},
    }
    new = {**old, "value": {"median": 1.2, "q1": 1.1, "q3": 1.4, "n": 5}}
    assert judge(old, new)[0] == "within noise"


def test_one_seed_is_not_judged():
    old = {"kind": "interval", "higher_is_better": True, "value": {"mean": 0.9, "n": 1, "std": 0}}
    new = {**old, "value": {"mean": 0.5, "n": 1, "std": 0}}
    assert judge(old, new)[0] == "not judged"


def test_missing_or_empty_folders_are_clear_errors(tmp_path):
    with pytest.raises(QcogValueError, match="does not exist"):
        compare_folders(tmp_path / "nope", tmp_path)
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "old", **BASE)
    with pytest.raises(QcogValueError, match="no benchmark results"):
        compare_folders(tmp_path / "old", tmp_path / "empty")


def test_cli_compare_exits_1_on_a_regression_and_prints_json(tmp_path, capsys):
    _write(tmp_path / "old", **BASE)
    _write(tmp_path / "new", **{**BASE, "gates": 120})
    status = main(
        ["bench", "--compare", str(tmp_path / "old"), "--out", str(tmp_path / "new"), "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert status == 1 and data["worse"] == 1
    assert main(["bench", "--compare", str(tmp_path / "old"), "--out", str(tmp_path / "old")]) == 0
    assert "0 worse" in capsys.readouterr().out
