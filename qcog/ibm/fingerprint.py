"""A content hash of one submission, and the job tags that carry it to IBM Quantum.

Every job qcog submits is tagged ``qcog``, ``qcog-hash-<hash>`` (circuits, observables,
options, backend), ``qcog-rec-<id>`` (the local record it was written under) and
``qcog-kind-<sampler|estimator>``. With these the service can answer, for this account,
"which of my jobs did qcog submit?" (after a crash, a lost store, on a second machine)
and "was this exact job submitted before?" without the local store.

The hash is taken over the circuits *as written* (OpenQASM 3 text, so parameter
objects and auto-generated circuit names do not change it), not over the transpiled
ones, which can differ from run to run without a transpiler seed.

>>> from qcog.circuits.states import ghz_state
>>> a = job_fingerprint([ghz_state(3)], "ibm:ibm_x", "sampler", None, {"shots": 100})
>>> a == job_fingerprint([ghz_state(3)], "ibm:ibm_x", "sampler", None, {"shots": 100})
True
>>> a == job_fingerprint([ghz_state(3)], "ibm:ibm_x", "sampler", None, {"shots": 200})
False
>>> parse_tags(qcog_tags(a, "pending-1234", "sampler")).record_id
'pending-1234'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

#: Every qcog submission carries this tag: the service lists them all by it.
QCOG_TAG = "qcog"
HASH_PREFIX = "qcog-hash-"
RECORD_PREFIX = "qcog-rec-"
KIND_PREFIX = "qcog-kind-"
#: Hex digits of the SHA-256 kept in the tag (64 bits: collisions are not a concern).
HASH_DIGITS = 16


def circuit_text(circuit) -> str:
    """A canonical text of ``circuit``: OpenQASM 3, else QPY of a renamed copy (hex)."""
    from qiskit import qasm3

    try:
        return qasm3.dumps(circuit)
    except Exception:  # constructs OpenQASM 3 export does not cover
        import io

        from qiskit import qpy

        copy = circuit.copy(name="circuit")
        buffer = io.BytesIO()
        qpy.dump(copy, buffer)
        return buffer.getvalue()[16:].hex()  # past the header (it carries qiskit's version)


def _observable_text(observable) -> Any:
    """Observables as sorted (label, coefficient) lists; nested lists kept."""
    if observable is None:
        return None
    if isinstance(observable, (list, tuple)):
        return [_observable_text(o) for o in observable]
    from qiskit.quantum_info import SparsePauliOp

    try:
        op = SparsePauliOp(observable).simplify()
    except Exception:  # an unreadable observable fails later, with a proper message
        return repr(observable)
    return sorted((label, repr(complex(c))) for label, c in op.to_list())


def job_fingerprint(
    circuits,
    backend: str,
    kind: str,
    observables,
    options: dict[str, Any],
    optimization_level: int = 1,
    transpile: bool = True,
) -> str:
    """SHA-256 (first 16 hex digits) of everything that makes two submissions the same job.

    Args:
        circuits: a ``QuantumCircuit`` or a list of them, as given to ``submit``.
        backend: the resolved backend name (``ibm:ibm_torino``).
        kind: ``'sampler'`` or ``'estimator'``.
        observables: the observables as given (None for the sampler).
        options: ``SubmitOptions.to_dict()``.
        optimization_level, transpile: the transpiler settings.

    Returns:
        16 lower-case hex digits.
    """
    from qiskit import QuantumCircuit

    batch = [circuits] if isinstance(circuits, QuantumCircuit) else list(circuits)
    content = {
        "circuits": [circuit_text(c) for c in batch],
        "backend": backend,
        "kind": kind,
        "observables": _observable_text(observables),
        "options": options,
        "optimization_level": optimization_level,
        "transpile": transpile,
    }
    text = json.dumps(content, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:HASH_DIGITS]


def qcog_tags(fingerprint: str, record_id: str, kind: str) -> list[str]:
    """The tags qcog adds to a submission (besides the user's own)."""
    return [QCOG_TAG, HASH_PREFIX + fingerprint, RECORD_PREFIX + record_id, KIND_PREFIX + kind]


def hash_tag(fingerprint: str) -> str:
    """The tag that finds every job with this fingerprint."""
    return HASH_PREFIX + fingerprint


@dataclass(frozen=True)
class QcogTags:
    """What qcog's tags of one job say (None where a tag is missing).

    Attributes:
        fingerprint: the content hash.
        record_id: the local record id the job was submitted under (``pending-...``).
        kind: ``'sampler'`` or ``'estimator'``.
        user_tags: the other tags, the user's own.
    """

    fingerprint: str | None
    record_id: str | None
    kind: str | None
    user_tags: tuple[str, ...]


def parse_tags(tags) -> QcogTags:
    """Split a job's tags into qcog's (fingerprint, record id, kind) and the user's."""
    found: dict[str, str | None] = {HASH_PREFIX: None, RECORD_PREFIX: None, KIND_PREFIX: None}
    user = []
    for tag in tags or ():
        prefix = next((p for p in found if tag.startswith(p)), None)
        if prefix is not None:
            found[prefix] = tag[len(prefix) :]
        elif tag != QCOG_TAG:
            user.append(tag)
    return QcogTags(found[HASH_PREFIX], found[RECORD_PREFIX], found[KIND_PREFIX], tuple(user))


def user_tags(tags) -> list[str]:
    """The tags of a job without qcog's own."""
    return list(parse_tags(tags).user_tags)
