"""Named molecules as data, checked in one loop; bad geometries are refused."""

import math

import pytest

from qcog.chemistry.molecules import NAMED, Molecule, named_molecule
from qcog.exceptions import QcogValueError

#: name -> (electrons, the distance between the atoms the bond length sets)
FACTS = {"H2": (2, (0, 1)), "LiH": (4, (0, 1)), "BeH2": (6, (0, 1)), "H2O": (10, (0, 1)),
         "H4": (4, (2, 3))}


def test_every_named_molecule_is_tested():
    assert set(FACTS) == set(NAMED)


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_geometry_has_the_bond_length(name):
    electrons, (i, j) = FACTS[name]
    mol = named_molecule(name, 1.234)
    assert mol.n_electrons == electrons
    assert math.dist(mol.coordinates[i], mol.coordinates[j]) == pytest.approx(1.234)
    assert named_molecule(name.lower()).coordinates == named_molecule(name).coordinates


def test_water_angle():
    o, h1, h2 = named_molecule("H2O").coordinates
    a = [x - y for x, y in zip(h1, o)]
    b = [x - y for x, y in zip(h2, o)]
    cos = sum(x * y for x, y in zip(a, b)) / (math.hypot(*a) * math.hypot(*b))
    assert math.degrees(math.acos(cos)) == pytest.approx(104.45)


@pytest.mark.parametrize("kwargs, match", [
    ({"symbols": ("H", "H"), "coordinates": ((0, 0, 0), (0, 0, 0.05))}, "overlapping"),
    ({"symbols": ("H", "Xx"), "coordinates": ((0, 0, 0), (0, 0, 1))}, "not supported"),
    ({"symbols": ("H", "Na"), "coordinates": ((0, 0, 0), (0, 0, 1))}, "not supported"),
    ({"symbols": ("H",), "coordinates": ((0, 0, 0), (0, 0, 1))}, "positions"),
    ({"symbols": ("H", "H"), "coordinates": ((0, 0, 0), (0, 1))}, "three"),
    ({"symbols": ("H", "H"), "coordinates": ((0, 0, 0), (0, 0, 1)), "charge": 2}, "electrons"),
    ({"symbols": ("H", "H"), "coordinates": ((0, 0, 0), (0, 0, 1)), "basis": "def2"}, "basis"),
])
def test_bad_molecules_are_refused(kwargs, match):
    with pytest.raises(QcogValueError, match=match):
        Molecule(**kwargs)


@pytest.mark.parametrize("name, r, match", [("benzene", None, "unknown molecule"),
                                            ("H2", -0.7, "positive"), ("H2", 0.01, "overlapping")])
def test_bad_named_requests(name, r, match):
    with pytest.raises(QcogValueError, match=match):
        named_molecule(name, r)
