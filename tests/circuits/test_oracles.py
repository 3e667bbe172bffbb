"""Every oracle kind: classical check and circuit against a brute-force truth table."""

import numpy as np
import pytest
from qiskit import QuantumCircuit, transpile

from qcog.circuits import oracles
from qcog.exceptions import QcogValueError
from qcog.testing import reference_statevector

CNF_TEXT = "c (x1 | ~x2) & (x3 | x2) & ~x4\np cnf 4 3\n1 -2 0\n3 2 0\n-4 0\n"

#: name -> (builder, number of qubits, brute-force definition of the good values)
ORACLES = {
    "marked-one": (lambda: oracles.marked_oracle([6], 3), 3, lambda x: x == 6),
    "marked-bitstrings": (lambda: oracles.marked_oracle(["0101", 9], 4), 4, lambda x: x in (5, 9)),
    "marked-majority": (lambda: oracles.marked_oracle(range(3, 16), 4), 4, lambda x: x >= 3),
    "expression": (
        lambda: oracles.expression_oracle("(a & ~b) | (c ^ d)"),
        4,
        lambda x: bool((x & 1 and not x & 2) or ((x >> 2) & 1) != ((x >> 3) & 1)),
    ),
    "expression-words": (
        lambda: oracles.expression_oracle("x1 and not x10 or x2", 3),
        3,
        lambda x: bool((x & 1 and not x >> 2 & 1) or x >> 1 & 1),
    ),
    "cnf": (
        lambda: oracles.cnf_oracle(CNF_TEXT),
        4,
        lambda x: bool((x & 1 or not x & 2) and (x & 4 or x & 2) and not x & 8),
    ),
    "predicate": (
        lambda: oracles.predicate_oracle(lambda x: x % 7 == 2, 5),
        5,
        lambda x: x % 7 == 2,
    ),
    "expression-constant": (
        lambda: oracles.expression_oracle("(a | True) & ~b"),
        2,
        lambda x: not x & 2,
    ),
    "predicate-none": (lambda: oracles.predicate_oracle(lambda x: False, 3), 3, lambda x: False),
}


def _signs(oracle, helpers: int) -> np.ndarray:
    """Sign pattern of the oracle on H^n|0>, from the reference simulator (global phase kept)."""
    n = oracle.num_qubits
    qc = QuantumCircuit(n + helpers)
    qc.h(range(n))
    qc.compose(oracle.circuit(helpers), inplace=True)
    compiled = transpile(
        qc, basis_gates=["cx", "rz", "sx", "x"], optimization_level=1, seed_transpiler=7
    )
    state = reference_statevector(compiled)
    assert np.allclose(state[2**n :], 0, atol=1e-9)
    return state[: 2**n] * np.sqrt(2**n)


@pytest.mark.parametrize("name", sorted(ORACLES))
def test_oracle_matches_brute_force(name):
    build, n, good = ORACLES[name]
    oracle = build()
    expected = [x for x in range(2**n) if good(x)]
    assert oracle.num_qubits == n
    assert [x for x in range(2**n) if oracle.is_good(x)] == expected
    if oracle.solutions is not None:
        assert list(oracle.solutions) == expected
    signs = np.where(np.isin(np.arange(2**n), expected), -1.0, 1.0)
    for helpers in (0, 1):
        assert np.allclose(_signs(oracle, helpers), signs, atol=1e-7), f"helpers={helpers}"


@pytest.mark.parametrize("name", sorted(ORACLES))
def test_oracle_reports_cost_before_running(name):
    oracle = ORACLES[name][0]()
    cost = oracle.cost(helpers=0)
    assert cost.qubits == oracle.num_qubits and cost.twoq_gates >= 0 and cost.depth >= 0


def test_helper_lowers_oracle_cost():
    oracle = oracles.marked_oracle([5, 40], 6)
    assert oracle.cost(helpers=1).twoq_gates < oracle.cost(helpers=0).twoq_gates / 2


def test_cnf_file_and_variable_placement(tmp_path):
    path = tmp_path / "f.cnf"
    path.write_text("p cnf 3 1\n-1 3 0\n")
    oracle = oracles.cnf_oracle(path)
    assert oracle.variables == ("x1", "x2", "x3") and oracle.kind == "cnf"
    assert [x for x in range(8) if oracle.is_good(x)] == [0, 2, 4, 5, 6, 7]


BAD_INPUT = [
    (lambda: oracles.marked_oracle([16], 4), "out of range .* 0..15"),
    (lambda: oracles.marked_oracle([-1], 4), "out of range"),
    (lambda: oracles.marked_oracle([], 4), "at least one"),
    (lambda: oracles.marked_oracle(["012"], 3), "0/1"),
    (lambda: oracles.marked_oracle(["01"], 3), "exactly 3"),
    (lambda: oracles.marked_oracle([1.5], 3), "integers or bitstrings"),
    (lambda: oracles.marked_oracle([1], 0), r"\[1, 32\]"),
    (lambda: oracles.expression_oracle(""), "empty"),
    (lambda: oracles.expression_oracle("   "), "empty"),
    (lambda: oracles.expression_oracle("a & (b"), "cannot parse"),
    (lambda: oracles.expression_oracle("a + b"), "Add.*not accepted"),
    (lambda: oracles.expression_oracle("f(a)"), "Call.*not accepted"),
    (lambda: oracles.expression_oracle("a & 2"), "constant 2"),
    (lambda: oracles.expression_oracle("a & b", 3), "2 variables"),
    (lambda: oracles.cnf_oracle("1 2 0\n-1 0\n"), "before the 'p cnf"),
    (lambda: oracles.cnf_oracle("c only a comment\n"), "no 'p cnf"),
    (lambda: oracles.cnf_oracle("p cnf 2\n1 0\n"), "header"),
    (lambda: oracles.cnf_oracle("p cnf 2 1\n1 x 0\n"), "'x' is not an integer"),
    (lambda: oracles.cnf_oracle("p cnf 2 1\n1 3 0\n"), "beyond 2"),
    (lambda: oracles.cnf_oracle("p cnf 2 2\n1 0\n"), "declares 2 variables and 2 clauses, found 1"),
    (lambda: oracles.cnf_oracle("p cnf 2 2\n1 0\n0\n"), "empty clause"),
    (lambda: oracles.cnf_oracle("p cnf 2 1\n1 0\n", 3), "2 variables"),
    (lambda: oracles.predicate_oracle(lambda x: 1 / (x - 3) > 0, 3), "ZeroDivisionError at x=3"),
    (lambda: oracles.predicate_oracle(lambda x: "yes", 2), "returned 'yes'"),
    (lambda: oracles.predicate_oracle(42, 2), "callable"),
    (lambda: oracles.predicate_oracle(lambda x: True, 21), r"\[1, 20\]"),
    (lambda: oracles.marked_oracle([1], 2).is_good(4), "candidate"),
]


@pytest.mark.parametrize("build,message", BAD_INPUT)
def test_bad_input_gets_clear_error(build, message):
    with pytest.raises(QcogValueError, match=message):
        build()


def test_missing_cnf_file():
    with pytest.raises(FileNotFoundError):
        oracles.cnf_oracle("/no/such/file.cnf")
