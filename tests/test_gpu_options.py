"""AerGpuOptions: checked, turned into Aer options that Aer really applies (seen on Aer's CPU
device, which honours the same precision, fusion and blocking options), and torch_device."""

import numpy as np
import pytest
import torch

from qcog.backends import get_backend
from qcog.circuits.layered import layered_circuit
from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.gpu import AerGpuOptions, statevector_bytes, torch_device
from qcog.testing import reference_statevector

#: bad keyword arguments -> a word the error message must contain
BAD_OPTIONS = [
    ({"precision": "half"}, "precision"),
    ({"method": "stabilizer"}, "method"),
    ({"fusion_enable": 1}, "fusion_enable"),
    ({"fusion_threshold": 0}, "fusion_threshold"),
    ({"fusion_max_qubit": 11}, "fusion_max_qubit"),
    ({"blocking_enable": True}, "blocking_qubits"),
    ({"blocking_qubits": 1, "blocking_enable": True}, "blocking_qubits"),
    ({"cuStateVec_enable": True, "batched_shots_gpu": True}, "cuStateVec_enable"),
    ({"target_gpus": ()}, "target_gpus"),
    ({"target_gpus": (0, -1)}, "target_gpus"),
]


@pytest.mark.parametrize("kwargs, word", BAD_OPTIONS)
def test_bad_options_are_refused_with_a_clear_message(kwargs, word):
    with pytest.raises(QcogValueError, match=word):
        AerGpuOptions(**kwargs)


#: AerGpuOptions kwargs -> the Aer constructor options they must produce
TO_AER = [
    ({}, {"method": "statevector", "precision": "double", "fusion_enable": True,
          "cuStateVec_enable": False, "blocking_enable": False, "batched_shots_gpu": False}),
    ({"precision": "single", "fusion_threshold": 20, "fusion_max_qubit": 4},
     {"precision": "single", "fusion_threshold": 20, "fusion_max_qubit": 4}),
    ({"blocking_enable": True, "blocking_qubits": 23}, {"blocking_enable": True, "blocking_qubits": 23}),
    ({"batched_shots_gpu": True, "batched_shots_gpu_max_qubits": 20},
     {"batched_shots_gpu": True, "batched_shots_gpu_max_qubits": 20}),
    ({"cuStateVec_enable": True}, {"cuStateVec_enable": True}),
]


@pytest.mark.parametrize("kwargs, expected", TO_AER)
def test_to_aer_maps_fields_to_aer_options(kwargs, expected):
    aer = AerGpuOptions(**kwargs).to_aer()
    assert {k: aer[k] for k in expected} == expected
    assert "target_gpus" not in aer
    assert all(v is not None for v in aer.values())


def test_every_option_is_accepted_by_aer():
    """Aer refuses unknown option names; all of ours set real AerSimulator options."""
    opts = AerGpuOptions(precision="single", fusion_threshold=20, fusion_max_qubit=4,
                         blocking_enable=True, blocking_qubits=10, batched_shots_gpu=True,
                         batched_shots_gpu_max_qubits=12)
    backend = get_backend("aer", **opts.to_aer())
    for name, value in opts.to_aer().items():
        assert getattr(backend.qiskit_backend.options, name) == value


def test_target_gpus_is_a_run_option():
    opts = AerGpuOptions(target_gpus=[1, 0])
    assert opts.target_gpus == (1, 0)
    assert opts.run_options() == {"target_gpus": [1, 0]}
    assert AerGpuOptions().run_options() == {}


def _layered(n, layers, seed):
    return layered_circuit(n, layers, seed)


def _aer_state(qc, **aer_options):
    from qiskit import transpile

    backend = get_backend("aer", **aer_options)
    circuit = qc.copy()
    circuit.save_statevector()
    result = backend.qiskit_backend.run(transpile(circuit, backend.qiskit_backend)).result()
    return np.asarray(result.data(0)["statevector"]), result.results[0].metadata


def test_precision_reaches_aer():
    """Single precision leaves ~1e-7 errors; double agrees with the numpy reference to 1e-12."""
    qc = _layered(6, 5, seed=3)
    exact = reference_statevector(qc)
    double, _ = _aer_state(qc, **AerGpuOptions(precision="double").to_aer())
    single, _ = _aer_state(qc, **AerGpuOptions(precision="single").to_aer())
    assert np.abs(double - exact).max() < 1e-12
    assert 1e-9 < np.abs(single - exact).max() < 1e-5


def test_fusion_and_blocking_reach_aer():
    qc = _layered(6, 3, seed=4)
    opts = AerGpuOptions(fusion_threshold=3, fusion_max_qubit=2, blocking_enable=True, blocking_qubits=4)
    state, meta = _aer_state(qc, **opts.to_aer())
    assert meta["fusion"]["applied"] and meta["fusion"]["threshold"] == 3
    assert meta["fusion"]["max_fused_qubits"] == 2
    assert meta["cacheblocking"] == {"enabled": True, "block_bits": 4}
    assert np.abs(state - reference_statevector(qc)).max() < 1e-12


@pytest.mark.parametrize("n, precision, nbytes", [(0, "double", 16), (10, "single", 8 * 1024),
                                                  (30, "double", 16 * 2**30), (34, "single", 2**37)])
def test_statevector_bytes(n, precision, nbytes):
    assert statevector_bytes(n, precision) == nbytes
    assert AerGpuOptions(precision=precision).bytes_per_amplitude * 2**n == nbytes


def test_statevector_bytes_refuses_bad_input():
    with pytest.raises(QcogValueError, match="precision"):
        statevector_bytes(3, "quad")
    with pytest.raises(QcogValueError, match="num_qubits"):
        statevector_bytes(-1)


def test_torch_device():
    assert torch_device("cpu") == torch.device("cpu")
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert torch_device("auto").type == expected
    with pytest.raises(QcogValueError, match="auto"):
        torch_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(BackendUnavailableError, match="no CUDA GPU"):
            torch_device("cuda:0")
