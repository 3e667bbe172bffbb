"""Running the ``qcog`` command in tests: the exit status whichever way it exits.

>>> cli_status(["grover", "--qubits", "0", "--marked", "1"])
2
"""

from __future__ import annotations


def cli_status(argv: list[str]) -> int:
    """The exit status of ``qcog ARGV``; argparse's errors exit via ``SystemExit``.

    Args:
        argv: the arguments after ``qcog``.

    Returns:
        0 on success, 2 for a one-line error, 130 when interrupted.
    """
    from qcog.cli import main

    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
