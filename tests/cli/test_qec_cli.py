"""``qcog qec`` and ``qcog qec-threshold``: JSON, text, files, plots and one-line errors."""

import json

import pytest

from qcog.cli import main


def test_memory_json_is_one_object(capsys):
    argv = ["qec", "--code", "surface", "--distance", "3", "--rounds", "2", "--p", "0.004",
            "--shots", "5000", "--seed", "2", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == "surface" and data["rounds"] == 2 and data["shots"] == 5000
    assert data["experiment"]["qubits"] == 17 and data["experiment"]["detectors"] == 16
    rate = data["logical_error_rate"]
    assert rate["low"] <= rate["mean"] <= rate["high"] and data["sampler"] == "stim"


def test_memory_text_and_circuit_files(tmp_path, capsys):
    stim_file, qasm_file = tmp_path / "c.stim", tmp_path / "c.qasm"
    argv = ["qec", "--code", "repetition", "--basis", "x", "--distance", "5", "--shots", "1000",
            "--seed", "1", "--stim-out", str(stim_file), "--qasm-out", str(qasm_file)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "repetition code, d=5" in out and "per round" in out
    import stim

    from qcog.qasm import load_qasm

    assert stim.Circuit.from_file(str(stim_file)).num_detectors == 4 * 5 + 4
    circuit = load_qasm(str(qasm_file))
    assert circuit.count_ops()["reset"] > 0 and circuit.num_clbits == 5 * 4 + 5


def test_threshold_sweep_with_plot(tmp_path, capsys):
    plot = tmp_path / "threshold.png"
    argv = ["qec-threshold", "--distances", "3,5", "--ps", "0.005,0.01,0.02", "--shots", "3000",
            "--seed", "3", "--plot", str(plot), "--json"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["points"]) == 6 and data["crossings"][0]["small"] == 3
    assert plot.stat().st_size > 10_000
    assert "threshold sweep" in captured.err  # the progress bar


@pytest.mark.parametrize("argv, message", [
    (["qec", "--distance", "4"], "odd integer >= 3"),
    (["qec", "--distance", "1"], "odd integer >= 3"),
    (["qec", "--rounds", "0"], "argument --rounds: must be an integer >= 1"),
    (["qec", "--p", "1.5"], "must be in [0, 1]"),
    (["qec", "--p", "-0.1"], "must be in [0, 1]"),
    (["qec", "--shots", "0"], "argument --shots: must be an integer >= 1"),
    (["qec", "--seed", "-1"], "argument --seed"),
    (["qec", "--distance", "25", "--sampler", "aer", "--shots", "1000000000000"], "fewer shots"),
    (["qec-threshold", "--distances", "3", "--shots", "10"], "at least two distances"),
    (["qec-threshold", "--ps", "0.01,x", "--shots", "10"], "numbers separated by commas"),
])
def test_bad_input_is_one_line_with_status_2(argv, message, capsys):
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's own checks of the options
        status = exc.code
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err and len(captured.err.strip().splitlines()) == 1
