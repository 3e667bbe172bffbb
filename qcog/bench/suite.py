"""Find the benchmark scripts, run them one by one, record what happened.

A benchmark is a ``.py`` file in the benchmarks directory, not starting with ``_``,
that defines a top-level ``run`` function (checked by parsing the file, so helper
scripts such as ``gpu_check.py`` are skipped without being executed). Each is loaded
by its file path and called as ``run(quick=..., out_dir=...)``; it returns a dict and
writes ``<name>.json`` (plus plots) into ``out_dir``. Whatever a benchmark prints goes
to ``<name>.log`` beside its results; an exception in one benchmark is recorded as that
benchmark's failure and the others still run. ``suite.json`` in ``out_dir`` keeps the
latest outcome of every benchmark (a later ``--only`` run updates its entries), and
``<name>.card.json`` sums up each run (:mod:`qcog.bench.card`). A ``run`` that accepts a
``progress`` keyword reports its steps, which move the benchmark's own progress bar
(:mod:`qcog.bench.progress`).

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "fast.py").write_text("def run(quick, out_dir):\\n    return {'x': 1}\\n")
>>> _ = (folder / "_helpers.py").write_text("def run(quick, out_dir):\\n    pass\\n")
>>> [spec.name for spec in discover(folder)]
['fast']
>>> [o.status for o in run_suite(discover(folder), quick=True, out_dir=folder / "out", progress=False, machine={})]
['ok']
"""

from __future__ import annotations

import ast
import contextlib
import datetime as _dt
import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qcog.bench.progress import (
    ProgressCallback,
    accepts_progress,
    last_line,
    latest_progress,
    show,
)
from qcog.exceptions import QcogError, QcogValueError

#: Name of the record of outcomes kept in the output directory.
SUITE_RECORD = "suite.json"
#: Seconds between two looks at a running benchmark's progress.
POLL_S = 0.5


class BenchmarksNotFoundError(QcogError, FileNotFoundError):
    """The benchmarks directory does not exist (e.g. qcog installed without its source tree)."""


@dataclass(frozen=True)
class BenchmarkSpec:
    """One benchmark script: its ``name`` (the file stem) and ``path``."""

    name: str
    path: Path


@dataclass
class BenchmarkOutcome:
    """What happened when one benchmark ran.

    ``status`` is ``"ok"`` or ``"failed"``; ``error`` is one line (``Type: message``)
    when it failed; ``files`` are the names written into the output directory.
    """

    name: str
    status: str
    quick: bool
    wall_s: float
    finished_at: str
    result: dict[str, Any] | None = None
    error: str | None = None
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The outcome without the (possibly large) result, which lives in ``<name>.json``."""
        record = asdict(self)
        record.pop("result")
        return record


def benchmarks_dir() -> Path:
    """The ``benchmarks/`` directory of the source tree that holds the ``qcog`` package.

    Raises:
        BenchmarksNotFoundError: when qcog is installed without its source tree.
    """
    import qcog

    folder = Path(qcog.__file__).resolve().parents[1] / "benchmarks"
    if not folder.is_dir():
        raise BenchmarksNotFoundError(
            f"no benchmarks directory at {folder}: the benchmarks live in qcog's source tree "
            "(a git clone, installed with `pip install -e .`); pass --dir DIR to use another one"
        )
    return folder


def is_benchmark(path: Path) -> bool:
    """True when ``path`` defines a top-level ``run`` function (or cannot be parsed).

    A file that does not parse counts as a benchmark so that its failure is reported
    rather than silently skipped.
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError:
        return True
    return any(isinstance(node, ast.FunctionDef) and node.name == "run" for node in tree.body)


def discover(directory: str | Path | None = None) -> list[BenchmarkSpec]:
    """The benchmarks in ``directory`` (default: :func:`benchmarks_dir`), sorted by name.

    Args:
        directory: folder to search; files starting with ``_`` are skipped.

    Returns:
        One :class:`BenchmarkSpec` per benchmark script.

    Raises:
        BenchmarksNotFoundError: when the folder does not exist.
    """
    folder = benchmarks_dir() if directory is None else Path(directory)
    if not folder.is_dir():
        raise BenchmarksNotFoundError(f"benchmarks directory {folder} does not exist")
    paths = sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))
    return [BenchmarkSpec(p.stem, p) for p in paths if is_benchmark(p)]


def select(specs: list[BenchmarkSpec], only: Iterable[str] | None) -> list[BenchmarkSpec]:
    """Keep the benchmarks named in ``only`` (names may be comma-separated); all if None.

    Raises:
        QcogValueError: for a name that is not a discovered benchmark.
    """
    if not only:
        return list(specs)
    wanted = [name.strip() for item in only for name in item.split(",") if name.strip()]
    known = {spec.name for spec in specs}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise QcogValueError(
            f"unknown benchmark {', '.join(map(repr, unknown))}; available: {', '.join(sorted(known)) or 'none'}"
        )
    return [spec for spec in specs if spec.name in wanted]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _snapshot(folder: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in folder.iterdir() if p.is_file()}


@contextlib.contextmanager
def _loaded(spec: BenchmarkSpec):
    """Import the script by path, with its folder on ``sys.path`` (as ``python FILE`` would)."""
    module_name = f"_qcog_benchmark_{spec.name}"
    folder = str(spec.path.parent)
    sys.path.insert(0, folder)
    try:
        module_spec = importlib.util.spec_from_file_location(module_name, spec.path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        module_spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(module_name, None)
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)


def call_benchmark(
    spec: BenchmarkSpec, quick: bool, out_dir: Path, progress: ProgressCallback | None = None
) -> dict[str, Any]:
    """Load ``spec`` by its path and return ``run(quick=quick, out_dir=out_dir)``.

    ``progress`` is passed on as ``run(..., progress=progress)`` when the benchmark's
    ``run`` accepts it (see :mod:`qcog.bench.progress`).

    Raises:
        TypeError: the script has no ``run`` or it did not return a dict; anything
            the benchmark raises.
    """
    with _loaded(spec) as module:
        run = getattr(module, "run", None)
        if not callable(run):
            raise TypeError(f"{spec.path.name} has no run(quick, out_dir) function")
        extra = {"progress": progress} if progress is not None and accepts_progress(run) else {}
        result = run(quick=quick, out_dir=out_dir, **extra)
    if not isinstance(result, dict):
        raise TypeError(f"run() returned {type(result).__name__}, expected a dict")
    return result


def error_line(exc: BaseException) -> str:
    """``Type: message`` on one line."""
    return (f"{type(exc).__name__}: {exc}".splitlines() or [type(exc).__name__])[0]


def _run_in_process(
    spec: BenchmarkSpec, quick: bool, out: Path, log, on_progress: ProgressCallback | None
) -> tuple[dict | None, str | None]:
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            return call_benchmark(spec, quick, out, on_progress), None
    except (Exception, SystemExit) as exc:  # noqa: BLE001 -- one benchmark must not stop the suite
        log.write("\n" + traceback.format_exc())
        return None, error_line(exc)


def _exit_reason(returncode: int) -> str:
    if returncode < 0:
        name = signal.Signals(-returncode).name if -returncode in signal.valid_signals() else "?"
        hint = " (out of memory?)" if -returncode == signal.SIGKILL else ""
        return f"benchmark process killed by signal {-returncode} ({name}){hint}"
    return f"benchmark process exited with status {returncode}"


def _wait(process: subprocess.Popen, timeout_s: float | None, tick) -> bool:
    """Wait for ``process``, calling ``tick()`` twice a second; False when it timed out."""
    start = time.monotonic()
    while True:
        try:
            process.wait(timeout=POLL_S)
            return True
        except subprocess.TimeoutExpired:
            if timeout_s is not None and time.monotonic() - start > timeout_s:
                process.kill()
                process.wait()
                return False
            tick()


def _run_in_child(
    spec: BenchmarkSpec,
    quick: bool,
    out: Path,
    log,
    timeout_s: float | None,
    on_tick: Callable[[Path, Path], None] | None,
) -> tuple[dict | None, str | None]:
    """Run the benchmark in a fresh interpreter (``python -m qcog.bench.child``).

    ``on_tick(progress_file, log_file)`` is called while it runs, to show its progress.
    """
    with tempfile.TemporaryDirectory() as scratch:
        result_path, error_path = Path(scratch) / "result.json", Path(scratch) / "error.txt"
        progress_path = Path(scratch) / "progress.jsonl"
        command = [sys.executable, "-m", "qcog.bench.child", str(spec.path), "--out", str(out)]
        command += ["--result", str(result_path), "--error", str(error_path)]
        command += ["--progress", str(progress_path)]
        command += ["--quick"] if quick else []
        log.flush()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        tick = (lambda: on_tick(progress_path, Path(log.name))) if on_tick else (lambda: None)
        if not _wait(process, timeout_s, tick):
            return (
                None,
                f"TimeoutExpired: no result within {timeout_s:g} s (the benchmark was stopped)",
            )
        if process.returncode == 0 and result_path.exists():
            return json.loads(result_path.read_text(encoding="utf-8")), None
        if error_path.exists():
            return None, error_path.read_text(encoding="utf-8").strip()
        return None, _exit_reason(process.returncode)


def run_benchmark(
    spec: BenchmarkSpec,
    quick: bool,
    out_dir: str | Path,
    isolate: bool = False,
    timeout_s: float | None = None,
    machine: dict[str, Any] | None = None,
    bar: Any = None,
) -> BenchmarkOutcome:
    """Run one benchmark; any exception becomes a failed :class:`BenchmarkOutcome`.

    Its printed output goes to ``<name>.log`` in ``out_dir`` (with the traceback on
    failure). If it did not write ``<name>.json`` itself, its returned dict is written.
    Its card (:mod:`qcog.bench.card`) is written as ``<name>.card.json``.

    Args:
        spec: the benchmark.
        quick: ask for its quick mode.
        out_dir: where its files go.
        isolate: run it in a fresh Python process, so that a crash, a kill for memory or
            global state it changes (torch threads, matplotlib backend) cannot affect the
            suite or the next benchmark.
        timeout_s: with ``isolate``, stop it after this many seconds (a failure).
        machine: the machine description written into its card.
        bar: a tqdm bar to move with the benchmark's own progress (optional).
    """
    from qcog.bench.card import build_card, write_card
    from qcog.jsonable import to_json

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    before = _snapshot(out)
    start = time.perf_counter()
    with open(out / f"{spec.name}.log", "w", encoding="utf-8") as log:
        if isolate:
            on_tick = None
            if bar is not None:

                def on_tick(progress_path: Path, log_path: Path) -> None:
                    show(bar, latest_progress(progress_path), last_line(log_path))

            result, error = _run_in_child(spec, quick, out, log, timeout_s, on_tick)
        else:
            callback = None
            if bar is not None:

                def callback(done: int, total: int | None = None, label: str = "") -> None:
                    show(bar, {"done": done, "total": total, "label": label})

            result, error = _run_in_process(spec, quick, out, log, callback)
    wall_s = time.perf_counter() - start
    json_name = f"{spec.name}.json"
    if result is not None and before.get(json_name) == _snapshot(out).get(json_name):
        (out / json_name).write_text(to_json(result) + "\n", encoding="utf-8")
    outcome = BenchmarkOutcome(
        name=spec.name,
        status="failed" if error else "ok",
        quick=quick,
        wall_s=round(wall_s, 3),
        finished_at=_now(),
        result=result,
        error=error,
    )
    try:
        write_card(out, build_card(spec.name, result, outcome.to_dict(), machine))
    except QcogError as exc:  # a malformed verdict row: say so in the card, keep the run
        write_card(
            out,
            build_card(spec.name, None, {**outcome.to_dict(), "error": error_line(exc)}, machine),
        )
    after = _snapshot(out)
    outcome.files = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    return outcome


def read_record(out_dir: str | Path) -> dict[str, Any]:
    """The ``suite.json`` record in ``out_dir`` (an empty record when there is none)."""
    path = Path(out_dir) / SUITE_RECORD
    if not path.exists():
        return {"benchmarks": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def update_record(
    out_dir: str | Path, outcome: BenchmarkOutcome, machine: dict[str, Any] | None = None
) -> None:
    """Put ``outcome`` (and the ``machine`` it ran on) into ``suite.json``."""
    from qcog.jsonable import to_json

    record = read_record(out_dir)
    entry = outcome.to_dict()
    if machine is not None:
        record["machine"] = machine
        # results of several runs can share a folder: each keeps the versions it ran with
        entry["packages"] = machine.get("packages")
    record["benchmarks"][outcome.name] = entry
    record["updated_at"] = _now()
    (Path(out_dir) / SUITE_RECORD).write_text(to_json(record) + "\n", encoding="utf-8")


def run_suite(
    specs: list[BenchmarkSpec],
    quick: bool,
    out_dir: str | Path,
    progress: bool = True,
    machine: dict[str, Any] | None = None,
    isolate: bool = False,
    timeout_s: float | None = None,
) -> list[BenchmarkOutcome]:
    """Run ``specs`` in order with a progress bar on stderr; never stops at a failure.

    Args:
        specs: benchmarks from :func:`discover` / :func:`select`.
        quick: ask each benchmark for its quick (minutes) mode.
        out_dir: folder for the JSON, plots, logs and ``suite.json``.
        progress: show a tqdm progress bar.
        machine: description of this machine stored in ``suite.json``
            (default: :func:`qcog.bench.machine.machine_info`).
        isolate: run each benchmark in its own Python process (what ``qcog bench`` does).
        timeout_s: with ``isolate``, the most seconds one benchmark may take.

    Returns:
        One :class:`BenchmarkOutcome` per benchmark, in order.
    """
    from tqdm.auto import tqdm

    from qcog.bench.machine import machine_info

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    machine = machine_info() if machine is None else machine
    outcomes = []
    bar = tqdm(specs, desc="qcog bench", unit="benchmark", disable=not progress, file=sys.stderr)
    for spec in bar:
        bar.set_postfix_str(spec.name)
        inner = tqdm(
            total=None,
            desc=f"  {spec.name}",
            unit="step",
            position=1,
            leave=False,
            disable=not progress,
            file=sys.stderr,
        )
        try:
            outcome = run_benchmark(spec, quick, out, isolate, timeout_s, machine, inner)
        finally:
            inner.close()
        update_record(out, outcome, machine)
        outcomes.append(outcome)
        if progress:
            mark = "ok" if outcome.ok else f"FAILED ({outcome.error})"
            bar.write(f"  {spec.name}: {mark} in {outcome.wall_s:.1f} s", file=sys.stderr)
    bar.close()
    return outcomes
