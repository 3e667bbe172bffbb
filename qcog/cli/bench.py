"""``qcog bench``: run the benchmark suite, write ``report.md``, compare two result folders."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only
    import argparse

#: Default output folders, inside the benchmarks folder: full runs replace the committed
#: results; quick runs go to an ignored folder and never touch them.
FULL_OUT, QUICK_OUT = "results", "results-quick"


def register(subparsers: argparse._SubParsersAction) -> None:
    from qcog.cli.argtypes import positive_float

    parser = subparsers.add_parser(
        "bench",
        help="run the classical-versus-quantum benchmarks, write JSON, cards, plots and report.md",
        description="Run every benchmark in the source tree's benchmarks/ folder (or --dir) one after "
        "the other, each in its own process; a failing benchmark is reported and the others still "
        "run. Writes <name>.json, <name>.card.json, plots, logs, suite.json and report.md (verdicts "
        "with 95% intervals) into --out. Full runs default to benchmarks/results (the committed "
        "reference); --quick runs default to benchmarks/results-quick (ignored by git). "
        "Exit status 1 if any benchmark failed, or with --compare if anything got worse.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, fewer seeds: the suite in minutes"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable, or NAME,NAME)",
    )
    parser.add_argument(
        "--out",
        "--output",
        default=None,
        help=f"output folder (default: <benchmarks dir>/{FULL_OUT}, with --quick "
        f"<benchmarks dir>/{QUICK_OUT})",
    )
    parser.add_argument(
        "--dir", default=None, help="benchmarks folder (default: benchmarks/ of the source tree)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite report.md from --out, run nothing"
    )
    parser.add_argument(
        "--compare",
        metavar="OLD_DIR",
        default=None,
        help="run nothing: print what got slower or worse beyond the noise in --out "
        "(the new results) compared with OLD_DIR; exit status 1 if anything got worse",
    )
    parser.add_argument(
        "--readme",
        metavar="PATH",
        default=None,
        help="also rewrite the headline table between the qcog-bench-headline markers of PATH",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=None,
        metavar="S",
        help="stop a benchmark after S seconds",
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


def _check_quick_target(out_dir, quick: bool) -> None:
    """Refuse a quick run into a folder that holds full-mode results (it would replace them)."""
    from qcog.bench import read_record
    from qcog.exceptions import QcogValueError

    if not quick or not (out_dir / "suite.json").exists():
        return
    full = sorted(n for n, e in read_record(out_dir)["benchmarks"].items() if not e.get("quick"))
    if full:
        raise QcogValueError(
            f"{out_dir} holds full-mode results ({', '.join(full)}); a quick run would replace "
            f"them: leave --out out (quick runs go to benchmarks/{QUICK_OUT}) or choose another folder"
        )


def _compare(args, out_dir) -> int:
    from qcog.bench.regressions import compare_folders, regressions_text
    from qcog.cli.output import emit

    report = compare_folders(args.compare, out_dir).to_dict()
    emit(report, args.json, regressions_text)
    return 1 if report["worse"] else 0


def handle(args: argparse.Namespace) -> int:
    from pathlib import Path

    from qcog.bench import benchmarks_dir, discover, run_suite, select, write_report
    from qcog.cli.output import emit
    from qcog.exceptions import QcogValueError

    bench_dir = Path(args.dir) if args.dir else benchmarks_dir()
    out_dir = Path(args.out) if args.out else bench_dir / (QUICK_OUT if args.quick else FULL_OUT)
    if args.compare:
        return _compare(args, out_dir)
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
    if not args.report_only:
        _check_quick_target(out_dir, args.quick)
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
    if args.readme:
        from qcog.bench.readme import update_readme

        summary["readme"] = str(update_readme(args.readme, out_dir))
    emit(summary, args.json, _text)
    return 0 if all(o.ok for o in outcomes) else 1
