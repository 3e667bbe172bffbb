"""How much memory a quantum layer's simulation needs, estimated before anything is allocated.

The estimate is ``copies x batch x 2**n x bytes per amplitude + overhead`` with the
number of state-sized buffers alive at the peak measured per engine (peak resident memory
of one forward and backward pass on a 2-core CPU, ``n`` = 16..20, batch 1..16, 2 and 4
layers):

* ``torch``: backprop keeps about one state per Kronecker group of each ansatz layer,
  ``n_layers * ceil(n / 4) + 3`` copies when training (18 qubits, 2 layers, batch 8:
  219 MiB measured, 224 estimated; 16 qubits, 4 layers, batch 16: 152 and 156), 3
  without gradients; where those
  copies would exceed the engine's backprop limit the adjoint method is used instead,
  about 10 copies (measured at 20 qubits, batch 16); building the fused CNOT
  permutation holds about 64 bytes per amplitude once (Python index lists);
* PennyLane ``default.qubit`` (backprop): about one state per gate, ``n_layers * 2n + n``;
* ``lightning.*`` and the Qiskit engines: a few complex128 states per circuit, one
  circuit at a time.

>>> layer_memory_bytes(10, 2, batch=4) > 0
True
>>> check_layer_memory(40, 2, batch=16, limit=2**30)
Traceback (most recent call last):
...
qcog.exceptions.SizeLimitError: a 40-qubit quantum layer (engine torch, batch 16, training) needs 1.3 PiB (16 x 40-qubit statevectors, complex64, ~10 copies), more than the 1.0 GiB given; use fewer qubits or a smaller batch (about 19 qubits fit)
"""

from __future__ import annotations

import math

from qcog.limits import check_statevector, statevector_bytes
from qcog.qml.engines import TORCH_SPECS

#: Kronecker-group width of the torch engine's full one-qubit layers (see GROUP_SIZES); a
#: training pass holds a state per group, the permutations', the final state and two more.
_TORCH_GROUP = 4
#: Bytes per amplitude held while the torch engine builds a fused permutation.
_TORCH_PERMUTATION_BYTES = 64
#: State-sized buffers alive at the peak of the torch engine's adjoint backward pass.
_TORCH_ADJOINT_COPIES = 10


def _plan(
    n_qubits: int, n_layers: int, batch: int, engine: str, precision: str, training: bool
) -> tuple[float, int, int, str]:
    """``(copies, batch held at once, extra bytes per amplitude, precision)`` of one pass."""
    if engine in TORCH_SPECS:  # compiled runs only small circuits: the same bound
        copies = n_layers * math.ceil(n_qubits / _TORCH_GROUP) + 3 if training else 3
        if training:
            from qcog.qml.engines.evolve import BACKPROP_MAX_BYTES

            if copies * statevector_bytes(n_qubits, precision, batch) > BACKPROP_MAX_BYTES:
                copies = min(copies, _TORCH_ADJOINT_COPIES)  # the engine switches to adjoint
        return copies, batch, _TORCH_PERMUTATION_BYTES, precision
    if engine == "default.qubit":
        copies = n_layers * 2 * n_qubits + n_qubits if training else 3
        return copies, batch, 0, precision
    return 3, 1, 0, "double"  # lightning, Aer, fake and IBM backends: one circuit at a time


def layer_memory_bytes(
    n_qubits: int,
    n_layers: int,
    batch: int = 1,
    engine: str = "torch",
    precision: str = "single",
    training: bool = True,
) -> int:
    """Estimated peak bytes of one forward (and backward, when ``training``) pass.

    Args:
        n_qubits: circuit width.
        n_layers: ansatz layers.
        batch: circuits evaluated in one call (examples x circuits per example).
        engine: the layer's engine spec.
        precision: ``"single"`` (float32 weights, complex64 states) or ``"double"``.
        training: gradients are kept (autograd holds intermediate states).

    >>> layer_memory_bytes(20, 2, batch=1) // 2**20  # MiB
    168
    """
    copies, held, extra, precision = _plan(n_qubits, n_layers, batch, engine, precision, training)
    return int(copies * statevector_bytes(n_qubits, precision, held) + extra * 2**n_qubits)


def check_layer_memory(
    n_qubits: int,
    n_layers: int,
    batch: int = 1,
    engine: str = "torch",
    precision: str = "single",
    training: bool = True,
    device: str = "cpu",
    limit: int | None = None,
) -> int:
    """Refuse a layer simulation that would not fit in memory; return the estimated bytes.

    Raises:
        SizeLimitError: the estimate exceeds the memory available on ``device`` (the
            message gives the size, the limit and how many qubits fit).
    """
    copies, held, extra, precision = _plan(n_qubits, n_layers, batch, engine, precision, training)
    mode = "training" if training else "no gradients"
    return check_statevector(
        n_qubits,
        f"a {n_qubits}-qubit quantum layer (engine {engine}, batch {batch}, {mode})",
        "use fewer qubits or a smaller batch",
        batch=held,
        precision=precision,
        copies=copies,
        extra_per_amplitude=extra,
        device=device,
        limit=limit,
        estimate=lambda n: layer_memory_bytes(n, n_layers, batch, engine, precision, training),
    )
