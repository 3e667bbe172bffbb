"""Shot-based energies: within shot noise of the exact value; one job per call on fake backends."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp, Statevector

from qcog.exceptions import QcogValueError
from qcog.ibm.store import JobStore
from qcog.variational.estimator import estimate_energies

OBSERVABLE = SparsePauliOp(["ZZI", "XXI", "IIZ", "IYY"], [0.5, -0.3, 0.2, 0.4])


def _circuits():
    out = []
    for angle in (0.3, 1.1):
        qc = QuantumCircuit(3)
        qc.ry(angle, 0)
        qc.cx(0, 1)
        qc.rx(angle / 2, 2)
        out.append(qc)
    return out


def test_aer_estimates_lie_within_shot_noise_of_the_exact_values():
    circuits = _circuits()
    exact = [Statevector(c).expectation_value(OBSERVABLE).real for c in circuits]
    est = estimate_energies(circuits, OBSERVABLE, "aer", shots=4000, seed=11)
    assert est.job_id is None and est.backend == "aer" and len(est.values) == 2
    # Each term's estimate has standard error <= |c| / sqrt(shots): 5 sigma of the sum.
    bound = 5 * float(np.sum(np.abs(OBSERVABLE.coeffs))) / np.sqrt(4000)
    np.testing.assert_allclose(est.values, exact, atol=bound)


def test_fake_backend_runs_all_circuits_in_one_stored_job(tmp_path):
    store = JobStore(tmp_path / "jobs.sqlite")
    est = estimate_energies(_circuits(), OBSERVABLE, "fake:manila", shots=2000, seed=3, store=store)
    records = store.list_jobs()
    assert len(records) == 1 and records[0].job_id == est.job_id
    assert records[0].kind == "estimator" and len(records[0].result["pubs"]) == 2
    exact = [Statevector(c).expectation_value(OBSERVABLE).real for c in _circuits()]
    np.testing.assert_allclose(est.values, exact, atol=0.25)  # noisy device, loose


@pytest.mark.parametrize("kwargs, match", [
    ({"backend": "torch"}, "exact engine"),
    ({"backend": "aer", "shots": 0}, "shots"),
    ({"backend": "aer", "mitigation": "magic"}, "mitigation must be one of"),
])
def test_bad_requests_are_refused(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        estimate_energies(_circuits(), OBSERVABLE, **kwargs)


def test_readout_mitigation_on_aer_and_a_fake_device():
    circuits = _circuits()[:1]
    exact = Statevector(circuits[0]).expectation_value(OBSERVABLE).real
    clean = estimate_energies(circuits, OBSERVABLE, "aer", shots=4000, seed=5, mitigation="readout")
    assert clean.mitigation == "readout" and np.isnan(clean.stds[0]) and clean.job_id is None
    assert clean.values == pytest.approx(clean.unmitigated)  # no readout error on ideal Aer
    noisy = estimate_energies(circuits, OBSERVABLE, "fake:manila", shots=4000, seed=5,
                              mitigation="readout")
    assert noisy.values[0] != noisy.unmitigated[0]
    assert abs(noisy.values[0] - exact) < 0.3
