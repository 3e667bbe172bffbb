"""Mitigated expectation values: exact on a noiseless simulator, better on a noisy device."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp, Statevector

from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.mitigation.estimator import mitigated_expectation_values
from qcog.mitigation.options import Mitigation


def ghz(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for k in range(n - 1):
        qc.cx(k, k + 1)
    return qc


def test_noiseless_values_match_the_statevector_for_a_weighted_sum():
    qc = QuantumCircuit(2)
    qc.ry(0.9, 0)
    qc.cx(0, 1)
    qc.rx(0.3, 1)
    hamiltonian = SparsePauliOp(["II", "ZI", "IZ", "ZZ", "XX"], [-1.05, 0.4, -0.4, -0.011, 0.18])
    shots = 30_000
    est = mitigated_expectation_values(qc, [hamiltonian, "YY"], backend="aer", shots=shots, seed=2)
    exact = [Statevector(qc).expectation_value(op).real for op in (hamiltonian, SparsePauliOp("YY"))]
    assert est.values == pytest.approx(exact, abs=6 / shots**0.5)
    assert est.bases == 3 and est.circuits == 3 and est.circuit_overhead == 1.0  # Z.., XX, YY


def test_mitigation_improves_ghz_parity_on_a_fake_device():
    """Issue check: on fake:manila's noise, readout mitigation and ZNE each move the GHZ
    parity <ZZZZ> towards its exact value 1, and both together do best (fixed seed, shots
    chosen so that the gaps are many standard errors wide)."""
    circuit, shots = ghz(4), 20_000
    results = {
        name: mitigated_expectation_values(
            circuit, ["ZZZZ"], backend="fake:manila", shots=shots, seed=3, mitigation=Mitigation.parse(name)
        )
        for name in ("none", "readout", "both")
    }
    error = {name: abs(r.values[0] - 1.0) for name, r in results.items()}
    assert error["none"] > 0.1  # the device really is noisy
    assert error["readout"] < error["none"] - 0.05
    assert error["both"] < error["readout"]
    assert results["both"].circuits == 1 * 3 + 2
    assert results["readout"].readout.p01.shape == (4,)
    assert results["both"].extrapolation == ["linear"]


def test_zne_alone_moves_the_estimate_towards_exact():
    circuit = ghz(3)
    circuit.compose(ghz(3).inverse(), inplace=True)
    circuit.compose(ghz(3), inplace=True)  # deeper: gate noise matters, readout the same
    plain = mitigated_expectation_values(circuit, ["XXX"], "fake:manila", shots=20_000, seed=4)
    zne = mitigated_expectation_values(
        circuit, ["XXX"], "fake:manila", shots=20_000, seed=4, mitigation=Mitigation.parse("zne")
    )
    assert zne.per_scale[0, 0] > zne.per_scale[1, 0] > zne.per_scale[2, 0]  # noise grows with scale
    assert abs(zne.values[0] - 1) < abs(plain.values[0] - 1)


def test_ibm_backends_are_sent_to_the_runtime(monkeypatch):
    class FakeIBM:
        spec = type("Spec", (), {"kind": "ibm"})()

    monkeypatch.setattr("qcog.backends.get_backend", lambda spec, **kw: FakeIBM())
    with pytest.raises(BackendUnavailableError, match="runtime_options"):
        mitigated_expectation_values(ghz(2), ["ZZ"], backend="ibm:some_device")


def test_mid_circuit_measurement_and_bad_shots_are_refused():
    qc = ghz(2)
    qc.measure_all()
    qc.h(0)
    with pytest.raises(QcogValueError, match="mid-circuit"):
        mitigated_expectation_values(qc, ["ZZ"], backend="aer")
    with pytest.raises(QcogValueError, match="shots"):
        mitigated_expectation_values(ghz(2), ["ZZ"], backend="aer", shots=0)


def test_result_serialises():
    est = mitigated_expectation_values(ghz(2), ["ZZ"], backend="aer", shots=100, seed=1,
                                       mitigation=Mitigation.parse("both"))
    out = est.to_dict()
    assert out["mitigation"]["label"] == "readout+zne" and out["circuits"] == 5
    assert np.isclose(out["values"][0], 1.0)


def test_a_readout_calibration_can_be_reused_in_a_loop():
    first = mitigated_expectation_values(ghz(3), ["ZZI"], "fake:manila", shots=4000, seed=7,
                                         mitigation=Mitigation(readout=True))
    again = mitigated_expectation_values(ghz(3), ["ZZI"], "fake:manila", shots=4000, seed=8,
                                         mitigation=Mitigation(readout=True), calibration=first.readout)
    assert again.circuits == first.circuits - 2 and again.readout is first.readout
    assert abs(again.values[0] - 1) < abs(again.unmitigated[0] - 1)
    from qcog.mitigation.readout import ReadoutCalibration

    elsewhere = ReadoutCalibration((4,), first.readout.p01[:1], first.readout.p10[:1])
    with pytest.raises(QcogValueError, match="recalibrate"):
        mitigated_expectation_values(ghz(3), ["ZZI"], "fake:manila", mitigation=Mitigation(readout=True),
                                     calibration=elsewhere)
