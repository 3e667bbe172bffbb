"""Verdict rows: declared by a benchmark, read back by the report."""

import pytest

from qcog.bench import stats
from qcog.bench.verdicts import VerdictRow, read_verdicts, verdict_row
from qcog.exceptions import QcogValueError

BETTER = stats.compare([0.96, 0.97, 0.95, 0.96, 0.98], [0.94, 0.95, 0.95, 0.93, 0.95])
SLOWER = stats.compare_timings([2.0, 2.1, 1.9, 2.0], [1.0, 1.0, 1.0, 1.0])


def test_a_row_round_trips_and_keeps_the_comparison():
    row = verdict_row(
        "accuracy", BETTER, quantum="hybrid", classical="twin", command="qcog x", note="5 seeds"
    )
    parsed = VerdictRow.from_dict(row)
    assert parsed.to_dict() == row
    assert parsed.verdict == stats.QUANTUM_BETTER and not parsed.is_timing
    assert parsed.n == 5 and parsed.p_value == pytest.approx(BETTER.p_value)


def test_a_timing_row_reads_as_a_ratio():
    row = VerdictRow.from_dict(verdict_row("seconds", SLOWER, "qcog", "aer", unit="s"))
    assert row.is_timing and row.verdict == stats.CLASSICAL_BETTER
    assert row.effect_text().startswith("x2 [") and "time ratio qcog / aer" in row.effect_name()


@pytest.mark.parametrize(
    "verdict, versus, expected",
    [
        (stats.QUANTUM_BETTER, "classical", "quantum better"),
        (stats.QUANTUM_BETTER, "peer", "qcog better"),
        (stats.CLASSICAL_BETTER, "peer", "qiskit-algorithms better"),
        (stats.NO_DIFFERENCE, "peer", "no significant difference"),
    ],
)
def test_verdict_words_name_the_peer(verdict, versus, expected):
    row = VerdictRow(
        "m", "qcog", "qiskit-algorithms", {"verdict": verdict, "ratio": {}}, versus=versus
    )
    assert row.verdict_text() == expected


def test_difference_without_interval_says_so():
    row = VerdictRow.from_dict(verdict_row("acc", stats.compare([0.9], [0.8]), "q", "c"))
    assert row.effect_text() == "+0.1 (no interval)"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: verdict_row("m", {"difference": {}}, "q", "c"), "Comparison or TimingComparison"),
        (lambda: verdict_row("m", {"verdict": "x"}, "q", "c"), "neither a 'difference'"),
        (lambda: verdict_row("m", BETTER, "q", "c", versus="rival"), "versus must be one of"),
        (lambda: verdict_row("", BETTER, "q", "c"), "name of its measure"),
        (lambda: read_verdicts({"verdicts": {"a": 1}}), "must be a list"),
        (lambda: VerdictRow.from_dict({"comparison": BETTER.to_dict()}), "needs a 'measure'"),
    ],
)
def test_malformed_rows_are_refused(call, message):
    with pytest.raises(QcogValueError, match=message):
        call()
