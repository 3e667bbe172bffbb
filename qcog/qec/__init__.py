"""Quantum error correction: memory experiments, Stim export, PyMatching decoding, thresholds.

The repetition code (bit-flip and phase-flip) and the rotated surface code are built as
plain Qiskit circuits with mid-circuit measurement and reset, so they run on Aer, on
``fake:`` backends and on IBM hardware; their detectors and logical observable are
data (:class:`MemoryExperiment`). With circuit-level noise (:class:`CircuitNoise`) they
export to Stim (:func:`to_stim`), whose detector error model gives the PyMatching
decoder (:func:`matching_decoder`). :func:`run_memory` samples (Stim, Aer, a backend)
and decodes; :func:`threshold_sweep` scans distances and error rates and estimates the
threshold with an interval.

>>> from qcog.qec import MemoryProblem, run_memory
>>> run_memory(MemoryProblem("surface", 3, 3, p=0.001), shots=1000, seed=1).logical_errors < 20
True
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "MemoryExperiment": "qcog.qec.memory",
    "repetition_code_memory": "qcog.qec.repetition",
    "rotated_surface_code_memory": "qcog.qec.surface",
    "CircuitNoise": "qcog.qec.noise",
    "to_stim": "qcog.qec.stim_export",
    "noisy_circuit": "qcog.qec.aer_noise",
    "matching_decoder": "qcog.qec.decoding",
    "MemoryProblem": "qcog.qec.experiment",
    "MemoryResult": "qcog.qec.experiment",
    "run_memory": "qcog.qec.experiment",
    "decode_counts": "qcog.qec.experiment",
    "threshold_sweep": "qcog.qec.threshold",
    "ThresholdResult": "qcog.qec.threshold",
    "plot_threshold": "qcog.qec.threshold",
    "stim_reference_circuit": "qcog.qec.reference",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
