"""Circuits in a backend's ISA: transpile, check, inspect and estimate the cost before submitting.

IBM backends accept only ISA circuits: gates the target supports, on qubit pairs it
couples. :func:`prepare_isa` transpiles with a preset pass manager on the backend's
target, applies the final layout to observables, and reports each circuit's two-qubit
gate count, depth and an estimate of its QPU time. :func:`check_isa` rejects a circuit
that is not ISA before anything is sent.

>>> from qcog.backends.fake import fake_backend
>>> from qcog.circuits.states import ghz_state
>>> program = prepare_isa([ghz_state(3)], fake_backend("manila"), seed=7)
>>> program.items[0].num_qubits, program.items[0].twoq_gates
(3, 2)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from qcog.exceptions import CircuitTooLargeError, QcogValueError

#: Operations every IBM backend accepts although targets do not list them.
ALWAYS_ALLOWED = frozenset({"barrier"})
#: Default time between shots when the backend does not say (seconds).
DEFAULT_REP_DELAY_S = 250e-6
_SHOWN = 5  # offending instructions named in an error message


class NonIsaCircuitError(QcogValueError):
    """A circuit uses gates or qubit pairs the backend does not support natively."""


@dataclass
class IsaItem:
    """One circuit as it will run: the ISA circuit, its observable and its cost.

    Attributes:
        circuit: the ISA circuit (inspect it, draw it).
        observable: the estimator observables with the layout applied (a list; None for
            the sampler).
        num_qubits: qubits of the circuit as written.
        twoq_gates: two-qubit gates of the ISA circuit.
        depth: depth of the ISA circuit (barriers and measurements excluded).
        duration_s: estimated duration of one shot from the target's gate times (None if
            the target has no timing data).
    """

    circuit: Any
    observable: Any = None
    num_qubits: int = 0
    twoq_gates: int = 0
    depth: int = 0
    duration_s: float | None = None

    def summary(self) -> dict[str, Any]:
        """JSON-ready facts (no circuit)."""
        return {
            "num_qubits": self.num_qubits,
            "physical_qubits": list(_physical_qubits(self.circuit)),
            "twoq_gates": self.twoq_gates,
            "depth": self.depth,
            "duration_us": None if self.duration_s is None else round(self.duration_s * 1e6, 3),
            "ops": {k: int(v) for k, v in self.circuit.count_ops().items()},
        }


#: Extra executions per circuit for the estimator's zero-noise extrapolation (level 2
#: amplifies the noise at factors 1, 3 and 5 by default).
ZNE_EXECUTIONS = 3


def estimator_shots(precision: float) -> int:
    """Shots the estimator takes per measurement basis for a target ``precision``.

    IBM's estimator aims at a standard error ``precision`` for a Pauli observable
    (variance at most 1), so it takes ``ceil(1 / precision**2)`` shots.

    >>> estimator_shots(0.015625)  # the estimator's default precision
    4096
    """
    return math.ceil(1.0 / precision**2 - 1e-9)


def measurement_bases(observables) -> int:
    """Circuits the estimator runs for one PUB: one per qubit-wise commuting group.

    ``['ZZ', 'ZI', 'XX']`` needs the Z basis and the X basis: 2.

    >>> from qiskit.quantum_info import SparsePauliOp
    >>> measurement_bases([SparsePauliOp("ZZ"), SparsePauliOp("ZI"), SparsePauliOp("XX")])
    2
    """
    if not observables:
        return 1
    from qiskit.quantum_info import PauliList

    paulis = PauliList([p for op in observables for p in op.paulis])
    identity = [not (z.any() or x.any()) for z, x in zip(paulis.z, paulis.x)]
    paulis = paulis[[not i for i in identity]] if not all(identity) else paulis[:1]
    return max(1, len(paulis.unique().group_qubit_wise_commuting()))


@dataclass
class IsaProgram:
    """All circuits of one submission, in the backend's ISA, with a cost estimate.

    Attributes:
        items: one :class:`IsaItem` per circuit, in input order.
        backend_name: the backend they were transpiled for.
        rep_delay_s: time between shots on that backend.
        calibration: the backend's calibration for the qubits and couplers used (see
            :func:`qcog.ibm.calibration.calibration_snapshot`; None if unavailable).
        warnings: what the calibration says against this layout (broken couplers).
    """

    items: list[IsaItem]
    backend_name: str
    rep_delay_s: float = DEFAULT_REP_DELAY_S
    extra: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def circuits(self) -> list:
        return [item.circuit for item in self.items]

    def executions(self, item: IsaItem, resilience_level: int | None = None) -> int:
        """Circuits actually run for ``item``: its measurement bases, times ZNE's factors."""
        if item.observable is None:
            return 1
        zne = ZNE_EXECUTIONS if resilience_level == 2 else 1
        return measurement_bases(item.observable) * zne

    def estimated_qpu_seconds(
        self, shots: int, precision: float | None = None, resilience_level: int | None = None
    ) -> float | None:
        """Shot time only: ``shots * (duration + rep_delay)`` over every circuit run.

        For the estimator, ``precision`` (when given) sets the shots per circuit to
        ``ceil(1 / precision**2)``, each circuit runs once per qubit-wise commuting group
        of its observables, and resilience level 2 runs each ``ZNE_EXECUTIONS`` times.
        A lower bound of what IBM bills: queueing, compilation, twirling and error
        mitigation overheads are not included. None when gate times are unknown.
        """
        if any(item.duration_s is None for item in self.items):
            return None
        total = 0.0
        for item in self.items:
            per_run = shots if item.observable is None or precision is None else None
            if per_run is None:
                per_run = estimator_shots(precision)
            runs = self.executions(item, resilience_level)
            total += runs * per_run * (item.duration_s + self.rep_delay_s)
        return float(total)

    def summary(
        self, shots: int, precision: float | None = None, resilience_level: int | None = None
    ) -> dict[str, Any]:
        """JSON-ready: backend, per-circuit facts, the QPU-time estimate and warnings."""
        estimate = self.estimated_qpu_seconds(shots, precision, resilience_level)
        estimator = any(item.observable is not None for item in self.items)
        shots_note = (
            f"ceil(1/precision^2) = {estimator_shots(precision)} shots"
            if estimator and precision is not None
            else f"{shots} shots"
        )
        circuits = [item.summary() for item in self.items]
        if estimator:
            for facts, item in zip(circuits, self.items):
                facts["executions"] = self.executions(item, resilience_level)
        return {
            "backend": self.backend_name,
            "circuits": circuits,
            "twoq_gates": sum(item.twoq_gates for item in self.items),
            "estimated_qpu_seconds": None if estimate is None else round(estimate, 6),
            "estimate_note": (
                f"{shots_note} x (circuit duration + rep delay) for every circuit run"
                + (" (one per commuting group of observables)" if estimator else "")
                + "; a lower bound: excludes queue, compilation and mitigation overheads"
            ),
            "warnings": list(self.warnings),
        }


def _physical_qubits(circuit) -> list[int]:
    """Indices of the qubits an ISA circuit touches (barriers ignored)."""
    used = set()
    for inst in circuit.data:
        if inst.operation.name != "barrier":
            used.update(circuit.find_bit(q).index for q in inst.qubits)
    return sorted(used)


def non_isa_instructions(circuit, target) -> list[str]:
    """Describe each instruction of ``circuit`` that ``target`` does not support."""
    bad = []
    for inst in circuit.data:
        name = inst.operation.name
        if name in ALWAYS_ALLOWED:
            continue
        qargs = tuple(circuit.find_bit(q).index for q in inst.qubits)
        if not target.instruction_supported(name, qargs):
            bad.append(f"{name} on qubits {list(qargs)}")
    return bad


def check_isa(circuit, target, backend_name: str = "the backend") -> None:
    """Raise :class:`NonIsaCircuitError` unless ``circuit`` is in ``target``'s ISA.

    Raises:
        CircuitTooLargeError: the circuit is wider than the target.
        NonIsaCircuitError: naming the first unsupported instructions and the basis.
    """
    if circuit.num_qubits > target.num_qubits:
        raise CircuitTooLargeError(
            f"circuit {circuit.name!r} has {circuit.num_qubits} qubits but {backend_name} has "
            f"{target.num_qubits}"
        )
    bad = non_isa_instructions(circuit, target)
    if bad:
        more = f" and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
        basis = ", ".join(sorted(n for n in target.operation_names if n.isidentifier()))
        raise NonIsaCircuitError(
            f"circuit {circuit.name!r} is not in the ISA of {backend_name}: "
            f"{'; '.join(bad[:_SHOWN])}{more}. {backend_name} accepts {basis} on its coupled "
            "qubits; transpile first (qcog.ibm.prepare_isa does) or pass transpile=True"
        )


def _as_measured(circuit):
    """The circuit with ``measure_all`` when it measures nothing (sampler needs outcomes)."""
    if any(inst.operation.name == "measure" for inst in circuit.data):
        return circuit
    measured = circuit.copy()
    measured.measure_all()
    return measured


def _as_observable(observable, num_qubits: int):
    """A ``SparsePauliOp`` from a Pauli string, a list of (label, coeff) or an operator."""
    from qiskit.quantum_info import SparsePauliOp

    try:
        op = SparsePauliOp(observable)
    except Exception as exc:
        raise QcogValueError(
            f"cannot read observable {observable!r} ({exc}); accepted: a Pauli string such as "
            "'ZZI', a SparsePauliOp, or a Pauli"
        ) from None
    if op.num_qubits != num_qubits:
        raise QcogValueError(
            f"observable acts on {op.num_qubits} qubits but its circuit has {num_qubits}"
        )
    return op


def _item(original, isa, target, observable) -> IsaItem:
    from qcog.circuits.metrics import circuit_cost

    cost = circuit_cost(isa)
    try:
        duration = float(isa.estimate_duration(target, unit="s"))
    except Exception:  # targets without gate durations
        duration = None
    return IsaItem(isa, observable, original.num_qubits, cost.twoq_gates, cost.depth, duration)


def prepare_isa(
    circuits,
    backend,
    observables=None,
    optimization_level: int = 1,
    seed: int | None = None,
    transpile: bool = True,
    backend_name: str | None = None,
) -> IsaProgram:
    """Transpile circuits to ``backend``'s ISA (and map observables onto the ISA qubits).

    Args:
        circuits: a ``QuantumCircuit`` or a list of them.
        backend: a Qiskit ``BackendV2`` with a ``target`` (an IBM or fake backend).
        observables: None for sampling (circuits without measurements get
            ``measure_all``); for the estimator, the observable(s) of the circuit (one
            circuit) or one entry per circuit (a list of circuits), each entry an
            observable or a list of them (Pauli strings or ``SparsePauliOp``); final
            measurements are removed from the circuits.
        optimization_level: preset pass-manager level 0-3.
        seed: transpiler seed.
        transpile: False to submit circuits that are already ISA (they are checked).
        backend_name: the name to report (default: the backend's own name).

    Returns:
        An :class:`IsaProgram`; every circuit in it passed :func:`check_isa`.

    Raises:
        CircuitTooLargeError: a circuit is wider than the backend.
        NonIsaCircuitError: ``transpile=False`` and a circuit is not ISA.
        QcogValueError: bad observables or optimization level.
    """
    from qiskit import QuantumCircuit

    batch = [circuits] if isinstance(circuits, QuantumCircuit) else list(circuits)
    if not batch or not all(isinstance(c, QuantumCircuit) for c in batch):
        raise QcogValueError("circuits must be a QuantumCircuit or a non-empty list of them")
    if optimization_level not in (0, 1, 2, 3):
        raise QcogValueError(f"optimization_level must be 0-3, got {optimization_level!r}")
    target, name = backend.target, getattr(backend, "name", "the backend")
    name = backend_name or (name() if callable(name) else name)
    for circuit in batch:
        if circuit.num_qubits > target.num_qubits:
            raise CircuitTooLargeError(
                f"circuit {circuit.name!r} needs {circuit.num_qubits} qubits but backend {name!r} "
                f"has {target.num_qubits}; use a smaller circuit or a larger backend"
            )
    if observables is None:
        ready = [_as_measured(c) for c in batch]
        ops = [None] * len(batch)
    else:
        per_circuit = [observables] if isinstance(circuits, QuantumCircuit) else list(observables)
        if len(per_circuit) != len(batch):
            raise QcogValueError(
                f"got {len(per_circuit)} observable entries for {len(batch)} circuits"
            )
        ready = [c.remove_final_measurements(inplace=False) for c in batch]
        ops = [
            [
                _as_observable(o, c.num_qubits)
                for o in (entry if isinstance(entry, (list, tuple)) else [entry])
            ]
            for entry, c in zip(per_circuit, batch)
        ]
    if transpile:
        from qiskit.transpiler import generate_preset_pass_manager

        manager = generate_preset_pass_manager(
            optimization_level=optimization_level, target=target, seed_transpiler=seed
        )
        isa = manager.run(ready)
    else:
        isa = ready
    for circuit in isa:
        check_isa(circuit, target, f"backend {name!r}")
    mapped = [
        None if group is None else [op.apply_layout(c.layout, c.num_qubits) for op in group]
        for group, c in zip(ops, isa)
    ]
    items = [_item(o, c, target, op) for o, c, op in zip(batch, isa, mapped)]
    rep_delay = getattr(backend, "default_rep_delay", None) or DEFAULT_REP_DELAY_S
    program = IsaProgram(items, str(name), float(rep_delay))
    _add_calibration(program, backend)
    return program


def _add_calibration(program: IsaProgram, backend) -> None:
    """Attach the calibration of the qubits and couplers used, and its warnings."""
    from qcog.ibm.calibration import calibration_snapshot, unusable_instructions

    try:
        program.calibration = calibration_snapshot(backend, program.circuits, program.backend_name)
    except Exception as exc:  # a backend without usable calibration data: say so, go on
        program.warnings.append(f"no calibration snapshot ({type(exc).__name__}: {exc})")
        return
    program.warnings.extend(unusable_instructions(program.calibration))
