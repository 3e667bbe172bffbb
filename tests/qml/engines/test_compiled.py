"""Compiled real-pair evolution (``TorchEngine(compile=True)``) against independent references.

The real-pair arithmetic is checked on seeded random circuits against PennyLane's
default.qubit with dynamo tracing it but no code generation (``backend="eager"``, fast;
hundreds more behind the ``slow`` marker);
a few circuits covering every step kind go through TorchInductor's C++ code as users run
it (about 10-20 s of compiling each).
"""

import functools
import warnings

import pennylane as qml
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml.engines import compiled, make_engine
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.testing.differential import assert_engines_agree, random_circuit


@pytest.fixture
def traced_only(monkeypatch):
    """Compile with dynamo's ``eager`` backend: traced, checked, no C++ compiled."""
    monkeypatch.setattr(compiled, "CompiledEvolution",
                        functools.partial(compiled.CompiledEvolution, backend="eager"))


@pytest.mark.parametrize("seed", range(24))
def test_random_circuits_agree_with_default_qubit(traced_only, seed):
    circuit = random_circuit(seed)
    batch = 3 if seed % 3 else None
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=batch, seed=seed, dtype=torch.float64),
                         engine="torch-compiled", message=f"seed {seed}: {circuit.operations}")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24, 400))
def test_many_random_circuits(traced_only, seed):
    circuit = random_circuit(seed)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=3 if seed % 2 else None, seed=seed,
                                        dtype=torch.float64),
                         engine="torch-compiled", message=f"seed {seed}: {circuit.operations}")


@pytest.mark.parametrize("seed", range(6))
def test_one_qubit_matrices_entry_by_entry(traced_only, monkeypatch, seed):
    """The form used on larger states (from ENTRYWISE_MIN_AMPLITUDES), here on small ones."""
    monkeypatch.setattr(compiled, "ENTRYWISE_MIN_AMPLITUDES", 0)
    circuit = random_circuit(100 + seed)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=3 if seed % 2 else None, seed=seed,
                                        dtype=torch.float64),
                         engine="torch-compiled", message=f"seed {100 + seed}: {circuit.operations}")


@pytest.mark.parametrize("seed", range(4))
def test_random_circuits_in_float32(traced_only, seed):
    circuit = random_circuit(seed)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=2, seed=seed, dtype=torch.float32),
                         engine="torch-compiled", message=f"seed {seed}: {circuit.operations}")


def _every_step_kind(inputs, weights, state):
    """A prepared state, then a permutation, diagonals (batched and not), blocks of 1 and 2
    wires, a dense gate on wires 0 and 2, a QubitUnitary, constant gates."""
    qml.StatePrep(state, wires=[0, 1, 2])
    qml.RY(inputs[..., 0], wires=0)
    qml.CNOT(wires=[0, 1])
    qml.RZ(inputs[..., 1], wires=2)
    qml.CZ(wires=[1, 2])
    qml.Rot(*weights[0], wires=1)
    qml.CRX(weights[1, 0], wires=[1, 2])
    qml.CRY(inputs[..., 2], wires=[0, 2])
    qml.QubitUnitary(qml.matrix(qml.Hadamard(0) @ qml.S(1)), wires=[2, 0])
    qml.Hadamard(wires=1)
    qml.PhaseShift(weights[1, 1], wires=0)
    return [qml.expval(qml.PauliX(1)), qml.probs(wires=[0, 2])]


def _embedded_layers(inputs, weights):
    qml.AngleEmbedding(inputs, wires=range(4))
    qml.StronglyEntanglingLayers(weights, wires=range(4))
    return [qml.expval(qml.PauliZ(w)) for w in range(4)]


def _outputs_and_grads(engine, qfunc, x, weights):
    x = x.clone().requires_grad_(True)
    weights = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    y = engine.execute(qfunc, x, weights, 4 if "state" not in weights else 3)
    params = [x, *weights.values()]
    grads = torch.autograd.grad((y * torch.linspace(-1, 1, y.shape[-1], dtype=y.dtype)).sum(), params)
    return y, grads


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_compiled_layers_match_the_eager_engine(dtype):
    g = torch.Generator().manual_seed(3)
    x = torch.rand(16, 4, generator=g, dtype=torch.float64).to(dtype)
    weights = {"weights": torch.rand(2, 4, 3, generator=g, dtype=torch.float64).to(dtype) * 6}
    y, grads = _outputs_and_grads(TorchEngine(compile=True), _embedded_layers, x, weights)
    y_ref, grads_ref = _outputs_and_grads(TorchEngine(), _embedded_layers, x, weights)
    tol = 1e-10 if dtype == torch.float64 else 2e-5
    torch.testing.assert_close(y, y_ref, atol=tol, rtol=0)
    for grad, ref in zip(grads, grads_ref):
        torch.testing.assert_close(grad, ref, atol=tol, rtol=0)


def test_every_step_kind_compiles_and_matches_default_qubit():
    g = torch.Generator().manual_seed(5)
    x = torch.rand(5, 3, generator=g, dtype=torch.float64)
    state = torch.rand(8, generator=g, dtype=torch.float64) + 0.1
    weights = {"weights": torch.rand(2, 3, generator=g, dtype=torch.float64) * 6,
               "state": state / state.norm()}
    engine = TorchEngine(compile=True)
    y, grads = _outputs_and_grads(engine, _every_step_kind, x, weights)
    y_ref, grads_ref = _outputs_and_grads(make_engine("default.qubit"), _every_step_kind, x, weights)
    torch.testing.assert_close(y, y_ref, atol=1e-10, rtol=0)
    for grad, ref in zip(grads, grads_ref):
        torch.testing.assert_close(grad, ref, atol=1e-10, rtol=0)
    assert any(key[0] == "pairs" for key in engine._cache)  # it did run compiled
    # a new batch size recompiles (with dynamic shapes) and still agrees
    y2, _ = _outputs_and_grads(engine, _every_step_kind, x[:2], weights)
    torch.testing.assert_close(y2, y_ref[:2], atol=1e-10, rtol=0)


def test_statevector_is_the_eager_engines(traced_only):
    x = torch.rand(4, 4, dtype=torch.float64)
    weights = {"weights": torch.rand(2, 4, 3, dtype=torch.float64)}
    psi = TorchEngine(compile=True).statevector(_embedded_layers, x, weights, 4)
    torch.testing.assert_close(psi, TorchEngine().statevector(_embedded_layers, x, weights, 4))


def test_large_work_runs_eagerly(traced_only, monkeypatch):
    monkeypatch.setitem(compiled.COMPILE_MAX_AMPLITUDES, torch.float64, 16 * 4 - 1)  # 4q, B4
    engine = TorchEngine(compile=True)
    x = torch.rand(4, 4, dtype=torch.float64)
    engine.execute(_embedded_layers, x, {"weights": torch.rand(2, 4, 3, dtype=torch.float64)}, 4)
    assert not any(key[0] == "pairs" for key in engine._cache)
    engine.execute(_embedded_layers, x[:3], {"weights": torch.rand(2, 4, 3, dtype=torch.float64)}, 4)
    assert any(key[0] == "pairs" for key in engine._cache)


def test_each_structure_is_compiled_once_past_dynamos_recompile_limit(monkeypatch):
    graphs = []

    def counting(gm, example_inputs):
        graphs.append(gm)
        return gm.forward

    monkeypatch.setattr(compiled, "CompiledEvolution",
                        functools.partial(compiled.CompiledEvolution, backend=counting))
    engine = TorchEngine(compile=True)
    x = torch.rand(2, 1, dtype=torch.float64)
    for depth in range(1, 11):  # ten structures: dynamo's limit per function is 8
        def qfunc(inputs, depth=depth):
            for _ in range(depth):
                qml.RX(inputs[..., 0], wires=0)
            return qml.expval(qml.PauliZ(0))

        for _ in range(2):
            out = engine.execute(qfunc, x, {}, 1)
        torch.testing.assert_close(out, torch.cos(depth * x[:, 0]))
    assert len(graphs) == 10


def test_compile_must_be_a_bool():
    with pytest.raises(QcogValueError, match="compile must be True or False"):
        TorchEngine(compile="yes")


def test_the_spec_and_pickling_keep_compile():
    import pickle

    engine = make_engine("torch-compiled")
    assert engine.compile and pickle.loads(pickle.dumps(engine)).compile
    assert not make_engine("torch").compile
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert TorchEngine(compile=False).compile is False
