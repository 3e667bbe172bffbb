"""How a Gram matrix is computed within a memory limit: estimated and refused before allocating.

The exact kernel holds the ``N x M`` result (float64), the states of the points, and a
block of overlaps. :func:`plan_gram` picks the largest row block that fits; if the
states of all points do not fit beside the result, the column states are recomputed per
block; if not even one row fits, or the result itself does not, it refuses with
:class:`GramTooLargeError` saying how much is needed and what to change.

The limit is ``memory_limit`` (bytes) when given, else what :func:`qcog.limits.available_memory`
says the device has now (``QCOG_MEMORY_LIMIT`` overrides it), the budget every qcog
size guard uses.

>>> plan = plan_gram(2000, 2000, n_qubits=10, complex_bytes=8, memory_limit=2**30)
>>> plan.cache_states, plan.block
(True, 2000)
>>> plan_gram(10**6, 10**6, 4, 16, memory_limit=2**30)
Traceback (most recent call last):
...
qcog.kernels.memory.GramTooLargeError: a 1000000 x 1000000 Gram matrix needs 7.3 TiB for the result alone, more than the 1.0 GiB given; use fewer points (e.g. a subsample or a Nystroem approximation)
"""

from __future__ import annotations

from dataclasses import dataclass

from qcog.exceptions import SizeLimitError
from qcog.limits import MEMORY_ENV, available_memory, format_bytes

#: State-sized buffers the engine holds while simulating one block (inputs, work, output).
ENGINE_COPIES = 4
#: The plan's limit when the machine's memory cannot be read (no check is made then).
UNKNOWN_LIMIT = 2**62


class GramTooLargeError(SizeLimitError):
    """The Gram matrix (or one block of its states) would not fit in memory."""


def default_memory_limit(device: str = "cpu") -> tuple[int, str]:
    """``(bytes, where that number comes from)`` for ``device``, from :mod:`qcog.limits`."""
    budget = available_memory(device)
    if budget is None:
        return UNKNOWN_LIMIT, "unknown"
    hint = "" if budget.source.startswith("set by") else f"; {MEMORY_ENV} overrides it"
    return budget.bytes, f"{budget.source}{hint}"


@dataclass(frozen=True)
class GramPlan:
    """How one Gram matrix is computed.

    Attributes:
        rows, cols: the matrix shape.
        block: points per block of states and overlaps.
        cache_states: True when the states of all points are held at once; False when
            column states are recomputed for every row block.
        nbytes: estimated peak bytes.
        limit: the memory limit it was planned for.
    """

    rows: int
    cols: int
    block: int
    cache_states: bool
    nbytes: int
    limit: int


def plan_gram(rows: int, cols: int, n_qubits: int, complex_bytes: int,
              memory_limit: int | None = None, device: str = "cpu",
              symmetric: bool = False) -> GramPlan:
    """Plan a ``rows x cols`` Gram matrix of ``n_qubits``-qubit states within the limit.

    Args:
        rows, cols: points on each side.
        n_qubits: width of the states.
        complex_bytes: 8 (complex64) or 16 (complex128).
        memory_limit: bytes; None: :func:`default_memory_limit`.
        device: where the states live.
        symmetric: the columns are the rows (one set of states).

    Raises:
        GramTooLargeError: the result, or the states of a single point, do not fit.
    """
    if memory_limit is None:
        limit, source = default_memory_limit(device)
    else:
        limit, source = int(memory_limit), "given"
    result = rows * cols * 8
    what = f"a {rows} x {cols} Gram matrix"
    if result > limit:
        raise GramTooLargeError(
            f"{what} needs {format_bytes(result)} for the result alone, more than the "
            f"{format_bytes(limit)} {source}; use fewer points (e.g. a subsample or a Nystroem "
            "approximation)"
        )
    state = 2**n_qubits * complex_bytes
    room = limit - result
    points = rows if symmetric else rows + cols
    for block in _blocks(max(rows, cols)):
        work = ENGINE_COPIES * block * state + block * max(cols, 1) * (complex_bytes + 8)
        if points * state + work <= room:
            return GramPlan(rows, cols, min(block, rows), True, result + points * state + work,
                            limit)
    for block in _blocks(max(rows, cols)):
        work = (ENGINE_COPIES + 2) * block * state + block * block * (complex_bytes + 8)
        if work <= room:
            return GramPlan(rows, cols, block, False, result + work, limit)
    raise GramTooLargeError(
        f"{what} of {n_qubits}-qubit states needs at least {format_bytes(result + 8 * state)} "
        f"(one {format_bytes(state)} state per point plus work buffers), more than the "
        f"{format_bytes(limit)} {source}; use fewer qubits, complex64 (dtype float32) or a "
        "larger memory_limit"
    )


def _blocks(largest: int):
    """Candidate block sizes, largest first: all points, then halves down to one."""
    block = max(largest, 1)
    while block >= 1:
        yield block
        block //= 2
