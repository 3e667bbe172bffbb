"""Markdown pieces for the benchmark report: numbers and tables.

>>> print(table(["n", "time"], [[4, 0.0123456], [20, 1234.5]]))
| n | time |
|---|---|
| 4 | 0.0123 |
| 20 | 1,234 |
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any


def number(value: Any, digits: int = 3) -> str:
    """A readable cell: ints with thousands separators, floats to ``digits`` significant
    digits (large ones as whole numbers), None as ``-``, everything else as ``str``."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return "-"
        if value != 0 and abs(value) >= 10**digits:
            return f"{value:,.0f}"
        return f"{value:.{digits}g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(number(v, digits) for v in value)
    if isinstance(value, dict) and ("median" in value or "mean" in value):
        return summary(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _g(x: Any) -> str:
    return "n/a" if x is None else f"{x:.4g}"


def summary(value: Any, unit: str = "", with_n: bool = False) -> str:
    """A measurement with its spread, in one cell.

    A timing (``median``, ``q1``, ``q3``) reads ``median (IQR q1-q3)``, an interval
    (``mean``, ``low``, ``high``) ``mean [low, high]``; anything else goes to :func:`number`.

    >>> summary({"median": 0.05, "q1": 0.048, "q3": 0.052, "n": 15}, "s", with_n=True)
    '0.05 s (IQR 0.048-0.052, n=15)'
    >>> summary({"mean": 0.96, "low": 0.95, "high": 0.97, "n": 5})
    '0.96 [0.95, 0.97]'
    >>> summary({"mean": 0.9, "low": None, "high": None, "n": 1})
    '0.9 (n=1, no interval)'
    """
    if not isinstance(value, dict):
        return number(value)
    suffix = f" {unit}" if unit else ""
    n = f", n={value.get('n')}" if with_n else ""
    if "median" in value:
        return f"{_g(value['median'])}{suffix} (IQR {_g(value.get('q1'))}-{_g(value.get('q3'))}{n})"
    if "mean" not in value:
        return number(str(value))
    if value.get("low") is None:
        return f"{_g(value['mean'])}{suffix} (n={value.get('n')}, no interval)"
    tail = f" (n={value.get('n')})" if with_n else ""
    return f"{_g(value['mean'])}{suffix} [{_g(value['low'])}, {_g(value['high'])}]{tail}"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A markdown table; cells go through :func:`number`."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(number(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def is_scalar(value: Any) -> bool:
    """Numbers, strings, booleans and None: what fits in one table cell."""
    return value is None or isinstance(value, (int, float, str, bool))


def records_table(records: list[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A table of dicts (one row each) over ``columns`` (default: every scalar key seen)."""
    if columns is None:
        columns = []
        for record in records:
            columns += [k for k, v in record.items() if is_scalar(v) and k not in columns]
    return table(list(columns), [[record.get(c) for c in columns] for record in records])
