"""``qcog qaoa``: MaxCut, QUBO or Ising problems by QAOA, next to the classical baselines.

``qcog qaoa (--graph SPEC|FILE | --qubo FILE | --ising FILE) [--p P] [--init interp|ramp|random]
[--optimizer adam|lbfgs|spsa] [--steps S] [--lr X] [--backend SPEC] [--shots S] [--seed X]
[--store PATH] [--no-baselines] [--plot FILE.png] [--no-progress] [--json]``
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``qaoa`` command."""
    from qcog.cli.argtypes import positive_int
    from qcog.cli.variational_options import add_variational_arguments

    parser = subparsers.add_parser(
        "qaoa",
        help="QAOA for MaxCut, QUBO or Ising problems, against brute force, GW and local search",
        description="QAOA at depth p; the best sampled solution is re-evaluated classically; "
        "brute force (up to 22 variables), Goemans-Williamson and local search run on the same "
        "problem. Graph specs: regular:D:N[:SEED], er:N:P[:SEED], complete:N, cycle:N, "
        "petersen, or an edge-list file (u v [weight] per line).",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--graph", help="MaxCut graph: a spec or an edge-list file")
    what.add_argument("--qubo", help="QUBO file: JSON {'Q': ..., 'offset': c} or a matrix")
    what.add_argument("--ising", help="Ising file: JSON {'h': ..., 'J': ..., 'offset': c}")
    parser.add_argument("--p", type=positive_int, default=1, help="QAOA depth (default 1)")
    parser.add_argument("--init", default="interp", choices=("interp", "ramp", "random"),
                        help="interp (default: p = 1..P, each from the last), ramp, random")
    parser.add_argument("--no-baselines", action="store_true", help="skip the classical baselines")
    add_variational_arguments(parser, shots=1024, shots_help="samples of the final circuit")
    parser.set_defaults(handler=handle)


def _problem(args):
    from qcog.optimization.maxcut import maxcut_problem
    from qcog.optimization.problem_files import read_problem

    if args.graph:
        return maxcut_problem(args.graph)
    return read_problem(args.qubo, "qubo") if args.qubo else read_problem(args.ising, "ising")


def handle(args: argparse.Namespace) -> int:
    """Build the problem, run QAOA and the baselines, print the result."""
    from qcog.cli.output import emit
    from qcog.cli.variational_options import optimizer_config, save_plot
    from qcog.optimization.qaoa import QAOAProblem

    optimizer = optimizer_config(args, default_steps=200)
    result = QAOAProblem(_problem(args), args.p, args.init, optimizer).run(
        args.backend, seed=args.seed, shots=args.shots, store=args.store,
        progress=not args.no_progress, baselines=not args.no_baselines)
    if args.plot:
        save_plot(result.plot(), args.plot)
    emit(result.to_dict(), args.json, _text)
    return 0


def _bits(bits) -> str:
    return "".join(str(b) for b in bits)


def _text(r: dict) -> str:
    lines = [f"{r['problem']['name']}: QAOA ({r['init']}) on {r['engine']}"]
    lines.append(f"{'p':>3} {'<E>':>12} {'ratio':>8} {'steps':>6} {'s':>7}")
    for lv in r["levels"]:
        lines.append(f"{lv['p']:>3} {lv['energy']:>12.6f} {lv['ratio']:>8.4f} {lv['steps']:>6} "
                     f"{lv['wall_s']:>7.2f}")
    s = r["best_sample"]
    where = r["backend"] + (f", job {s['job_id']}" if s.get("job_id") else "")
    cut = f", cut {s['cut']:g}" if "cut" in s else ""
    verified = "verified" if s["verified"] else "NOT verified"
    lines.append(f"best of {s['shots']} samples ({where}): {_bits(s['bits'])} energy "
                 f"{s['energy']:g}{cut} ({verified})"
                 + (f", ratio {s['ratio']:.4f}" if "ratio" in s else ""))
    if "optimal_probability" in s:
        lines.append(f"probability of sampling an optimum: {s['optimal_probability']:.4f}")
    b = r["baselines"]
    if b:
        if "exact" in b:
            e = b["exact"]
            lines.append(f"brute force: optimum {e['min_energy']:g} ({e['optimal_count']} optimal "
                         f"solutions, {e['wall_s']:.2f} s)")
        g, ls = b["gw"], b["local_search"]
        lines.append(f"Goemans-Williamson: best {g['best_energy']:g} (ratio {g['ratio']:.4f}, mean "
                     f"{g['mean_ratio']:.4f}; SDP bound {g['sdp_bound']:.4f}; {g['wall_s']:.2f} s)")
        lines.append(f"local search: best {ls['best_energy']:g} (ratio {ls['ratio']:.4f}; "
                     f"{ls['wall_s']:.3f} s)")
        lines.append(f"ratios are against the {b['ratio_reference']} optimum")
    lines.append(f"time: QAOA {r['qaoa_s']:.2f} s, baselines {r['baselines_s']:.2f} s")
    return "\n".join(lines)
