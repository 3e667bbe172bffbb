"""The card of a benchmark run: what went in, what came out, in one machine-readable file.

``qcog bench`` writes ``<name>.card.json`` next to each ``<name>.json``. Every card has
the same keys, whatever the benchmark:

* the run: ``benchmark``, ``mode`` (quick or full), ``status``, ``error``, ``wall_s``,
  ``finished_at``, ``command`` (what reproduces it), a short ``machine`` and the
  ``packages`` it ran with;
* what the benchmark declares under ``"card"`` in its result (:func:`card_fields`):
  ``inputs``, ``parameters``, ``seeds``, ``shots``, ``counts`` (gates, circuits) and
  ``flops`` where known; ``null`` where it declares nothing;
* ``verdicts``: its verdict rows (:mod:`qcog.bench.verdicts`);
* ``measures``: the numbers ``qcog bench --compare`` tracks between two result folders:
  those the benchmark lists under ``"tracked"`` in its result, each an interval over
  seeds, a timing (median and quartiles) or an exact count (:func:`measure`), plus the
  qcog side and the effect of every verdict row.

>>> from qcog.bench.stats import timing
>>> result = {"card": card_fields(seeds=[0, 1, 2], shots=1024),
...           "tracked": [measure("seconds, n = 10", timing([1.0, 1.2, 0.9]), False)]}
>>> card = build_card("toy", result, {"status": "ok", "quick": True, "wall_s": 3.0})
>>> card["mode"], card["seeds"], card["shots"], [m["kind"] for m in card["measures"]]
('quick', [0, 1, 2], 1024, ['timing'])
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qcog.bench.verdicts import read_verdicts
from qcog.exceptions import QcogValueError

CARD_SUFFIX = ".card.json"
CARD_VERSION = 1
#: What a benchmark may declare in its card (all optional).
DECLARED = ("inputs", "parameters", "seeds", "shots", "counts", "flops")
#: Kinds of tracked measures.
MEASURE_KINDS = ("interval", "timing", "exact")


def card_fields(
    inputs: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
    seeds: list[int] | dict[str, Any] | None = None,
    shots: int | dict[str, Any] | None = None,
    counts: dict[str, Any] | None = None,
    flops: dict[str, Any] | float | None = None,
) -> dict[str, Any]:
    """What a benchmark puts under ``"card"`` in its result.

    Args:
        inputs: the problems and data (sizes, datasets, marked values, N to factor).
        parameters: the knobs (iterations, epochs, repeats, layers, engines).
        seeds: the seeds used (a list, or a dict per section).
        shots: shots per circuit (a number, or a dict per section).
        counts: exact resource counts: two-qubit gates, circuits, qubits.
        flops: floating-point operations where known (a number or a dict).

    >>> card_fields(seeds=[0, 1])["seeds"]
    [0, 1]
    """
    return {
        "inputs": inputs,
        "parameters": parameters,
        "seeds": seeds,
        "shots": shots,
        "counts": counts,
        "flops": flops,
    }


def _kind(value: Any) -> str:
    if isinstance(value, dict) and "median" in value:
        return "timing"
    if isinstance(value, dict) and "mean" in value:
        return "interval"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "exact"
    raise QcogValueError(
        "a measure's value must be an Interval, a Timing (or their to_dict()) or a number, "
        f"got {value!r:.80}"
    )


def measure(name: str, value: Any, higher_is_better: bool, unit: str = "") -> dict[str, Any]:
    """One number that ``qcog bench --compare`` tracks between two result folders.

    Args:
        name: unique within the benchmark, with the sizes that matter ("seconds per
            circuit, layered, 20 qubits, aer-cpu").
        value: an :class:`~qcog.bench.stats.Interval` (over seeds), a
            :class:`~qcog.bench.stats.Timing` (repeats), their ``to_dict()``, or an
            exact number (a gate count).
        higher_is_better: True for accuracies and rates, False for times, errors, gates.
        unit: of the value.

    Raises:
        QcogValueError: a value of another kind.

    >>> measure("2q gates per iteration, n = 10", 96, higher_is_better=False)["kind"]
    'exact'
    """
    value = value.to_dict() if hasattr(value, "to_dict") else value
    return {
        "name": name,
        "kind": _kind(value),
        "higher_is_better": bool(higher_is_better),
        "unit": unit,
        "value": value,
    }


def verdict_measures(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The measures every verdict row implies: its qcog (quantum) side and its effect."""
    out = []
    for row in read_verdicts(result):
        c = row.comparison
        higher = bool(c.get("higher_is_better", True))
        out.append(measure(f"{row.measure} [{row.quantum}]", c["quantum"], higher, row.unit))
        if row.is_timing:
            out.append(measure(f"{row.measure} [time ratio]", c["ratio"], False))
        else:
            out.append(measure(f"{row.measure} [difference]", c["difference"], higher, row.unit))
    return out


def tracked_measures(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The measures a benchmark lists under ``"tracked"``.

    Raises:
        QcogValueError: ``"tracked"`` is not a list of :func:`measure` dicts.
    """
    tracked = result.get("tracked") or []
    if not isinstance(tracked, list) or not all(
        isinstance(m, dict) and {"name", "kind", "value"} <= set(m) for m in tracked
    ):
        raise QcogValueError("'tracked' must be a list of qcog.bench.card.measure(...) dicts")
    return list(tracked)


def _short_machine(machine: dict[str, Any] | None) -> dict[str, Any] | None:
    if not machine:
        return None
    gpu = machine.get("gpu") or {}
    return {
        "cpu_model": machine.get("cpu_model"),
        "logical_cores": machine.get("logical_cores"),
        "usable_cores": machine.get("usable_cores"),
        "memory_gib": machine.get("memory_gib"),
        "load_average": machine.get("load_average"),
        "aer_gpu": gpu.get("aer_gpu") if isinstance(gpu, dict) else None,
        "date": machine.get("date"),
    }


def reproduce_command(name: str, quick: bool) -> str:
    """The command that reruns one benchmark in the same mode.

    >>> reproduce_command("grover", quick=True)
    'qcog bench --only grover --quick'
    """
    return f"qcog bench --only {name}" + (" --quick" if quick else "")


def build_card(
    name: str,
    result: dict[str, Any] | None,
    entry: dict[str, Any],
    machine: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The card of one benchmark run.

    Args:
        name: the benchmark.
        result: its result dict (``None`` when it failed before returning one).
        entry: its outcome as recorded in ``suite.json`` (status, quick, wall_s, ...).
        machine: the suite's machine description.

    Returns:
        A JSON-ready dict with the keys listed in this module's docstring.

    Raises:
        QcogValueError: malformed verdict rows or tracked measures, or a measure name
            used twice.
    """
    result = result or {}
    declared = result.get("card") or {}
    quick = bool(entry.get("quick", result.get("quick")))
    card: dict[str, Any] = {
        "card_version": CARD_VERSION,
        "benchmark": name,
        "mode": "quick" if quick else "full",
        "status": entry.get("status"),
        "error": entry.get("error"),
        "wall_s": entry.get("wall_s"),
        "finished_at": entry.get("finished_at"),
        "command": reproduce_command(name, quick),
        "machine": _short_machine(machine),
        "packages": (machine or {}).get("packages"),
    }
    card.update({key: declared.get(key) for key in DECLARED})
    card["verdicts"] = [row.to_dict() for row in read_verdicts(result)]
    card["measures"] = tracked_measures(result) + verdict_measures(result)
    names = [m["name"] for m in card["measures"]]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise QcogValueError(
            f"measure names must be unique within a benchmark (--compare matches them by name): "
            f"{repeated[:3]} repeat"
        )
    return card


def card_path(out_dir: str | Path, name: str) -> Path:
    """Where the card of ``name`` lives in ``out_dir``."""
    return Path(out_dir) / f"{name}{CARD_SUFFIX}"


def write_card(out_dir: str | Path, card: dict[str, Any]) -> Path:
    """Write ``card`` as ``<benchmark>.card.json`` into ``out_dir``; return its path."""
    from qcog.jsonable import to_json

    path = card_path(out_dir, card["benchmark"])
    path.write_text(to_json(card) + "\n", encoding="utf-8")
    return path


def read_card(out_dir: str | Path, name: str) -> dict[str, Any] | None:
    """The card of ``name`` in ``out_dir``, or None when there is none or it is unreadable."""
    path = card_path(out_dir, name)
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return card if isinstance(card, dict) else None
