"""What VQE and QAOA share: ansatz quantum functions, exact-gradient and SPSA optimisers,
and the shot-based estimator and sampler paths on Aer, ``fake:`` and ``ibm:`` backends.

``import qcog.variational`` is light; torch, PennyLane and Qiskit load on first use.

>>> from qcog.variational import OptimizerConfig
>>> OptimizerConfig("adam", steps=50).lr
0.05
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "Ansatz": "qcog.variational.ansatz",
    "energy_layer": "qcog.variational.ansatz",
    "probabilities": "qcog.variational.ansatz",
    "statevector": "qcog.variational.ansatz",
    "train": "qcog.variational.training",
    "TrainingRun": "qcog.variational.training",
    "is_exact": "qcog.variational.engines",
    "OptimizerConfig": "qcog.variational.optimizer",
    "Trace": "qcog.variational.trace",
    "minimize": "qcog.variational.minimize",
    "spsa_minimize": "qcog.variational.spsa",
    "estimate_energies": "qcog.variational.estimator",
    "EnergyEstimate": "qcog.variational.estimator",
    "sample_counts": "qcog.variational.sampler",
    "to_sparse_pauli_op": "qcog.variational.observables",
    "bound_circuits": "qcog.variational.export",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
