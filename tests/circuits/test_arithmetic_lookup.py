"""Table lookup and its measurement-based uncomputation on every address, with and without
a control."""

import numpy as np
import pytest
from qiskit import ClassicalRegister

from qcog.circuits.arithmetic_lookup import append_unlookup, lookup_circuit
from qcog.circuits.metrics import two_qubit_gate_count
from qcog.testing import assert_exact_permutation


def lookup_map(table, w, tb, controlled, clear=False):
    off = 1 if controlled else 0
    mapping = {}
    for c in (0, 1) if controlled else (1,):
        for a in range(2**w):
            for t0 in [0] if clear else range(2**tb):
                value = table[a] if c else 0
                k = (c if controlled else 0) | a << off
                mapping[k | (value if clear else t0) << (off + w)] = k | (
                    0 if clear else t0 ^ value
                ) << (off + w)
    return mapping


@pytest.mark.parametrize("w", [0, 1, 2, 3])
@pytest.mark.parametrize("controlled", [False, True])
def test_lookup_and_unlookup(w, controlled):
    table = [int(v) for v in np.random.default_rng(w).integers(0, 8, 2**w)]
    qc = lookup_circuit(table, w, 3, controlled)
    assert_exact_permutation(qc, lookup_map(table, w, 3, controlled))
    regs = {r.name: r for r in qc.qregs}
    clear = ClassicalRegister(3, "clear")
    qc.add_register(clear)
    append_unlookup(
        qc,
        table,
        list(regs["address"]) if w else [],
        list(regs["target"]),
        list(regs["flag"]),
        clear,
        regs["ctrl"][0] if controlled else None,
        qc.cregs[0][0],
    )
    # lookup then unlookup = identity on every address with a cleared target
    cleared = lookup_map(table, w, 3, controlled, clear=True).values()
    assert_exact_permutation(qc, {k: k for k in cleared}, seeds=(1, 2, 3))


def test_lookup_cost_matches_the_model():
    table = [(7 * v) % 251 for v in range(16)]
    qc = lookup_circuit(table, 4, 8, controlled=True)
    ands = 2**4 - 1
    writes = sum((table[k] | table[k + 1]).bit_count() for k in range(0, 16, 2))
    assert two_qubit_gate_count(qc) == 5 * ands + writes
