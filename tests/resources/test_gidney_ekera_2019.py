"""The Gidney-Ekera 2019 model against every size the paper tabulates: Toffolis and logical
qubits within 5 %, physical qubits and hours within 25 % (and the retry risk)."""

import pytest

from qcog.exceptions import QcogValueError
from qcog.resources.gidney_ekera_2019 import GE2019Parameters, estimate, gidney_ekera_2019
from qcog.resources.published import (
    GE2019_HEADLINE,
    GE2019_RSA,
    GE2019_TOFFOLI_BILLIONS,
    ge2019_abstract_qubits,
)
from qcog.resources.surface_code import PhysicalAssumptions


def paper_params(row) -> GE2019Parameters:
    return GE2019Parameters(row.g_exp, row.g_mul, row.g_sep, row.dev_off, row.d1, row.d2)


@pytest.mark.parametrize("n", sorted(GE2019_RSA))
def test_reproduces_the_rsa_table_with_the_papers_parameters(n):
    row, est = GE2019_RSA[n], estimate(n, paper_params(GE2019_RSA[n]))
    assert est.physical_qubits / 1e6 == pytest.approx(row.megaqubits, rel=0.25)
    assert est.hours == pytest.approx(row.hours, rel=0.25)
    assert est.failure == pytest.approx(row.retry_risk, abs=0.02)
    assert est.abstract_qubits == pytest.approx(ge2019_abstract_qubits(n), rel=0.05)
    if n in GE2019_TOFFOLI_BILLIONS:
        assert est.toffolis / 1e9 == pytest.approx(GE2019_TOFFOLI_BILLIONS[n], rel=0.05)


@pytest.mark.parametrize("n", [1024, 2048, 3072])
def test_the_parameter_search_lands_on_the_table_too(n):
    row, est = GE2019_RSA[n], gidney_ekera_2019(n)
    assert est.toffolis / 1e9 == pytest.approx(GE2019_TOFFOLI_BILLIONS[n], rel=0.05)
    assert est.physical_qubits / 1e6 == pytest.approx(row.megaqubits, rel=0.25)
    assert est.hours == pytest.approx(row.hours, rel=0.25)


def test_headline_20_million_qubits_8_hours_expected():
    est = gidney_ekera_2019(2048)
    assert est.physical_qubits == pytest.approx(GE2019_HEADLINE["physical_qubits"], rel=0.25)
    assert est.expected_hours == pytest.approx(GE2019_HEADLINE["hours"], rel=0.25)


def test_better_hardware_costs_less():
    good = gidney_ekera_2019(2048, PhysicalAssumptions(physical_error=1e-4))
    assert good.physical_qubits < gidney_ekera_2019(2048).physical_qubits


@pytest.mark.parametrize("n", [1, 15, 100_001, 2048.0, True])
def test_bad_sizes(n):
    with pytest.raises(QcogValueError, match="bits"):
        gidney_ekera_2019(n)
