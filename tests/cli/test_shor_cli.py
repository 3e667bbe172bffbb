import json

from qcog.cli import main


def test_shor_fast_json(capsys):
    assert main(["shor", "91", "--method", "fast", "--seed", "4", "--force-quantum", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["N"] == 91 and out["factors"] == [7, 13] and out["simulation_only"] is True
    for key in (
        "method",
        "classical_shortcut",
        "a",
        "order",
        "qubits",
        "twoq_gates",
        "depth",
        "attempts",
        "backend",
        "wall_s",
    ):
        assert key in out
    assert {"a", "phases", "candidates", "verdict"} <= set(out["attempts"][0])


def test_shor_gate_level_text(capsys):
    assert (
        main(
            [
                "shor",
                "15",
                "--a",
                "7",
                "--seed",
                "2",
                "--shots",
                "8",
                "--backend",
                "aer",
                "--force-quantum",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "15 = 3 x 5" in text and "11 qubits" in text


def test_shor_prime_and_bad_input(capsys):
    assert main(["shor", "13", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["classical_shortcut"] == "prime"
    assert main(["shor", "1"]) == 2
    assert ">= 2" in capsys.readouterr().err
    assert main(["shor", "15", "--a", "5"]) == 0  # shares 5 with 15: reported, not an error
    assert "gcd" in capsys.readouterr().out


def test_shor_estimate_json(capsys):
    assert main(["shor-estimate", "--bits", "2048", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (
        out["qubits"] == 4099 and out["twoq_gates"] > 0 and out["t_count"] > 0 and out["depth"] > 0
    )
