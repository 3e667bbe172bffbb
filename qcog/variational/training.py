"""Train an ansatz on the backend the user names: exactly on an engine, or with SPSA on shots.

* exact engines (``torch``, ``default.qubit``, ``lightning.qubit``, ...): Adam or L-BFGS
  on the exact energy and gradient (:func:`qcog.variational.minimize.minimize`);
* shot-based backends (``aer``, ``fake:<name>``, ``ibm:<name>``) with ``adam``/``lbfgs``:
  trained exactly on the torch engine, the backend is only used afterwards (by the caller);
* shot-based backends with ``spsa``: every step's two energies in one estimator job
  (:func:`qcog.variational.estimator.estimate_energies`).

VQE and QAOA both train through :func:`train`.

>>> import pennylane as qml
>>> class OneRotation:
...     n_qubits, n_params = 1, 1
...     def apply(self, theta):
...         qml.RY(theta[0], wires=0)
...     def initial(self, seed=None):
...         return [0.3]
>>> run = train(OneRotation(), qml.PauliZ(0), "default.qubit", OptimizerConfig("lbfgs", steps=20))
>>> run.engine, round(run.trace.energies[-1], 6)
('default.qubit', -1.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.variational.engines import is_exact
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.trace import Trace


@dataclass
class TrainingRun:
    """What :func:`train` produced.

    Attributes:
        theta: the trained parameters.
        trace: energies and times of the optimisation.
        engine: where it trained (an exact engine, or the shot backend for SPSA).
        last_estimate: the final SPSA estimator job (None for exact training).
    """

    theta: list[float]
    trace: Trace
    engine: str
    last_estimate: Any = None


def train(ansatz: Any, observable: Any, backend: str, config: OptimizerConfig, seed: int | None = 0,
          initial: Sequence[float] | None = None, record_target: float | None = None,
          shots: int = 4096, store: Any = None, options: Any = None, progress: bool = False,
          desc: str = "optimise", mitigation: Any = None) -> TrainingRun:
    """Optimise ``ansatz`` against the PennyLane ``observable`` (see the module docstring).

    ``mitigation`` (SPSA on shot-based backends): applied to every estimate, see
    :func:`qcog.variational.estimator.estimate_energies`.

    Raises:
        QcogValueError: SPSA asked for on an exact engine.
    """
    if config.name == "spsa" and is_exact(backend):
        raise QcogValueError(
            f"spsa is for shot-based backends (aer, fake:<name>, ibm:<name>); on {backend!r} "
            "use adam or lbfgs with exact gradients"
        )
    if config.exact:
        from qcog.variational.ansatz import WEIGHT, energy_layer
        from qcog.variational.minimize import minimize

        engine = backend if is_exact(backend) else "torch"
        layer = energy_layer(ansatz, observable, engine=engine, seed=seed, theta=initial)
        trace = minimize(layer, config, progress=progress, desc=f"{desc} ({engine})",
                         record_target=record_target)
        return TrainingRun(getattr(layer, WEIGHT).detach().numpy().tolist(), trace, engine)
    from qcog.variational.spsa import spsa_minimize

    estimates = []
    qiskit_observable = _qiskit(observable, ansatz.n_qubits)

    def evaluate(rows):
        estimates.append(shot_energies(ansatz, qiskit_observable, rows, backend, shots, seed,
                                       store, options, mitigation))
        return estimates[-1].values

    start = ansatz.initial(seed) if initial is None else initial
    theta, trace = spsa_minimize(evaluate, start, config, seed=seed, progress=progress,
                                 desc=f"{desc} SPSA ({backend})")
    trace.target = record_target
    return TrainingRun([float(t) for t in theta], trace, backend, estimates[-1])


def _qiskit(observable, n_qubits: int):
    from qcog.variational.observables import to_sparse_pauli_op

    return observable if hasattr(observable, "paulis") else to_sparse_pauli_op(observable, n_qubits)


def shot_energies(ansatz: Any, observable: Any, rows: Sequence[Sequence[float]], backend: str,
                  shots: int = 4096, seed: int | None = 0, store: Any = None,
                  options: Any = None, mitigation: Any = None) -> Any:
    """The estimator's energies of ``ansatz`` at each parameter vector of ``rows``, in one job.

    ``observable``: a PennyLane Pauli sum or a Qiskit ``SparsePauliOp``.
    """
    from qcog.variational.estimator import estimate_energies
    from qcog.variational.export import bound_circuits

    return estimate_energies(bound_circuits(ansatz, rows), _qiskit(observable, ansatz.n_qubits),
                             backend, shots=shots, seed=seed, store=store, options=options,
                             mitigation=mitigation)


def exact_energy(ansatz: Any, observable: Any, theta: Sequence[float], engine: str = "torch") -> float:
    """The exact energy of ``ansatz`` at ``theta`` on an exact engine."""
    import torch

    from qcog.variational.ansatz import energy_layer, no_inputs

    layer = energy_layer(ansatz, observable, engine=engine, theta=theta)
    with torch.no_grad():
        return float(layer(no_inputs()))
