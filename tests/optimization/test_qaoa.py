"""QAOA against theory (ring of disagrees, Petersen), sampled solutions verified, backends, errors."""

import pytest

from qcog.exceptions import QcogValueError, SizeLimitError
from qcog.ibm.store import JobStore
from qcog.optimization.ising import from_qubo
from qcog.optimization.maxcut import maxcut_problem
from qcog.optimization.qaoa import QAOAProblem
from qcog.variational.optimizer import OptimizerConfig

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_ring_of_disagrees_reaches_farhis_values():
    # Farhi et al. 2014: on a ring of n > 2p + 1 nodes, optimal p-level QAOA cuts (2p+1)/(2p+2).
    result = QAOAProblem(maxcut_problem("cycle:8"), p=3).run("torch", seed=0)
    ratios = [level.ratio for level in result.levels]
    assert ratios == pytest.approx([3 / 4, 5 / 6, 7 / 8], abs=1e-6)
    assert [level.p for level in result.levels] == [1, 2, 3]


def test_petersen_p1_optimum_and_verified_samples():
    result = QAOAProblem(maxcut_problem("petersen"), p=1).run("torch", seed=3, shots=2000)
    assert -result.energy / 15 == pytest.approx(0.5 + 1 / (3 * 3**0.5), abs=1e-6)
    sample = result.best_sample
    assert sample["verified"] and sample["cut"] == -sample["energy"]
    assert sample["optimal"] and 0 < sample["optimal_probability"] < 1
    assert result.baselines["exact"]["min_energy"] == -12


def test_ramp_and_random_starts_run_only_depth_p():
    for init in ("ramp", "random"):
        result = QAOAProblem(maxcut_problem("cycle:6"), p=2, init=init).run("torch", seed=1)
        assert [level.p for level in result.levels] == [2]
        assert result.ratio > 0.75


def test_qubo_problem_and_no_baselines():
    problem = from_qubo([[-1, 2, 0], [0, -1, 2], [0, 0, -1]])
    result = QAOAProblem(problem, p=2).run("torch", seed=0, baselines=False)
    assert result.baselines is None and result.best_sample["verified"]
    assert result.best_sample["energy"] == -2  # x = 101


def test_sampling_on_aer_and_on_a_fake_device(tmp_path):
    problem = maxcut_problem("cycle:4")
    aer = QAOAProblem(problem, p=1).run("aer", seed=2, shots=500)
    assert aer.engine == "torch" and aer.best_sample["job_id"] is None
    assert aer.best_sample["cut"] == 4 and aer.best_sample["verified"]
    store = JobStore(tmp_path / "jobs.sqlite")
    fake = QAOAProblem(problem, p=1).run("fake:manila", seed=2, shots=500, store=store)
    (job,) = store.list_jobs()
    assert fake.best_sample["job_id"] == job.job_id and fake.best_sample["verified"]


def test_spsa_on_aer_trains_through_the_estimator():
    config = OptimizerConfig("spsa", steps=15, lr=0.2, spsa_c=0.1)
    result = QAOAProblem(maxcut_problem("cycle:4"), p=1, optimizer=config).run("aer", seed=0, shots=2000)
    assert result.engine == "aer" and result.ratio > 0.5


def test_plot_draws_the_ratio_against_p():
    import matplotlib

    matplotlib.use("Agg")
    result = QAOAProblem(maxcut_problem("cycle:6"), p=2).run("torch")
    ax = result.plot()
    assert list(ax.lines[0].get_xdata()) == [1, 2]


@pytest.mark.parametrize("kwargs, match", [({"init": "warm"}, "init"), ({"p": 0}, "depth")])
def test_bad_settings(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        QAOAProblem(maxcut_problem("cycle:4"), **kwargs)


def test_too_large_is_refused_before_any_simulation(monkeypatch):
    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1MiB")
    with pytest.raises(SizeLimitError, match="fewer nodes"):
        QAOAProblem(maxcut_problem("regular:3:20"), p=2).run("torch")
