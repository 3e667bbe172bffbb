"""The ``qcog`` command line.

Each subcommand lives in its own module under ``qcog.cli`` with a
``register(subparsers)`` function that adds its parser and sets ``handler``. Handlers
return an exit status. Errors from qcog (:class:`qcog.exceptions.QcogError`) and bad
values print one line to stderr and exit with status 2; ``--json`` output is one JSON
object on stdout.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

#: Subcommand modules, in the order ``qcog --help`` lists them.
COMMAND_MODULES = (
    "qcog.cli.info",
    "qcog.cli.demo",
    "qcog.cli.run",
    "qcog.cli.grover",
    "qcog.cli.shor",
    "qcog.cli.ibm",
    "qcog.cli.jobs",
    "qcog.cli.train",
    "qcog.cli.curves",
    "qcog.cli.bench",
)


def build_parser() -> argparse.ArgumentParser:
    from qcog import __version__

    parser = argparse.ArgumentParser(
        prog="qcog", description="Quantum-plus-classical hybrid computing on Qiskit, PennyLane and PyTorch."
    )
    parser.add_argument("--version", action="version", version=f"qcog {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    from qcog.exceptions import QcogError

    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except (QcogError, ValueError, FileNotFoundError) as exc:
        print(f"qcog {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"qcog {args.command}: interrupted", file=sys.stderr)
        return 130
