"""Error-bar plots of verdict rows."""

from qcog.bench import stats
from qcog.bench.error_bars import plot_verdicts
from qcog.bench.verdicts import VerdictRow, verdict_row


def test_one_panel_per_row_is_written_as_a_png(tmp_path):
    rows = [
        VerdictRow.from_dict(
            verdict_row("accuracy", stats.compare([0.9, 0.92, 0.91], [0.8, 0.81, 0.79]), "q", "c")
        ),
        VerdictRow.from_dict(
            verdict_row(
                "seconds", stats.compare_timings([1.0, 1.1], [2.0, 2.1]), "q", "c", unit="s"
            )
        ),
        VerdictRow.from_dict(verdict_row("one seed", stats.compare([0.9], [0.8]), "q", "c")),
    ]
    path = plot_verdicts(rows, tmp_path / "v.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    assert plot_verdicts([], tmp_path / "none.png") is None and not (tmp_path / "none.png").exists()
