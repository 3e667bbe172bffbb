"""The CCZ magic-state factory of Gidney and Fowler 2019 (arXiv:1812.01238), as Gidney and
Ekera 2019 (arXiv:1905.09749, ancillary file ``estimate_costs.py``) size and score it.

Two levels of distillation: level 0 injects physical T states at distance ``d1 / 2``;
level 1 (15-to-1 T factories at distance ``d1``) and level 2 (the catalysed 8-T-to-CCZ
factory at distance ``d2``). Output error per CCZ state:

- ``e0 = p + 100 P_L(d1 // 2)`` (injection),
- ``e1 = 35 e0^3 + 1100 P_L(d1)`` (15-to-1 T distillation, factory volume),
- ``e2 = 28 e1^2 + 1000 P_L(d2)`` (CCZ distillation).

Footprint in units of level-2 patches: the CCZ stage is 3 wide, 6 high and 5 deep (in
``d2``-cycle units); each T1 factory is ``8 d1/d2`` wide, ``4 d1/d2`` high and
``5.75 d1/d2`` deep, and enough of them (``ceil(8 * T1 depth / 5)``) feed the CCZ stage
from two columns beside it, plus a storage column ``2 d1/d2`` wide. One factory makes a
CCZ state every ``depth * d2`` cycles.

>>> from qcog.resources.surface_code import PhysicalAssumptions
>>> f = CCZFactory(15, 27)
>>> f.width, f.height, f.depth
(13, 7, 5.0)
>>> 1e10 <= 1 / f.error_per_state(PhysicalAssumptions()) <= 2e10
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qcog.resources.surface_code import PhysicalAssumptions, logical_error_per_round


@dataclass(frozen=True)
class CCZFactory:
    """One CCZ factory with level-1 distance ``d1`` and level-2 distance ``d2``."""

    d1: int
    d2: int

    @property
    def _t1(self) -> tuple[float, float, float]:
        r = self.d1 / self.d2
        return 8 * r, 4 * r, 5.75 * r  # width, height, depth of one T1 factory

    @property
    def t1_factories(self) -> int:
        return math.ceil(8 * self._t1[2] / 5)  # 8 T states per CCZ, one CCZ per 5 units

    @property
    def width(self) -> int:
        t1_width = self._t1[0]
        return math.ceil(2 * t1_width + 3 + 2 * self.d1 / self.d2)

    @property
    def height(self) -> int:
        column = self._t1[1] * math.ceil(self.t1_factories / 2)
        return math.ceil(max(6, column))

    @property
    def depth(self) -> float:
        """Time per CCZ state, in units of ``d2`` cycles."""
        return max(5.0, self._t1[2])

    @property
    def patches(self) -> int:
        return self.width * self.height

    def seconds_per_state(self, assumptions: PhysicalAssumptions) -> float:
        return self.depth * self.d2 * assumptions.cycle_time_us * 1e-6

    def error_per_state(self, assumptions: PhysicalAssumptions) -> float:
        """Probability that one CCZ state is bad (distillation and topological errors)."""
        e0 = assumptions.physical_error + 100 * logical_error_per_round(self.d1 // 2, assumptions)
        e1 = 35 * e0**3 + 1100 * logical_error_per_round(self.d1, assumptions)
        return 28 * e1**2 + 1000 * logical_error_per_round(self.d2, assumptions)
