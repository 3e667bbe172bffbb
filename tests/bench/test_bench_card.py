"""Cards: one machine-readable summary per benchmark run, written next to its JSON."""

import json

import pytest

from qcog.bench.card import (
    DECLARED,
    build_card,
    card_fields,
    measure,
    read_card,
    reproduce_command,
)
from qcog.bench.stats import mean_interval, timing
from qcog.bench.suite import discover, run_suite
from qcog.exceptions import QcogValueError


def test_suite_writes_a_card_next_to_the_json(verdict_bench, tmp_path):
    out = tmp_path / "out"
    [outcome] = run_suite(
        discover(verdict_bench),
        quick=True,
        out_dir=out,
        progress=False,
        machine={"cpu_model": "Test CPU", "packages": {"qiskit": "2.6"}},
    )
    assert outcome.ok and "delta.card.json" in outcome.files
    card = json.loads((out / "delta.card.json").read_text())
    assert card == read_card(out, "delta")
    assert card["benchmark"] == "delta" and card["mode"] == "quick" and card["status"] == "ok"
    assert card["seeds"] == [0, 1, 2, 3, 4] and card["shots"] == 100
    assert card["counts"] == {"twoq": 96} and card["flops"] is None
    assert card["command"] == "qcog bench --only delta --quick"
    assert card["machine"]["cpu_model"] == "Test CPU" and card["packages"] == {"qiskit": "2.6"}
    assert card["wall_s"] == outcome.wall_s
    assert [v["measure"] for v in card["verdicts"]] == [
        "test accuracy, toy",
        "seconds per run, toy",
    ]
    names = [m["name"] for m in card["measures"]]
    assert names == [
        "2q gates, toy",
        "test accuracy, toy [hybrid]",
        "test accuracy, toy [difference]",
        "seconds per run, toy [qcog]",
        "seconds per run, toy [time ratio]",
    ]


def test_every_card_has_the_same_keys_even_for_a_failure(bench_dir, tmp_path):
    run_suite(discover(bench_dir), quick=False, out_dir=tmp_path, progress=False, machine={})
    cards = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.card.json")}
    assert set(cards) == {
        f"{n}.card.json" for n in ("alpha", "boom", "broken_import", "gamma", "notdict")
    }
    assert len({tuple(c) for c in cards.values()}) == 1  # identical key sets
    boom = cards["boom.card.json"]
    assert boom["status"] == "failed" and "boom went" in boom["error"]
    assert boom["mode"] == "full" and boom["verdicts"] == [] and boom["measures"] == []
    assert all(boom[key] is None for key in DECLARED)


def test_a_malformed_verdict_row_is_reported_in_the_card(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "bad.py").write_text(
        "def run(quick, out_dir):\n    return {'verdicts': [{'x': 1}]}\n"
    )
    [outcome] = run_suite(
        discover(folder), quick=True, out_dir=tmp_path, progress=False, machine={}
    )
    card = read_card(tmp_path, "bad")
    assert outcome.ok and "needs a 'measure'" in card["error"]


@pytest.mark.parametrize(
    "value, kind",
    [(96, "exact"), (mean_interval([1.0, 2.0]), "interval"), (timing([1.0, 2.0]), "timing")],
)
def test_measure_kinds(value, kind):
    m = measure("x", value, higher_is_better=False, unit="s")
    assert m["kind"] == kind and m["higher_is_better"] is False and m["unit"] == "s"


def test_measure_refuses_other_values():
    with pytest.raises(QcogValueError, match="Interval, a Timing"):
        measure("x", "fast", higher_is_better=True)


def test_card_without_a_declaration_has_nulls_and_the_command():
    card = build_card("toy", {"x": 1}, {"status": "ok", "quick": False, "wall_s": 1.0})
    assert card["command"] == reproduce_command("toy", quick=False) == "qcog bench --only toy"
    assert [card[k] for k in DECLARED] == [None] * len(DECLARED)
    assert card_fields()["inputs"] is None


def test_a_measures_description_string_is_not_taken_for_tracked_measures():
    """Benchmarks describe what they measure under "measures"; only "tracked" is tracked."""
    card = build_card("toy", {"measures": "samples/s, batch 64"}, {"status": "ok"})
    assert card["measures"] == []
    with pytest.raises(QcogValueError, match="'tracked' must be a list"):
        build_card("toy", {"tracked": "seconds"}, {"status": "ok"})


def test_measure_names_must_be_unique():
    twice = [measure("seconds", 1.0, False), measure("seconds", 2.0, False)]
    with pytest.raises(QcogValueError, match="unique within a benchmark"):
        build_card("toy", {"tracked": twice}, {"status": "ok"})
