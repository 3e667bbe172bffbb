"""``qcog shor N`` (factor with Shor's algorithm) and ``qcog shor-estimate --bits B``
(resources at any size: qcog's circuits, Gidney-Ekera 2019, Gidney 2025, Qrisp)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ESTIMATE_MODELS = ("compare", "qcog", "gidney-ekera-2019", "gidney-2025")


class _DeprecatedBase(argparse.Action):
    """``--a`` is the old name of ``--base``: accepted, with a note on stderr."""

    def __call__(self, parser, namespace, values, option_string=None):
        print("qcog shor: note: --a is deprecated, use --base", file=sys.stderr)
        namespace.base = values


def _circuit_options(parser: argparse.ArgumentParser, methods: tuple[str, ...], note: str) -> None:
    """``--method`` and ``--arithmetic``, shared by ``shor`` and ``shor-estimate``."""
    parser.add_argument(
        "--method",
        choices=methods,
        default="semiclassical",
        help=f"{note}order-finding method (default semiclassical)",
    )
    parser.add_argument(
        "--arithmetic",
        choices=("windowed", "beauregard"),
        default="windowed",
        help=f"{note}modular multiplier of gate-level circuits (default windowed: fewest CX)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcog.cli.argtypes import int_at_least, int_in_range, positive_float, positive_int
    from qcog.cli.output import add_backend_arguments

    shor = subparsers.add_parser(
        "shor",
        help="factor N with Shor's algorithm",
        description="Factor N: classical shortcuts first (reported, including a base whose "
        "order the circuit construction already reveals), then order finding. Methods: "
        "semiclassical (gate level, hardware-runnable, default), full (gate level, textbook), "
        "fast (SIMULATION ONLY: the work register as a vector, no gates). Backend 'auto' runs "
        "gate-level circuits on qcog's exact sparse simulator; 'aer', 'fake:NAME', 'ibm:NAME' "
        "as elsewhere; for --method fast: auto, cpu or cuda.",
    )
    shor.add_argument("N", type=int_at_least(2), help="the integer to factor (>= 2)")
    shor.add_argument(
        "--base", type=int_at_least(2), default=None, help="first base a (default: random)"
    )
    shor.add_argument(
        "--a", type=int_at_least(2), action=_DeprecatedBase, help="deprecated alias of --base"
    )
    _circuit_options(shor, ("semiclassical", "full", "fast"), "")
    shor.add_argument(
        "--window",
        type=int_in_range(1, 8),
        default=None,
        help="window size of 'windowed', 1..8 (default: the cheapest)",
    )
    shor.add_argument(
        "--force-quantum",
        action="store_true",
        help="skip the even / lucky-gcd shortcuts and bases whose order the construction reveals",
    )
    shor.add_argument(
        "--max-attempts",
        type=positive_int,
        default=10,
        help="order-finding runs before giving up (>= 1)",
    )
    add_backend_arguments(shor, shots=None)
    for action in shor._actions:
        if action.dest == "shots":
            action.help = "phase samples per order-finding run (default 8; 2 for --method fast)"
    shor.set_defaults(handler=_shor)

    est = subparsers.add_parser(
        "shor-estimate",
        help="Shor resources for a B-bit N: qcog's circuits next to published constructions",
        description="Logical and physical resources of factoring a B-bit N. Models: qcog "
        "(this library's circuits, checked against built ones), gidney-ekera-2019 "
        "(arXiv:1905.09749, its cost model and layout), gidney-2025 (arXiv:2505.15917, stated "
        "numbers), compare (all side by side with Qrisp's published counts).",
    )
    est.add_argument(
        "--bits", type=int_in_range(2, 100_000), required=True, help="bit length of N, 2..100000"
    )
    est.add_argument("--model", choices=ESTIMATE_MODELS, default="compare", help="default: compare")
    _circuit_options(est, ("semiclassical", "full"), "--model qcog: ")
    est.add_argument(
        "--epsilon",
        type=positive_float,
        default=0.01,
        help="synthesis error budget for the T count",
    )
    est.add_argument(
        "--physical-error", type=positive_float, default=1e-3, help="gate error rate (default 1e-3)"
    )
    est.add_argument(
        "--cycle-us", type=positive_float, default=1.0, help="surface-code cycle, us (default 1)"
    )
    est.add_argument(
        "--reaction-us", type=positive_float, default=10.0, help="reaction time, us (default 10)"
    )
    est.add_argument(
        "--target-failure",
        type=positive_float,
        default=0.1,
        help="allowed failure per run for the generic physical layer (default 0.1)",
    )
    est.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    est.set_defaults(handler=_estimate)


def _shor_text(d: dict[str, Any]) -> str:
    lines = [d["message"]]
    if d["classical_shortcut"]:
        lines.append(f"classical shortcut: {d['classical_shortcut']} (no quantum step)")
    elif d["factors"] and not d["quantum_order_found"]:
        lines.append("not a quantum factorisation: the construction reveals this base's order")
    if d["simulation_only"]:
        lines.append("method 'fast': SIMULATION ONLY (the work register as a vector, no gates)")
    for i, at in enumerate(d["attempts"], 1):
        top = ", ".join(f"{p['y']}/2^t x{p['count']}" for p in at["phases"][:4])
        lines.append(
            f"  attempt {i}: a={at['a']} phases [{top}] candidates {at['candidates'][:8]} -> {at['verdict']}"
        )
    if d["qubits"] is not None and not d["simulation_only"]:
        lines.append(
            f"circuit ({d['arithmetic']} arithmetic): {d['qubits']} qubits, {d['twoq_gates']:,} "
            f"gates on 2+ qubits [{d['twoq_basis']}], {d['cx_count']:,} CX in cx/rz/sx/x, on {d['backend']}"
        )
    lines.append(f"wall time {d['wall_s']:.2f} s")
    return "\n".join(lines)


def _shor(args) -> int:
    from qcog.algorithms.shor import factor
    from qcog.cli.output import emit

    result = factor(
        args.N,
        a=args.base,
        method=args.method,
        backend=args.backend,
        shots=args.shots,
        seed=args.seed,
        force_quantum=args.force_quantum,
        max_attempts=args.max_attempts,
        arithmetic=args.arithmetic,
        window=args.window,
    )
    out = result.to_dict()
    out["wall_s"] = round(out["wall_s"], 4)
    emit(out, args.json, _shor_text)
    return 0 if result.factors else 1


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value >= 1e5:
        return f"{value:.3g}"
    if isinstance(value, float):
        return f"{value:.3g}"
    return f"{value:,}"


def _estimate_text(d: dict[str, Any]) -> str:
    if "rows" not in d:
        return "\n".join(
            f"{k}: {_fmt(v) if isinstance(v, (int, float)) else v}" for k, v in d.items()
        )
    head = (
        f"Shor resources for a {d['bits']}-bit N (physical error {d['assumptions']['physical_error']:g}, "
        f"cycle {d['assumptions']['cycle_time_us']:g} us, reaction {d['assumptions']['reaction_time_us']:g} us)"
    )
    from qcog.resources.compare import COLUMNS as cols

    lines = [head, " | ".join(cols)]
    for row in d["rows"]:
        lines.append(" | ".join(_fmt(row[c]) if c != "model" else row[c] for c in cols))
        lines.append(f"    physical: {row['physical_layer']}; source: {row['source']}")
    return "\n".join(lines)


def _estimate(args) -> int:
    from qcog.cli.output import emit
    from qcog.resources.surface_code import PhysicalAssumptions

    assumptions = PhysicalAssumptions(args.physical_error, args.cycle_us, args.reaction_us)
    if args.model == "compare":
        from qcog.resources.compare import compare_models

        rows = compare_models(args.bits, assumptions, args.target_failure)
        out = {
            "bits": args.bits,
            "assumptions": assumptions.to_dict(),
            "target_failure": args.target_failure,
            "rows": [r.to_dict() for r in rows],
        }
    elif args.model == "qcog":
        from qcog.algorithms.resource_estimate import estimate_shor_resources

        out = estimate_shor_resources(
            args.bits, method=args.method, epsilon=args.epsilon, arithmetic=args.arithmetic
        ).to_dict()
    elif args.model == "gidney-ekera-2019":
        from qcog.resources.gidney_ekera_2019 import gidney_ekera_2019

        out = gidney_ekera_2019(args.bits, assumptions).to_dict()
        out["params"] = dict(out["params"])
    else:
        from qcog.resources.gidney_2025 import gidney_2025

        out = gidney_2025(args.bits).to_dict()
    emit(out, args.json, _estimate_text)
    return 0
