"""Molecules from XYZ text or files, with the unit stated (angstrom or bohr).

Accepted: the standard XYZ layout (a first line with the atom count, a comment line, then
``symbol x y z`` per atom) or just the ``symbol x y z`` lines; in text given on a
command line, ``;`` separates lines.

>>> mol = read_xyz("H 0 0 0; H 0 0 1.4", unit="bohr")
>>> round(mol.coordinates[1][2], 4), mol.n_electrons
(0.7408, 2)
>>> read_xyz("H 0 0 0; H 0 0")
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: XYZ line 2 ('H 0 0'): expected 'symbol x y z'
"""

from __future__ import annotations

import os
from pathlib import Path

from qcog.chemistry.molecules import BOHR, Molecule
from qcog.exceptions import QcogValueError

UNITS = {"angstrom": 1.0, "bohr": BOHR}


def _lines(source: str) -> list[str]:
    if "\n" not in source and ";" not in source and os.path.isfile(source):
        return Path(source).read_text(encoding="utf-8").splitlines()
    return [line for chunk in source.splitlines() for line in chunk.split(";")]


def read_xyz(source: str, unit: str = "angstrom", charge: int = 0, basis: str = "sto-3g",
             name: str | None = None) -> Molecule:
    """A :class:`Molecule` from an XYZ file path or XYZ text.

    Args:
        source: a path to an ``.xyz`` file, or the text itself.
        unit: ``"angstrom"`` (default) or ``"bohr"``: the unit of the coordinates.
        charge: total charge.
        basis: basis set name.
        name: a label (default: the file name or "xyz geometry").

    Raises:
        QcogValueError: unknown unit, malformed lines, an atom count that does not match,
            and everything :class:`Molecule` refuses (unknown elements, overlapping atoms).
    """
    if unit not in UNITS:
        raise QcogValueError(f"unit {unit!r} is not known; accepted: {', '.join(UNITS)}")
    lines = [line.strip() for line in _lines(str(source))]
    count = None
    if lines and lines[0].isdigit():
        count = int(lines[0])
        lines = lines[2:]
    symbols, points = [], []
    for number, line in enumerate(lines, start=1 if count is None else 3):
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        try:
            if len(parts) != 4:
                raise ValueError
            point = tuple(float(v) * UNITS[unit] for v in parts[1:])
        except ValueError:
            raise QcogValueError(f"XYZ line {number} ({line!r}): expected 'symbol x y z'") from None
        symbols.append(parts[0])
        points.append(point)
    if not symbols:
        raise QcogValueError("the XYZ geometry has no atoms; write one 'symbol x y z' line per atom")
    if count is not None and count != len(symbols):
        raise QcogValueError(f"the XYZ header says {count} atoms but {len(symbols)} are listed")
    label = name or (Path(source).stem if os.path.isfile(str(source)) else "xyz geometry")
    return Molecule(tuple(symbols), tuple(points), charge, basis, label)
