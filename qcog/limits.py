"""Size guards: estimate memory and circuit size first, refuse before anything is built.

Every entry point that allocates a statevector or builds a circuit (the quantum layer and
the hybrid models, Grover, Shor, :func:`qcog.run`, the algorithm packages) calls one of
the ``check_*`` functions with its *estimate* before any expensive set-up. A refusal is a
:class:`~qcog.exceptions.SizeLimitError` whose one-line message gives the size, the limit
and what to change; the CLI prints it as one line with a non-zero exit.

The memory limit is what this machine (or its container) has available now, or
``QCOG_MEMORY_LIMIT`` (``"8GiB"``, ``"512M"``, a byte count) when set; the circuit-size
limit is :data:`DEFAULT_MAX_GATES` instructions, or ``QCOG_MAX_GATES``. Nothing here
allocates, so the guards are tested with small limits and large sizes.

>>> statevector_bytes(30) // 2**30  # GiB of a 30-qubit complex128 state
16
>>> check_statevector(3, what="a demo state", fix="use fewer qubits")  # fits: returns bytes
128
>>> check_statevector(40, what="a demo state", fix="use fewer qubits", limit=2**30)
Traceback (most recent call last):
...
qcog.exceptions.SizeLimitError: a demo state needs 16.0 TiB (a 40-qubit statevector, complex128), more than the 1.0 GiB given; use fewer qubits (about 26 qubits fit)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from qcog.exceptions import QcogValueError, SizeLimitError

#: precision -> bytes of one complex amplitude
BYTES_PER_AMPLITUDE = {"single": 8, "double": 16}
#: Most instructions a circuit qcog builds may have (about 1 GB of Python objects and
#: tens of seconds to build); ``QCOG_MAX_GATES`` overrides it.
DEFAULT_MAX_GATES = 2_000_000
MEMORY_ENV = "QCOG_MEMORY_LIMIT"
GATES_ENV = "QCOG_MAX_GATES"

_UNITS = {"": 1, "b": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
_SET_BY_ENV = f"set by {MEMORY_ENV}"
_NO_CGROUP_LIMIT = 2**60  # cgroup v1 writes ~2**63 for "unlimited"


@dataclass(frozen=True)
class MemoryBudget:
    """How many bytes may be allocated, and where that number comes from."""

    bytes: int
    source: str  # completes "the 8.0 GiB ...": "available here", "given", "free on cuda:0", ...


def statevector_bytes(num_qubits: int, precision: str = "double", batch: int = 1) -> int:
    """Bytes of ``batch`` statevectors of ``num_qubits``: ``batch * 2**n`` amplitudes.

    Args:
        num_qubits: qubits ``n >= 0``.
        precision: ``"double"`` (complex128, 16 bytes) or ``"single"`` (complex64, 8 bytes).
        batch: how many states are held at once.

    Raises:
        QcogValueError: unknown precision, negative qubits or batch.

    >>> statevector_bytes(3, "single")
    64
    """
    if precision not in BYTES_PER_AMPLITUDE:
        raise QcogValueError(
            f"precision must be one of {sorted(BYTES_PER_AMPLITUDE)}, got {precision!r}"
        )
    _check_count("num_qubits", num_qubits, 0)
    _check_count("batch", batch, 1)
    return BYTES_PER_AMPLITUDE[precision] * batch * 2**num_qubits


def format_bytes(nbytes: float) -> str:
    """``17179869184`` -> ``'16.0 GiB'``.

    >>> format_bytes(1536), format_bytes(3 * 2**40)
    ('1.5 KiB', '3.0 TiB')
    """
    value = float(nbytes)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024 or unit == "PiB":
            return f"{value:.0f} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def parse_bytes(text: str) -> int:
    """``"8GiB"``, ``"8G"``, ``"512 MB"``, ``"1000000"`` -> bytes (binary units).

    Raises:
        QcogValueError: not a size.

    >>> parse_bytes("8GiB") == parse_bytes("8g") == 8 * 2**30
    True
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgtb]?)(?:i?b)?\s*", str(text).lower())
    if not match:
        raise QcogValueError(
            f"{text!r} is not a memory size; write e.g. 8GiB, 512M or a number of bytes"
        )
    return int(float(match.group(1)) * _UNITS[match.group(2)])


def available_memory(device: str = "cpu") -> MemoryBudget | None:
    """The memory budget for ``device`` (``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"GPU"``).

    ``QCOG_MEMORY_LIMIT`` wins when set; otherwise the CPU budget is the kernel's
    ``MemAvailable``, capped by a cgroup (container) limit, and a GPU budget is the
    free memory torch reports. None when nothing can be read (no check is then made).

    >>> available_memory("cpu").bytes > 0
    True
    """
    override = os.environ.get(MEMORY_ENV)
    if override:
        return MemoryBudget(parse_bytes(override), _SET_BY_ENV)
    if str(device).lower().startswith(("cuda", "gpu")):
        return _gpu_free(str(device))
    return _cpu_available()


def check_memory(
    nbytes: int,
    what: str,
    fix: str,
    device: str = "cpu",
    limit: int | None = None,
    detail: str = "",
) -> None:
    """Refuse an allocation of ``nbytes`` that does not fit the budget.

    Args:
        nbytes: the estimated peak bytes.
        what: what needs them, e.g. ``"Grover's circuit on aer"``.
        fix: what the user can change, e.g. ``"use at most 28 search qubits"``.
        device: where the memory is allocated (see :func:`available_memory`).
        limit: a budget in bytes instead of the machine's (tests, callers with their own).
        detail: how the size was estimated, shown in parentheses.

    Raises:
        SizeLimitError: ``nbytes`` exceeds the budget.
    """
    _refuse_over(nbytes, _budget(device, limit), what, fix, detail)


def check_statevector(
    num_qubits: int,
    what: str,
    fix: str,
    *,
    batch: int = 1,
    precision: str = "double",
    copies: float = 1.0,
    extra_per_amplitude: float = 0.0,
    device: str = "cpu",
    limit: int | None = None,
    estimate: Callable[[int], int] | None = None,
) -> int:
    """Refuse a simulation whose statevectors would not fit; return the estimated bytes.

    The estimate is ``2**n * (copies * batch * bytes_per_amplitude + extra_per_amplitude)``;
    the message also says how many qubits would fit.

    Args:
        num_qubits: qubits of the state.
        what, fix, device, limit: as for :func:`check_memory`.
        batch: states held at once (a batch of circuits).
        precision: ``"double"`` or ``"single"``.
        copies: state-sized buffers alive at the peak (work buffers, autograd).
        extra_per_amplitude: further bytes per amplitude that do not scale with the
            batch (index tables, work lists).
        estimate: bytes needed at ``n`` qubits, when ``copies`` depends on ``n``; used
            for the "qubits fit" hint (default: this call's bytes per amplitude).

    Raises:
        SizeLimitError: the estimate exceeds the budget.
    """
    per_amplitude = copies * statevector_bytes(0, precision, batch) + extra_per_amplitude
    nbytes = int(per_amplitude * 2**num_qubits)
    budget = _budget(device, limit)
    if budget is None or nbytes <= budget.bytes:
        return nbytes
    if estimate is None:
        fits = math.floor(math.log2(budget.bytes / per_amplitude)) if budget.bytes > 0 else 0
    else:
        fits = next((m for m in range(num_qubits, 0, -1) if estimate(m) <= budget.bytes), 0)
    kind = {"double": "complex128", "single": "complex64"}[precision]
    states = f"{batch} x {num_qubits}-qubit statevectors" if batch > 1 else (
        f"a {num_qubits}-qubit statevector"
    )
    detail = f"{states}, {kind}" + (f", ~{copies:g} copies" if copies != 1 else "")
    fit_text = f" (about {fits} qubits fit)" if fits < num_qubits else ""
    _refuse_over(nbytes, budget, what, fix + fit_text, detail)
    return nbytes  # pragma: no cover - _refuse_over raised


def max_gates() -> int:
    """The circuit-size limit: ``QCOG_MAX_GATES`` or :data:`DEFAULT_MAX_GATES`.

    >>> max_gates() >= 1
    True
    """
    text = os.environ.get(GATES_ENV)
    if not text:
        return DEFAULT_MAX_GATES
    if not text.strip().isdigit() or int(text) < 1:
        raise QcogValueError(f"{GATES_ENV} must be a positive integer, got {text!r}")
    return int(text)


def check_gate_count(gates: int, what: str, fix: str, limit: int | None = None) -> None:
    """Refuse to build a circuit of more than ``limit`` instructions (default :func:`max_gates`).

    Raises:
        SizeLimitError: ``gates`` exceeds the limit.

    >>> check_gate_count(10**9, "a circuit", "use fewer iterations", limit=1000)
    Traceback (most recent call last):
    ...
    qcog.exceptions.SizeLimitError: a circuit would have 1,000,000,000 instructions, more than the 1,000 given; use fewer iterations
    """
    cap = max_gates() if limit is None else limit
    if gates <= cap:
        return
    if limit is not None:
        source, hint = "given", ""
    elif os.environ.get(GATES_ENV):
        source, hint = f"set by {GATES_ENV}", ""
    else:
        source, hint = "qcog builds", f"; {GATES_ENV} overrides the limit"
    raise SizeLimitError(
        f"{what} would have {gates:,} instructions, more than the {cap:,} {source}; {fix}{hint}"
    )


def _budget(device: str, limit: int | None) -> MemoryBudget | None:
    return MemoryBudget(int(limit), "given") if limit is not None else available_memory(device)


def _refuse_over(
    nbytes: int, budget: MemoryBudget | None, what: str, fix: str, detail: str
) -> None:
    if budget is None or nbytes <= budget.bytes:
        return
    shown = f" ({detail})" if detail else ""
    hint = "" if budget.source in ("given", _SET_BY_ENV) else f"; {MEMORY_ENV} overrides the limit"
    raise SizeLimitError(
        f"{what} needs {format_bytes(nbytes)}{shown}, more than the "
        f"{format_bytes(budget.bytes)} {budget.source}; {fix}{hint}"
    )


def _check_count(name: str, value: int, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise QcogValueError(f"{name} must be an integer >= {low}, got {value!r}")


def _cpu_available() -> MemoryBudget | None:
    """MemAvailable from /proc/meminfo (or sysconf), capped by a cgroup limit."""
    budget = None
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    budget = MemoryBudget(int(line.split()[1]) * 1024, "available here")
                    break
    except OSError:
        pass
    if budget is None:
        try:
            pages = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
            budget = MemoryBudget(int(pages), "available here")
        except (ValueError, OSError, AttributeError):
            return None
    room = _cgroup_room()
    if room is not None and room < budget.bytes:
        return MemoryBudget(room, "left in this container (cgroup limit)")
    return budget


def _cgroup_room() -> int | None:
    """Bytes left under the cgroup v2 or v1 memory limit, or None without a limit."""
    pairs = (
        ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
        (
            "/sys/fs/cgroup/memory/memory.limit_in_bytes",
            "/sys/fs/cgroup/memory/memory.usage_in_bytes",
        ),
    )
    for limit_file, usage_file in pairs:
        try:
            with open(limit_file, encoding="ascii") as handle:
                text = handle.read().strip()
            if text == "max" or int(text) >= _NO_CGROUP_LIMIT:
                return None
            with open(usage_file, encoding="ascii") as handle:
                return max(int(text) - int(handle.read().strip()), 0)
        except (OSError, ValueError):
            continue
    return None


def _gpu_free(device: str) -> MemoryBudget | None:
    """Free memory of a CUDA device, as torch reports it; None without torch or CUDA."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a core dependency
        return None
    if not torch.cuda.is_available():
        return None
    index = int(device.split(":")[1]) if ":" in device else 0
    free, _total = torch.cuda.mem_get_info(index)
    return MemoryBudget(int(free), f"free on cuda:{index}")
