"""Refuse a statevector simulation that would not fit in memory, before allocating it.

A local guard until qcog's shared size-guard module is available: the estimate is
``copies`` complex128 states of ``2**n`` amplitudes (autograd keeps about one state
per gate of the circuit for the backward pass), against the memory available now.

>>> check_statevector_memory(3, copies=10, what="a test circuit", fix="use fewer qubits")
1280
>>> check_statevector_memory(40, copies=1, what="VQE", fix="use an active space", limit=2**30)
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: VQE needs 16384.0 GiB (1 x 40-qubit complex128 states), more than the 1.0 GiB available; use an active space
"""

from __future__ import annotations

from qcog.exceptions import QcogValueError

BYTES_PER_AMPLITUDE = 16  # complex128


def available_bytes() -> int | None:
    """``MemAvailable`` from ``/proc/meminfo``, or None when it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def check_statevector_memory(n_qubits: int, copies: float, what: str, fix: str,
                             limit: int | None = None) -> int:
    """Return the estimated bytes, or raise if they exceed ``limit`` (default: available).

    Raises:
        QcogValueError: the estimate does not fit (says how much, and ``fix``).
    """
    nbytes = int(BYTES_PER_AMPLITUDE * copies * 2**n_qubits)
    budget = available_bytes() if limit is None else limit
    if budget is not None and nbytes > budget:
        raise QcogValueError(
            f"{what} needs {nbytes / 2**30:.1f} GiB ({copies:g} x {n_qubits}-qubit complex128 "
            f"states), more than the {budget / 2**30:.1f} GiB available; {fix}"
        )
    return nbytes
