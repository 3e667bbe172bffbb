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

import contextlib
import io
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qcog.exceptions import QcogError, QcogValueError

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
    provisional_id TEXT,
    fingerprint TEXT,
    calibration TEXT
)
"""
#: Columns added after the first release, with their types (added to older store files).
_ADDED_COLUMNS = {"provisional_id": "TEXT", "fingerprint": "TEXT", "calibration": "TEXT"}
PROVISIONAL_PREFIX = "pending-"
SQLITE_MAGIC = b"SQLite format 3\x00"
_JSON_COLUMNS = ("observables", "options", "tags", "summary", "result", "calibration")


class UnknownJobError(QcogValueError):
    """No job with this id is in the store."""


class JobStoreError(QcogError):
    """The job store file cannot be used: a bad path, no permission, or a damaged file."""


def default_store_path() -> Path:
    """``$QCOG_DATA_DIR/jobs.sqlite``, else ``user_data_dir("qcog")/jobs.sqlite``.

    Raises:
        JobStoreError: ``QCOG_DATA_DIR`` names a file rather than a folder.
    """
    base = os.environ.get("QCOG_DATA_DIR")
    if base and Path(base).exists() and not Path(base).is_dir():
        raise JobStoreError(
            f"QCOG_DATA_DIR={base} is a file, not a folder: point QCOG_DATA_DIR at a folder "
            "(it is created if missing) or unset it to use the user data folder"
        )
    if not base:
        from platformdirs import user_data_dir

        base = user_data_dir("qcog", appauthor=False)
    return Path(base) / FILE_NAME


def recovery_hint(path: Path) -> str:
    """How to get going again when the store file at ``path`` is damaged."""
    return (
        f"move it aside (mv {path} {path}.damaged), then `qcog jobs salvage {path}.damaged` "
        "copies every readable job into a new store and `qcog jobs reconcile` brings IBM "
        "jobs back from the service"
    )


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
    fingerprint: str | None = None
    calibration: dict[str, Any] | None = None

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

    Every SQLite failure (a damaged or foreign file, a folder given as the path, no
    permission) becomes a :class:`JobStoreError` that names the file and the way out.

    Args:
        path: the SQLite file (created with its folder); default :func:`default_store_path`.

    Raises:
        JobStoreError: the path is a folder or under a file, cannot be created, or is not
            a readable qcog job store.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        _check_path(self.path)
        #: Why the file is damaged (None when it is not); a damaged store is read-only.
        self.damaged: str | None = None
        existed = _is_sqlite_file(self.path)
        try:
            db = self._connect()
            try:
                with db:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute(_SCHEMA)
                    self._add_missing_columns(db)
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            error = _store_error(self.path, "open", exc)
            if not existed or "is damaged" not in str(error):
                raise error from None
            self.damaged = str(error)  # keep going: the readable rows can still be listed

    @staticmethod
    def _add_missing_columns(db: sqlite3.Connection) -> None:
        have = {row["name"] for row in db.execute("PRAGMA table_info(jobs)")}
        for column, kind in _ADDED_COLUMNS.items():
            if column not in have:
                try:
                    db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {kind}")
                except sqlite3.OperationalError:  # another process added it just now
                    pass

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn SQLite errors into :class:`JobStoreError` naming the file and the fix."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, action, exc) from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row
        return db

    def _write(self, sql: str, params: tuple) -> None:
        if self.damaged:
            raise JobStoreError(f"nothing can be written: {self.damaged}")
        with self._guard("write to"):
            db = self._connect()
            try:
                with db:  # commits, so the row is on disk when this returns
                    db.execute(sql, params)
            finally:
                db.close()

    def _read(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self._guard("read"):
            db = self._connect()
            try:
                return db.execute(sql, params).fetchall()
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

    def _decoded(self, row: sqlite3.Row) -> JobRecord:
        """:meth:`_record`, or a :class:`JobStoreError` naming the row that cannot be read."""
        try:
            return self._record(row)
        except (ValueError, TypeError, KeyError) as exc:
            name = row["job_id"] if "job_id" in row.keys() else "?"
            raise JobStoreError(
                f"job {name} in {self.path} cannot be read ({type(exc).__name__}: {exc}); "
                f"the other jobs still list; to drop the damaged row, {recovery_hint(self.path)}"
            ) from None

    def get(self, job_id: str) -> JobRecord:
        """The record of ``job_id``, or of the provisional id it was submitted under.

        A unique prefix of at least 6 characters of the job id also works.

        Raises:
            UnknownJobError: no such job (or the prefix is ambiguous).
            JobStoreError: the file or this job's row is damaged.
        """
        rows = self._read("SELECT * FROM jobs WHERE job_id = ?", (job_id,))
        if not rows:
            rows = self._read("SELECT * FROM jobs WHERE provisional_id = ?", (job_id,))
        if not rows and len(job_id) >= 6:
            rows = self._read(
                "SELECT * FROM jobs WHERE job_id LIKE ? ESCAPE '\\'",
                (job_id.replace("%", "\\%").replace("_", "\\_") + "%",),
            )
        if len(rows) != 1:
            why = "matches several jobs" if rows else "is not in the job store"
            raise UnknownJobError(f"job {job_id!r} {why} ({self.path}); see `qcog jobs list`")
        return self._decoded(rows[0])

    def find_fingerprint(self, fingerprint: str) -> list[JobRecord]:
        """Jobs with this content fingerprint (circuits, options, backend), newest first."""
        rows = self._read(
            "SELECT * FROM jobs WHERE fingerprint = ? ORDER BY created DESC", (fingerprint,)
        )
        return [self._decoded(row) for row in rows]

    def list_jobs(self, status: str | None = None, limit: int | None = None) -> list[JobRecord]:
        """Jobs, newest first, optionally only those in one normalised ``status``.

        Rows that cannot be read are left out (:meth:`scan` reports them).
        """
        return self.scan(status, limit).records

    def scan(self, status: str | None = None, limit: int | None = None) -> JobListing:
        """Every readable job (newest first) and a note per row that could not be read.

        A damaged row or a damaged part of the file does not hide the readable jobs: when
        the one-query listing fails, rows are read one by one.

        Raises:
            JobStoreError: not even the list of rows can be read.
        """
        sql, params = "SELECT * FROM jobs", []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY created DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            if self.damaged:
                raise JobStoreError(self.damaged)
            rows = self._read(sql, params)
        except JobStoreError:
            rows, problems = self._rows_one_by_one()
        else:
            problems = []
        listing = JobListing([], problems)
        for row in rows:
            try:
                record = self._decoded(row)
            except JobStoreError as exc:
                listing.unreadable.append(str(exc))
                continue
            if status in (None, record.status):
                listing.records.append(record)
        listing.records.sort(key=lambda r: r.created, reverse=True)
        if limit is not None:
            del listing.records[int(limit) :]
        return listing

    def _rows_one_by_one(self) -> tuple[list[sqlite3.Row], list[str]]:
        """Rows of a damaged file: the rowids that can be read, then each row alone.

        When SQLite refuses the file as a whole (a truncated file is shorter than its
        header says), a temporary copy with the header's page count corrected is read.
        """
        try:
            rows, problems = _read_rows(self.path)
        except sqlite3.DatabaseError:
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / self.path.name
                try:
                    _fix_header(self.path, copy)
                    rows, problems = _read_rows(copy)
                except (sqlite3.DatabaseError, OSError, ValueError) as exc:
                    raise _store_error(self.path, "read", sqlite3.DatabaseError(str(exc))) from None
            problems.insert(0, f"{self.path} is shorter than its header says (truncated)")
        if self.damaged:
            problems.insert(0, self.damaged)
        elif problems:
            problems.append(f"to rebuild the store, {recovery_hint(self.path)}")
        return rows, problems

    def salvage(self, damaged: str | os.PathLike) -> JobListing:
        """Copy every readable job of the store file ``damaged`` into this store.

        Jobs already here (same id) are left as they are.

        Returns:
            The jobs copied, and a note per row that could not be read.
        """
        source = JobStore.__new__(JobStore)
        source.path, source.damaged = Path(damaged), None
        if not source.path.is_file():
            raise JobStoreError(f"{source.path} is not a file; give the damaged store file")
        listing = source.scan()
        copied = JobListing([], [n for n in listing.unreadable if not _is_recovery_note(n)])
        have = {r.job_id for r in self.scan().records}
        for record in reversed(listing.records):
            if record.job_id not in have:
                self.add(record)
                copied.records.append(record)
        return copied


@dataclass
class JobListing:
    """What :meth:`JobStore.scan` read: the records, and one note per unreadable row."""

    records: list[JobRecord]
    unreadable: list[str] = field(default_factory=list)


def _is_recovery_note(note: str) -> bool:
    """Whether a :meth:`JobStore.scan` note is advice about the whole file (not a row)."""
    return note.startswith(("job store ", "to rebuild the store"))


def _is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a file that starts like an SQLite database."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _read_rows(path: Path) -> tuple[list[sqlite3.Row], list[str]]:
    """Every row of ``path`` that can be read, one by one, and a note per failure."""
    rows, problems, rowids = [], [], []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    db.row_factory = sqlite3.Row
    try:
        cursor = db.execute("SELECT rowid FROM jobs")
        while True:
            try:
                found = cursor.fetchone()
            except sqlite3.DatabaseError as exc:
                problems.append(f"part of the job list cannot be read ({exc})")
                break
            if found is None:
                break
            rowids.append(found[0])
        for rowid in rowids:
            try:
                rows.append(db.execute("SELECT * FROM jobs WHERE rowid = ?", (rowid,)).fetchone())
            except sqlite3.DatabaseError as exc:
                problems.append(f"row {rowid} cannot be read ({exc})")
    finally:
        db.close()
    return rows, problems


def _fix_header(source: Path, copy: Path) -> None:
    """Copy a truncated SQLite file with its header's page count set to the pages present."""
    data = bytearray(source.read_bytes())
    if len(data) < 100 or not data.startswith(SQLITE_MAGIC):
        raise ValueError("file is not a database")
    page = int.from_bytes(data[16:18], "big")
    page = 65536 if page == 1 else page
    pages = len(data) // page
    del data[pages * page :]
    data[28:32] = pages.to_bytes(4, "big")  # in-header database size
    data[18:20] = b"\x01\x01"  # rollback journal: the copy needs no WAL file
    copy.write_bytes(bytes(data))


def _check_path(path: Path) -> None:
    """Refuse a folder as the store file, a file as its folder, or a folder we cannot create."""
    if path.is_dir():
        raise JobStoreError(
            f"job store path {path} is a folder; give a file path, e.g. {path / FILE_NAME}"
        )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise JobStoreError(
                    f"job store path {path} is under {parent}, which is a file, not a folder; "
                    "choose another path (--store or QCOG_DATA_DIR)"
                )
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JobStoreError(
            f"cannot create the job store folder {path.parent} ({exc.strerror or exc}); "
            "choose another path with --store or QCOG_DATA_DIR"
        ) from None


def _store_error(path: Path, action: str, exc: sqlite3.DatabaseError) -> JobStoreError:
    """The one-line error for a SQLite failure on the store at ``path``."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
        return JobStoreError(
            f"job store {path} is busy (another process holds a write lock); try again"
        )
    if isinstance(exc, sqlite3.OperationalError) and (
        "unable to open" in text or "readonly" in text or "read-only" in text
    ):
        return JobStoreError(
            f"cannot {action} the job store {path} ({text}); check that the file and its folder "
            "are writable, or choose another path with --store or QCOG_DATA_DIR"
        )
    return JobStoreError(
        f"job store {path} is damaged or not a qcog job store ({text}); {recovery_hint(path)}"
    )
