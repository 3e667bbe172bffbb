"""QUBO and Ising files: JSON layouts and plain matrices; clear errors."""

import json

import pytest

from qcog.exceptions import QcogValueError
from qcog.optimization.problem_files import read_problem


def test_qubo_matrix_text_and_json_agree(tmp_path):
    (tmp_path / "q.txt").write_text("1, -3\n0, 2\n")
    (tmp_path / "q.json").write_text(json.dumps({"Q": [[1, -3], [0, 2]]}))
    a, b = read_problem(str(tmp_path / "q.txt"), "qubo"), read_problem(str(tmp_path / "q.json"), "qubo")
    assert (a.h, a.J, a.offset) == (b.h, b.J, b.offset)


def test_ising_json_with_triples(tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps({"h": {"1": 0.5}, "J": [[0, 2, -1.0]], "offset": 2}))
    problem = read_problem(str(path), "ising")
    assert problem.h == {1: 0.5} and problem.J == {(0, 2): -1.0} and problem.n == 3
    assert problem.energy((0, 0, 0)) == pytest.approx(1.5)


@pytest.mark.parametrize("content, kind, match", [
    ("not a matrix", "qubo", "numeric"), ('{"J": []}', "qubo", "'Q'"), ("1 2", "ising", "JSON"),
    ('[1, 2]', "qubo", "object"),
])
def test_bad_files(tmp_path, content, kind, match):
    path = tmp_path / "bad"
    path.write_text(content)
    with pytest.raises(QcogValueError, match=match):
        read_problem(str(path), kind)


def test_missing_file():
    with pytest.raises(QcogValueError, match="does not exist"):
        read_problem("/no/such/file.json", "qubo")
