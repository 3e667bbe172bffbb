"""Progress inside one benchmark: how a benchmark reports its steps and the suite shows them.

A benchmark whose ``run`` accepts a ``progress`` keyword gets a callable
``progress(done, total, label)`` and calls it as it goes (``progress(3, 12, "n = 8")``).
When the benchmark runs in its own process (what ``qcog bench`` does), the callable is a
:class:`ProgressFile` that appends one JSON line per call; the suite polls the file
(:func:`latest_progress`) and moves the benchmark's own bar. A benchmark that declares no
``progress`` still shows movement: the bar follows the last line it printed
(:func:`last_line`) and its elapsed time.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.jsonl"
>>> report = ProgressFile(path)
>>> report(1, 4, "n = 4"); report(2, 4, "n = 6")
>>> latest_progress(path)
{'done': 2, 'total': 4, 'label': 'n = 6'}
>>> accepts_progress(lambda quick, out_dir, progress=None: None)
True
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: ``progress(done, total, label)``: ``total`` may be None when unknown.
ProgressCallback = Callable[[int, "int | None", str], None]


def accepts_progress(run: Callable[..., Any]) -> bool:
    """True when ``run`` takes a ``progress`` keyword (or ``**kwargs``)."""
    try:
        parameters = inspect.signature(run).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "progress" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


class ProgressFile:
    """A progress callback that appends ``{"done", "total", "label"}`` lines to a file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None:
        line = json.dumps({"done": int(done), "total": total, "label": str(label)})
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def _last_nonempty(path: Path, max_bytes: int = 4096) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            tail = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = [line.strip() for line in tail.replace("\r", "\n").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def latest_progress(path: str | Path) -> dict[str, Any] | None:
    """The last complete progress line in ``path`` (None when there is none yet)."""
    line = _last_nonempty(Path(path))
    try:
        data = json.loads(line) if line else None
    except json.JSONDecodeError:  # a line being written right now
        return None
    return data if isinstance(data, dict) else None


def last_line(path: str | Path, width: int = 60) -> str:
    """The last printed line of a log, cut to ``width`` characters (for a bar's postfix)."""
    line = _last_nonempty(Path(path))
    return line if len(line) <= width else line[: width - 3] + "..."


def show(bar: Any, update: dict[str, Any] | None, fallback: str = "") -> None:
    """Move a tqdm ``bar`` to ``update`` (from :func:`latest_progress`), else show ``fallback``."""
    if update:
        done = int(update.get("done") or 0)
        total = update.get("total")
        if total:
            total = max(int(total), done)  # an estimated total may be passed
            if bar.total != total:
                bar.total = total
        bar.n = done
        bar.set_postfix_str(str(update.get("label") or ""), refresh=False)
    elif fallback:
        bar.set_postfix_str(fallback, refresh=False)
    bar.refresh()


class Steps:
    """A benchmark's step counter: ``step(label)`` reports one more step done of ``total``.

    Without a progress callback (a benchmark run on its own) it does nothing.

    >>> seen = []
    >>> step = Steps(lambda done, total, label: seen.append((done, total, label)), total=2)
    >>> step("n = 4"); step("n = 6")
    >>> seen
    [(1, 2, 'n = 4'), (2, 2, 'n = 6')]
    """

    def __init__(self, progress: ProgressCallback | None, total: int | None) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, label: str = "") -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, label)
