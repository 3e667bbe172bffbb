"""``qcog grover``: Grover search from the command line.

``qcog grover --qubits N (--marked 5,9 | --expr EXPR | --cnf FILE)
[--iterations K|auto|K1,K2,...] [--unknown-count] --backend SPEC --shots S --seed X --json``
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.cli.output import add_backend_arguments, emit

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``grover`` command."""
    from qcog.cli.argtypes import count_or_auto, int_in_range, nonnegative_int

    parser = subparsers.add_parser(
        "grover",
        help="Grover search over marked values, a Boolean expression or a DIMACS CNF file",
        description="Grover search; every reported solution is verified classically.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--marked", help="marked values, comma-separated integers (0b/0x prefixes accepted)"
    )
    what.add_argument(
        "--expr", help="Boolean expression, e.g. '(a & ~b) | c'; variables sorted -> qubits 0,1,.."
    )
    what.add_argument("--cnf", help="DIMACS CNF file; variable k on qubit k-1")
    parser.add_argument(
        "--qubits", type=int_in_range(1, 32), help="search qubits N (required with --marked)"
    )
    parser.add_argument(
        "--iterations",
        type=_iterations,
        default="auto",
        help="Grover iterations K, auto (default: optimal), or K1,K2,... tried in turn",
    )
    parser.add_argument(
        "--unknown-count", action="store_true", help="BBHT search without knowing M"
    )
    parser.add_argument(
        "--solutions", type=nonnegative_int, help="number of solutions M, if known (--expr/--cnf)"
    )
    parser.add_argument(
        "--helpers",
        type=count_or_auto,
        default="auto",
        help="helper qubits for multi-controlled flips: auto (default) or a count",
    )
    add_backend_arguments(parser, shots=1024)
    parser.set_defaults(handler=handle)


def _int_list(text: str) -> list[int]:
    from qcog.exceptions import QcogValueError

    tokens = [t.strip() for t in text.split(",") if t.strip()]
    if not tokens:
        raise QcogValueError("--marked needs at least one value, e.g. --marked 5,9")
    try:
        return [int(t, 0) for t in tokens]
    except ValueError:
        raise QcogValueError(
            f"--marked takes comma-separated integers (e.g. 5,9 or 0b101), got {text!r}"
        ) from None


def _iterations(text: str) -> int | str | list[int]:
    """``auto``, ``K`` or ``K1,K2,...`` (a schedule tried in turn)."""
    from qcog.cli.argtypes import count_or_auto, nonnegative_int

    if "," not in text:
        return count_or_auto(text)
    return [nonnegative_int(part) for part in text.split(",") if part.strip()]


def _oracle(args):
    from qcog.circuits import oracles
    from qcog.exceptions import QcogValueError

    if args.marked is not None:
        if args.qubits is None:
            raise QcogValueError("--marked needs --qubits N")
        return oracles.marked_oracle(_int_list(args.marked), args.qubits)
    if args.expr is not None:
        return oracles.expression_oracle(args.expr, args.qubits)
    return oracles.cnf_oracle(args.cnf, args.qubits)


def _text(out: dict) -> str:
    found = ", ".join(out["found"][:16]) + (" ..." if len(out["found"]) > 16 else "") or "none"
    p = out["success_probability"]
    theory = "n/a" if p is None else f"{p:.4f}"
    lines = [
        f"oracle: {out['oracle']}  ({out['mode']}, backend {out['backend']})",
        f"found (verified): {found}",
        (
            f"success probability: theory {theory}, measured "
            f"{out['measured_success_probability']:.4f} over {out['shots']} shots"
        ),
        _queries_text(out),
        (
            f"qubits {out['qubits']} (helpers {out['helper_qubits']}), 2q gates/iteration "
            f"{out['twoq_per_iteration']}, total {out['twoq_total']}, depth {out['depth']} "
            "(cx/rz/sx/x)"
        ),
    ]
    if out["note"]:
        lines.append(f"note: {out['note']}")
    return "\n".join(lines)


def _queries_text(out: dict) -> str:
    text = (
        f"iterations {out['iterations']}, oracle queries {out['oracle_queries']}, "
        f"classical checks {out['classical_checks']}"
    )
    if len(out["rounds"]) > 1:
        text += (
            f" (finding round; all {len(out['rounds'])} rounds: {out['total_iterations']} "
            f"iterations, {out['total_oracle_queries']} oracle queries)"
        )
    if out["found_by"] == "classical sampling":
        text += "; found by classical sampling (0 iterations)"
    return text


def handle(args: argparse.Namespace) -> int:
    """Build the oracle and problem from ``args``, run it, print the result."""
    from qcog.algorithms.grover import GroverProblem

    problem = GroverProblem(
        _oracle(args),
        iterations=args.iterations,
        num_solutions=args.solutions,
        unknown_count=args.unknown_count,
        helpers=args.helpers,
    )
    result = problem.run(args.backend, shots=args.shots, seed=args.seed)
    emit(result.to_dict(), args.json, _text)
    return 0
