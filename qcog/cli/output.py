"""Printing command results: one JSON object with ``--json``, readable text otherwise."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse


def _default(value: Any) -> Any:
    """Make numpy scalars/arrays, complex numbers, sets and paths JSON-ready."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, complex):
        return [value.real, value.imag]
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def to_json(obj: Any) -> str:
    """``json.dumps`` that accepts numpy types and maps NaN/inf to null."""

    def clean(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {str(k): clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(json.loads(json.dumps(obj, default=_default))), indent=2)


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
