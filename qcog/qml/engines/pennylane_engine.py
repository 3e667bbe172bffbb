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

#: device name -> the differentiation method used with it.
DIFF_METHODS = {
    "default.qubit": "backprop",
    "lightning.qubit": "adjoint",
    "lightning.gpu": "adjoint",
    "lightning.kokkos": "adjoint",
}


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

        ``default.qubit`` gets the whole batch (parameter broadcasting); other devices
        get one sample at a time (lightning's adjoint method loops over it anyway).
        """
        if inputs.dim() > 1 and self.name != "default.qubit":
            return torch.stack([self.execute(qfunc, row, weights, n_wires, wires) for row in inputs])
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
        if isinstance(result, (tuple, list)):
            batch = inputs.shape[0] if inputs.dim() > 1 else None
            parts = [torch.as_tensor(r).reshape(batch, -1) if batch else torch.as_tensor(r).reshape(-1)
                     for r in result]
            single = len(parts) == 1 and parts[0].shape[-1] == 1
            result = parts[0].reshape(inputs.shape[:-1]) if single else torch.cat(parts, dim=-1)
        return result.to(dtype=inputs.dtype)
