"""What this installation can do: versions, usable backends, GPU, IBM account.

Never prints or returns a token: the account is reported only as where it comes from.
"""

from __future__ import annotations

import platform
from importlib import metadata

PACKAGES = (
    "qcog",
    "qiskit",
    "qiskit-aer",
    "qiskit-aer-gpu",
    "qiskit-ibm-runtime",
    "pennylane",
    "pennylane-lightning",
    "torch",
    "numpy",
    "scipy",
)


def package_versions() -> dict[str, str | None]:
    """Installed version of each package qcog uses (None when absent), without importing it."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def torch_cuda() -> dict:
    """Whether torch sees a CUDA device (imports torch)."""
    try:
        import torch
    except ImportError:
        return {"available": False, "reason": "torch is not installed"}
    if not torch.cuda.is_available():
        return {"available": False, "reason": "torch reports no CUDA device"}
    return {"available": True, "devices": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]}


def environment_info() -> dict:
    """Everything ``qcog info`` reports, as a JSON-ready dict."""
    from qcog.backends import aer, get_backend, ibm

    gpu_ok, gpu_reason = aer.gpu_status()
    auto = get_backend("auto")
    account = ibm.account_source()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": package_versions(),
        "backends": {
            "aer": {"usable": True},
            "aer-gpu": {"usable": gpu_ok, "reason": gpu_reason},
            "auto": {"resolves_to": auto.name},
            "fake": {"usable": True, "example": "fake:manila"},
            "ibm": {
                "usable": account is not None,
                "account": account or "not configured",
            },
        },
        "gpu": {"aer": gpu_ok, "torch_cuda": torch_cuda()},
    }


def format_info(info: dict) -> str:
    """Readable text for :func:`environment_info`."""
    lines = [f"qcog {info['packages']['qcog']} on Python {info['python']} ({info['platform']})", "", "packages:"]
    lines += [f"  {name:22s} {version or '-'}" for name, version in info["packages"].items()]
    b = info["backends"]
    lines += [
        "",
        "backends:",
        "  aer                    usable (CPU)",
        f"  aer-gpu                {'usable' if b['aer-gpu']['usable'] else 'not usable'}: {b['aer-gpu']['reason']}",
        f"  auto                   -> {b['auto']['resolves_to']}",
        "  fake:<name>            usable (e.g. fake:manila, fake:sherbrooke)",
        f"  ibm:<name>             account: {b['ibm']['account']}",
        "",
        f"torch CUDA: {'yes ' + ', '.join(info['gpu']['torch_cuda'].get('devices', [])) if info['gpu']['torch_cuda']['available'] else 'no'}",
    ]
    return "\n".join(lines)
