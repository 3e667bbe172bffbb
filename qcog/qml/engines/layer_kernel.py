"""A layer of one-qubit gates on every wire in one pass over the state: a native CPU kernel.

A full layer of one-qubit gates with batch-independent matrices (the weights of
``StronglyEntanglingLayers``, ``BasicEntanglerLayers``, ...) is, in torch, a few Kronecker
group products (:class:`~qcog.qml.engines.steps.Block`), each a pass over the batch-last
state ``(2**n, B)``, and two more passes per group backwards. The kernel in
``layer_kernel.c`` cuts the state into tiles of :data:`CHUNK` batch columns (all ``2**n``
rows), copies a tile once into split real and imaginary planes, applies every wire's 2x2
matrix while the tile sits in the cache (two wires per sweep, four amplitudes at a time),
and writes it back once. A layer so costs 2 complex multiply-adds per amplitude and wire,
where a Kronecker group of ``k`` wires costs ``2**k / k``.

Its backward pass needs no stored intermediate state: the gates of a layer commute, so the
gradient of wire ``q``'s matrix follows from the layer's output ``y`` and the conjugate
gradient ``h`` of that output alone: with ``C_q[a, c]`` the sum of ``h[.. a ..] y[.. c ..]``
over every other index and the batch, ``grad U_q = conj(C_q) U_q``, and the input's
conjugate gradient is ``U^T h``. A tile recomputes ``y`` from the input in the cache: one
pass reading the input and ``h``, writing the new ``h``.

The C source is compiled on first use with the system's C compiler (``$CC``, else ``cc``;
``-O3 -march=native``) into qcog's user cache directory, once per source, compiler and CPU,
and loaded with :mod:`ctypes` (which releases the GIL). It runs on the calling thread: the
engine uses it for calls on one torch thread (on more, torch's parallel Kronecker products
were faster: run on a second thread of its own, the kernel competed with torch's idle
OpenMP workers, which spin before they sleep). Where no compiler works, :func:`available`
is False and the engine keeps its Kronecker groups. ``QCOG_NATIVE=0`` in the environment
turns the kernel off.

>>> import torch
>>> x = torch.tensor([[1], [0], [0], [0]], dtype=torch.complex128)  # |00>
>>> flip = torch.tensor([[0, 1], [1, 0]], dtype=torch.complex128)
>>> if available():  # X on both wires: |11>
...     print(forward(x, torch.stack([flip, flip]), torch.empty_like(x)).T)
... else:
...     print(torch.tensor([[0, 0, 0, 1]], dtype=torch.complex128))
tensor([[0.+0.j, 0.+0.j, 0.+0.j, 1.+0.j]], dtype=torch.complex128)
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import platform
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import torch

from qcog.exceptions import QcogValueError

#: Most batch columns per tile (the kernel is built once per tile width); the last tile of
#: a batch is padded with zeros. Measured at 10 qubits, batch 64, float64, forward+backward
#: of a layer (a first, numba-compiled version): 8 columns 2.5 ms, 16 columns 1.6, 32 columns
#: 1.3.
CHUNK = 32

#: Bytes of a backward tile (four planes) up to which tiles are :data:`CHUNK` columns wide;
#: wider states get narrower tiles (at least one vector register: 8 float64 or 16 float32
#: columns), so that a tile stays in a core's L2 cache. Measured at 12 qubits, batch 64, float64: 8 columns against 32, the product
#: state's gradient 1.70 against 2.28 ms; the layer's forward and backward within 3 %.
TILE_BYTES = 2**20

#: Complex dtypes the kernel is built for -> the C type of their parts.
DTYPES = {torch.complex128: "double", torch.complex64: "float"}

_SOURCE = Path(__file__).with_name("layer_kernel.c")
_FLAGS = ("-O3", "-march=native", "-ffp-contract=fast", "-shared", "-fPIC")


def available(dtype: torch.dtype = torch.complex128) -> bool:
    """Whether the kernel for ``dtype`` (complex) is built and loaded (building it if needed)."""
    return dtype in DTYPES and _library(DTYPES[dtype], CHUNK) is not None


def tile_columns(n: int, dtype: torch.dtype) -> int:
    """Batch columns per tile for ``n`` qubits in ``dtype`` (complex): see :data:`TILE_BYTES`."""
    part = dtype.itemsize // 2
    columns = CHUNK
    while columns > 64 // part and 4 * 2**n * columns * part > TILE_BYTES:  # >= one vector
        columns //= 2
    return columns


def _kernel(n: int, dtype: torch.dtype) -> tuple[ctypes.CDLL, int]:
    """The library and tile width for ``n`` qubits in ``dtype`` (the widest tiles if the
    narrower build failed)."""
    columns = tile_columns(n, dtype)
    library = _library(DTYPES[dtype], columns)
    if library is None:
        columns, library = CHUNK, _library(DTYPES[dtype], CHUNK)
    return library, columns


def _cpu_key() -> str:
    """What ``-march=native`` depends on: the CPU's model and flags (Linux), else the machine."""
    try:
        with open("/proc/cpuinfo") as f:
            lines = [line for line in f if line.startswith(("model name", "flags"))][:2]
        return "".join(lines)
    except OSError:
        return platform.machine() + platform.processor()


@functools.cache
def _library(real: str, columns: int) -> ctypes.CDLL | None:
    """The kernel compiled for the C type ``real`` and tiles of ``columns`` (None: turned off
    or no working compiler)."""
    if os.environ.get("QCOG_NATIVE", "1") == "0":
        return None
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    try:
        source = _SOURCE.read_bytes()
    except OSError:  # an installation without the source
        return None
    key = hashlib.sha256(b"\0".join([source, compiler.encode(), real.encode(), b"%d" % columns,
                                     " ".join(_FLAGS).encode(), _cpu_key().encode()]))
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("qcog")) / "native"
    path = folder / f"layer_kernel-{real}-{columns}-{key.hexdigest()[:16]}.so"
    if not path.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=folder) as tmp:
                built = Path(tmp) / path.name
                subprocess.run([compiler, *_FLAGS, f"-DREAL={real}", f"-DCHUNK={columns}", "-o",
                                str(built), str(_SOURCE)],
                               check=True, capture_output=True, timeout=120)
                os.replace(built, path)  # atomic: a concurrent build loads a whole file
        except (OSError, subprocess.SubprocessError):
            return None
    try:
        library = ctypes.CDLL(str(path))
    except OSError:
        return None
    p, i64 = ctypes.c_void_p, ctypes.c_int64
    library.layer_forward.argtypes = [p, p, i64, i64, i64, ctypes.c_int, p, p, p, p]
    library.layer_forward.restype = None
    library.layer_backward.argtypes = [p, p, p, i64, i64, i64, ctypes.c_int, p, p, p, p,
                                       ctypes.c_int, p, p, p]
    library.layer_backward.restype = None
    library.layer_correlations.argtypes = [p, p, i64, i64, i64, ctypes.c_int, p, p]
    library.layer_correlations.restype = None
    return library


class Tiles:
    """Free tile buffers, reused across calls (a fresh multi-megabyte buffer is page-faulted
    in on every use); safe to share between threads."""

    def __init__(self):
        self._free: dict = {}
        self._lock = threading.Lock()

    def take(self, numel: int, dtype: torch.dtype) -> torch.Tensor:
        with self._lock:
            free = self._free.get((numel, dtype))
            if free:
                return free.pop()
        return torch.empty(numel, dtype=dtype)

    def give(self, *tiles: torch.Tensor) -> None:
        with self._lock:
            for t in tiles:
                free = self._free.setdefault((t.numel(), t.dtype), [])
                if len(free) < 8:
                    free.append(t)


def _entries(matrices: torch.Tensor) -> torch.Tensor:
    """``(n, 2, 2)`` complex -> ``(n, 8)`` real: each matrix's entries as (re, im), row by row."""
    return torch.view_as_real(matrices.detach().resolve_conj()).reshape(-1, 8).contiguous()


def _check(x: torch.Tensor, n: int, factors: torch.Tensor, shape: tuple) -> None:
    """Raise unless ``x`` is a contiguous complex CPU state ``(2**n, B)`` and ``factors``
    (the wires' matrices or vectors) have ``shape``."""
    if (x.device.type != "cpu" or x.dtype not in DTYPES or not x.is_contiguous()
            or x.dim() != 2 or x.shape[0] != 2**n or tuple(factors.shape) != shape):
        raise QcogValueError(f"the layer kernel takes a contiguous complex CPU state (2**n, B) and "
                             f"{shape} per-wire factors; got {tuple(x.shape)} {x.dtype} on "
                             f"{x.device} and {tuple(factors.shape)}")


def _rows(index: torch.Tensor | None) -> int | None:
    """A row permutation's pointer for the kernel (None: no permutation)."""
    return None if index is None else index.data_ptr()


def forward(x: torch.Tensor, matrices: torch.Tensor, out: torch.Tensor,
            tiles: Tiles | None = None, before: torch.Tensor | None = None,
            after: torch.Tensor | None = None) -> torch.Tensor:
    """``out = (U_0 x U_1 x ... x U_{n-1}) x`` for a batch-last state ``x``.

    Args:
        x: contiguous complex state ``(2**n, B)`` on the CPU (wire 0 most significant).
        matrices: ``(n, 2, 2)`` complex, wire by wire (not differentiated here).
        out: a contiguous tensor like ``x`` (may be ``x``).
        tiles: a :class:`Tiles` pool to reuse buffers from.
        before, after: row permutations (contiguous int64 ``(2**n,)``) applied to the state
            before the layer (row ``i`` taken from row ``before[i]``) and after it (``out[i]``
            from row ``after[i]`` of the layer's result), in the same pass.
    """
    n = matrices.shape[0]
    _check(x, n, matrices, (n, 2, 2))
    library, columns = _kernel(n, x.dtype)
    real = x.dtype.to_real()
    m = _entries(matrices.to(x.dtype))
    pool = tiles or Tiles()
    buffer = pool.take(2 * 2**n * columns, real)
    library.layer_forward(x.data_ptr(), out.data_ptr(), x.shape[1], 0, x.shape[1], n,
                          m.data_ptr(), buffer.data_ptr(), _rows(before), _rows(after))
    pool.give(buffer)
    return out


def backward(h: torch.Tensor, x: torch.Tensor, matrices: torch.Tensor, out: torch.Tensor,
             tiles: Tiles | None = None, from_output: bool = False,
             x_rows: torch.Tensor | None = None, h_rows: torch.Tensor | None = None,
             out_rows: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """The vector-Jacobian product of :func:`forward` in the steps' conjugate convention.

    Args:
        h: ``conj`` of the gradient of the output, ``(2**n, B)``, contiguous.
        x: the layer's input ``(2**n, B)``, or with ``from_output`` its output (then the
            output is not recomputed: a third less arithmetic).
        matrices: ``(n, 2, 2)`` as given to :func:`forward`.
        out: a contiguous tensor like ``h`` for the input's conjugate gradient ``U^T h`` (may
            be ``h``).
        tiles: a :class:`Tiles` pool to reuse buffers from.
        from_output: whether ``x`` is the layer's output.
        x_rows, h_rows, out_rows: row permutations for a layer applied with ``before`` or
            ``after`` (see :func:`forward`): the layer's row ``i`` of ``x`` is row
            ``x_rows[i]`` (an output ``x``: the inverse of ``after``; an input: ``before``),
            of ``h`` row ``h_rows[i]`` (the inverse of ``after``), and ``out[i]`` is the
            layer's row ``out_rows[i]`` (the inverse of ``before``).

    Returns:
        ``(out, grad)``: ``grad`` ``(n, 2, 2)`` is the gradient of ``matrices`` in torch's
        convention (``grad_U = grad_y x^H``), summed over the batch.
    """
    n = matrices.shape[0]
    _check(x, n, matrices, (n, 2, 2))
    _check(h, n, matrices, (n, 2, 2))
    library, columns = _kernel(n, x.dtype)
    real = x.dtype.to_real()
    matrices = matrices.to(x.dtype)
    m, mt = _entries(matrices), _entries(matrices.mT)
    sums = torch.zeros(n, 8, dtype=real)
    pool = tiles or Tiles()
    buffer = pool.take(4 * 2**n * columns, real)
    library.layer_backward(x.data_ptr(), h.data_ptr(), out.data_ptr(), x.shape[1], 0,
                           x.shape[1], n, m.data_ptr(), mt.data_ptr(), buffer.data_ptr(),
                           sums.data_ptr(), int(from_output), _rows(x_rows), _rows(h_rows),
                           _rows(out_rows))
    pool.give(buffer)
    correlations = torch.view_as_complex(sums.view(n, 2, 2, 2))
    return out, correlations.conj() @ matrices


def product_gradient(h: torch.Tensor, state: torch.Tensor, vectors: torch.Tensor,
                     tiles: Tiles | None = None) -> torch.Tensor:
    """The gradient of the unit vectors of a product state, from that of the state.

    For ``state = v_0 x ... x v_{n-1}`` (per column) and ``h`` the conjugate of the state's
    gradient, wire ``q``'s vector gets ``conj(C_q) v_q`` with ``C_q`` the column's 2x2
    correlation of ``h`` and the state over every other wire (the same identity as the
    layer's matrices, the vectors being unit columns): one pass over ``h`` and the state.

    Args:
        h: ``(2**n, B)`` contiguous complex.
        state: the product state ``(2**n, B)``.
        vectors: ``(B, n, 2)`` the wires' unit vectors.
        tiles: a :class:`Tiles` pool to reuse buffers from.

    Returns:
        ``(B, n, 2)``: the gradient of ``vectors`` (torch's convention).
    """
    batch, n = state.shape[1], vectors.shape[1]
    _check(state, n, vectors, (batch, n, 2))
    _check(h, n, vectors, (batch, n, 2))
    library, columns = _kernel(n, state.dtype)
    sums = torch.empty(batch, n, 8, dtype=state.dtype.to_real())
    pool = tiles or Tiles()
    buffer = pool.take(4 * 2**n * columns, sums.dtype)
    library.layer_correlations(state.data_ptr(), h.data_ptr(), batch, 0, batch, n,
                               buffer.data_ptr(), sums.data_ptr())
    pool.give(buffer)
    correlations = torch.view_as_complex(sums.view(batch, n, 2, 2, 2))
    return (correlations.conj() @ vectors[..., None])[..., 0]
