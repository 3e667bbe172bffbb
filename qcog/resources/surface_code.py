"""The surface-code layer: physical assumptions, logical error per round, code distance for
a failure budget, and physical qubits per logical patch.

Model (Gidney and Ekera 2019, arXiv:1905.09749, sections 2.8-2.9, after Fowler et al.
2012): a distance-``d`` patch fails per round (one ``d x d x 1`` spacetime cell) with
probability

    P_L(d) = 0.1 (p / p_th)^((d + 1) / 2),

``p`` the physical gate error and ``p_th = 1 %`` the threshold (at ``p = 1e-3`` that is
``10^-((d+1)/2) / 10``: each step of 2 in ``d`` suppresses errors 10x); a patch with its
share of routing space covers ``2 (d + 1)^2`` physical qubits.

>>> a = PhysicalAssumptions()
>>> logical_error_per_round(27, a)
1e-15
>>> physical_qubits_per_patch(27)
1568
>>> code_distance(cells=1e13, budget=0.01, assumptions=a)
27
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from qcog.exceptions import QcogValueError


@dataclass(frozen=True)
class PhysicalAssumptions:
    """Hardware assumptions (defaults: Gidney-Ekera 2019 and Gidney 2025).

    Attributes:
        physical_error: uniform physical gate error rate ``p``.
        cycle_time_us: surface-code cycle (one round of stabilizer measurements), us.
        reaction_time_us: time to measure, decode and choose the next operation, us.
        threshold: the code's threshold error rate ``p_th``.
        prefactor: ``P_L(d) = prefactor (p / p_th)^((d+1)/2)``.
    """

    physical_error: float = 1e-3
    cycle_time_us: float = 1.0
    reaction_time_us: float = 10.0
    threshold: float = 1e-2
    prefactor: float = 0.1

    def __post_init__(self) -> None:
        for name in (
            "physical_error",
            "cycle_time_us",
            "reaction_time_us",
            "threshold",
            "prefactor",
        ):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not math.isfinite(value)
                or value <= 0
            ):
                raise QcogValueError(f"{name} must be a positive number, got {value!r}")
        if self.physical_error >= self.threshold:
            raise QcogValueError(
                f"physical error rate {self.physical_error:g} is not below the surface-code "
                f"threshold {self.threshold:g}: logical errors would not shrink with the code "
                "distance, no code distance reaches any failure budget"
            )

    def to_dict(self) -> dict:
        return asdict(self)


def logical_error_per_round(d: int, assumptions: PhysicalAssumptions) -> float:
    """``P_L(d)``: failure probability of one distance-``d`` patch per round."""
    ratio = assumptions.physical_error / assumptions.threshold
    return float(f"{assumptions.prefactor * ratio ** ((d + 1) / 2):.12g}")


def physical_qubits_per_patch(d: int) -> int:
    """Physical qubits of one logical patch with its routing share, ``2 (d + 1)^2``."""
    return 2 * (d + 1) ** 2


#: Largest code distance considered.
MAX_DISTANCE = 199


def code_distance(cells: float, budget: float, assumptions: PhysicalAssumptions) -> int:
    """Smallest odd ``d`` whose ``cells`` patch-rounds fail with probability <= ``budget``.

    Raises:
        QcogValueError: bad budget or cells, or no ``d <= 199`` is enough.
    """
    if not 0 < budget < 1:
        raise QcogValueError(f"failure budget must be in (0, 1), got {budget!r}")
    if not cells > 0:
        raise QcogValueError(f"cells must be positive, got {cells!r}")
    for d in range(3, MAX_DISTANCE + 1, 2):
        if cells * logical_error_per_round(d, assumptions) <= budget:
            return d
    raise QcogValueError(
        f"no code distance up to {MAX_DISTANCE} keeps {cells:.3g} patch-rounds under a "
        f"failure probability of {budget:g} at physical error {assumptions.physical_error:g}"
    )
