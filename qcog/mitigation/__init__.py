"""Error mitigation for expectation values on shot-based backends.

* :func:`mitigated_expectation_values`: the function-level API (circuit, Pauli
  observables, backend spec, :class:`Mitigation`) -> :class:`MitigatedEstimate`.
* Readout-error mitigation (:mod:`qcog.mitigation.readout`): per-qubit calibration
  circuits, corrected parities and quasi-probabilities.
* Zero-noise extrapolation: global unitary folding (:func:`fold_global`) and linear,
  Richardson or exponential fits (:func:`extrapolate`).
* ``ibm:`` backends: the same options as runtime estimator settings
  (:func:`runtime_options`).

>>> from qcog.mitigation import Mitigation
>>> Mitigation(readout=True).label
'readout'
"""

from qcog.lazy_exports import lazy_getattr

_LAZY = {
    "Mitigation": "qcog.mitigation.options",
    "MitigatedEstimate": "qcog.mitigation.estimator",
    "mitigated_expectation_values": "qcog.mitigation.estimator",
    "ReadoutCalibration": "qcog.mitigation.readout",
    "calibration_circuits": "qcog.mitigation.readout",
    "fold_global": "qcog.mitigation.folding",
    "extrapolate": "qcog.mitigation.extrapolation",
    "runtime_options": "qcog.mitigation.runtime",
}

__all__ = list(_LAZY)

__getattr__ = lazy_getattr(__name__, _LAZY)
