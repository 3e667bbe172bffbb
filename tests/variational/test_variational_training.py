"""train(): exact engines, exact training before a shot backend, SPSA through the estimator."""

import pennylane as qml
import pytest

from qcog.exceptions import QcogValueError
from qcog.ibm.store import JobStore
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.training import exact_energy, train

pytestmark = pytest.mark.usefixtures("one_torch_thread")


class OneRotation:
    n_qubits, n_params = 1, 1

    def apply(self, theta):
        qml.RY(theta[0], wires=0)

    def initial(self, seed=None):
        return [0.4]


def test_shot_backend_with_lbfgs_trains_exactly_on_torch():
    run = train(OneRotation(), qml.PauliZ(0), "aer", OptimizerConfig("lbfgs", steps=30))
    assert run.engine == "torch" and run.last_estimate is None
    assert exact_energy(OneRotation(), qml.PauliZ(0), run.theta) == pytest.approx(-1, abs=1e-8)


def test_spsa_runs_each_step_as_one_estimator_job(tmp_path):
    store = JobStore(tmp_path / "jobs.sqlite")
    config = OptimizerConfig("spsa", steps=2, lr=0.5, spsa_c=0.2)
    run = train(OneRotation(), qml.PauliZ(0), "fake:manila", config, seed=1, shots=500,
                store=store)
    jobs = store.list_jobs()
    assert len(jobs) == 2 + 1  # two steps and the final evaluation
    assert sorted(len(j.result["pubs"]) for j in jobs) == [1, 2, 2]
    assert run.engine == "fake:manila" and run.last_estimate.job_id in {j.job_id for j in jobs}


def test_spsa_on_an_exact_engine_is_refused():
    with pytest.raises(QcogValueError, match="shot-based"):
        train(OneRotation(), qml.PauliZ(0), "torch", OptimizerConfig("spsa"))
