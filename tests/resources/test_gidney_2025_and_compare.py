import pytest

from qcog.exceptions import QcogValueError
from qcog.resources.compare import compare_models
from qcog.resources.gidney_2025 import gidney_2025
from qcog.resources.physical import physical_estimate
from qcog.resources.published import G2025_LOGICAL, G2025_PHYSICAL_2048


def test_gidney_2025_restates_the_paper():
    est = gidney_2025(2048)
    assert (est.logical_qubits, est.toffolis) == G2025_LOGICAL[2048]
    assert est.physical_qubits == G2025_PHYSICAL_2048["total"] < 1_000_000  # "under a million"
    assert est.hours_at_most == 7 * 24  # "under a week"
    assert gidney_2025(4096).physical_qubits is None  # not stated: not invented
    with pytest.raises(QcogValueError, match="tabulates"):
        gidney_2025(2000)


def test_generic_layer_is_monotone_and_refuses_the_impossible():
    small = physical_estimate(1000, 1e8)
    assert physical_estimate(1000, 1e10).code_distance >= small.code_distance
    assert physical_estimate(4000, 1e8).physical_qubits > small.physical_qubits
    assert small.hours == pytest.approx(1e8 * 10e-6 / 3600)
    with pytest.raises(QcogValueError, match="target_failure"):
        physical_estimate(10, 10, target_failure=1.5)
    with pytest.raises(QcogValueError, match="no code distance"):
        physical_estimate(4099, 7e16)  # beyond two-level CCZ distillation


def test_compare_rows_at_2048():
    rows = {r.model: r for r in compare_models(2048)}
    assert set(rows) == {
        "qcog windowed",
        "qcog Beauregard",
        "Gidney-Ekera 2019",
        "Gidney 2025",
        "Gidney 2025 logical, plain surface code",
        "Qrisp",
    }
    assert (
        rows["Gidney-Ekera 2019"].toffolis
        < rows["Gidney 2025"].toffolis
        < rows["qcog windowed"].toffolis
    )
    assert (
        rows["Gidney 2025"].physical_qubits
        < rows["Gidney 2025 logical, plain surface code"].physical_qubits
    )
    assert rows["qcog windowed"].two_qubit_gates < rows["Qrisp"].two_qubit_gates  # 3.1e11 vs 4.2e11
    assert rows["qcog Beauregard"].physical_qubits is None
