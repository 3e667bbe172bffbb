"""``qcog doctor``: check this installation, one verdict and exact fix per item.

``qcog doctor [--offline] [--only NAME ...] [--json]``; exits 1 when a check fails.
"""

from __future__ import annotations


def register(subparsers) -> None:
    """Add the ``doctor`` command."""
    from qcog.doctor.checks import CHECKS

    parser = subparsers.add_parser(
        "doctor",
        help="check Aer/GPU, torch, PennyLane, the IBM account and the job store; say how to fix",
        description="One verdict per item (ok, warn, fail, skip) with the exact fix.",
    )
    parser.add_argument(
        "--offline", action="store_true", help="do not contact IBM Quantum (no ibm-service check)"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[name for name, _, _ in CHECKS],
        metavar="NAME",
        help="run only this check (repeatable): " + ", ".join(name for name, _, _ in CHECKS),
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args) -> int:
    """Run the checks; exit status 1 when the verdict is ``fail``."""
    from qcog.cli.output import emit
    from qcog.doctor.checks import run_doctor
    from qcog.ibm.runtime_messages import collected_runtime_messages

    with collected_runtime_messages():
        report = run_doctor(offline=args.offline, only=args.only)
    emit(report.to_dict(), args.json, lambda _: report.text())
    return 1 if report.verdict == "fail" else 0
