"""Order-finding circuits reproduce the ideal phase distribution (computed from its definition)."""

import numpy as np
import pytest

from qcog.algorithms.order_finding import ideal_phase_distribution
from qcog.circuits.metrics import cost_in_basis, cx_count
from qcog.circuits.order_finding import (
    full_order_finding_circuit,
    multiplier_constants,
    order_revealed_by_constants,
    semiclassical_order_finding_circuit,
)
from qcog.exceptions import QcogValueError
from qcog.simulators.sparse import simulate
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
    """Counts of the ``phase`` register on Aer (all classical registers run, one read)."""
    from qcog.algorithms.order_finding import phase_values
    from qcog.runner import run

    values = phase_values(run(qc, backend="aer", shots=shots, seed=seed).counts, qc)
    t = qc.cregs[[r.name for r in qc.cregs].index("phase")].size
    return {format(y, f"0{t}b"): c for y, c in values.items()}


def sparse_counts(qc, shots: int, seed: int) -> dict[str, int]:
    t = qc.cregs[[r.name for r in qc.cregs].index("phase")].size
    return simulate(qc, shots=shots, seed=seed).counts("phase") if t else {}


def as_expected(probs: np.ndarray, t: int) -> dict[str, float]:
    return {format(y, f"0{t}b"): float(p) for y, p in enumerate(probs) if p > 1e-12}


@pytest.mark.parametrize(
    "a,N,t,arithmetic",
    [
        (7, 15, 4, "beauregard"),
        (11, 15, 8, "beauregard"),
        (2, 21, 3, "beauregard"),
        (7, 15, 4, "windowed"),
    ],
)
def test_full_circuit_matches_theory_exactly(a, N, t, arithmetic):
    """Aer's exact final state; the windowed circuit measures ancillas mid-circuit, and any
    branch must leave the counting register in the ideal state."""
    qc = full_order_finding_circuit(a, N, t, measure=False, arithmetic=arithmetic)
    np.testing.assert_allclose(
        count_register_distribution(qc, t), ideal_phase_distribution(a, N, t), atol=1e-9
    )


@pytest.mark.parametrize(
    "a,N,t,shots", [(7, 15, 8, 400), (2, 21, 10, 400), (2, 35, 8, 300), (5, 143, 6, 200)]
)
def test_semiclassical_windowed_counts_match_theory(a, N, t, shots):
    counts = sparse_counts(semiclassical_order_finding_circuit(a, N, t), shots, seed=11)
    assert_counts_match(counts, as_expected(ideal_phase_distribution(a, N, t), t))


@pytest.mark.parametrize("arithmetic", ["beauregard", "windowed"])
def test_semiclassical_counts_on_aer(arithmetic):
    qc = semiclassical_order_finding_circuit(7, 15, 8, arithmetic=arithmetic)
    counts = run_counts(qc, 100, seed=11)
    assert_counts_match(counts, as_expected(ideal_phase_distribution(7, 15, 8), 8))


def test_sparse_beauregard_counts_match_theory():
    qc = semiclassical_order_finding_circuit(7, 15, 4, arithmetic="beauregard")
    assert_counts_match(
        sparse_counts(qc, 200, seed=3), as_expected(ideal_phase_distribution(7, 15, 4), 4)
    )


def test_generic_circuit_matches_theory_too():
    """Without the skip/known-input shortcuts the distribution is the same."""
    qc = full_order_finding_circuit(
        7, 15, 2, skip_identity=False, known_input=False, measure=False, arithmetic="beauregard"
    )
    np.testing.assert_allclose(
        count_register_distribution(qc, 2), ideal_phase_distribution(7, 15, 2), atol=1e-9
    )


def test_identity_multiplications_are_skipped():
    # 7^(2^k) mod 15 = 7, 4, 1, 1, ...: one full multiplier (k=0) and the k=1 one written
    # on the known input |1> as cx gates; the identities cost nothing.
    assert multiplier_constants(7, 15, 8) == [7, 4, 1, 1, 1, 1, 1, 1]
    kw = {"arithmetic": "beauregard"}
    skipped = cost_in_basis(semiclassical_order_finding_circuit(7, 15, **kw), optimization_level=0)
    generic = cost_in_basis(
        semiclassical_order_finding_circuit(7, 15, skip_identity=False, known_input=False, **kw),
        optimization_level=0,
    )
    assert skipped.twoq_gates == 1616 + 2  # one controlled multiplication + 2 cx writing |4>
    assert generic.twoq_gates == 8 * 1616


def test_construction_reveals_power_of_two_orders():
    assert order_revealed_by_constants(7, 15) == 4 and order_revealed_by_constants(4, 15) == 2
    assert order_revealed_by_constants(6, 35) == 2 and order_revealed_by_constants(2, 21) is None
    assert order_revealed_by_constants(2, 35) is None  # order 12


def test_windowed_is_leaner_than_beauregard():
    for a, N in [(7, 15), (2, 21)]:
        lean = cx_count(semiclassical_order_finding_circuit(a, N))
        old = cx_count(semiclassical_order_finding_circuit(a, N, arithmetic="beauregard"))
        assert lean < old / 5


def test_dynamic_circuit_structure():
    qc = semiclassical_order_finding_circuit(2, 21, arithmetic="beauregard")
    ops = qc.count_ops()
    t = 10
    assert (qc.num_qubits, qc.num_clbits) == (13, t)
    assert ops["measure"] == t and ops["reset"] == t - 1 and ops["if_else"] == t * (t - 1) // 2
    lean = semiclassical_order_finding_circuit(2, 21)
    assert lean.num_qubits == 16 and [r.name for r in lean.cregs] == ["phase", "mbu"]


@pytest.mark.parametrize("a,N", [(3, 15), (1, 15), (15, 15), (2, 1)])
def test_bad_base(a, N):
    with pytest.raises(QcogValueError):
        semiclassical_order_finding_circuit(a, N)
