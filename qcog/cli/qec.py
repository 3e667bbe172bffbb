"""``qcog qec`` (one memory experiment) and ``qcog qec-threshold`` (a threshold sweep).

``qcog qec --code surface --distance 5 --rounds 5 --p 0.005 --shots 100000 --json``
samples the memory experiment (Stim by default, or ``--sampler aer`` / a ``fake:NAME``
backend), decodes with PyMatching and prints the logical error rate per shot and per
round with 95% intervals. ``--stim-out`` / ``--qasm-out`` write the circuit (noisy Stim
circuit, or the noiseless Qiskit circuit as OpenQASM 2 for ``qcog ibm submit``).

``qcog qec-threshold --code surface --distances 3,5,7 --ps 0.004,0.006,0.008,0.01,0.012``
sweeps distance x physical error rate with a progress bar, estimates the crossing of each
pair of neighbouring distances with a bootstrap interval, and with ``--plot FILE``
draws logical error per round versus physical error.
"""

from __future__ import annotations

from typing import Any


def register(subparsers) -> None:
    from qcog.cli.argtypes import positive_int

    memory = subparsers.add_parser("qec", help="error-correction memory experiment: logical error rate")
    _common(memory)
    memory.add_argument("--distance", type=int, default=3, help="odd code distance >= 3 (default 3)")
    memory.add_argument("--rounds", type=positive_int, default=None, help="stabiliser rounds (default: distance)")
    memory.add_argument("--p", type=float, default=0.001, help="physical error rate in [0, 1] (default 0.001)")
    memory.add_argument(
        "--sampler", default="stim",
        help="stim (default), aer (same noise, Aer stabilizer simulator) or a backend spec "
        "such as fake:manila (its own noise)",
    )
    memory.add_argument("--stim-out", metavar="FILE", help="write the noisy Stim circuit here")
    memory.add_argument("--qasm-out", metavar="FILE", help="write the Qiskit circuit as OpenQASM 2 here")
    memory.set_defaults(handler=handle_memory)

    sweep = subparsers.add_parser("qec-threshold", help="threshold sweep over distances and error rates")
    _common(sweep)
    sweep.add_argument("--distances", default="3,5,7", help="odd distances, comma-separated (default 3,5,7)")
    sweep.add_argument(
        "--ps", default="0.004,0.006,0.008,0.01,0.012,0.015",
        help="physical error rates, comma-separated",
    )
    sweep.add_argument("--rounds", type=positive_int, default=None, help="rounds (default: each distance)")
    sweep.add_argument("--plot", metavar="FILE", help="save the threshold plot (PNG) here")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")
    sweep.set_defaults(handler=handle_threshold)


def _common(parser) -> None:
    from qcog.cli.argtypes import positive_int, seed

    parser.add_argument("--code", choices=("surface", "repetition"), default="surface")
    parser.add_argument(
        "--basis", choices=("z", "x"), default="z",
        help="logical basis; for the repetition code z = bit-flip, x = phase-flip code",
    )
    parser.add_argument("--shots", type=positive_int, default=10_000, help="shots (per point for a sweep)")
    parser.add_argument("--seed", type=seed, default=None, help="sampler seed (0 .. 2**32-1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")


def _numbers(text: str, kind, name: str) -> list:
    from qcog.exceptions import QcogValueError

    try:
        return [kind(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise QcogValueError(f"{name} takes numbers separated by commas, got {text!r}") from None


def _memory_text(out: dict[str, Any]) -> str:
    rate, per_round = out["logical_error_rate"], out["per_round"]
    exp = out["experiment"]
    return "\n".join([
        (f"{out['code']} code, d={out['distance']}, {out['rounds']} rounds, basis {out['basis']}, "
        f"p={out['p']:g}: {exp['qubits']} qubits, {exp['detectors']} detectors"),
        f"sampler {out['sampler']}: {out['logical_errors']} logical errors in {out['shots']:,} shots",
        f"logical error rate {rate['mean']:.3e} [{rate['low']:.3e}, {rate['high']:.3e}] (95% CI)",
        f"per round          {per_round['mean']:.3e} [{per_round['low']:.3e}, {per_round['high']:.3e}]",
        f"sampling {out['sample_s']:.3f} s, decoding {out['decode_s']:.3f} s",
    ])


def handle_memory(args) -> int:
    from qcog.cli.output import emit
    from qcog.qec.experiment import MemoryProblem, run_memory

    rounds = args.distance if args.rounds is None else args.rounds
    problem = MemoryProblem(args.code, args.distance, rounds, args.p, args.basis)
    result = run_memory(problem, args.shots, seed=args.seed, sampler=args.sampler)
    out = result.to_dict()
    if args.stim_out:
        from qcog.qec.stim_export import to_stim

        to_stim(problem.experiment(), problem.noise()).to_file(args.stim_out)
        out["stim_out"] = args.stim_out
    if args.qasm_out:
        from qiskit import qasm2

        with open(args.qasm_out, "w", encoding="utf-8") as handle:
            handle.write(qasm2.dumps(problem.experiment().circuit))
        out["qasm_out"] = args.qasm_out
    emit(out, args.json, _memory_text)
    return 0


def _threshold_text(out: dict[str, Any]) -> str:
    lines = [f"{out['code']} code, basis {out['basis']}, {out['shots']:,} shots per point"]
    lines.append("   d        p   logical/round [95% CI]")
    for point in out["points"]:
        r = point["per_round"]
        lines.append(
            f"  {point['distance']:>2}  {point['p']:>7.4f}   {r['mean']:.3e} [{r['low']:.3e}, {r['high']:.3e}]"
        )
    for c in out["crossings"]:
        where = (
            f"p = {c['p']['mean']:.4f} [{c['p']['low']:.4f}, {c['p']['high']:.4f}]"
            if c["p"] and c["p"]["low"] is not None else (c["note"] or "no interval")
        )
        lines.append(f"crossing d={c['small']} / d={c['large']}: {where}")
    if out.get("plot"):
        lines.append(f"plot: {out['plot']}")
    return "\n".join(lines)


def handle_threshold(args) -> int:
    from qcog.cli.output import emit
    from qcog.qec.threshold import plot_threshold, sweep_problems, threshold_sweep

    distances = _numbers(args.distances, int, "--distances")
    ps = _numbers(args.ps, float, "--ps")
    sweep_problems(args.code, distances, ps, args.rounds, args.basis)  # refuse bad input first
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=len(distances) * len(ps), desc="threshold sweep", unit="point")

    def progress(done: int, total: int, label: str) -> None:
        if bar is not None:
            bar.set_postfix_str(label)
            bar.update(done - bar.n)

    try:
        result = threshold_sweep(
            args.code, distances, ps, args.shots, seed=args.seed, rounds=args.rounds,
            basis=args.basis, progress=progress,
        )
    finally:
        if bar is not None:
            bar.close()
    out = result.to_dict()
    if args.plot:
        plot_threshold(result, args.plot)
        out["plot"] = args.plot
    emit(out, args.json, _threshold_text)
    return 0
