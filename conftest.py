"""Root pytest configuration: markers that are skipped unless asked for, shared fixtures."""

import os

import pytest

collect_ignore = ["qcog/__main__.py", "setup.py"]
collect_ignore_glob = ["benchmarks/results/*", ".venv/*", ".device-bundle/*"]

#: marker -> (environment variable that enables it, how to run it)
OPT_IN_MARKERS = {
    "slow": ("QCOG_RUN_SLOW", "slow test: run with QCOG_RUN_SLOW=1 make test (or pytest -m slow)"),
    "gpu": ("QCOG_RUN_GPU", "needs a CUDA GPU: run with QCOG_RUN_GPU=1 pytest -m gpu on a GPU machine"),
    "hardware": (
        "QCOG_RUN_HARDWARE",
        "submits to real IBM Quantum hardware: run with QCOG_RUN_HARDWARE=1 pytest -m hardware "
        "and an account in QISKIT_IBM_TOKEN",
    ),
}


def pytest_collection_modifyitems(config, items):
    selected = config.getoption("-m") or ""
    for item in items:
        for marker, (variable, reason) in OPT_IN_MARKERS.items():
            if item.get_closest_marker(marker) and marker not in selected and os.environ.get(variable) != "1":
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def tol():
    """Numerical tolerance for float64 comparisons."""
    return 1e-8


@pytest.fixture(autouse=True)
def _no_ibm_credentials(monkeypatch, tmp_path_factory, tmp_path):
    """Tests never see real IBM credentials nor the user's saved account or job store.

    Each test gets its own job store directory.
    """
    for name in ("QISKIT_IBM_TOKEN", "QISKIT_IBM_INSTANCE", "QISKIT_IBM_CHANNEL", "QISKIT_IBM_URL"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.getbasetemp() / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "qcog-data"))


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch, tmp_path_factory):
    """Tests cache (e.g. pretrained networks) in one folder of the test session, never the user's."""
    monkeypatch.setenv("QCOG_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "qcog-cache"))


@pytest.fixture
def one_torch_thread():
    """Run the test with one torch CPU thread (small circuits; a busy shared machine)."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
