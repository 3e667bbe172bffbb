"""``qcog qaoa`` on the command line: JSON, text, files, plots and one-line errors."""

import json

import pytest

from qcog.cli import main

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def test_graph_json(capsys):
    assert main(["qaoa", "--graph", "cycle:6", "--p", "2", "--no-progress", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [round(lv["ratio"], 4) for lv in out["levels"]] == [0.75, 0.8333]
    assert out["best_sample"]["verified"] and out["baselines"]["exact"]["min_energy"] == -6


def test_qubo_file_text_and_plot(capsys, tmp_path):
    path = tmp_path / "q.json"
    path.write_text(json.dumps({"Q": [[-1, 2, 0], [0, -1, 2], [0, 0, -1]]}))
    plot = tmp_path / "ratio.png"
    assert main(["qaoa", "--qubo", str(path), "--p", "2", "--no-progress", "--plot", str(plot)]) == 0
    text = capsys.readouterr().out
    assert "best of 1024 samples" in text and "Goemans-Williamson" in text
    assert plot.stat().st_size > 1000


@pytest.mark.parametrize("argv, message", [
    (["--graph", "er:6:0"], "no edges"),
    (["--graph", "hexagon"], "neither a known spec"),
    (["--graph", "regular:3:60"], "fewer nodes"),
    (["--qubo", "/no/such.json"], "does not exist"),
])
def test_bad_input_is_one_line_with_exit_2(capsys, argv, message):
    assert main(["qaoa", *argv, "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_bad_numbers_stop_at_the_parser(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["qaoa", "--graph", "cycle:4", "--p", "0"])
    assert stop.value.code == 2 and "--p" in capsys.readouterr().err
