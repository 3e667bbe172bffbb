"""QuantumLayer as a drop-in for qml.qnn.TorchLayer: QNodes, TorchLayers, shapes, dtypes, init."""

import warnings

import pennylane as qml
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml import QuantumLayer

RETURNS = {
    "single": lambda w: qml.expval(qml.Z(w[0])),
    "list": lambda w: [qml.expval(qml.Z(w[0])), qml.expval(qml.X(w[1]))],
    "one-element-list": lambda w: [qml.expval(qml.Z(w[1]))],
    "probs": lambda w: qml.probs(wires=[w[1], w[0]]),
    "mixed": lambda w: [qml.var(qml.Z(w[0])), qml.probs(wires=[w[1]])],
}


def _qnode(kind: str, wires=(0, 1), diff_method="backprop"):
    @qml.qnode(qml.device("default.qubit", wires=list(wires)), diff_method=diff_method)
    def circuit(inputs, w, v):
        qml.AngleEmbedding(inputs, wires=list(wires))
        qml.CRX(w, wires=[wires[0], wires[1]])
        qml.Rot(*v, wires=wires[1])
        return RETURNS[kind](wires)

    return circuit


def _quiet(build):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build()


@pytest.mark.parametrize("kind", sorted(RETURNS))
@pytest.mark.parametrize("wires", [(0, 1), ("b", 7)], ids=["ints", "labels"])
def test_same_shapes_and_values_as_torchlayer(kind, wires):
    qnode = _qnode(kind, wires)
    shapes = {"w": 1, "v": 3}
    reference = qml.qnn.TorchLayer(qnode, shapes)
    layer = _quiet(lambda: QuantumLayer(reference))  # a TorchLayer: its weights are copied
    assert layer.w.shape == () and layer.v.shape == (3,)
    for x in (torch.rand(5, 2), torch.rand(2)):
        ours, theirs = layer(x), reference(x)
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
        assert torch.allclose(ours, theirs, atol=1e-5)


def test_qnode_with_weight_shapes_and_a_warning_naming_what_is_replaced():
    qnode = _qnode("list", ("a", "c"), diff_method="parameter-shift")
    with pytest.warns(UserWarning, match="device 'default.qubit' and diff_method 'parameter-shift'"):
        layer = QuantumLayer(qnode, {"w": 1, "v": 3})
    assert layer.wires == ["a", "c"] and layer.n_qubits == 2
    y = layer(torch.rand(4, 2))
    y.sum().backward()
    assert y.shape == (4, 2) and layer.v.grad.shape == (3,)


def test_shots_of_the_qnode_device_are_read():
    @qml.qnode(qml.device("default.qubit", wires=1, shots=123))
    def circuit(inputs):
        qml.RX(inputs[..., 0], wires=0)
        return qml.expval(qml.Z(0))

    layer = _quiet(lambda: QuantumLayer(circuit, {}, engine="aer"))
    assert layer.config.shots == 123 and layer.engine.shots == 123


def test_float64_inputs_keep_float64_unless_a_dtype_is_given():
    layer = _quiet(lambda: QuantumLayer(_qnode("single"), {"w": 1, "v": 3}))
    assert layer.w.dtype == torch.float32
    assert layer(torch.rand(3, 2, dtype=torch.float64)).dtype == torch.float64
    assert layer(torch.rand(3, 2)).dtype == torch.float32
    fixed = _quiet(lambda: QuantumLayer(_qnode("single"), {"w": 1, "v": 3}, dtype=torch.float32))
    assert fixed(torch.rand(3, 2, dtype=torch.float64)).dtype == torch.float32


def test_init_method_as_in_torchlayer():
    shapes = {"w": 1, "v": 3}
    zeros = _quiet(lambda: QuantumLayer(_qnode("single"), shapes, init_method=torch.nn.init.zeros_))
    assert float(zeros.v.detach().abs().sum()) == 0
    given = torch.tensor([0.1, 0.2, 0.3])
    mixed = _quiet(lambda: QuantumLayer(_qnode("single"), shapes,
                                        init_method={"w": torch.nn.init.ones_, "v": given}))
    assert float(mixed.w) == 1 and torch.equal(mixed.v.detach(), given)
    with pytest.raises(QcogValueError, match=r"init_method\['v'\] has shape \(2,\)"):
        _quiet(lambda: QuantumLayer(_qnode("single"), shapes, init_method={"w": torch.nn.init.ones_,
                                                                          "v": torch.zeros(2)}))


def test_initial_weights_follow_torchs_global_rng_unless_seeded():
    a, b = QuantumLayer(n_qubits=2), QuantumLayer(n_qubits=2)
    assert not torch.equal(a.weights, b.weights)  # two layers no longer start identical
    torch.manual_seed(3)
    c = QuantumLayer(n_qubits=2)
    torch.manual_seed(3)
    d = QuantumLayer(n_qubits=2)
    assert torch.equal(c.weights, d.weights)
    state = torch.random.get_rng_state()
    e, f = QuantumLayer(n_qubits=2, seed=5), QuantumLayer(n_qubits=2, seed=5)
    assert torch.equal(e.weights, f.weights)
    assert torch.equal(state, torch.random.get_rng_state())  # a seeded layer leaves it alone
    seeded = _quiet(lambda: QuantumLayer(_qnode("single"), {"w": 1, "v": 3}, seed=1,
                                         init_method=torch.nn.init.normal_))
    again = _quiet(lambda: QuantumLayer(_qnode("single"), {"w": 1, "v": 3}, seed=1,
                                        init_method=torch.nn.init.normal_))
    assert torch.equal(seeded.v, again.v)


def test_not_a_circuit_is_a_clear_error():
    with pytest.raises(QcogValueError, match="expected a quantum function, a qml.QNode"):
        QuantumLayer(qfunc=42, n_qubits=1)


def test_readme_migration_example_runs(capsys):
    """The README's "Migrating from TorchLayer" example runs as printed."""
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("### Migrating from TorchLayer", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    assert "QuantumLayer(qnode, weight_shapes)" in code
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README example itself
    assert capsys.readouterr().out.strip() == "torch.Size([8, 2])"
