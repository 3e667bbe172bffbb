import json

from qcog.cli import main


def test_demo_runs_every_step_and_says_what_it_did(capsys):
    assert main(["demo", "--backend", "aer", "--seed", "3", "--only", "bell", "--only", "ghz", "--only", "noise"]) == 0
    out = capsys.readouterr().out
    assert "qcog demo on backend 'aer'" in out
    assert "Bell state" in out and "GHZ state" in out and "fake:manila" in out


def test_demo_json_agrees_with_exact_distributions(capsys):
    assert main(["demo", "--backend", "aer", "--json", "--only", "bell", "--only", "superposition"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in data["steps"]] == ["superposition", "bell"]
    for step in data["steps"]:
        assert step["tvd"] < 0.06  # 2000 shots: shot noise only


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_demo_grover_step_finds_exactly_the_marked_values(capsys):
    assert main(["demo", "--backend", "aer", "--json", "--only", "grover"]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][0]
    assert sorted(int(x, 2) for x in step["found"]) == [5, 9]
    assert abs(step["measured_success_probability"] - step["success_probability"]) < 0.06


def test_demo_quantum_layer_trains_and_runs_the_same_weights_on_aer(capsys):
    assert main(["demo", "--backend", "aer", "--json", "--only", "quantum_layer"]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][0]
    assert step["loss_end"] < 0.5 * step["loss_start"]
    assert step["backend_gap"] < 5 / 64 + 0.01  # 4096 shots: 5 sigma of a <Z> estimate


def test_demo_shor_step_factors_15_with_a_verified_order(capsys):
    assert main(["demo", "--backend", "aer", "--json", "--only", "shor"]) == 0
    step = json.loads(capsys.readouterr().out)["steps"][0]
    assert sorted(step["factors"]) == [3, 5]
    assert pow(7, step["order"], 15) == 1 and step["order"] == 4
