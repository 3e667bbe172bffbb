"""Memory estimates for memory experiments, checked before anything is built or sampled.

Stim sampling and decoding go in chunks of at most :data:`CHUNK_BYTES`, so their memory
does not grow with the shot count; the circuits, the Stim circuit and the decoding
graph grow with ``distance**2 * rounds``; Aer returns every distinct outcome and qcog
expands them to one row per shot, which grows with the shots.

>>> estimate_bytes(3, 3, 1000, "stim") < 2**30
True
>>> check_fits(201, 201, 1000, "stim", available=8 * 2**30)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: a distance-201, 201-round memory experiment with 1,000 shots on stim needs about ... GiB; 4.0 GiB is available to it. Use a smaller distance, fewer rounds or fewer shots.
"""

from __future__ import annotations

import os

from qcog.exceptions import QcogValueError

#: Bytes of detection events held at once while sampling and decoding with Stim.
CHUNK_BYTES = 32 * 2**20
#: Bytes per circuit operation across the Qiskit circuit, Stim circuit, DEM and matching graph.
BYTES_PER_OPERATION = 1500
#: Fraction of the available memory a run may plan to use.
SHARE = 0.5


def operations(distance: int, rounds: int) -> int:
    """About how many operations the surface code circuit has (the repetition code fewer)."""
    return 8 * distance * distance * (rounds + 1)


def estimate_bytes(distance: int, rounds: int, shots: int, sampler: str) -> int:
    """Peak bytes to build, sample and decode (an upper estimate for both codes)."""
    structure = operations(distance, rounds) * BYTES_PER_OPERATION
    if sampler == "stim":
        return structure + 4 * CHUNK_BYTES
    per_shot = 2 * distance * distance * (rounds + 1)  # measurements + detectors, one byte each
    return structure + shots * (3 * per_shot + 100)


def available_bytes() -> int:
    """Memory available now (``MemAvailable``), else the physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _gib(n: float) -> str:
    return f"{n / 2**30:.1f} GiB"


def check_fits(
    distance: int, rounds: int, shots: int, sampler: str, available: int | None = None
) -> int:
    """Return the estimate; raise if it exceeds half of the ``available`` memory.

    Raises:
        QcogValueError: saying the estimate and what is available.
    """
    need = estimate_bytes(distance, rounds, shots, sampler)
    budget = SHARE * (available_bytes() if available is None else available)
    if need > budget:
        raise QcogValueError(
            f"a distance-{distance}, {rounds}-round memory experiment with {shots:,} shots on "
            f"{sampler} needs about {_gib(need)}; {_gib(budget)} is available to it. "
            "Use a smaller distance, fewer rounds or fewer shots."
        )
    return need
