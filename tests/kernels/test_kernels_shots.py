import numpy as np
import pytest

from qcog.exceptions import QcogValueError
from qcog.kernels.fidelity import fidelity_kernel
from qcog.kernels.shots import (
    MAX_EXECUTIONS,
    circuits_per_job,
    fidelity_circuit,
    kernel_pairs,
    shot_kernel,
)
from qcog.kernels.standard_maps import make_feature_map

X = np.array([[0.3, 1.2], [2.0, 0.4], [4.1, 5.0], [1.0, 1.1]])


@pytest.fixture
def store(tmp_path):
    from qcog.ibm.store import JobStore

    return JobStore(tmp_path / "jobs.sqlite")


def test_aer_estimates_agree_with_the_exact_kernel_within_shot_noise():
    fm = make_feature_map("zz", 2)
    shots = 4000
    for y in (None, X[:2] + 0.3):
        exact = fidelity_kernel(fm, X, y)
        out = shot_kernel(fm, X, y, backend="aer", shots=shots, seed=5)
        bound = 5 * np.sqrt(exact * (1 - exact) / shots) + 1.5 / shots
        assert np.all(np.abs(out.matrix - exact) <= bound)
        assert out.circuits == (6 if y is None else 8)
    assert np.all(np.diag(shot_kernel(fm, X, backend="aer", shots=10, seed=1).matrix) == 1)


def test_compute_uncompute_circuit_returns_to_zero_for_equal_points():
    from qiskit.quantum_info import Statevector

    u = make_feature_map("zz", 2).circuits(X[:1])[0]
    circuit = fidelity_circuit(u, u, name="same")
    assert circuit.name == "same"
    state = Statevector(circuit.remove_final_measurements(inplace=False))
    assert abs(state.probabilities()[0] - 1) < 1e-10


def test_pairs_and_job_sizes():
    assert kernel_pairs(2, 3, symmetric=False) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert circuits_per_job(1024, 300) == 300
    assert circuits_per_job(MAX_EXECUTIONS // 4, 300) == 4
    with pytest.raises(QcogValueError, match="shots must be a positive integer"):
        circuits_per_job(0)
    with pytest.raises(QcogValueError, match="max_circuits"):
        circuits_per_job(10, 0)


def test_fake_backend_jobs_are_stored_and_an_interrupted_matrix_resumes(store):
    fm = make_feature_map("zz", 2)
    kwargs = {"backend": "fake:manila", "shots": 300, "seed": 2, "max_circuits": 2,
              "store": store}

    def stop_after_two(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        shot_kernel(fm, X, progress=stop_after_two, **kwargs)
    assert len(store.list_jobs()) == 2  # 2 of the 3 jobs ran and are on record
    resumed = shot_kernel(fm, X, **kwargs)
    assert (resumed.jobs, resumed.resumed, len(store.list_jobs())) == (3, 2, 3)
    assert all(resumed.gram_tag in r.tags for r in store.list_jobs())
    fresh = shot_kernel(fm, X, **{**kwargs, "store": store.path.parent / "other.sqlite"})
    np.testing.assert_array_equal(resumed.matrix, fresh.matrix)  # same seeds, same counts
    exact = fidelity_kernel(fm, X)
    assert np.abs(resumed.matrix - exact).max() < 0.25  # noisy device model, 300 shots


def test_a_job_interrupted_inside_the_submission_call_is_rerun_from_the_store(store, monkeypatch):
    from qcog.ibm import submission

    fm = make_feature_map("zz", 2)
    kwargs = {"backend": "fake:manila", "shots": 200, "seed": 3, "max_circuits": 3,
              "store": store}
    real_run_pubs = submission.run_pubs
    calls = []

    def interrupted_second_job(*args, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_run_pubs(*args, **kw)

    monkeypatch.setattr(submission, "run_pubs", interrupted_second_job)
    with pytest.raises(KeyboardInterrupt):
        shot_kernel(fm, X, **kwargs)
    monkeypatch.setattr(submission, "run_pubs", real_run_pubs)
    statuses = sorted(r.status for r in store.list_jobs())
    assert statuses == ["done", "queued"]  # the second job is on record, interrupted
    out = shot_kernel(fm, X, **kwargs)
    assert (out.jobs, out.resumed, len(store.list_jobs())) == (2, 2, 2)
    assert all(r.status == "done" for r in store.list_jobs())


def test_bad_input_is_refused_before_anything_runs(store):
    fm = make_feature_map("zz", 2)
    with pytest.raises(QcogValueError, match="NaN or inf"):
        shot_kernel(fm, [[0.0, np.nan]], backend="fake:manila", store=store)
    with pytest.raises(QcogValueError, match="has 3 features"):
        shot_kernel(fm, np.zeros((2, 3)), backend="aer")
    assert store.list_jobs() == []
