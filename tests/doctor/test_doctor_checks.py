"""The whole doctor on this machine (no GPU, no account), and a crashing check."""

from qcog.doctor import checks
from qcog.doctor.checks import CHECKS, run_doctor


def test_this_machine():
    report = run_doctor(offline=True)
    verdicts = {c.name: c.verdict for c in report.checks}
    assert verdicts == {
        "aer-package": "ok",
        "aer-gpu": "skip",
        "torch-cuda": "skip",
        "lightning-qubit": "ok",
        "lightning-gpu": "skip",
        "ibm-account": "skip",
        "ibm-service": "skip",
        "job-store": "ok",
    }
    assert report.verdict == "ok"


def test_a_crashing_check_is_reported_and_the_others_still_run(monkeypatch):
    def broken(ctx):
        raise RuntimeError("boom")

    table = tuple((n, w, broken if n == "aer-package" else f) for n, w, f in CHECKS)
    monkeypatch.setattr(checks, "CHECKS", table)
    report = run_doctor(offline=True, only=("aer-package", "ibm-account"))
    assert [(c.name, c.verdict) for c in report.checks] == [
        ("aer-package", "fail"),
        ("ibm-account", "skip"),
    ]
    assert "the check itself failed: RuntimeError: boom" in report.checks[0].detail
