"""GPU choices in one place: Aer's GPU options as a dataclass, and the torch device to use.

Aer's GPU statevector simulator takes a handful of options that matter for speed and
size (precision, gate fusion, cuStateVec, cache blocking for circuits larger than one
GPU, batched shots). :class:`AerGpuOptions` names them, checks them, and turns them into
the keyword arguments of ``qcog.get_backend("aer-gpu", **options.to_aer())``.
:func:`torch_device` picks the device for the quantum layer's torch engine and the
hybrid models (CUDA when it is there, else the CPU).

>>> opts = AerGpuOptions(precision="single", fusion_threshold=12)
>>> opts.to_aer()["precision"], opts.to_aer()["fusion_threshold"]
('single', 12)
>>> statevector_bytes(30, "double") // 2**30  # GiB for a 30-qubit state
16
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qcog.exceptions import BackendUnavailableError, QcogValueError
from qcog.limits import BYTES_PER_AMPLITUDE, statevector_bytes

if TYPE_CHECKING:  # for annotations only; imported where used
    import torch

    from qcog.backends import Backend

# Statevector sizes live with the size guards; kept importable from here.
__all__ = ["AerGpuOptions", "aer_gpu_backend", "gpu_summary", "statevector_bytes", "torch_device"]


def _check_int(name: str, value: Any, low: int, high: int | None = None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        bound = f">= {low}" if high is None else f"in {low}..{high}"
        raise QcogValueError(f"{name} must be an integer {bound} (or None for Aer's default), got {value!r}")


@dataclass(frozen=True)
class AerGpuOptions:
    """Options of Aer's GPU statevector simulator, checked, with Aer's defaults where None.

    Attributes:
        precision: ``'double'`` (complex128, 16 B per amplitude) or ``'single'``
            (complex64, 8 B: half the memory and traffic, ~1e-7 relative error).
        fusion_enable: fuse runs of small gates into larger matrices (fewer passes over
            the state; almost always faster on a GPU).
        fusion_threshold: fuse only circuits of at least this many qubits (Aer: 14).
        fusion_max_qubit: widest fused gate (Aer: 5). Larger means fewer, heavier passes.
        cuStateVec_enable: use NVIDIA cuQuantum's cuStateVec kernels instead of Aer's own
            (needs an Aer built with cuQuantum and its libraries present).
        blocking_enable: cache blocking: split the state into chunks of
            ``2**blocking_qubits`` amplitudes, the route to several GPUs or MPI ranks.
        blocking_qubits: chunk size in qubits; required with ``blocking_enable``. Aer
            advises ``16 * 2**blocking_qubits`` below a quarter of one GPU's memory.
        batched_shots_gpu: run many shots of a noisy or mid-measured circuit as one
            batch on the GPU.
        batched_shots_gpu_max_qubits: widest circuit that ``batched_shots_gpu`` batches.
        target_gpus: GPU ids to use (Aer uses all visible ones when None). This is a
            *run* option of Aer, not a constructor option: see :meth:`run_options`.
        method: Aer simulation method on the GPU (``statevector``, ``density_matrix``,
            ``unitary``).

    >>> AerGpuOptions(blocking_enable=True, blocking_qubits=26).to_aer()["blocking_qubits"]
    26
    """

    precision: str = "double"
    fusion_enable: bool = True
    fusion_threshold: int | None = None
    fusion_max_qubit: int | None = None
    cuStateVec_enable: bool = False  # Aer's own spelling
    blocking_enable: bool = False
    blocking_qubits: int | None = None
    batched_shots_gpu: bool = False
    batched_shots_gpu_max_qubits: int | None = None
    target_gpus: tuple[int, ...] | None = None
    method: str = "statevector"

    def __post_init__(self) -> None:
        if self.precision not in BYTES_PER_AMPLITUDE:
            raise QcogValueError(
                f"precision must be one of {sorted(BYTES_PER_AMPLITUDE)}, got {self.precision!r}"
            )
        if self.method not in ("statevector", "density_matrix", "unitary"):
            raise QcogValueError(
                "method must be 'statevector', 'density_matrix' or 'unitary' on the GPU, "
                f"got {self.method!r}"
            )
        for name in ("fusion_enable", "cuStateVec_enable", "blocking_enable", "batched_shots_gpu"):
            if not isinstance(getattr(self, name), bool):
                raise QcogValueError(f"{name} must be True or False, got {getattr(self, name)!r}")
        _check_int("fusion_threshold", self.fusion_threshold, 1)
        _check_int("fusion_max_qubit", self.fusion_max_qubit, 1, 10)
        _check_int("blocking_qubits", self.blocking_qubits, 2)
        _check_int("batched_shots_gpu_max_qubits", self.batched_shots_gpu_max_qubits, 1)
        if self.blocking_enable and self.blocking_qubits is None:
            raise QcogValueError("blocking_enable=True needs blocking_qubits (the chunk size in qubits)")
        if self.cuStateVec_enable and self.batched_shots_gpu:
            raise QcogValueError("Aer does not support batched_shots_gpu together with cuStateVec_enable")
        if self.target_gpus is not None:
            gpus = tuple(self.target_gpus)
            if not gpus or any(isinstance(g, bool) or not isinstance(g, int) or g < 0 for g in gpus):
                raise QcogValueError(f"target_gpus must be non-empty GPU ids >= 0, got {self.target_gpus!r}")
            object.__setattr__(self, "target_gpus", gpus)

    @property
    def bytes_per_amplitude(self) -> int:
        """8 for single precision, 16 for double."""
        return BYTES_PER_AMPLITUDE[self.precision]

    def to_aer(self) -> dict[str, Any]:
        """Keyword arguments for ``get_backend("aer-gpu", ...)`` (Aer constructor options).

        Options left at None are left out, so Aer's own defaults apply.
        ``target_gpus`` is not among them (see :meth:`run_options`).

        >>> sorted(AerGpuOptions().to_aer())
        ['batched_shots_gpu', 'blocking_enable', 'cuStateVec_enable', 'fusion_enable', 'method', 'precision']
        """
        names = (
            "method", "precision", "fusion_enable", "fusion_threshold", "fusion_max_qubit",
            "cuStateVec_enable", "blocking_enable", "blocking_qubits", "batched_shots_gpu",
            "batched_shots_gpu_max_qubits",
        )
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def run_options(self) -> dict[str, Any]:
        """Options Aer takes at run time only: ``backend.qiskit_backend.run(qc, **opts.run_options())``.

        >>> AerGpuOptions(target_gpus=(0, 1)).run_options()
        {'target_gpus': [0, 1]}
        """
        return {} if self.target_gpus is None else {"target_gpus": list(self.target_gpus)}


def aer_gpu_backend(options: AerGpuOptions | None = None) -> Backend:
    """Aer's GPU simulator with ``options``: ``get_backend("aer-gpu", **options.to_aer())``.

    Raises:
        BackendUnavailableError: no working CUDA GPU for Aer here (the message says why
            and how to install ``qiskit-aer-gpu``).
    """
    from qcog.backends import get_backend

    return get_backend("aer-gpu", **(options or AerGpuOptions()).to_aer())


def torch_device(preference: str = "auto") -> torch.device:
    """The ``torch.device`` to train and simulate on.

    Args:
        preference: ``'auto'`` (CUDA when torch sees a GPU, else CPU), ``'cpu'``,
            ``'cuda'`` or ``'cuda:<index>'``.

    Returns:
        A ``torch.device``.

    Raises:
        QcogValueError: an unknown preference.
        BackendUnavailableError: CUDA asked for but torch sees no (such) GPU.

    >>> torch_device("cpu")
    device(type='cpu')
    """
    import torch

    if preference == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if preference == "cpu":
        return torch.device("cpu")
    if preference == "cuda" or (preference.startswith("cuda:") and preference[5:].isdigit()):
        if not torch.cuda.is_available():
            raise BackendUnavailableError(
                f"device {preference!r} asked for but torch sees no CUDA GPU "
                f"(torch {torch.__version__}, CUDA build: {torch.version.cuda}); use 'cpu' or 'auto'"
            )
        index = int(preference[5:]) if ":" in preference else 0
        if index >= torch.cuda.device_count():
            raise BackendUnavailableError(
                f"device {preference!r} asked for but torch sees {torch.cuda.device_count()} GPU(s)"
            )
        return torch.device(preference)
    raise QcogValueError(f"device preference must be 'auto', 'cpu', 'cuda' or 'cuda:<n>', got {preference!r}")


def gpu_summary() -> dict[str, Any]:
    """What this machine offers: Aer GPU usable (and why), torch CUDA devices.

    >>> sorted(gpu_summary())
    ['aer_gpu', 'aer_gpu_reason', 'torch_cuda', 'torch_devices']
    """
    import torch

    from qcog.backends.aer import gpu_status

    usable, reason = gpu_status()
    cuda = torch.cuda.is_available()
    devices = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())] if cuda else []
    return {"aer_gpu": usable, "aer_gpu_reason": reason, "torch_cuda": cuda, "torch_devices": devices}
