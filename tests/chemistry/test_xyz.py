"""XYZ input: header or not, units, files, clear errors."""

import pytest

from qcog.chemistry.molecules import BOHR
from qcog.chemistry.xyz import read_xyz
from qcog.exceptions import QcogValueError


def test_standard_xyz_file_with_header(tmp_path):
    path = tmp_path / "water.xyz"
    path.write_text("3\nwater, angstrom\nO 0 0 0\nH 0.757 0.586 0\nh -0.757 0.586 0\n")
    mol = read_xyz(str(path))
    assert mol.symbols == ("O", "H", "H") and mol.n_electrons == 10 and mol.name == "water"
    assert mol.coordinates[1] == (0.757, 0.586, 0.0)


def test_bohr_is_converted_to_angstrom():
    mol = read_xyz("H 0 0 0\nH 0 0 1.4", unit="bohr")
    assert mol.coordinates[1][2] == pytest.approx(1.4 * BOHR)


@pytest.mark.parametrize("text, match", [
    ("H 0 0 0; H 0 0 x", "line 2"),
    ("3\ncomment\nH 0 0 0\nH 0 0 1", "header says 3"),
    ("", "no atoms"),
    ("H 0 0 0; H 0 0 0.01", "overlapping"),
])
def test_bad_xyz(text, match):
    with pytest.raises(QcogValueError, match=match):
        read_xyz(text)


def test_unknown_unit():
    with pytest.raises(QcogValueError, match="unit"):
        read_xyz("H 0 0 0; H 0 0 1", unit="nm")
