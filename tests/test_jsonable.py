"""qcog.jsonable: one JSON writer for files and ``--json``; and imports point down."""

import ast
import json
from pathlib import Path

import numpy as np
import pytest

import qcog
from qcog.jsonable import jsonable, to_json


class _WithDict:
    def to_dict(self):
        return {"a": 1}


@pytest.mark.parametrize(
    "value, expected",
    [
        (np.int64(3), 3),
        (np.array([[1.5, 2.0]]), [[1.5, 2.0]]),
        (2 - 1j, [2.0, -1.0]),
        (frozenset({4}), [4]),
        (_WithDict(), {"a": 1}),
        (Path("/x/y"), "/x/y"),
    ],
)
def test_jsonable_converts_what_json_cannot_write(value, expected):
    assert json.loads(to_json({"v": value}))["v"] == expected
    assert jsonable(value) == expected


def test_non_finite_floats_become_null_and_the_text_is_strict_json():
    text = to_json({"nan": float("nan"), "inf": [float("inf"), -float("inf")], "ok": 1.0})
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text) == {"nan": None, "inf": [None, None], "ok": 1.0}


def test_cli_output_keeps_to_json():
    from qcog.cli.output import to_json as cli_to_json

    assert cli_to_json is to_json


#: Modules above the CLI: the CLI itself, ``python -m qcog``, and the test helper that runs it.
ABOVE_THE_CLI = {"__main__.py", "testing/cli.py"}


def test_no_library_module_imports_the_cli():
    """Imports point down: only what sits above qcog.cli may import it."""
    root = Path(qcog.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] == "cli" or relative.as_posix() in ABOVE_THE_CLI:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [f"{relative}: {n}" for n in names if n.startswith("qcog.cli")]
    assert offenders == []
