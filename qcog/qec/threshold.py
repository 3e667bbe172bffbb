"""Threshold sweeps: logical error per round versus physical error for several distances.

Below threshold, a larger distance has a smaller logical error rate; above, a larger one.
:func:`threshold_sweep` runs :func:`~qcog.qec.experiment.run_memory` (Stim) on a grid of
distances and physical error rates (``rounds = distance`` unless given) and
:func:`estimate_crossing` finds where two distances' per-round curves cross: the root
of ``log e_large(p) - log e_small(p)``, a straight line in ``log p`` fitted through the
points on either side of its sign change; its 95% interval comes from a parametric bootstrap (each point's logical error count redrawn
from its binomial distribution, the root refitted).

>>> sweep = threshold_sweep("surface", [3, 5], [0.005, 0.01, 0.015, 0.02], shots=4000, seed=1)
>>> 0.008 < sweep.threshold.mean < 0.016
True
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qcog.bench.stats import Interval
from qcog.exceptions import QcogValueError
from qcog.qec.experiment import MemoryProblem, MemoryResult, run_memory
from qcog.qec.rates import per_round

BOOTSTRAP = 1000


@dataclass(frozen=True)
class Crossing:
    """Where the curves of distances ``small`` and ``large`` cross.

    ``p`` is the fitted crossing with its bootstrap interval, or None when the fitted
    line has no root inside the swept range (``note`` says why).
    """

    small: int
    large: int
    p: Interval | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"small": self.small, "large": self.large,
                "p": self.p.to_dict() if self.p else None, "note": self.note}


@dataclass
class ThresholdResult:
    """A sweep's results and crossings; ``threshold`` is the crossing of the two largest
    distances (None when they do not cross inside the swept range)."""

    code: str
    basis: str
    results: list[MemoryResult]
    crossings: list[Crossing]
    threshold: Interval | None
    shots: int
    seed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def curve(self, distance: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(p, per_round, low, high)`` arrays for ``distance``, sorted by ``p``."""
        rows = sorted((r.problem.p, r.per_round) for r in self.results if r.problem.distance == distance)
        return tuple(np.array(v, dtype=float) for v in zip(*[
            (p, i.mean, i.low, i.high) for p, i in rows
        ]))

    @property
    def distances(self) -> list[int]:
        return sorted({r.problem.distance for r in self.results})

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "basis": self.basis,
            "shots": self.shots,
            "seed": self.seed,
            "threshold": self.threshold.to_dict() if self.threshold else None,
            "crossings": [c.to_dict() for c in self.crossings],
            "points": [r.to_dict() for r in self.results],
            **self.extra,
        }


def _root(log_p: np.ndarray, diff: np.ndarray) -> float | None:
    """Where ``diff`` (below threshold negative, above positive) crosses zero, else None.

    A straight line is fitted through the two points on each side of the first sign
    change (fewer at the ends of the range) and its root returned as ``p``.
    """
    above = np.flatnonzero(diff > 0)
    if len(above) == 0 or above[0] == 0:
        return None
    first = int(above[0])
    window = slice(max(0, first - 2), min(len(diff), first + 2))
    slope, intercept = np.polyfit(log_p[window], diff[window], 1)
    if slope <= 0:
        return None
    root = -intercept / slope
    inside = log_p[window].min() <= root <= log_p[window].max()
    return float(np.exp(root)) if inside else None


def _log_rates(errors: np.ndarray, shots: int, rounds: np.ndarray) -> np.ndarray:
    """log per-round rates, with half an error added so that zero counts stay finite."""
    totals = (errors + 0.5) / (shots + 1)
    return np.log([per_round(t, int(r)) for t, r in zip(totals, rounds)])


def estimate_crossing(
    ps: Sequence[float],
    small: tuple[Sequence[int], Sequence[int]],
    large: tuple[Sequence[int], Sequence[int]],
    shots: int,
    bootstrap: int = BOOTSTRAP,
    seed: int | None = 0,
) -> Interval | None:
    """The crossing ``p`` of two distances' per-round logical error curves.

    Args:
        ps: the physical error rates swept (the same for both distances).
        small, large: ``(logical_errors, rounds)`` per ``p`` for the smaller and the
            larger distance.
        shots: shots per point.
        bootstrap: bootstrap resamples for the interval.
        seed: seed of the bootstrap's generator.

    Returns:
        The crossing with its 95% percentile interval, or None when the larger distance is
        not first better, then worse, inside the swept range.
    """
    log_p = np.log(np.asarray(ps, dtype=float))
    if len(log_p) < 2:
        raise QcogValueError("a crossing needs at least two physical error rates")
    e_small, r_small = (np.asarray(v) for v in small)
    e_large, r_large = (np.asarray(v) for v in large)

    def crossing(es, el):
        return _root(log_p, _log_rates(el, shots, r_large) - _log_rates(es, shots, r_small))

    point = crossing(e_small, e_large)
    if point is None:
        return None
    rng = np.random.default_rng(seed)
    redrawn = []
    for _ in range(bootstrap):
        es = rng.binomial(shots, e_small / shots)
        el = rng.binomial(shots, e_large / shots)
        root = crossing(es, el)
        if root is not None:
            redrawn.append(root)
    if len(redrawn) < bootstrap // 2:
        return Interval(point, None, None, len(redrawn), 0.0, 0.95, "bootstrap")
    low, high = np.percentile(redrawn, [2.5, 97.5])
    return Interval(point, float(low), float(high), len(redrawn), float(np.std(redrawn)), 0.95, "bootstrap")


def sweep_problems(
    code: str, distances: Sequence[int], ps: Sequence[float], rounds: int | None = None, basis: str = "z"
) -> list[MemoryProblem]:
    """The sweep's problems, every value checked before anything runs.

    Raises:
        QcogValueError: fewer than two distances or rates, or any bad value.
    """
    distances = sorted({int(d) for d in distances})
    ps = sorted({float(p) for p in ps})
    if len(distances) < 2 or len(ps) < 2:
        raise QcogValueError("a threshold sweep needs at least two distances and two error rates")
    return [MemoryProblem(code, d, d if rounds is None else rounds, p, basis) for d in distances for p in ps]


def threshold_sweep(
    code: str,
    distances: Sequence[int],
    ps: Sequence[float],
    shots: int,
    seed: int | None = None,
    rounds: int | None = None,
    basis: str = "z",
    progress: Callable[[int, int, str], None] | None = None,
) -> ThresholdResult:
    """Logical error rates on a grid of distances x physical error rates, and crossings.

    Args:
        code: 'repetition' or 'surface'.
        distances: at least two odd distances >= 3.
        ps: at least two physical error rates in [0, 1].
        shots: shots per point.
        seed: base seed; point ``k`` uses ``seed + k``.
        rounds: rounds per experiment (None: equal to the distance).
        basis: 'z' or 'x'.
        progress: called as ``progress(done, total, label)`` after each point.

    Returns:
        A :class:`ThresholdResult`.

    Raises:
        QcogValueError: fewer than two distances or rates, or any bad value.
    """
    problems = sweep_problems(code, distances, ps, rounds, basis)
    distances = sorted({p.distance for p in problems})
    ps = sorted({p.p for p in problems})
    results = []
    for k, problem in enumerate(problems):
        point_seed = None if seed is None else seed + k
        results.append(run_memory(problem, shots, seed=point_seed))
        if progress:
            progress(k + 1, len(problems), f"d={problem.distance} p={problem.p:g}")
    by_d = {d: [r for r in results if r.problem.distance == d] for d in distances}
    crossings = []
    for small, large in itertools.pairwise(distances):
        arrays = [
            ([r.logical_errors for r in by_d[d]], [r.problem.rounds for r in by_d[d]])
            for d in (small, large)
        ]
        found = estimate_crossing(ps, *arrays, shots=shots, seed=seed)
        note = "" if found else "the curves do not cross inside the swept range"
        crossings.append(Crossing(small, large, found, note))
    return ThresholdResult(code, basis, results, crossings, crossings[-1].p, shots, seed)


def plot_threshold(result: ThresholdResult, path=None, title: str | None = None, ax=None):
    """Logical error per round versus physical error, one line per distance, with 95%
    intervals and the threshold estimate as a band.

    Args:
        result: a sweep's result.
        path: save the figure here (PNG) when given.
        title: the plot's title (default: code, basis and shots).
        ax: draw on these axes (e.g. from ``plt.subplots()`` in a notebook); by default a
            new figure is built without pyplot, leaving the caller's backend alone.

    Returns:
        The ``matplotlib.figure.Figure``.
    """
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=(6, 4.5)).subplots()
    fig = ax.figure
    for d in result.distances:
        p, mean, low, high = result.curve(d)
        ax.errorbar(p, mean, yerr=[mean - low, high - mean], marker="o", ms=4, capsize=2, label=f"d = {d}")
    if result.threshold is not None:
        t = result.threshold
        ax.axvline(t.mean, color="grey", ls="--", lw=1, label=f"threshold ~ {t.mean:.4f}")
        if t.low is not None:
            ax.axvspan(t.low, t.high, color="grey", alpha=0.15)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("physical error rate p")
    ax.set_ylabel("logical error rate per round")
    ax.set_title(title or f"{result.code} code, basis {result.basis}, {result.shots:,} shots/point")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig
