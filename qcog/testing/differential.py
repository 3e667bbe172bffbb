"""Differential testing of quantum-layer engines: seeded random circuits against default.qubit.

Two independent simulators that must agree make the strongest test. :func:`random_circuit`
draws a circuit from a seed - gates of qcog's gate table and other PennyLane operations,
templates, parameters that are batched inputs, unbatched weights, constants or products
of an input and a weight, and every measurement form the torch engine supports (Pauli
words, products repeating a wire, Hamiltonians, ``Hadamard``, ``Projector``,
``Hermitian``, variances, ``probs`` of wires and of observables). :func:`assert_engines_agree`
runs any circuit - a random one or your own - on two engines and compares outputs and
the gradients of a random linear function of them with respect to inputs and weights.

>>> circuit = random_circuit(seed=3)
>>> assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
...                      circuit.inputs(batch=2, seed=0))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Operations drawn besides qcog's gate table (applied by decomposition or their matrix):
#: name -> (wires, parameters). IsingXY is left out: default.qubit cannot build its matrix
#: from a tensor that requires grad (PennyLane 0.45).
EXTRA_OPERATIONS = {
    "ISWAP": (2, 0), "SISWAP": (2, 0), "CH": (2, 0), "CCZ": (3, 0), "ECR": (2, 0),
    "PSWAP": (2, 1), "SingleExcitation": (2, 1), "FermionicSWAP": (2, 1),
    "CPhaseShift10": (2, 1), "OrbitalRotation": (4, 1), "DoubleExcitation": (4, 1),
}
#: Templates drawn (each builds its own weights from the circuit's weight tensor).
TEMPLATES = ("angle", "strongly", "basic", "iqp", "random_layers", "qaoa", "two_design",
             "amplitude", "state_prep")
#: Measurement forms drawn.
MEASUREMENTS = ("word", "repeated", "hamiltonian", "hadamard", "projector", "hermitian",
                "var", "probs", "probs_op", "probs_all")


@dataclass
class RandomCircuit:
    """A seeded random circuit ready for :func:`assert_engines_agree` or a QuantumLayer.

    Attributes:
        seed: the seed it was drawn from.
        n_wires: circuit width.
        n_inputs: features the circuit reads from ``inputs[..., i]``.
        weight_shapes: ``{"weights": (count,)}``; the circuit reads ``weights[j]``.
        operations: a readable list of what was drawn.
        qfunc: the quantum function ``qfunc(inputs, weights)``.
    """

    seed: int
    n_wires: int
    n_inputs: int
    weight_shapes: dict
    operations: list = field(default_factory=list)
    qfunc: Callable | None = None

    def inputs(self, batch: int | None = 3, seed: int = 0, dtype: Any = None) -> Any:
        """Seeded inputs in ``[0, pi)``: ``(batch, n_inputs)``, or ``(n_inputs,)`` if batch is None."""
        import torch

        g = torch.Generator().manual_seed(seed)
        shape = (self.n_inputs,) if batch is None else (batch, self.n_inputs)
        return (torch.rand(shape, generator=g, dtype=torch.float64) * math.pi).to(
            dtype or torch.float64)


class _Draw:
    """Random choices for one circuit; every parameter source is recorded as text."""

    def __init__(self, rng: np.random.Generator, n_wires: int, n_inputs: int):
        self.rng, self.n_wires, self.n_inputs = rng, n_wires, n_inputs
        self.n_weights = 0

    def wires(self, k: int) -> list[int]:
        return [int(w) for w in self.rng.choice(self.n_wires, size=k, replace=False)]

    def weight(self) -> int:
        self.n_weights += 1
        return self.n_weights - 1

    def source(self):
        """A parameter: ``("input", i)``, ``("weight", j)``, ``("const", v)`` or ``("scaled", i, j)``."""
        kind = self.rng.choice(["input", "weight", "const", "scaled"], p=[0.35, 0.35, 0.1, 0.2])
        if kind == "input":
            return ("input", int(self.rng.integers(self.n_inputs)))
        if kind == "weight":
            return ("weight", self.weight())
        if kind == "const":
            return ("const", float(self.rng.uniform(-math.pi, math.pi)))
        return ("scaled", int(self.rng.integers(self.n_inputs)), self.weight())


def _value(source, inputs, weights, tensor_constants: bool = False):
    """The parameter value; constants as Python floats (or tensors: default.qubit cannot mix
    a float and a tensor in one U2/U3/Rot/CRot in PennyLane 0.45)."""
    if source[0] == "input":
        return inputs[..., source[1]]
    if source[0] == "weight":
        return weights[source[1]]
    if source[0] == "const":
        return weights.new_tensor(source[1]) if tensor_constants else source[1]
    return inputs[..., source[1]] * weights[source[2]]


def _gate_step(draw: _Draw):
    """One gate of qcog's table or :data:`EXTRA_OPERATIONS` with drawn parameter sources."""
    from qcog.qml.gates import GATES

    names = sorted(n for n in GATES if n not in ("QubitUnitary", "Identity")) + sorted(EXTRA_OPERATIONS)
    name = str(draw.rng.choice(names))
    if name in GATES:
        width, count = GATES[name].num_wires or int(draw.rng.integers(1, 4)), GATES[name].num_params
    else:
        width, count = EXTRA_OPERATIONS[name]
    if width > draw.n_wires:
        return None
    wires, sources = draw.wires(width), [draw.source() for _ in range(count)]

    def apply(inputs, weights):
        import pennylane as qml

        getattr(qml, name)(*[_value(s, inputs, weights, count > 1) for s in sources], wires=wires)

    return f"{name}{tuple(wires)} {sources}", apply


def _weight_block(draw: _Draw, shape) -> tuple[list[int], tuple]:
    size = int(np.prod(shape))
    return [draw.weight() for _ in range(size)], tuple(shape)


def _template_step(draw: _Draw, first: bool):
    """One PennyLane template on all wires; its weights are a block of the weight vector."""
    import pennylane as qml

    n = draw.n_wires
    kind = str(draw.rng.choice(TEMPLATES))
    if kind in ("amplitude", "state_prep") and not first and draw.rng.random() < 0.5:
        kind = "angle"  # mostly at the start, sometimes later (then it is decomposed)
    layers = int(draw.rng.integers(1, 3))
    rotation = str(draw.rng.choice(["X", "Y", "Z"]))
    if kind == "strongly":
        index, shape = _weight_block(draw, qml.StronglyEntanglingLayers.shape(layers, n))
        imprimitive = str(draw.rng.choice(["CNOT", "CZ", "ISWAP"]))
        ranges = [int(r) for r in draw.rng.integers(1, max(2, n), size=layers)] if n > 1 else None
    elif kind == "basic":
        index, shape = _weight_block(draw, qml.BasicEntanglerLayers.shape(layers, n))
    elif kind == "random_layers":
        index, shape = _weight_block(draw, (layers, 2))
    elif kind == "qaoa":
        index, shape = _weight_block(draw, qml.QAOAEmbedding.shape(layers, n))
    elif kind == "two_design":
        initial, _ = _weight_block(draw, (n,))
        index, shape = _weight_block(draw, (layers, max(n - 1, 1), 2))
    else:
        index, shape = [], ()
    seed = int(draw.rng.integers(1000))

    def apply(inputs, weights):
        block = weights[index].reshape(shape) if index else None
        features = inputs[..., : min(n, inputs.shape[-1])]
        if kind == "angle":
            qml.AngleEmbedding(features, wires=range(features.shape[-1]), rotation=rotation)
        elif kind == "strongly":
            qml.StronglyEntanglingLayers(block, wires=range(n), ranges=ranges,
                                         imprimitive=getattr(qml, imprimitive))
        elif kind == "basic":
            qml.BasicEntanglerLayers(block, wires=range(n), rotation=getattr(qml, "R" + rotation))
        elif kind == "iqp":
            qml.IQPEmbedding(features, wires=range(features.shape[-1]))
        elif kind == "random_layers":
            qml.RandomLayers(block, wires=range(n), seed=seed)
        elif kind == "qaoa":
            qml.QAOAEmbedding(features, block, wires=range(n))
        elif kind == "two_design" and n > 1:
            qml.SimplifiedTwoDesign(weights[initial], block, wires=range(n))
        elif kind == "amplitude":
            qml.AmplitudeEmbedding(inputs[..., : 2**n], wires=range(n), normalize=True,
                                   pad_with=0.25)
        elif kind == "state_prep":
            vector = np.arange(1, 2 ** min(n, 2) + 1, dtype=float)
            qml.StatePrep(vector / np.linalg.norm(vector), wires=range(min(n, 2)))

    return f"{kind}(layers={layers})", apply


def _observable(draw: _Draw, kind: str):
    """A PennyLane observable of measurement form ``kind`` on random wires."""
    import pennylane as qml

    def word(wires):
        letters = draw.rng.choice(["X", "Y", "Z", "I"], size=len(wires))
        return qml.prod(*[getattr(qml, str(c))(w) for c, w in zip(letters, wires)])

    k = int(draw.rng.integers(1, min(3, draw.n_wires) + 1))
    wires = draw.wires(k)
    if kind == "word" or kind == "var":
        return word(wires)
    if kind == "repeated":  # P Q P is Hermitian; Z(0) @ Z(0) and friends repeat wires
        outer = word(wires)
        return qml.prod(outer, word(wires[:1]), outer)
    if kind == "hamiltonian":
        terms = [word(draw.wires(int(draw.rng.integers(1, min(3, draw.n_wires) + 1))))
                 for _ in range(int(draw.rng.integers(2, 7)))]
        return qml.Hamiltonian(draw.rng.normal(size=len(terms)), terms)
    if kind == "hadamard":
        return qml.Hadamard(wires[0]) @ word(wires[1:]) if k > 1 else qml.Hadamard(wires[0])
    if kind == "projector":
        if draw.rng.random() < 0.5:
            return qml.Projector(list(draw.rng.integers(0, 2, size=k)), wires=wires)
        vector = draw.rng.normal(size=2**k) + 1j * draw.rng.normal(size=2**k)
        return qml.Projector(vector / np.linalg.norm(vector), wires=wires)
    a = draw.rng.normal(size=(2**k, 2**k)) + 1j * draw.rng.normal(size=(2**k, 2**k))
    return qml.Hermitian(a + a.conj().T, wires=wires)


def _measurement(draw: _Draw):
    import pennylane as qml

    kind = str(draw.rng.choice(MEASUREMENTS))
    if kind == "probs_all":
        return kind, lambda: qml.probs()
    if kind == "probs":
        wires = draw.wires(int(draw.rng.integers(1, min(3, draw.n_wires) + 1)))
        return kind, lambda: qml.probs(wires=wires)
    if kind == "probs_op":
        obs = _observable(draw, str(draw.rng.choice(["word", "hadamard", "hermitian"])))
        return kind, lambda: qml.probs(op=obs)
    obs = _observable(draw, kind)
    if kind == "var" or draw.rng.random() < 0.2:
        return f"var({kind})", lambda: qml.var(obs)
    return kind, lambda: qml.expval(obs)


def _z_measurement(draw: _Draw):
    import pennylane as qml

    (wire,) = draw.wires(1)
    return f"Z({wire})", lambda: qml.expval(qml.PauliZ(wire))


def random_circuit(seed: int, max_wires: int = 4, max_steps: int = 6,
                   z_only: bool = False) -> RandomCircuit:
    """Draw a circuit from ``seed`` (see the module docstring).

    Args:
        seed: the random seed; the same seed gives the same circuit.
        max_wires: widest circuit drawn (at least 1).
        max_steps: most gates and templates before the measurements.
        z_only: measure one to three single-wire ``<Z>`` instead (the layers' usual
            readout, which the torch engine reads inside its evolution).

    Returns:
        A :class:`RandomCircuit`; its ``qfunc(inputs, weights)`` reads ``inputs[..., i]``
        and ``weights[j]``.
    """
    rng = np.random.default_rng(seed)
    n_wires = int(rng.integers(1, max_wires + 1))
    draw = _Draw(rng, n_wires, n_inputs=max(n_wires, 2))
    steps = []
    for position in range(int(rng.integers(1, max_steps + 1))):
        step = _template_step(draw, position == 0) if rng.random() < 0.35 else _gate_step(draw)
        if step is not None:
            steps.append(step)
    steps.append(_gate_step(draw) or ("RX(0)", lambda i, w: None))  # inputs used late, too
    measurements = [_z_measurement(draw) if z_only else _measurement(draw)
                    for _ in range(int(rng.integers(1, 4)))]
    if draw.n_inputs < 2**n_wires and any("amplitude" in s[0] for s in steps):
        draw.n_inputs = 2**n_wires

    def qfunc(inputs, weights):
        import pennylane as qml

        qml.RY(inputs[..., 0], wires=0)  # every circuit depends on its inputs
        for _, apply in steps:
            apply(inputs, weights)
        out = [make() for _, make in measurements]
        return out[0] if len(out) == 1 else out

    labels = ["RY(inputs[0])"] + [s[0] for s in steps] + [m[0] for m in measurements]
    return RandomCircuit(seed, n_wires, draw.n_inputs, {"weights": (max(draw.n_weights, 1),)},
                         labels, qfunc)


def _outputs_and_grads(engine, qfunc, x, weights: dict, n_wires: int, wires, coefficients_seed: int):
    import torch

    x = x.clone().requires_grad_(True)
    weights = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    y = engine.execute(qfunc, x, weights, n_wires, wires)
    g = torch.Generator().manual_seed(coefficients_seed)
    coefficients = (torch.rand(y.shape, generator=g, dtype=torch.float64) * 2 - 1).to(y.dtype)
    params = [x, *weights.values()]
    grads = torch.autograd.grad((y * coefficients).sum(), params, allow_unused=True)
    grads = [torch.zeros_like(p) if gr is None else gr for gr, p in zip(grads, params)]
    return y.detach(), [gr.detach() for gr in grads]


def assert_engines_agree(qfunc: Callable, weight_shapes: dict, n_wires: int, inputs: Any,
                         engine: Any = "torch", reference: str = "default.qubit",
                         atol: float | None = None, seed: int = 0, wires: list | None = None,
                         message: str = "") -> None:
    """Assert that two engines give the same outputs and gradients for ``qfunc``.

    Args:
        qfunc: ``qfunc(inputs, **weights)`` returning PennyLane measurements.
        weight_shapes: ``{argument name: shape}`` of the weights (seeded random values).
        n_wires: circuit width.
        inputs: the inputs, ``(B, features)`` or ``(features,)``; their dtype is used.
        engine: the engine under test (a :func:`qcog.qml.make_engine` spec, or an engine).
        reference: the reference engine.
        atol: tolerance (default 1e-9 in float64, 2e-4 in float32).
        seed: seed of the weights and of the random linear function of the outputs.
        wires: wire labels (default ``0 .. n_wires - 1``).
        message: text added to a failure (e.g. the circuit's description).

    Raises:
        AssertionError: naming what differed (outputs, or the gradient of which argument).
    """
    import torch

    from qcog.qml.engines import make_engine

    dtype = inputs.dtype
    atol = atol if atol is not None else (1e-9 if dtype == torch.float64 else 2e-4)
    g = torch.Generator().manual_seed(seed)
    weights = {name: (torch.rand(tuple([s] if isinstance(s, int) else s), generator=g,
                                 dtype=torch.float64) * 2 * math.pi).to(dtype)
               for name, s in weight_shapes.items()}
    results = []
    for spec in (engine, reference):
        runner = make_engine(spec) if isinstance(spec, str) else spec
        results.append(_outputs_and_grads(runner, qfunc, inputs, weights, n_wires, wires, seed + 1))
    (y, grads), (y_ref, grads_ref) = results
    names = ["inputs", *weight_shapes]
    where = f" ({message})" if message else ""
    assert y.shape == y_ref.shape, f"output shape {tuple(y.shape)} != {tuple(y_ref.shape)}{where}"
    assert y.dtype == y_ref.dtype == dtype, f"output dtypes {y.dtype}, {y_ref.dtype} != {dtype}{where}"
    diff = (y - y_ref).abs().max().item() if y.numel() else 0.0
    assert diff <= atol, f"outputs of {engine} and {reference} differ by {diff:.3g}{where}"
    for name, a, b in zip(names, grads, grads_ref):
        diff = (a - b).abs().max().item() if a.numel() else 0.0
        assert diff <= atol * 10, (
            f"gradients of {name} on {engine} and {reference} differ by {diff:.3g}{where}")
