"""The backend's calibration for the qubits and couplers a job uses, kept with the job.

A result means little without the device's state when it ran. :func:`calibration_snapshot`
reads, from the backend's target (built from its calibration), for every physical qubit
and every coupler the ISA circuits use: T1, T2, frequency, readout error and duration,
single-qubit gate errors, two-qubit gate errors and durations, plus the calibration's
date when the backend reports it. :func:`unusable_instructions` names the gates of a
layout that the calibration marks as broken (error 1.0: IBM's way of flagging a coupler
or qubit that does not work), so a preview can warn before anything is sent.

>>> from qcog.backends.fake import fake_backend
>>> from qcog.circuits.states import ghz_state
>>> from qcog.ibm.isa import prepare_isa
>>> program = prepare_isa([ghz_state(2)], fake_backend("manila"), seed=1)
>>> snapshot = calibration_snapshot(fake_backend("manila"), program.circuits, "fake:manila")
>>> len(snapshot["qubits"]), len(snapshot["couplers"])
(2, 1)
"""

from __future__ import annotations

import time
from typing import Any

#: A gate error at or above this means the calibration marks the gate as not working.
BROKEN_ERROR = 1.0
#: What to do about a broken gate in the layout.
BROKEN_FIX = (
    "transpile again with another seed or optimization level 2-3 (their layout search "
    "weighs errors), or choose another backend"
)


def _used(circuits) -> tuple[set[int], set[tuple[str, tuple[int, ...]]]]:
    """Physical qubits measured or acted on, and (gate, qubits) of every multi-qubit gate."""
    qubits: set[int] = set()
    gates: set[tuple[str, tuple[int, ...]]] = set()
    for circuit in circuits:
        for inst in circuit.data:
            name = inst.operation.name
            if name in ("barrier", "delay"):
                continue
            where = tuple(circuit.find_bit(q).index for q in inst.qubits)
            qubits.update(where)
            if where:
                gates.add((name, where))
    return qubits, gates


def _round(value: float | None, scale: float = 1.0, digits: int = 6) -> float | None:
    return None if value is None else round(float(value) * scale, digits)


def _qubit_facts(target, qubit: int) -> dict[str, Any]:
    props = None
    if target.qubit_properties is not None and qubit < len(target.qubit_properties):
        props = target.qubit_properties[qubit]
    facts: dict[str, Any] = {
        "t1_us": _round(getattr(props, "t1", None), 1e6, 3),
        "t2_us": _round(getattr(props, "t2", None), 1e6, 3),
        "frequency_ghz": _round(getattr(props, "frequency", None), 1e-9, 6),
    }
    measure = _properties(target, "measure", (qubit,))
    facts["readout_error"] = _round(getattr(measure, "error", None))
    facts["readout_ns"] = _round(getattr(measure, "duration", None), 1e9, 1)
    for name in sorted(target.operation_names):
        if name in ("measure", "delay", "reset") or not name.isidentifier():
            continue
        error = getattr(_properties(target, name, (qubit,)), "error", None)
        if error is not None:
            facts[f"{name}_error"] = _round(error)
    return facts


def _properties(target, name: str, qargs: tuple[int, ...]):
    """The target's InstructionProperties of ``name`` on ``qargs`` (None when unknown)."""
    try:
        return target[name].get(qargs) if name in target.operation_names else None
    except Exception:  # global (qargs-less) instructions
        return None


def calibration_date(backend) -> str | None:
    """The calibration's last update, ISO-8601 UTC, when the backend reports properties."""
    try:
        properties = backend.properties()
        stamp = properties.last_update_date if properties is not None else None
    except Exception:  # a backend without properties
        return None
    if stamp is None:
        return None
    try:
        from datetime import timezone

        return stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (AttributeError, ValueError):
        return str(stamp)


def calibration_snapshot(backend, circuits, backend_name: str | None = None) -> dict[str, Any]:
    """The calibration of what ``circuits`` (ISA circuits on ``backend``) use.

    Args:
        backend: the Qiskit ``BackendV2`` they were transpiled for.
        circuits: the ISA circuits.
        backend_name: the name to record (default: the backend's own).

    Returns:
        JSON-ready: ``backend``, ``taken_utc`` (now), ``calibrated_utc`` (the
        calibration's date, or None), ``qubits`` (physical index -> facts) and
        ``couplers`` (one entry per multi-qubit gate used: gate, qubits, error,
        duration_ns).
    """
    target = backend.target
    qubits, gates = _used(circuits)
    couplers = []
    for name, where in sorted(gates):
        if len(where) < 2:
            continue
        props = _properties(target, name, where)
        couplers.append(
            {
                "gate": name,
                "qubits": list(where),
                "error": _round(getattr(props, "error", None)),
                "duration_ns": _round(getattr(props, "duration", None), 1e9, 1),
            }
        )
    name = backend_name or getattr(backend, "name", None)
    return {
        "backend": name() if callable(name) else name,
        "taken_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "calibrated_utc": calibration_date(backend),
        "qubits": {str(q): _qubit_facts(target, q) for q in sorted(qubits)},
        "couplers": couplers,
    }


def unusable_instructions(snapshot: dict[str, Any]) -> list[str]:
    """Warnings for the couplers, gates and readouts that the calibration marks broken.

    >>> unusable_instructions({"qubits": {"3": {"readout_error": 0.02}},
    ...     "couplers": [{"gate": "cz", "qubits": [3, 4], "error": 1.0}]})
    ... # doctest: +ELLIPSIS
    ['the layout uses coupler 3-4 (cz), whose error is 1.0 in the calibration: ...']
    """
    warnings = []
    for coupler in snapshot.get("couplers", []):
        if (coupler.get("error") or 0.0) >= BROKEN_ERROR:
            pair = "-".join(str(q) for q in coupler["qubits"])
            warnings.append(
                f"the layout uses coupler {pair} ({coupler['gate']}), whose error is 1.0 in the "
                f"calibration: the device marks it as not working; {BROKEN_FIX}"
            )
    for qubit, facts in snapshot.get("qubits", {}).items():
        broken = sorted(
            key.removesuffix("_error")
            for key, value in facts.items()
            if key.endswith("_error") and (value or 0.0) >= BROKEN_ERROR
        )
        if broken:
            warnings.append(
                f"the layout uses qubit {qubit}, whose {', '.join(broken)} error is 1.0 in the "
                f"calibration: the device marks it as not working; {BROKEN_FIX}"
            )
    return warnings
