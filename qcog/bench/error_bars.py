"""Error-bar plots of verdict rows, drawn the same way for every benchmark.

One panel per verdict row: the classical (or baseline) side and the quantum side as
points with their 95 % interval (means over seeds) or their interquartile range
(timings, on a log scale), titled with the verdict. The report draws
``<name>.verdicts.png`` for each benchmark that declares verdict rows.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

from qcog.bench.verdicts import VerdictRow

#: Panels per row of the figure.
COLUMNS = 3


def spread(value: dict) -> tuple[float, float, float]:
    """``(centre, low, high)`` of a summary: a timing's median and quartiles, or an
    interval's mean and ends (the mean thrice without an interval).

    >>> spread({"median": 2.0, "q1": 1.5, "q3": 3.0, "n": 5})
    (2.0, 1.5, 3.0)
    >>> spread({"mean": 0.9, "low": None, "high": None, "n": 1})
    (0.9, 0.9, 0.9)
    """
    if "median" in value:
        centre = value["median"]
        return centre, value.get("q1", centre), value.get("q3", centre)
    centre = value["mean"]
    if value.get("low") is None:
        return centre, centre, centre
    return centre, value["low"], value["high"]


def yerr(values: list[dict]) -> tuple[list[float], list[list[float]]]:
    """Centres and ``[below, above]`` error lengths of summaries, for matplotlib's ``yerr``.

    >>> yerr([{"mean": 1.0, "low": 0.5, "high": 2.0, "n": 3}])
    ([1.0], [[0.5], [1.0]])
    """
    points = [spread(v) for v in values]
    centres = [c for c, _, _ in points]
    return centres, [[max(c - lo, 0.0) for c, lo, _ in points], [max(hi - c, 0.0) for c, _, hi in points]]


def _panel(ax, row: VerdictRow) -> None:
    sides = [(row.classical, row.comparison["classical"]), (row.quantum, row.comparison["quantum"])]
    for x, (label, side) in enumerate(sides):
        centre, error = yerr([side])
        ax.errorbar(
            [x],
            centre,
            yerr=error,
            fmt="o",
            capsize=5,
            color=("tab:blue", "tab:orange")[x],
        )
    ax.set_xticks([0, 1], [textwrap.fill(label, 20) for label, _ in sides], fontsize=7)
    ax.set_xlim(-0.6, 1.6)
    if row.is_timing:
        ax.set_yscale("log")
    shown = "IQR" if row.is_timing else "95% CI"
    ax.set_ylabel(f"{row.unit or 'value'} ({shown})", fontsize=7)
    title = textwrap.fill(row.measure, 52, max_lines=2, placeholder=" ...")
    ax.set_title(f"{title}\n{row.verdict_text()}", fontsize=7)
    ax.tick_params(labelsize=7)


def plot_verdicts(rows: list[VerdictRow], path: str | Path) -> Path | None:
    """Draw one error-bar panel per row into ``path`` (PNG); None when there are no rows.

    Args:
        rows: the verdict rows of one benchmark.
        path: the PNG to write.

    Returns:
        The path written, or None.
    """
    if not rows:
        return None
    from matplotlib.figure import Figure  # no pyplot: the caller's backend is left alone

    columns = min(COLUMNS, len(rows))
    lines = math.ceil(len(rows) / columns)
    fig = Figure(figsize=(3.6 * columns, 2.9 * lines))
    axes = fig.subplots(lines, columns, squeeze=False)
    for ax, row in zip(axes.flat, rows):
        _panel(ax, row)
    for ax in list(axes.flat)[len(rows) :]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return Path(path)
