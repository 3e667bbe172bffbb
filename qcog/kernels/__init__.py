"""Quantum kernels and QSVM: fidelity and projected kernels, estimators, shot-based Gram matrices.

``import qcog`` does not import this package; importing it is light too (torch,
PennyLane, Qiskit and scikit-learn load when a kernel is first computed).

>>> from qcog.kernels import make_feature_map, fidelity_kernel
>>> K = fidelity_kernel(make_feature_map("zz", 2), [[0.1, 0.2], [1.0, 2.0]])
>>> K.shape, float(K[0, 0])
((2, 2), 1.0)
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "FeatureMap": "qcog.kernels.feature_map",
    "make_feature_map": "qcog.kernels.standard_maps",
    "FEATURE_MAPS": "qcog.kernels.standard_maps",
    "fidelity_kernel": "qcog.kernels.fidelity",
    "FidelityKernel": "qcog.kernels.fidelity",
    "projected_kernel": "qcog.kernels.projected",
    "ProjectedKernel": "qcog.kernels.projected",
    "kernel_target_alignment": "qcog.kernels.alignment",
    "train_alignment": "qcog.kernels.alignment",
    "shot_kernel": "qcog.kernels.shots",
    "QSVC": "qcog.kernels.estimators",
    "QSVR": "qcog.kernels.estimators",
    "QKernelRidge": "qcog.kernels.estimators",
    "ad_hoc_data": "qcog.kernels.adhoc",
    "load_classification": "qcog.kernels.datasets",
    "compare_kernels": "qcog.kernels.comparison",
    "GramTooLargeError": "qcog.kernels.memory",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
