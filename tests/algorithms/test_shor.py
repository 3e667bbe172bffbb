import math

import pytest

from qcog.algorithms.shor import factor
from qcog.exceptions import CircuitTooLargeError, QcogValueError

#: N -> (classical_shortcut, factors): the classical steps, with or without force_quantum.
SHORTCUTS = {
    2: ("prime", (2,)),
    97: ("prime", (97,)),
    2**61 - 1: ("prime", (2**61 - 1,)),
    4: ("even", (2, 2)),
    30: ("even", (2, 15)),
    3**5: ("perfect_power", (3, 81)),
    1331: ("perfect_power", (11, 121)),
}


@pytest.mark.parametrize("N", SHORTCUTS)
def test_classical_shortcuts(N):
    result = factor(N, method="fast", seed=0)
    assert (result.classical_shortcut, result.factors) == SHORTCUTS[N]
    assert result.attempts == []


def test_lucky_gcd_is_reported_not_an_error():
    result = factor(21, a=6, seed=0)
    assert result.classical_shortcut == "lucky_gcd" and result.factors == (3, 7) and result.a == 6


@pytest.mark.parametrize(
    "N", [15, 21, 33, 35, 39, 51, 55, 57, 65, 77, 85, 91, 95, 119, 143, 221, 323, 1147, 3599, 10403]
)
def test_fast_path_always_gives_a_correct_factorisation(N):
    result = factor(N, method="fast", seed=N, force_quantum=True, shots=4)
    p, q = result.factors
    assert p * q == N and 1 < p <= q < N
    assert result.classical_shortcut is None and result.simulation_only
    assert pow(result.a, result.order, N) == 1 and math.gcd(result.a, N) == 1
    assert all(pow(result.a, d, N) != 1 for d in range(1, result.order))  # the true order
    assert result.attempts[-1].order == result.order


def test_failures_are_recorded_with_reasons():
    # a = 14 = -1 mod 15 has order 2 and a^(r/2) = -1: a new base must be drawn.
    result = factor(15, a=14, method="fast", seed=1, force_quantum=True)
    assert result.factors == (3, 5)
    assert result.attempts[0].a == 14 and "-1" in result.attempts[0].verdict
    assert result.a != 14


def test_gate_level_semiclassical_factors_15():
    result = factor(15, a=7, seed=5, force_quantum=True, shots=8, backend="aer")
    assert result.factors == (3, 5) and result.order == 4 and not result.simulation_only
    assert result.qubits == 11 and result.twoq_gates > 0 and result.backend == "aer"
    assert all({"y", "phase", "count"} <= set(p) for p in result.attempts[0].phases)


def test_gate_level_full_factors_15():
    result = factor(15, a=2, method="full", seed=3, force_quantum=True, shots=16, backend="aer")
    assert result.factors == (3, 5) and result.order == 4 and result.qubits == 18


@pytest.mark.slow
@pytest.mark.parametrize("N", [21, 33, 35])
def test_gate_level_factors_small_semiprimes(N):
    result = factor(N, seed=1, force_quantum=True, shots=8, backend="aer")
    assert result.factors[0] * result.factors[1] == N and result.classical_shortcut is None


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"N": 1}, ">= 2"),
        ({"N": 0}, ">= 2"),
        ({"N": 15.0}, "integer"),
        ({"N": "15"}, "integer"),
        ({"N": True}, "integer"),
        ({"N": 15, "a": 15}, r"\[2, 14\]"),
        ({"N": 15, "a": 1}, r"\[2, 14\]"),
        ({"N": 15, "a": 2.5}, "integer"),
        ({"N": 15, "method": "magic"}, "method"),
    ],
)
def test_bad_input(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        factor(**kwargs)


def test_too_large_for_the_backend():
    with pytest.raises(CircuitTooLargeError, match="needs 11 qubits"):
        factor(15, a=7, backend="fake:manila", force_quantum=True)
    with pytest.raises(
        CircuitTooLargeError, match="needs 31 qubits.*fast.*shor-estimate --bits 14"
    ):
        factor(10403, a=2, backend="aer", force_quantum=True)
