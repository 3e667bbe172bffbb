"""Order-finding circuits reproduce the ideal phase distribution (computed from its definition)."""

import numpy as np
import pytest

from qcog.algorithms.order_finding import ideal_phase_distribution
from qcog.circuits.metrics import cost_in_basis
from qcog.circuits.order_finding import (
    full_order_finding_circuit,
    multiplier_constants,
    semiclassical_order_finding_circuit,
)
from qcog.exceptions import QcogValueError
from qcog.testing import assert_counts_match


def count_register_distribution(qc, t: int) -> np.ndarray:
    """Exact distribution of the counting register (qubits 0..t-1) from Aer's statevector."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    bare = qc.copy()
    bare.save_statevector()
    sim = AerSimulator(method="statevector")
    sv = np.asarray(
        sim.run(transpile(bare, sim, optimization_level=0), shots=1).result().get_statevector()
    )
    probs = np.abs(sv) ** 2
    return probs.reshape(-1, 2**t).sum(axis=0)  # qubits 0..t-1 are the low index bits


def run_counts(qc, shots: int, seed: int) -> dict[str, int]:
    from qcog.runner import run

    return run(qc, backend="aer", shots=shots, seed=seed).counts


def as_expected(probs: np.ndarray, t: int) -> dict[str, float]:
    return {format(y, f"0{t}b"): float(p) for y, p in enumerate(probs) if p > 1e-12}


@pytest.mark.parametrize("a,N,t", [(7, 15, 4), (11, 15, 8), (2, 21, 3)])
def test_full_circuit_matches_theory_exactly(a, N, t):
    qc = full_order_finding_circuit(a, N, t, measure=False)
    np.testing.assert_allclose(
        count_register_distribution(qc, t), ideal_phase_distribution(a, N, t), atol=1e-9
    )


@pytest.mark.parametrize(
    "a,N,t,shots",
    [(7, 15, 8, 400), (2, 21, 3, 64), pytest.param(2, 21, 10, 64, marks=pytest.mark.slow)],
)
def test_semiclassical_counts_match_theory(a, N, t, shots):
    counts = run_counts(semiclassical_order_finding_circuit(a, N, t), shots, seed=11)
    assert_counts_match(counts, as_expected(ideal_phase_distribution(a, N, t), t))


def test_generic_circuit_matches_theory_too():
    """Without the skip/known-input shortcuts the distribution is the same."""
    qc = full_order_finding_circuit(7, 15, 2, skip_identity=False, known_input=False, measure=False)
    np.testing.assert_allclose(
        count_register_distribution(qc, 2), ideal_phase_distribution(7, 15, 2), atol=1e-9
    )


def test_identity_multiplications_are_skipped():
    # 7^(2^k) mod 15 = 7, 4, 1, 1, ...: one full multiplier (k=0) and the k=1 one written
    # on the known input |1> as cx gates; the identities cost nothing.
    assert multiplier_constants(7, 15, 8) == [7, 4, 1, 1, 1, 1, 1, 1]
    skipped = cost_in_basis(semiclassical_order_finding_circuit(7, 15), optimization_level=0)
    generic = cost_in_basis(
        semiclassical_order_finding_circuit(7, 15, skip_identity=False, known_input=False),
        optimization_level=0,
    )
    assert skipped.twoq_gates == 1616 + 2  # one controlled multiplication + 2 cx writing |4>
    assert generic.twoq_gates == 8 * 1616


def test_dynamic_circuit_structure():
    qc = semiclassical_order_finding_circuit(2, 21)
    ops = qc.count_ops()
    t = 10
    assert (qc.num_qubits, qc.num_clbits) == (13, t)
    assert ops["measure"] == t and ops["reset"] == t - 1 and ops["if_else"] == t * (t - 1) // 2


@pytest.mark.parametrize("a,N", [(3, 15), (1, 15), (15, 15), (2, 1)])
def test_bad_base(a, N):
    with pytest.raises(QcogValueError):
        semiclassical_order_finding_circuit(a, N)
