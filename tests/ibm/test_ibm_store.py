"""The SQLite job store: written before waiting, read from other processes, paths."""

import json
import subprocess
import sys
import time

import pytest

import qcog.ibm.store as store_module
from qcog.circuits.states import ghz_state
from qcog.ibm.store import (
    JobRecord,
    JobStore,
    JobStoreError,
    UnknownJobError,
    circuits_from_qpy,
    circuits_to_qpy,
    default_store_path,
    observables_from_data,
    observables_to_data,
)


def _record(job_id="job-abcdef-1", status="queued", created=None):
    now = created or time.time()
    return JobRecord(
        job_id=job_id,
        backend="ibm:ibm_x",
        local=False,
        kind="sampler",
        mode="batch",
        status=status,
        created=now,
        updated=now,
        circuits=circuits_to_qpy([ghz_state(3)]),
        options={"shots": 100},
        tags=["t1"],
        summary={"twoq_gates": 2},
    )


def test_add_get_update_list(store):
    store.add(_record("job-aaaaaa-1", created=1.0))
    store.add(_record("job-bbbbbb-2", created=2.0))
    store.update(
        "job-aaaaaa-1", status="done", result={"pubs": [{"counts": {"0": 1}}]}, usage_s=1.5
    )
    got = store.get("job-aaaaaa")  # unique prefix
    assert (got.status, got.result, got.usage_s, got.tags) == (
        "done",
        {"pubs": [{"counts": {"0": 1}}]},
        1.5,
        ["t1"],
    )
    assert got.isa_circuits()[0] == ghz_state(3)
    assert [r.job_id for r in store.list_jobs()] == ["job-bbbbbb-2", "job-aaaaaa-1"]
    assert [r.job_id for r in store.list_jobs(status="done")] == ["job-aaaaaa-1"]
    json.dumps(got.to_dict())  # JSON-ready
    with pytest.raises(UnknownJobError, match="is not in the job store"):
        store.get("job-")  # under 6 characters: exact match only
    with pytest.raises(UnknownJobError, match="is not in the job store"):
        store.get("job-______")  # LIKE wildcards are escaped
    store.add(_record("job-cccccc-1"))
    store.add(_record("job-cccccc-2"))
    with pytest.raises(UnknownJobError, match="matches several jobs"):
        store.get("job-cccccc")
    with pytest.raises(UnknownJobError, match="is not in the job store"):
        store.get("nope")


def test_another_process_sees_the_row_as_soon_as_add_returns(store):
    store.add(_record())
    code = (
        "from qcog.ibm.store import JobStore; "
        f"print(JobStore({str(store.path)!r}).get('job-abcdef-1').status)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.stdout.strip() == "queued", out.stderr


def test_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "d"))
    assert default_store_path() == tmp_path / "d" / "jobs.sqlite"
    assert JobStore().path == tmp_path / "d" / "jobs.sqlite"
    assert JobStore(tmp_path / "x" / "mine.sqlite").path.exists()
    monkeypatch.delenv("QCOG_DATA_DIR")
    assert default_store_path().name == "jobs.sqlite" and "qcog" in str(default_store_path())


def test_qpy_and_observables_roundtrip():
    from qiskit.quantum_info import SparsePauliOp

    circuits = [ghz_state(2), ghz_state(4)]
    assert circuits_from_qpy(circuits_to_qpy(circuits)) == circuits
    groups = [[SparsePauliOp.from_list([("ZZ", 1.0), ("XX", -0.5j)])], [SparsePauliOp("IIZZ")]]
    back = observables_from_data(json.loads(json.dumps(observables_to_data(groups))))
    assert all(a.equiv(b) for ga, gb in zip(groups, back) for a, b in zip(ga, gb))


def test_rename_keeps_the_provisional_id_resolvable(store):
    store.add(_record("pending-1234-abcd", status="submitting"))
    store.rename("pending-1234-abcd", "job-real-77", status="queued", raw_status="QUEUED")
    (only,) = store.list_jobs()
    assert (only.job_id, only.provisional_id, only.status) == (
        "job-real-77",
        "pending-1234-abcd",
        "queued",
    )
    assert store.get("pending-1234-abcd").job_id == "job-real-77"
    store.update("pending-1234-abcd", status="done")  # updates the renamed row
    assert store.get("job-real-77").status == "done"
    with pytest.raises(UnknownJobError):
        store.rename("pending-nope-0000", "job-x")


def test_a_store_file_from_before_provisional_ids_gets_the_column(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    old_schema = store_module._SCHEMA.replace(",\n    provisional_id TEXT", "")
    assert "provisional_id" not in old_schema
    with sqlite3.connect(path) as db:
        db.execute(old_schema)
    upgraded = JobStore(path)
    upgraded.add(_record())
    assert upgraded.get("job-abcdef-1").provisional_id is None


def _filled(path, n=30, pad=2000):
    """A store with ``n`` jobs, its WAL folded into the main file (as after a clean exit)."""
    import sqlite3

    store = JobStore(path)
    for i in range(n):
        record = _record(f"job-{i:03d}", created=float(i + 1))
        record.result = {"pubs": [{"counts": {"000": i}}], "pad": "x" * pad}
        store.add(record)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


def test_one_bad_row_does_not_hide_the_others(store):
    import sqlite3

    for i in range(3):
        store.add(_record(f"job-ok-{i}", created=float(i + 1)))
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE jobs SET result = '{broken' WHERE job_id = 'job-ok-1'")
    listing = store.scan()
    assert [r.job_id for r in listing.records] == ["job-ok-2", "job-ok-0"]
    (problem,) = listing.unreadable
    assert problem.startswith(f"job job-ok-1 in {store.path} cannot be read (JSONDecodeError")
    assert [r.job_id for r in store.list_jobs()] == ["job-ok-2", "job-ok-0"]
    with pytest.raises(JobStoreError, match="job job-ok-1 .* cannot be read.*qcog jobs salvage"):
        store.get("job-ok-1")


def test_a_truncated_store_lists_its_readable_jobs_and_says_how_to_recover(tmp_path):
    path = tmp_path / "jobs.sqlite"
    _filled(path)
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    damaged = JobStore(path)
    assert damaged.damaged and "database disk image is malformed" in damaged.damaged
    listing = damaged.scan()
    assert 5 <= len(listing.records) < 30  # the rows on the pages that are left
    for record in listing.records:  # each readable row is whole
        assert record.result["pubs"][0]["counts"]["000"] == int(record.job_id[-3:])
    assert any("truncated" in line for line in listing.unreadable)
    assert f"mv {path} {path}.damaged" in listing.unreadable[0]
    with pytest.raises(JobStoreError, match="nothing can be written"):
        damaged.add(_record("job-new-000"))
    rebuilt = JobStore(tmp_path / "new.sqlite")
    copied = rebuilt.salvage(path)
    assert (
        sorted(r.job_id for r in rebuilt.list_jobs())
        == sorted(r.job_id for r in copied.records)
        == sorted(r.job_id for r in listing.records)
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (
            b"this is not a database" * 50,
            "is damaged or not a qcog job store (file is not a database)",
        ),
        (b"", None),  # an empty file is a new, empty store
    ],
)
def test_a_foreign_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "jobs.sqlite"
    path.write_bytes(content)
    if message is None:
        assert JobStore(path).list_jobs() == []
        return
    with pytest.raises(JobStoreError, match="qcog jobs salvage") as info:
        JobStore(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_bad_store_paths_are_named(tmp_path, monkeypatch):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(JobStoreError, match=f"job store path {folder} is a folder; give a file"):
        JobStore(folder)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(JobStoreError, match="which is a file, not a folder"):
        JobStore(a_file / "jobs.sqlite")
    monkeypatch.setenv("QCOG_DATA_DIR", str(a_file))
    with pytest.raises(JobStoreError, match=f"QCOG_DATA_DIR={a_file} is a file, not a folder"):
        JobStore()
