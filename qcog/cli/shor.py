"""``qcog shor N`` (factor with Shor's algorithm) and ``qcog shor-estimate --bits B``."""

from __future__ import annotations

from typing import Any


def register(subparsers) -> None:
    from qcog.cli.output import add_backend_arguments

    shor = subparsers.add_parser(
        "shor",
        help="factor N with Shor's algorithm",
        description="Factor N: classical shortcuts first (reported), then order finding. "
        "Methods: semiclassical (gate level, hardware-runnable, default), full (gate level, "
        "textbook), fast (SIMULATION ONLY: permutation oracles, for larger N).",
    )
    shor.add_argument("N", type=int, help="the integer to factor (>= 2)")
    shor.add_argument("--a", type=int, default=None, help="first base a (default: random)")
    shor.add_argument(
        "--method", choices=("semiclassical", "full", "fast"), default="semiclassical"
    )
    shor.add_argument(
        "--force-quantum", action="store_true", help="skip the even / lucky-gcd shortcuts"
    )
    shor.add_argument(
        "--max-attempts", type=int, default=10, help="order-finding runs before giving up"
    )
    add_backend_arguments(shor, shots=8)
    shor.set_defaults(handler=_shor)

    est = subparsers.add_parser(
        "shor-estimate",
        help="gate-level Shor resources for a B-bit N, without building circuits",
    )
    est.add_argument("--bits", type=int, required=True, help="bit length of N (e.g. 2048)")
    est.add_argument("--method", choices=("semiclassical", "full"), default="semiclassical")
    est.add_argument(
        "--epsilon", type=float, default=0.01, help="synthesis error budget for the T count"
    )
    est.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    est.set_defaults(handler=_estimate)


def _shor_text(d: dict[str, Any]) -> str:
    lines = [d["message"]]
    if d["simulation_only"]:
        lines.append(
            "method 'fast': SIMULATION ONLY (modular multiplications as permutation oracles)"
        )
    for i, at in enumerate(d["attempts"], 1):
        top = ", ".join(f"{p['y']}/2^t x{p['count']}" for p in at["phases"][:4])
        lines.append(
            f"  attempt {i}: a={at['a']} phases [{top}] candidates {at['candidates'][:8]} -> {at['verdict']}"
        )
    if d["qubits"] is not None:
        lines.append(
            f"circuit: {d['qubits']} qubits, {d['twoq_gates']} 2q gates, depth {d['depth']} on {d['backend']}"
        )
    lines.append(f"wall time {d['wall_s']:.2f} s")
    return "\n".join(lines)


def _shor(args) -> int:
    from qcog.algorithms.shor import factor
    from qcog.cli.output import emit

    result = factor(
        args.N,
        a=args.a,
        method=args.method,
        backend=args.backend,
        shots=args.shots,
        seed=args.seed,
        force_quantum=args.force_quantum,
        max_attempts=args.max_attempts,
    )
    out = result.to_dict()
    out["wall_s"] = round(out["wall_s"], 4)
    emit(out, args.json, _shor_text)
    return 0 if result.factors else 1


def _estimate(args) -> int:
    from qcog.algorithms.resource_estimate import estimate_shor_resources
    from qcog.cli.output import emit

    est = estimate_shor_resources(args.bits, method=args.method, epsilon=args.epsilon).to_dict()
    emit(
        est,
        args.json,
        lambda d: "\n".join(
            f"{k}: {v:,}" if isinstance(v, int) else f"{k}: {v}" for k, v in d.items()
        ),
    )
    return 0
