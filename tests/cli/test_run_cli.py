import json

import pytest

from qcog.cli import main
from qcog.testing.cli import cli_status

GHZ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nc = measure q;\n'


@pytest.fixture
def ghz_file(tmp_path):
    path = tmp_path / "ghz.qasm"
    path.write_text(GHZ3)
    return path


def test_run_json_is_one_object(ghz_file, capsys):
    assert main(["run", str(ghz_file), "--backend", "aer", "--shots", "500", "--seed", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["counts"]) == {"000", "111"} and sum(data["counts"].values()) == 500
    assert data["backend"] == "aer" and data["twoq_gates"] == 2 and data["seed"] == 4


def test_run_text_on_a_fake_backend(ghz_file, capsys):
    assert main(["run", str(ghz_file), "--backend", "fake:manila", "--seed", "1", "--show-circuit"]) == 0
    out = capsys.readouterr().out
    assert "3 qubits on fake:manila" in out and "counts" in out and "q_0" in out


@pytest.mark.parametrize("args,match", [
    (["--backend", "warp-drive"], "unknown backend spec 'warp-drive'"),
    (["--shots", "0"], "argument --shots: must be an integer >= 1, got '0'"),
    (["--seed", "-1"], "argument --seed: must be an integer in 0..4294967295, got '-1'"),
])
def test_errors_go_to_stderr_with_nonzero_status(ghz_file, capsys, args, match):
    assert cli_status(["run", str(ghz_file), *args]) == 2
    out = capsys.readouterr()
    assert out.out == "" and match in out.err


def test_malformed_and_missing_files(tmp_path, capsys):
    bad = tmp_path / "bad.qasm"
    bad.write_text("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n")
    assert main(["run", str(bad)]) == 2
    assert "malformed OpenQASM 2" in capsys.readouterr().err
    assert main(["run", str(tmp_path / "nope.qasm")]) == 2
    assert "no OpenQASM file" in capsys.readouterr().err


def test_too_many_qubits(tmp_path, capsys):
    wide = tmp_path / "wide.qasm"
    wide.write_text('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[8];\nh q[0];\n')
    assert main(["run", str(wide), "--backend", "fake:manila"]) == 2
    assert "needs 8 qubits but backend 'fake:manila' has 5" in capsys.readouterr().err
