"""PennyLane's fast devices: lightning.qubit (CPU) and lightning.gpu (NVIDIA, cuStateVec).

>>> device_check("lightning.gpu", None, installed=False, gpu_present=False).verdict
'skip'
"""

from __future__ import annotations

from qcog.doctor.report import Check

#: Device -> the distribution that provides it.
DEVICES = {"lightning.qubit": "pennylane-lightning", "lightning.gpu": "pennylane-lightning-gpu"}


def _installed(package: str) -> bool:
    from importlib import metadata

    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


def try_device(name: str) -> str | None:
    """Create a 1-wire ``name`` device; None when it works, else the error text."""
    try:
        import pennylane as qml

        qml.device(name, wires=1)
    except Exception as exc:  # whatever stops the device is the finding
        return f"{type(exc).__name__}: {exc}"
    return None


def device_check(name: str, error: str | None, installed: bool, gpu_present: bool) -> Check:
    """The verdict for one device, from whether it loads and whether its package is there."""
    package = DEVICES[name]
    check_name = name.replace(".", "-")
    if not installed:
        if name == "lightning.gpu" and not gpu_present:
            return Check(check_name, "skip", f"{package} is not installed (needs an NVIDIA GPU)")
        return Check(
            check_name,
            "warn" if name == "lightning.gpu" else "fail",
            f"{package} is not installed",
            f"pip install {package}",
        )
    if error is None:
        return Check(check_name, "ok", f"{name} works ({package})")
    return Check(
        check_name,
        "fail",
        f"{name} does not load: {error[:300]}",
        f"pip install -U {package} pennylane (same minor versions)"
        + (" custatevec-cu12" if name == "lightning.gpu" else ""),
    )


def check_devices(gpu_present: bool) -> list[Check]:
    """One check per device in :data:`DEVICES`."""
    checks = []
    for name, package in DEVICES.items():
        installed = _installed(package)
        error = try_device(name) if installed else None
        checks.append(device_check(name, error, installed, gpu_present))
    return checks
