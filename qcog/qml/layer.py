"""``QuantumLayer``: a variational quantum circuit as a torch ``nn.Module``.

Built either from PennyLane templates by name (an embedding for the inputs, an ansatz
with trainable weights whose shape comes from the template's ``shape(...)``) or, as a
drop-in for ``qml.qnn.TorchLayer``, from a ``qml.QNode`` (or a TorchLayer, or a plain
quantum function) plus weight shapes: ``QuantumLayer(qnode, weight_shapes)``.
The circuit runs on the engine named by ``engine=`` (see :mod:`qcog.qml.engines`);
the weights are ordinary ``nn.Parameter``\\ s, so the same trained layer runs on any
engine. Like every torch layer, initial weights come from torch's global random state
(``torch.manual_seed``) unless ``seed=`` fixes them.

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
from qcog.qml.qnode import read_circuit
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


def weight_shape(size: int | tuple | list) -> tuple[int, ...]:
    """A weight shape as ``qml.qnn.TorchLayer`` reads it: ``1`` is a scalar, ``k`` is ``(k,)``."""
    if isinstance(size, int):
        return () if size == 1 else (size,)
    return tuple(int(s) for s in size)


def _initial_values(name, shape, config, init_method, generator, dtype) -> torch.Tensor:
    """Initial weight values from ``init_method`` (TorchLayer's argument) or ``config.init``."""
    init = init_method.get(name) if isinstance(init_method, dict) else init_method
    if init is None:
        return _init_weights(shape, config, generator, dtype)
    if isinstance(init, torch.Tensor):
        if tuple(init.shape) != tuple(shape):
            raise QcogValueError(f"init_method[{name!r}] has shape {tuple(init.shape)}, the "
                                 f"weight has shape {tuple(shape)}")
        return init.detach().clone().to(dtype)
    if not callable(init):
        raise QcogValueError(f"init_method for {name!r} must be a callable (a torch.nn.init "
                             f"function) or a tensor, got {type(init).__name__}")
    values = torch.empty(shape, dtype=dtype)
    if generator is None:
        init(values)
    else:  # a seeded layer: run the init function on torch's RNG seeded, restored after
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(generator.initial_seed())
            init(values)
    return values


class QuantumLayer(nn.Module):
    """A quantum circuit with trainable weights, as a torch layer.

    Two ways to build one:

    * from templates: ``QuantumLayer(n_qubits=4, n_layers=2)`` (an embedding of the
      inputs and an ansatz whose weight shape comes from the template);
    * from a circuit, as ``qml.qnn.TorchLayer``: ``QuantumLayer(qnode, weight_shapes)``
      with a ``qml.QNode``, a TorchLayer (its weights are copied) or a plain quantum
      function ``qfunc(inputs, **weights)``; the QNode's wires (any labels) and shots
      are read, and a warning names the QNode settings the engine replaces.

    Args:
        n_qubits: circuit width; or, positionally, the QNode / TorchLayer / quantum function.
        n_layers: ansatz repetitions (templates only); or, positionally after a circuit,
            the weight shapes.
        embedding: ``"angle"``, ``"angle_y"``, ``"angle_z"``, ``"amplitude"`` or ``"iqp"``.
        ansatz: ``"strongly_entangling"``, ``"basic_entangler"`` or ``"simplified_two_design"``.
        engine: ``"torch"`` (default), a PennyLane device name, or a Qiskit backend spec.
        seed: seed of the weight initialisation (None: torch's global random state).
        dtype: ``torch.float32`` or ``torch.float64`` for the weights, the computation and
            the outputs. None (default): weights in torch's default dtype, and each call
            computes in its inputs' dtype, as TorchLayer does (float64 inputs give float64).
        qfunc: the circuit (as the first positional argument does).
        weight_shapes: ``{argument name: shape}``; ``1`` means a scalar and ``k`` means
            ``(k,)``, as in TorchLayer.
        wires: wire labels of the circuit (default: the QNode's, else ``0 .. n_qubits-1``).
        init_method: as TorchLayer's: a ``torch.nn.init`` function, or a dict of them or of
            tensors per weight; default: ``config.init`` (uniform in ``[0, 2 pi)``).
        config: a full :class:`LayerConfig` (then the other template arguments are ignored).
        **options: further :class:`LayerConfig` fields (``init``, ``init_scale``,
            ``observables``, ``shots``).

    Raises:
        QcogValueError: bad sizes, names, dtype, or weight shapes.
        SizeLimitError: the circuit's simulation would not fit in memory (checked here
            for one input and again for each batch, before anything is allocated).

    Outputs follow TorchLayer's layout: one measurement as it is (``(B,)`` for an
    expectation value, ``(B, 2**k)`` for probabilities), a list or tuple of measurements
    as ``(B, total)`` (a one-element list gives ``(B, 1)``; TorchLayer alone stacks a tuple
    as ``(m, B, 1)``).

    >>> import pennylane as qml, warnings
    >>> @qml.qnode(qml.device("default.qubit", wires=2))
    ... def circuit(inputs, w):
    ...     qml.AngleEmbedding(inputs, wires=[0, 1])
    ...     qml.CRX(w, wires=[0, 1])
    ...     return [qml.expval(qml.Z(0)), qml.expval(qml.Z(1))]
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     layer = QuantumLayer(circuit, {"w": 1})  # was qml.qnn.TorchLayer(circuit, {"w": 1})
    >>> layer(torch.zeros(3, 2)).shape, layer.w.shape
    (torch.Size([3, 2]), torch.Size([]))
    """

    def __init__(
        self,
        n_qubits: int | Callable | None = None,
        n_layers: int | dict = 1,
        embedding: str = "angle",
        ansatz: str = "strongly_entangling",
        engine: str = "torch",
        seed: int | None = None,
        dtype: torch.dtype | None = None,
        qfunc: Callable | None = None,
        weight_shapes: dict | None = None,
        config: LayerConfig | None = None,
        wires: list | None = None,
        init_method: Callable | dict | None = None,
        **options: Any,
    ) -> None:
        super().__init__()
        if n_qubits is not None and not isinstance(n_qubits, int):  # QuantumLayer(qnode, shapes)
            qfunc, n_qubits = n_qubits, None
            if isinstance(n_layers, dict):
                weight_shapes, n_layers = n_layers, 1
        if dtype not in (None, torch.float32, torch.float64):
            raise QcogValueError(f"dtype must be torch.float32 or torch.float64, got {dtype}")
        self.fixed_dtype = dtype is not None  # False: compute in each call's input dtype
        dtype = dtype or torch.get_default_dtype()
        source = None if qfunc is None else read_circuit(qfunc, engine)
        if source is not None:
            wires = wires if wires is not None else source.wires
            if source.shots and "shots" not in options:
                options["shots"] = source.shots
            if weight_shapes is None:
                weight_shapes = source.weight_shapes
            if n_qubits is None and wires is not None:
                n_qubits = len(wires)
        if config is None:
            if n_qubits is None:
                raise QcogValueError("n_qubits is required (the number of wires of the circuit)")
            config = LayerConfig(n_qubits=n_qubits, n_layers=n_layers, embedding=embedding,
                                 ansatz=ansatz, engine=engine, seed=seed, **options)
        self.config = config
        self.dtype = dtype
        self.check_memory(batch=1)
        self.wires = None if wires is None else list(wires)
        if self.wires is not None and len(self.wires) != config.n_qubits:
            raise QcogValueError(f"{len(self.wires)} wire labels for {config.n_qubits} qubits")
        if source is None:
            self.qfunc = TemplateCircuit(config.embedding, config.ansatz, config.n_qubits,
                                         config.observables)
            shapes = ansatz_weight_shapes(config.ansatz, config.n_layers, config.n_qubits)
            self.n_inputs = n_features(config.embedding, config.n_qubits)
        else:
            self.qfunc = source.qfunc
            shapes = {name: weight_shape(s) for name, s in (weight_shapes or {}).items()}
            self.n_inputs = None
        self.weight_shapes = shapes
        generator = None if config.seed is None else torch.Generator().manual_seed(config.seed)
        initial = source.weights if source is not None else {}
        for name, shape in shapes.items():
            if name == "inputs":
                raise QcogValueError("a weight cannot be called 'inputs' (that is the data argument)")
            values = (initial[name].to(dtype) if name in initial else
                      _initial_values(name, shape, config, init_method, generator, dtype))
            self.register_parameter(name, nn.Parameter(values))
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
            ``(..., outputs)`` on ``x``'s device, in the layer's dtype if one was given,
            else in ``x``'s; for the default templates, ``outputs = n_qubits`` values
            ``<Z_i>`` in ``[-1, 1]``.
        """
        self._check_inputs(x)
        leading = x.shape[:-1]
        flat = x.reshape(-1, x.shape[-1]) if x.dim() > 1 else x
        weights = self.weights_dict
        self._check_batch_memory(flat, weights)
        like = next(iter(weights.values()), None)
        dtype = self.dtype if like is None else like.dtype
        if not self.fixed_dtype and x.is_floating_point():
            dtype = x.dtype  # as TorchLayer: the inputs' dtype decides
            weights = {name: w.to(dtype) for name, w in weights.items()}
        flat = flat.to(dtype=dtype)
        out = self.engine.execute(self.qfunc, flat, weights, self.n_qubits, self.wires)
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
        if not isinstance(self.qfunc, TemplateCircuit):
            name = getattr(self.qfunc, "__name__", type(self.qfunc).__name__)
            return f"qfunc={name}, n_qubits={c.n_qubits}, engine={c.engine!r}"
        return (f"n_qubits={c.n_qubits}, n_layers={c.n_layers}, embedding={c.embedding!r}, "
                f"ansatz={c.ansatz!r}, engine={c.engine!r}")
