"""Qiskit Aer simulators on the CPU and the GPU, with a GPU probe that runs a circuit.

``AerSimulator().available_devices()`` can list ``'GPU'`` on a machine with no usable
GPU, so :func:`gpu_status` runs a 1-qubit circuit on the GPU and reports what happened.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from qcog.exceptions import BackendUnavailableError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit_aer import AerSimulator

GPU_HINT = (
    "Aer's GPU simulator needs an NVIDIA GPU with a working CUDA driver and the "
    "qiskit-aer-gpu package instead of qiskit-aer: "
    "pip uninstall -y qiskit-aer && pip install 'qcog[gpu]'"
)


@functools.lru_cache(maxsize=1)
def gpu_status() -> tuple[bool, str]:
    """Return ``(usable, reason)`` after running a tiny circuit on Aer's GPU device.

    The answer is cached for the life of the process (the hardware does not change).
    """
    try:
        from qiskit import QuantumCircuit
        from qiskit_aer import AerSimulator

        sim = AerSimulator(method="statevector", device="GPU")
        if "GPU" not in sim.available_devices():
            return False, "qiskit-aer lists no GPU device"
        probe = QuantumCircuit(1, 1)
        probe.h(0)
        probe.measure(0, 0)
        result = sim.run(probe, shots=8, seed_simulator=1).result()
        if not result.success:
            return False, f"GPU probe circuit failed: {result.status}"
        device = result.results[0].metadata.get("device", "")
        if device != "GPU":
            return False, f"GPU probe ran on {device or 'an unknown device'}, not the GPU"
        return True, "GPU probe circuit ran on Aer's GPU device"
    except Exception as exc:  # any failure means: not usable here
        return False, f"GPU probe failed: {type(exc).__name__}: {exc}"


def make_aer(device: str = "CPU", **options: Any) -> AerSimulator:
    """Build an ``AerSimulator`` on ``device`` ('CPU' or 'GPU') with Aer ``options``.

    Options such as ``method``, ``precision`` ('single'/'double'), ``fusion_enable``
    and ``max_parallel_threads`` pass through to Aer.
    """
    from qiskit_aer import AerSimulator

    if device == "GPU":
        usable, reason = gpu_status()
        if not usable:
            raise BackendUnavailableError(f"backend 'aer-gpu' is not usable here ({reason}). {GPU_HINT}")
    return AerSimulator(device=device, **options)
