"""Whether torch can train on the GPU: its build, the driver, the device's architecture.

>>> from qcog.doctor.cuda import GpuFacts
>>> torch_check(TorchFacts(version="2.13.0+cpu", cuda_build=None), GpuFacts()).verdict
'skip'
"""

from __future__ import annotations

from dataclasses import dataclass

from qcog.doctor.cuda import GpuFacts
from qcog.doctor.report import Check

#: Where CUDA builds of torch come from (the Makefile installs the CPU build).
CUDA_INDEX = "https://download.pytorch.org/whl/cu126"


@dataclass(frozen=True)
class TorchFacts:
    """What torch says about CUDA.

    Attributes:
        version: ``torch.__version__`` (None: torch is not installed).
        cuda_build: the CUDA version torch was built for (None: a CPU build).
        available: ``torch.cuda.is_available()``.
        devices: ``(name, (major, minor))`` of each device torch sees.
        arch_list: the GPU architectures this build has kernels for (``sm_90``, ...).
    """

    version: str | None
    cuda_build: str | None = None
    available: bool = False
    devices: tuple[tuple[str, tuple[int, int]], ...] = ()
    arch_list: tuple[str, ...] = ()


def torch_facts() -> TorchFacts:
    """Ask the installed torch (imports it)."""
    try:
        import torch
    except ImportError:
        return TorchFacts(version=None)
    available = bool(torch.cuda.is_available())
    devices = (
        tuple(
            (torch.cuda.get_device_name(i), tuple(torch.cuda.get_device_capability(i)))
            for i in range(torch.cuda.device_count())
        )
        if available
        else ()
    )
    arch = tuple(torch.cuda.get_arch_list()) if available else ()
    return TorchFacts(torch.__version__, torch.version.cuda, available, devices, arch)


def torch_check(facts: TorchFacts, gpu: GpuFacts) -> Check:
    """The ``torch-cuda`` verdict."""
    version = facts.version
    if version is None:
        return Check("torch-cuda", "fail", "torch is not installed", "pip install torch==2.13.0")
    if facts.available:
        names = ", ".join(f"{n} (sm_{c[0]}{c[1]})" for n, c in facts.devices)
        missing = [n for n, c in facts.devices if f"sm_{c[0]}{c[1]}" not in facts.arch_list]
        if facts.arch_list and missing:
            return Check(
                "torch-cuda",
                "warn",
                f"torch {version} (CUDA {facts.cuda_build}) sees {names}, but has no kernels for "
                f"{', '.join(missing)} (it has {', '.join(facts.arch_list)})",
                f"install a torch build for this GPU: pip install torch --index-url {CUDA_INDEX}",
            )
        return Check("torch-cuda", "ok", f"torch {version} (CUDA {facts.cuda_build}) sees {names}")
    if facts.cuda_build is None:
        if gpu.devices:
            return Check(
                "torch-cuda",
                "warn",
                f"torch {version} is a CPU build; the GPU ({gpu.devices[0].name}) is unused by "
                "the quantum layers and the trainer",
                f"pip install --force-reinstall torch=={version.split('+')[0]} --index-url "
                f"{CUDA_INDEX}",
            )
        return Check("torch-cuda", "skip", f"torch {version} is a CPU build; no GPU here")
    if not gpu.driver_found:
        return Check(
            "torch-cuda",
            "skip",
            f"torch {version} is built for CUDA {facts.cuda_build}, but there is no NVIDIA driver",
            "only on a machine with an NVIDIA GPU: install its driver",
        )
    driver = "unknown" if gpu.driver_cuda is None else f"{gpu.driver_cuda[0]}.{gpu.driver_cuda[1]}"
    return Check(
        "torch-cuda",
        "fail",
        f"torch {version} is built for CUDA {facts.cuda_build} but sees no GPU (driver supports "
        f"CUDA {driver}; {gpu.driver_error or 'devices: ' + str(len(gpu.devices))})",
        "update the NVIDIA driver to one that supports CUDA "
        f"{facts.cuda_build}, or install a torch build for the driver's CUDA version",
    )


def check_torch_cuda(gpu: GpuFacts) -> Check:
    """The ``torch-cuda`` check on this installation."""
    return torch_check(torch_facts(), gpu)
