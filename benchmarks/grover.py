"""Grover benchmark: oracle queries vs classical search, qcog vs qiskit-algorithms, largest n.

What it measures, side by side in one run (Aer CPU, this machine):

1. Oracle queries for one marked value, n = 4..20: classical random search (expected
   ``(N+1)/2``) and Grover with the optimal ``k`` (expected ``k / p`` until a verified
   hit), in theory for every n and measured on Aer over seeds (the measured success
   probability of 1024 shots per seed, and classical random search simulated with as many
   trials per seed). Verdict at the largest measured n: queries until a verified hit,
   quantum versus classical, over the seeds. BBHT (unknown M) is measured for small n.
2. Against qiskit-algorithms' ``Grover`` on the same problems (one marked value, the same
   optimal k and shots): two-qubit gates per iteration after transpiling to cx/rz/sx/x
   (exact counts), for qiskit-algorithms' usual set-up, for the same operator given one
   idle qubit, and for qcog (one helper qubit by default). qcog's lead over the usual
   set-up is the helper qubit: Qiskit's own multi-controlled-X synthesis, given one idle
   qubit, reaches the same count. End-to-end time on Aer: repeats interleaved side by
   side (the order alternates), median and quartiles, and a verdict on the time ratio
   with its 95 % interval (:func:`qcog.bench.stats.compare_timings`). qiskit-algorithms
   is optional (``pip install qiskit-algorithms``, the ``bench`` extra); without it that
   part is skipped and the JSON says so.
3. The largest n searched on Aer CPU within a minute (one marked value, optimal k): a
   single run per n, reported in the details, not as a verdict.

Full mode: 10 seeds for the queries, 15 timing repeats per size; quick mode: 3 seeds, 5
repeats, fewer sizes.

``python benchmarks/grover.py [--quick] [--out DIR]`` writes ``grover.json`` and
``grover.png`` into DIR (default ``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
TIME_LIMIT_S = 60.0
SHOTS = 1024
SEED = 7
#: (seeds for the measured queries, timing repeats per size) in full and quick mode
FULL = {"seeds": 10, "repeats": 15, "measured_max": 14, "bbht": (10, 5), "compare": range(6, 15)}
QUICK = {"seeds": 3, "repeats": 5, "measured_max": 10, "bbht": (6, 3), "compare": range(6, 11, 2)}
COMMAND = "qcog bench --only grover"


def _marked(n: int) -> int:
    """A fixed, unremarkable marked value for n qubits."""
    return (0b1011010110110101 * 2654435761) % (2**n)


def _classical_queries(n: int, trials: int, seed: int) -> float:
    """Mean queries of classical random search (no repeats) for one marked value, simulated."""
    import numpy as np

    # the marked item's position in a uniformly random order of all 2**n candidates
    return float(np.random.default_rng(seed).integers(1, 2**n + 1, size=trials).mean())


def queries_section(settings: dict, step) -> dict:
    """Classical vs Grover oracle queries for one marked value: theory, and measured over seeds."""
    from qcog.algorithms.grover import GroverProblem
    from qcog.algorithms.grover_theory import (
        classical_expected_queries,
        optimal_iterations,
        rotation_angle,
        success_probability,
    )
    from qcog.bench.stats import compare, mean_interval
    from qcog.circuits.oracles import marked_oracle

    seeds = list(range(settings["seeds"]))
    bbht_max, bbht_seeds = settings["bbht"]
    rows, verdict = [], None
    for n in range(4, 21):
        size = 2**n
        theta = rotation_angle(1, size)
        k = optimal_iterations(theta)
        p = success_probability(k, theta)
        row = {
            "n": n,
            "classical_expected": classical_expected_queries(1, size),
            "grover_iterations": k,
            "grover_success_probability": p,
            "grover_expected_until_verified": k / p,
        }
        oracle = marked_oracle([_marked(n)], n)
        if n <= settings["measured_max"]:
            measured = [
                GroverProblem(oracle).run("aer", shots=SHOTS, seed=SEED + 100 * s + n)
                for s in seeds
            ]
            success = [r.measured_success_probability for r in measured]
            quantum = [k / max(p_s, 1 / SHOTS) for p_s in success]
            classical = [_classical_queries(n, SHOTS, seed=1000 + 100 * s + n) for s in seeds]
            comparison = compare(quantum, classical, higher_is_better=False, paired=False)
            row["measured_success_probability"] = mean_interval(success).to_dict()
            row["measured_expected_until_verified"] = comparison.quantum.to_dict()
            row["classical_measured"] = comparison.classical.to_dict()
            verdict = (n, comparison)
        if n <= bbht_max:
            runs = [
                GroverProblem(oracle, unknown_count=True).run("aer", shots=1, seed=s)
                for s in range(bbht_seeds)
            ]
            # all rounds: the search's whole cost
            row["bbht_oracle_queries"] = mean_interval(
                [r.total_oracle_queries for r in runs]
            ).to_dict()
            row["bbht_all_found"] = all(r.found == [format(_marked(n), f"0{n}b")] for r in runs)
        rows.append(row)
        step(f"queries n = {n}")
        print(
            f"queries n={n:2d}: classical {row['classical_expected']:>9.1f}  grover k={k:4d} "
            f"(k/p {row['grover_expected_until_verified']:.1f})"
            + (
                f"  measured k/p {row['measured_expected_until_verified']['mean']:.2f}"
                if "measured_expected_until_verified" in row
                else ""
            )
        )
    return {"rows": rows, "seeds": seeds, "shots_per_seed": SHOTS, "verdict_at": verdict}


def _qiskit_algorithms_problem(n: int, marked: int):
    """The usual qiskit-algorithms setup: an MCX phase oracle, no helper qubit."""
    from qiskit import QuantumCircuit
    from qiskit_algorithms import AmplificationProblem

    oracle = QuantumCircuit(n)
    zeros = [q for q in range(n) if not marked >> q & 1]
    if zeros:
        oracle.x(zeros)
    oracle.h(n - 1)
    oracle.mcx(list(range(n - 1)), n - 1)
    oracle.h(n - 1)
    if zeros:
        oracle.x(zeros)
    return AmplificationProblem(oracle, is_good_state=[format(marked, f"0{n}b")])


def _widened(circuit, extra: int):
    """``circuit`` on ``extra`` more qubits that it leaves idle."""
    from qiskit import QuantumCircuit

    wide = QuantumCircuit(circuit.num_qubits + extra)
    wide.compose(circuit, range(circuit.num_qubits), inplace=True)
    return wide


def _interleaved(repeats: int, first, second) -> tuple[list[float], list[float], object, object]:
    """Time ``first()`` and ``second()`` side by side ``repeats`` times, alternating the order."""
    a_times, b_times, a_out, b_out = [], [], None, None
    for r in range(repeats):
        for which in (0, 1) if r % 2 == 0 else (1, 0):
            start = time.perf_counter()
            out = (first, second)[which]()
            elapsed = time.perf_counter() - start
            if which == 0:
                a_times.append(elapsed)
                a_out = out
            else:
                b_times.append(elapsed)
                b_out = out
    return a_times, b_times, a_out, b_out


def comparison_section(settings: dict, step) -> dict:
    """qcog vs qiskit-algorithms: 2q gates per iteration (exact) and end-to-end time on Aer."""
    try:
        import qiskit_algorithms  # noqa: F401
    except ImportError:
        message = (
            "qiskit-algorithms is not installed (pip install qiskit-algorithms): comparison skipped"
        )
        print(message)
        return {"skipped": message}
    from qiskit.transpiler import generate_preset_pass_manager
    from qiskit_aer import AerSimulator
    from qiskit_aer.primitives import SamplerV2
    from qiskit_algorithms import Grover

    from qcog.algorithms.grover import GroverProblem
    from qcog.algorithms.grover_theory import optimal_iterations, rotation_angle
    from qcog.bench.stats import compare_timings
    from qcog.circuits.grover import grover_iteration
    from qcog.circuits.metrics import cost_in_basis
    from qcog.circuits.oracles import marked_oracle

    rows = []
    # Built once, outside the timings (the most favourable setup for qiskit-algorithms).
    manager = generate_preset_pass_manager(optimization_level=1, backend=AerSimulator())
    warm = marked_oracle([1], 4)  # first calls load plugins: warm both paths up untimed
    Grover(iterations=1, sampler=SamplerV2(seed=SEED), transpiler=manager).amplify(
        _qiskit_algorithms_problem(4, 1)
    )
    GroverProblem(warm).run("aer", shots=SHOTS, seed=SEED)
    for n in settings["compare"]:
        marked = _marked(n)
        k = optimal_iterations(rotation_angle(1, 2**n))
        problem = _qiskit_algorithms_problem(n, marked)
        theirs_2q = cost_in_basis(problem.grover_operator).twoq_gates
        theirs_idle_2q = cost_in_basis(_widened(problem.grover_operator, 1)).twoq_gates
        oracle = marked_oracle([marked], n)
        ours_2q = cost_in_basis(grover_iteration(oracle, "auto")).twoq_gates
        grover = Grover(
            iterations=k, sampler=SamplerV2(default_shots=SHOTS, seed=SEED), transpiler=manager
        )
        ours_problem = GroverProblem(oracle)
        ours_problem.run("aer", SHOTS, SEED)  # warm-up of this size, untimed
        grover.amplify(problem)
        ours_s, theirs_s, ours, theirs = _interleaved(
            settings["repeats"],
            lambda ours_problem=ours_problem: ours_problem.run("aer", SHOTS, SEED),
            lambda grover=grover, problem=problem: grover.amplify(problem),
        )
        timing = compare_timings(ours_s, theirs_s)
        row = {
            "n": n,
            "iterations": k,
            "ours_twoq_per_iteration": ours_2q,
            "theirs_twoq_per_iteration": theirs_2q,
            "theirs_idle_qubit_twoq_per_iteration": theirs_idle_2q,
            "gate_ratio": ours_2q / theirs_2q,
            "gate_ratio_vs_idle_qubit": ours_2q / theirs_idle_2q,
            "ours_helper_qubits": ours.helper_qubits,
            "ours_time_s": timing.quantum.to_dict(),
            "theirs_time_s": timing.classical.to_dict(),
            "time": timing.to_dict(),
            "ours_measured_success": ours.measured_success_probability,
            "theirs_found": bool(theirs.oracle_evaluation),
        }
        rows.append(row)
        step(f"vs qiskit-algorithms n = {n}")
        print(
            f"vs qiskit-algorithms n={n:2d}: 2q/iter {ours_2q} vs {theirs_2q} "
            f"({theirs_idle_2q} with one idle qubit); time ratio {timing.ratio.format(3)} "
            f"-> {timing.verdict}"
        )
    return {"rows": rows, "repeats": settings["repeats"], "shots": SHOTS}


#: Aer configurations for the largest-n search: (label, simulator options). This machine
#: is shared, and Aer's OpenMP threads (used above 14 qubits) suffer most from that.
AER_CONFIGS = (("aer (default threads)", {}), ("aer (1 thread)", {"max_parallel_threads": 1}))


def largest_n_section(quick: bool, step) -> dict:
    """Grow n while one search (optimal k, one marked value, 100 shots) stays within the limit."""
    from qcog.algorithms.grover import GroverProblem
    from qcog.backends import get_backend
    from qcog.circuits.oracles import marked_oracle

    limit = 10.0 if quick else TIME_LIMIT_S
    out = {"limit_s": limit, "device": "CPU", "configs": [], "runs_per_n": 1}
    for label, options in AER_CONFIGS:
        backend = get_backend("aer", **options)
        rows, n, last = [], 12, None
        while True:
            start = time.perf_counter()
            result = GroverProblem(marked_oracle([_marked(n)], n)).run(
                backend, shots=100, seed=SEED
            )
            wall = time.perf_counter() - start
            rows.append(
                {
                    "n": n,
                    "iterations": result.iterations,
                    "wall_s": wall,
                    "measured_success_probability": result.measured_success_probability,
                    "found": bool(result.found),
                }
            )
            step(f"largest n, {label}: n = {n}")
            print(
                f"largest n, {label}: n={n} k={result.iterations} {wall:.1f}s "
                f"success {result.measured_success_probability:.2f}"
            )
            if wall <= limit and result.found:
                last = n
            if wall * 2.9 > limit:  # time grows ~2^1.5 per qubit: the next n would not fit
                break
            n += 1
        out["configs"].append({"label": label, "options": options, "largest_n": last, "rows": rows})
    out["largest_n"] = max(c["largest_n"] or 0 for c in out["configs"])
    return out


def verdicts(queries: dict, comparison: dict) -> list[dict]:
    """The verdict rows: queries (quantum vs classical search), time (qcog vs qiskit-algorithms)."""
    from qcog.bench.verdicts import verdict_row

    rows = []
    if queries.get("verdict_at"):
        n, comparison_q = queries["verdict_at"]
        rows.append(
            verdict_row(
                f"oracle queries until a verified hit, n = {n}, one marked value",
                comparison_q,
                quantum="Grover on Aer (k/p per seed)",
                classical="classical random search",
                unit="queries",
                command=COMMAND,
                note=f"{len(queries['seeds'])} seeds x {SHOTS} shots or trials",
            )
        )
    timed = comparison.get("rows") or []
    for row in [r for r in timed if r["n"] == 10] + (
        [timed[-1]] if timed and timed[-1]["n"] != 10 else []
    ):
        rows.append(
            verdict_row(
                f"end-to-end time on Aer, n = {row['n']}, {SHOTS} shots",
                row["time"],
                quantum="qcog",
                classical="qiskit-algorithms",
                unit="s",
                versus="peer",
                command=COMMAND,
                note=f"{comparison['repeats']} interleaved repeats; same problem, k and shots",
            )
        )
    return rows


def measures(queries: dict, comparison: dict, largest: dict) -> list[dict]:
    """What ``qcog bench --compare`` tracks: qcog's time and gate counts per n."""
    from qcog.bench.card import measure

    out = []
    for row in comparison.get("rows") or []:
        n = row["n"]
        out.append(measure(f"qcog end-to-end time, n = {n}", row["ours_time_s"], False, "s"))
        out.append(
            measure(f"qcog 2q gates per iteration, n = {n}", row["ours_twoq_per_iteration"], False)
        )
    for row in queries["rows"]:
        if "measured_success_probability" in row:
            out.append(
                measure(
                    f"measured success probability, n = {row['n']}",
                    row["measured_success_probability"],
                    True,
                )
            )
    if largest.get("largest_n"):
        out.append(
            measure(f"largest n within {largest['limit_s']:g} s", largest["largest_n"], True)
        )
    return out


def _errorbar(ax, xs, summaries, fmt, label):
    """Plot intervals (95 % CI) or timings (IQR) as points with error bars."""
    from qcog.bench.error_bars import yerr

    centres, errors = yerr(summaries)
    ax.errorbar(xs, centres, yerr=errors, fmt=fmt, capsize=3, label=label)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(16, 4.5))
    rows = results["queries"]["rows"]
    ns = [r["n"] for r in rows]
    ax = axes[0]
    ax.semilogy(ns, [r["classical_expected"] for r in rows], "o-", label="classical (N+1)/2")
    ax.semilogy(
        ns, [r["grover_expected_until_verified"] for r in rows], "s-", label="Grover k/p (theory)"
    )
    measured = [r for r in rows if "measured_expected_until_verified" in r]
    _errorbar(
        ax,
        [r["n"] for r in measured],
        [r["measured_expected_until_verified"] for r in measured],
        "x",
        "Grover measured on Aer (95% CI)",
    )
    _errorbar(
        ax,
        [r["n"] for r in measured],
        [r["classical_measured"] for r in measured],
        "+",
        "classical search simulated (95% CI)",
    )
    ax.set(
        xlabel="search qubits n", ylabel="oracle queries (one marked value)", title="Oracle queries"
    )
    ax.legend(fontsize=8)
    comparison = results["comparison"]
    if "rows" in comparison:
        cn = [r["n"] for r in comparison["rows"]]
        ax = axes[1]
        ax.semilogy(
            cn,
            [r["theirs_twoq_per_iteration"] for r in comparison["rows"]],
            "o-",
            label="qiskit-algorithms (usual set-up)",
        )
        ax.semilogy(
            cn,
            [r["theirs_idle_qubit_twoq_per_iteration"] for r in comparison["rows"]],
            "^--",
            label="qiskit-algorithms + 1 idle qubit",
        )
        ax.semilogy(
            cn,
            [r["ours_twoq_per_iteration"] for r in comparison["rows"]],
            "s:",
            label="qcog (1 helper qubit)",
        )
        ax.set(
            xlabel="search qubits n",
            ylabel="2q gates per iteration (cx/rz/sx/x)",
            title="Gates per Grover iteration",
        )
        ax.legend(fontsize=8)
        ax = axes[2]
        _errorbar(
            ax, cn, [r["theirs_time_s"] for r in comparison["rows"]], "o-", "qiskit-algorithms"
        )
        _errorbar(ax, cn, [r["ours_time_s"] for r in comparison["rows"]], "s-", "qcog")
        ax.set_yscale("log")
        ax.set(
            xlabel="search qubits n",
            ylabel="end-to-end seconds on Aer (median, IQR)",
            title="End-to-end time, interleaved repeats",
        )
        ax.legend(fontsize=8)
    else:
        for ax in axes[1:]:
            ax.text(0.5, 0.5, comparison.get("skipped", ""), ha="center", wrap=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(quick: bool = False, out_dir: str | Path = RESULTS, progress=None) -> dict:
    """Run every section, write ``grover.json`` and ``grover.png`` into ``out_dir``."""
    from qcog.bench.card import card_fields
    from qcog.bench.progress import Steps
    from qcog.jsonable import to_json

    settings = QUICK if quick else FULL
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    step = Steps(progress, 17 + len(settings["compare"]) + (8 if quick else 16))
    start = time.perf_counter()
    queries = queries_section(settings, step)
    comparison = comparison_section(settings, step)
    largest = largest_n_section(quick, step)
    results = {
        "benchmark": "grover",
        "quick": quick,
        "shots": SHOTS,
        "queries": {k: v for k, v in queries.items() if k != "verdict_at"},
        "comparison": comparison,
        "largest_n": largest,
        "verdicts": verdicts(queries, comparison),
        "tracked": measures(queries, comparison, largest),
    }
    results["card"] = card_fields(
        inputs={
            "marked_value": "(0b1011010110110101 * 2654435761) mod 2**n",
            "n_queries": [4, 20],
            "n_compared": list(settings["compare"]),
        },
        parameters={
            "repeats": settings["repeats"],
            "iterations": "optimal k = round(pi/(4 theta) - 1/2)",
            "backend": "aer (CPU)",
            "qiskit_algorithms_transpiler": "preset level 1, built once",
        },
        seeds={"queries": queries["seeds"], "simulator": SEED},
        shots=SHOTS,
        counts={
            f"twoq_per_iteration_n{r['n']}": {
                "qcog": r["ours_twoq_per_iteration"],
                "qiskit_algorithms": r["theirs_twoq_per_iteration"],
                "qiskit_algorithms_idle_qubit": r["theirs_idle_qubit_twoq_per_iteration"],
            }
            for r in comparison.get("rows") or []
        },
    )
    results["wall_s"] = time.perf_counter() - start
    (out / "grover.json").write_text(to_json(results))
    plot(results, out / "grover.png")
    print(f"wrote {out / 'grover.json'} and {out / 'grover.png'} in {results['wall_s']:.0f}s")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes, fewer seeds, ~1-2 minutes"
    )
    parser.add_argument(
        "--out", default=str(RESULTS), help="output folder (default benchmarks/results)"
    )
    args = parser.parse_args(argv)
    run(args.quick, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
