"""``qcog grover`` on the command line: JSON fields, text output, errors."""

import json

import pytest

from qcog.cli import main
from qcog.testing.cli import cli_status

REQUIRED = {
    "found",
    "success_probability",
    "measured_success_probability",
    "iterations",
    "oracle_queries",
    "qubits",
    "helper_qubits",
    "twoq_per_iteration",
    "twoq_total",
    "depth",
    "backend",
}


def _json(capsys, *argv):
    assert main(["grover", *argv, "--backend", "aer", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_marked_json(capsys):
    out = _json(capsys, "--qubits", "5", "--marked", "5,0b1001", "--shots", "500", "--seed", "7")
    assert REQUIRED <= set(out)
    assert (
        out["found"] == ["00101", "01001"]
        and out["iterations"] == 3
        and out["oracle_queries"] == 1500
    )
    assert out["helper_qubits"] == 1 and out["qubits"] == 6 and out["backend"] == "aer"
    assert out["twoq_total"] == 3 * out["twoq_per_iteration"]


def test_expression_with_fixed_iterations(capsys):
    out = _json(
        capsys, "--expr", "a & ~b & c", "--iterations", "2", "--shots", "300", "--seed", "1"
    )
    assert out["iterations"] == 2 and out["found"] == ["101"] and out["success_probability"] is None


def test_cnf_unknown_count(capsys, tmp_path):
    path = tmp_path / "sat.cnf"
    path.write_text("c exactly one of x1 x2, and x3\np cnf 3 3\n1 2 0\n-1 -2 0\n3 0\n")
    out = _json(
        capsys,
        "--cnf",
        str(path),
        "--qubits",
        "3",
        "--unknown-count",
        "--shots",
        "4",
        "--seed",
        "2",
    )
    assert out["mode"] == "unknown-count" and set(out["found"]) <= {"101", "110"} and out["found"]


def test_text_output(capsys):
    assert (
        main(
            [
                "grover",
                "--qubits",
                "3",
                "--marked",
                "6",
                "--backend",
                "aer",
                "--shots",
                "100",
                "--seed",
                "1",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "found (verified): 110" in text and "helpers 0" in text


@pytest.mark.parametrize(
    "argv,message",
    [
        (["--qubits", "3", "--marked", "8"], "out of range"),
        (["--marked", "1"], "--qubits"),
        (["--qubits", "3", "--marked", "a,b"], "comma-separated integers"),
        (["--expr", " "], "empty"),
        (["--expr", "a & b", "--qubits", "3"], "2 variables"),
        (["--qubits", "3", "--marked", "1", "--iterations", "lots"], "--iterations"),
        (["--cnf", "/no/such.cnf"], "no DIMACS CNF file at '/no/such.cnf'"),
        (["--cnf", "/"], "/ is a folder; give a DIMACS CNF file"),
        (["--qubits", "3", "--marked", "1", "--shots", "0"], "argument --shots: must be"),
        (["--qubits", "3", "--marked", "1", "--seed", "-1"], "argument --seed: must be"),
        (["--qubits", "33", "--marked", "1"], "argument --qubits: must be an integer in 1..32"),
    ],
)
def test_errors_exit_2_with_one_line(capsys, argv, message):
    assert cli_status(["grover", *argv, "--backend", "aer"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_malformed_cnf_file(capsys, tmp_path):
    path = tmp_path / "bad.cnf"
    path.write_text("p cnf 2 1\n1 5 0\n")
    assert main(["grover", "--cnf", str(path), "--backend", "aer"]) == 2
    assert f"{path}: DIMACS line 2: literal 5 names a variable beyond 2" in capsys.readouterr().err
