"""``assert_valid_backend``: the checks every qcog backend must pass.

>>> from qcog.backends import get_backend
>>> assert_valid_backend(get_backend("aer"), seed=3)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only; imported where used
    from qcog.backends import Backend


def assert_valid_backend(backend: str | Backend, seed: int = 11, shots: int = 4000) -> None:
    """Run a Bell pair and a basis state on ``backend`` and check the result's contract.

    Checks: the spec round-trips, transpiled circuits use only the target's operations,
    counts sum to shots, metadata are filled, ideal backends reproduce the exact
    distribution within shot noise and noisy ones keep the dominant outcomes.
    """
    from qcog.backends import BackendSpec
    from qcog.circuits import basis_state, bell_state
    from qcog.runner import run
    from qcog.testing.reference import reference_probabilities
    from qcog.testing.statistics import assert_counts_match

    assert BackendSpec.parse(backend.name).kind in ("aer", "aer-gpu", "fake", "ibm")
    assert backend.num_qubits >= 2
    circuits = [bell_state("phi+"), basis_state("101")]
    results = run(circuits, backend=backend, shots=shots, seed=seed)
    for circuit, result in zip(circuits, results):
        assert sum(result.counts.values()) == shots
        assert result.backend == backend.name and result.shots == shots and result.seed == seed
        assert result.num_qubits == circuit.num_qubits and result.wall_s >= 0
        supported = set(backend.target.operation_names) | {"measure", "barrier"}
        used = set(result.transpiled.count_ops())
        assert used <= supported, f"transpiled circuit uses {used - supported}, not in the target"
        exact = reference_probabilities(circuit)
        if backend.is_noisy:
            top = sorted(result.counts, key=result.counts.get, reverse=True)[: len(exact)]
            assert set(top) == set(exact), f"noise hid the ideal outcomes {set(exact)}: {result.counts}"
        else:
            assert_counts_match(result.counts, exact)
