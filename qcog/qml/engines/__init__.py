"""Execution engines of a quantum layer, chosen by one spec string.

* ``"torch"``: qcog's batched torch statevector engine (default, fastest, any device);
* ``"torch-compiled"``: the same engine with small circuits compiled by ``torch.compile``
  (:mod:`qcog.qml.engines.compiled`: faster steps after seconds of compiling per circuit);
* ``"default.qubit"``, ``"lightning.qubit"``, ``"lightning.gpu"``: PennyLane devices;
* ``"aer"``, ``"aer-gpu"``, ``"fake:<name>"``, ``"ibm:<name>"``: Qiskit backends through
  :func:`qcog.backends.get_backend` (shot-based; gradients by parameter shift).

>>> make_engine("torch").name
'torch'
>>> make_engine("torch-compiled").compile
True
>>> make_engine("default.qubit").diff_method
'backprop'
"""

from __future__ import annotations

from typing import Any

from qcog.exceptions import QcogValueError

#: Specs of qcog's torch engine.
TORCH_SPECS = ("torch", "torch-compiled")
PENNYLANE_DEVICES = ("default.qubit", "lightning.qubit", "lightning.gpu", "lightning.kokkos")
QISKIT_PREFIXES = ("aer", "aer-gpu", "fake:", "ibm:", "auto")


def make_engine(spec: str, shots: int = 4096, seed: int | None = None) -> Any:
    """The engine object for ``spec`` (see the module docstring).

    Args:
        spec: engine spec string.
        shots: shots per circuit for Qiskit engines.
        seed: simulator/transpiler seed for Qiskit engines.

    Raises:
        QcogValueError: unknown spec (the accepted ones are named).
    """
    if spec in TORCH_SPECS:
        from qcog.qml.engines.torch_engine import TorchEngine

        return TorchEngine(compile=spec == "torch-compiled")
    if spec in PENNYLANE_DEVICES:
        from qcog.qml.engines.pennylane_engine import PennyLaneEngine

        return PennyLaneEngine(spec)
    if spec in ("aer", "aer-gpu", "auto") or spec.startswith(("fake:", "ibm:")):
        from qcog.qml.engines.qiskit_engine import QiskitEngine

        return QiskitEngine(spec, shots=shots, seed=seed)
    raise QcogValueError(
        f"unknown engine {spec!r}; accepted: 'torch', 'torch-compiled', {', '.join(repr(d) for d in PENNYLANE_DEVICES)}, "
        "'aer', 'aer-gpu', 'fake:<name>', 'ibm:<name>'"
    )
