"""Printing command results: one JSON object with ``--json``, readable text otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse

from qcog.jsonable import to_json

__all__ = ["add_backend_arguments", "emit", "to_json"]


def emit(obj: dict[str, Any], as_json: bool, text: Callable[[dict[str, Any]], str]) -> None:
    """Print ``obj`` as JSON, or as the text ``text(obj)`` renders.

    A closed pipe (``qcog ... | head``) ends the output quietly.
    """
    try:
        print(to_json(obj) if as_json else text(obj), flush=True)
    except BrokenPipeError:
        import os
        import sys

        # Point stdout at devnull so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def add_backend_arguments(parser: argparse.ArgumentParser, shots: int = 1024) -> None:
    """The ``--backend/--shots/--seed/--json`` options every running command shares."""
    from qcog.cli.argtypes import positive_int, seed

    parser.add_argument(
        "--backend", default="auto", help="auto (default), aer, aer-gpu, fake:NAME, ibm:NAME"
    )
    parser.add_argument(
        "--shots", type=positive_int, default=shots, help=f"shots per circuit (default {shots})"
    )
    parser.add_argument(
        "--seed", type=seed, default=None, help="simulator/transpiler seed (0 .. 2**32-1)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
