"""Ripple-carry arithmetic on every basis state (phases included), both uncomputations."""

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qcog.circuits.arithmetic_ripple import (
    adder_circuit,
    append_add_const,
    append_add_mod,
    append_less_than,
)
from qcog.circuits.metrics import two_qubit_gate_count
from qcog.testing import assert_exact_permutation


@pytest.mark.parametrize("n", [1, 2, 3])
@pytest.mark.parametrize("measure", [True, False])
def test_adder_all_inputs(n, measure):
    mapping = {
        a | b << n: a | (a + b) % 2 ** (n + 1) << n
        for a in range(2**n)
        for b in range(2 ** (n + 1))
    }
    assert_exact_permutation(adder_circuit(n, measure), mapping)


def test_adder_costs_about_ten_cx_per_bit():
    assert [two_qubit_gate_count(adder_circuit(n)) for n in (4, 8, 16)] == [35, 75, 155]  # 10 n - 5


def const_adder(m: int, k: int, controlled: bool) -> QuantumCircuit:
    c, b = QuantumRegister(1, "c"), QuantumRegister(m, "b")
    anc, mbu = QuantumRegister(max(1, m - 1), "anc"), ClassicalRegister(1, "mbu")
    qc = QuantumCircuit(c, b, anc, mbu)
    append_add_const(qc, k, list(b), list(anc), mbu[0], ctrl=c[0] if controlled else None)
    return qc


@pytest.mark.parametrize("m", [1, 2, 3, 4])
@pytest.mark.parametrize("controlled", [False, True])
def test_constant_adder_every_constant(m, controlled):
    for k in range(-(2**m), 2**m):
        mapping = {
            q | v << 1: q | (v + (k if q or not controlled else 0)) % 2**m << 1
            for q in (0, 1)
            for v in range(2**m)
        }
        assert_exact_permutation(const_adder(m, k, controlled), mapping, seeds=(k % 7,))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_less_than(n):
    r, t, f = QuantumRegister(n, "r"), QuantumRegister(n, "t"), QuantumRegister(1, "f")
    anc, mbu = QuantumRegister(n, "anc"), ClassicalRegister(1, "mbu")
    qc = QuantumCircuit(r, t, f, anc, mbu)
    append_less_than(qc, list(r), list(t), f[0], list(anc), mbu[0])
    mapping = {
        x | y << n | g << 2 * n: x | y << n | (g ^ (x < y)) << 2 * n
        for x in range(2**n)
        for y in range(2**n)
        for g in (0, 1)
    }
    assert_exact_permutation(qc, mapping)


@pytest.mark.parametrize("N", [3, 5, 7, 11, 13, 15])
def test_modular_adder_all_inputs(N):
    n = N.bit_length()
    t, b, f = QuantumRegister(n, "t"), QuantumRegister(n + 1, "b"), QuantumRegister(1, "f")
    anc, mbu = QuantumRegister(n, "anc"), ClassicalRegister(1, "mbu")
    qc = QuantumCircuit(t, b, f, anc, mbu)
    append_add_mod(qc, list(t), list(b), N, list(anc), f[0], mbu[0])
    mapping = {x | y << n: x | (x + y) % N << n for x in range(N) for y in range(N)}
    assert_exact_permutation(qc, mapping)
    assert two_qubit_gate_count(qc) == 30 * n + 7 * (N).bit_count() - 22  # the cost model's


def test_adder_matches_aer_on_one_input():
    """An independent simulator: Aer runs the dynamic circuit on |a=5, b=6>."""
    from qcog.runner import run

    qc = adder_circuit(3)
    prep = QuantumCircuit(qc.num_qubits, 1)
    for q in (0, 2, 4, 5):  # a = 5 (qubits 0, 2), b = 6 (qubits 4, 5)
        prep.x(q)
    full = prep.compose(qc)
    out = ClassicalRegister(4, "out")
    full.add_register(out)
    full.measure(range(3, 7), out)
    counts = run(full, backend="aer", shots=50, seed=1).counts
    assert {key.split()[0] for key in counts} == {format(11, "04b")}
