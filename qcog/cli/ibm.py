"""``qcog ibm submit|account``: submit circuits to IBM Quantum, or rehearse on a fake backend.

``qcog ibm submit FILE | --ghz N | --grover MARKED | --shor N --backend ibm:NAME|fake:NAME``
transpiles to the backend's ISA, shows the cost, records the job in the job store, then
submits ONE job with all circuits (see ``qcog jobs``). It samples counts, or with
``--observable PAULI`` (repeatable) runs the estimator, where ``--resilience-level``
and ``--precision`` apply. ``--preview`` stops before submitting. On IBM backends the
same job (circuits, observables, options) is not submitted twice unless ``--force``; the
estimated QPU time is compared with the instance's remaining usage (``--over-quota``).

``--grover`` reads marked values as ``qcog grover --marked`` does: integers (``5,9``),
bitstrings with ``0b`` (``0b101`` is 5), hexadecimal with ``0x``.

``qcog ibm account [--save]`` says where the account comes from (token hidden), or saves
one (the key from ``QISKIT_IBM_TOKEN`` or typed at a prompt, never on the command line)
in a file only its owner can read.
"""

from __future__ import annotations

import math


def register(subparsers) -> None:
    from qcog.cli.argtypes import (
        int_at_least,
        int_in_range,
        nonnegative_int,
        positive_float,
        positive_int,
        seed,
    )

    parser = subparsers.add_parser(
        "ibm", help="IBM Quantum: submit jobs (or rehearse on fake:NAME)"
    )
    commands = parser.add_subparsers(dest="ibm_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: _usage(parser))
    submit = commands.add_parser("submit", help="transpile to the backend ISA and submit one job")
    source = submit.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="OpenQASM 2/3 file")
    source.add_argument("--ghz", type=positive_int, metavar="N", help="an N-qubit GHZ state")
    source.add_argument(
        "--grover",
        metavar="MARKED",
        help="Grover search for marked values, as `qcog grover --marked`: integers (5,9), "
        "bitstrings with 0b (0b101 = 5), hex with 0x",
    )
    source.add_argument(
        "--shor", type=int_at_least(3), metavar="N", help="Shor order finding modulo N (N >= 3)"
    )
    submit.add_argument(
        "--qubits",
        type=positive_int,
        help="--grover: search qubits (default: enough for the largest value; a 0b bitstring "
        "counts its digits)",
    )
    submit.add_argument(
        "--iterations", type=nonnegative_int, help="--grover: iterations (default: optimal)"
    )
    submit.add_argument(
        "--base", type=int_at_least(2), help="--shor: the base a (default: smallest coprime >= 2)"
    )
    submit.add_argument("--backend", required=True, help="fake:NAME, ibm:NAME or ibm:least_busy")
    submit.add_argument("--min-qubits", type=positive_int, default=1, help="for ibm:least_busy")
    submit.add_argument(
        "--shots", type=positive_int, default=1024, help="shots per circuit (default 1024)"
    )
    submit.add_argument(
        "--seed", type=seed, default=None, help="transpiler (and fake-backend) seed"
    )
    submit.add_argument("--mode", choices=("job", "batch", "session"), default="job")
    submit.add_argument(
        "--optimization-level",
        type=int_in_range(0, 3),
        default=1,
        help="preset pass manager level 0-3 (default 1)",
    )
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
        type=positive_float,
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
    from qcog.cli.jobs import add_wait_arguments

    add_wait_arguments(submit)
    submit.add_argument(
        "--force",
        action="store_true",
        help="submit even if the same circuits and options were submitted before (IBM backends)",
    )
    submit.add_argument(
        "--over-quota",
        choices=("warn", "refuse", "ignore"),
        default="warn",
        help="when the estimated QPU time exceeds the instance's remaining usage: warn and "
        "submit (default), refuse (submit nothing), or ignore",
    )
    submit.add_argument(
        "--preview", action="store_true", help="show ISA circuits and cost; submit nothing"
    )
    submit.add_argument("--show-circuit", action="store_true", help="print the ISA circuits")
    submit.add_argument("--store", default=None, help="job store file (default: user data dir)")
    submit.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    submit.set_defaults(handler=handle_submit)
    account = commands.add_parser(
        "account", help="where the IBM account comes from (token hidden), or --save one"
    )
    account.add_argument(
        "--save",
        action="store_true",
        help="save an account: the API key from QISKIT_IBM_TOKEN, else typed at a prompt "
        "(or one line on stdin); the file is readable by you only",
    )
    account.add_argument("--instance", help="--save: the instance CRN or name")
    account.add_argument(
        "--channel",
        choices=("ibm_quantum_platform", "ibm_cloud"),
        default="ibm_quantum_platform",
        help="--save: the channel (default ibm_quantum_platform)",
    )
    account.add_argument(
        "--overwrite", action="store_true", help="--save: replace the saved default account"
    )
    account.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    account.set_defaults(handler=handle_account)


def _usage(parser) -> int:
    import sys

    parser.print_help(sys.stderr)
    return 2


def marked_values(text: str) -> tuple[list[int], list[int]]:
    """``--grover`` values, as ``qcog grover --marked`` reads them, and their digit widths.

    Integers (``5``), bitstrings with ``0b`` (``0b101`` = 5; its width is 3 digits, so
    ``0b001`` asks for 3 qubits) and hexadecimal with ``0x``, separated by commas.

    >>> marked_values("5,0b0110")
    ([5, 6], [0, 4])
    """
    from qcog.exceptions import QcogValueError

    values, widths = [], []
    for part in (p.strip() for p in text.split(",")):
        try:
            value = int(part, 0)
        except ValueError:
            raise QcogValueError(
                f"--grover takes integers separated by commas (e.g. 5,9), 0b bitstrings "
                f"(0b101 = 5) or 0x hex values, got {text!r}"
            ) from None
        if value < 0:
            raise QcogValueError(f"--grover values are >= 0, got {part!r}")
        values.append(value)
        widths.append(len(part) - 2 if part.lower().startswith("0b") else 0)
    return values, widths


def grover_source(args):
    """Grover search circuit for ``--grover`` (qcog.circuits.grover, built by its own module)."""
    from qcog.circuits.grover import grover_circuit
    from qcog.circuits.oracles import marked_oracle

    marked, widths = marked_values(args.grover)
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


def _notes(out: dict) -> list[str]:
    """Plan, mode change and warnings, one line each (qcog's checks say what matters)."""
    lines = []
    plan = out.get("plan")
    if plan:
        from qcog.ibm.plan import PlanInfo

        fields = {k: v for k, v in plan.items() if k in PlanInfo.__dataclass_fields__}
        lines.append(f"plan: {PlanInfo(**fields).describe()}")
    if out.get("mode_note"):
        lines.append(f"mode: {out['mode_note']}")
    lines += [f"warning: {w}" for w in out.get("warnings", [])]
    return lines  # qiskit-ibm-runtime's own notes: in --json ("runtime_notes") only


def _preview_text(out: dict) -> str:
    lines = [f"ISA for {out['backend']}: {len(out['circuits'])} circuit(s)"]
    for i, c in enumerate(out["circuits"]):
        runs = f", {c['executions']} circuit runs" if c.get("executions", 1) > 1 else ""
        lines.append(
            f"  [{i}] {c['num_qubits']} qubits -> physical {c['physical_qubits']}, "
            f"{c['twoq_gates']} two-qubit gates, depth {c['depth']}, ~{c['duration_us']} us/shot"
            f"{runs}"
        )
    lines.append(f"estimated QPU time: {out['estimated_qpu_seconds']} s ({out['estimate_note']})")
    lines += _notes(out)
    if out.get("duplicate"):
        lines.append(
            f"the same job was submitted before: {out['duplicate']} (submitting again needs "
            "--force)"
        )
    lines += out.get("drawings", [])
    return "\n".join(lines)


def _submit_text(out: dict) -> str:
    head = f"job {out['job_id']} on {out['backend']} ({out['kind']}, {out['mode']} mode)"
    lines = [f"{head}: {out['status']}", f"stored in {out['store']}", _preview_text(out["summary"])]
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


def _options(args):
    from qcog.ibm.primitives import SubmitOptions

    return SubmitOptions(
        shots=args.shots,
        seed=args.seed,
        dynamical_decoupling=args.dd,
        dd_sequence=args.dd_sequence,
        twirling=args.twirling,
        resilience_level=args.resilience_level,
        precision=args.precision,
        mitigation=_runtime_mitigation(args),
    )


def handle_submit(args) -> int:
    from qcog.cli.jobs import poll_from_args, progress_printer
    from qcog.cli.output import emit
    from qcog.ibm.runtime_messages import collected_runtime_messages
    from qcog.ibm.store import JobStore
    from qcog.ibm.submission import preview, submit

    _check_estimator_flags(args)
    circuit = circuit_from_args(args)
    options = _options(args)
    with collected_runtime_messages() as notes:
        if args.preview:
            out = preview(
                circuit,
                args.backend,
                args.observable,
                options,
                args.mode,
                args.optimization_level,
                args.seed,
                store=args.store,  # opened only to look for duplicates (IBM backends)
                min_qubits=args.min_qubits,
            )
            program = out.pop("program")
            if args.show_circuit:
                out["drawings"] = [str(c.draw(output="text", fold=120)) for c in program.circuits]
        else:
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
                poll=poll_from_args(args),
                store=store,
                min_qubits=args.min_qubits,
                force=args.force,
                on_quota=args.over_quota,
                progress=progress_printer(args),
            )
            out = {**record.to_dict(), "store": str(store.path)}
    target = out if args.preview else out["summary"]
    target["runtime_notes"] = list(dict.fromkeys([*target.get("runtime_notes", []), *notes]))
    emit(out, args.json, _preview_text if args.preview else _submit_text)
    return 0


def _account_text(info: dict) -> str:
    if info.get("saved_to"):
        return f"account saved to {info['saved_to']} (mode 600, default account); token hidden"
    if info["source"] is None:
        return "no IBM Quantum account configured (save one with: qcog ibm account --save)"
    where = f"the {info['source']}" + (f" ({info['file']})" if info.get("file") else "")
    return (
        f"account from {where}: channel {info['channel']}, instance {info['instance']}, "
        "token hidden"
    )


def _read_token() -> str:
    """The API key: QISKIT_IBM_TOKEN, else a hidden prompt (a terminal) or one line of stdin."""
    import os
    import sys

    token = os.environ.get("QISKIT_IBM_TOKEN", "")
    if token:
        return token
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("IBM Quantum API key (hidden): ")
    return sys.stdin.readline().strip()


def handle_account(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.account import account_info, save_account

    given = [f for f, v in (("--instance", args.instance), ("--overwrite", args.overwrite)) if v]
    if given and not args.save:
        from qcog.exceptions import QcogValueError

        raise QcogValueError(f"{' and '.join(given)} apply to --save (qcog ibm account --save ...)")
    if args.save:
        path = save_account(_read_token(), args.instance, args.channel, args.overwrite)
        emit({**account_info(), "saved_to": path}, args.json, _account_text)
        return 0
    emit(account_info(), args.json, _account_text)
    return 0
