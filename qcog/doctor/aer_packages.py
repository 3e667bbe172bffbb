"""Which distribution's files make up the ``qiskit_aer`` module: qiskit-aer or qiskit-aer-gpu.

Both distributions install the same ``qiskit_aer`` package; installed together, the
one installed last overwrites the other's compiled extension, pip still lists both, and
uninstalling either deletes files the other needs. qcog itself depends on ``qiskit-aer``,
so ``pip install qiskit-aer-gpu`` next to it is the common way into this state. The
owner is found by comparing the SHA-256 of every compiled file on disk with each
distribution's RECORD.

>>> aer_owner_check([AerDist("qiskit-aer", "0.17.2", binaries=2, matching=2)]).verdict
'ok'
>>> aer_owner_check([AerDist("qiskit-aer", "0.17.2", 2, 2),
...                  AerDist("qiskit-aer-gpu", "0.17.2", 3, 0)]).verdict
'fail'
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from qcog.doctor.report import Check

MODULE = "qiskit_aer"
CPU_DIST = "qiskit-aer"


@dataclass(frozen=True)
class AerDist:
    """One installed distribution that provides ``qiskit_aer``.

    Attributes:
        name: distribution name (``qiskit-aer``, ``qiskit-aer-gpu``, ``qiskit-aer-gpu-cu11``).
        version: its version.
        binaries: compiled files (``.so``/``.pyd``) its RECORD lists.
        matching: how many of them are on disk with the RECORD's hash (its files in place).
    """

    name: str
    version: str
    binaries: int
    matching: int

    @property
    def is_gpu(self) -> bool:
        return self.name != CPU_DIST

    @property
    def in_place(self) -> bool:
        """All its compiled files are the ones on disk."""
        return self.binaries > 0 and self.matching == self.binaries


def _file_hash(path) -> str | None:
    try:
        digest = hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def aer_distributions() -> list[AerDist]:
    """The installed distributions that provide ``qiskit_aer``, with their files checked."""
    from importlib import metadata

    names = metadata.packages_distributions().get(MODULE, [])
    found = []
    for name in dict.fromkeys(n.lower().replace("_", "-") for n in names):
        dist = metadata.distribution(name)
        binaries = [
            f
            for f in dist.files or []
            if f.parts[0].startswith(MODULE) and (f.suffix in (".so", ".pyd") or ".so." in f.name)
        ]
        matching = sum(
            1 for f in binaries if f.hash is not None and _file_hash(f.locate()) == f.hash.value
        )
        found.append(AerDist(name, dist.version, len(binaries), matching))
    return found


def _listing(dists: list[AerDist]) -> str:
    return " and ".join(f"{d.name} {d.version}" for d in dists)


def aer_owner_check(dists: list[AerDist]) -> Check:
    """The verdict on who owns ``qiskit_aer`` (see the module docstring)."""
    if not dists:
        return Check(
            "aer-package",
            "fail",
            "no distribution provides the qiskit_aer module",
            "pip install qiskit-aer   (or qiskit-aer-gpu on an NVIDIA GPU machine)",
        )
    owners = [d for d in dists if d.in_place]
    gpu = [d for d in dists if d.is_gpu]
    if len(dists) == 1:
        only = dists[0]
        build = "GPU build" if only.is_gpu else "CPU build"
        if only.in_place or only.binaries == 0:
            return Check(
                "aer-package", "ok", f"{only.name} {only.version} ({build}) owns qiskit_aer"
            )
        return Check(
            "aer-package",
            "fail",
            f"{only.name} {only.version} is installed but {only.binaries - only.matching} of its "
            "compiled files differ from its RECORD (overwritten or damaged)",
            f"pip install --force-reinstall --no-deps {only.name}=={only.version}",
        )
    both = f"{_listing(dists)} are both installed and write the same qiskit_aer files"
    wanted = gpu[0]
    reinstall = f"pip install --force-reinstall --no-deps {wanted.name}=={wanted.version}"
    gpu_owner = next((d for d in owners if d.is_gpu), None)
    if gpu_owner is not None:
        return Check(
            "aer-package",
            "warn",
            f"{both}; the files in place are {gpu_owner.name}'s (GPU build), which works, but "
            "upgrading or uninstalling either one breaks it",
            f"keep them as they are; after any change to either, run again: {reinstall}",
        )
    owner = owners[0].name if owners else "neither one completely (mixed files)"
    return Check(
        "aer-package",
        "fail",
        f"{both}; the files in place are {owner}'s, so the GPU build is shadowed",
        f"{reinstall}   (puts the GPU build's files in place; qcog's own dependency on "
        "qiskit-aer stays satisfied)",
    )


def check_aer_package() -> Check:
    """The ``aer-package`` check on this installation."""
    return aer_owner_check(aer_distributions())
