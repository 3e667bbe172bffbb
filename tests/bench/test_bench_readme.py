"""The README's headline block, regenerated from a results folder."""

import pytest

from qcog.bench.readme import END, START, headline_block, replace_block, update_readme
from qcog.bench.suite import discover, run_suite
from qcog.exceptions import QcogValueError


def test_update_readme_replaces_only_the_block(verdict_bench, tmp_path):
    out = tmp_path / "out"
    run_suite(discover(verdict_bench), quick=False, out_dir=out, progress=False, machine={})
    readme = tmp_path / "README.md"
    readme.write_text(f"# title\n\nbefore\n{START}\nstale table\n{END}\nafter\n")
    update_readme(readme, out)
    text = readme.read_text()
    assert text.startswith("# title\n\nbefore\n") and text.endswith(f"{END}\nafter\n")
    assert "stale table" not in text
    # headline rows only: the timing row is declared headline=False
    assert "| test accuracy, toy |" in text and "seconds per run, toy" not in text
    assert "**quantum better**" in text and "`qcog bench --only delta`" in text
    assert "full run, finished" in text


def test_missing_markers_or_verdicts_are_clear_errors(tmp_path):
    with pytest.raises(QcogValueError, match="no headline block"):
        replace_block("no markers here", "x")
    with pytest.raises(QcogValueError, match="no verdicts"):
        headline_block(tmp_path)
    with pytest.raises(QcogValueError, match="does not exist"):
        update_readme(tmp_path / "nope.md", tmp_path)


def test_headline_holm_column_counts_every_verdict_like_the_report(verdict_bench, tmp_path):
    from qcog.bench.report import load_cards, render_report, verdict_rows

    out = tmp_path / "out"
    run_suite(discover(verdict_bench), quick=False, out_dir=out, progress=False, machine={})
    every = verdict_rows(load_cards(out))
    shown = [row for _, row in every if row.headline]
    assert 0 < len(shown) < len(every)  # the fixture hides a row from the headline
    block = headline_block(out)
    report = render_report(out)
    for row in shown:
        line = next(x for x in block.splitlines() if f"| {row.measure} |" in x)
        assert line in report  # the same row, Holm's column included


def test_holm_family_is_every_verdict_not_only_the_rows_shown():
    from qcog.bench.report import verdict_table
    from qcog.bench.stats import compare
    from qcog.bench.verdicts import VerdictRow, verdict_row

    base = [10.0, 11.0, 12.0, 13.0, 14.0]
    borderline = compare([b + d for b, d in zip(base, [1.0, 0.2, 1.5, 0.4, 0.9])], base)
    assert 0.005 < borderline.p_value < 0.05  # significant alone, not among ten
    shown = ("a", VerdictRow.from_dict(verdict_row("m0", borderline, quantum="q", classical="c")))
    others = [("a", VerdictRow.from_dict(verdict_row(
        f"m{i}", compare([b + d for b, d in zip(base, [0.1, -0.1, 0.05, -0.05, 0.0])], base),
        quantum="q", classical="c"))) for i in range(1, 10)]
    assert "| yes |" in verdict_table([shown])
    assert "| no (of 10) |" in verdict_table([shown], family=[shown, *others])
