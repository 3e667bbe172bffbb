"""Aer on the GPU agrees with Aer on the CPU (and with theory) on the same circuits.

Run on a machine with a CUDA GPU and qiskit-aer-gpu: ``QCOG_RUN_GPU=1 pytest -m gpu tests/gpu``
(or ``bash benchmarks/gpu_check.sh``). Statevectors are compared for small circuits,
single-qubit expectations and few-qubit marginals for large ones (up to 30 qubits, where
the GPU's and the host's memory allow).
"""

import os

import numpy as np
import pytest

from qcog.circuits.layered import layered_circuit
from qcog.gpu import AerGpuOptions, statevector_bytes
from qcog.testing import assert_counts_match

pytestmark = pytest.mark.gpu


@pytest.fixture(scope="module", autouse=True)
def _aer_gpu_usable():
    from qcog.backends.aer import gpu_status

    usable, reason = gpu_status()
    if not usable:
        pytest.fail(f"Aer's GPU device is not usable here: {reason}")


def _layered(n, layers, seed):
    return layered_circuit(n, layers, seed)


def _simulate(qc, device, **options):
    """Run ``qc`` (with its save instructions) on Aer's ``device``; return the data dict."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    sim = AerSimulator(**{"method": "statevector", **options, "device": device})
    result = sim.run(transpile(qc, sim, optimization_level=0), shots=1, seed_simulator=1).result()
    assert result.success, result.status
    assert result.results[0].metadata["device"] == device
    return result.data(0)


def _state(qc, device, **options):
    circuit = qc.remove_final_measurements(inplace=False)
    circuit.save_statevector()
    return np.asarray(_simulate(circuit, device, **options)["statevector"])


def _grover():
    from qcog.circuits.grover import grover_circuit
    from qcog.circuits.oracles import marked_oracle

    return grover_circuit(marked_oracle([5, 42], 7), iterations=6, measure=False)


def _order_finding():
    from qcog.circuits.order_finding import full_order_finding_circuit

    return full_order_finding_circuit(7, 15, measure=False)


SMALL_CIRCUITS = {"grover_7q": _grover, "order_finding_7_15": _order_finding,
                  "layered_16q": lambda: _layered(16, 6, seed=1), "layered_22q": lambda: _layered(22, 4, seed=2)}


@pytest.mark.parametrize("name", sorted(SMALL_CIRCUITS))
@pytest.mark.parametrize("precision, atol", [("double", 1e-10), ("single", 2e-5)])
def test_gpu_statevector_equals_cpu(name, precision, atol):
    qc = SMALL_CIRCUITS[name]()
    cpu = _state(qc, "CPU")
    gpu = _state(qc, "GPU", **AerGpuOptions(precision=precision).to_aer())
    assert np.abs(gpu - cpu).max() < atol


@pytest.mark.parametrize("options", [AerGpuOptions(fusion_enable=False), AerGpuOptions(fusion_max_qubit=2),
                                     AerGpuOptions(blocking_enable=True, blocking_qubits=12)])
def test_gpu_options_keep_the_state(options):
    qc = _layered(18, 5, seed=3)
    assert np.abs(_state(qc, "GPU", **options.to_aer()) - _state(qc, "CPU")).max() < 1e-10


def _host_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _gpu_free_bytes() -> int:
    torch = pytest.importorskip("torch")
    return int(torch.cuda.mem_get_info()[0]) if torch.cuda.is_available() else 0


@pytest.mark.parametrize("n", [26, 28, 30])
def test_large_circuits_agree_on_expectations_and_marginals(n):
    """<Z_q> on four qubits and the marginal of three qubits, CPU vs GPU, double precision."""
    from qiskit.quantum_info import SparsePauliOp

    need = statevector_bytes(n, "double")
    if need * 1.3 > _gpu_free_bytes() or need * 2.5 > _host_bytes():
        pytest.skip(f"{n} qubits need {need / 2**30:.0f} GiB per state: not enough memory here")
    qc = _layered(n, 3, seed=n)
    watched = [0, n // 3, 2 * n // 3, n - 1]
    for q in watched:
        qc.save_expectation_value(SparsePauliOp("Z"), [q], label=f"z{q}")
    qc.save_probabilities([0, n // 2, n - 1], label="marginal")
    cpu = _simulate(qc, "CPU")
    gpu = _simulate(qc, "GPU", **AerGpuOptions().to_aer())
    for q in watched:
        assert abs(gpu[f"z{q}"] - cpu[f"z{q}"]) < 1e-9, q
    assert np.abs(np.asarray(gpu["marginal"]) - np.asarray(cpu["marginal"])).max() < 1e-9


def test_grover_counts_on_the_gpu_follow_theory():
    import qcog
    from qcog.algorithms.grover_theory import rotation_angle, success_probability

    qc = _grover()
    qc.measure_all()
    result = qcog.run(qc, backend="aer-gpu", shots=20000, seed=3)
    good = sum(c for key, c in result.counts.items() if int(key, 2) in (5, 42))
    p = success_probability(6, rotation_angle(2, 2**7))
    assert abs(good / 20000 - p) < 5 * np.sqrt(p * (1 - p) / 20000) + 1e-3


@pytest.mark.parametrize("options", [AerGpuOptions(), AerGpuOptions(batched_shots_gpu=True)])
def test_semiclassical_order_finding_on_the_gpu(options):
    """Mid-circuit measurements and feed-forward on the GPU follow the exact phase law."""
    import qcog
    from qcog.algorithms.order_finding import ideal_phase_distribution
    from qcog.circuits.order_finding import default_num_bits, semiclassical_order_finding_circuit

    t = default_num_bits(15)
    qc = semiclassical_order_finding_circuit(7, 15)
    result = qcog.run(qc, backend="aer-gpu", shots=1500, seed=5, **options.to_aer())
    probs = ideal_phase_distribution(7, 15, t)
    expected = {format(y, f"0{t}b"): float(p) for y, p in enumerate(probs) if p > 1e-12}
    assert_counts_match(result.counts, expected, z=5)
