"""Seeded random circuits agree on the torch engine and default.qubit (outputs and gradients).

A few dozen circuits run by default (batched and unbatched inputs, float64; a few in
float32); hundreds more behind the ``slow`` marker.
"""

import pennylane as qml
import pytest
import torch

from qcog.testing.differential import assert_engines_agree, random_circuit

DEFAULT_SEEDS = range(36)
SLOW_SEEDS = range(36, 400)


def _check(seed: int, batch, dtype=torch.float64):
    circuit = random_circuit(seed)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=batch, seed=seed, dtype=dtype),
                         message=f"seed {seed}: {circuit.operations}")


@pytest.mark.parametrize("seed", DEFAULT_SEEDS)
def test_random_circuits(seed):
    _check(seed, batch=3 if seed % 3 else None)


@pytest.mark.parametrize("seed", range(6))
def test_random_circuits_in_float32(seed):
    _check(seed, batch=2, dtype=torch.float32)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SLOW_SEEDS)
def test_many_random_circuits(seed):
    _check(seed, batch=3 if seed % 2 else None)


@pytest.mark.parametrize("gradient", ["backprop", "adjoint"])
@pytest.mark.parametrize("seed", range(16))
def test_random_circuits_through_the_evolution_node(seed, gradient):
    """Up to 7 wires, nothing fused: every step and (three circuits in four measure only
    <Z>) the readout run in the evolution node (layers in Kronecker groups of 2)."""
    from qcog.qml.engines.torch_engine import TorchEngine

    circuit = random_circuit(seed, max_wires=7, z_only=seed % 4 != 0)
    engine = TorchEngine(group_sizes={64: 2}, gradient=gradient, fuse_max_wires=0)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=3 if seed % 2 else None, seed=seed),
                         engine=engine, message=f"seed {seed}: {circuit.operations}")



#: Seeds below whose circuits have a weight layer (a template's) on the native layer kernel.
KERNEL_SEEDS = {3, 6, 7, 9, 16, 17, 21, 31}


@pytest.mark.parametrize("gradient", ["backprop", "adjoint"])
@pytest.mark.parametrize("seed", range(32))
def test_random_circuits_through_the_layer_kernel(seed, gradient):
    """Batches of at least LAYER_MIN_BATCH, nothing fused: the templates' weight layers run
    on the native layer kernel (where a C compiler works)."""
    from qcog.qml.engines import layer_kernel
    from qcog.qml.engines.plan import Plan
    from qcog.qml.engines.steps import Layer
    from qcog.qml.engines.torch_engine import LAYER_MIN_BATCH, TorchEngine

    circuit = random_circuit(seed, max_wires=7, z_only=seed % 4 != 0)
    engine = TorchEngine(gradient=gradient, fuse_max_wires=0)
    assert_engines_agree(circuit.qfunc, circuit.weight_shapes, circuit.n_wires,
                         circuit.inputs(batch=LAYER_MIN_BATCH + seed % 3, seed=seed),
                         engine=engine, message=f"seed {seed}: {circuit.operations}")
    layers = sum(isinstance(step, Layer) for plan in engine._cache.values()
                 if isinstance(plan, Plan) for step, _ in plan.steps)
    assert (layers > 0) == (seed in KERNEL_SEEDS and layer_kernel.available())

def test_the_same_seed_draws_the_same_circuit_and_seeds_differ():
    assert random_circuit(5).operations == random_circuit(5).operations
    assert len({str(random_circuit(s).operations) for s in range(10)}) == 10


def test_a_wrong_engine_is_caught(monkeypatch):
    """A defect like issue 13's (products repeating a wire collapsed) fails the check."""
    from qcog.qml import observables

    def wrong(obs, wire, n):  # Z(0) @ Z(0) lowered as Z(0)
        return real(obs.operands[0] if isinstance(obs, qml.ops.Prod) else obs, wire, n)

    real = observables.lower_observable
    monkeypatch.setattr(observables, "lower_observable", wrong)

    def circuit(inputs, weights):
        qml.RY(inputs[..., 0], wires=0)
        return qml.expval(qml.Z(0) @ qml.Z(0))

    with pytest.raises(AssertionError, match="outputs of torch and default.qubit differ"):
        assert_engines_agree(circuit, {"weights": 1}, 1, torch.rand(2, 1, dtype=torch.float64))


def test_user_circuits_with_labelled_wires():
    def circuit(inputs, weights):
        qml.AngleEmbedding(inputs, wires=["a", "c"])
        qml.CRX(weights[0], wires=["c", "a"])
        return [qml.expval(qml.X("a")), qml.probs(wires=["c"])]

    assert_engines_agree(circuit, {"weights": (1,)}, 2, torch.rand(4, 2, dtype=torch.float64),
                         wires=["a", "c"])
