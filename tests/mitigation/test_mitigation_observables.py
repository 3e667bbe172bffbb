"""Observables: parsing, grouping into bases, and measured values against statevectors."""

import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp, Statevector

from qcog.exceptions import QcogValueError
from qcog.mitigation.observables import (
    as_pauli_ops,
    basis_circuit,
    basis_of,
    measurement_bases,
    parity_expectation,
    support,
)


def test_grouping_covers_every_term_with_as_few_bases_as_qubitwise_commuting_allows():
    ops = as_pauli_ops([SparsePauliOp(["ZZI", "IZZ", "XXX", "YIY"], [1, 1, 0.5, 0.5]), "IIZ"], 3)
    bases = measurement_bases(ops)
    assert len(bases) == 3
    for label in ["ZZI", "IZZ", "XXX", "YIY", "IIZ"]:
        basis = bases[basis_of(label, bases)]
        assert all(p in ("I", b) for p, b in zip(label, basis))


def test_support_reads_qiskit_order():
    assert sorted(support("XIZ")) == [0, 2] and support("XII") == [2] and support("III") == []


@pytest.mark.parametrize("bad, fragment", [("ZQ", "not a Pauli"), ("ZZZ", "acts on 3"), ([], "at least one")])
def test_bad_observables_are_refused(bad, fragment):
    with pytest.raises(QcogValueError, match=fragment):
        as_pauli_ops(bad, 2)


def test_basis_circuits_measure_what_the_statevector_says():
    from qcog.runner import run

    qc = QuantumCircuit(2)
    qc.ry(0.7, 0)
    qc.rx(0.4, 1)
    qc.cx(0, 1)
    state = Statevector(qc)
    shots = 40_000
    for label in ("ZZ", "XI", "IY", "YX"):
        basis = "".join(letter if letter != "I" else "Z" for letter in label)
        counts = run(basis_circuit(qc, basis), backend="aer", shots=shots, seed=5).counts
        measured = parity_expectation(counts, support(label))
        exact = state.expectation_value(SparsePauliOp(label)).real
        assert measured == pytest.approx(exact, abs=5 / shots**0.5), label
