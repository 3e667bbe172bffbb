"""Initial QAOA parameters that scale with the depth ``p``.

* :func:`ramp`: an annealing-inspired linear ramp (the Trotterised adiabatic path),
  ``gamma_l = (l + 1/2)/p * dt``, ``beta_l = (1 - (l + 1/2)/p) * dt``;
* :func:`interpolate`: INTERP (Zhou, Wang, Choi, Pichler & Lukin, PRX 10, 021067, 2020):
  the optimised depth-``p`` angles, linearly interpolated to ``p + 1`` points as the start
  of depth ``p + 1``;
* :func:`random_start`: uniform random angles (seeded), the naive baseline.

Angles are in units where the couplings are ``J = 1/2`` (unweighted MaxCut); ``scale``
(``1 / mean |J|`` divided by 2) adapts the ``gamma`` of other problems.

>>> [round(x, 3) for x in ramp(2)]
[0.188, 0.562, 0.562, 0.188]
>>> interpolate([0.4], [0.3])
[0.4, 0.4, 0.3, 0.3]
"""

from __future__ import annotations

from collections.abc import Sequence

#: Time step of the linear ramp (angles for couplings J = 1/2).
RAMP_DT = 0.75


def ramp(p: int, dt: float = RAMP_DT, scale: float = 2.0) -> list[float]:
    """Linear-ramp angles ``(gamma_1..gamma_p, beta_1..beta_p)``; ``scale`` = ``1/mean|J|``."""
    fractions = [(layer + 0.5) / p for layer in range(p)]
    return [f * dt * scale / 2 for f in fractions] + [(1 - f) * dt for f in fractions]


def _interp(values: Sequence[float]) -> list[float]:
    p = len(values)
    padded = [0.0, *values, 0.0]
    return [(i / p) * padded[i] + ((p - i) / p) * padded[i + 1] for i in range(p + 1)]


def interpolate(gammas: Sequence[float], betas: Sequence[float]) -> list[float]:
    """INTERP: depth-``p`` angles -> a depth-``p + 1`` start ``(gammas..., betas...)``."""
    return _interp(list(gammas)) + _interp(list(betas))


def random_start(p: int, seed: int | None = 0, scale: float = 2.0) -> list[float]:
    """Uniform angles: ``gamma`` in ``[0, pi/2) * scale/2``, ``beta`` in ``[0, pi/4)``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return (rng.uniform(0, np.pi / 2, p) * scale / 2).tolist() + rng.uniform(0, np.pi / 4, p).tolist()
