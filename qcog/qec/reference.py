"""Stim's own generated memory circuits, the independent reference for qcog's circuits.

``stim.Circuit.generated`` builds the repetition code (bit-flip) and the rotated surface
code memory experiments with the same four noise parameters as
:meth:`qcog.qec.noise.CircuitNoise.uniform`; tests and the benchmark compare qcog's
circuits against them.

>>> stim_reference_circuit("surface", 3, 3, 0.001, basis="x").num_detectors
24
"""

from __future__ import annotations

from qcog.qec.memory import check_basis, check_code_size
from qcog.qec.noise import check_probability

_TASKS = {
    ("repetition", "z"): "repetition_code:memory",
    ("surface", "x"): "surface_code:rotated_memory_x",
    ("surface", "z"): "surface_code:rotated_memory_z",
}


def stim_reference_circuit(code: str, distance: int, rounds: int, p: float, basis: str = "z"):
    """``stim.Circuit.generated`` for ``code`` with uniform circuit-level noise ``p``.

    Raises:
        QcogValueError: bad sizes or ``p``, or a code/basis Stim does not generate (the
            phase-flip repetition code).
    """
    import stim

    from qcog.exceptions import QcogValueError

    check_code_size(distance, rounds)
    p = check_probability(p, "p")
    task = _TASKS.get((code, check_basis(basis)))
    if task is None:
        raise QcogValueError(
            f"Stim generates no {code} code memory in basis {basis!r}; accepted: "
            + ", ".join(f"{c}/{b}" for c, b in _TASKS)
        )
    return stim.Circuit.generated(
        task,
        distance=distance,
        rounds=rounds,
        after_clifford_depolarization=p,
        before_round_data_depolarization=p,
        before_measure_flip_probability=p,
        after_reset_flip_probability=p,
    )
