"""``qcog jobs list|status|wait|result|cancel`` on local jobs and against the fake IBM service."""

import json
import sys
from pathlib import Path

import pytest

from qcog.cli import main

sys.path.insert(0, str(Path(__file__).parents[1] / "ibm"))


def _json(capsys):
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def fake_ibm(monkeypatch):
    from fake_ibm_http import patched_fake_ibm

    with patched_fake_ibm(monkeypatch) as (server, _service):
        yield server


def test_local_job_list_status_result_export(tmp_path, capsys):
    assert (
        main(
            [
                "ibm",
                "submit",
                "--ghz",
                "2",
                "--backend",
                "fake:manila",
                "--shots",
                "300",
                "--seed",
                "5",
                "--json",
            ]
        )
        == 0
    )
    job_id = _json(capsys)["job_id"]
    assert main(["jobs", "list"]) == 0 and job_id in capsys.readouterr().out
    assert main(["jobs", "status", job_id[:8], "--json"]) == 0 and _json(capsys)["status"] == "done"
    target = tmp_path / "out" / "result.json"
    assert main(["jobs", "result", job_id, "--output", str(target), "--json"]) == 0
    out = _json(capsys)
    saved = json.loads(target.read_text())
    assert (
        saved["result"] == out["result"]
        and sum(saved["result"]["pubs"][0]["counts"].values()) == 300
    )
    assert main(["jobs", "cancel", job_id, "--json"]) == 0 and _json(capsys)["status"] == "done"


def test_unknown_job_exits_2(capsys):
    assert main(["jobs", "status", "does-not-exist"]) == 2
    assert "not in the job store" in capsys.readouterr().err


def test_remote_job_submit_then_status_wait_result(fake_ibm, capsys):
    from fake_ibm_http import FAKE_TOKEN

    fake_ibm.script = ["Queued"] * 5 + ["Running", "Completed"]  # two GETs per look-up
    assert main(["ibm", "submit", "--ghz", "3", "--backend", "ibm:ibm_fakecity", "--json"]) == 0
    submitted = _json(capsys)
    assert submitted["status"] == "queued" and submitted["result"] is None
    job_id = submitted["job_id"]
    assert main(["jobs", "status", job_id, "--json"]) == 0 and _json(capsys)["status"] in (
        "queued",
        "running",
    )
    assert main(["jobs", "result", job_id]) == 2 and "qcog jobs wait" in capsys.readouterr().err
    assert main(["jobs", "wait", job_id, "--interval", "0", "--json"]) == 0
    done = _json(capsys)
    assert done["status"] == "done" and done["result"]["pubs"][0]["counts"] == {
        "000": 480,
        "111": 520,
    }
    assert main(["jobs", "result", job_id]) == 0
    text = capsys.readouterr()
    assert "000: 480" in text.out and FAKE_TOKEN not in text.out + text.err


def test_remote_cancel_and_wait_timeout(fake_ibm, capsys):
    fake_ibm.script = ["Queued"]
    assert main(["ibm", "submit", "--ghz", "2", "--backend", "ibm:ibm_fakecity", "--json"]) == 0
    job_id = _json(capsys)["job_id"]
    assert main(["jobs", "wait", job_id, "--interval", "0.01", "--timeout", "0.05"]) == 2
    assert f"gave up waiting for job {job_id} on ibm:ibm_fakecity: still queued after 0.05 s" in (
        capsys.readouterr().err
    )
    assert (
        main(["jobs", "cancel", job_id, "--json"]) == 0 and _json(capsys)["status"] == "cancelled"
    )
    assert main(["jobs", "list", "--status", "cancelled", "--json"]) == 0
    assert [j["job_id"] for j in _json(capsys)["jobs"]] == [job_id]


def _stored_submitting(pid: int, backend: str = "ibm:ibm_fakecity"):
    """A record left ``submitting`` (as submit() writes it before the runtime call)."""
    from qcog.circuits.states import ghz_state
    from qcog.ibm.store import JobRecord, JobStore, circuits_to_qpy, provisional_job_id

    record = JobRecord(
        job_id=provisional_job_id(),
        backend=backend,
        local=backend.startswith("fake:"),
        kind="sampler",
        mode="job",
        status="submitting",
        created=1_700_000_000.0,
        updated=1_700_000_000.0,
        circuits=circuits_to_qpy([ghz_state(2)]),
        raw_status="SUBMITTING",
        pid=pid,
    )
    JobStore().add(record)
    return record.job_id


def test_interrupted_submission_is_listed_and_explained(capsys):
    job_id = _stored_submitting(pid=2**22 + 12345)  # a process that no longer exists
    assert main(["jobs", "list", "--status", "submitting"]) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert job_id in row and "submitting" in row and "submission interrupted" in row
    assert main(["jobs", "status", job_id]) == 0
    out = capsys.readouterr().out
    assert "error: submission interrupted: it may or may not have reached IBM" in out
    assert "dashboard for jobs created at 2023-11-14T22:13:20Z on ibm_fakecity" in out
    assert main(["jobs", "wait", job_id]) == 2
    assert "may or may not have reached IBM" in capsys.readouterr().err


def test_failed_submission_is_listed_with_its_circuits_kept(monkeypatch, capsys):
    import qcog.ibm.submission

    real_run_pubs = qcog.ibm.submission.run_pubs
    monkeypatch.setattr(
        "qcog.ibm.submission.run_pubs",
        lambda *a, **k: (_ for _ in ()).throw(TimeoutError("read timed out")),
    )
    argv = ["ibm", "submit", "--ghz", "2", "--backend", "fake:manila", "--seed", "1"]
    assert main(argv) == 2
    assert "did not reach the local rehearsal" in capsys.readouterr().err
    assert main(["jobs", "list", "--json"]) == 0
    (job,) = _json(capsys)["jobs"]
    assert (job["status"], job["raw_status"]) == ("error", "SUBMIT_FAILED")
    assert main(["jobs", "list"]) == 0
    assert "submission failed: it did not reach IBM" in capsys.readouterr().out
    assert main(["jobs", "status", job["job_id"]]) == 0
    assert "TimeoutError: read timed out" in capsys.readouterr().out
    monkeypatch.setattr("qcog.ibm.submission.run_pubs", real_run_pubs)
    assert main(["jobs", "wait", job["job_id"], "--json"]) == 0  # re-run from the stored circuits
    assert _json(capsys)["status"] == "done"


def test_reconcile_after_a_lost_store_and_export_import(fake_ibm, tmp_path, monkeypatch, capsys):
    fake_ibm.script = ["Completed"]
    argv = ["ibm", "submit", "--ghz", "3", "--backend", "ibm:ibm_fakecity", "--tag", "x", "--json"]
    assert main(argv) == 0
    job_id = _json(capsys)["job_id"]
    assert main(argv) == 2  # the same job again
    assert f"already submitted to ibm:ibm_fakecity: job {job_id}" in capsys.readouterr().err
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "second-machine"))
    assert main(["jobs", "list", "--json"]) == 0 and _json(capsys)["jobs"] == []
    assert main(["jobs", "reconcile"]) == 0
    text = capsys.readouterr().out
    assert "IBM Quantum lists 1 qcog job(s): 1 added" in text and f"added: {job_id}" in text
    assert main(["jobs", "result", job_id, "--json"]) == 0
    assert _json(capsys)["result"]["pubs"][0]["counts"] == {"000": 480, "111": 520}
    bundle = tmp_path / "shared" / "job.zip"
    assert main(["jobs", "export", job_id[:8], "-o", str(bundle), "--json"]) == 0
    assert _json(capsys)["bundle"] == str(bundle)
    colleague = tmp_path / "colleague.sqlite"
    assert main(["jobs", "import", str(bundle), "--store", str(colleague)]) == 0
    assert f"job {job_id} added to {colleague}" in capsys.readouterr().out
    assert main(["jobs", "import", str(bundle), "--store", str(colleague)]) == 2
    assert "already in" in capsys.readouterr().err
    import zipfile

    from fake_ibm_http import FAKE_TOKEN

    with zipfile.ZipFile(bundle) as archive:  # its members, uncompressed
        written = [archive.read(name) for name in archive.namelist()]
    written += [colleague.read_bytes(), (tmp_path / "second-machine" / "jobs.sqlite").read_bytes()]
    assert all(FAKE_TOKEN.encode() not in blob for blob in written)


def test_list_refresh_updates_unfinished_jobs_and_survives_offline(fake_ibm, capsys):
    fake_ibm.script = ["Queued", "Queued", "Running"]
    assert main(["ibm", "submit", "--ghz", "2", "--backend", "ibm:ibm_fakecity", "--json"]) == 0
    job_id = _json(capsys)["job_id"]
    assert main(["jobs", "list", "--json"]) == 0 and _json(capsys)["jobs"][0]["status"] == "queued"
    assert main(["jobs", "list", "--refresh", "--json"]) == 0
    assert _json(capsys)["jobs"][0]["status"] == "running"
    fake_ibm.offline = True
    assert main(["jobs", "list", "--refresh"]) == 0  # still lists, as last seen
    out = capsys.readouterr().out
    assert job_id in out and "note: statuses of IBM jobs are as last seen" in out
    assert "IBM Quantum is unreachable" in out


def test_damaged_store_lists_readable_rows_and_bad_paths_are_one_line(
    tmp_path, capsys, monkeypatch
):
    import sqlite3

    store = tmp_path / "jobs.sqlite"
    ids = []
    for seed in (1, 2):
        argv = ["ibm", "submit", "--ghz", "2", "--backend", "fake:manila", "--shots", "20"]
        assert main([*argv, "--seed", str(seed), "--store", str(store), "--json"]) == 0
        ids.append(_json(capsys)["job_id"])
    with sqlite3.connect(store) as db:
        db.execute("UPDATE jobs SET options = 'not json' WHERE job_id = ?", (ids[0],))
    assert main(["jobs", "list", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert ids[1] in out and f"warning: job {ids[0]} in {store} cannot be read" in out
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"\x00garbage" * 500)
    for argv in (
        ["jobs", "list"],
        ["jobs", "result", "abcdef"],
        ["ibm", "submit", "--ghz", "2", "--backend", "fake:manila"],
    ):
        assert main([*argv, "--store", str(garbage)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"job store {garbage} is damaged" in err
        assert f"qcog jobs salvage {garbage}.damaged" in err and "Traceback" not in err
    assert main(["jobs", "list", "--store", str(tmp_path)]) == 2
    assert f"job store path {tmp_path} is a folder" in capsys.readouterr().err
    monkeypatch.setenv("QCOG_DATA_DIR", str(garbage))
    assert main(["jobs", "list"]) == 2
    assert f"QCOG_DATA_DIR={garbage} is a file, not a folder" in capsys.readouterr().err
    monkeypatch.delenv("QCOG_DATA_DIR")
    rebuilt = tmp_path / "rebuilt.sqlite"
    assert main(["jobs", "salvage", str(store), "--store", str(rebuilt), "--json"]) == 0
    salvaged = _json(capsys)
    assert salvaged["copied"] == [ids[1]] and len(salvaged["unreadable"]) == 1


@pytest.mark.parametrize(
    "value, ok", [("none", True), ("30", True), ("0", False), ("-1", False), ("x", False)]
)
def test_timeout_takes_seconds_or_none(value, ok, capsys):
    if ok:
        assert main(["jobs", "wait", "nope-nope", "--timeout", value]) == 2  # unknown job
        assert "not in the job store" in capsys.readouterr().err
        return
    with pytest.raises(SystemExit):
        main(["jobs", "wait", "nope-nope", "--timeout", value])
    assert "must be seconds > 0 or 'none'" in capsys.readouterr().err
