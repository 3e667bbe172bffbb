"""Mitigated expectation values of Pauli observables for a circuit on a backend spec.

:func:`mitigated_expectation_values` is the one function other packages call (VQE, QAOA,
quantum layers on shot-based backends): give it a state circuit (no measurements), Pauli
observables, a backend spec and a :class:`~qcog.mitigation.options.Mitigation`, and it
returns the mitigated values beside the unmitigated ones and what the mitigation cost.

How: the observables' terms are grouped into qubit-wise commuting measurement bases
(one circuit each); with ZNE every basis circuit is also run globally folded at each
noise scale (:mod:`qcog.mitigation.folding`); with readout mitigation two calibration
circuits measure the same physical qubits in |0...0> and |1...1>
(:mod:`qcog.mitigation.readout`). Everything is transpiled to the backend (the physical
qubit behind each measured bit is read from the transpiled circuit) and run in one job
through :func:`qcog.run`. Values are corrected for readout, then extrapolated to zero
noise (:mod:`qcog.mitigation.extrapolation`).

``ibm:`` backends mitigate in the runtime instead: see :mod:`qcog.mitigation.runtime`.

>>> from qiskit import QuantumCircuit
>>> bell = QuantumCircuit(2); _ = bell.h(0); _ = bell.cx(0, 1)
>>> est = mitigated_expectation_values(bell, ["ZZ", "XX"], backend="aer", shots=200, seed=1)
>>> est.values.tolist(), est.circuits
([1.0, 1.0], 2)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.mitigation.extrapolation import extrapolate
from qcog.mitigation.folding import achieved_scale, fold_global
from qcog.mitigation.observables import (
    as_pauli_ops,
    basis_circuit,
    basis_of,
    measurement_bases,
    parity_expectation,
    support,
)
from qcog.mitigation.options import Mitigation
from qcog.mitigation.readout import ReadoutCalibration, calibration_circuits


@dataclass
class MitigatedEstimate:
    """Expectation values with and without mitigation, and the cost.

    Attributes:
        values: the mitigated value per observable (as asked for in ``mitigation``).
        unmitigated: the plain estimate per observable (noise scale 1, raw readout).
        per_scale: ``(scales, observables)`` values at each noise scale, after readout
            correction when it is on (ZNE extrapolates these).
        scales: the noise scales reached by folding (ZNE) or ``[1.0]``.
        extrapolation: the fit used per observable (notes a fallback), or None.
        mitigation: the settings.
        backend: the concrete backend name.
        shots: shots per circuit.
        circuits: circuits run, calibration included; ``bases`` of them would have been
            run without mitigation.
        bases: measurement bases (circuits per noise scale).
        readout: the readout calibration, when readout mitigation is on.
        wall_s: wall time of transpilation and execution.
    """

    values: np.ndarray
    unmitigated: np.ndarray
    per_scale: np.ndarray
    scales: list[float]
    extrapolation: list[str] | None
    mitigation: Mitigation
    backend: str
    shots: int
    circuits: int
    bases: int
    readout: ReadoutCalibration | None = field(default=None, repr=False)
    wall_s: float = 0.0

    @property
    def circuit_overhead(self) -> float:
        """Circuits run / circuits an unmitigated estimate needs."""
        return self.circuits / self.bases

    @property
    def shot_overhead(self) -> float:
        """Shots run / shots an unmitigated estimate needs (same shots per circuit)."""
        return self.circuit_overhead

    def to_dict(self) -> dict[str, Any]:
        out = {
            "values": self.values.tolist(),
            "unmitigated": self.unmitigated.tolist(),
            "per_scale": self.per_scale.tolist(),
            "scales": self.scales,
            "extrapolation": self.extrapolation,
            "mitigation": self.mitigation.to_dict(),
            "backend": self.backend,
            "shots": self.shots,
            "circuits": self.circuits,
            "bases": self.bases,
            "circuit_overhead": self.circuit_overhead,
            "shot_overhead": self.shot_overhead,
            "wall_s": round(self.wall_s, 6),
        }
        if self.readout is not None:
            out["readout_errors"] = {
                "qubits": list(self.readout.qubits),
                "p01": self.readout.p01.tolist(),
                "p10": self.readout.p10.tolist(),
            }
        return out


def _state_circuit(circuit):
    """The circuit without final measurements; refuse mid-circuit measurements and resets."""
    bare = circuit.remove_final_measurements(inplace=False)
    if any(inst.operation.name in ("measure", "reset") for inst in bare.data):
        raise QcogValueError(
            "expectation values need a circuit that prepares a state: remove its "
            "mid-circuit measurements and resets"
        )
    return bare


def _measured_qubits(isa_circuit) -> list[int]:
    """The physical qubit measured into each classical bit of a transpiled circuit."""
    physical = [0] * isa_circuit.num_clbits
    for inst in isa_circuit.data:
        if inst.operation.name == "measure":
            physical[isa_circuit.find_bit(inst.clbits[0]).index] = isa_circuit.find_bit(inst.qubits[0]).index
    return physical


def _values(counts, physical, ops, bases, offset, calibration) -> np.ndarray:
    """Observable values from the basis circuits' counts (``offset`` = first circuit)."""
    out = []
    for op in ops:
        total = 0.0
        for pauli, coeff in zip(op.paulis, op.coeffs):
            label = pauli.to_label().lstrip("-i")
            bits = support(label)
            if not bits:
                total += float(np.real(coeff))
                continue
            k = offset + basis_of(label, bases)
            if calibration is None:
                value = parity_expectation(counts[k], bits)
            else:
                value = calibration.expectation(counts[k], physical[k], bits)
            sign = -1.0 if pauli.to_label().startswith("-") else 1.0
            total += float(np.real(coeff)) * sign * value
        out.append(total)
    return np.array(out)


def mitigated_expectation_values(
    circuit,
    observables,
    backend="aer",
    shots: int = 4000,
    seed: int | None = None,
    mitigation: Mitigation | None = None,
    optimization_level: int = 1,
    calibration: ReadoutCalibration | None = None,
) -> MitigatedEstimate:
    """Estimate ``<observable>`` for the state ``circuit`` prepares, with mitigation.

    Args:
        circuit: a ``QuantumCircuit`` preparing the state (final measurements are removed).
        observables: a Pauli string (Qiskit order, rightmost = qubit 0), ``Pauli``,
            ``SparsePauliOp``, or a list of them.
        backend: a shot-based backend spec ('aer', 'aer-gpu', 'fake:NAME') or a
            :class:`qcog.backends.Backend`.
        shots: shots per circuit.
        seed: simulator and transpiler seed.
        mitigation: what to apply (None: nothing, only the plain estimate).
        optimization_level: transpiler level (folded blocks are kept apart by barriers).
        calibration: a readout calibration to reuse (e.g. ``previous.readout`` inside an
            optimisation loop); it must cover the measured physical qubits. None: two
            calibration circuits run with the others when readout mitigation is on.

    Returns:
        A :class:`MitigatedEstimate`.

    Raises:
        QcogValueError: bad observables, shots, scales, or a circuit with measurements.
        BackendUnavailableError: ``ibm:`` backends (the runtime mitigates; see
            :func:`qcog.mitigation.runtime.runtime_options`).
    """
    from qcog.backends import get_backend
    from qcog.runner import run

    mitigation = mitigation or Mitigation()
    if isinstance(shots, bool) or not isinstance(shots, int) or shots < 1:
        raise QcogValueError(f"shots must be a positive integer, got {shots!r}")
    state = _state_circuit(circuit)
    ops = as_pauli_ops(observables, state.num_qubits)
    resolved = get_backend(backend)
    if resolved.spec.kind == "ibm":
        raise BackendUnavailableError(
            "on ibm: backends the runtime estimator mitigates: submit with qcog.ibm.submit "
            "(or `qcog ibm submit --observable ... --mitigation ...`), whose options "
            "qcog.mitigation.runtime.runtime_options(mitigation) gives"
        )
    start = time.perf_counter()
    bases = measurement_bases(ops)
    scales = mitigation.run_scales
    logical = [basis_circuit(fold_global(state, s), b) for s in scales for b in bases]
    isa = resolved.transpile(logical, optimization_level, seed)
    physical = [_measured_qubits(c) for c in isa]
    calibration_qubits = sorted({q for row in physical for q in row})
    if calibration is not None and not set(calibration_qubits) <= set(calibration.qubits):
        raise QcogValueError(
            f"the readout calibration covers physical qubits {list(calibration.qubits)}, but "
            f"these circuits measure {calibration_qubits}; recalibrate (calibration=None)"
        )
    fresh = mitigation.readout and calibration is None
    extra = calibration_circuits(calibration_qubits, resolved.num_qubits) if fresh else []
    results = run(isa + extra, backend=resolved, shots=shots, seed=seed, optimization_level=0)
    counts = [r.counts for r in results]
    if fresh:
        calibration = ReadoutCalibration.from_counts(calibration_qubits, counts[-2], counts[-1])
    elif not mitigation.readout:
        calibration = None
    raw = _values(counts, physical, ops, bases, 0, None)
    per_scale = np.array([
        _values(counts, physical, ops, bases, k * len(bases), calibration) for k in range(len(scales))
    ])  # (scales, observables)
    reached = [achieved_scale(state, s) for s in scales]
    fits = None
    values = per_scale[0]
    if mitigation.zne:
        found = [extrapolate(reached, per_scale[:, j], mitigation.extrapolation) for j in range(len(ops))]
        values = np.array([f.value for f in found])
        fits = [f.method for f in found]
    return MitigatedEstimate(
        values=values,
        unmitigated=raw,
        per_scale=per_scale,
        scales=reached,
        extrapolation=fits,
        mitigation=mitigation,
        backend=resolved.name,
        shots=shots,
        circuits=len(logical) + len(extra),
        bases=len(bases),
        readout=calibration,
        wall_s=time.perf_counter() - start,
    )
