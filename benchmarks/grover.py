"""Grover benchmark: oracle queries vs classical search, qcog vs qiskit-algorithms, largest n.

What it measures, side by side in one run (Aer CPU, this machine):

1. Oracle queries for one marked value, n = 4..20: classical random search (expected
   ``(N+1)/(M+1)``), Grover with known M (``k`` per run; expected ``k / p`` until a
   verified hit), measured on Aer where feasible, and BBHT (unknown M) measured on Aer
   for small n (mean over seeds, one shot per round).
2. Against qiskit-algorithms' ``Grover`` on the same problems (n = 6..14, one marked
   value, the same optimal k and shots): two-qubit gates per iteration after
   transpiling to cx/rz/sx/x, and end-to-end time on Aer. Targets: at most 1/5 of its
   2q gates per iteration at n = 10, and no slower end to end (best of 5 runs each;
   qiskit-algorithms gets its pass manager built once, untimed). qiskit-algorithms is
   optional (``pip install qiskit-algorithms``); without it that part is skipped.
3. The largest n searched on Aer CPU within a minute (one marked value, optimal k).

``python benchmarks/grover.py [--quick] [--out DIR]`` writes ``grover.json`` and
``grover.png`` into DIR (default ``benchmarks/results``).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_GATE_RATIO = 0.2  # ours / qiskit-algorithms, 2q gates per iteration at n = 10
TIME_LIMIT_S = 60.0
SHOTS = 1024
SEED = 7
REPEATS = 5  # end-to-end times are the best of this many runs, for both libraries


def _marked(n: int) -> int:
    """A fixed, unremarkable marked value for n qubits."""
    return (0b1011010110110101 * 2654435761) % (2**n)


def queries_section(quick: bool) -> list[dict]:
    """Classical vs Grover oracle queries for one marked value."""
    import numpy as np

    from qcog.algorithms.grover import GroverProblem
    from qcog.algorithms.grover_theory import (
        classical_expected_queries,
        optimal_iterations,
        rotation_angle,
        success_probability,
    )
    from qcog.circuits.oracles import marked_oracle

    measured_max = 10 if quick else 14
    bbht_max, bbht_seeds = (6, 3) if quick else (10, 5)
    rows = []
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
        if n <= measured_max:
            result = GroverProblem(oracle).run("aer", shots=SHOTS, seed=SEED + n)
            row["measured_success_probability"] = result.measured_success_probability
            row["measured_expected_until_verified"] = k / max(
                result.measured_success_probability, 1 / SHOTS
            )
            row["measured_oracle_queries_total"] = result.oracle_queries
        if n <= bbht_max:
            runs = [
                GroverProblem(oracle, unknown_count=True).run("aer", shots=1, seed=s)
                for s in range(bbht_seeds)
            ]
            row["bbht_mean_oracle_queries"] = float(
                np.mean([r.total_oracle_queries for r in runs])  # all rounds: the search's cost
            )
            row["bbht_all_found"] = all(r.found == [format(_marked(n), f"0{n}b")] for r in runs)
            row["bbht_seeds"] = bbht_seeds
        rows.append(row)
        print(
            f"queries n={n:2d}: classical {row['classical_expected']:>9.1f}  grover k={k:4d} "
            f"(k/p {row['grover_expected_until_verified']:.1f})"
            + (
                f"  measured p={row['measured_success_probability']:.3f}"
                if "measured_success_probability" in row
                else ""
            )
            + (
                f"  BBHT {row['bbht_mean_oracle_queries']:.1f}"
                if "bbht_mean_oracle_queries" in row
                else ""
            )
        )
    return rows


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


def _best_of(repeats: int, fn, *args):
    """``(last result, fastest wall time)`` over ``repeats`` calls (this machine is shared)."""
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - start)
    return out, min(times)


def comparison_section(quick: bool) -> dict:
    """qcog vs qiskit-algorithms: 2q gates per iteration and end-to-end time on Aer."""
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
    for n in range(6, 13 if quick else 15, 2 if quick else 1):
        marked = _marked(n)
        k = optimal_iterations(rotation_angle(1, 2**n))
        problem = _qiskit_algorithms_problem(n, marked)
        theirs_2q = cost_in_basis(problem.grover_operator).twoq_gates
        oracle = marked_oracle([marked], n)
        ours_2q = cost_in_basis(grover_iteration(oracle, "auto")).twoq_gates
        grover = Grover(
            iterations=k, sampler=SamplerV2(default_shots=SHOTS, seed=SEED), transpiler=manager
        )
        theirs, theirs_s = _best_of(REPEATS, grover.amplify, problem)
        ours, ours_s = _best_of(REPEATS, GroverProblem(oracle).run, "aer", SHOTS, SEED)
        row = {
            "n": n,
            "iterations": k,
            "ours_twoq_per_iteration": ours_2q,
            "theirs_twoq_per_iteration": theirs_2q,
            "gate_ratio": ours_2q / theirs_2q,
            "ours_helper_qubits": ours.helper_qubits,
            "ours_time_s": ours_s,
            "theirs_time_s": theirs_s,
            "time_ratio": ours_s / theirs_s,
            "ours_measured_success": ours.measured_success_probability,
            "theirs_found": bool(theirs.oracle_evaluation),
            "theirs_max_probability": theirs.max_probability,
        }
        rows.append(row)
        print(
            f"vs qiskit-algorithms n={n:2d}: 2q/iter {ours_2q} vs {theirs_2q} (ratio {row['gate_ratio']:.3f}), "
            f"time {ours_s:.2f}s vs {theirs_s:.2f}s (ratio {row['time_ratio']:.2f})"
        )
    at10 = next((r for r in rows if r["n"] == 10), None)
    return {
        "rows": rows,
        "gate_ratio_at_10": None if at10 is None else at10["gate_ratio"],
        "gate_target_met": None if at10 is None else at10["gate_ratio"] <= TARGET_GATE_RATIO,
        "time_ratio_max": max(r["time_ratio"] for r in rows),
        "time_ratio_geomean": math.exp(sum(math.log(r["time_ratio"]) for r in rows) / len(rows)),
    }


#: Aer configurations for the largest-n search: (label, simulator options). This machine
#: is shared, and Aer's OpenMP threads (used above 14 qubits) suffer most from that.
AER_CONFIGS = (("aer (default threads)", {}), ("aer (1 thread)", {"max_parallel_threads": 1}))


def largest_n_section(quick: bool) -> dict:
    """Grow n while one search (optimal k, one marked value, 100 shots) stays within the limit."""
    from qcog.algorithms.grover import GroverProblem
    from qcog.backends import get_backend
    from qcog.circuits.oracles import marked_oracle

    limit = 10.0 if quick else TIME_LIMIT_S
    out = {"limit_s": limit, "device": "CPU", "configs": []}
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


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    rows = results["queries"]
    ns = [r["n"] for r in rows]
    ax = axes[0]
    ax.semilogy(ns, [r["classical_expected"] for r in rows], "o-", label="classical (N+1)/(M+1)")
    ax.semilogy(
        ns, [r["grover_expected_until_verified"] for r in rows], "s-", label="Grover k/p (theory)"
    )
    measured = [r for r in rows if "measured_expected_until_verified" in r]
    ax.semilogy(
        [r["n"] for r in measured],
        [r["measured_expected_until_verified"] for r in measured],
        "x",
        markersize=9,
        label="Grover measured on Aer",
    )
    bbht = [r for r in rows if "bbht_mean_oracle_queries" in r]
    ax.semilogy(
        [r["n"] for r in bbht],
        [max(r["bbht_mean_oracle_queries"], 0.5) for r in bbht],
        "^",
        label="BBHT (unknown M) measured",
    )
    ax.set_xlabel("search qubits n")
    ax.set_ylabel("oracle queries (one marked value)")
    ax.legend()
    ax.set_title("Oracle queries")
    comparison = results["comparison"]
    ax = axes[1]
    if "rows" in comparison:
        cn = [r["n"] for r in comparison["rows"]]
        ax.semilogy(
            cn,
            [r["theirs_twoq_per_iteration"] for r in comparison["rows"]],
            "o-",
            label="qiskit-algorithms 2q/iteration",
        )
        ax.semilogy(
            cn,
            [r["ours_twoq_per_iteration"] for r in comparison["rows"]],
            "s-",
            label="qcog 2q/iteration (1 helper)",
        )
        ax.set_xlabel("search qubits n")
        ax.set_ylabel("2q gates per iteration (cx/rz/sx/x)")
        twin = ax.twinx()
        twin.plot(
            cn, [r["time_ratio"] for r in comparison["rows"]], "k--", label="time ratio qcog/theirs"
        )
        twin.set_ylabel("end-to-end time ratio (qcog / qiskit-algorithms)")
        twin.legend(loc="lower right")
        ax.legend(loc="upper left")
    else:
        ax.text(0.5, 0.5, comparison.get("skipped", ""), ha="center", wrap=True)
    ax.set_title("vs qiskit-algorithms Grover")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def run(quick: bool = False, out_dir: str | Path = RESULTS) -> dict:
    """Run every section, write ``grover.json`` and ``grover.png`` into ``out_dir``."""
    import qiskit
    import qiskit_aer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results = {
        "benchmark": "grover",
        "quick": quick,
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "qiskit": qiskit.__version__,
            "qiskit_aer": qiskit_aer.__version__,
        },
        "shots": SHOTS,
        "queries": queries_section(quick),
        "comparison": comparison_section(quick),
        "largest_n": largest_n_section(quick),
    }
    results["wall_s"] = time.perf_counter() - start
    (out / "grover.json").write_text(json.dumps(results, indent=2))
    plot(results, out / "grover.png")
    print(f"wrote {out / 'grover.json'} and {out / 'grover.png'} in {results['wall_s']:.0f}s")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, ~1-2 minutes")
    parser.add_argument(
        "--out", default=str(RESULTS), help="output folder (default benchmarks/results)"
    )
    args = parser.parse_args(argv)
    run(args.quick, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
