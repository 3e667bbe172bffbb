"""Memory estimates for memory experiments, checked with :mod:`qcog.limits` before anything
is built or sampled.

Stim sampling and decoding go in chunks of at most :data:`CHUNK_BYTES`, so their memory
does not grow with the shot count; the circuits, the Stim circuit and the decoding
graph grow with ``distance**2 * rounds``; Aer returns every distinct outcome and qcog
expands them to one row per shot, which grows with the shots.

>>> estimate_bytes(3, 3, 1000, "stim") < 2**30
True
>>> check_fits(51, 51, 1000, "stim", limit=2**30)
Traceback (most recent call last):
...
qcog.exceptions.SizeLimitError: a distance-51, 51-round memory experiment with 1,000 shots on stim needs 1.6 GiB (chunked Stim sampling), more than the 1.0 GiB given; use a smaller distance, fewer rounds or fewer shots
"""

from __future__ import annotations

from qcog.limits import check_gate_count, check_memory

#: Bytes of detection events held at once while sampling and decoding with Stim.
CHUNK_BYTES = 32 * 2**20
#: Bytes per circuit operation across the Qiskit circuit, Stim circuit, DEM and matching graph
#: (measured: about 100 MB for the 64,000 operations of d = 21, 21 rounds).
BYTES_PER_OPERATION = 1500
FIX = "use a smaller distance, fewer rounds or fewer shots"


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


def check_fits(distance: int, rounds: int, shots: int, sampler: str, limit: int | None = None) -> int:
    """Return the estimate; refuse (before anything is built) what would not fit.

    Args:
        distance, rounds, shots: the experiment's size.
        sampler: 'stim' (chunked) or anything else (outcomes held in memory).
        limit: a memory budget in bytes instead of the machine's (see :mod:`qcog.limits`).

    Raises:
        SizeLimitError: the memory estimate or the circuit's operation count exceeds its limit.
    """
    what = f"a distance-{distance}, {rounds}-round memory experiment"
    check_gate_count(operations(distance, rounds), what, FIX)
    need = estimate_bytes(distance, rounds, shots, sampler)
    detail = "chunked Stim sampling" if sampler == "stim" else f"{shots:,} shots held as outcome rows"
    check_memory(need, f"{what} with {shots:,} shots on {sampler}", FIX, limit=limit, detail=detail)
    return need
