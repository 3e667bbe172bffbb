"""Global folding keeps the unitary, multiplies the gates, and survives transpilation."""

import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcog.exceptions import QcogValueError
from qcog.mitigation.folding import achieved_scale, fold_global


def _circuit():
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.rx(0.3, 1)
    qc.cx(0, 1)
    qc.rz(0.7, 2)
    qc.cx(1, 2)
    qc.s(0)
    return qc


@pytest.mark.parametrize("scale", [1, 3, 5, 2.0, 1.5, 4.2])
def test_folded_circuit_is_the_same_unitary_with_about_scale_times_the_gates(scale):
    qc = _circuit()
    folded = fold_global(qc, scale)
    assert Operator(folded).equiv(Operator(qc))
    gates = sum(v for k, v in folded.count_ops().items() if k != "barrier")
    assert gates == pytest.approx(achieved_scale(qc, scale) * 6)
    assert abs(achieved_scale(qc, scale) - scale) <= 1 / 6 + 1e-9


def test_odd_scales_are_exact():
    assert [achieved_scale(_circuit(), s) for s in (1, 3, 5, 7)] == [1.0, 3.0, 5.0, 7.0]


def test_transpiler_keeps_the_folds():
    from qcog.backends import get_backend

    backend = get_backend("fake:manila")
    qc = _circuit()
    plain = backend.transpile(qc, optimization_level=3, seed=1).count_ops().get("cx", 0)
    folded = backend.transpile(fold_global(qc, 3), optimization_level=3, seed=1).count_ops().get("cx", 0)
    assert plain >= 2 and folded == 3 * plain


@pytest.mark.parametrize("scale", [0.5, 0, -1, float("inf"), "3", 200])
def test_bad_scales_are_refused(scale):
    with pytest.raises(QcogValueError, match="noise scale"):
        fold_global(_circuit(), scale)


def test_measurements_are_refused():
    qc = _circuit()
    qc.measure_all()
    with pytest.raises(QcogValueError, match="unitary"):
        fold_global(qc, 3)


def test_folds_too_large_to_build_are_refused(monkeypatch):
    from qcog.exceptions import SizeLimitError

    monkeypatch.setenv("QCOG_MAX_GATES", "20")
    assert fold_global(_circuit(), 3).size() > 6  # 18 gates fit
    with pytest.raises(SizeLimitError, match="noise scale 5"):
        fold_global(_circuit(), 5)
