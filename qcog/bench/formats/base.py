"""What a benchmark format is, and the generic one used for benchmarks without their own.

A :class:`BenchmarkFormat` gives a title, one line on what is compared, the headline
rows (measure, classical or baseline value, quantum value, note) for the report's
side-by-side table, and the markdown details. :data:`GENERIC` lists the top-level
numbers and tables of any JSON.

>>> print(GENERIC.details({"n": 3, "rows": [{"a": 1, "b": 2.5}]}))
| key | value |
|---|---|
| n | 3 |
<BLANKLINE>
**rows**
<BLANKLINE>
| a | b |
|---|---|
| 1 | 2.5 |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qcog.bench.markdown import is_scalar, records_table, table

Result = dict[str, Any]
#: A headline row: measure, classical (or baseline) value, quantum (qcog) value, note.
Row = list[Any]


def _flat_scalars(result: Result, prefix: str = "") -> list[tuple[str, Any]]:
    """Scalars at the top level and one level down (``key.sub``)."""
    items = []
    for key, value in result.items():
        if is_scalar(value):
            items.append((prefix + str(key), value))
        elif isinstance(value, dict) and not prefix:
            items += _flat_scalars(value, prefix=f"{key}.")
    return items


def _record_lists(result: Result) -> list[tuple[str, list[dict[str, Any]]]]:
    """Top-level lists of dicts: each becomes a table."""
    return [
        (key, value)
        for key, value in result.items()
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    ]


def generic_details(result: Result) -> str:
    """Every top-level scalar (and one level of nested dicts) plus every list of records."""
    parts = []
    scalars = _flat_scalars(result)
    if scalars:
        parts.append(table(["key", "value"], scalars))
    for key, records in _record_lists(result):
        parts.append(f"**{key}**\n\n" + records_table(records[:60]))
    return "\n\n".join(parts) or "_no numbers in this result_"


def no_headline(result: Result) -> list[Row]:
    return []


@dataclass(frozen=True)
class BenchmarkFormat:
    """How one benchmark appears in the report."""

    title: str
    compares: str
    headline: Callable[[Result], list[Row]] = no_headline
    details: Callable[[Result], str] = generic_details
    #: order in the report (lower first)
    order: int = 100
    notes: list[str] = field(default_factory=list)


GENERIC = BenchmarkFormat(title="", compares="")


def rows_where(rows: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    """The first row whose items include ``match`` (an empty dict when none does).

    >>> rows_where([{"n": 4, "t": 1}, {"n": 8, "t": 2}], n=8)["t"]
    2
    """
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), {})


def ratio(numerator: Any, denominator: Any) -> float | None:
    """``numerator / denominator``, or None when either is missing or the denominator is 0."""
    if not isinstance(numerator, (int, float)) or not isinstance(denominator, (int, float)):
        return None
    return None if denominator == 0 else numerator / denominator
