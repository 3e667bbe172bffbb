"""Opt-in tuning of the C allocator for CPU simulations: keep large buffers instead of unmapping them.

On Linux, glibc serves allocations above its mmap threshold with fresh ``mmap`` pages
and returns freed memory above its trim threshold to the system; every training step of
a statevector simulation then page-faults its state buffers in again (torch has no
caching allocator on the CPU). At 8 qubits and batch 256 (1 MiB states) this tripled the
time of the torch engine's forward pass on the project's machine. :func:`tune_allocator`
raises both thresholds with ``mallopt`` so freed buffers are reused - a process-wide
setting, so it is never done on import: call it once at the start of a training script
(``benchmarks/quantum_layer.py`` does, for every engine it compares). Elsewhere (not
glibc) it does nothing.

>>> isinstance(tune_allocator(), bool)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: glibc's ``mallopt`` parameter numbers.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def tune_allocator(mmap_threshold: int = 512 * 2**20, trim_threshold: int = 2**30) -> bool:
    """Raise glibc's mmap and trim thresholds (bytes); True when it was applied.

    Args:
        mmap_threshold: allocations below this come from the reusable heap.
        trim_threshold: free memory kept by the process before it is returned.
    """
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, mmap_threshold)) and bool(
        mallopt(_M_TRIM_THRESHOLD, trim_threshold))
