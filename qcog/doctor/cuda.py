"""Does Aer run a circuit on the GPU here, and if not, why: driver, CUDA, GPU, libraries.

:func:`gpu_facts` asks the NVIDIA driver directly (``libcuda.so.1`` through ctypes: its
CUDA version, each GPU's name and compute capability) and looks for the CUDA libraries
``qiskit-aer-gpu`` loads (CUDA runtime, cuBLAS, nvJitLink, cuQuantum's cuStateVec), in
the pip packages that ship them and on the system's library path. :func:`aer_gpu_check`
combines them with the probe (:func:`qcog.backends.aer.gpu_status`, which runs a circuit
on Aer's GPU device) into one verdict with the fix. Only the gathering touches the
machine; the verdict is a pure function, tested with made-up facts.

>>> facts = GpuFacts(driver_found=False, driver_error="libcuda.so.1 not found")
>>> aer_gpu_check((False, "qiskit-aer lists no GPU device"), facts).verdict
'skip'
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from qcog.doctor.report import Check

#: The CUDA major version of the published qiskit-aer-gpu wheels, and what its driver needs.
AER_CUDA_MAJOR = 12
DRIVER_HINT = "install an NVIDIA driver for CUDA 12 (version 525 or newer): nvidia.com/drivers"
#: Oldest compute capability the published qiskit-aer-gpu wheels carry kernels for.
MIN_COMPUTE_CAPABILITY = (7, 0)
#: CUDA libraries qiskit-aer-gpu loads: component -> (library file prefix, pip package).
CUDA_LIBRARIES = {
    "CUDA runtime": ("libcudart.so.12", "nvidia-cuda-runtime-cu12"),
    "cuBLAS": ("libcublas.so.12", "nvidia-cublas-cu12"),
    "nvJitLink": ("libnvJitLink.so.12", "nvidia-nvjitlink-cu12"),
    "cuQuantum cuStateVec": ("libcustatevec.so.1", "cuquantum-cu12"),
}
# CUdevice_attribute values of the driver API.
_CC_MAJOR, _CC_MINOR = 75, 76


@dataclass(frozen=True)
class GpuDevice:
    """One GPU as the driver reports it."""

    name: str
    compute_capability: tuple[int, int]


@dataclass(frozen=True)
class GpuFacts:
    """What this machine has for CUDA.

    Attributes:
        driver_found: ``libcuda.so.1`` (the NVIDIA driver's library) could be loaded.
        driver_error: why the driver could not be used (None when it answered).
        driver_cuda: the CUDA version the driver supports, e.g. ``(12, 4)``.
        devices: the GPUs the driver sees.
        libraries: component of :data:`CUDA_LIBRARIES` -> where it was found (None: nowhere).
    """

    driver_found: bool = False
    driver_error: str | None = None
    driver_cuda: tuple[int, int] | None = None
    devices: tuple[GpuDevice, ...] = ()
    libraries: dict[str, str | None] = field(default_factory=dict)


def _driver(load=ctypes.CDLL) -> dict:
    """Driver facts through the CUDA driver API (no torch, no toolkit needed)."""
    try:
        cuda = load("libcuda.so.1")
    except OSError:
        return {"driver_found": False, "driver_error": "libcuda.so.1 not found"}
    code = cuda.cuInit(0)
    version = ctypes.c_int(0)
    cuda.cuDriverGetVersion(ctypes.byref(version))
    driver_cuda = (version.value // 1000, version.value % 1000 // 10) if version.value else None
    if code != 0:
        return {
            "driver_found": True,
            "driver_error": f"cuInit failed with CUDA error {code} (100: no GPU visible)",
            "driver_cuda": driver_cuda,
        }
    count = ctypes.c_int(0)
    cuda.cuDeviceGetCount(ctypes.byref(count))
    devices = []
    for index in range(count.value):
        handle, major, minor = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        name = ctypes.create_string_buffer(128)
        cuda.cuDeviceGet(ctypes.byref(handle), index)
        cuda.cuDeviceGetName(name, 128, handle)
        cuda.cuDeviceGetAttribute(ctypes.byref(major), _CC_MAJOR, handle)
        cuda.cuDeviceGetAttribute(ctypes.byref(minor), _CC_MINOR, handle)
        devices.append(GpuDevice(name.value.decode(errors="replace"), (major.value, minor.value)))
    return {"driver_found": True, "driver_cuda": driver_cuda, "devices": tuple(devices)}


def _find_library(prefix: str, package: str) -> str | None:
    """Where ``prefix`` is: in the pip package that ships it, else on the library path."""
    from importlib import metadata

    try:
        files = metadata.distribution(package).files or []
    except metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.name.startswith(prefix):
            return str(file.locate())
    try:
        ctypes.CDLL(prefix)  # a system installation on the library path
    except OSError:
        return None
    return prefix


def gpu_facts() -> GpuFacts:
    """Ask this machine: the driver, its GPUs, and the CUDA libraries Aer needs."""
    libraries = {name: _find_library(*where) for name, where in CUDA_LIBRARIES.items()}
    return GpuFacts(**_driver(), libraries=libraries)


def _install(component: str) -> str:
    return f"pip install {CUDA_LIBRARIES[component][1]}"


#: Probe failure messages that name their cause: (text in the message, cause, fix).
KNOWN_FAILURES = (
    (
        "nvjitlink",
        "nvJitLink is missing or older than the CUDA libraries need",
        "pip install -U nvidia-nvjitlink-cu12 (and put its lib folder before any system CUDA "
        "in LD_LIBRARY_PATH)",
    ),
    (
        "libcustatevec",
        "cuQuantum's cuStateVec library is missing",
        _install("cuQuantum cuStateVec"),
    ),
    ("libcudart", "the CUDA runtime library is missing", _install("CUDA runtime")),
    ("libcublas", "cuBLAS is missing", _install("cuBLAS")),
    (
        "no kernel image",
        "qiskit-aer-gpu has no kernels for this GPU's compute capability",
        "build qiskit-aer from source with -DAER_CUDA_ARCH=<your capability>, or use a GPU "
        "of compute capability 7.0 or newer",
    ),
    (
        "insufficient driver",
        "the NVIDIA driver is older than the CUDA runtime",
        DRIVER_HINT,
    ),
)


def _device_text(facts: GpuFacts) -> str:
    return ", ".join(
        f"{d.name} (compute capability {d.compute_capability[0]}.{d.compute_capability[1]})"
        for d in facts.devices
    )


def aer_gpu_check(
    probe: tuple[bool, str], facts: GpuFacts, aer_owner: Check | None = None
) -> Check:
    """The ``aer-gpu`` verdict from the probe, the machine's facts and the Aer package check.

    Args:
        probe: ``(usable, reason)`` from :func:`qcog.backends.aer.gpu_status`.
        facts: from :func:`gpu_facts`.
        aer_owner: the ``aer-package`` check (says whether the GPU build is in place).
    """
    usable, reason = probe
    if usable:
        return Check(
            "aer-gpu", "ok", f"Aer ran a circuit on the GPU: {_device_text(facts) or reason}"
        )
    if not facts.driver_found:
        return Check(
            "aer-gpu",
            "skip",
            f"no NVIDIA driver here ({facts.driver_error}): Aer runs on the CPU",
            f"only on a machine with an NVIDIA GPU: {DRIVER_HINT}; then pip install qiskit-aer-gpu",
        )
    if facts.driver_error or not facts.devices:
        return Check(
            "aer-gpu",
            "fail",
            f"the NVIDIA driver sees no GPU ({facts.driver_error or 'no devices'})",
            "check `nvidia-smi`; in a container, start it with the GPU (docker run --gpus all); "
            "check CUDA_VISIBLE_DEVICES",
        )
    if facts.driver_cuda is not None and facts.driver_cuda[0] < AER_CUDA_MAJOR:
        return Check(
            "aer-gpu",
            "fail",
            f"the driver supports CUDA {facts.driver_cuda[0]}.{facts.driver_cuda[1]}; "
            f"qiskit-aer-gpu is built for CUDA {AER_CUDA_MAJOR}",
            DRIVER_HINT,
        )
    if all(d.compute_capability < MIN_COMPUTE_CAPABILITY for d in facts.devices):
        return Check(
            "aer-gpu",
            "fail",
            f"{_device_text(facts)}: qiskit-aer-gpu's wheels need compute capability 7.0 or newer",
            "build qiskit-aer from source with -DAER_THRUST_BACKEND=CUDA -DAER_CUDA_ARCH=<yours>, "
            "or use a newer GPU",
        )
    if aer_owner is not None and "CPU build" in aer_owner.detail:
        return Check(
            "aer-gpu",
            "fail",
            f"GPU present ({_device_text(facts)}) but the qiskit_aer module is the CPU build",
            "pip install qiskit-aer-gpu && pip install --force-reinstall --no-deps qiskit-aer-gpu",
        )
    if aer_owner is not None and aer_owner.verdict == "fail":
        return Check("aer-gpu", "fail", f"{reason}; {aer_owner.detail}", aer_owner.fix)
    text = reason.lower().replace("_", "")
    for needle, cause, fix in KNOWN_FAILURES:
        if needle in text:
            return Check("aer-gpu", "fail", f"{cause} ({reason})", fix)
    missing = [name for name, where in facts.libraries.items() if where is None]
    if missing:
        return Check(
            "aer-gpu",
            "fail",
            f"{reason}; not found: {', '.join(missing)}",
            "pip install " + " ".join(CUDA_LIBRARIES[name][1] for name in missing),
        )
    return Check(
        "aer-gpu",
        "fail",
        f"{reason} on {_device_text(facts)}",
        'run python -c "from qiskit_aer import AerSimulator; print(AerSimulator()'
        ".available_devices())\" and compare qiskit-aer-gpu's version with qiskit's",
    )


def check_aer_gpu(aer_owner: Check | None = None) -> Check:
    """The ``aer-gpu`` check on this machine (runs the probe circuit)."""
    from qcog.backends.aer import gpu_status

    return aer_gpu_check(gpu_status(), gpu_facts(), aer_owner)
