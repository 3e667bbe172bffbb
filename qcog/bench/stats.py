"""The statistics every benchmark uses: intervals over seeds, paired comparisons, verdicts, timings.

A claim that quantum beats classical (or the reverse) rests on several seeds and an
interval, never on one run. This module turns repeated measurements into

* :func:`mean_interval` (Student-t) and :func:`bootstrap_interval` (percentile
  bootstrap) confidence intervals of a mean: an :class:`Interval`;
* :func:`compare`: quantum versus classical over the same seeds, as the interval of the
  paired differences (quantum minus classical) and a :func:`verdict` that says
  "quantum better" or "classical better" only when that interval excludes zero;
* :func:`timing` / :func:`time_repeats`: median and spread of repeated timings, and
  :func:`timing_ratio` for two timings measured side by side;
* :func:`ratio_interval` and :func:`compare_timings`: the interval of a ratio (the
  geometric mean of per-repeat ratios, a t-interval on their logarithms) and a verdict
  on which side is faster, for timings interleaved repeat by repeat;
* :func:`holm`: which of several verdicts survive Holm's correction for making many
  comparisons at once (each comparison carries its ``p_value``).

Every result has ``to_dict()`` for a benchmark's JSON and a short ``str()`` for a report.

>>> c = compare([0.96, 0.97, 0.95, 0.96, 0.98], [0.94, 0.95, 0.95, 0.93, 0.95])
>>> c.verdict
'quantum better'
>>> c.difference.format(signed=True)
'+0.0200 [+0.0048, +0.0352] (95% CI, n=5)'
>>> compare([0.9, 0.95], [0.92, 0.93]).verdict
'no significant difference'
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qcog.exceptions import QcogValueError

QUANTUM_BETTER = "quantum better"
NO_DIFFERENCE = "no significant difference"
CLASSICAL_BETTER = "classical better"
#: Every verdict :func:`verdict` can give.
VERDICTS = (QUANTUM_BETTER, NO_DIFFERENCE, CLASSICAL_BETTER)


def _values(values: Sequence[float], name: str = "values") -> list[float]:
    out = [float(v) for v in values]
    if not out:
        raise QcogValueError(f"{name} is empty: at least one measurement is needed")
    bad = [v for v in out if not math.isfinite(v)]
    if bad:
        raise QcogValueError(f"{name} contains non-finite numbers {bad[:3]}; measurements must be finite")
    return out


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise QcogValueError(f"confidence must be in (0, 1), got {confidence!r}")


def _signed(x: float | None, digits: int) -> str:
    return "n/a" if x is None else f"{x:+.{digits}f}"


@dataclass(frozen=True)
class Interval:
    """A mean with its confidence interval.

    Attributes:
        mean: the sample mean.
        low, high: the interval's ends; ``None`` when ``n < 2`` (no interval from one value).
        n: the number of measurements (seeds, repeats).
        std: the sample standard deviation (0 for one value).
        confidence: the interval's confidence level, e.g. 0.95.
        method: ``"t"`` or ``"bootstrap"``.
    """

    mean: float
    low: float | None
    high: float | None
    n: int
    std: float
    confidence: float = 0.95
    method: str = "t"

    @property
    def half_width(self) -> float | None:
        """Half the interval's width (``None`` without an interval)."""
        return None if self.low is None else (self.high - self.low) / 2

    def excludes(self, value: float = 0.0) -> bool:
        """True when the interval lies entirely above or below ``value``."""
        return self.low is not None and (self.low > value or self.high < value)

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean, "low": self.low, "high": self.high, "n": self.n,
                "std": self.std, "confidence": self.confidence, "method": self.method}

    def format(self, digits: int = 4, signed: bool = False) -> str:
        """``mean [low, high] (95% CI, n=5)``; with one value, ``mean (n=1, no interval)``."""
        fmt = (lambda x: _signed(x, digits)) if signed else (lambda x: f"{x:.{digits}f}")
        if self.low is None:
            return f"{fmt(self.mean)} (n={self.n}, no interval)"
        level = f"{100 * self.confidence:g}%"
        return f"{fmt(self.mean)} [{fmt(self.low)}, {fmt(self.high)}] ({level} CI, n={self.n})"

    def __str__(self) -> str:
        return self.format()


def mean_interval(values: Sequence[float], confidence: float = 0.95) -> Interval:
    """The Student-t confidence interval of the mean of ``values``.

    Args:
        values: one measurement per seed (at least one; finite).
        confidence: the interval's level.

    Returns:
        An :class:`Interval`; without ends when there is only one value.

    Raises:
        QcogValueError: empty or non-finite values, confidence outside (0, 1).

    >>> str(mean_interval([1.0, 2.0, 3.0]))
    '2.0000 [-0.4841, 4.4841] (95% CI, n=3)'
    """
    _check_confidence(confidence)
    xs = _values(values)
    n, mean = len(xs), statistics.fmean(xs)
    if n < 2:
        return Interval(mean, None, None, n, 0.0, confidence, "t")
    from scipy.stats import t

    std = statistics.stdev(xs)
    half = float(t.ppf((1 + confidence) / 2, n - 1)) * std / math.sqrt(n)
    return Interval(mean, mean - half, mean + half, n, std, confidence, "t")


def bootstrap_interval(values: Sequence[float], confidence: float = 0.95,
                       resamples: int = 10_000, seed: int = 0) -> Interval:
    """The percentile-bootstrap confidence interval of the mean of ``values``.

    Prefer it to :func:`mean_interval` for skewed measurements (accuracies near 1,
    success counts) with enough values (10 or more); with few values it is too narrow.

    Args:
        values: one measurement per seed.
        confidence: the interval's level.
        resamples: bootstrap resamples.
        seed: seed of the resampling (the result is reproducible).

    >>> b = bootstrap_interval([0.0, 1.0] * 10, seed=1)
    >>> round(b.mean, 2), b.low < 0.5 < b.high
    (0.5, True)
    """
    _check_confidence(confidence)
    xs = _values(values)
    n, mean = len(xs), statistics.fmean(xs)
    if n < 2:
        return Interval(mean, None, None, n, 0.0, confidence, "bootstrap")
    import numpy as np

    rng = np.random.default_rng(seed)
    data = np.asarray(xs)
    means = data[rng.integers(0, n, size=(resamples, n))].mean(axis=1)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return Interval(mean, float(low), float(high), n, statistics.stdev(xs), confidence, "bootstrap")


def verdict(difference: Interval, higher_is_better: bool = True) -> str:
    """"quantum better", "classical better" or "no significant difference".

    Args:
        difference: the interval of quantum minus classical.
        higher_is_better: True for accuracies and ratios, False for errors, losses, times.

    >>> verdict(Interval(0.02, 0.01, 0.03, 5, 0.01))
    'quantum better'
    >>> verdict(Interval(0.02, 0.01, 0.03, 5, 0.01), higher_is_better=False)
    'classical better'
    >>> verdict(Interval(0.02, -0.01, 0.05, 5, 0.03))
    'no significant difference'
    """
    if not difference.excludes(0.0):
        return NO_DIFFERENCE
    quantum_higher = difference.low > 0
    return QUANTUM_BETTER if quantum_higher == higher_is_better else CLASSICAL_BETTER


@dataclass(frozen=True)
class Comparison:
    """Quantum versus classical over the same seeds.

    Attributes:
        quantum, classical: the interval of each side's mean.
        difference: the interval of quantum minus classical (paired by seed when paired).
        verdict: one of :data:`VERDICTS`.
        higher_is_better: how the measure reads.
        paired: whether seed ``i`` of both sides was paired (same data split, same init).
        p_value: two-sided p-value of "no difference" (the t-test behind the interval);
            ``None`` without an interval. For :func:`holm`, not for the verdict.
    """

    quantum: Interval
    classical: Interval
    difference: Interval
    verdict: str
    higher_is_better: bool
    paired: bool
    p_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"quantum": self.quantum.to_dict(), "classical": self.classical.to_dict(),
                "difference": self.difference.to_dict(), "verdict": self.verdict,
                "higher_is_better": self.higher_is_better, "paired": self.paired,
                "p_value": self.p_value}

    def __str__(self) -> str:
        return (f"quantum {self.quantum.format()} vs classical {self.classical.format()}: "
                f"difference {self.difference.format(signed=True)} -> {self.verdict}")


def _t_p_value(mean: float, se: float, dof: float) -> float:
    """Two-sided p-value of a t statistic ``mean / se`` with ``dof`` degrees of freedom."""
    if se == 0:
        return 1.0 if mean == 0 else 0.0
    from scipy.stats import t

    return float(2 * t.sf(abs(mean) / se, dof))


def _paired_p_value(difference: Interval) -> float | None:
    if difference.low is None:
        return None
    return _t_p_value(difference.mean, difference.std / math.sqrt(difference.n), difference.n - 1)


def _welch(q: list[float], c: list[float], confidence: float) -> tuple[Interval, float]:
    """Interval of mean(q) - mean(c) for independent samples (Welch's t), and its p-value.

    The interval's ``std`` is the standard error of the difference.
    """
    from scipy.stats import t

    mean = statistics.fmean(q) - statistics.fmean(c)
    vq, vc = statistics.variance(q) / len(q), statistics.variance(c) / len(c)
    se = math.sqrt(vq + vc)
    n = min(len(q), len(c))
    if se == 0:
        return Interval(mean, mean, mean, n, 0.0, confidence, "welch"), _t_p_value(mean, 0.0, 1)
    dof = (vq + vc) ** 2 / (vq**2 / (len(q) - 1) + vc**2 / (len(c) - 1))
    half = float(t.ppf((1 + confidence) / 2, dof)) * se
    return Interval(mean, mean - half, mean + half, n, se, confidence, "welch"), _t_p_value(
        mean, se, dof
    )


def welch_from_summaries(new: Interval, old: Interval, confidence: float = 0.95) -> Interval:
    """Interval of ``new.mean - old.mean`` from two summaries (mean, std, n) alone (Welch).

    For comparing results stored in two folders, where only the summaries were kept.
    Without an interval on either side (``n < 2``) the result has none either.

    >>> d = welch_from_summaries(Interval(2.0, None, None, 5, 0.1), Interval(1.0, None, None, 5, 0.1))
    >>> round(d.mean, 3), d.excludes(0.0)
    (1.0, True)
    """
    from scipy.stats import t

    mean = new.mean - old.mean
    if new.n < 2 or old.n < 2:
        return Interval(mean, None, None, min(new.n, old.n), 0.0, confidence, "welch")
    vn, vo = new.std**2 / new.n, old.std**2 / old.n
    se = math.sqrt(vn + vo)
    if se == 0:
        return Interval(mean, mean, mean, min(new.n, old.n), 0.0, confidence, "welch")
    dof = (vn + vo) ** 2 / (vn**2 / (new.n - 1) + vo**2 / (old.n - 1))
    half = float(t.ppf((1 + confidence) / 2, dof)) * se
    return Interval(mean, mean - half, mean + half, min(new.n, old.n), se, confidence, "welch")


def compare(quantum: Sequence[float], classical: Sequence[float], higher_is_better: bool = True,
            paired: bool = True, confidence: float = 0.95) -> Comparison:
    """Compare a quantum and a classical measure over seeds, with a verdict.

    Args:
        quantum: the hybrid/quantum measure, one value per seed.
        classical: the classical twin or baseline, one value per seed (the same seeds in
            the same order when ``paired``).
        higher_is_better: True for accuracies, ratios, BLEU; False for errors and times.
        paired: pair seed ``i`` of both sides (the interval of the per-seed
            differences); False: independent samples (Welch).
        confidence: the intervals' level.

    Raises:
        QcogValueError: empty or non-finite values; paired lists of different lengths.

    >>> compare([1.0, 1.1, 0.9], [2.0, 2.1, 2.2], higher_is_better=False).verdict
    'quantum better'
    """
    q, c = _values(quantum, "quantum"), _values(classical, "classical")
    if paired and len(q) != len(c):
        raise QcogValueError(
            f"paired comparison needs one value per seed on both sides, got {len(q)} and {len(c)}"
        )
    p_value = None
    if paired:
        difference = mean_interval([a - b for a, b in zip(q, c)], confidence)
        p_value = _paired_p_value(difference)
    elif len(q) < 2 or len(c) < 2:
        difference = Interval(statistics.fmean(q) - statistics.fmean(c), None, None,
                              min(len(q), len(c)), 0.0, confidence, "welch")
    else:
        difference, p_value = _welch(q, c, confidence)
    return Comparison(mean_interval(q, confidence), mean_interval(c, confidence), difference,
                      verdict(difference, higher_is_better), higher_is_better, paired, p_value)


def over_seeds(fn: Callable[[int], Any], seeds: Sequence[int]) -> list[Any]:
    """``[fn(seed) for seed in seeds]``, refusing fewer than one seed or repeated seeds.

    >>> over_seeds(lambda s: s * s, [1, 2, 3])
    [1, 4, 9]
    """
    seeds = list(seeds)
    if not seeds:
        raise QcogValueError("at least one seed is needed")
    if len(set(seeds)) != len(seeds):
        raise QcogValueError(f"seeds must be distinct, got {seeds}")
    return [fn(seed) for seed in seeds]


@dataclass(frozen=True)
class Timing:
    """Median and spread of repeated timings, in seconds.

    Attributes:
        median: the median repeat.
        q1, q3: lower and upper quartiles (the interquartile range is the spread).
        min, max: the fastest and slowest repeats.
        n: repeats.
    """

    median: float
    q1: float
    q3: float
    min: float
    max: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"median": self.median, "q1": self.q1, "q3": self.q3, "min": self.min,
                "max": self.max, "n": self.n}

    def __str__(self) -> str:
        return f"{self.median:.4g} s (IQR {self.q1:.4g}-{self.q3:.4g}, n={self.n})"


def _quartiles(xs: list[float]) -> tuple[float, float, float]:
    if len(xs) == 1:
        return xs[0], xs[0], xs[0]
    q1, median, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return q1, median, q3


def timing(seconds: Sequence[float]) -> Timing:
    """Summarise repeated timings (seconds, each >= 0).

    >>> str(timing([1.0, 2.0, 3.0, 4.0, 100.0]))
    '3 s (IQR 2-4, n=5)'
    """
    xs = _values(seconds, "seconds")
    if min(xs) < 0:
        raise QcogValueError(f"timings must be non-negative, got {min(xs)}")
    q1, median, q3 = _quartiles(xs)
    return Timing(median, q1, q3, min(xs), max(xs), len(xs))


def time_repeats(fn: Callable[[], Any], repeats: int = 5, warmup: int = 1) -> Timing:
    """Time ``fn()`` ``repeats`` times after ``warmup`` untimed calls.

    >>> time_repeats(lambda: sum(range(100)), repeats=3).n
    3
    """
    if repeats < 1 or warmup < 0:
        raise QcogValueError(f"repeats must be >= 1 and warmup >= 0, got {repeats} and {warmup}")
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return timing(samples)


def timing_ratio(numerator: Sequence[float], denominator: Sequence[float]) -> Timing:
    """The ratio of two timings measured side by side, as the spread of per-repeat ratios.

    Repeat ``i`` of both lists must have been measured together (interleaved), so that
    load on the machine affects both; the median of the per-repeat ratios is the headline.
    With lists of different lengths, the ratio of medians (n=1) is returned.

    >>> timing_ratio([2.0, 2.2, 1.8], [1.0, 1.0, 1.0]).median
    2.0
    """
    a, b = _values(numerator, "numerator"), _values(denominator, "denominator")
    if min(b) <= 0:
        raise QcogValueError("the denominator timings must be positive")
    if len(a) != len(b):
        ratio = statistics.median(a) / statistics.median(b)
        return Timing(ratio, ratio, ratio, ratio, ratio, 1)
    return timing([x / y for x, y in zip(a, b)])


def _positive(values: Sequence[float], name: str) -> list[float]:
    xs = _values(values, name)
    if min(xs) <= 0:
        raise QcogValueError(f"{name} must be positive for a ratio, got {min(xs)}")
    return xs


def _exp_interval(logs: Interval) -> Interval:
    """An interval on log ratios, mapped back to ratios (its ``std`` stays on the log scale)."""
    low = None if logs.low is None else math.exp(logs.low)
    high = None if logs.high is None else math.exp(logs.high)
    return Interval(math.exp(logs.mean), low, high, logs.n, logs.std, logs.confidence,
                    f"log-{logs.method}")


def _log_ratio(a: list[float], b: list[float], paired: bool,
               confidence: float) -> tuple[Interval, float | None]:
    if paired:
        if len(a) != len(b):
            raise QcogValueError(
                f"a paired ratio needs one value per repeat on both sides, got {len(a)} and {len(b)}"
            )
        logs = mean_interval([math.log(x / y) for x, y in zip(a, b)], confidence)
        return logs, _paired_p_value(logs)
    la, lb = [math.log(x) for x in a], [math.log(y) for y in b]
    if len(a) < 2 or len(b) < 2:
        mean = statistics.fmean(la) - statistics.fmean(lb)
        return Interval(mean, None, None, min(len(a), len(b)), 0.0, confidence, "welch"), None
    return _welch(la, lb, confidence)


def ratio_interval(numerator: Sequence[float], denominator: Sequence[float], paired: bool = True,
                   confidence: float = 0.95) -> Interval:
    """The interval of the ratio ``numerator / denominator`` (geometric mean, log-t interval).

    Timings are skewed and multiplicative (a busy machine slows every repeat by a factor),
    so the ratio is taken on the log scale: the t-interval of the per-repeat
    ``log(a_i / b_i)`` (paired, repeats interleaved) or Welch's interval of the two sets
    of logs, mapped back with ``exp``. The ``mean`` is the geometric mean ratio; ``std``
    is on the log scale.

    Args:
        numerator, denominator: positive values (seconds, rates), one per repeat.
        paired: repeat ``i`` of both sides was measured together.
        confidence: the interval's level.

    Raises:
        QcogValueError: empty, non-finite or non-positive values; paired lists of
            different lengths.

    >>> r = ratio_interval([2.0, 2.2, 1.8, 2.1], [1.0, 1.1, 0.9, 1.0])
    >>> round(r.mean, 3), r.low < 2.0 < r.high, r.method
    (2.025, True, 'log-t')
    """
    _check_confidence(confidence)
    a, b = _positive(numerator, "numerator"), _positive(denominator, "denominator")
    return _exp_interval(_log_ratio(a, b, paired, confidence)[0])


@dataclass(frozen=True)
class TimingComparison:
    """Quantum (or qcog) time versus classical (or baseline) time over interleaved repeats.

    Attributes:
        quantum, classical: median and spread of each side's seconds.
        ratio: quantum seconds / classical seconds: geometric mean and its interval.
        verdict: "quantum better" (faster) or "classical better" only when the ratio's
            interval excludes 1.
        paired: repeats were interleaved and paired.
        p_value: two-sided p-value of "same speed" on the log scale (for :func:`holm`).
    """

    quantum: Timing
    classical: Timing
    ratio: Interval
    verdict: str
    paired: bool
    p_value: float | None = None
    higher_is_better: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"quantum": self.quantum.to_dict(), "classical": self.classical.to_dict(),
                "ratio": self.ratio.to_dict(), "verdict": self.verdict,
                "higher_is_better": False, "paired": self.paired, "p_value": self.p_value}

    def __str__(self) -> str:
        return (f"quantum {self.quantum} vs classical {self.classical}: "
                f"ratio {self.ratio.format(3)} -> {self.verdict}")


def compare_timings(quantum_seconds: Sequence[float], classical_seconds: Sequence[float],
                    paired: bool = True, confidence: float = 0.95) -> TimingComparison:
    """Which side is faster, from repeats measured side by side.

    Args:
        quantum_seconds: the quantum or qcog side's seconds, one per repeat.
        classical_seconds: the classical or baseline side's seconds; with ``paired``,
            repeat ``i`` was run right before or after quantum repeat ``i``.
        paired: pair the repeats (recommended: load on the machine cancels out).
        confidence: the interval's level.

    Raises:
        QcogValueError: empty, non-finite or non-positive times; paired lists of
            different lengths.

    >>> c = compare_timings([1.0, 1.1, 0.9, 1.0, 1.05], [2.0, 2.1, 2.0, 1.9, 2.2])
    >>> c.verdict, round(c.ratio.mean, 2)
    ('quantum better', 0.49)
    """
    _check_confidence(confidence)
    q = _positive(quantum_seconds, "quantum seconds")
    c = _positive(classical_seconds, "classical seconds")
    logs, p_value = _log_ratio(q, c, paired, confidence)
    return TimingComparison(timing(q), timing(c), _exp_interval(logs),
                            verdict(logs, higher_is_better=False), paired, p_value)


def holm(p_values: Sequence[float | None], alpha: float = 0.05) -> list[bool | None]:
    """Which comparisons hold after Holm's step-down correction for testing many at once.

    With ``m`` verdicts at level ``alpha`` each, about ``alpha * m`` can be wrong by
    chance; Holm's method keeps the family-wise error at ``alpha``: sort the p-values,
    and reject the ``i``-th smallest (0-based) while ``p <= alpha / (m - i)``.

    Args:
        p_values: one per comparison; ``None`` (no interval) is not counted.
        alpha: the family-wise error rate.

    Returns:
        For each comparison: True when it stays significant, False when not, None for
        a ``None`` p-value.

    >>> holm([0.001, 0.04, 0.03, None])
    [True, False, False, None]
    """
    ranked = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    out: list[bool | None] = [None if p is None else False for p in p_values]
    for rank, (p, index) in enumerate(ranked):
        if p > alpha / (len(ranked) - rank):
            break
        out[index] = True
    return out
