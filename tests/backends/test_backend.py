import pytest

from qcog.backends import aer, get_backend
from qcog.exceptions import BackendUnavailableError, CircuitTooLargeError, UnknownBackendError
from qcog.testing.backend_conformance import assert_valid_backend

# Every backend kind this machine can run, through the one conformance checker.
RUNNABLE = ["aer", "auto", "fake:manila", "fake:sherbrooke"]


@pytest.mark.parametrize("spec", RUNNABLE)
def test_runnable_backends_are_valid(spec):
    assert_valid_backend(get_backend(spec))


def test_auto_is_cpu_without_a_working_gpu(monkeypatch):
    monkeypatch.setattr(aer, "gpu_status", lambda: (False, "no GPU"))
    backend = get_backend("auto")
    assert (backend.name, backend.device) == ("aer", "CPU")


def test_auto_picks_gpu_when_the_probe_succeeds(monkeypatch):
    monkeypatch.setattr(aer, "gpu_status", lambda: (True, "ok"))
    seen = {}
    monkeypatch.setattr(aer, "make_aer", lambda device, **o: seen.setdefault("device", device))
    assert get_backend("auto").name == "aer-gpu" and seen["device"] == "GPU"


def test_aer_gpu_unusable_names_the_package(monkeypatch):
    monkeypatch.setattr(aer, "gpu_status", lambda: (False, "GPU probe failed: no device"))
    with pytest.raises(BackendUnavailableError, match="qiskit-aer-gpu"):
        get_backend("aer-gpu")


def test_gpu_probe_runs_a_circuit_and_reports_here():
    aer.gpu_status.cache_clear()
    usable, reason = aer.gpu_status()
    assert isinstance(usable, bool) and reason
    assert ("GPU" in reason) or ("probe" in reason)


def test_options_pass_through_to_aer():
    backend = get_backend("aer", method="matrix_product_state", precision="single")
    assert backend.qiskit_backend.options.method == "matrix_product_state"
    assert backend.qiskit_backend.options.precision == "single"
    assert backend.describe()["options"] == {"method": "matrix_product_state", "precision": "single"}


def test_unknown_fake_backend_lists_close_matches():
    with pytest.raises(UnknownBackendError, match="did you mean fake:manila"):
        get_backend("fake:manilla")


def test_ibm_without_account_fails_clearly():
    with pytest.raises(BackendUnavailableError, match="QISKIT_IBM_TOKEN"):
        get_backend("ibm:least_busy")


def test_too_many_qubits_for_the_backend():
    from qcog.circuits import ghz_state

    with pytest.raises(CircuitTooLargeError, match="needs 6 qubits but backend 'fake:manila' has 5"):
        get_backend("fake:manila").transpile(ghz_state(6))
