"""``qcog estimate``: expectation values of Pauli observables, with error mitigation.

``qcog estimate --ghz 4 --observable ZZZZ --backend fake:manila --mitigation both``
prepares the state (an OpenQASM file, or ``--ghz N``), estimates each observable on the
backend and prints the mitigated and unmitigated values, the exact value (``--exact``,
statevector, small circuits) and the circuit/shot overhead. ``--mitigation`` is
``none`` (default), ``readout``, ``zne`` or ``both``; ``--scales`` and
``--extrapolation`` set ZNE. On ``ibm:`` backends use ``qcog ibm submit --observable ...
--mitigation ...`` instead, which maps the same options onto the runtime estimator.
"""

from __future__ import annotations

from typing import Any


def register(subparsers) -> None:
    from qcog.cli.output import add_backend_arguments

    parser = subparsers.add_parser(
        "estimate", help="expectation values of Pauli observables, with readout/ZNE mitigation"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="OpenQASM 2/3 file preparing the state")
    source.add_argument("--ghz", type=int, metavar="N", help="an N-qubit GHZ state")
    parser.add_argument(
        "--observable", action="append", required=True, metavar="PAULI",
        help="Pauli string, rightmost letter = qubit 0 (repeatable), e.g. ZZZZ",
    )
    add_backend_arguments(parser, shots=4000)
    add_mitigation_arguments(parser)
    parser.add_argument("--exact", action="store_true", help="also compute the exact value (statevector)")
    parser.set_defaults(handler=handle)


def add_mitigation_arguments(parser) -> None:
    """``--mitigation/--scales/--extrapolation``, shared by commands that estimate."""
    parser.add_argument(
        "--mitigation", choices=("none", "readout", "zne", "both"), default="none",
        help="error mitigation (default none)",
    )
    parser.add_argument("--scales", default="1,3,5", help="ZNE noise scales, starting with 1 (default 1,3,5)")
    parser.add_argument(
        "--extrapolation", choices=("linear", "richardson", "exponential"), default="linear",
        help="ZNE fit (default linear)",
    )


def _text(out: dict[str, Any]) -> str:
    lines = [
        (f"{out['backend']}, {out['shots']} shots per circuit, mitigation {out['mitigation']['label']}: "
        f"{out['circuits']} circuits ({out['circuit_overhead']:.1f}x an unmitigated estimate)"),
        "  observable     mitigated   unmitigated" + ("       exact" if "exact" in out else ""),
    ]
    for k, name in enumerate(out["observables"]):
        row = f"  {name:<12} {out['values'][k]:>10.4f}   {out['unmitigated'][k]:>11.4f}"
        if "exact" in out:
            row += f"  {out['exact'][k]:>10.4f}"
        lines.append(row)
    if out.get("scales") and len(out["scales"]) > 1:
        lines.append(f"ZNE scales {out['scales']}, fit {out['extrapolation']}")
    return "\n".join(lines)


def handle(args) -> int:
    from qcog.cli.output import emit
    from qcog.mitigation.estimator import mitigated_expectation_values
    from qcog.mitigation.options import Mitigation

    if args.ghz is not None:
        from qcog.circuits.states import ghz_state

        circuit = ghz_state(args.ghz)
    else:
        from qcog.qasm import load_qasm

        circuit = load_qasm(args.file)
    mitigation = Mitigation.parse(args.mitigation, scales=args.scales, extrapolation=args.extrapolation)
    estimate = mitigated_expectation_values(
        circuit, args.observable, backend=args.backend, shots=args.shots, seed=args.seed,
        mitigation=mitigation,
    )
    out = {"observables": list(args.observable), **estimate.to_dict()}
    if args.exact:
        from qiskit.quantum_info import SparsePauliOp, Statevector

        state = Statevector(circuit.remove_final_measurements(inplace=False))
        out["exact"] = [float(state.expectation_value(SparsePauliOp(o)).real) for o in args.observable]
    emit(out, args.json, _text)
    return 0
