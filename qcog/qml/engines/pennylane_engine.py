"""PennyLane devices as engines: ``default.qubit`` (backprop), ``lightning.qubit`` (adjoint), ...

The quantum function runs in a torch-interface QNode on the named device; the batch is
passed with PennyLane's parameter broadcasting, and several measurements are stacked as
``qml.qnn.TorchLayer`` does.

>>> import torch, pennylane as qml
>>> def qfunc(inputs):
...     qml.RX(inputs[..., 0], wires=0)
...     return qml.expval(qml.PauliZ(0))
>>> PennyLaneEngine("default.qubit").execute(qfunc, torch.zeros(2, 1), {}, n_wires=1)
tensor([1., 1.])
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import torch

from qcog.exceptions import BackendUnavailableError
from qcog.qml.program import Program, trace

#: device name -> the differentiation method used with it.
DIFF_METHODS = {
    "default.qubit": "backprop",
    "lightning.qubit": "adjoint",
    "lightning.gpu": "adjoint",
    "lightning.kokkos": "adjoint",
}


#: Devices that simulate a broadcast batch at once (backprop through it works).
BROADCASTING = ("default.qubit",)


class PennyLaneEngine:
    """Run quantum functions on a PennyLane device.

    Args:
        device: a key of :data:`DIFF_METHODS`.
        diff_method: override the differentiation method.
    """

    def __init__(self, device: str, diff_method: str | None = None):
        self.name = device
        self.diff_method = diff_method or DIFF_METHODS.get(device, "best")
        self._qnodes: dict = {}

    def __getstate__(self):
        return {"device": self.name, "diff_method": self.diff_method}

    def __setstate__(self, state):
        self.__init__(**state)

    def _qnode(self, qfunc: Callable, n_wires: int, wires):
        import pennylane as qml

        key = (id(qfunc), n_wires)
        if key not in self._qnodes:
            labels = list(range(n_wires)) if wires is None else list(wires)
            try:
                device = qml.device(self.name, wires=labels)
            except Exception as error:  # noqa: BLE001 - missing plugin or no GPU: any error
                raise BackendUnavailableError(
                    f"PennyLane device {self.name!r} is not available here ({error}); "
                    "use engine='torch' or 'default.qubit'"
                ) from None
            self._qnodes[key] = qml.QNode(
                qfunc, device, interface="torch", diff_method=self.diff_method
            )
        return self._qnodes[key]

    def execute(self, qfunc: Callable, inputs: torch.Tensor, weights: dict, n_wires: int,
                wires: list | None = None) -> torch.Tensor:
        """Evaluate ``qfunc(inputs, **weights)``; same shapes as the torch engine.

        Devices that broadcast natively (:data:`BROADCASTING`) get the whole batch; the
        others one sample at a time (their gradient methods fail on broadcast circuits
        in PennyLane 0.45, e.g. parameter-shift, and lightning's adjoint for some).
        """
        if inputs.dim() > 1 and self.name not in BROADCASTING:
            rows = [self.execute(qfunc, row, weights, n_wires, wires) for row in inputs]
            return torch.stack(rows)
        qnode = self._qnode(qfunc, n_wires, wires)
        try:
            result = qnode(inputs, **weights)
        except Exception as error:  # e.g. adjoint cannot differentiate probs
            if self.diff_method != "adjoint" or "adjoint" not in str(error):
                raise
            warnings.warn(f"{self.name}: adjoint differentiation does not support this circuit; "
                          "using parameter-shift", stacklevel=2)
            self.diff_method = "parameter-shift"
            self._qnodes.clear()
            return self.execute(qfunc, inputs, weights, n_wires, wires)
        recording = trace(qfunc, inputs, **weights)
        batched = inputs.dim() > 1
        broadcast = recording.tape.batch_size is not None
        parts = list(result) if isinstance(result, (tuple, list)) else [result]
        outputs = []
        for part, mp in zip(parts, recording.tape.measurements):
            part = torch.as_tensor(part)
            if not broadcast:  # nothing depended on the batch: add it
                part = part[None]
            outputs.append(part.real if part.is_complex() else part)
        program = Program(n_wires, [], [], recording.output)
        out = program.assemble(outputs, batched=batched or broadcast)
        if batched and out.shape[0] != inputs.shape[0]:
            out = out.expand(inputs.shape[0], *out.shape[1:])
        return out.to(dtype=inputs.dtype)
