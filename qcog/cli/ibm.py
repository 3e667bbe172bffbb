"""``qcog ibm submit|account``: submit circuits to IBM Quantum, or rehearse on a fake backend.

``qcog ibm submit FILE | --ghz N | --grover MARKED | --shor N --backend ibm:NAME|fake:NAME``
transpiles to the backend's ISA, shows the cost, records the job in the job store, then
submits ONE job with all circuits (see ``qcog jobs``). It samples counts, or with
``--observable PAULI`` (repeatable) runs the estimator, where ``--resilience-level``
and ``--precision`` apply. ``--preview`` stops before submitting.
"""

from __future__ import annotations

import math


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ibm", help="IBM Quantum: submit jobs (or rehearse on fake:NAME)"
    )
    commands = parser.add_subparsers(dest="ibm_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: _usage(parser))
    submit = commands.add_parser("submit", help="transpile to the backend ISA and submit one job")
    source = submit.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="OpenQASM 2/3 file")
    source.add_argument("--ghz", type=int, metavar="N", help="an N-qubit GHZ state")
    source.add_argument(
        "--grover", metavar="MARKED", help="Grover search for marked values, e.g. 101 or 5,6"
    )
    source.add_argument("--shor", type=int, metavar="N", help="Shor order finding modulo N")
    submit.add_argument("--qubits", type=int, help="--grover: search qubits (default: from MARKED)")
    submit.add_argument("--iterations", type=int, help="--grover: iterations (default: optimal)")
    submit.add_argument(
        "--base", type=int, help="--shor: the base a (default: smallest coprime >= 2)"
    )
    submit.add_argument("--backend", required=True, help="fake:NAME, ibm:NAME or ibm:least_busy")
    submit.add_argument("--min-qubits", type=int, default=1, help="for ibm:least_busy")
    submit.add_argument("--shots", type=int, default=1024, help="shots per circuit (default 1024)")
    submit.add_argument("--seed", type=int, default=None, help="transpiler (and fake-backend) seed")
    submit.add_argument("--mode", choices=("job", "batch", "session"), default="job")
    submit.add_argument("--optimization-level", type=int, default=1, choices=(0, 1, 2, 3))
    submit.add_argument("--dd", action="store_true", help="dynamical decoupling")
    submit.add_argument("--dd-sequence", default="XX", choices=("XX", "XpXm", "XY4"))
    submit.add_argument(
        "--twirling", action="store_true", help="Pauli-twirl gates and measurements"
    )
    submit.add_argument(
        "--observable",
        action="append",
        default=None,
        metavar="PAULI",
        help="run the estimator for this Pauli observable, e.g. ZZZ (repeatable; all "
        "apply to the circuit); without it the job samples counts",
    )
    submit.add_argument(
        "--resilience-level",
        type=int,
        choices=(0, 1, 2),
        default=None,
        help="estimator error mitigation level (needs --observable)",
    )
    submit.add_argument(
        "--precision",
        type=float,
        default=None,
        metavar="P",
        help="estimator target standard error, in (0, 1); replaces --shots (needs --observable)",
    )
    from qcog.cli.estimate import add_mitigation_arguments

    add_mitigation_arguments(submit)  # estimator: mapped onto the runtime's resilience options
    submit.add_argument("--tag", action="append", default=[], help="job tag (repeatable)")
    submit.add_argument(
        "--wait", action="store_true", help="wait for an IBM job and fetch its result"
    )
    submit.add_argument("--interval", type=float, default=5.0, help="seconds between status checks")
    submit.add_argument(
        "--timeout", type=float, default=None, help="give up waiting after S seconds"
    )
    submit.add_argument(
        "--preview", action="store_true", help="show ISA circuits and cost; submit nothing"
    )
    submit.add_argument("--show-circuit", action="store_true", help="print the ISA circuits")
    submit.add_argument("--store", default=None, help="job store file (default: user data dir)")
    submit.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    submit.set_defaults(handler=handle_submit)
    account = commands.add_parser("account", help="where the IBM account comes from (token hidden)")
    account.add_argument("--json", action="store_true")
    account.set_defaults(handler=handle_account)


def _usage(parser) -> int:
    import sys

    parser.print_help(sys.stderr)
    return 2


def _ints(text: str) -> list[int]:
    """'101' -> [5] (a bitstring), '5,6' -> [5, 6] (integers or bitstrings)."""
    values = []
    for part in (p.strip() for p in text.split(",")):
        if part and set(part) <= {"0", "1"} and len(part) > 1:
            values.append(int(part, 2))
        elif part.isdigit():
            values.append(int(part))
        else:
            from qcog.exceptions import QcogValueError

            raise QcogValueError(
                f"--grover takes bitstrings or integers separated by commas, got {text!r}"
            )
    return values


def grover_source(args):
    """Grover search circuit for ``--grover`` (qcog.circuits.grover, built by its own module)."""
    from qcog.circuits.grover import grover_circuit
    from qcog.circuits.oracles import marked_oracle

    marked = _ints(args.grover)
    widths = [len(p.strip()) for p in args.grover.split(",") if set(p.strip()) <= {"0", "1"}]
    n = args.qubits or max([*widths, *(max(1, v.bit_length()) for v in marked), 2])
    k = args.iterations
    if k is None:  # floor(pi / (4 theta)), sin(theta) = sqrt(M / N)
        theta = math.asin(math.sqrt(min(1.0, len(set(marked)) / 2**n)))
        k = max(0, math.floor(math.pi / (4 * theta)))
    return grover_circuit(marked_oracle(marked, n), iterations=k, helpers="auto")


def shor_source(args):
    """Order-finding circuit for ``--shor N`` (semiclassical: 2n + 3 qubits, dynamic circuit)."""
    from qcog.circuits.order_finding import semiclassical_order_finding_circuit

    base = args.base or next(a for a in range(2, args.shor) if math.gcd(a, args.shor) == 1)
    return semiclassical_order_finding_circuit(base, args.shor)


def ghz_source(args):
    from qcog.circuits.states import ghz_state

    return ghz_state(args.ghz)


def file_source(args):
    from qcog.qasm import load_qasm

    return load_qasm(args.file)


#: Where the circuit comes from: argument name -> builder.
SOURCES = {"ghz": ghz_source, "grover": grover_source, "shor": shor_source, "file": file_source}


def circuit_from_args(args):
    for name, build in SOURCES.items():
        if getattr(args, name) is not None:
            return build(args)
    from qcog.exceptions import QcogValueError

    raise QcogValueError("give a FILE, --ghz N, --grover MARKED or --shor N")


def _preview_text(out: dict) -> str:
    lines = [f"ISA for {out['backend']}: {len(out['circuits'])} circuit(s)"]
    for i, c in enumerate(out["circuits"]):
        lines.append(
            f"  [{i}] {c['num_qubits']} qubits -> physical {c['physical_qubits']}, "
            f"{c['twoq_gates']} two-qubit gates, depth {c['depth']}, ~{c['duration_us']} us/shot"
        )
    lines.append(f"estimated QPU time: {out['estimated_qpu_seconds']} s ({out['estimate_note']})")
    lines += out.get("drawings", [])
    return "\n".join(lines)


def _submit_text(out: dict) -> str:
    lines = [
        f"job {out['job_id']} on {out['backend']} ({out['kind']}, {out['mode']} mode): {out['status']}",
        f"stored in {out['store']}",
        _preview_text(out["summary"]),
    ]
    if out.get("result"):
        for i, pub in enumerate(out["result"]["pubs"]):
            if "evs" in pub:
                lines.append(f"pub {i} expectation values: {pub['evs']} +- {pub['stds']}")
                continue
            ranked = sorted(pub.get("counts", {}).items(), key=lambda kv: (-kv[1], kv[0]))[:8]
            lines.append(f"pub {i} counts (top 8): " + ", ".join(f"{k}: {v}" for k, v in ranked))
    elif out["status"] not in ("done", "error", "cancelled"):
        lines.append(
            f"follow it with: qcog jobs status {out['job_id']}  /  qcog jobs wait {out['job_id']}"
        )
    return "\n".join(lines)


def _check_estimator_flags(args) -> None:
    """--resilience-level and --precision only make sense with --observable (estimator)."""
    given = [
        flag
        for flag, value in (
            ("--resilience-level", args.resilience_level),
            ("--precision", args.precision),
            ("--mitigation", None if args.mitigation == "none" else args.mitigation),
        )
        if value is not None
    ]
    if given and not args.observable:
        from qcog.exceptions import QcogValueError

        raise QcogValueError(
            f"{' and '.join(given)} {'apply' if len(given) > 1 else 'applies'} to estimator "
            "jobs; this is a sampler job: add "
            "--observable PAULI (e.g. --observable ZZZ) to run the estimator"
        )


def _runtime_mitigation(args) -> dict | None:
    """``--mitigation`` as runtime estimator options (qcog.mitigation.runtime), or None."""
    if args.mitigation == "none":
        return None
    from qcog.mitigation import Mitigation, runtime_options

    return runtime_options(Mitigation.parse(args.mitigation, args.scales, args.extrapolation))


def handle_submit(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.polling import PollPolicy
    from qcog.ibm.primitives import SubmitOptions
    from qcog.ibm.store import JobStore
    from qcog.ibm.submission import prepare, submit

    _check_estimator_flags(args)
    circuit = circuit_from_args(args)
    if args.preview:
        program = prepare(
            circuit,
            args.backend,
            args.observable,
            args.optimization_level,
            args.seed,
            min_qubits=args.min_qubits,
        )
        out = program.summary(args.shots)
        if args.show_circuit:
            out["drawings"] = [str(c.draw(output="text", fold=120)) for c in program.circuits]
        emit(out, args.json, _preview_text)
        return 0
    options = SubmitOptions(
        shots=args.shots,
        seed=args.seed,
        dynamical_decoupling=args.dd,
        dd_sequence=args.dd_sequence,
        twirling=args.twirling,
        resilience_level=args.resilience_level,
        precision=args.precision,
        mitigation=_runtime_mitigation(args),
    )
    store = JobStore(args.store)
    record = submit(
        circuit,
        args.backend,
        observables=args.observable,
        mode=args.mode,
        options=options,
        tags=args.tag,
        optimization_level=args.optimization_level,
        seed=args.seed,
        wait=args.wait,
        poll=PollPolicy(interval_s=args.interval, timeout_s=args.timeout),
        store=store,
        min_qubits=args.min_qubits,
    )
    out = {**record.to_dict(), "store": str(store.path)}
    emit(out, args.json, _submit_text)
    return 0


def handle_account(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.account import account_info

    info = account_info()
    emit(
        info,
        args.json,
        lambda i: (
            "no IBM Quantum account configured"
            if i["source"] is None
            else f"account from the {i['source']}: channel {i['channel']}, instance {i['instance']}, token hidden"
        ),
    )
    return 0
