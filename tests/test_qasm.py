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
