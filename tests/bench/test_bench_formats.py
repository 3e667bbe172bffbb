"""Every benchmark format, over one table of sample results (trimmed from real runs)."""

import pytest

from qcog.bench.formats import FORMATS, format_for, generic_details

#: benchmark name -> (a trimmed result of a real run, headline text expected, details text expected)
SAMPLES = {
    "grover": (
        {
            "queries": {
                "seeds": [0, 1, 2],
                "shots_per_seed": 1024,
                "rows": [
                    {
                        "n": 10,
                        "classical_expected": 512.5,
                        "classical_measured": {"mean": 515.1, "low": 502.3, "high": 527.8, "n": 3},
                        "grover_iterations": 25,
                        "grover_success_probability": 0.9995,
                        "grover_expected_until_verified": 25.01,
                        "measured_success_probability": {
                            "mean": 0.999, "low": 0.9966, "high": 1.001, "n": 3
                        },
                        "measured_expected_until_verified": {
                            "mean": 25.02, "low": 24.96, "high": 25.09, "n": 3
                        },
                    },
                    {
                        "n": 20,
                        "classical_expected": 524288.5,
                        "grover_iterations": 804,
                        "grover_success_probability": 1.0,
                        "grover_expected_until_verified": 804.0,
                    },
                ],
            },
            "comparison": {
                "repeats": 5,
                "shots": 1024,
                "rows": [
                    {
                        "n": 10,
                        "iterations": 25,
                        "ours_twoq_per_iteration": 96,
                        "theirs_twoq_per_iteration": 580,
                        "theirs_idle_qubit_twoq_per_iteration": 96,
                        "gate_ratio": 0.166,
                        "ours_time_s": {"median": 0.101, "q1": 0.098, "q3": 0.105, "n": 5},
                        "theirs_time_s": {"median": 0.091, "q1": 0.084, "q3": 0.104, "n": 5},
                        "time": {
                            "ratio": {"mean": 1.3, "low": 0.717, "high": 2.36, "n": 5},
                            "verdict": "no significant difference",
                        },
                    }
                ],
            },
            "largest_n": {
                "limit_s": 60.0,
                "device": "CPU",
                "largest_n": 19,
                "configs": [{"label": "aer", "largest_n": 19, "rows": [{"n": 19, "wall_s": 41.0}]}],
            },
        },
        [
            "| oracle queries, n = 20, one marked value (theory) | 524,288 | 804 |",
            "| 2q gates per Grover iteration, n = 10 (cx/rz/sx/x) | 580 | 96 |",
            "given one idle qubit it needs 96",
        ],
        [
            "| 10 | 25 | 580 | 96 | 96 | 0.166 |",
            "| 10 | 0.091 (IQR 0.084-0.104) | 0.101 (IQR 0.098-0.105) | 1.3 [0.717, 2.36] |",
            "| 10 | 512 | 515.1 [502.3, 527.8] | 25 |",
            "| aer | 19 | 41 |",
        ],
    ),
    "quantum_layer": (
        {
            "measures": "samples/s of forward+backward, batch 64",
            "device": "cpu",
            "torch_threads": 1,
            "target": "qcog >= 5.0x default.qubit up to 10 qubits",
            "target_met": True,
            "min_ratio_default_qubit": 6.5,
            "rows": [
                {
                    "qubits": 4,
                    "layers": 2,
                    "device": "cpu",
                    "qcog": 52893.0,
                    "default.qubit": 5294.0,
                    "lightning.qubit": 241.0,
                    "ratio_default.qubit": 9.99,
                    "ratio_lightning.qubit": 219.5,
                },
                {
                    "qubits": 12,
                    "layers": 3,
                    "device": "cpu",
                    "qcog": 900.0,
                    "default.qubit": 120.0,
                    "ratio_default.qubit": 7.5,
                },
            ],
        },
        [
            "| layer samples/s, 4 qubits / 2 layers (cpu) | 5,294 | 52,893 | baseline: PennyLane default.qubit; x9.99; lightning.qubit 241/s |",
            "| layer samples/s, 12 qubits / 3 layers (cpu) | 120 | 900 |",
        ],
        ["| 4 | 2 | 52,893 | 5,294 | 241 | 9.99 | 220 |", "**met** (smallest ratio 6.5x)"],
    ),
    "shor": (
        {
            "budget_s_per_path": 600.0,
            "gate_counts": {
                "rows": [
                    {"N": 15, "a": 7, "qcog_windowed": {"cx_opt1": 167},
                     "qcog_beauregard": {"cx_opt1": 1582}, "qrisp": {"cx_opt1": 1336},
                     "below_qrisp": True},
                ],
                "below_qrisp_at_every_N": True,
            },
            "gate_level": [
                {"N": 21, "bits": 5, "factored": True, "factors": [3, 7], "a": 2, "order": 6,
                 "wall_s": 14.0, "qubits": 16, "cx_count": 2966, "attempts": 1,
                 "trial_division_s": 1e-6, "pollard_rho_s": 3e-5},
            ],
            "fast": [
                {"N": 10403, "bits": 14, "factored": True, "factors": [101, 103], "wall_s": 5.9,
                 "qubits": 15, "cx_count": None, "attempts": 1, "trial_division_s": 1e-5,
                 "pollard_rho_s": 4e-5},
            ],
            "estimates": {"compare_2048": [
                {"model": "Gidney-Ekera 2019", "logical_qubits": 6389, "toffolis": 2.7e9,
                 "t_count": None, "two_qubit_gates": None, "physical_qubits": 19248768, "hours": 5.06},
            ]},
            "largest_N_gate_level": 21,
            "largest_N_fast": 10403,
        },
        [
            "| time to factor N = 21, gate level, sparse simulator (s, one run) | 3e-05 | 14 | classical: Pollard rho; 16 qubits, 2,966 CX |",
            "| time to factor N = 10403, fast path, simulation only (s, one run) | 4e-05 | 5.9 |",
            "| CX of order finding for N = 15 (cx/rz/sx/x) | 1,336 | 167 | baseline: Qrisp, same run |",
        ],
        [
            "gate level **21**, fast path (simulation only) **10,403**",
            "| 21 | 5 | yes | 3, 7 | 2 | 6 | 14 |",
            "| 15 | 7 | 167 | 1,582 | 1,336 | yes |",
            "| Gidney-Ekera 2019 | 6,389 |",
        ],
    ),
    "hybrid_models": (
        {
            "threads": 1,
            "experiments": [
                {
                    "experiment": "cnn",
                    "data": "digits",
                    "synthetic": False,
                    "sizes": {"train": 1258, "val": 269, "test": 270},
                    "seeds": [0, 1, 2, 3, 4],
                    "parameters": {"hybrid": 3646, "twin": 3670},
                    "baseline": "RBF SVM on pixels (C, gamma tuned on validation)",
                    "accuracy": {
                        "hybrid": {"mean": 0.962, "low": 0.947, "high": 0.977, "n": 5},
                        "twin": {"mean": 0.946, "low": 0.931, "high": 0.961, "n": 5},
                        "baseline": {"mean": 0.985, "low": 0.98, "high": 0.99, "n": 5},
                    },
                    "time_per_epoch": {
                        "quantum": {"median": 0.24, "q1": 0.23, "q3": 0.25, "n": 5},
                        "classical": {"median": 0.09, "q1": 0.085, "q3": 0.095, "n": 5},
                    },
                }
            ],
            "targets": {
                "cnn_hybrid_accuracy": {"mean": 0.962, "low": 0.947, "high": 0.977, "n": 5},
                "cnn_target_met": True,
                "transformer_gap_points": {"mean": 2.5, "low": 5.0, "high": 0.0},
                "transformer_target_met": True,
            },
        },
        ["| trainable parameters, cnn on digits | 3,670 | 3,646 |"],
        [
            "| cnn | digits | 5 | 270 | 0.962 [0.947, 0.977] | 0.946 [0.931, 0.961] | 0.985 [0.98, 0.99] |",
            "(target >= 0.95): **met**",
            "2.5 points below its twin on average [0, 5]",
        ],
    ),
    "sequence_models": (
        {
            "seeds": [0, 1, 2, 3, 4],
            "pairs": [
                {
                    "name": "seq2seq_dates",
                    "kind": "seq2seq",
                    "data": "dates:en-de",
                    "score": "test_bleu",
                    "unit": "BLEU",
                    "synthetic": True,
                    "hybrid": {"parameters": 17024, "seconds_per_epoch": {"median": 1.877}},
                    "twin": {"parameters": 17040, "seconds_per_epoch": {"median": 2.088}},
                    "comparison": {
                        "quantum": {"mean": 97.6212, "low": 96.6901, "high": 98.5522, "n": 5},
                        "classical": {"mean": 97.8834, "low": 97.2157, "high": 98.5512, "n": 5},
                        "difference": {"mean": -0.2623, "low": -0.9938, "high": 0.4693, "n": 5},
                        "verdict": "no significant difference",
                    },
                }
            ],
            "adapters": {
                "data": "polarity:b",
                "rows": [
                    {
                        "method": "lora r=2",
                        "trainable_parameters": 418,
                        "accuracy": {"mean": 80.4889, "low": 78.4858, "high": 82.492, "n": 5},
                        "seconds_per_epoch": {"median": 0.887},
                    },
                    {
                        "method": "quantum adapter n=2",
                        "trainable_parameters": 442,
                        "accuracy": {"mean": 81.2444, "low": 78.7873, "high": 83.7016, "n": 5},
                        "seconds_per_epoch": {"median": 2.012},
                    },
                ],
                "comparisons": [
                    {
                        "quantum": "quantum adapter n=2",
                        "classical": "lora r=2",
                        "comparison": {
                            "quantum": {"mean": 81.2444, "low": 78.7873, "high": 83.7016, "n": 5},
                            "classical": {"mean": 80.4889, "low": 78.4858, "high": 82.492, "n": 5},
                            "difference": {"mean": 0.7556, "low": 0.1203, "high": 1.3908, "n": 5},
                            "verdict": "quantum better",
                        },
                    }
                ],
            },
            "speed": {
                "task": "one training epoch of the qlstm on the oscillation series",
                "max_output_difference": 2.2e-08,
                "torch_engine": {"median": 0.598, "q1": 0.581, "q3": 0.67, "n": 5},
                "pennylane_torchlayer": {"median": 8.599, "q1": 8.395, "q3": 8.668, "n": 5},
                "speedup": {"median": 13.074, "q1": 12.751, "q3": 14.812, "n": 5},
            },
        },
        [
            (
                "| test_bleu (BLEU), seq2seq_dates on dates:en-de | 97.88 | 97.62 | twin vs hybrid, "
                "5 seeds; hybrid - twin -0.26 [-0.99, +0.47]: no significant difference; "
                "parameters 17040 vs 17024 |"
            ),
            "| test accuracy (points), quantum adapter n=2 vs lora r=2 | 80.49 | 81.24 |",
            "| QLSTM seconds per epoch (PennyLane TorchLayer vs qcog torch engine) | 8.6 | 0.598 |",
        ],
        [
            "| quantum adapter n=2 | 442 | 81.24 [78.79, 83.70] | 2.01 |",
            "| quantum adapter n=2 | lora r=2 | +0.76 [+0.12, +1.39] | quantum better |",
            "**13.1x** (quartiles 12.8-14.8)",
        ],
    ),
    "simulators": (
        {
            "engines": ["aer-cpu", "torch-cpu"],
            "machine": {"host_bandwidth_GBps": 10.0, "gpu_bandwidth_GBps": None},
            "agreement_max_abs_diff_8q": {"layered/torch-cpu": 1e-15},
            "reference": {"layered_28q_aer_gpu_s": 0.77},
            "speedups": [
                {
                    "circuit": "layered",
                    "qubits": 20,
                    "engine": "torch-cpu",
                    "speedup_vs_aer_cpu": 1.25,
                }
            ],
            "rows": [
                {
                    "circuit": "layered",
                    "engine": "aer-cpu",
                    "qubits": 10,
                    "gates": 190,
                    "seconds": 0.01,
                    "timing": {"median": 0.01, "q1": 0.009, "q3": 0.011, "n": 7},
                    "floor_seconds": 0.0004,
                },
                {
                    "circuit": "layered",
                    "engine": "aer-cpu",
                    "qubits": 20,
                    "gates": 390,
                    "seconds": 0.5,
                    "timing": {"median": 0.5, "q1": 0.45, "q3": 0.55, "n": 7},
                    "floor_seconds": 0.8,
                },
                {
                    "circuit": "layered",
                    "engine": "torch-cpu",
                    "qubits": 20,
                    "gates": 390,
                    "seconds": 0.4,
                    "timing": {"median": 0.4, "q1": 0.38, "q3": 0.42, "n": 7},
                    "floor_seconds": 0.8,
                },
                {
                    "circuit": "qft",
                    "engine": "aer-cpu",
                    "qubits": 20,
                    "gates": 220,
                    "seconds": 0.3,
                    "timing": {"median": 0.3, "q1": 0.29, "q3": 0.31, "n": 7},
                    "floor_seconds": 0.45,
                },
            ],
        },
        [
            (
                "| seconds per circuit, layered, 20 qubits (median) | 0.5 (IQR 0.45-0.55) | "
                "0.4 (IQR 0.38-0.42) | baseline: Aer CPU; per-gate bandwidth floor 0.8 s; "
                "fastest other engine: torch-cpu |"
            ),
            "| seconds per circuit, qft, 20 qubits (median) | 0.3 (IQR 0.29-0.31) | - |",
        ],
        [
            "| qubits | gates | aer-cpu (s, median and IQR) | torch-cpu (s, median and IQR) | floor, double, host (s) |",
            "| 20 | 390 | 0.5 (IQR 0.45-0.55) | 0.4 (IQR 0.38-0.42) | 0.8 |",
            "| layered | 20 | torch-cpu | 1.25 |",
        ],
    ),
    "variational": (
        {
            "measures": "VQE: CPU seconds to chemical accuracy",
            "vqe_time_to_accuracy": [
                {
                    "molecule": "LiH", "qubits": 10, "terms": 276, "parameters": 24,
                    "engines": {
                        "torch": {"cpu_s": {"median": 0.065}, "wall_s": {"median": 0.1},
                                  "reached": 2, "runs": 2, "evaluation_cpu_s": 0.004},
                        "default.qubit": {"cpu_s": {"median": 2.262}, "wall_s": {"median": 3.0},
                                          "reached": 2, "runs": 2, "evaluation_cpu_s": 0.15},
                        "lightning.qubit": {"cpu_s": {"median": 0.391}, "wall_s": {"median": 0.5},
                                            "reached": 2, "runs": 2, "evaluation_cpu_s": 0.03},
                    },
                    "speedup_default.qubit": {"median": 34.97},
                    "speedup_lightning.qubit": {"median": 6.0},
                }
            ],
            "vqe_scans": [
                {"molecule": "H2", "bond": "H-H distance", "bond_lengths": [0.5, 1.0],
                 "hf": [-1.04, -1.10], "fci": [-1.06, -1.10], "vqe": [-1.06, -1.10],
                 "errors_mha": [2e-10, 1e-9], "max_error_mha": 1e-9, "all_chemically_accurate": True}
            ],
            "qaoa": {
                "sizes": [10, 12],
                "rows": [
                    {"p": 3, "n": "all", "instances": 4, "qaoa_ratio": {"mean": 0.898},
                     "gw_mean_ratio": {"mean": 0.966}, "gw_best_ratio": {"mean": 1.0},
                     "local_search_ratio": {"mean": 1.0},
                     "qaoa_vs_gw_mean": {"verdict": "classical better"}}
                ],
                "farhi": {"bound": 0.6924, "min_ratio": 0.7424, "instances": 4, "all_above_bound": True},
            },
            "qaoa_timing": [{"n": 10, "p": 3, "torch_s": {"median": 0.99},
                             "default.qubit_s": {"median": 1.55}, "speedup": {"median": 1.6}}],
        },
        [
            "| VQE CPU s to chemical accuracy, LiH 10 qubits | 2.26 | 0.065 | baseline: PennyLane default.qubit; x35;",
            "| QAOA MaxCut ratio at p=3 (3-regular, n=[10, 12]) | 0.966 | 0.898 |",
            "| QAOA p=1 smallest ratio on 3-regular graphs | 0.692 | 0.742 |",
        ],
        [
            "| LiH | 10 | 276 | 24 | lightning.qubit | 0.391 |",
            "| 3 | all | 4 | 0.898 | 0.966 | 1 | 1 | classical better |",
        ],
    ),
}


def _render(rows):
    from qcog.bench.markdown import table

    return table(["measure", "classical", "quantum", "note"], rows)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_survives_an_empty_result(name):
    fmt = FORMATS[name]
    assert fmt.title and fmt.order < 100
    assert isinstance(fmt.headline({}), list)
    assert isinstance(fmt.details({}), str)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_format_shows_the_numbers_of_a_real_result(name):
    result, headline_expected, details_expected = SAMPLES[name]
    fmt = format_for(name)
    rows = fmt.headline(result)
    assert all(len(row) == 4 for row in rows)
    text = _render(rows)
    for expected in headline_expected:
        assert expected in text
    details = fmt.details(result)
    for expected in details_expected:
        assert expected in details


def test_unknown_benchmark_gets_the_generic_format():
    fmt = format_for("brand_new")
    assert fmt.title == "brand_new" and fmt.headline({"x": 1}) == []
    assert fmt.details({"x": 1}) == generic_details({"x": 1})


def test_quantum_layer_floor_section_is_reported():
    from qcog.bench.formats.quantum_layer import details

    t = {"median": 0.0012}
    result = {"rows": [], "floor": [{
        "circuit": "reuploading", "batch": 64, "dtype": "float32",
        "seconds": {"hand-written": {"median": 0.0006}, "recording only": {"median": 0.0001},
                    "qcog": t, "default.qubit": {"median": 0.0035}},
        "ratio_default.qubit": {"hand-written": 5.7, "recording only": 35.0, "qcog": 2.6}}]}
    text = details(result)
    assert "| reuploading | 64 | 0.6 | 0.1 | 1.2 | 3.5 | 5.7 | 2.6 |" in text


def test_quantum_layer_compiled_columns_and_verdict_are_reported():
    from qcog.bench.formats.quantum_layer import details

    spread = {"q1": 10.5, "q3": 11.5}
    result = {"target": "qcog >= 10x", "target_met": False, "min_ratio_default_qubit": 5.5,
              "target_met_compiled": True, "min_ratio_compiled": 10.2, "rows": [
                  {"qubits": 4, "layers": 2, "batch": 64, "dtype": "float32", "qcog": 4e4,
                   "default.qubit": 7e3, "ratio_default.qubit": 5.5, "ratio_spread": spread,
                   "ratio_compiled": 11.0, "ratio_compiled_spread": spread, "compile_seconds": 14.0},
                  {"qubits": 12, "layers": 3, "batch": 256, "dtype": "float32", "qcog": 4e3,
                   "default.qubit": 200.0, "ratio_default.qubit": 17.1, "ratio_spread": spread,
                   "ratio_compiled": 17.1, "compiled": "runs eagerly"}]}
    text = details(result)
    assert "| 4 | 2 | 64 | float32 | 40,000 | 7,000 | - | 5.5 | 10.5-11.5 | 11 | 10.5-11.5 | 14 |" in text
    assert "| 17.1 | eager | - |" in text
    assert "**not met** (smallest ratio 5.5x); with the torch-compiled engine: **met** (smallest ratio 10.2x)" in text
