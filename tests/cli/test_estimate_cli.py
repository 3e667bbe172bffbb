"""``qcog estimate``: mitigated expectation values from the command line."""

import json

import pytest

from qcog.cli import main


def test_ghz_with_both_mitigations_on_a_fake_backend(capsys):
    argv = ["estimate", "--ghz", "3", "--observable", "ZZI", "--observable", "XXX", "--backend",
            "fake:manila", "--shots", "4000", "--seed", "5", "--mitigation", "both", "--exact", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exact"] == pytest.approx([1.0, 1.0])
    assert data["circuits"] == 2 * 3 + 2 and data["circuit_overhead"] == 4.0
    for k in range(2):
        assert abs(data["values"][k] - 1) < abs(data["unmitigated"][k] - 1)


def test_text_output_from_a_qasm_file(tmp_path, capsys):
    path = tmp_path / "bell.qasm"
    path.write_text('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n')
    assert main(["estimate", str(path), "--observable", "ZZ", "--backend", "aer", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "mitigation none" in out and "ZZ" in out and "1.0000" in out


@pytest.mark.parametrize("extra, message", [
    (["--observable", "ZQ"], "not a Pauli string"),
    (["--observable", "ZZZ"], "acts on 3 qubits"),
    (["--observable", "ZZ", "--mitigation", "zne", "--scales", "2,3"], "start with 1"),
])
def test_bad_input(extra, message, capsys):
    assert main(["estimate", "--ghz", "2", "--backend", "aer", *extra]) == 2
    assert message in capsys.readouterr().err
