"""The rotated surface code memory experiment as a Qiskit circuit.

Layout: ``d * d`` data qubits on a grid, row ``i`` and column ``j`` (qubit ``i*d + j``),
and one measure qubit per stabiliser. A stabiliser sits on the plaquette whose
top-left data qubit is ``(a, b)``, ``-1 <= a, b <= d - 1``, acting on the plaquette's data
qubits that exist. Plaquettes alternate X and Z type like a checkerboard (X where
``a + b`` is odd); the weight-2 plaquettes on the top and bottom edges are X type, those
on the left and right edges Z type, which gives ``(d*d - 1) / 2`` of each.

One round: Hadamards on the X-type measure qubits, four layers of CNOTs (X type in
the order SE, SW, NE, NW; Z type SE, NE, SW, NW, so that no data qubit is used twice in a
layer and a hook error, on the last two data qubits, lies across the logical operator it
could otherwise shorten), Hadamards again, then every measure qubit is measured and
reset. This is the layout and schedule of ``stim.Circuit.generated("surface_code:
rotated_memory_x")``: with the same noise, the two give the same detector error model up
to the numbering of detectors (a test checks it).

The memory experiment in basis ``z`` prepares all data qubits in |0> (logical |0>) and
ends by measuring them; in basis ``x`` it uses |+> and X-basis readout. Logical Z is Z on
row 0, logical X is X on column 0.

>>> exp = rotated_surface_code_memory(distance=3, rounds=3, basis="x")
>>> exp.num_qubits, exp.num_detectors
(17, 24)
"""

from __future__ import annotations

from dataclasses import dataclass

from qcog.qec.memory import ROUND_LABEL, MemoryExperiment, check_basis, check_code_size

#: CNOT order per stabiliser type, as (row, column) offsets from the plaquette's top-left.
CNOT_ORDER = {
    "x": ((1, 1), (1, 0), (0, 1), (0, 0)),  # SE, SW, NE, NW
    "z": ((1, 1), (0, 1), (1, 0), (0, 0)),  # SE, NE, SW, NW
}


@dataclass(frozen=True)
class Plaquette:
    """One stabiliser: its type ('x'/'z'), top-left corner ``(a, b)`` and data qubits.

    ``data[k]`` is the data qubit touched in CNOT layer ``k`` (None where the plaquette
    is cut by the boundary).
    """

    kind: str
    a: int
    b: int
    data: tuple[int | None, ...]

    @property
    def support(self) -> tuple[int, ...]:
        return tuple(q for q in self.data if q is not None)


def plaquettes(distance: int) -> list[Plaquette]:
    """The ``d*d - 1`` stabilisers of the distance-``d`` rotated surface code, row by row.

    >>> [p.kind for p in plaquettes(3)].count("x")
    4
    """
    d = distance
    out = []
    for a in range(-1, d):
        for b in range(-1, d):
            kind = "x" if (a + b) % 2 == 1 else "z"
            on_row_edge = a in (-1, d - 1)
            on_col_edge = b in (-1, d - 1)
            if on_row_edge and on_col_edge:
                continue  # corners hold no stabiliser
            if (on_row_edge and kind != "x") or (on_col_edge and kind != "z"):
                continue
            data = tuple(
                (a + da) * d + (b + db) if 0 <= a + da < d and 0 <= b + db < d else None
                for da, db in CNOT_ORDER[kind]
            )
            out.append(Plaquette(kind, a, b, data))
    return out


def logical_support(distance: int, basis: str) -> tuple[int, ...]:
    """Data qubits of the logical operator measured in ``basis``: row 0 for Z, column 0 for X."""
    d = distance
    return tuple(range(d)) if basis == "z" else tuple(i * d for i in range(d))


def rotated_surface_code_memory(distance: int, rounds: int, basis: str = "z") -> MemoryExperiment:
    """Build the rotated surface code memory experiment.

    Args:
        distance: code distance, odd and >= 3.
        rounds: stabiliser rounds, >= 1.
        basis: 'z' keeps logical |0>, 'x' keeps logical |+>.

    Returns:
        A :class:`MemoryExperiment` on ``2 * distance**2 - 1`` qubits.

    Raises:
        QcogValueError: even or too small distance, rounds < 1, unknown basis.
    """
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    check_code_size(distance, rounds)
    basis = check_basis(basis)
    d = distance
    stabilisers = plaquettes(d)
    data = list(range(d * d))
    ancilla = {p: d * d + k for k, p in enumerate(stabilisers)}
    x_ancillas = [ancilla[p] for p in stabilisers if p.kind == "x"]
    num_bits = rounds * len(stabilisers) + d * d
    circuit = QuantumCircuit(
        QuantumRegister(2 * d * d - 1, "q"), ClassicalRegister(num_bits, "m"),
        name=f"surface_{basis}_d{d}_r{rounds}",
    )
    circuit.reset(range(circuit.num_qubits))
    if basis == "x":
        circuit.h(data)
    history = []  # history[t][k]: the bit of stabiliser k in round t
    for _ in range(rounds):
        circuit.barrier(data, label=ROUND_LABEL)
        circuit.h(x_ancillas)
        for layer in range(4):
            for p in stabilisers:
                q = p.data[layer]
                if q is not None:
                    circuit.cx(*((ancilla[p], q) if p.kind == "x" else (q, ancilla[p])))
        circuit.h(x_ancillas)
        start = len(history) * len(stabilisers)
        for k, p in enumerate(stabilisers):
            circuit.measure(ancilla[p], start + k)
        circuit.reset([ancilla[p] for p in stabilisers])
        history.append(list(range(start, start + len(stabilisers))))
    if basis == "x":
        circuit.h(data)
    final_start = rounds * len(stabilisers)
    circuit.measure(data, range(final_start, final_start + d * d))
    detectors, coords = _detectors(stabilisers, history, final_start, basis)
    return MemoryExperiment(
        circuit=circuit,
        detectors=detectors,
        observable=tuple(final_start + q for q in logical_support(d, basis)),
        data_qubits=tuple(data),
        code="surface",
        distance=d,
        rounds=rounds,
        basis=basis,
        detector_coords=coords,
    )


def _detectors(stabilisers: list[Plaquette], history, final_start: int, basis: str):
    """Round-1 parities of the prepared type, changes between rounds, the final readout."""
    detectors, coords = [], []
    for t, row in enumerate(history):
        for k, p in enumerate(stabilisers):
            if t == 0 and p.kind != basis:
                continue  # random in round 1: the preparation does not fix it
            detectors.append((row[k],) if t == 0 else (history[t - 1][k], row[k]))
            coords.append((2 * p.b + 2, 2 * p.a + 2, t))
    for k, p in enumerate(stabilisers):
        if p.kind == basis:
            detectors.append((*(final_start + q for q in p.support), history[-1][k]))
            coords.append((2 * p.b + 2, 2 * p.a + 2, len(history)))
    return tuple(detectors), tuple(coords)
