"""PennyLane templates by name: the embeddings and ansatzes a :class:`QuantumLayer` is built from.

Each record says which PennyLane template a short name stands for, the template's
weight shape (from the template's own ``shape(...)``), and the keyword arguments it is
called with. :func:`template_qfunc` assembles an embedding and an ansatz into the quantum
function ``qfunc(inputs, weights)`` that every engine runs.

>>> EMBEDDINGS["angle"].template
'AngleEmbedding'
>>> ansatz_weight_shape("strongly_entangling", n_layers=2, n_qubits=4)
(2, 4, 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class TemplateFact:
    """One named PennyLane template.

    Attributes:
        name: qcog's short name (``"angle"``, ``"strongly_entangling"``, ...).
        template: the PennyLane class name (``qml.<template>``).
        kwargs: fixed keyword arguments passed to the template.
        features: for embeddings, how many input features it takes on ``n`` qubits
            (``"n"``: up to n, ``"2**n"``: up to 2**n, padded and normalised).
    """

    name: str
    template: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    features: str = "n"


#: Embedding name -> template. Inputs enter the circuit through these.
EMBEDDINGS: dict[str, TemplateFact] = {
    "angle": TemplateFact("angle", "AngleEmbedding", {"rotation": "X"}),
    "angle_y": TemplateFact("angle_y", "AngleEmbedding", {"rotation": "Y"}),
    "angle_z": TemplateFact("angle_z", "AngleEmbedding", {"rotation": "Z"}),
    "amplitude": TemplateFact(
        "amplitude", "AmplitudeEmbedding", {"normalize": True, "pad_with": 0.0}, "2**n"
    ),
    "iqp": TemplateFact("iqp", "IQPEmbedding", {"n_repeats": 1}),
}

#: Ansatz name -> template. The trainable weights live here.
ANSATZES: dict[str, TemplateFact] = {
    "strongly_entangling": TemplateFact("strongly_entangling", "StronglyEntanglingLayers"),
    "basic_entangler": TemplateFact("basic_entangler", "BasicEntanglerLayers"),
    "simplified_two_design": TemplateFact("simplified_two_design", "SimplifiedTwoDesign"),
}


def _lookup(table: dict[str, TemplateFact], name: str, what: str) -> TemplateFact:
    if name not in table:
        raise QcogValueError(f"unknown {what} {name!r}; accepted: {', '.join(sorted(table))}")
    return table[name]


def embedding_fact(name: str) -> TemplateFact:
    """The record of embedding ``name``; raises QcogValueError naming the accepted ones."""
    return _lookup(EMBEDDINGS, name, "embedding")


def ansatz_fact(name: str) -> TemplateFact:
    """The record of ansatz ``name``; raises QcogValueError naming the accepted ones."""
    return _lookup(ANSATZES, name, "ansatz")


def ansatz_weight_shape(name: str, n_layers: int, n_qubits: int) -> dict[str, tuple[int, ...]] | tuple:
    """Weight shape(s) of ansatz ``name``, from the PennyLane template's ``shape(...)``.

    Returns a tuple for one-tensor templates; SimplifiedTwoDesign (two tensors) gives the
    shape of ``weights`` and :func:`ansatz_weight_shapes` gives both.
    """
    shapes = ansatz_weight_shapes(name, n_layers, n_qubits)
    return shapes["weights"]


def ansatz_weight_shapes(name: str, n_layers: int, n_qubits: int) -> dict[str, tuple[int, ...]]:
    """All weight shapes of ansatz ``name``: ``{argument name: shape}``."""
    import pennylane as qml

    fact = ansatz_fact(name)
    shape = getattr(qml, fact.template).shape(n_layers=n_layers, n_wires=n_qubits)
    if fact.template == "SimplifiedTwoDesign":
        initial, weights = shape
        return {"initial_layer_weights": tuple(initial), "weights": tuple(weights)}
    return {"weights": tuple(shape)}


def n_features(embedding: str, n_qubits: int) -> int:
    """How many input features embedding ``embedding`` takes on ``n_qubits`` qubits."""
    return 2**n_qubits if embedding_fact(embedding).features == "2**n" else n_qubits


@dataclass(frozen=True)
class TemplateCircuit:
    """The quantum function ``qfunc(inputs, **weights)`` of an embedding plus an ansatz.

    A picklable callable (a layer built from templates pickles with it). Wires are
    ``0 .. n_qubits - 1``; it returns ``<Z_i>`` on every wire or all probabilities.

    Attributes:
        embedding: a key of :data:`EMBEDDINGS`.
        ansatz: a key of :data:`ANSATZES`.
        n_qubits: circuit width.
        observables: ``"z"`` (expectation of PauliZ on every wire) or ``"probs"``.
    """

    embedding: str
    ansatz: str
    n_qubits: int
    observables: str = "z"

    def __post_init__(self):
        embedding_fact(self.embedding)
        ansatz_fact(self.ansatz)
        if self.observables not in ("z", "probs"):
            raise QcogValueError(f"observables must be 'z' or 'probs', got {self.observables!r}")

    def __call__(self, inputs, **weights):
        import pennylane as qml

        wires = list(range(self.n_qubits))
        embed = embedding_fact(self.embedding)
        getattr(qml, embed.template)(inputs, wires=wires, **embed.kwargs)
        getattr(qml, ansatz_fact(self.ansatz).template)(**weights, wires=wires)
        if self.observables == "probs":
            return qml.probs(wires=wires)
        return [qml.expval(qml.PauliZ(w)) for w in wires]
