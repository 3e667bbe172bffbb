"""``qcog jobs``: follow, recover and share stored IBM Quantum jobs across processes and machines.

Every job submitted with ``qcog ibm submit`` (or :func:`qcog.ibm.submit`) is in the job
store; these commands read it, ask IBM Quantum for news when the job is remote, and
store results once fetched:

* ``list [--refresh]``, ``status``, ``wait``, ``result``, ``cancel``: one job or all;
* ``reconcile``: fill the store back from IBM (after a crash, a lost store, or on a
  second machine) by the tags every qcog job carries; nothing is resubmitted;
* ``export ID`` / ``import BUNDLE``: a provenance bundle (QPY circuits, options, result,
  calibration, versions) someone else can load;
* ``salvage DAMAGED``: copy every readable job of a damaged store file into the store.

``--store PATH`` picks another store file. Waits have a timeout (default one hour) and
report on stderr what they wait for.
"""

from __future__ import annotations

import sys

#: Problems with a damaged store shown in the text listing (all of them with --json).
SHOWN_PROBLEMS = 4


def _timeout(text: str) -> float | None:
    """``--timeout``: seconds > 0, or ``none`` to wait without limit."""
    import argparse

    from qcog.cli.argtypes import positive_float

    if text.strip().lower() in ("none", "never"):
        return None
    try:
        return positive_float(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"must be seconds > 0 or 'none', got {text!r}") from None


def add_wait_arguments(parser) -> None:
    """``--interval`` and ``--timeout`` for every command that waits for a job."""
    from qcog.cli.argtypes import nonnegative_float
    from qcog.ibm.polling import DEFAULT_TIMEOUT_S

    parser.add_argument(
        "--interval",
        type=nonnegative_float,
        default=5.0,
        help="seconds between status checks (default 5)",
    )
    parser.add_argument(
        "--timeout",
        type=_timeout,
        default=DEFAULT_TIMEOUT_S,
        metavar="S",
        help=f"give up waiting after S seconds (default {DEFAULT_TIMEOUT_S:g}; 'none': no limit); "
        "the job stays on record",
    )


def poll_from_args(args):
    """The :class:`~qcog.ibm.polling.PollPolicy` of ``--interval`` and ``--timeout``."""
    from qcog.ibm.polling import PollPolicy

    return PollPolicy(interval_s=args.interval, timeout_s=args.timeout)


def progress_printer(args):
    """Print wait progress on stderr (stdout keeps the result, one JSON object with --json)."""

    def show(line: str) -> None:
        print(f"qcog: {line}", file=sys.stderr, flush=True)

    return show


def register(subparsers) -> None:
    from qcog.cli.argtypes import positive_int

    parser = subparsers.add_parser(
        "jobs", help="list, follow, fetch, cancel, reconcile and export stored IBM jobs"
    )
    commands = parser.add_subparsers(dest="jobs_command", metavar="SUBCOMMAND")
    parser.set_defaults(handler=lambda args: _usage(parser))

    def command(name: str, help_text: str, handler, with_id: bool = True):
        sub = commands.add_parser(name, help=help_text, description=help_text)
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
        "stored jobs, newest first (IBM jobs: status as last seen, or --refresh)",
        handle_list,
        with_id=False,
    )
    from qcog.ibm.status import STATES  # a small module without heavy imports

    listing.add_argument("--status", choices=STATES, help="only jobs in this state")
    listing.add_argument(
        "--limit", type=positive_int, default=50, help="newest N jobs (default 50)"
    )
    listing.add_argument(
        "--refresh", action="store_true", help="ask IBM for the status of unfinished jobs first"
    )
    command("status", "refresh and show a job's status", handle_status)
    for name, help_text, handler in (
        ("wait", "wait until the job is final; store its result", handle_wait),
        ("result", "the job's result (from the store, else fetched)", handle_result),
    ):
        add_wait_arguments(command(name, help_text, handler))
    commands.choices["result"].add_argument("--wait", action="store_true", help="wait if not final")
    commands.choices["result"].add_argument(
        "--output", "-o", help="also write the record as JSON here"
    )
    command("cancel", "cancel a queued or running job", handle_cancel)
    reconcile = command(
        "reconcile",
        "fill the store back from IBM Quantum by the tags of qcog's jobs (nothing resubmitted)",
        handle_reconcile,
        with_id=False,
    )
    reconcile.add_argument(
        "--limit",
        type=positive_int,
        default=200,
        help="newest N qcog jobs to ask for (default 200)",
    )
    reconcile.add_argument(
        "--no-results", action="store_true", help="do not fetch results of finished jobs"
    )
    export = command(
        "export",
        "write a provenance bundle (QPY circuits, options, result, calibration, versions)",
        handle_export,
    )
    export.add_argument(
        "--output",
        "-o",
        help="bundle file (ending in .zip), or a folder for ID.qcog.zip (default: ./ID.qcog.zip)",
    )
    imported = command(
        "import", "add the job of a provenance bundle to the store", handle_import, with_id=False
    )
    imported.add_argument("bundle", metavar="BUNDLE", help="a .qcog.zip written by jobs export")
    salvage = command(
        "salvage",
        "copy every readable job of a damaged store file into the store",
        handle_salvage,
        with_id=False,
    )
    salvage.add_argument("damaged", metavar="FILE", help="the damaged job store file")


def _usage(parser) -> int:
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
    lines = []
    if not out["jobs"]:
        lines.append(f"no jobs in {out['store']}")
    else:
        header = (
            f"{'JOB ID':<44} {'BACKEND':<20} {'KIND':<9} {'STATUS':<10} CREATED (UTC)         NOTE"
        )
        lines += [header, *out["rows"]]
    unreadable = out.get("unreadable", [])
    lines += [f"warning: {line}" for line in unreadable[:SHOWN_PROBLEMS]]
    if len(unreadable) > SHOWN_PROBLEMS:
        lines.append(f"warning: ... and {len(unreadable) - SHOWN_PROBLEMS} more (see --json)")
    lines += [f"note: {line}" for line in out.get("notes", [])]
    return "\n".join(lines)


def _status_text(out: dict) -> str:
    line = f"job {out['job_id']} on {out['backend']}: {out['status']} (raw: {out['raw_status']})"
    if out.get("provisional_id"):
        line += f"\nsubmitted under the provisional id {out['provisional_id']}"
    if out.get("error"):
        line += f"\nerror: {out['error']}"
    if out["status"] == "queued" and out["raw_status"] == "INTERRUPTED":
        line += (
            "\nthe submitting process ended first; `qcog jobs wait` re-runs it from the stored "
            "circuits"
        )
    if out["raw_status"] == "SUBMITTING":
        line += "\nthe submitting process is still waiting for IBM to return a job id"
    return line


def _result_text(out: dict) -> str:
    lines = [_status_text(out)]
    if out.get("usage_s") is not None:
        lines.append(f"usage: {out['usage_s']} s")
    calibration = out.get("calibration")
    if calibration:
        lines.append(
            f"calibration at submission: {len(calibration.get('qubits', {}))} qubit(s), "
            f"{len(calibration.get('couplers', []))} coupler(s), calibrated "
            f"{calibration.get('calibrated_utc') or 'date unknown'}"
        )
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


def handle_list(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import refresh_local, refresh_statuses
    from qcog.ibm.runtime_messages import collected_runtime_messages

    store = _store(args)
    listing = store.scan(limit=args.limit)
    notes: list[str] = []
    if args.refresh:
        from qcog.ibm.polling import RetryPolicy

        with collected_runtime_messages():  # a listing retries briefly; a wait retries longer
            records, notes = refresh_statuses(
                store, listing.records, retry=RetryPolicy(attempts=2, backoff_s=0.5)
            )
    else:
        records = [refresh_local(store, r) for r in listing.records]
    records = [r for r in records if args.status in (None, r.status)]
    out = {
        "store": str(store.path),
        "jobs": [r.to_dict(include_result=False) for r in records],
        "rows": [_row(r) for r in records],
        "unreadable": listing.unreadable,
        "notes": notes,
    }
    if args.json:
        out.pop("rows")
    emit(out, args.json, _list_text)
    return 0


def handle_status(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import job_status
    from qcog.ibm.runtime_messages import collected_runtime_messages

    with collected_runtime_messages():
        record = job_status(args.job_id, store=_store(args))
    emit(record.to_dict(include_result=False), args.json, _status_text)
    return 0


def handle_wait(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import wait_job
    from qcog.ibm.runtime_messages import collected_runtime_messages

    with collected_runtime_messages():
        record = wait_job(
            args.job_id,
            store=_store(args),
            poll=poll_from_args(args),
            progress=progress_printer(args),
        )
    emit(record.to_dict(), args.json, _result_text)
    return 0 if record.status == "done" else 1


def handle_result(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import export_json, job_result
    from qcog.ibm.runtime_messages import collected_runtime_messages

    with collected_runtime_messages():
        record = job_result(
            args.job_id,
            store=_store(args),
            wait=args.wait,
            poll=poll_from_args(args),
            progress=progress_printer(args),
        )
    out = record.to_dict()
    if args.output:
        out["output"] = str(export_json(record, args.output))
    emit(out, args.json, _result_text)
    return 0


def handle_cancel(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.jobs import cancel_job
    from qcog.ibm.runtime_messages import collected_runtime_messages

    with collected_runtime_messages():
        record = cancel_job(args.job_id, store=_store(args))
    emit(record.to_dict(include_result=False), args.json, _status_text)
    return 0


def _reconcile_text(out: dict) -> str:
    lines = [out["summary"]]
    for key, label in (
        ("added", "added"),
        ("linked", "linked"),
        ("never_submitted", "never reached IBM"),
        ("updated", "status updated"),
        ("results", "result fetched"),
        ("errors", "error"),
    ):
        lines += [f"  {label}: {item}" for item in out[key]]
    lines.append(f"store: {out['store']}")
    return "\n".join(lines)


def handle_reconcile(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.reconcile import reconcile
    from qcog.ibm.runtime_messages import collected_runtime_messages

    store = _store(args)
    with collected_runtime_messages():
        report = reconcile(store, limit=args.limit, fetch_results=not args.no_results)
    out = {**report.to_dict(), "summary": report.summary_line(), "store": str(store.path)}
    emit(out, args.json, _reconcile_text)
    return 1 if report.errors else 0


def handle_export(args) -> int:
    from qcog.cli.output import emit
    from qcog.ibm.bundle import export_bundle

    record = _store(args).get(args.job_id)
    path = export_bundle(record, args.output)
    out = {"job_id": record.job_id, "status": record.status, "bundle": str(path)}
    emit(out, args.json, lambda o: f"job {o['job_id']} ({o['status']}) written to {o['bundle']}")
    return 0


def handle_import(args) -> int:
    from qcog.cli.output import emit
    from qcog.exceptions import QcogValueError
    from qcog.ibm.bundle import load_bundle
    from qcog.ibm.store import UnknownJobError

    store = _store(args)
    bundle = load_bundle(args.bundle)
    try:
        store.get(bundle.record.job_id)
    except UnknownJobError:
        store.add(bundle.record)
    else:
        raise QcogValueError(f"job {bundle.record.job_id} is already in {store.path}")
    out = {"job_id": bundle.record.job_id, "store": str(store.path), "versions": bundle.versions}
    emit(out, args.json, lambda o: f"job {o['job_id']} added to {o['store']}")
    return 0


def handle_salvage(args) -> int:
    from qcog.cli.output import emit

    store = _store(args)
    copied = store.salvage(args.damaged)
    out = {
        "store": str(store.path),
        "copied": [r.job_id for r in copied.records],
        "unreadable": copied.unreadable,
    }
    emit(out, args.json, _salvage_text)
    return 0


def _salvage_text(out: dict) -> str:
    lines = [f"{len(out['copied'])} job(s) copied into {out['store']}"]
    lines += [f"warning: {line}" for line in out["unreadable"][:SHOWN_PROBLEMS]]
    if len(out["unreadable"]) > SHOWN_PROBLEMS:
        more = len(out["unreadable"]) - SHOWN_PROBLEMS
        lines.append(f"warning: ... and {more} more rows could not be read (see --json)")
    return "\n".join(lines)
