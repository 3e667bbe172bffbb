"""Windowed controlled modular multiplication, exhaustively on basis states (phases included)
for small moduli, every window, both uncomputations; its cost against the model."""

import math

import pytest

from qcog.algorithms.resource_estimate import windowed_multiplication_cost
from qcog.circuits.arithmetic_windowed import (
    choose_window,
    multiplication_cx,
    windowed_modular_multiplication,
)
from qcog.circuits.metrics import count_ops_deep, two_qubit_gate_count
from qcog.exceptions import QcogValueError
from qcog.testing import assert_exact_permutation


def bases(N: int, k: int = 3) -> list[int]:
    return [a for a in range(2, N) if math.gcd(a, N) == 1][:k]


CASES = [
    (N, w, m)
    for N in (3, 5, 7, 15, 21)
    for w in range(1, N.bit_length() + 1)
    for m in (True, False)
]


@pytest.mark.parametrize("N,window,measure", CASES)
def test_every_input_every_window(N, window, measure):
    for a in bases(N):
        qc = windowed_modular_multiplication(a, N, window, measure)
        mapping = {c | x << 1: c | (a * x % N if c else x) << 1 for c in (0, 1) for x in range(N)}
        assert_exact_permutation(qc, mapping, seeds=(a,))


def test_larger_modulus_with_three_windows():
    qc = windowed_modular_multiplication(8, 35, 2)
    mapping = {c | x << 1: c | (8 * x % 35 if c else x) << 1 for c in (0, 1) for x in range(35)}
    assert_exact_permutation(qc, mapping, seeds=(1, 2))


def test_only_one_and_two_qubit_gates():
    ops = count_ops_deep(windowed_modular_multiplication(7, 15, 2))
    assert not {"ccx", "cswap", "mcx", "cp"} & set(ops)


@pytest.mark.parametrize("N", [15, 143, 1145])
def test_cost_model_within_tolerance(N):
    n = N.bit_length()
    a = bases(N, 1)[0]
    for w in range(1, min(n, 8) + 1):
        qc = windowed_modular_multiplication(a, N, w)
        model_cx, model_and = windowed_multiplication_cost(n, w)
        assert abs(model_cx / two_qubit_gate_count(qc) - 1) < 0.15
        ands = sum(
            1
            for i in qc.data
            if i.operation.name == "ry" and abs(i.operation.params[0] + math.pi / 4) < 1e-12
        )
        assert ands == model_and  # Toffoli-equivalents: exact


def test_window_choice_is_the_cheapest():
    w = choose_window(77)
    costs = {v: multiplication_cx(2, 77, v) for v in range(1, 8)}
    assert costs[w] == min(costs.values())


@pytest.mark.parametrize(
    "kwargs", [{"a": 5, "N": 15}, {"a": 2, "N": 15, "window": 0}, {"a": 2, "N": 15, "window": 5}]
)
def test_bad_input(kwargs):
    with pytest.raises(QcogValueError):
        windowed_modular_multiplication(**kwargs)
