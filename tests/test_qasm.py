import pytest

from qcog.exceptions import QasmError
from qcog.qasm import load_qasm, qasm_version
from qcog.testing import reference_probabilities

QASM2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n'
QASM3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nx q[2];\nh q[0];\nc = measure q;\n'


@pytest.mark.parametrize("text,version,expected", [
    (QASM2, 2, {"00": 0.5, "11": 0.5}),
    (QASM3, 3, {"100": 0.5, "101": 0.5}),
])
def test_loads_text_and_files(tmp_path, text, version, expected):
    assert qasm_version(text) == version
    path = tmp_path / "c.qasm"
    path.write_text(text)
    for source in (text, path):
        circuit = load_qasm(source)
        assert reference_probabilities(circuit.remove_final_measurements(inplace=False)) == pytest.approx(expected)


@pytest.mark.parametrize("text,match", [
    ("OPENQASM 2.0;\nqreg q[2];\nhh q[0];\n", "malformed OpenQASM 2.*'hh'"),
    ("OPENQASM 3.0;\nqubit[2] q;\nh q[5];\n", "malformed OpenQASM 3"),
    ("OPENQASM 4.0;\nqubit q;\n", "unsupported OpenQASM version 4"),
])
def test_malformed_programs_are_explained(text, match):
    with pytest.raises(QasmError, match=match):
        load_qasm(text)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="no OpenQASM file"):
        load_qasm(tmp_path / "missing.qasm")
    empty = tmp_path / "empty.qasm"
    empty.write_text("  \n")
    with pytest.raises(QasmError, match="is empty"):
        load_qasm(empty)


# A header-less OpenQASM 2 file as QASMBench ships them (e.g. sat_n11.qasm): qelib1 included.
HEADERLESS = (
    '// Generated from Cirq\ninclude "qelib1.inc";\nqreg q[3];\ncreg m[3];\n'
    "h q[0];\ncx q[0],q[1];\nccx q[0],q[1],q[2];\nmeasure q -> m;\n"
)


def test_header_less_qasm2_with_qelib1_is_read_as_qasm2(tmp_path):
    from qiskit import qasm2

    assert qasm_version(HEADERLESS) == 2
    path = tmp_path / "sat_like.qasm"
    path.write_text(HEADERLESS)
    circuit = load_qasm(path)
    reference = qasm2.loads(HEADERLESS, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
    assert circuit.count_ops() == reference.count_ops() == {"measure": 3, "h": 1, "cx": 1, "ccx": 1}
    expected = {"000": 0.5, "111": 0.5}
    assert reference_probabilities(circuit.remove_final_measurements(inplace=False)) == (
        pytest.approx(expected)
    )


@pytest.mark.parametrize(
    "text,version",
    [
        ("qreg q[1];\nx q[0];\n", 2),
        ('include "stdgates.inc";\nqubit[1] q;\nx q[0];\n', 3),
        ("qubit q;\nx q;\n", 3),
        ('// include "qelib1.inc" in a comment only\nqubit q;\n', 3),
    ],
)
def test_dialect_from_content(text, version):
    assert qasm_version(text) == version


@pytest.mark.parametrize(
    "text,message",
    [
        ('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\nfoo q[1];\n',
         "malformed OpenQASM 2 in {path}, line 5: 'foo' is not defined"),
        ('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0]\ncx q[0], q[1];\n',
         "malformed OpenQASM 3 in {path}, line 5: syntax error at 'cx'"),
        ('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nfoo q[1];\n',
         "malformed OpenQASM 3 in {path}, line 4: gate 'foo' is not defined"),
        ('include "qelib1.inc";\nqreg q[1];\n\nbar q[0];\n',
         "malformed OpenQASM 2 in {path}, line 4: 'bar' is not defined in this scope "
         "(no OPENQASM header: read as OpenQASM 2)"),
    ],
)
def test_parse_errors_name_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.qasm"
    path.write_text(text)
    with pytest.raises(QasmError) as info:
        load_qasm(path)
    assert str(info.value).startswith(message.format(path=path))


def test_folder_and_binary_files_are_refused(tmp_path):
    with pytest.raises(QasmError, match="is a folder; give an OpenQASM 2 or 3 file"):
        load_qasm(tmp_path)
    binary = tmp_path / "c.qasm"
    binary.write_bytes(b"\xff\xfe\x00qreg")
    with pytest.raises(QasmError, match="is not a text file"):
        load_qasm(binary)


def test_cli_run_reads_the_header_less_file(tmp_path, capsys):
    from qcog.cli import main

    path = tmp_path / "sat_like.qasm"
    path.write_text(HEADERLESS)
    assert main(["run", str(path), "--backend", "aer", "--shots", "100", "--seed", "1"]) == 0
    assert "3 qubits on aer" in capsys.readouterr().out
    assert main(["run", str(tmp_path), "--backend", "aer"]) == 2
    assert "is a folder" in capsys.readouterr().err
