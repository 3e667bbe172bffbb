"""``qcog bench``: run the benchmark suite and write ``report.md``."""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="run the classical-versus-quantum benchmarks, write JSON, plots and report.md",
        description="Run every benchmark in the source tree's benchmarks/ folder (or --dir) one after "
        "the other; a failing benchmark is reported and the others still run. Writes <name>.json, "
        "plots, logs, suite.json and report.md into --out. Exit status 1 if any benchmark failed.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes: the whole suite in a few minutes"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable, or NAME,NAME)",
    )
    parser.add_argument(
        "--out", default=None, help="output folder (default: <benchmarks dir>/results)"
    )
    parser.add_argument(
        "--dir", default=None, help="benchmarks folder (default: benchmarks/ of the source tree)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite report.md from --out, run nothing"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--timeout", type=float, default=None, metavar="S", help="stop a benchmark after S seconds"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run benchmarks in this process (default: each in its own Python process)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(handler=handle)


def _text(summary: dict) -> str:
    if "benchmarks" in summary and "outcomes" not in summary:
        return "\n".join(f"{b['name']:20s} {b['path']}" for b in summary["benchmarks"])
    lines = [
        f"{o['name']:20s} {o['status']:7s} {o['wall_s']:8.1f} s"
        + (f"  {o['error']}" if o["error"] else "")
        for o in summary["outcomes"]
    ]
    failed = sum(o["status"] != "ok" for o in summary["outcomes"])
    lines.append(
        f"{len(summary['outcomes']) - failed} ok, {failed} failed; report: {summary['report']}"
    )
    return "\n".join(lines)


def handle(args) -> int:
    from pathlib import Path

    from qcog.bench import benchmarks_dir, discover, run_suite, select, write_report
    from qcog.cli.output import emit
    from qcog.exceptions import QcogValueError

    bench_dir = Path(args.dir) if args.dir else benchmarks_dir()
    specs = select(discover(bench_dir), args.only)
    if args.list:
        emit(
            {"benchmarks": [{"name": s.name, "path": str(s.path)} for s in specs]}, args.json, _text
        )
        return 0
    if not specs and not args.report_only:
        raise QcogValueError(
            f"no benchmarks in {bench_dir} (a benchmark is a .py file defining run(quick, out_dir))"
        )
    out_dir = Path(args.out) if args.out else bench_dir / "results"
    outcomes = (
        []
        if args.report_only
        else run_suite(
            specs,
            args.quick,
            out_dir,
            progress=not args.no_progress,
            isolate=not args.in_process,
            timeout_s=args.timeout,
        )
    )
    report = write_report(out_dir)
    summary = {
        "out_dir": str(out_dir),
        "report": str(report),
        "quick": args.quick,
        "outcomes": [o.to_dict() for o in outcomes],
    }
    emit(summary, args.json, _text)
    return 0 if all(o.ok for o in outcomes) else 1
