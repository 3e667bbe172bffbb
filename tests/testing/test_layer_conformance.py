"""One conformance test over a table of gates and templates, on every engine this machine has.

Each row is a quantum layer; ``assert_valid_layer`` compares its outputs and gradients
(inputs and weights) with PennyLane ``default.qubit`` in float64: 1e-6 for exact engines,
shot-noise bounds for ``aer``.
"""

from dataclasses import dataclass

import pennylane as qml
import pytest
import torch

from qcog.qml import GATES, QuantumLayer
from qcog.testing.layer_conformance import assert_valid_layer


@dataclass(frozen=True)
class GateCircuit:
    """RY(inputs) and RX(mix) on every wire, the gate under test, RY(mix) again; <Z_i> or other."""

    gate: str
    n_wires: int
    measure: str = "z"

    def __call__(self, inputs, params, mix):
        wires = list(range(self.n_wires))
        for w in wires:
            qml.RY(inputs[..., w], wires=w)
            qml.RX(mix[w], wires=w)
        if self.gate == "QubitUnitary":  # its parameter is a matrix, here a function of params
            product = qml.RX(params[0], 0) @ qml.CRY(params[0], wires=[1, 2])
            qml.QubitUnitary(qml.matrix(product, wire_order=[0, 1, 2]), wires=wires)
        else:
            gate = getattr(qml, self.gate)
            gate(*[params[i] for i in range(GATES[self.gate].num_params)], wires=wires)
        for w in wires:
            qml.RY(mix[self.n_wires + w], wires=w)
        if self.measure == "probs":
            return qml.probs(wires=[1, 0])
        if self.measure == "words":
            return [qml.expval(qml.PauliX(0) @ qml.PauliY(1)), qml.expval(qml.PauliY(1))]
        if self.measure == "hermitian":
            h = torch.tensor([[1.0, 0.5], [0.5, -2.0]], dtype=torch.float64)
            return qml.expval(qml.Hermitian(h, wires=1))
        return [qml.expval(qml.PauliZ(w)) for w in wires]


def _width(name: str) -> int:
    return GATES[name].num_wires or 3  # MultiRZ on three wires


def _gate_layer(name: str, engine: str, measure: str = "z") -> QuantumLayer:
    k = _width(name)
    shapes = {"params": (max(GATES[name].num_params, 1),), "mix": (2 * k,)}
    return QuantumLayer(qfunc=GateCircuit(name, k, measure), weight_shapes=shapes, n_qubits=k,
                        engine=engine, dtype=torch.float64, seed=3, shots=20000)


def _template_layer(embedding: str, ansatz: str, engine: str) -> QuantumLayer:
    return QuantumLayer(n_qubits=3, n_layers=2, embedding=embedding, ansatz=ansatz,
                        engine=engine, dtype=torch.float64, seed=1, shots=20000)


#: row id -> builder(engine) -> layer
CASES = {f"gate-{name}": (lambda e, n=name: _gate_layer(n, e)) for name in sorted(GATES)}
CASES |= {f"{emb}+{ans}": (lambda e, a=emb, b=ans: _template_layer(a, b, e))
          for emb in ("angle", "angle_y", "iqp", "amplitude")
          for ans in ("strongly_entangling", "basic_entangler", "simplified_two_design")}
CASES |= {f"measure-{m}": (lambda e, m=m: _gate_layer("CRX", e, m)) for m in ("probs", "words", "hermitian")}

#: engines exercised here; aer is shot-based (shot-noise bounds)
ENGINES = ["torch", "lightning.qubit", "aer"]
#: rows run on aer by default (the whole table on aer is marked slow to keep the budget)
AER_DEFAULT = {"gate-CRot", "gate-ControlledPhaseShift", "gate-IsingXX", "gate-MultiRZ",
               "gate-U3", "iqp+strongly_entangling", "angle+basic_entangler", "measure-probs",
               "measure-words"}
AER_SKIP = {"measure-hermitian": "Qiskit engines measure Pauli words and probs only",
            "gate-QubitUnitary": "a matrix has no rotation angles for the parameter-shift rule"}
AER_SKIP |= {case: "amplitude embedding has no parameter-shift rule" for case in CASES if "amplitude" in case}


def _rows():
    for case in sorted(CASES):
        for engine in ENGINES:
            slow = engine == "aer" and case not in AER_DEFAULT
            yield pytest.param(case, engine, marks=[pytest.mark.slow] if slow else [],
                               id=f"{case}-{engine}")


@pytest.mark.parametrize(("case", "engine"), list(_rows()))
def test_engine_matches_default_qubit(case, engine):
    if engine == "aer" and case in AER_SKIP:
        pytest.skip(AER_SKIP[case])
    if engine == "lightning.qubit" and case == "gate-QubitUnitary":
        pytest.skip("lightning.qubit cannot take a QubitUnitary whose matrix requires grad")
    layer = CASES[case](engine)
    x = torch.rand(2, layer.n_inputs or layer.n_qubits, generator=torch.Generator().manual_seed(5),
                   dtype=torch.float64) * 3
    assert_valid_layer(layer, x=x, atol=1e-6, check_serialization=engine == "torch")


def test_checker_catches_a_wrong_engine(monkeypatch):
    layer = _template_layer("angle", "strongly_entangling", "torch")
    from qcog.qml import gates

    wrong = gates.GATES["RY"]
    monkeypatch.setitem(gates.GATES, "RX", wrong)  # RX simulated as RY: must be caught
    with pytest.raises(AssertionError, match="differ from default.qubit"):
        assert_valid_layer(layer)
