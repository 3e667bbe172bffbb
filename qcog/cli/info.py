"""``qcog info``: versions, usable backends, GPU, IBM account (never the token)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse

def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``info`` command."""
    parser = subparsers.add_parser("info", help="versions, usable backends, GPU and IBM account status")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print versions, backends, GPU and account status."""
    from qcog.cli.output import emit
    from qcog.info import environment_info, format_info

    emit(environment_info(), args.json, format_info)
    return 0
