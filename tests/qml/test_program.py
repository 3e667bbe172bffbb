"""Lowering PennyLane circuits for the torch engine: the defects of issue 13 stay fixed.

Each case failed before (an error, or a wrong number) and now agrees with default.qubit,
outputs and gradients.
"""

import numpy as np
import pennylane as qml
import pytest
import torch

from qcog.exceptions import QcogValueError
from qcog.qml.engines.torch_engine import TorchEngine
from qcog.testing.differential import assert_engines_agree


def _rot_mixed(inputs, w):  # stack expects each tensor to be equal size
    qml.Rot(inputs[..., 0], w[0], w[1], wires=0)
    qml.U3(w[2], inputs[..., 1], 0.3, wires=1)
    qml.CRot(inputs[..., 0], w[0], 0.2, wires=[0, 1])
    qml.U2(inputs[..., 1], w[1], wires=0)
    return [qml.expval(qml.Z(0)), qml.expval(qml.X(1))]


def _iswap_layers(inputs, w):  # bare KeyError: 'ISWAP'
    qml.AngleEmbedding(inputs, wires=range(2))
    qml.StronglyEntanglingLayers(w[:6].reshape(1, 2, 3), wires=range(2), imprimitive=qml.ISWAP)
    return qml.probs(wires=[0, 1])


def _identity_two_wires(inputs, w):  # a shape error
    qml.RX(inputs[..., 0], wires=0)
    qml.Identity(wires=[0, 1])
    qml.CNOT(wires=[0, 1])
    return qml.expval(qml.Z(1))


def _fermionic_swap(inputs, w):  # named an internal operation ('Exp')
    qml.RX(w[0], wires=0)
    qml.FermionicSWAP(inputs[..., 1], wires=[0, 1])
    return qml.expval(qml.Z(0) @ qml.Y(1))


def _state_prep_later(inputs, w):  # "state preparation must come first"
    qml.RY(inputs[..., 0], wires=0)
    qml.StatePrep(np.array([0.6, 0.8]), wires=[1])
    qml.CNOT(wires=[0, 1])
    qml.AmplitudeEmbedding(inputs[..., :2], wires=[0], normalize=True)
    return qml.expval(qml.Z(1))


@pytest.mark.parametrize("qfunc", [_rot_mixed, _iswap_layers, _identity_two_wires,
                                   _fermionic_swap, _state_prep_later])
@pytest.mark.parametrize("batch", [3, None])
def test_circuits_that_failed_before_match_default_qubit(qfunc, batch):
    g = torch.Generator().manual_seed(1)
    shape = (2,) if batch is None else (batch, 2)
    inputs = torch.rand(shape, generator=g, dtype=torch.float64) * 3
    assert_engines_agree(qfunc, {"w": (6,)}, 2, inputs)


def test_an_operation_nothing_lowers_is_named():
    class Mystery(qml.operation.Operation):
        num_wires = 4
        num_params = 0

    def qfunc(inputs):
        Mystery(wires=[0, 1, 2, 3])
        return qml.expval(qml.Z(0))

    with pytest.raises(QcogValueError, match="cannot apply operation 'Mystery'"):
        TorchEngine().execute(qfunc, torch.zeros(1, 1), {}, 4)


def test_wire_labels_of_controlled_operations_equal_their_wires():
    import pennylane as qml

    from qcog.qml.program import _wire_labels

    ops = [qml.CNOT([3, 1]), qml.Toffoli([0, 2, 1]), qml.CRX(0.1, [2, 0]), qml.CSWAP([1, 0, 2]),
           qml.CZ([1, 0]), qml.CRot(1, 2, 3, [1, 0]), qml.MultiControlledX(wires=[3, 0, 1, 2]),
           qml.ctrl(qml.RX(0.1, 2), control=[0, 1]), qml.RY(0.1, "a"), qml.adjoint(qml.S(1))]
    for op in ops:
        assert _wire_labels(op) == tuple(op.wires), op
