"""VQE reaches FCI on small molecules; shot-based evaluation and SPSA go through the estimator."""

import numpy as np
import pytest

from qcog.chemistry.vqe import CHEMICAL_ACCURACY, VQEProblem
from qcog.exceptions import QcogValueError, SizeLimitError
from qcog.ibm.store import JobStore
from qcog.variational.optimizer import OptimizerConfig

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_h2_reaches_fci_on_the_torch_engine(h2):
    result = VQEProblem(h2).run("torch", seed=0)
    assert abs(result.error) < 1e-7 and result.chemical_accuracy
    assert result.hf_energy > result.fci_energy
    out = result.to_dict()
    assert out["correlation_recovered"] == pytest.approx(1.0, abs=1e-5)
    assert out["trace"]["energies"][0] == pytest.approx(result.hf_energy)  # starts at HF


def test_lih_active_space_within_chemical_accuracy(lih):
    result = VQEProblem(lih, optimizer=OptimizerConfig("lbfgs", steps=60)).run("torch")
    assert abs(result.error) < CHEMICAL_ACCURACY / 10
    assert result.time_to_chemical_accuracy_s is not None
    assert result.ansatz == {"ansatz": "singles_doubles", "parameters": 24, "doubles": 16,
                             "singles": 8}


def test_stop_at_chemical_accuracy(lih):
    problem = VQEProblem(lih, stop_at_chemical_accuracy=True)
    result = problem.run("torch")
    assert result.trace.stopped == "target" and result.chemical_accuracy


def test_hardware_efficient_ansatz_on_h2(h2):
    result = VQEProblem(h2, "hardware_efficient", layers=2).run("torch", seed=1)
    assert result.chemical_accuracy
    assert result.ansatz["parameters"] == 12


def test_trained_parameters_evaluated_on_aer_agree_within_shot_noise(h2):
    result = VQEProblem(h2).run("aer", seed=2, shots=20000)
    assert result.engine == "torch" and result.chemical_accuracy  # trained exactly
    shot = result.shot
    assert abs(shot["energy"] - result.energy) < 5 * shot["std"] + 1e-3
    assert 0 < shot["std"] < 0.02


def test_trained_parameters_evaluated_on_a_fake_device_in_one_stored_job(h2, tmp_path):
    store = JobStore(tmp_path / "jobs.sqlite")
    result = VQEProblem(h2, "doubles").run("fake:manila", seed=2, shots=4000, store=store)
    (job,) = store.list_jobs()
    shot = result.shot
    assert shot["job_id"] == job.job_id and shot["backend"] == "fake:manila"
    assert shot["error_mha"] == pytest.approx(1000 * (shot["energy"] - result.fci_energy))
    # the device's noise raises the energy, but it stays inside the spectrum of H
    eigenvalues = np.linalg.eigvalsh(h2.sparse_pauli_op().to_matrix())
    assert eigenvalues[0] < shot["energy"] < eigenvalues[-1]


def test_mitigated_evaluation_reports_both_estimates(h2):
    result = VQEProblem(h2, "doubles").run("aer", seed=3, shots=2000, mitigation="readout")
    shot = result.shot
    assert shot["mitigation"] == "readout" and "unmitigated_energy" in shot
    assert shot["energy"] == pytest.approx(shot["unmitigated_energy"])  # ideal Aer: no readout error


def test_spsa_on_aer_improves_on_hartree_fock(h2):
    config = OptimizerConfig("spsa", steps=10, lr=0.3, spsa_c=0.15)
    result = VQEProblem(h2, "doubles", optimizer=config).run("aer", seed=4, shots=8000)
    assert result.engine == "aer" and result.shot["job_id"] is None
    assert result.energy < result.hf_energy - 0.005  # exact energy of the SPSA parameters


def test_spsa_on_an_exact_engine_is_refused(h2):
    with pytest.raises(QcogValueError, match="spsa"):
        VQEProblem(h2, optimizer=OptimizerConfig("spsa")).run("torch")


def test_unknown_ansatz(h2):
    with pytest.raises(QcogValueError, match="ansatz"):
        VQEProblem(h2, "uccsdtq")


def test_problem_too_large_is_refused_before_simulating(h2, monkeypatch):
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1000")
    with pytest.raises(SizeLimitError, match="active space"):
        VQEProblem(h2).run("torch")
