"""Reading OpenQASM 2 and 3 programs into Qiskit circuits.

>>> qc = load_qasm('OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; h q[0]; cx q[0],q[1];')
>>> qc.count_ops()["cx"]
1
"""

from __future__ import annotations

import os
import re

from qcog.exceptions import QasmError

_VERSION = re.compile(r"^\s*OPENQASM\s+(\d+)(?:\.\d+)?\s*;", re.MULTILINE)


def qasm_version(text: str) -> int:
    """The major version declared by ``OPENQASM x;`` (2 or 3); 3 when none is declared."""
    match = _VERSION.search(text)
    return int(match.group(1)) if match else 3


def load_qasm(source: str | os.PathLike):
    """Parse OpenQASM 2 or 3 from a file path or a program text.

    Raises:
        FileNotFoundError: ``source`` looks like a path and no file is there.
        QasmError: the program is malformed (the parser's message is kept).
    """
    text = str(source)
    is_program = "OPENQASM" in text or ";" in text
    if not is_program:
        if not os.path.exists(text):
            raise FileNotFoundError(f"no OpenQASM file at {text!r}")
        with open(text, encoding="utf-8") as handle:
            text = handle.read()
        where = str(source)
    else:
        where = "program text"
    if not text.strip():
        raise QasmError(f"the OpenQASM {where} is empty")
    version = qasm_version(text)
    try:
        if version == 2:
            from qiskit import qasm2

            return qasm2.loads(text, custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
        if version == 3:
            from qiskit import qasm3

            return qasm3.loads(text)
    except Exception as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QasmError(f"malformed OpenQASM {version} in {where}: {message}") from None
    raise QasmError(f"unsupported OpenQASM version {version} in {where}; accepted: 2 and 3")
