"""``qcog jobs list|status|wait|result|cancel``: follow stored IBM Quantum jobs across processes.

Every job submitted with ``qcog ibm submit`` (or :func:`qcog.ibm.submit`) is in the job
store; these commands read it, ask IBM Quantum for news when the job is remote, and
store results once fetched. ``--store PATH`` picks another store file.
"""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser("jobs", help="list, follow, fetch and cancel stored IBM jobs")
    commands = parser.add_subparsers(dest="jobs_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: _usage(parser))

    def command(name: str, help_text: str, handler, with_id: bool = True):
        sub = commands.add_parser(name, help=help_text)
        if with_id:
            sub.add_argument(
                "job_id", metavar="ID", help="job id (or a unique prefix of 6+ characters)"
            )
        sub.add_argument("--store", default=None, help="job store file (default: user data dir)")
        sub.add_argument("--json", action="store_true", help="print one JSON object on stdout")
        sub.set_defaults(handler=handler)
        return sub

    listing = command(
        "list",
        "stored jobs, newest first (IBM jobs: status as last seen)",
        handle_list,
        with_id=False,
    )
    from qcog.ibm.status import STATES  # a small module without heavy imports

    listing.add_argument("--status", choices=STATES)
    listing.add_argument("--limit", type=int, default=50)
    command("status", "refresh and show a job's status", handle_status)
    for name, help_text, handler in (
        ("wait", "wait until the job is final; store its result", handle_wait),
        ("result", "the job's result (from the store, else fetched)", handle_result),
    ):
        sub = command(name, help_text, handler)
        sub.add_argument(
            "--interval", type=float, default=5.0, help="seconds between status checks"
        )
        sub.add_argument("--timeout", type=float, default=None, help="give up after S seconds")
    commands.choices["result"].add_argument("--wait", action="store_true", help="wait if not final")
    commands.choices["result"].add_argument(
        "--output", "-o", help="also write the record as JSON here"
    )
    command("cancel", "cancel a queued or running job", handle_cancel)


def _usage(parser) -> int:
    import sys

    parser.print_help(sys.stderr)
    return 2


def _row(record) -> str:
    from qcog.ibm.status import QCOG_RAW_NOTES

    note = QCOG_RAW_NOTES.get(record.raw_status or "", "")
    return (
        f"{record.job_id:<44} {record.backend:<20} {record.kind:<9} {record.status:<10} "
        f"{record.to_dict()['created_utc']}  {note}"
    ).rstrip()


def _list_text(out: dict) -> str:
    if not out["jobs"]:
        return f"no jobs in {out['store']}"
    header = f"{'JOB ID':<44} {'BACKEND':<20} {'KIND':<9} {'STATUS':<10} CREATED (UTC)         NOTE"
    return "\n".join([header, *out["rows"]])


def _status_text(out: dict) -> str:
    line = f"job {out['job_id']} on {out['backend']}: {out['status']} (raw: {out['raw_status']})"
    if out.get("provisional_id"):
        line += f"\nsubmitted under the provisional id {out['provisional_id']}"
    if out.get("error"):
        line += f"\nerror: {out['error']}"
    if out["status"] == "queued" and out["raw_status"] == "INTERRUPTED":
        line += "\nthe submitting process ended first; `qcog jobs wait` re-runs it from the stored circuits"
    if out["raw_status"] == "SUBMITTING":
        line += "\nthe submitting process is still waiting for IBM to return a job id"
    return line


def _result_text(out: dict) -> str:
    lines = [_status_text(out)]
    if out.get("usage_s") is not None:
        lines.append(f"usage: {out['usage_s']} s")
    for i, pub in enumerate((out.get("result") or {}).get("pubs", [])):
        if "counts" in pub:
            ranked = sorted(pub["counts"].items(), key=lambda kv: (-kv[1], kv[0]))
            lines.append(
                f"pub {i}: {pub['shots']} shots; " + ", ".join(f"{k}: {v}" for k, v in ranked[:8])
            )
        else:
            lines.append(f"pub {i}: evs {pub['evs']} +- {pub['stds']}")
    if out.get("output"):
        lines.append(f"written to {out['output']}")
    return "\n".join(lines)


def _store(args):
    from qcog.ibm.store import JobStore

    return JobStore(args.store)


def _poll(args):
    from qcog.ibm.polling import PollPolicy

    return PollPolicy(interval_s=args.interval, timeout_s=args.timeout)


def handle_list(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import refresh_local

    store = _store(args)
    records = [refresh_local(store, r) for r in store.list_jobs(limit=args.limit)]
    records = [r for r in records if args.status in (None, r.status)]
    out = {
        "store": str(store.path),
        "jobs": [r.to_dict(include_result=False) for r in records],
        "rows": [_row(r) for r in records],
    }
    if args.json:
        out.pop("rows")
    emit(out, args.json, _list_text)
    return 0


def handle_status(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import job_status

    record = job_status(args.job_id, store=_store(args))
    emit(record.to_dict(include_result=False), args.json, _status_text)
    return 0


def handle_wait(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import wait_job

    record = wait_job(args.job_id, store=_store(args), poll=_poll(args))
    emit(record.to_dict(), args.json, _result_text)
    return 0 if record.status == "done" else 1


def handle_result(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import export_json, job_result

    record = job_result(args.job_id, store=_store(args), wait=args.wait, poll=_poll(args))
    out = record.to_dict()
    if args.output:
        out["output"] = str(export_json(record, args.output))
    emit(out, args.json, _result_text)
    return 0


def handle_cancel(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import cancel_job

    record = cancel_job(args.job_id, store=_store(args))
    emit(record.to_dict(include_result=False), args.json, _status_text)
    return 0
