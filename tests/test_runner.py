import numpy as np
import pytest
from qiskit import QuantumCircuit

from qcog.backends import get_backend
from qcog.circuits import bell_state, ghz_state
from qcog.exceptions import BackendUnavailableError, CircuitTooLargeError, QcogValueError
from qcog.runner import run
from qcog.testing import reference_statevector


def test_single_circuit_gives_one_result_with_metadata():
    result = run(ghz_state(3), backend="aer", shots=300, seed=8)
    assert sum(result.counts.values()) == 300
    assert (result.backend, result.shots, result.seed, result.num_qubits) == ("aer", 300, 8, 3)
    assert result.twoq_gates == 2 and result.depth >= 3
    assert result.metadata["measure_all_added"] is True
    assert result.transpiled.num_qubits == 3


def test_a_list_runs_in_one_call_and_keeps_order():
    circuits = [ghz_state(2), QuantumCircuit(2)]
    results = run(circuits, backend="aer", shots=100, seed=1)
    assert [set(r.counts) for r in results] == [{"00", "11"}, {"00"}]


def test_same_seed_same_counts_on_a_noisy_backend():
    a = run(ghz_state(3), backend="fake:manila", shots=500, seed=21)
    b = run(ghz_state(3), backend="fake:manila", shots=500, seed=21)
    assert a.counts == b.counts


def test_existing_measurements_are_kept():
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.measure(1, 0)
    result = run(qc, backend="aer", shots=10, seed=0)
    assert result.counts == {"1": 10} and result.metadata["measure_all_added"] is False


def test_statevector_is_exact_and_only_when_asked(tol):
    circuit = ghz_state(4, "log")
    circuit.rz(0.3, 2)
    result = run(circuit, backend="aer", shots=10, seed=1, statevector=True)
    assert np.allclose(result.statevector, reference_statevector(circuit), atol=tol)
    assert run(circuit, backend="aer", shots=10, seed=1).statevector is None
    assert run(circuit, backend="fake:manila", shots=10, seed=1, statevector=True).statevector is None


def test_to_dict_is_json_ready():
    import json

    result = run(bell_state(), backend="aer", shots=64, seed=3, statevector=True)
    data = json.loads(json.dumps(result.to_dict(include_statevector=True)))
    assert data["shots"] == 64 and len(data["statevector"]) == 4
    assert sum(data["probabilities"].values()) == pytest.approx(1.0)


@pytest.mark.parametrize("shots", [0, -5, 1.5, True])
def test_bad_shots(shots):
    with pytest.raises(QcogValueError, match="shots must be a positive integer"):
        run(bell_state(), backend="aer", shots=shots)


def test_bad_circuits_argument():
    with pytest.raises(QcogValueError, match="QuantumCircuit"):
        run("not a circuit", backend="aer")
    with pytest.raises(QcogValueError, match="non-empty"):
        run([], backend="aer")


def test_too_wide_for_the_backend():
    with pytest.raises(CircuitTooLargeError, match="has 5"):
        run(ghz_state(7), backend="fake:manila")


def test_aer_qubit_limit_is_enforced():
    limit = get_backend("aer").num_qubits
    with pytest.raises(CircuitTooLargeError, match=f"needs {limit + 5} qubits"):
        run(QuantumCircuit(limit + 5), backend="aer")


def test_ibm_backends_are_redirected_to_the_job_workflow():
    from qcog.backends import Backend, BackendSpec

    fake_ibm = Backend(BackendSpec("ibm", "ibm_test"), object(), "QPU")
    with pytest.raises(BackendUnavailableError, match="qcog.ibm"):
        run(bell_state(), backend=fake_ibm)


def test_run_options_reach_the_backends_run_call(monkeypatch):
    backend = get_backend("aer")
    seen = {}
    original = backend.qiskit_backend.run

    def recording_run(circuits, **kwargs):
        seen.update(kwargs)
        return original(circuits, **kwargs)

    monkeypatch.setattr(backend.qiskit_backend, "run", recording_run)
    result = run(ghz_state(2), backend=backend, shots=5, seed=2, run_options={"memory": True})
    assert seen == {"shots": 5, "seed_simulator": 2, "memory": True}
    assert set(result.counts) <= {"00", "11"}


# --- size guard (issue 12) ---------------------------------------------------------------


def test_statevector_that_does_not_fit_is_refused_before_transpiling(monkeypatch):
    from qiskit import QuantumCircuit

    from qcog.exceptions import SizeLimitError

    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1MiB")
    circuit = QuantumCircuit(20)
    circuit.h(0)
    circuit.t(0)  # not Clifford: Aer would use a statevector
    with pytest.raises(SizeLimitError, match=r"20-qubit circuit on aer .* needs 16.0 MiB"):
        run(circuit, backend="aer", shots=1)
    with pytest.raises(SizeLimitError, match=r"needs 16.0 TiB \(a 20-qubit density matrix"):
        run(circuit, backend=get_backend("aer", method="density_matrix"), shots=1)


def test_clifford_circuits_and_other_methods_are_not_refused(monkeypatch):
    from qcog.circuits import ghz_state

    monkeypatch.setenv("QCOG_MEMORY_LIMIT", "1MiB")
    result = run(ghz_state(28), backend="aer", shots=10, seed=1)  # stabilizer under 'automatic'
    assert set(result.counts) <= {"0" * 28, "1" * 28}
    mps = get_backend("aer", method="matrix_product_state")
    assert run(ghz_state(20), backend=mps, shots=10, seed=1).num_qubits == 20


def test_negative_seed_is_refused():
    from qcog.circuits import bell_state

    with pytest.raises(QcogValueError, match="seed must be None or an integer >= 0"):
        run(bell_state("phi+"), backend="aer", seed=-1)
