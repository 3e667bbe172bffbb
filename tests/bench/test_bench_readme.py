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
