"""Energies of bound circuits measured with shots: Aer, ``fake:`` and ``ibm:`` backends.

All circuits of one call go in ONE estimator job, each with the whole observable as one
PUB (the estimator groups commuting Pauli terms itself), so an SPSA step's two
perturbed energies, or the final evaluation of a trained ansatz, are one job:

* ``aer``, ``aer-gpu``, ``auto``: Qiskit's ``BackendEstimatorV2`` on the Aer simulator
  (precision ``1/sqrt(shots)``), transpiled by :class:`qcog.backends.Backend`;
* ``fake:<name>``, ``ibm:<name>``: :func:`qcog.ibm.submit` with observables, so the
  job is written to the job store before it is sent and nothing is lost (a fake
  backend is qiskit-ibm-runtime's local rehearsal with the device's noise model).

Error mitigation (``mitigation``: a :class:`qcog.mitigation.Mitigation` or one of
``none``, ``readout``, ``zne``, ``both``): on ``aer`` and ``fake:`` backends qcog's own
readout mitigation and zero-noise extrapolation
(:func:`qcog.mitigation.mitigated_expectation_values`: the bases, folded copies and
calibration circuits of one energy in one local job); on ``ibm:`` the runtime estimator
mitigates, with the same settings mapped by :func:`qcog.mitigation.runtime_options`.
``options`` passes further :class:`qcog.ibm.SubmitOptions` (twirling, dynamical
decoupling) on ``fake:``/``ibm:``.

>>> from qiskit import QuantumCircuit
>>> from qiskit.quantum_info import SparsePauliOp
>>> qc = QuantumCircuit(1); _ = qc.x(0)
>>> estimate_energies([qc], SparsePauliOp("Z"), "aer", shots=1000, seed=1).values
[-1.0]
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class EnergyEstimate:
    """Shot estimates of ``<H>`` for each circuit of one job.

    Attributes:
        values: one energy per circuit.
        stds: their standard errors.
        backend: the backend they ran on.
        shots: shots per circuit (the precision asked of the estimator is ``1/sqrt(shots)``).
        job_id: the job-store id (``fake:``/``ibm:``), None for Aer.
        wall_s: seconds for the whole job, transpilation included.
        mitigation: the mitigation applied ("none", "readout", "zne", "readout+zne").
        unmitigated: with qcog's own mitigation, the plain estimates beside ``values``
            (whose standard errors are then not estimated: ``stds`` hold NaN).
    """

    values: list[float]
    stds: list[float]
    backend: str
    shots: int
    job_id: str | None = None
    wall_s: float = 0.0
    mitigation: str = "none"
    unmitigated: list[float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def as_mitigation(mitigation: Any) -> Any:
    """A :class:`qcog.mitigation.Mitigation` from one, a name, or None (None: no mitigation)."""
    if mitigation is None or isinstance(mitigation, str) and mitigation.lower() == "none":
        return None
    from qcog.mitigation import Mitigation

    chosen = mitigation if isinstance(mitigation, Mitigation) else Mitigation.parse(mitigation)
    return chosen if chosen.readout or chosen.zne else None


def _mitigated(circuits, observable, backend, shots, seed, mitigation):
    """qcog's own readout mitigation / ZNE, one local job per circuit."""
    import math

    from qcog.mitigation import mitigated_expectation_values

    found = [mitigated_expectation_values(c, observable, backend, shots, seed, mitigation)
             for c in circuits]
    values = [float(f.values[0]) for f in found]
    return (values, [math.nan] * len(values), found[0].backend, None,
            [float(f.unmitigated[0]) for f in found])


def _aer(circuits, observable, backend: str, shots: int, seed: int | None):
    from qiskit.primitives import BackendEstimatorV2

    from qcog.backends import get_backend

    resolved = get_backend(backend)
    isa = resolved.transpile(list(circuits), optimization_level=1, seed=seed)
    options: dict[str, Any] = {"default_precision": 1 / math.sqrt(shots)}
    if seed is not None:
        options["seed_simulator"] = seed
    estimator = BackendEstimatorV2(backend=resolved.qiskit_backend, options=options)
    pubs = [(c, observable.apply_layout(c.layout, c.num_qubits)) for c in isa]
    result = estimator.run(pubs).result()
    values = [float(pub.data.evs) for pub in result]
    stds = [float(pub.data.stds) for pub in result]
    return values, stds, resolved.name, None


def _first(value) -> float:
    return float(value[0] if isinstance(value, list) else value)


def _runtime(circuits, observable, backend, shots, seed, store, options, poll, mitigation=None):
    from dataclasses import replace

    from qcog.ibm.polling import PollPolicy
    from qcog.ibm.primitives import SubmitOptions
    from qcog.ibm.submission import submit

    options = options or SubmitOptions(shots=shots, seed=seed)
    if mitigation is not None:  # the runtime estimator mitigates on ibm: backends
        from qcog.mitigation import runtime_options

        options = replace(options, mitigation=runtime_options(mitigation))
    record = submit(list(circuits), backend, observables=[observable] * len(circuits),
                    options=options, seed=seed, store=store, wait=True,
                    poll=poll or PollPolicy(), tags=["qcog-variational"])
    pubs = record.result["pubs"]
    return ([_first(p["evs"]) for p in pubs], [_first(p["stds"]) for p in pubs],
            record.backend, record.job_id)


def estimate_energies(circuits: Sequence[Any], observable: Any, backend: str,
                      shots: int = 4096, seed: int | None = None, store: Any = None,
                      options: Any = None, mitigation: Any = None,
                      poll: Any = None) -> EnergyEstimate:
    """Estimate ``<H>`` of every circuit in one job on a shot-based backend.

    Args:
        circuits: bound ``QuantumCircuit``s without measurements (one per energy).
        observable: a Qiskit ``SparsePauliOp`` on the circuits' qubits.
        backend: ``aer``, ``aer-gpu``, ``auto``, ``fake:<name>`` or ``ibm:<name>``.
        shots: shots per circuit (Aer: precision ``1/sqrt(shots)``).
        seed: simulator and transpiler seed (fake and Aer backends).
        store: the job store for ``fake:``/``ibm:`` (a path, a ``JobStore``, None: default).
        options: a :class:`qcog.ibm.SubmitOptions` for ``fake:``/``ibm:`` (shots taken from it).
        mitigation: a :class:`qcog.mitigation.Mitigation` or its name (see the module docs).
        poll: a :class:`qcog.ibm.PollPolicy` for waiting on ``ibm:`` jobs (None: the default).

    Raises:
        QcogValueError: bad shots, an engine name (torch, default.qubit) instead of a
            backend, or unknown mitigation settings.
        CircuitTooLargeError: the circuits are wider than the backend.
    """
    from qcog.backends import BackendSpec
    from qcog.variational.engines import shot_backend_kind

    kind = shot_backend_kind(backend, shots)
    chosen = as_mitigation(mitigation)
    start = time.perf_counter()
    unmitigated = None
    if chosen is not None and BackendSpec.parse(backend).kind != "ibm":
        values, stds, name, job_id, unmitigated = _mitigated(circuits, observable, backend,
                                                              shots, seed, chosen)
    elif kind == "local":
        values, stds, name, job_id = _aer(circuits, observable, backend, shots, seed)
    else:
        values, stds, name, job_id = _runtime(circuits, observable, backend, shots, seed, store,
                                              options, poll, chosen)
        shots = options.shots if options is not None else shots
    label = "none" if chosen is None else chosen.label
    return EnergyEstimate(values, stds, name, shots, job_id, time.perf_counter() - start, label,
                          unmitigated)
