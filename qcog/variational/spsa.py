"""SPSA (Spall's simultaneous perturbation stochastic approximation) for shot-based backends.

Each step perturbs all parameters at once by ``+-c_k * delta`` (``delta`` a random sign
vector) and needs only the two energies ``E(theta + c_k delta)`` and ``E(theta - c_k delta)``,
which ``evaluate`` receives together so that they go in ONE estimator job. The gain
sequences are Spall's: ``a_k = a / (k + 1 + A)**alpha`` with ``A = steps / 10`` and
``c_k = c / (k + 1)**gamma``. The sign vectors come from a seeded numpy generator.

>>> import numpy as np
>>> def evaluate(rows):  # a noiseless quadratic bowl with its minimum at (1, -2)
...     return [float((r[0] - 1) ** 2 + (r[1] + 2) ** 2) for r in rows]
>>> theta, trace = spsa_minimize(evaluate, [0.0, 0.0], OptimizerConfig("spsa", steps=300), seed=0)
>>> np.round(theta, 2).tolist(), trace.evaluations
([1.0, -2.0], 601)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.variational.optimizer import OptimizerConfig
from qcog.variational.trace import Trace


def spsa_minimize(evaluate: Callable[[list[list[float]]], Sequence[float]], theta0: Sequence[float],
                  config: OptimizerConfig, seed: int | None = 0, progress: bool = False,
                  desc: str = "SPSA") -> tuple[Any, Trace]:
    """Minimise ``evaluate`` from ``theta0`` with SPSA; two evaluations per step, in one call.

    Args:
        evaluate: ``rows -> energies``, called with a list of parameter vectors (two per
            step, one at the end), each batch meant to be one job.
        theta0: the starting parameters.
        config: ``OptimizerConfig("spsa", ...)``: steps, ``lr`` (a), ``spsa_c``,
            ``spsa_alpha``, ``spsa_gamma``, ``target``.
        seed: seed of the perturbation signs.
        progress: a tqdm bar on stderr.
        desc: its label.

    Returns:
        ``(theta, trace)``: the final parameters (numpy) and the :class:`Trace`, whose
        step energies are the means of each step's two evaluations and whose last entry
        is the energy evaluated at the final parameters.

    Raises:
        QcogValueError: ``config`` is not SPSA.
    """
    import numpy as np
    from tqdm.auto import tqdm

    if config.name != "spsa":
        raise QcogValueError(f"spsa_minimize needs OptimizerConfig('spsa'), got {config.name!r}")
    rng = np.random.default_rng(seed)
    theta = np.asarray(theta0, dtype=float).copy()
    trace = Trace(target=config.target)
    start = time.perf_counter()
    stability = config.steps / 10
    bar = tqdm(range(config.steps), desc=desc, disable=not progress, file=sys.stderr, leave=False)
    for k in bar:
        a_k = config.lr / (k + 1 + stability) ** config.spsa_alpha
        c_k = config.spsa_c / (k + 1) ** config.spsa_gamma
        delta = rng.choice([-1.0, 1.0], size=theta.shape)
        plus, minus = (float(e) for e in evaluate([list(theta + c_k * delta),
                                                    list(theta - c_k * delta)]))
        now = time.perf_counter() - start
        trace.record(plus, now)
        trace.record(minus, now)
        trace.end_step((plus + minus) / 2)
        theta = theta - a_k * (plus - minus) / (2 * c_k) * delta
        bar.set_postfix_str(f"E~{(plus + minus) / 2:.6f}")
    bar.close()
    final = float(evaluate([list(theta)])[0])
    trace.record(final, time.perf_counter() - start)
    trace.end_step(final)
    trace.wall_s = time.perf_counter() - start
    return theta, trace
