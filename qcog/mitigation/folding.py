"""Unitary folding: the same circuit with more gates, to raise its noise in known steps.

Global folding replaces ``U`` by ``U (U^dagger U)^k``, which is the same unitary with
``2k + 1`` times the gates, so on a device whose errors grow with the gate count it is
the circuit "at noise scale ``2k + 1``". A scale between odd integers also folds the last
``m`` gates ``L`` once more (``... L^dagger L``), with ``m`` chosen to get as close as a
whole gate allows; :func:`achieved_scale` says which scale that was. Barriers separate
the folded blocks so that the transpiler does not cancel them again.

>>> from qiskit import QuantumCircuit
>>> qc = QuantumCircuit(2); _ = qc.h(0); _ = qc.cx(0, 1)
>>> folded = fold_global(qc, 3)
>>> folded.count_ops()["cx"], achieved_scale(qc, 3)
(3, 3.0)
"""

from __future__ import annotations

import math

from qcog.exceptions import QcogValueError

#: Largest scale accepted (a folded circuit has about ``scale`` times the gates).
MAX_SCALE = 99.0


def _unitary_part(circuit):
    """The circuit without barriers; refuse measurements, resets and other non-unitaries."""
    body = circuit.copy_empty_like()
    for inst in circuit.data:
        if inst.operation.name == "barrier":
            continue
        if inst.operation.name in ("measure", "reset") or not hasattr(inst.operation, "inverse"):
            raise QcogValueError(
                f"folding needs a unitary circuit, and this one has {inst.operation.name!r}; "
                "remove final measurements first (circuit.remove_final_measurements())"
            )
        body.append(inst)
    return body


def check_scale(scale: float) -> float:
    """Return ``scale`` as a float if it is in [1, :data:`MAX_SCALE`]; raise else."""
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale):
        raise QcogValueError(f"noise scale must be a number >= 1, got {scale!r}")
    if not 1 <= scale <= MAX_SCALE:
        raise QcogValueError(f"noise scale must be in [1, {MAX_SCALE:g}], got {scale}")
    return float(scale)


def _plan(num_gates: int, scale: float) -> tuple[int, int]:
    """``(k, m)``: whole folds and the number of trailing gates folded once more."""
    k = int((scale - 1) // 2)
    m = round((scale - 1 - 2 * k) / 2 * num_gates)
    return k, min(m, num_gates)


def achieved_scale(circuit, scale: float) -> float:
    """The gate-count ratio that :func:`fold_global` reaches for ``scale`` (1.0 for no gates)."""
    n = len(_unitary_part(circuit).data)
    if n == 0:
        return 1.0
    k, m = _plan(n, check_scale(scale))
    return (n * (2 * k + 1) + 2 * m) / n


def fold_global(circuit, scale: float):
    """``circuit`` folded to about ``scale`` times its gates (see the module docs).

    Args:
        circuit: a unitary ``QuantumCircuit`` (no measurements or resets).
        scale: the noise scale, >= 1 (odd integers are exact).

    Returns:
        A new ``QuantumCircuit`` implementing the same unitary.

    Raises:
        QcogValueError: a scale below 1 or a non-unitary circuit.
        SizeLimitError: a folded circuit too large to build (:mod:`qcog.limits`).
    """
    from qcog.limits import check_gate_count

    body = _unitary_part(circuit)
    n = len(body.data)
    k, m = _plan(n, check_scale(scale))
    check_gate_count(n * (2 * k + 1) + 2 * m, f"the circuit folded to noise scale {scale:g}",
                     "use smaller noise scales or a shorter circuit")
    inverse = body.inverse()
    folded = body.copy()
    for _ in range(k):
        folded.barrier()
        folded.compose(inverse, inplace=True)
        folded.barrier()
        folded.compose(body, inplace=True)
    if m:
        tail = body.copy_empty_like()
        for inst in body.data[n - m :]:
            tail.append(inst)
        folded.barrier()
        folded.compose(tail.inverse(), inplace=True)
        folded.barrier()
        folded.compose(tail, inplace=True)
    return folded
