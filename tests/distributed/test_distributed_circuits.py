"""Circuit batches on a 2-worker Dask cluster: identical to the serial path, and correct."""

import pytest

from qcog.backends import get_backend
from qcog.circuits import ghz_state
from qcog.circuits.layered import layered_circuit
from qcog.circuits.qft import qft_circuit
from qcog.distributed.circuits import circuit_tasks, run_circuits_distributed, run_circuits_serial
from qcog.distributed.sweep import task_seeds
from qcog.exceptions import QcogValueError
from qcog.testing import assert_counts_match, reference_probabilities


def _layered(n, layers, seed):
    return layered_circuit(n, layers, seed)


def _batch():
    """GHZ, a QFT of |5>, random layered circuits (the first one twice)."""
    prep = qft_circuit(3).copy_empty_like()
    prep.x(0)
    prep.x(2)
    return [ghz_state(4), prep.compose(qft_circuit(3)), _layered(4, 3, seed=1), _layered(5, 2, seed=2),
            _layered(4, 3, seed=1)]


@pytest.mark.parametrize("backend", ["aer", "fake:manila"])
def test_distributed_counts_equal_serial_counts(dask_cluster_client, backend):
    circuits = _batch()
    serial = run_circuits_serial(circuits, backend=backend, shots=2000, seed=17)
    distributed = run_circuits_distributed(circuits, backend=backend, shots=2000, seed=17,
                                           cluster=dask_cluster_client)
    assert [r.counts for r in distributed] == [r.counts for r in serial]
    assert [r.seed for r in distributed] == task_seeds(17, len(circuits))
    assert [r.backend for r in distributed] == [backend] * len(circuits)


def test_distributed_counts_follow_the_exact_distribution(dask_cluster_client):
    circuits = _batch()
    results = run_circuits_distributed(circuits, backend="aer", shots=4000, seed=5,
                                       cluster=dask_cluster_client)
    for circuit, result in zip(circuits, results):
        assert_counts_match(result.counts, reference_probabilities(circuit), z=5)
    # circuits 2 and 4 are the same circuit: their own seeds give different samples
    assert results[2].counts != results[4].counts


def test_a_resolved_backend_travels_as_its_spec_and_options():
    backend = get_backend("aer", method="statevector")
    task = circuit_tasks([ghz_state(2)], backend=backend, shots=8, seed=1)[0]
    assert (task["backend"], task["method"], task["shots"]) == ("aer", "statevector", 8)


@pytest.mark.parametrize(
    "kwargs, word",
    [({"circuits": []}, "non-empty"), ({"circuits": ["h 0"]}, "QuantumCircuits"),
     ({"circuits": [ghz_state(2)], "backend": "ibm:ibm_kyiv"}, "simulator"),
     ({"circuits": [ghz_state(2)], "backend": 3}, "spec string")],
)
def test_bad_batches_are_refused(kwargs, word):
    with pytest.raises(QcogValueError, match=word):
        circuit_tasks(**kwargs)
