"""``qcog run FILE``: run an OpenQASM 2/3 circuit on a backend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qcog.cli.output import add_backend_arguments

if TYPE_CHECKING:  # for annotations only; imported where used
    import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``run`` command."""
    parser = subparsers.add_parser("run", help="run an OpenQASM 2/3 file on a backend")
    parser.add_argument(
        "file", help="an OpenQASM 2 or 3 file (dialect from the header, or from the content)"
    )
    add_backend_arguments(parser)
    parser.add_argument(
        "--optimization-level",
        type=int,
        default=1,
        choices=(0, 1, 2, 3),
        help="transpiler preset level 0-3 (default 1)",
    )
    parser.add_argument("--show-circuit", action="store_true", help="print the transpiled circuit")
    parser.set_defaults(handler=handle)


def _text(out: dict) -> str:
    lines = [
        (
            f"{out['file']}: {out['num_qubits']} qubits on {out['backend']}, "
            f"{out['shots']} shots, seed {out['seed']}"
        ),
        (
            f"after transpilation: {out['twoq_gates']} two-qubit gates, depth {out['depth']}; "
            f"{out['wall_s']:.3f} s"
        ),
        "counts (most frequent first):",
    ]
    ranked = sorted(out["counts"].items(), key=lambda kv: (-kv[1], kv[0]))
    lines += [f"  {key}  {value}" for key, value in ranked[:16]]
    if len(ranked) > 16:
        lines.append(f"  ... {len(ranked) - 16} more outcomes")
    if out.get("transpiled"):
        lines += ["", out["transpiled"]]
    return "\n".join(lines)


def handle(args: argparse.Namespace) -> int:
    """Load the file, run it, print counts and costs."""
    from qcog.cli.output import emit
    from qcog.qasm import load_qasm
    from qcog.runner import run

    circuit = load_qasm(args.file)
    result = run(circuit, backend=args.backend, shots=args.shots, seed=args.seed,
                 optimization_level=args.optimization_level)
    out = {"file": args.file, **result.to_dict()}
    if args.show_circuit:
        out["transpiled"] = str(result.transpiled.draw(output="text", fold=120))
    emit(out, args.json, _text)
    return 0
