"""``QuantumLayer``: a variational quantum circuit as a torch ``nn.Module``.

Built either from PennyLane templates by name (an embedding for the inputs, an ansatz
with trainable weights whose shape comes from the template's ``shape(...)``) or from
the user's own quantum function plus weight shapes (as ``qml.qnn.TorchLayer`` does).
The circuit runs on the engine named by ``engine=`` (see :mod:`qcog.qml.engines`);
the weights are ordinary ``nn.Parameter``\\ s, so the same trained layer runs on any
engine.

>>> import torch
>>> layer = QuantumLayer(n_qubits=3, n_layers=2, seed=0, dtype=torch.float64)
>>> y = layer(torch.zeros(5, 3, dtype=torch.float64))
>>> tuple(y.shape), bool(y.abs().max() <= 1)
((5, 3), True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from qcog.exceptions import QcogValueError
from qcog.qml.config import LayerConfig
from qcog.qml.engines import make_engine
from qcog.qml.memory import check_layer_memory, layer_memory_bytes
from qcog.qml.templates import TemplateCircuit, ansatz_weight_shapes, n_features

#: Batches estimated below this many bytes are not checked against the free memory.
_ALWAYS_FITS = 64 * 2**20


def _init_weights(shape: tuple[int, ...], config: LayerConfig, generator, dtype) -> torch.Tensor:
    """Draw initial weights in float64 on the CPU (same values for any dtype), then cast."""
    scale = config.scale()
    if config.init == "zeros":
        values = torch.zeros(shape, dtype=torch.float64)
    elif config.init == "normal":
        values = torch.randn(shape, generator=generator, dtype=torch.float64) * scale
    elif config.init == "small":
        values = (torch.rand(shape, generator=generator, dtype=torch.float64) * 2 - 1) * scale
    else:
        values = torch.rand(shape, generator=generator, dtype=torch.float64) * scale
    return values.to(dtype)


class QuantumLayer(nn.Module):
    """A quantum circuit with trainable weights, as a torch layer.

    Args:
        n_qubits: circuit width (for templates: the number of ``<Z_i>`` outputs).
        n_layers: ansatz repetitions (templates only).
        embedding: ``"angle"``, ``"angle_y"``, ``"angle_z"``, ``"amplitude"`` or ``"iqp"``.
        ansatz: ``"strongly_entangling"``, ``"basic_entangler"`` or ``"simplified_two_design"``.
        engine: ``"torch"`` (default), a PennyLane device name, or a Qiskit backend spec.
        seed: seed of the weight initialisation.
        dtype: ``torch.float32`` or ``torch.float64`` (weights and outputs).
        qfunc: instead of templates, a quantum function ``qfunc(inputs, **weights)``
            returning ``qml.expval``/``qml.probs`` measurements.
        weight_shapes: with ``qfunc``: ``{argument name: shape}`` of its weights.
        config: a full :class:`LayerConfig` (then the other template arguments are ignored).
        **options: further :class:`LayerConfig` fields (``init``, ``init_scale``,
            ``observables``, ``shots``).

    Raises:
        QcogValueError: bad sizes, names, dtype, or weight shapes.
        SizeLimitError: the circuit's simulation would not fit in memory (checked here
            for one input and again for each batch, before anything is allocated).
    """

    def __init__(
        self,
        n_qubits: int | None = None,
        n_layers: int = 1,
        embedding: str = "angle",
        ansatz: str = "strongly_entangling",
        engine: str = "torch",
        seed: int | None = 0,
        dtype: torch.dtype = torch.float32,
        qfunc: Callable | None = None,
        weight_shapes: dict | None = None,
        config: LayerConfig | None = None,
        **options: Any,
    ) -> None:
        super().__init__()
        if dtype not in (torch.float32, torch.float64):
            raise QcogValueError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
        if config is None:
            if n_qubits is None:
                raise QcogValueError("n_qubits is required (the number of wires of the circuit)")
            config = LayerConfig(n_qubits=n_qubits, n_layers=n_layers, embedding=embedding,
                                 ansatz=ansatz, engine=engine, seed=seed, **options)
        self.config = config
        self.dtype = dtype
        self.check_memory(batch=1)
        if qfunc is None:
            self.qfunc = TemplateCircuit(config.embedding, config.ansatz, config.n_qubits,
                                         config.observables)
            shapes = ansatz_weight_shapes(config.ansatz, config.n_layers, config.n_qubits)
            self.n_inputs = n_features(config.embedding, config.n_qubits)
        else:
            if not callable(qfunc):
                raise QcogValueError("qfunc must be a callable quantum function")
            self.qfunc = qfunc
            shapes = {name: tuple([s] if isinstance(s, int) else s)
                      for name, s in (weight_shapes or {}).items()}
            self.n_inputs = None
        self.weight_shapes = shapes
        generator = None if config.seed is None else torch.Generator().manual_seed(config.seed)
        for name, shape in shapes.items():
            if name == "inputs":
                raise QcogValueError("a weight cannot be called 'inputs' (that is the data argument)")
            self.register_parameter(name, nn.Parameter(_init_weights(shape, config, generator, dtype)))
        self.engine = make_engine(config.engine, shots=config.shots, seed=config.seed)

    @property
    def n_qubits(self) -> int:
        return self.config.n_qubits

    @property
    def n_layers(self) -> int:
        return self.config.n_layers

    @property
    def weights_dict(self) -> dict[str, torch.Tensor]:
        """The weights by argument name of the quantum function."""
        return {name: getattr(self, name) for name in self.weight_shapes}

    def set_engine(self, engine: str) -> QuantumLayer:
        """Run the same weights on another engine from now on; returns ``self``."""
        self.engine = make_engine(engine, shots=self.config.shots, seed=self.config.seed)
        self.config.engine = engine
        self.check_memory(batch=1)
        return self

    def memory_bytes(self, batch: int = 1, training: bool = True) -> int:
        """Estimated peak bytes of simulating ``batch`` inputs (see :mod:`qcog.qml.memory`)."""
        return layer_memory_bytes(self.n_qubits, self.n_layers, batch, self.config.engine,
                                  self._precision, training)

    def check_memory(self, batch: int = 1, training: bool = True, device: str = "cpu") -> int:
        """Refuse (:class:`~qcog.exceptions.SizeLimitError`) a batch that would not fit.

        Returns:
            The estimated peak bytes.
        """
        return check_layer_memory(self.n_qubits, self.n_layers, batch, self.config.engine,
                                  self._precision, training, device)

    @property
    def _precision(self) -> str:
        return "single" if self.dtype == torch.float32 else "double"

    def _check_inputs(self, x: torch.Tensor) -> None:
        if not isinstance(x, torch.Tensor):
            raise QcogValueError(f"inputs must be a torch.Tensor, got {type(x).__name__}")
        if x.dim() == 0:
            raise QcogValueError("inputs must have a feature dimension: (batch, features)")
        if self.n_inputs is not None and x.shape[-1] > self.n_inputs:
            raise QcogValueError(
                f"inputs have {x.shape[-1]} features but embedding {self.config.embedding!r} "
                f"on {self.n_qubits} qubits takes at most {self.n_inputs}"
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Evaluate the circuit for a batch of inputs.

        Args:
            x: ``(..., features)`` real tensor on any device (leading dims are batch dims).

        Returns:
            ``(..., outputs)`` in the layer's dtype on ``x``'s device; for the default
            templates, ``outputs = n_qubits`` values ``<Z_i>`` in ``[-1, 1]``.
        """
        self._check_inputs(x)
        leading = x.shape[:-1]
        flat = x.reshape(-1, x.shape[-1]) if x.dim() > 1 else x
        weights = self.weights_dict
        self._check_batch_memory(flat, weights)
        like = next(iter(weights.values()), None)
        dtype = self.dtype if like is None else like.dtype
        flat = flat.to(dtype=dtype)
        out = self.engine.execute(self.qfunc, flat, weights, self.n_qubits)
        if x.dim() > 1:
            out = out.reshape(*leading, *out.shape[1:])
        return out

    def _check_batch_memory(self, flat: torch.Tensor, weights: dict) -> None:
        """Check the memory of this batch before simulating it (skipped when clearly small)."""
        batch = flat.shape[0] if flat.dim() > 1 else 1
        training = torch.is_grad_enabled() and (
            flat.requires_grad or any(w.requires_grad for w in weights.values())
        )
        if self.memory_bytes(batch, training) > _ALWAYS_FITS:
            device = str(flat.device) if flat.device.type == "cuda" else "cpu"
            self.check_memory(batch, training, device)

    def extra_repr(self) -> str:
        c = self.config
        return (f"n_qubits={c.n_qubits}, n_layers={c.n_layers}, embedding={c.embedding!r}, "
                f"ansatz={c.ansatz!r}, engine={c.engine!r}")
