"""Reading OpenQASM 2 and 3 programs into Qiskit circuits.

The dialect comes from the ``OPENQASM x;`` header, or, for files without one (as many
QASMBench files), from the content: ``include "qelib1.inc"`` or ``qreg``/``creg``
declarations mean OpenQASM 2, anything else is read as OpenQASM 3. Parse errors name the
file and the line.

>>> qc = load_qasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; h q[0]; cx q[0],q[1];')
>>> qc.count_ops()["cx"]
1
>>> load_qasm('include "qelib1.inc"; qreg q[1]; x q[0];').num_qubits  # no header
1
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from qcog.exceptions import QasmError

if TYPE_CHECKING:  # for annotations only; imported where used
    from qiskit import QuantumCircuit

_VERSION = re.compile(r"^\s*OPENQASM\s+(\d+)(?:\.\d+)?\s*;", re.MULTILINE)
_QASM2_MARKERS = re.compile(
    r'include\s+"qelib1\.inc"|(?:^|;)\s*(?:qreg|creg)\s+\w+\s*\[', re.MULTILINE
)
_QASM3_MARKERS = re.compile(
    r'include\s+"stdgates\.inc"|(?:^|;)\s*(?:qubit|bit)\b', re.MULTILINE
)
_LINE_COMMENT = re.compile(r"//[^\n]*")
#: "<input>:5,0: ..." (qasm2) or "5,0: ..." (qasm3 importer)
_POSITION = re.compile(r"^(?:<input>:)?(\d+),(\d+):\s*")


def qasm_version(text: str) -> int:
    """The major version declared by ``OPENQASM x;``, or detected from the content.

    >>> qasm_version("OPENQASM 3.0; qubit q;"), qasm_version('include "qelib1.inc"; qreg q[1];')
    (3, 2)
    """
    match = _VERSION.search(text)
    if match:
        return int(match.group(1))
    code = _LINE_COMMENT.sub("", text)
    return 2 if _QASM2_MARKERS.search(code) and not _QASM3_MARKERS.search(code) else 3


def load_qasm(source: str | os.PathLike) -> QuantumCircuit:
    """Parse OpenQASM 2 or 3 from a file path or a program text.

    Raises:
        FileNotFoundError: ``source`` looks like a path and no file is there.
        QasmError: a folder or a binary file instead of a program, or a malformed program
            (the message names the file and the line).
    """
    text = str(source)
    if "OPENQASM" in text or ";" in text:
        where = "program text"
    else:
        text, where = _read(text), text
    if not text.strip():
        raise QasmError(f"the OpenQASM {where} is empty")
    version = qasm_version(text)
    if version not in (2, 3):
        raise QasmError(f"unsupported OpenQASM version {version} in {where}; accepted: 2 and 3")
    try:
        if version == 2:
            from qiskit import qasm2

            return qasm2.loads(text, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
        from qiskit import qasm3

        return qasm3.loads(text)
    except Exception as exc:  # noqa: BLE001 - both parsers raise many kinds; all become one line
        line, message = _position(exc)
        at = f", line {line}" if line else ""
        dialect = "" if _VERSION.search(text) else f" (no OPENQASM header: read as OpenQASM {version})"
        raise QasmError(f"malformed OpenQASM {version} in {where}{at}: {message}{dialect}") from None


def _read(path: str) -> str:
    if os.path.isdir(path):
        raise QasmError(f"{path} is a folder; give an OpenQASM 2 or 3 file")
    if not os.path.exists(path):
        raise FileNotFoundError(f"no OpenQASM file at {path!r}")
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise QasmError(f"{path} is not a text file; give an OpenQASM 2 or 3 file") from None


def _position(exc: BaseException) -> tuple[int | None, str]:
    """``(line, message)`` from a qasm2/qasm3 error or the ANTLR error behind it."""
    text = str(exc).strip().strip('"').strip()
    match = _POSITION.match(text)
    if match:
        return int(match.group(1)), text[match.end():].splitlines()[0] or type(exc).__name__
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        inner = cause.args[0] if cause.args else None
        token = getattr(inner, "offendingToken", None) or getattr(cause, "offendingToken", None)
        if token is not None and getattr(token, "line", None):
            return token.line, f"syntax error at {token.text!r}"
        cause = cause.__cause__ or cause.__context__
    return None, text.splitlines()[0] if text else type(exc).__name__
