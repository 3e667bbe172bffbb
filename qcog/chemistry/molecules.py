"""Molecules: atoms and positions (in angstrom), charge and basis, checked when built.

Named molecules are kept as data (:data:`NAMED`): each record builds the geometry from
one bond length and says which active space qcog uses by default. Any geometry can also
be given directly or read from XYZ text (:mod:`qcog.chemistry.xyz`).

Elements H to Ne are supported: those are the atoms whose basis sets PennyLane's
built-in (differentiable) Hartree-Fock ships with, so nothing is downloaded.

>>> mol = named_molecule("LiH", bond_length=1.6)
>>> mol.symbols, mol.n_electrons, mol.coordinates[1]
(('Li', 'H'), 4, (0.0, 0.0, 1.6))
>>> named_molecule("benzene")
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: unknown molecule 'benzene'; named molecules: H2, LiH, BeH2, H2O, H4 (or give an XYZ geometry)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from qcog.exceptions import QcogValueError

#: Elements PennyLane's built-in basis sets cover, by atomic number.
ATOMIC_NUMBERS = {"H": 1, "He": 2, "Li": 3, "Be": 4, "B": 5, "C": 6, "N": 7, "O": 8, "F": 9,
                  "Ne": 10}
#: Basis sets PennyLane's built-in Hartree-Fock ships for those elements.
BASIS_SETS = ("sto-3g", "6-31g", "6-311g", "cc-pvdz")
#: Nuclei closer than this (angstrom) are refused as overlapping.
MIN_DISTANCE = 0.1
BOHR = 0.529177210903  # angstrom per bohr


@dataclass(frozen=True)
class Molecule:
    """Atoms at fixed positions.

    Attributes:
        symbols: element symbols, e.g. ``("Li", "H")``.
        coordinates: one ``(x, y, z)`` per atom, in angstrom.
        charge: total charge (electrons = sum of atomic numbers - charge).
        basis: a key of :data:`BASIS_SETS`.
        name: a label for reports.

    Raises:
        QcogValueError: unknown elements or basis, malformed coordinates, overlapping atoms,
            no electrons.
    """

    symbols: tuple[str, ...]
    coordinates: tuple[tuple[float, float, float], ...]
    charge: int = 0
    basis: str = "sto-3g"
    name: str = "molecule"

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", tuple(_element(s) for s in self.symbols))
        object.__setattr__(self, "coordinates", tuple(_point(c) for c in self.coordinates))
        if not self.symbols:
            raise QcogValueError("a molecule needs at least one atom")
        if len(self.symbols) != len(self.coordinates):
            raise QcogValueError(
                f"{len(self.symbols)} atoms but {len(self.coordinates)} positions; give one "
                "(x, y, z) per atom"
            )
        if self.basis not in BASIS_SETS:
            raise QcogValueError(f"basis {self.basis!r} is not built in; accepted: {', '.join(BASIS_SETS)}")
        if isinstance(self.charge, bool) or not isinstance(self.charge, int):
            raise QcogValueError(f"charge must be an integer, got {self.charge!r}")
        if self.n_electrons < 1:
            raise QcogValueError(f"charge {self.charge} leaves {self.n_electrons} electrons")
        _check_distances(self.symbols, self.coordinates)

    @property
    def n_electrons(self) -> int:
        return sum(ATOMIC_NUMBERS[s] for s in self.symbols) - self.charge

    def to_dict(self) -> dict:
        return {"name": self.name, "symbols": list(self.symbols),
                "coordinates_angstrom": [list(c) for c in self.coordinates],
                "charge": self.charge, "basis": self.basis, "electrons": self.n_electrons}


def _element(symbol: str) -> str:
    text = str(symbol).strip()
    fixed = text[:1].upper() + text[1:].lower()
    if fixed not in ATOMIC_NUMBERS:
        raise QcogValueError(
            f"element {symbol!r} is not supported; accepted: {', '.join(ATOMIC_NUMBERS)} "
            "(the elements of PennyLane's built-in basis sets)"
        )
    return fixed


def _point(values) -> tuple[float, float, float]:
    try:
        point = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        raise QcogValueError(f"a position must be three numbers (x, y, z), got {values!r}") from None
    if len(point) != 3 or not all(math.isfinite(v) for v in point):
        raise QcogValueError(f"a position must be three finite numbers (x, y, z), got {values!r}")
    return point


def _check_distances(symbols, coordinates) -> None:
    for i in range(len(coordinates)):
        for j in range(i):
            d = math.dist(coordinates[i], coordinates[j])
            if d < MIN_DISTANCE:
                raise QcogValueError(
                    f"atoms {j + 1} ({symbols[j]}) and {i + 1} ({symbols[i]}) are {d:.3f} angstrom "
                    f"apart (overlapping); nuclei must be at least {MIN_DISTANCE} angstrom apart "
                    "(coordinates are in angstrom unless the unit says bohr)"
                )


@dataclass(frozen=True)
class NamedMolecule:
    """A molecule built from one bond length.

    Attributes:
        name: its name (``"LiH"``).
        symbols: element symbols.
        geometry: ``bond_length -> coordinates`` (angstrom).
        bond_length: the equilibrium (default) bond length in angstrom.
        bond: what the bond length is (for help texts and plots).
        active: default ``(active_electrons, active_orbitals)``; None: all orbitals.
    """

    name: str
    symbols: tuple[str, ...]
    geometry: Callable[[float], list[tuple[float, float, float]]] = field(repr=False)
    bond_length: float
    bond: str
    active: tuple[int, int] | None = None


def _diatomic(r):
    return [(0.0, 0.0, 0.0), (0.0, 0.0, r)]


def _linear_triatomic(r):
    return [(0.0, 0.0, -r), (0.0, 0.0, 0.0), (0.0, 0.0, r)]


def _water(r, angle=104.45):
    half = math.radians(angle) / 2
    return [(0.0, 0.0, 0.0), (r * math.sin(half), 0.0, r * math.cos(half)),
            (-r * math.sin(half), 0.0, r * math.cos(half))]


def _chain(count):
    return lambda r: [(0.0, 0.0, k * r) for k in range(count)]


#: Name -> record. Equilibrium bond lengths are experimental values (NIST CCCBDB).
NAMED: dict[str, NamedMolecule] = {
    m.name: m
    for m in [
        NamedMolecule("H2", ("H", "H"), _diatomic, 0.7414, "H-H distance"),
        NamedMolecule("LiH", ("Li", "H"), _diatomic, 1.5949, "Li-H distance", (2, 5)),
        NamedMolecule("BeH2", ("H", "Be", "H"), _linear_triatomic, 1.3264,
                      "Be-H distance (linear, symmetric)", (4, 6)),
        NamedMolecule("H2O", ("O", "H", "H"), _water, 0.9584,
                      "O-H distance (angle 104.45 degrees)", (4, 4)),
        NamedMolecule("H4", ("H", "H", "H", "H"), _chain(4), 1.0,
                      "H-H spacing of a linear chain"),
    ]
}


def named_record(name: str) -> NamedMolecule:
    """The :class:`NamedMolecule` called ``name`` (case-insensitive).

    Raises:
        QcogValueError: unknown name (the known ones are listed).
    """
    lookup = {key.lower(): record for key, record in NAMED.items()}
    record = lookup.get(str(name).strip().lower())
    if record is None:
        raise QcogValueError(
            f"unknown molecule {name!r}; named molecules: {', '.join(NAMED)} (or give an XYZ geometry)"
        )
    return record


def named_molecule(name: str, bond_length: float | None = None, basis: str = "sto-3g",
                   charge: int = 0) -> Molecule:
    """The named molecule at ``bond_length`` angstrom (default: its equilibrium).

    Raises:
        QcogValueError: unknown name, a bond length that is not positive, overlapping atoms,
            a charge that leaves no electrons.
    """
    record = named_record(name)
    r = record.bond_length if bond_length is None else float(bond_length)
    if not r > 0 or not math.isfinite(r):
        raise QcogValueError(f"bond length must be a positive number of angstrom, got {bond_length!r}")
    label = f"{record.name}{'' if not charge else f' (charge {charge:+d})'} (R={r:g} A)"
    return Molecule(record.symbols, tuple(record.geometry(r)), charge, basis, label)
