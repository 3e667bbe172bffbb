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
    "N", [21, 33, 35, 39, 55, 57, 65, 77, 91, 95, 119, 143, 221, 323, 1147, 3599, 10403]
)
def test_fast_path_always_gives_a_correct_factorisation(N):
    result = factor(N, method="fast", seed=N, force_quantum=True, shots=4)
    p, q = result.factors
    assert p * q == N and 1 < p <= q < N
    assert result.classical_shortcut is None and result.simulation_only
    assert result.quantum_order_found and not result.order_revealed_by_construction
    assert pow(result.a, result.order, N) == 1 and math.gcd(result.a, N) == 1
    assert all(pow(result.a, d, N) != 1 for d in range(1, result.order))  # the true order
    assert result.attempts[-1].order == result.order


@pytest.mark.parametrize("N,a", [(15, 7), (15, 4), (35, 6), (85, 13)])
def test_orders_the_construction_reveals_are_classical_shortcuts(N, a):
    result = factor(N, a=a, seed=1)
    assert result.classical_shortcut == "order_revealed" and result.attempts == []
    assert result.factors[0] * result.factors[1] == N and not result.quantum_order_found
    assert "reveals the order" in result.message


def test_force_quantum_draws_a_base_the_construction_does_not_reveal():
    from qcog.circuits.order_finding import order_revealed_by_constants

    for seed in range(5):
        result = factor(35, method="fast", seed=seed, force_quantum=True)
        assert result.quantum_order_found and order_revealed_by_constants(result.a, 35) is None


def test_no_quantum_base_for_15_unless_given():
    with pytest.raises(QcogValueError, match="power of two"):
        factor(15, method="fast", seed=1, force_quantum=True)
    result = factor(15, a=7, method="fast", seed=1, force_quantum=True)  # run anyway, labelled
    assert result.factors == (3, 5) and result.order_revealed_by_construction
    assert not result.quantum_order_found and "demonstration" in result.message


def test_failures_are_recorded_with_reasons():
    # a = 20 = -1 mod 21 has order 2 and a^(r/2) = -1: a new base must be drawn.
    result = factor(21, a=20, method="fast", seed=1, force_quantum=True)
    assert result.factors == (3, 7)
    assert result.attempts[0].a == 20 and "-1" in result.attempts[0].verdict
    assert result.a != 20


def test_gate_level_semiclassical_factors_21_on_the_sparse_simulator():
    result = factor(21, a=2, seed=5, force_quantum=True)
    assert result.factors == (3, 7) and result.order == 6 and not result.simulation_only
    assert result.quantum_order_found and result.backend == "sparse-statevector"
    assert result.qubits == 16 and result.cx_count == result.twoq_gates > 0
    assert result.arithmetic == "windowed"
    assert all({"y", "phase", "count"} <= set(p) for p in result.attempts[0].phases)


def test_gate_level_on_aer_reports_the_basis():
    result = factor(
        15, a=7, seed=5, force_quantum=True, shots=8, backend="aer", arithmetic="beauregard"
    )
    assert result.factors == (3, 5) and result.qubits == 11 and result.backend == "aer"
    assert result.twoq_basis.startswith("aer target") and result.cx_count > result.twoq_gates


@pytest.mark.parametrize("N", [35, 143, 221])
def test_gate_level_factors_semiprimes_up_to_221(N):
    result = factor(N, seed=1, force_quantum=True)
    assert result.factors[0] * result.factors[1] == N and result.quantum_order_found


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
        ({"N": 21, "max_attempts": -1}, "max_attempts"),
        ({"N": 21, "max_attempts": 0}, "max_attempts"),
        ({"N": 21, "shots": 0}, "shots"),
        ({"N": 21, "seed": -1}, "seed"),
        ({"N": 21, "runs_per_base": 0}, "runs_per_base"),
        ({"N": 21, "arithmetic": "magic", "force_quantum": True}, "arithmetic"),
    ],
)
def test_bad_input(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        factor(**kwargs)


def test_too_large_for_the_backend():
    with pytest.raises(CircuitTooLargeError, match="needs 13 qubits"):
        factor(15, a=7, backend="fake:manila", force_quantum=True)
    with pytest.raises(
        CircuitTooLargeError, match="needs 59 qubits.*fast.*shor-estimate --bits 14"
    ):
        factor(10403, a=2, backend="aer", force_quantum=True)


def test_size_guard_refuses_before_building():
    n71 = 3 * (2**69 + 1)  # 71 bits, odd, composite, not a perfect power
    with pytest.raises(QcogValueError, match="71 bits") as info:  # the circuit-size guard
        factor(n71, a=2, force_quantum=True)
    assert "method='fast'" not in str(info.value) and "shor-estimate --bits 71" in str(info.value)
    with pytest.raises(QcogValueError, match="40 bits"):
        factor(n71, a=2, method="fast", force_quantum=True)
