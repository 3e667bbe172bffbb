"""``qcog demo``: the showcase, on the local Aer simulator by default."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse

#: The demo's steps (kept here so that `qcog --help` stays light; a test checks them).
STEP_NAMES = ("superposition", "bell", "ghz", "noise", "grover", "shor", "quantum_layer")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``demo`` command."""
    from qcog.cli.argtypes import seed

    parser = subparsers.add_parser("demo", help="a short tour: states, Grover, Shor, a quantum layer")
    parser.add_argument("--backend", default="auto", help="auto (default), aer, aer-gpu, fake:NAME")
    parser.add_argument("--seed", type=seed, default=1234, help="seed of every step (default 1234)")
    parser.add_argument(
        "--only",
        action="append",
        choices=STEP_NAMES,
        help="run only this step (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the demo's steps and print them."""
    from qcog.cli.output import emit
    from qcog.demo import format_demo, run_demo

    emit(run_demo(args.backend, args.seed, args.only), args.json, format_demo)
    return 0
