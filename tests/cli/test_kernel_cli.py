import json

import numpy as np

from qcog.cli import main


def test_gram_exact_json_saves_the_matrix_and_a_heat_map(tmp_path, capsys):
    out, plot = tmp_path / "k.npy", tmp_path / "k.png"
    assert main(["kernel", "gram", "--points", "12", "--qubits", "2", "--json",
                 "--out", str(out), "--plot", str(plot)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["shape"] == [12, 12] and data["feature_map"]["name"] == "zz"
    matrix = np.load(out)
    assert np.allclose(np.diag(matrix), 1) and plot.stat().st_size > 0


def test_wide_maps_default_to_random_points_and_adhoc_stays_for_small_ones(capsys):
    assert main(["kernel", "gram", "--points", "6", "--qubits", "8", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["shape"] == [6, 6]
    assert main(["kernel", "gram", "--points", "6", "--qubits", "8", "--data", "adhoc"]) == 2
    assert "fewer qubits" in capsys.readouterr().err


def test_gram_on_a_fake_backend_resumes_from_the_job_store(tmp_path, capsys):
    from qcog.ibm.store import JobStore

    store = tmp_path / "kernel-jobs.sqlite"
    args = ["kernel", "gram", "--points", "4", "--backend", "fake:manila", "--shots", "100",
            "--max-circuits", "3", "--seed", "1", "--store", str(store)]
    assert main(args + ["--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["jobs"], first["resumed"]) == (2, 0)
    assert len(JobStore(store).list_jobs()) == 2  # the jobs are in the store given
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "6 circuits in 2 jobs (2 taken from the job store)" in text


def test_progress_bar_on_stderr_by_default_and_off_with_no_progress(capsys):
    argv = ["kernel", "gram", "--points", "6", "--qubits", "2"]
    assert main(argv) == 0 and "block" in capsys.readouterr().err
    assert main([*argv, "--no-progress"]) == 0 and capsys.readouterr().err == ""


def test_compare_text_reports_intervals_and_verdicts(capsys):
    assert main(["kernel", "compare", "--dataset", "iris", "--qubits", "2", "--seeds", "2",
                 "--max-samples", "60"]) == 0
    text = capsys.readouterr().out
    assert "qsvc" in text and "rbf_svc" in text and "qsvc vs random_fourier:" in text


def test_bad_features_are_one_line_errors(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("1,2\nnan,3\n")
    assert main(["kernel", "gram", "--data", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NaN or inf" in err
    bad.write_text("1,2,3\n4,5,6\n")
    assert main(["kernel", "gram", "--data", str(bad), "--qubits", "2"]) == 2
    assert "has 3 features but feature map 'zz' on 2 qubits takes 2" in capsys.readouterr().err
    assert main(["kernel"]) == 2


def test_bad_numbers_stop_at_the_command_line(capsys):
    import pytest

    with pytest.raises(SystemExit) as stop:
        main(["kernel", "gram", "--points", "0"])
    assert stop.value.code == 2
    assert "--points: must be an integer >= 1" in capsys.readouterr().err
