"""Provenance bundles: one job (circuits, options, result, calibration, versions) in one file.

:func:`export_bundle` writes a zip that someone without access to your account or your
job store can read, with qcog (:func:`load_bundle`) or with nothing but ``zipfile``,
``json`` and ``qiskit.qpy``:

* ``manifest.json``: the job record (id, backend, kind, mode, status, times, options,
  tags, observables, cost summary, fingerprint, usage), the software versions, and the
  SHA-256 of every other file;
* ``circuits.qpy``: the ISA circuits exactly as submitted (QPY);
* ``result.json``: counts per PUB (sampler) or expectation values and standard errors
  (estimator), with the primitive's metadata;
* ``calibration.json``: the backend's calibration of the qubits and couplers used, taken
  at submission.

No token is ever in a record, so none is in a bundle.

>>> import os, tempfile
>>> from qcog.circuits.states import ghz_state
>>> from qcog.ibm.submission import submit
>>> folder = tempfile.mkdtemp()
>>> record = submit(ghz_state(2), "fake:manila", shots=100, seed=1,
...                 store=os.path.join(folder, "jobs.sqlite"))
>>> path = export_bundle(record, os.path.join(folder, "job.zip"))
>>> loaded = load_bundle(path)
>>> loaded.record.job_id == record.job_id, loaded.circuits[0].num_qubits == 5
(True, True)
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogError
from qcog.ibm.store import JobRecord, circuits_from_qpy, observables_from_data

FORMAT = "qcog-job-bundle"
VERSION = 1
SUFFIX = ".qcog.zip"


class BundleError(QcogError):
    """A file is not a readable qcog job bundle (or was changed after it was written)."""


@dataclass
class JobBundle:
    """A loaded provenance bundle.

    Attributes:
        record: the job record, as in the job store (``record.circuits`` holds the QPY).
        circuits: the ISA circuits as submitted.
        observables: per circuit, its ISA observables (estimator), else None.
        result: counts or expectation values per PUB (None if the job has no result).
        calibration: the calibration snapshot taken at submission (None if absent).
        versions: the software that wrote the bundle.
        manifest: the whole ``manifest.json``.
    """

    record: JobRecord
    circuits: list
    observables: list | None
    result: dict[str, Any] | None
    calibration: dict[str, Any] | None
    versions: dict[str, Any]
    manifest: dict[str, Any]


def software_versions() -> dict[str, Any]:
    """Python, platform and the version of each package qcog uses (None when not installed)."""
    from qcog.info import package_versions

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        **package_versions(),
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_path(record: JobRecord, path: str | os.PathLike | None) -> Path:
    """Where :func:`export_bundle` writes.

    A path ending in ``.zip`` is the file; any other path is a folder (created if
    missing) that gets ``<job id>.qcog.zip``; None is the current folder.
    """
    name = f"{record.job_id}{SUFFIX}"
    if path is None:
        return Path.cwd() / name
    target = Path(path)
    return target if target.suffix == ".zip" and not target.is_dir() else target / name


def export_bundle(record: JobRecord, path: str | os.PathLike | None = None) -> Path:
    """Write ``record`` as a provenance bundle (a zip); return its path.

    Args:
        record: a job record from the store (with its result when it has one).
        path: the file to write (ending in ``.zip``), a folder to write
            ``<job id>.qcog.zip`` into (created if missing), or None for the current folder.

    Raises:
        BundleError: the path cannot be written (a file in the way, no permission).
    """
    target = bundle_path(record, path)
    files = {
        "circuits.qpy": record.circuits,
        "result.json": json.dumps(record.result, indent=2, sort_keys=True).encode(),
        "calibration.json": json.dumps(record.calibration, indent=2, sort_keys=True).encode(),
    }
    data = record.to_dict()
    data.pop("result", None)
    data.pop("calibration", None)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "written_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "job": data,
        "versions": software_versions(),
        "sha256": {name: _sha256(blob) for name, blob in files.items()},
        "how_to_load": "qcog.ibm.load_bundle(path); or zipfile + json + qiskit.qpy.load",
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
            for name, blob in files.items():
                archive.writestr(name, blob)
        target.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise BundleError(
            f"cannot write the bundle to {target} ({exc.strerror or exc}); give a writable file "
            "or folder with --output"
        ) from None
    return target


def _read(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise BundleError(f"{path} has no {name}: it is not a complete qcog job bundle") from None


def load_bundle(path: str | os.PathLike) -> JobBundle:
    """Read a bundle written by :func:`export_bundle`, checking every file's SHA-256.

    Raises:
        BundleError: not a zip, not a qcog bundle, a newer format, a missing file or a
            checksum that does not match (the bundle was changed or damaged).
    """
    source = Path(path)
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BundleError(f"cannot read {source} as a qcog job bundle ({exc})") from None
    with archive:
        try:
            manifest = json.loads(_read(archive, "manifest.json", source))
        except ValueError as exc:
            raise BundleError(f"{source}: manifest.json is not JSON ({exc})") from None
        if manifest.get("format") != FORMAT:
            raise BundleError(
                f"{source} is not a qcog job bundle (format {manifest.get('format')!r})"
            )
        if int(manifest.get("version", 0)) > VERSION:
            raise BundleError(
                f"{source} is a version {manifest['version']} bundle; this qcog reads up to "
                f"version {VERSION}: upgrade qcog"
            )
        blobs = {name: _read(archive, name, source) for name in manifest["sha256"]}
    for name, blob in blobs.items():
        if _sha256(blob) != manifest["sha256"][name]:
            raise BundleError(f"{source}: {name} does not match its checksum (changed or damaged)")
    result = json.loads(blobs["result.json"])
    calibration = json.loads(blobs["calibration.json"])
    fields = {k: v for k, v in manifest["job"].items() if k in JobRecord.__dataclass_fields__}
    record = JobRecord(
        **{
            **fields,
            "circuits": blobs["circuits.qpy"],
            "result": result,
            "calibration": calibration,
        }
    )
    return JobBundle(
        record=record,
        circuits=circuits_from_qpy(blobs["circuits.qpy"]),
        observables=observables_from_data(record.observables),
        result=result,
        calibration=calibration,
        versions=manifest.get("versions", {}),
        manifest=manifest,
    )
