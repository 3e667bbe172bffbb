"""QUBO and Ising problems from files: JSON, or a plain whitespace/comma-separated matrix.

JSON layouts:

* QUBO: ``{"Q": [[...], ...] | [[i, j, value], ...], "offset": c}`` (minimise ``x^T Q x + c``);
* Ising: ``{"h": [...] | {"i": value}, "J": [[...], ...] | [[i, j, value], ...], "offset": c}``.

A file that is not JSON is read as a square QUBO matrix (``numpy.loadtxt``, commas or spaces).

>>> import json, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "q.json")
>>> _ = open(path, "w").write(json.dumps({"Q": [[0, 1, -2.0]], "offset": 1}))
>>> read_problem(path, "qubo").energy((1, 1))
-1.0
"""

from __future__ import annotations

import json
from pathlib import Path

from qcog.exceptions import QcogValueError
from qcog.optimization.ising import IsingProblem, from_ising, from_qubo

KINDS = ("qubo", "ising")


def _entries(value, what: str):
    """A matrix stays a matrix; ``[[i, j, v], ...]`` triples become a dict."""
    if isinstance(value, dict):
        return {tuple(int(k) for k in str(key).split(",")): v for key, v in value.items()}
    rows = list(value)
    square = all(isinstance(r, list) and len(r) == len(rows) for r in rows)
    triples = all(isinstance(r, list) and len(r) == 3 for r in rows)
    if rows and triples and not (square and len(rows) == 3):
        return {(int(i), int(j)): v for i, j, v in rows}
    if square:
        return rows
    raise QcogValueError(f"{what} must be a square matrix or a list of [i, j, value] triples")


def read_problem(path: str, kind: str) -> IsingProblem:
    """Read a QUBO or Ising problem (see the module docstring).

    Raises:
        QcogValueError: unknown kind, a missing file, or a layout that is not understood.
    """
    if kind not in KINDS:
        raise QcogValueError(f"problem kind {kind!r}; accepted: {', '.join(KINDS)}")
    file = Path(path)
    if not file.is_file():
        raise QcogValueError(f"{kind} file {path!r} does not exist")
    text = file.read_text(encoding="utf-8")
    name = f"{kind.upper()} {file.name}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        if kind == "ising":
            raise QcogValueError(f"{path}: an Ising file must be JSON with 'h', 'J' and 'offset'") from None
        import numpy as np

        try:
            matrix = np.loadtxt(file, delimiter="," if "," in text else None, ndmin=2)
        except ValueError as exc:
            raise QcogValueError(f"{path}: not JSON and not a numeric matrix ({exc})") from None
        return from_qubo(matrix.tolist(), name=name)
    if not isinstance(data, dict):
        raise QcogValueError(f"{path}: the JSON must be an object with 'Q' (qubo) or 'h'/'J' (ising)")
    if kind == "qubo":
        if "Q" not in data:
            raise QcogValueError(f"{path}: a QUBO file needs a 'Q' entry")
        return from_qubo(_entries(data["Q"], "Q"), data.get("offset", 0.0), name)
    h = data.get("h", [])
    h = {int(k): v for k, v in h.items()} if isinstance(h, dict) else h
    return from_ising(h, _entries(data.get("J", []), "J"), data.get("offset", 0.0), name=name)
