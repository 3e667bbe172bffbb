"""The local job store: every submitted job on record before anyone waits for it.

One SQLite file in the user's data directory (``platformdirs.user_data_dir("qcog")``,
or ``$QCOG_DATA_DIR``, or an explicit path) holds, per job: the job id, backend,
primitive, mode, the ISA circuits as QPY, observables, options, tags and times — written
BEFORE the runtime call under a provisional id (``pending-<uuid4>``, status
``submitting``) and renamed to the real job id in one statement when IBM returns it
(the provisional id stays on the row, so it still resolves) — then its status and, once
fetched, its result (counts or expectation values, metadata, usage). Another process,
days later, reads the same file.
Tokens are never written here.

>>> import tempfile, os
>>> store = JobStore(os.path.join(tempfile.mkdtemp(), "jobs.sqlite"))
>>> store.list_jobs()
[]
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogValueError

FILE_NAME = "jobs.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    job_id      TEXT PRIMARY KEY,
    backend     TEXT NOT NULL,
    local       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    session_id  TEXT,
    status      TEXT NOT NULL,
    raw_status  TEXT,
    error       TEXT,
    created     REAL NOT NULL,
    updated     REAL NOT NULL,
    circuits    BLOB NOT NULL,
    observables TEXT,
    options     TEXT NOT NULL,
    tags        TEXT NOT NULL,
    summary     TEXT NOT NULL,
    result      TEXT,
    usage_s     REAL,
    pid         INTEGER,
    provisional_id TEXT
)
"""
#: Columns added after the first release, with their types (added to older store files).
_ADDED_COLUMNS = {"provisional_id": "TEXT"}
PROVISIONAL_PREFIX = "pending-"
_JSON_COLUMNS = ("observables", "options", "tags", "summary", "result")


class UnknownJobError(QcogValueError):
    """No job with this id is in the store."""


def default_store_path() -> Path:
    """``$QCOG_DATA_DIR/jobs.sqlite``, else ``user_data_dir("qcog")/jobs.sqlite``."""
    base = os.environ.get("QCOG_DATA_DIR")
    if not base:
        from platformdirs import user_data_dir

        base = user_data_dir("qcog", appauthor=False)
    return Path(base) / FILE_NAME


def provisional_job_id() -> str:
    """A local id for a job whose submission is in flight: ``pending-<uuid4>``."""
    import uuid

    return f"{PROVISIONAL_PREFIX}{uuid.uuid4()}"


def circuits_to_qpy(circuits: list) -> bytes:
    """Serialize circuits with QPY (exact, version-tagged)."""
    from qiskit import qpy

    buffer = io.BytesIO()
    qpy.dump(list(circuits), buffer)
    return buffer.getvalue()


def circuits_from_qpy(blob: bytes) -> list:
    from qiskit import qpy

    return list(qpy.load(io.BytesIO(blob)))


def observables_to_data(observables) -> list | None:
    """Per circuit, its SparsePauliOps as ``[[label, re, im], ...]`` (None for sampler jobs)."""
    if observables is None or all(o is None for o in observables):
        return None
    return [
        [[[label, float(c.real), float(c.imag)] for label, c in op.to_list()] for op in group]
        for group in observables
    ]


def observables_from_data(data: list | None) -> list | None:
    if data is None:
        return None
    from qiskit.quantum_info import SparsePauliOp

    return [
        [
            SparsePauliOp.from_list([(lab, complex(re, im)) for lab, re, im in terms])
            for terms in group
        ]
        for group in data
    ]


@dataclass
class JobRecord:
    """One row of the store. ``circuits`` is QPY bytes; JSON columns are decoded."""

    job_id: str
    backend: str
    local: bool
    kind: str
    mode: str
    status: str
    created: float
    updated: float
    circuits: bytes = field(repr=False)
    options: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    observables: list | None = None
    session_id: str | None = None
    raw_status: str | None = None
    error: str | None = None
    result: dict[str, Any] | None = None
    usage_s: float | None = None
    pid: int | None = None
    provisional_id: str | None = None

    def isa_circuits(self) -> list:
        """The ISA circuits exactly as submitted."""
        return circuits_from_qpy(self.circuits)

    def to_dict(self, include_result: bool = True) -> dict[str, Any]:
        """JSON-ready (no QPY bytes); times as ISO-8601 UTC too."""
        out = {k: v for k, v in asdict(self).items() if k not in ("circuits", "pid")}
        out["created_utc"] = _iso(self.created)
        out["updated_utc"] = _iso(self.updated)
        if not include_result:
            out.pop("result")
        return out


def _iso(stamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


class JobStore:
    """SQLite-backed job records; safe to open from several processes at once.

    Args:
        path: the SQLite file (created with its folder); default :func:`default_store_path`.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            have = {row["name"] for row in db.execute("PRAGMA table_info(jobs)")}
            for column, kind in _ADDED_COLUMNS.items():
                if column not in have:
                    try:
                        db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {kind}")
                    except sqlite3.OperationalError:  # another process added it just now
                        pass

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def _write(self, sql: str, params: tuple) -> None:
        db = self._connect()
        try:
            with db:  # commits, so the row is on disk when this returns
                db.execute(sql, params)
        finally:
            db.close()

    def add(self, record: JobRecord) -> None:
        """Insert a new job (fails if the id exists)."""
        row = asdict(record)
        for column in _JSON_COLUMNS:
            row[column] = None if row[column] is None else json.dumps(row[column])
        row["local"] = int(record.local)
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._write(f"INSERT INTO jobs ({columns}) VALUES ({marks})", tuple(row.values()))

    def update(self, job_id: str, **fields: Any) -> None:
        """Change some columns of one job (``updated`` is set to now)."""
        job_id = self.get(job_id).job_id  # raises UnknownJobError; resolves a provisional id
        self._set(job_id, fields)

    def _set(self, job_id: str, fields: dict[str, Any]) -> None:
        fields = {**fields, "updated": time.time()}
        for column in _JSON_COLUMNS:
            if column in fields and fields[column] is not None:
                fields[column] = json.dumps(fields[column])
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self._write(f"UPDATE jobs SET {assignments} WHERE job_id = ?", (*fields.values(), job_id))

    def rename(self, provisional_id: str, job_id: str, **fields: Any) -> None:
        """Give a provisional record its real job id (and other columns) in ONE statement.

        The provisional id is kept in the ``provisional_id`` column, so :meth:`get`
        still finds the job by it; a crash can only leave the old row or the new one.
        """
        self.get(provisional_id)  # raises UnknownJobError
        self._set(provisional_id, {**fields, "job_id": job_id, "provisional_id": provisional_id})

    def _record(self, row: sqlite3.Row) -> JobRecord:
        data = dict(row)
        for column in _JSON_COLUMNS:
            data[column] = None if data[column] is None else json.loads(data[column])
        data["local"] = bool(data["local"])
        return JobRecord(**data)

    def get(self, job_id: str) -> JobRecord:
        """The record of ``job_id``, or of the provisional id it was submitted under.

        A unique prefix of at least 6 characters of the job id also works.

        Raises:
            UnknownJobError: no such job (or the prefix is ambiguous).
        """
        db = self._connect()
        try:
            rows = db.execute("SELECT * FROM jobs WHERE job_id = ?", (job_id,)).fetchall()
            if not rows:
                rows = db.execute(
                    "SELECT * FROM jobs WHERE provisional_id = ?", (job_id,)
                ).fetchall()
            if not rows and len(job_id) >= 6:
                rows = db.execute(
                    "SELECT * FROM jobs WHERE job_id LIKE ? ESCAPE '\\'",
                    (job_id.replace("%", "\\%").replace("_", "\\_") + "%",),
                ).fetchall()
        finally:
            db.close()
        if len(rows) != 1:
            why = "matches several jobs" if rows else "is not in the job store"
            raise UnknownJobError(f"job {job_id!r} {why} ({self.path}); see `qcog jobs list`")
        return self._record(rows[0])

    def list_jobs(self, status: str | None = None, limit: int | None = None) -> list[JobRecord]:
        """Jobs, newest first, optionally only those in one normalised ``status``."""
        sql, params = "SELECT * FROM jobs", []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY created DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        db = self._connect()
        try:
            return [self._record(row) for row in db.execute(sql, params).fetchall()]
        finally:
            db.close()
