"""Provenance bundles: export, load back (round trip), tampering detected, import elsewhere."""

import json
import zipfile

import pytest

from qcog.circuits.states import bell_state, ghz_state
from qcog.ibm.bundle import BundleError, export_bundle, load_bundle
from qcog.ibm.store import JobStore
from qcog.ibm.submission import submit


@pytest.fixture
def estimator_record(store):
    return submit(
        [bell_state("phi+")],
        "fake:manila",
        observables=[["ZZ", "XX"]],
        shots=200,
        seed=5,
        store=store,
        tags=["paper-fig-3"],
    )


def test_round_trip_keeps_everything_someone_else_needs(estimator_record, tmp_path):
    record = estimator_record
    path = export_bundle(record, tmp_path / "out")  # a folder: gets ID.qcog.zip
    assert path == tmp_path / "out" / f"{record.job_id}.qcog.zip"
    bundle = load_bundle(path)
    assert bundle.circuits == record.isa_circuits()
    assert bundle.result == record.result and bundle.result["pubs"][0]["evs"]
    assert bundle.calibration == record.calibration and bundle.calibration["couplers"]
    assert bundle.record.options == record.options and bundle.record.tags == ["paper-fig-3"]
    assert bundle.record.fingerprint == record.fingerprint
    assert [op.paulis.to_labels() for op in bundle.observables[0]] == [
        op.paulis.to_labels() for op in record_observables(record)
    ]
    assert bundle.versions["qiskit"] and bundle.versions["python"]
    with zipfile.ZipFile(path) as archive:  # readable without qcog: json + QPY
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == {"manifest.json", "circuits.qpy", "result.json", "calibration.json"}
    assert manifest["job"]["job_id"] == record.job_id and "pid" not in manifest["job"]


def record_observables(record):
    from qcog.ibm.store import observables_from_data

    return observables_from_data(record.observables)[0]


def test_a_bundle_imports_into_another_store(estimator_record, tmp_path):
    path = export_bundle(estimator_record, tmp_path / "job.zip")
    other = JobStore(tmp_path / "colleague.sqlite")
    other.add(load_bundle(path).record)
    back = other.get(estimator_record.job_id)
    assert (
        back.result == estimator_record.result
        and back.isa_circuits() == estimator_record.isa_circuits()
    )


def test_changed_or_foreign_files_are_refused(estimator_record, tmp_path):
    path = export_bundle(estimator_record, tmp_path / "job.zip")
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "result.json":
                data = data.replace(b"evs", b"EVS")
            target.writestr(name, data)
    with pytest.raises(BundleError, match="result.json does not match its checksum"):
        load_bundle(tampered)
    (tmp_path / "notzip.zip").write_text("hello")
    with pytest.raises(BundleError, match="cannot read .* as a qcog job bundle"):
        load_bundle(tmp_path / "notzip.zip")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "something-else"}))
    with pytest.raises(BundleError, match="is not a qcog job bundle"):
        load_bundle(tmp_path / "other.zip")


def test_a_file_in_the_way_is_a_clear_error(store, tmp_path):
    record = submit(ghz_state(2), "fake:manila", shots=20, seed=1, store=store)
    (tmp_path / "file").write_text("x")
    with pytest.raises(BundleError, match="cannot write the bundle to"):
        export_bundle(record, tmp_path / "file" / "job.zip")
