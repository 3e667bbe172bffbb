import json

import pytest

from qcog.cli import main
from qcog.testing.cli import cli_status


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
        "twoq_basis",
        "cx_count",
        "depth",
        "attempts",
        "backend",
        "wall_s",
        "quantum_order_found",
    ):
        assert key in out
    assert {"a", "phases", "candidates", "verdict"} <= set(out["attempts"][0])


def test_shor_gate_level_json_reports_basis_and_cx(capsys):
    assert main(["shor", "21", "--base", "2", "--seed", "2", "--force-quantum", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["factors"] == [3, 7] and out["quantum_order_found"]
    assert out["backend"] == "sparse-statevector" and out["arithmetic"] == "windowed"
    assert out["cx_count"] == out["twoq_gates"] > 0 and "cx, cz" in out["twoq_basis"]


def test_shor_gate_level_text_on_aer(capsys):
    args = [
        "shor",
        "15",
        "--base",
        "7",
        "--seed",
        "2",
        "--backend",
        "aer",
        "--force-quantum",
        "--arithmetic",
        "beauregard",
    ]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "15 = 3 x 5" in text and "11 qubits" in text and "CX in cx/rz/sx/x" in text
    assert "not a quantum factorisation" in text  # 7^4 = 1: the construction reveals it


def test_a_is_a_deprecated_alias_of_base(capsys):
    assert main(["shor", "15", "--a", "7"]) == 0
    captured = capsys.readouterr()
    assert "--a is deprecated, use --base" in captured.err
    assert "classical shortcut: order_revealed" in captured.out


def test_full_method_runs_the_textbook_circuit(capsys):
    assert main(["shor", "21", "--method", "full", "--seed", "2", "--force-quantum", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "full" and out["classical_shortcut"] is None and out["qubits"] == 25


@pytest.mark.parametrize(
    "args,match",
    [
        (
            ["shor", "21", "--max-attempts", "-1"],
            "argument --max-attempts: must be an integer >= 1",
        ),
        (["shor", "21", "--seed", "-1"], "argument --seed: must be an integer in 0..4294967295"),
        (["shor", "21", "--shots", "0"], "argument --shots: must be an integer >= 1"),
        (["shor", "21", "--window", "9"], "argument --window"),
        (["shor", "1"], ">= 2"),
        (["shor", str(3 * (2**69 + 1))], "71 bits"),
        (["shor", str(3 * (2**69 + 1)), "--method", "fast"], "accepts up to 40 bits"),
        (["shor-estimate", "--bits", "1"], "argument --bits: must be an integer in 2..100000"),
        (["shor-estimate", "--bits", "9", "--reaction-us", "-5"], "argument --reaction-us"),
        (["shor-estimate", "--bits", "1000000"], "100000"),
        (["shor-estimate", "--bits", "2048", "--physical-error", "0.02"], "threshold"),
        (["rsa-demo", "--bits", "64"], "argument --bits"),
        (["rsa-demo", "--seed", "-1"], "argument --seed"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(capsys, args, match):
    assert cli_status(args) == 2  # argparse or qcog refuses, one line either way
    err = capsys.readouterr().err
    assert match in err and err.strip().count("\n") == 0
    if "71 bits" in match:
        assert "--method fast" not in err and "shor-estimate --bits 71" in err


def test_shor_prime_and_lucky_gcd(capsys):
    assert main(["shor", "13", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["classical_shortcut"] == "prime"
    assert main(["shor", "15", "--base", "5"]) == 0  # shares 5 with 15: reported, not an error
    assert "gcd" in capsys.readouterr().out


def test_shor_estimate_compare_json(capsys):
    assert main(["shor-estimate", "--bits", "2048", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    models = {row["model"]: row for row in out["rows"]}
    assert {"qcog windowed", "Gidney-Ekera 2019", "Gidney 2025", "Qrisp"} <= set(models)
    assert 2.5e9 < models["Gidney-Ekera 2019"]["toffolis"] < 2.9e9
    assert models["Gidney 2025"]["physical_qubits"] == 897_864


def test_shor_estimate_single_models(capsys):
    assert (
        main(
            [
                "shor-estimate",
                "--bits",
                "2048",
                "--model",
                "qcog",
                "--arithmetic",
                "beauregard",
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["qubits"] == 4099
    assert main(["shor-estimate", "--bits", "3072", "--model", "gidney-ekera-2019"]) == 0
    assert "physical_qubits" in capsys.readouterr().out


def test_rsa_demo_fast_json(capsys):
    assert main(["rsa-demo", "--bits", "16", "--seed", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["decrypted"] == "Shor was here" and len(out["steps"]) == 5
