"""Check that a circuit permutes basis states exactly, phases included, even when it
measures mid-circuit (measurement-based uncomputation): every outcome branch must give the
same exact output.

One run of ``sum_x c_x |x>`` with distinct real weights checks all inputs at once: the
output must equal ``sum_x c_x |mapping[x]>`` up to one global phase. The state is run on
the sparse simulator (:mod:`qcog.simulators.sparse`) with several seeds, so different
measurement outcomes are exercised.

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(2)
>>> _ = qc.cx(0, 1)
>>> assert_exact_permutation(qc, {0: 0, 1: 3, 2: 2, 3: 1})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only
    from collections.abc import Iterable

    from qiskit import QuantumCircuit


def assert_exact_permutation(
    circuit: QuantumCircuit,
    mapping: dict[int, int],
    seeds: Iterable[int] = (1, 2),
    tol: float = 1e-9,
) -> None:
    """Raise ``AssertionError`` unless ``circuit`` maps each ``|x>`` to ``|mapping[x]>``.

    Args:
        circuit: the circuit (mid-circuit measurements and ``if_test`` allowed).
        mapping: input basis index -> expected output basis index (injective).
        seeds: simulator seeds, one run each.
        tol: amplitude tolerance.
    """
    import numpy as np

    from qcog.simulators.sparse import simulate

    inputs = sorted(mapping)
    assert len(set(mapping.values())) == len(inputs), "expected map is not injective"
    weights = np.arange(1, len(inputs) + 1, dtype=float)
    weights /= np.linalg.norm(weights)
    expected = {mapping[x]: w for x, w in zip(inputs, weights)}
    for seed in seeds:
        out = simulate(circuit, initial=dict(zip(inputs, weights)), seed=seed).state()
        missing, extra = set(expected) - set(out), set(out) - set(expected)
        assert not missing and not extra, (
            f"seed {seed}: wrong basis states, missing {sorted(missing)[:5]}, extra {sorted(extra)[:5]}"
        )
        first = next(iter(expected))
        phase = out[first] / expected[first]
        assert abs(abs(phase) - 1) < tol, f"seed {seed}: norm changed ({abs(phase):.6f})"
        bad = [k for k, v in expected.items() if abs(out[k] - phase * v) > tol]
        assert not bad, f"seed {seed}: wrong amplitudes at basis states {bad[:5]}"
