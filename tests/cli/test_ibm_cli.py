"""``qcog ibm submit|account`` on fake backends (no network)."""

import json

import pytest

from qcog.cli import main


@pytest.fixture(autouse=True)
def _own_store(monkeypatch, tmp_path):
    """Each test gets its own job store (the root fixture's data dir is shared by the session)."""
    monkeypatch.setenv("QCOG_DATA_DIR", str(tmp_path / "qcog-data"))


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_submit_ghz_on_fake_manila_json(capsys):
    assert (
        main(
            [
                "ibm",
                "submit",
                "--ghz",
                "3",
                "--backend",
                "fake:manila",
                "--shots",
                "600",
                "--seed",
                "3",
                "--mode",
                "batch",
                "--tag",
                "cli",
                "--json",
            ]
        )
        == 0
    )
    out = _json(capsys)
    assert (out["status"], out["backend"], out["mode"], out["tags"]) == (
        "done",
        "fake:manila",
        "batch",
        ["cli"],
    )
    counts = out["result"]["pubs"][0]["counts"]
    assert sum(counts.values()) == 600 and (counts["000"] + counts["111"]) / 600 > 0.75
    assert out["summary"]["circuits"][0]["twoq_gates"] >= 2 and out["store"].endswith("jobs.sqlite")


def test_submit_qasm_file_text_output(tmp_path, capsys):
    path = tmp_path / "bell.qasm"
    path.write_text(
        'OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; creg c[2]; h q[0]; cx q[0],q[1]; '
        "measure q -> c;"
    )
    assert (
        main(
            [
                "ibm",
                "submit",
                str(path),
                "--backend",
                "fake:manila",
                "--shots",
                "400",
                "--seed",
                "1",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "on fake:manila (sampler, job mode): done" in text and "two-qubit gates" in text


def test_submit_grover_uses_the_grover_builder(capsys):
    assert (
        main(
            [
                "ibm",
                "submit",
                "--grover",
                "0b11",
                "--backend",
                "fake:manila",
                "--shots",
                "500",
                "--seed",
                "2",
                "--json",
            ]
        )
        == 0
    )
    counts = _json(capsys)["result"]["pubs"][0]["counts"]
    assert max(counts, key=counts.get) == "11"  # 2 qubits, 1 iteration: ideal probability 1


def test_preview_submits_nothing(capsys):
    assert (
        main(
            [
                "ibm",
                "submit",
                "--ghz",
                "4",
                "--backend",
                "fake:manila",
                "--preview",
                "--show-circuit",
                "--json",
            ]
        )
        == 0
    )
    out = _json(capsys)
    assert out["estimated_qpu_seconds"] > 0 and "drawings" in out
    assert main(["jobs", "list", "--json"]) == 0 and _json(capsys)["jobs"] == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--ghz", "3", "--backend", "fake:manilla"], "did you mean fake:manila"),
        (
            ["--ghz", "9", "--backend", "fake:manila"],
            "needs 9 qubits but backend 'fake:manila' has 5",
        ),
        (["--shor", "15", "--backend", "fake:manila"], "has 5"),
        (["--ghz", "3", "--backend", "ibm:ibm_torino"], "no IBM Quantum account is configured"),
        (["--grover", "1x", "--backend", "fake:manila"], "0b bitstrings (0b101 = 5)"),
        # 101 is one hundred and one (7 search qubits, as in `qcog grover --marked 101`) + a helper
        (["--grover", "101", "--backend", "fake:manila"], "needs 8 qubits"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(argv, message, capsys):
    assert main(["ibm", "submit", *argv]) == 2
    assert message in capsys.readouterr().err


def test_account_without_and_with_token(monkeypatch, capsys):
    assert main(["ibm", "account", "--json"]) == 0 and _json(capsys)["source"] is None
    monkeypatch.setenv("QISKIT_IBM_TOKEN", "qcogFAKEtoken-cli-9a8b7c")
    assert main(["ibm", "account"]) == 0
    out = capsys.readouterr().out
    assert "token hidden" in out and "qcogFAKEtoken" not in out


def test_observable_submits_an_estimator_job_with_precision_and_resilience(capsys):
    argv = ["ibm", "submit", "--ghz", "3", "--backend", "fake:manila", "--seed", "3"]
    estimator = ["--observable", "ZZI", "--observable", "XXX", "--precision", "0.02"]
    assert main([*argv, *estimator, "--resilience-level", "1", "--json"]) == 0
    out = _json(capsys)
    assert out["kind"] == "estimator" and out["status"] == "done"
    assert (out["options"]["precision"], out["options"]["resilience_level"]) == (0.02, 1)
    zz, xxx = out["result"]["pubs"][0]["evs"]
    assert 0.7 < zz <= 1.1 and 0.6 < xxx <= 1.1  # GHZ: ideal 1 and 1; noise shrinks them
    assert main([*argv, "--observable", "ZZZ", "--precision", "0.05"]) == 0
    text = capsys.readouterr().out
    assert "(estimator, job mode): done" in text and "pub 0 expectation values: [" in text


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--precision", "0.01"], "--precision applies to estimator jobs; this is a sampler job"),
        (["--resilience-level", "2"], "--resilience-level applies to estimator jobs"),
        (["--resilience-level", "1", "--precision", "0.1"], "and --precision apply to estimator"),
        (["--observable", "ZZ"], "observable acts on 2 qubits but its circuit has 3"),
        (["--observable", "ZZZ", "--precision", "2"], "precision must be in (0, 1)"),
    ],
)
def test_estimator_flags_are_checked(extra, message, capsys):
    argv = ["ibm", "submit", "--ghz", "3", "--backend", "fake:manila", *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert main(["jobs", "list", "--json"]) == 0 and _json(capsys)["jobs"] == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--shor", "1"], "argument --shor: must be an integer >= 3, got '1'"),
        (["--shor", "15", "--base", "1"], "argument --base: must be an integer >= 2, got '1'"),
        (["--ghz", "0"], "argument --ghz: must be an integer >= 1, got '0'"),
        (["--ghz", "3", "--shots", "0"], "argument --shots: must be an integer >= 1"),
        (["--ghz", "3", "--precision", "-1"], "argument --precision: must be a number > 0"),
        (["--ghz", "3", "--timeout", "0"], "argument --timeout: must be seconds > 0 or 'none'"),
    ],
)
def test_numbers_are_checked_before_anything_runs(argv, message, capsys):
    with pytest.raises(SystemExit) as info:
        main(["ibm", "submit", *argv, "--backend", "fake:manila"])
    assert info.value.code == 2 and message in capsys.readouterr().err


def test_resilience_level_choices_are_enforced(capsys):
    with pytest.raises(SystemExit):
        main(["ibm", "submit", "--ghz", "2", "--backend", "fake:manila", "--resilience-level", "3"])
    assert "invalid choice: 3" in capsys.readouterr().err


def test_grover_values_mean_what_they_mean_in_qcog_grover(capsys):
    from qcog.cli.ibm import marked_values

    assert marked_values("5") == marked_values("0b101")[:1] + ([0],) == ([5], [0])
    assert marked_values("0b101,0x6") == ([5, 6], [3, 0])
    argv = ["ibm", "submit", "--backend", "fake:manila", "--shots", "400", "--seed", "4", "--json"]
    assert main([*argv, "--grover", "5"]) == 0
    counts = _json(capsys)["result"]["pubs"][0]["counts"]
    assert max(counts, key=counts.get) == "101"  # 5 on 3 qubits, as `qcog grover --marked 5`
    assert main([*argv, "--grover", "0b0101"]) == 0  # 4 digits: 4 search qubits
    counts = _json(capsys)["result"]["pubs"][0]["counts"]
    assert max(counts, key=counts.get)[-4:] == "0101"


def test_account_save_writes_a_private_file_from_stdin(monkeypatch, tmp_path, capsys):
    import io
    import os
    import stat

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("qcogFAKEtoken-stdin-4242\n"))
    assert main(["ibm", "account", "--save", "--instance", "crn:v1:mine", "--json"]) == 0
    out = capsys.readouterr().out
    info = json.loads(out)
    assert info["source"] == "saved account" and info["instance"] == "crn:v1:mine"
    assert "qcogFAKEtoken" not in out
    mode = stat.S_IMODE(os.stat(info["saved_to"]).st_mode)
    assert mode == 0o600
    assert main(["ibm", "account", "--instance", "x"]) == 2
    assert "--instance apply to --save" in capsys.readouterr().err


def test_broken_coupler_is_warned_about_in_the_preview(monkeypatch, capsys):
    from qiskit_ibm_runtime.fake_provider import FakeManilaV2

    def broken_manila(name):
        backend = FakeManilaV2()
        for pair in backend.target["cx"]:
            backend.target["cx"][pair].error = 1.0
        return backend

    monkeypatch.setattr("qcog.backends.fake.fake_backend", broken_manila)
    argv = ["ibm", "submit", "--ghz", "3", "--backend", "fake:manila", "--preview"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "warning: the layout uses coupler" in out and "error is 1.0" in out


def test_remote_preview_shows_plan_and_duplicates_and_quota_can_refuse(monkeypatch, capsys):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "ibm"))
    from fake_ibm_http import patched_fake_ibm

    with patched_fake_ibm(monkeypatch) as (server, _service):
        server.plan = "open"
        server.usage = {"usage_consumed_seconds": 540, "usage_limit_seconds": 600}
        remote = [
            "ibm",
            "submit",
            "--ghz",
            "3",
            "--backend",
            "ibm:ibm_fakecity",
            "--mode",
            "session",
        ]
        assert main([*remote, "--preview"]) == 0
        out = capsys.readouterr().out
        assert "plan: open plan, 60 s of QPU time left of 600 s" in out
        assert "mode: the open plan cannot open sessions: running in batch mode" in out
        assert main([*remote, "--json"]) == 0
        job_id = _json(capsys)["job_id"]
        assert main([*remote, "--preview"]) == 0
        assert f"the same job was submitted before: {job_id}" in capsys.readouterr().out
        assert main([*remote, "--force", "--json"]) == 0 and _json(capsys)["job_id"] != job_id
        huge = [*remote, "--shots", "1000000", "--over-quota", "refuse"]
        assert main(huge) == 2
        assert "Nothing was submitted" in capsys.readouterr().err
        assert main(["jobs", "list", "--json"]) == 0 and len(_json(capsys)["jobs"]) == 2
