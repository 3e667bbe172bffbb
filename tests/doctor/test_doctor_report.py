"""Verdicts and the report that gathers them."""

import pytest

from qcog.doctor.report import Check, DoctorReport


@pytest.mark.parametrize(
    "verdicts, overall",
    [
        (["ok", "ok"], "ok"),
        (["ok", "skip"], "ok"),  # an optional part not set up is not a problem
        (["skip"], "ok"),
        (["ok", "warn", "skip"], "warn"),
        (["warn", "fail", "ok"], "fail"),
        ([], "ok"),
    ],
)
def test_overall_verdict_is_the_worst(verdicts, overall):
    report = DoctorReport([Check(f"c{i}", v, "d") for i, v in enumerate(verdicts)])
    assert report.verdict == overall == report.to_dict()["verdict"]


def test_text_shows_the_fix_under_each_problem():
    report = DoctorReport(
        [Check("a", "ok", "fine", "never shown"), Check("b", "fail", "broken", "pip install b")]
    )
    lines = report.text().splitlines()
    assert lines[0].startswith("  ok  a") and "never shown" not in report.text()
    assert lines[1].startswith("  XX  b") and lines[2].strip() == "fix: pip install b"
    assert lines[-1] == "verdict: fail"


def test_unknown_verdicts_are_refused():
    with pytest.raises(ValueError, match="verdict must be one of"):
        Check("x", "maybe", "d")
