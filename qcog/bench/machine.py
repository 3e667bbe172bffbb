"""Describe the machine a benchmark ran on: CPU model, cores, memory, GPU, versions, date.

>>> info = machine_info(probe_gpu=False)
>>> info["logical_cores"] >= 1 and info["memory_gib"] > 0
True
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

#: Packages whose versions the report lists (beyond qcog.info.PACKAGES).
EXTRA_PACKAGES = ("qiskit-algorithms", "scikit-learn", "matplotlib", "dask", "distributed")


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo on Linux, else :func:`platform.processor`)."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def memory_gib() -> float:
    """Physical memory in GiB (0.0 when the platform does not say)."""
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (AttributeError, ValueError, OSError):
        return 0.0


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS reports one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def package_versions() -> dict[str, str | None]:
    """Versions of the packages the benchmarks exercise (None when not installed)."""
    from qcog.info import package_versions as core_versions

    versions = core_versions()
    for name in EXTRA_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def gpu_summary() -> dict[str, Any]:
    """Whether Aer's GPU and torch's CUDA work here (runs a tiny Aer probe, imports torch)."""
    from qcog.backends.aer import gpu_status
    from qcog.info import torch_cuda

    usable, reason = gpu_status()
    return {"aer_gpu": usable, "aer_gpu_reason": reason, "torch_cuda": torch_cuda()}


def machine_info(probe_gpu: bool = True) -> dict[str, Any]:
    """Everything the benchmark report states about where it ran.

    Args:
        probe_gpu: also probe Aer's GPU and torch CUDA (takes a second or two).

    Returns:
        A JSON-ready dict: cpu_model, logical_cores, usable_cores, memory_gib,
        load_average (1/5/15 min, when known), python, platform, packages, gpu, date.
    """
    load = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    return {
        "cpu_model": cpu_model(),
        "logical_cores": os.cpu_count() or 1,
        "usable_cores": usable_cores(),
        "memory_gib": memory_gib(),
        "load_average": [round(x, 2) for x in load] if load else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "gpu": gpu_summary() if probe_gpu else None,
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
