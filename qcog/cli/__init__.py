"""The ``qcog`` command line.

Each subcommand lives in its own module under ``qcog.cli`` with a
``register(subparsers)`` function that adds its parser and sets ``handler``. Handlers
return an exit status. Every error takes one path (:func:`main`): bad options, errors
from qcog (:class:`qcog.exceptions.QcogError`), bad values and file-system problems
print one line to stderr naming the value or path and the fix, and exit with status 2;
anything unexpected prints one line too (``QCOG_TRACEBACK=1`` shows the traceback).
``--json`` output is one JSON object on stdout. Numeric options use the types of
:mod:`qcog.cli.argtypes`.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import importlib.util
import os
import sys

#: Subcommand modules, in the order ``qcog --help`` lists them.
COMMAND_MODULES = (
    "qcog.cli.info",
    "qcog.cli.demo",
    "qcog.cli.run",
    "qcog.cli.grover",
    "qcog.cli.shor",
    "qcog.cli.rsa_demo",
    "qcog.cli.qec",
    "qcog.cli.estimate",
    "qcog.cli.ibm",
    "qcog.cli.jobs",
    "qcog.cli.train",
    "qcog.cli.curves",
    "qcog.cli.vqe",
    "qcog.cli.qaoa",
    "qcog.cli.kernel",
    "qcog.cli.bench",
    "qcog.cli.doctor",
)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors that point at ``--help``; subcommands inherit it."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``qcog`` parser with every subcommand of :data:`COMMAND_MODULES`."""
    from qcog import __version__

    parser = _Parser(
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
    args = parser.parse_args(argv)  # a bad option: one line, SystemExit(2)
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print(f"qcog {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("QCOG_TRACEBACK") == "1":
            raise
        message = _message(exc) if isinstance(exc, (QcogError, ValueError, OSError)) else None
        if message is None:
            message = (
                f"unexpected {type(exc).__name__}: {_first_line(exc)} (a bug in qcog: "
                "please report it; QCOG_TRACEBACK=1 shows the traceback)"
            )
        print(f"qcog {args.command}: error: {message}", file=sys.stderr)
        return 2


#: errno -> what to do about a path that cannot be used.
_PATH_FIXES = {
    errno.EISDIR: "is a folder; give a file path",
    errno.ENOTDIR: "lies under a file, not a folder; choose another path",
    errno.EACCES: "is not accessible (permission denied); choose a path you may use",
    errno.EPERM: "is not accessible (operation not permitted); choose a path you may use",
    errno.ENOENT: "does not exist",
    errno.EEXIST: "already exists as a file; choose a folder path",
    errno.EROFS: "is on a read-only file system; choose another path",
    errno.ENOSPC: "cannot be written: the disk is full",
    errno.ENAMETOOLONG: "is too long a name",
}


def _message(exc: BaseException) -> str:
    """One line for a qcog error, a bad value, or a path that cannot be used."""
    if isinstance(exc, OSError) and exc.errno in _PATH_FIXES:
        path = exc.filename if exc.filename is not None else "the path"
        return f"{path} {_PATH_FIXES[exc.errno]}"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
