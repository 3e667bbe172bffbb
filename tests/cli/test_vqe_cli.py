"""``qcog vqe`` on the command line: JSON, text, scans, plots and one-line errors."""

import json

import pytest

from qcog.cli import main
from qcog.cli.vqe import parse_scan

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_h2_json(capsys):
    assert main(["vqe", "--molecule", "H2", "--no-progress", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["chemical_accuracy"] and abs(out["error_mha"]) < 1e-3
    assert out["hamiltonian"]["qubits"] == 4 and out["engine"] == "torch"


def test_xyz_text_output_and_plot(capsys, tmp_path):
    plot = tmp_path / "conv.png"
    argv = ["vqe", "--xyz", "H 0 0 0; H 0 0 1.4", "--unit", "bohr", "--ansatz", "doubles",
            "--no-progress", "--plot", str(plot)]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "FCI" in text and "chemical accuracy: yes" in text
    assert plot.stat().st_size > 1000


def test_scan_json(capsys):
    assert main(["vqe", "--molecule", "H2", "--scan", "0.6,1.2", "--no-progress", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["bond_lengths"] == [0.6, 1.2] and out["all_chemically_accurate"]


def test_parse_scan():
    assert parse_scan("1:2:3") == [1.0, 1.5, 2.0]
    assert parse_scan("0.7, 0.9") == [0.7, 0.9]


@pytest.mark.parametrize("argv, message", [
    (["--molecule", "benzene"], "unknown molecule"),
    (["--xyz", "H 0 0 0; H 0 0 0.01"], "overlapping"),
    (["--xyz", "H 0 0 0"], "odd"),
    (["--xyz", "Li 0 0 0; H 0 0 1.6", "--active-electrons", "3"], "even"),
    (["--xyz", "H 0 0 0; H 0 0 1", "--scan", "1,2"], "--molecule"),
    (["--molecule", "H2", "--scan", "1:2"], "START:STOP:N"),
    (["--molecule", "H2", "--optimizer", "spsa"], "spsa is for shot-based"),
    (["--molecule", "LiH", "--charge", "1"], "odd"),
    (["--molecule", "H2", "--unit", "bohr"], "--unit applies to --xyz"),
    (["--molecule", "H2", "--layers", "3"], "--layers applies"),
    (["--molecule", "H2", "--mitigation", "zne"], "shot-based backends"),
])
def test_bad_input_is_one_line_with_exit_2(capsys, argv, message):
    assert main(["vqe", *argv, "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
