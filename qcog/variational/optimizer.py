"""How a variational circuit is optimised: a small, commented dataclass.

Exact engines (qcog's torch engine, PennyLane devices) differentiate the energy:
``adam`` or ``lbfgs`` (torch's L-BFGS with a strong-Wolfe line search). Shot-based
backends (Aer, ``fake:``, ``ibm:``) have no exact gradient: ``spsa`` (Spall's
simultaneous perturbation) needs two energies per step, sent in one estimator job.

>>> OptimizerConfig("lbfgs").lr
1.0
>>> OptimizerConfig("sgd")
Traceback (most recent call last):
...
qcog.exceptions.QcogValueError: optimizer 'sgd' is not known; accepted: adam, lbfgs, spsa
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError

#: optimizer name -> (default learning rate / SPSA step scale a, needs exact gradients)
OPTIMIZERS = {"adam": (0.05, True), "lbfgs": (1.0, True), "spsa": (0.2, False)}


@dataclass
class OptimizerConfig:
    """Settings of :func:`qcog.variational.minimize` and :func:`qcog.variational.spsa_minimize`."""

    name: str = "adam"  # adam | lbfgs (exact engines) | spsa (shot-based backends)
    steps: int = 200  # most optimiser steps (an L-BFGS step may evaluate several times)
    lr: float | None = None  # learning rate (adam, lbfgs) or SPSA's a; None: the default above
    tol: float = 1e-9  # stop when one step changes the energy by less than this
    target: float | None = None  # stop as soon as an evaluated energy is <= target
    spsa_c: float = 0.1  # SPSA perturbation size c
    spsa_alpha: float = 0.602  # SPSA step decay a_k = a / (k + 1 + A)**alpha
    spsa_gamma: float = 0.101  # SPSA perturbation decay c_k = c / (k + 1)**gamma
    threads: int | None = None  # torch CPU threads while optimising (None: leave torch's setting)

    def __post_init__(self) -> None:
        if self.name not in OPTIMIZERS:
            raise QcogValueError(
                f"optimizer {self.name!r} is not known; accepted: {', '.join(OPTIMIZERS)}"
            )
        if isinstance(self.steps, bool) or not isinstance(self.steps, int) or self.steps < 1:
            raise QcogValueError(f"steps must be a positive integer, got {self.steps!r}")
        if self.lr is None:
            self.lr = OPTIMIZERS[self.name][0]
        if not self.lr > 0:
            raise QcogValueError(f"lr must be positive, got {self.lr!r}")
        if self.threads is not None and (isinstance(self.threads, bool) or self.threads < 1):
            raise QcogValueError(f"threads must be a positive integer, got {self.threads!r}")
        if self.tol < 0:
            raise QcogValueError(f"tol must be >= 0, got {self.tol!r}")

    @property
    def exact(self) -> bool:
        """True when the optimiser needs exact gradients (an exact engine)."""
        return OPTIMIZERS[self.name][1]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
