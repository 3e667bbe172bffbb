"""Error correction and mitigation benchmark: samplers, decoder, threshold, mitigation table.

What it measures, side by side in one run on this machine:

1. Sampling speed for the same noisy circuits (repetition and rotated surface code memory,
   d = 3 and 5, rounds = d, uniform circuit noise p = 0.005): qcog's Qiskit circuit with the
   noise as Aer Pauli channels on Aer's stabilizer simulator versus the Stim export
   (``compile_detector_sampler``), in shots per second (interleaved repeats; median and
   quartiles). The Stim compile is timed separately; Aer's time includes transpilation.
2. Decoding throughput: PyMatching on Stim-sampled detection events, surface code
   d = 3, 5, 7 (9 in full mode), p = 0.005, shots per second and per detection event.
3. Reference agreement: logical error rates of qcog's circuits versus
   ``stim.Circuit.generated`` at the same distance, rounds and noise (95% intervals and
   whether they overlap).
4. The surface-code threshold under uniform circuit-level depolarising noise: logical
   error per round versus p for d = 3, 5, 7 (and 9 in full mode), crossings of
   neighbouring distances with bootstrap intervals. Published range for this kind of noise
   with matching decoders: about 0.5-1% (e.g. 0.57% Fowler et al. 2012 for their model,
   about 1.1% Wang, Fowler, Hollenberg 2011 for circuit-level depolarising noise).
5. Mitigation table on ``fake:manila``: GHZ parity (4 qubits), a 4-qubit Ising energy and
   the 2-qubit H2 energy: absolute error versus the exact value without mitigation, with
   readout mitigation, with ZNE (scales 1, 3, 5, linear fit) and with both, over seeds
   (3 quick, 5 full) with 95% intervals, a paired verdict against no mitigation, and the
   circuit/shot overhead.

``python benchmarks/qec.py [--quick] [--out DIR]`` writes ``qec.json`` and ``qec.png``
(plus ``qec_threshold.png``) into DIR (default ``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"
P_SPEED = 0.005
MITIGATIONS = ("none", "readout", "zne", "both")


def _experiment(code: str, d: int):
    from qcog.qec.experiment import MemoryProblem

    return MemoryProblem(code, d, d, P_SPEED)


def sampling_speed(quick: bool) -> list[dict]:
    """Shots per second: Aer (noise in the circuit) versus Stim, same experiments."""
    from qcog.backends import get_backend
    from qcog.bench.stats import compare_timings, timing
    from qcog.qec.aer_noise import noisy_circuit
    from qcog.qec.stim_export import to_stim
    from qcog.runner import run

    repeats = 3 if quick else 5
    aer = get_backend("aer", method="stabilizer")
    rows = []
    for code in ("repetition", "surface"):
        for d in (3, 5):
            problem = _experiment(code, d)
            experiment = problem.experiment()
            aer_shots = (1000 if d == 3 else 300) if quick else (4000 if d == 3 else 1000)
            stim_shots = 100_000 if quick else 1_000_000
            noisy = noisy_circuit(experiment, problem.noise())
            start = time.perf_counter()
            circuit = to_stim(experiment, problem.noise())
            sampler = circuit.compile_detector_sampler(seed=1)
            compile_s = time.perf_counter() - start
            aer_s, stim_s = [], []
            for k in range(repeats):  # interleaved
                t = time.perf_counter()
                run(noisy, backend=aer, shots=aer_shots, seed=k, optimization_level=0)
                aer_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                sampler.sample(stim_shots, separate_observables=True)
                stim_s.append(time.perf_counter() - t)
            aer_rate = [aer_shots / s for s in aer_s]
            stim_rate = [stim_shots / s for s in stim_s]
            rows.append({
                "code": code, "distance": d, "rounds": d, "p": P_SPEED,
                "qubits": experiment.num_qubits, "detectors": experiment.num_detectors,
                "aer_shots": aer_shots, "stim_shots": stim_shots,
                "aer_shots_per_s": timing(aer_rate).to_dict(),
                "stim_shots_per_s": timing(stim_rate).to_dict(),
                "stim_compile_s": compile_s,
                "stim_over_aer": float(np.median(stim_rate) / np.median(aer_rate)),
                # seconds per shot, the repeats paired: Stim (qcog's export) versus Aer
                "stim_vs_aer": compare_timings([s / stim_shots for s in stim_s],
                                               [s / aer_shots for s in aer_s]).to_dict(),
            })
            print(f"{code} d={d}: Aer {np.median(aer_rate):,.0f} shots/s, "
                  f"Stim {np.median(stim_rate):,.0f} shots/s")
    return rows


def decoding_speed(quick: bool) -> list[dict]:
    """PyMatching throughput on Stim-sampled detection events of the surface code."""
    from qcog.bench.stats import timing
    from qcog.qec.decoding import matching_decoder, predict
    from qcog.qec.stim_export import to_stim

    rows = []
    for d in (3, 5, 7) if quick else (3, 5, 7, 9):
        problem = _experiment("surface", d)
        circuit = to_stim(problem.experiment(), problem.noise())
        start = time.perf_counter()
        decoder = matching_decoder(circuit)
        build_s = time.perf_counter() - start
        shots = 20_000 if quick else 100_000
        events, _ = circuit.compile_detector_sampler(seed=d).sample(shots, separate_observables=True)
        seconds = []
        for _ in range(3 if quick else 5):
            t = time.perf_counter()
            predict(decoder, events)
            seconds.append(time.perf_counter() - t)
        fired = int(events.sum())
        rows.append({
            "distance": d, "rounds": d, "p": P_SPEED, "shots": shots,
            "detectors": circuit.num_detectors, "detection_events": fired,
            "decoder_build_s": build_s,
            "shots_per_s": timing([shots / s for s in seconds]).to_dict(),
            "events_per_s": timing([fired / s for s in seconds]).to_dict(),
        })
        print(f"decode surface d={d}: {shots / np.median(seconds):,.0f} shots/s")
    return rows


def reference_agreement(quick: bool) -> list[dict]:
    """qcog's circuits versus stim.Circuit.generated: logical error rates and intervals."""
    from qcog.qec.decoding import count_logical_errors, matching_decoder
    from qcog.qec.experiment import MemoryProblem, run_memory
    from qcog.qec.rates import binomial_interval
    from qcog.qec.reference import stim_reference_circuit

    shots = 50_000 if quick else 500_000
    rows = []
    cases = [("repetition", "z", 0.02), ("surface", "x", 0.006), ("surface", "z", 0.006)]
    for code, basis, p in cases:
        for d in (3, 5, 7):
            ours = run_memory(MemoryProblem(code, d, d, p, basis), shots, seed=100 + d).logical_error_rate
            ref = stim_reference_circuit(code, d, d, p, basis)
            events, flips = ref.compile_detector_sampler(seed=200 + d).sample(shots, separate_observables=True)
            theirs = binomial_interval(count_logical_errors(matching_decoder(ref), events, flips[:, 0]), shots)
            rows.append({
                "code": code, "basis": basis, "distance": d, "rounds": d, "p": p, "shots": shots,
                "qcog": ours.to_dict(), "stim_generated": theirs.to_dict(),
                "intervals_overlap": bool(ours.low <= theirs.high and theirs.low <= ours.high),
            })
    return rows


def threshold(quick: bool, out_dir: Path) -> dict:
    from qcog.qec.threshold import estimate_crossing, plot_threshold, threshold_sweep

    distances = [3, 5, 7] if quick else [3, 5, 7, 9]
    ps = list(np.geomspace(0.004, 0.02, 7 if quick else 11))
    shots = 10_000 if quick else 100_000
    start = time.perf_counter()
    result = threshold_sweep("surface", distances, ps, shots, seed=7, basis="z")
    plot_threshold(result, out_dir / "qec_threshold.png")
    out = result.to_dict()
    out["wall_s"] = time.perf_counter() - start
    # the same crossing read from the logical error per shot (rounds = d differ per curve)
    small, large = ([r.logical_errors for r in result.results if r.problem.distance == d]
                    for d in distances[-2:])
    ones = [1] * len(ps)
    per_shot = estimate_crossing(ps, (small, ones), (large, ones), shots, seed=7)
    out["per_shot_crossing"] = per_shot.to_dict() if per_shot else None
    t = result.threshold
    if t is not None:
        print(f"surface-code threshold (d={distances[-2]}/{distances[-1]} crossing): "
              f"{t.mean:.4f} [{t.low}, {t.high}]")
    return out


def mitigation_table(quick: bool) -> list[dict]:
    from qcog.bench.stats import CLASSICAL_BETTER, QUANTUM_BETTER, compare, mean_interval
    from qcog.mitigation.estimator import mitigated_expectation_values
    from qcog.mitigation.options import Mitigation
    from qcog.mitigation.reference_problems import ghz_parity, h2_energy, ising_energy

    verdicts = {QUANTUM_BETTER: "mitigated better", CLASSICAL_BETTER: "unmitigated better"}
    seeds = range(3) if quick else range(5)
    shots = 4000
    rows = []
    for problem in (ghz_parity(4, "Z"), ising_energy(4), h2_energy()):
        errors = {name: [] for name in MITIGATIONS}
        cost = {}
        for seed in seeds:
            for name in MITIGATIONS:
                est = mitigated_expectation_values(problem.circuit, problem.observable, "fake:manila",
                                                   shots=shots, seed=seed, mitigation=Mitigation.parse(name))
                errors[name].append(abs(est.values[0] - problem.exact))
                cost[name] = {"circuits": est.circuits, "bases": est.bases,
                              "circuit_overhead": est.circuit_overhead, "shot_overhead": est.shot_overhead,
                              "total_shots": est.circuits * shots}
        for name in MITIGATIONS:
            row = {"problem": problem.name, "exact": problem.exact, "mitigation": name, "shots": shots,
                   "abs_error": mean_interval(errors[name]).to_dict(), **cost[name]}
            if name != "none":
                c = compare(errors[name], errors["none"], higher_is_better=False, paired=True)
                row["vs_none"] = {"difference": c.difference.to_dict(),
                                  "verdict": verdicts.get(c.verdict, c.verdict),
                                  "comparison": c.to_dict()}
            rows.append(row)
            print(f"{problem.name:<18} {name:<8} |error| {np.mean(errors[name]):.4f}")
    return rows


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(12, 9))
    ax = axes[0, 0]
    labels = [f"{r['code'][:3]} d={r['distance']}" for r in results["sampling"]]
    x = np.arange(len(labels))
    for offset, key, name in ((-0.2, "aer_shots_per_s", "Aer (stabilizer)"), (0.2, "stim_shots_per_s", "Stim")):
        ax.bar(x + offset, [r[key]["median"] for r in results["sampling"]], 0.4, label=name)
    ax.set_xticks(x, labels)
    ax.set_yscale("log")
    ax.set_ylabel("shots / s")
    ax.set_title("Sampling the same noisy memory circuits")
    ax.legend()
    ax = axes[0, 1]
    dec = results["decoding"]
    ax.plot([r["distance"] for r in dec], [r["shots_per_s"]["median"] for r in dec], "o-")
    ax.set_yscale("log")
    ax.set_xlabel("surface code distance (rounds = d, p = 0.005)")
    ax.set_ylabel("decoded shots / s (PyMatching)")
    ax.set_title("Decoding throughput")
    ax = axes[1, 0]
    for d in sorted({p["distance"] for p in results["threshold"]["points"]}):
        pts = sorted((p["p"], p["per_round"]) for p in results["threshold"]["points"] if p["distance"] == d)
        ps = [p for p, _ in pts]
        mean = np.array([r["mean"] for _, r in pts])
        err = [mean - [r["low"] for _, r in pts], np.array([r["high"] for _, r in pts]) - mean]
        ax.errorbar(ps, mean, yerr=err, marker="o", ms=3, capsize=2, label=f"d = {d}")
    t = results["threshold"]["threshold"]
    if t:
        ax.axvline(t["mean"], color="grey", ls="--", label=f"crossing {t['mean']:.4f}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("physical error rate p")
    ax.set_ylabel("logical error per round")
    ax.set_title("Surface code threshold (uniform circuit noise, MWPM)")
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    problems = list(dict.fromkeys(r["problem"] for r in results["mitigation"]))
    x = np.arange(len(problems))
    for k, name in enumerate(MITIGATIONS):
        rows = [next(r for r in results["mitigation"] if r["problem"] == p and r["mitigation"] == name)
                for p in problems]
        means = [r["abs_error"]["mean"] for r in rows]
        spread = [r["abs_error"]["std"] for r in rows]
        ax.bar(x + (k - 1.5) * 0.2, means, 0.2, yerr=spread, capsize=2, label=name)
    ax.set_xticks(x, problems, fontsize=8)
    ax.set_ylabel("|estimate - exact|")
    ax.set_title("Mitigation on fake:manila (mean over seeds)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(quick: bool, out_dir) -> dict:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results = {"quick": quick}
    results["sampling"] = sampling_speed(quick)
    results["decoding"] = decoding_speed(quick)
    results["reference_agreement"] = reference_agreement(quick)
    results["threshold"] = threshold(quick, out_dir)
    results["mitigation"] = mitigation_table(quick)
    t = results["threshold"]["threshold"]
    results["threshold_estimate"] = t
    results["threshold_in_0.5_to_1_percent"] = bool(t and 0.005 <= t["mean"] <= 0.010)
    results["all_reference_intervals_overlap"] = all(r["intervals_overlap"] for r in results["reference_agreement"])
    results["verdicts"] = verdicts(results)
    results["card"] = card(results, quick)
    results["wall_s"] = time.perf_counter() - start
    (out_dir / "qec.json").write_text(json.dumps(results, indent=2, default=str))
    plot(results, out_dir / "qec.png")
    return results


def verdicts(results: dict) -> list[dict]:
    """Verdict rows: Stim versus Aer sampling (surface d = 5), readout + ZNE versus none."""
    from qcog.bench.verdicts import verdict_row

    command = "qcog bench --only qec"
    rows = [
        verdict_row(f"seconds per shot, {r['code']} code d = {r['distance']} memory, p = {r['p']}",
                    r["stim_vs_aer"], quantum="Stim export (qcog)", classical="Aer stabilizer",
                    unit="s", versus="peer", command=command,
                    note=f"{r['stim_vs_aer']['ratio']['n']} interleaved repeats, same noisy circuit",
                    headline=r["code"] == "surface" and r["distance"] == 5)
        for r in results["sampling"]
    ]
    rows += [
        verdict_row(f"|error| of {r['problem']} on fake:manila", r["vs_none"]["comparison"],
                    quantum="readout + ZNE", classical="no mitigation", versus="peer",
                    command=command, headline=r["problem"].startswith("H2"),
                    note=f"{r['vs_none']['comparison']['difference']['n']} seeds x {r['shots']} shots; "
                         f"{r['circuit_overhead']:g}x circuits")
        for r in results["mitigation"] if r["mitigation"] == "both"
    ]
    return rows


def card(results: dict, quick: bool) -> dict:
    from qcog.bench.card import card_fields

    return card_fields(
        inputs={"codes": ["repetition", "surface"], "p_speed": P_SPEED,
                "mitigation_problems": sorted({r["problem"] for r in results["mitigation"]})},
        parameters={"threshold_distances": [3, 5, 7] if quick else [3, 5, 7, 9],
                    "mitigations": list(MITIGATIONS)},
        seeds={"mitigation": list(range(3 if quick else 5)), "threshold": 7},
        shots={"mitigation": 4000, "threshold": 10_000 if quick else 100_000},
        counts={f"{r['code']}_d{r['distance']}": {"qubits": r["qubits"], "detectors": r["detectors"]}
                for r in results["sampling"]},
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 1-2 minute subset")
    parser.add_argument("--out", default=str(RESULTS), help="output folder")
    args = parser.parse_args(argv)
    run(args.quick, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
