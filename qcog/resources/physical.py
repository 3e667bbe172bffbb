"""A generic physical layer: from logical qubits and magic-state counts to a code distance,
physical qubits and hours, for constructions that publish no layout of their own (qcog's
circuits, the logical counts of Gidney 2025, Qrisp).

Assumptions (each stated, none tuned to a result):

- magic states: one CCZ state per Toffoli, half of one per T gate (a catalysed
  ``|CCZ> -> 2|T>`` factory, the "Toffoli + T/2" count of Gidney-Ekera 2019), made by the
  CCZ factories of :mod:`qcog.resources.ccz_factory`;
- reaction-limited execution: one magic state consumed per reaction time, with just
  enough factories (``ceil(time per state / reaction time)``) to keep up;
- data layout: Litinski's "fast block" (A Game of Surface Codes, arXiv:1808.02892):
  ``2 Q + ceil(sqrt(8 Q)) + 1`` patches for ``Q`` logical qubits;
- failure: topological errors of the data block over the whole run plus distillation
  errors must stay within ``target_failure``; the smallest level-2 distance that does,
  with the level-1 distance that needs the fewest qubits, is chosen.

>>> est = physical_estimate(logical_qubits=6189, toffolis=2.7e9)
>>> est.code_distance, round(est.physical_qubits / 1e6, 1), round(est.hours, 1)
(29, 25.7, 7.5)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from qcog.exceptions import QcogValueError
from qcog.resources.ccz_factory import CCZFactory
from qcog.resources.surface_code import (
    MAX_DISTANCE,
    PhysicalAssumptions,
    logical_error_per_round,
    physical_qubits_per_patch,
)


@dataclass(frozen=True)
class PhysicalEstimate:
    """Physical cost of a computation under :class:`PhysicalAssumptions`."""

    logical_qubits: int
    magic_states: float
    data_patches: int
    factories: int
    factory_d1: int
    code_distance: int
    physical_qubits: int
    hours: float
    failure: float
    target_failure: float
    assumptions: PhysicalAssumptions

    def to_dict(self) -> dict:
        return asdict(self)


def fast_block_patches(logical_qubits: int) -> int:
    """Patches of Litinski's fast block for ``Q`` logical qubits.

    >>> fast_block_patches(100)
    230
    """
    return 2 * logical_qubits + math.ceil(math.sqrt(8 * logical_qubits)) + 1


def physical_estimate(
    logical_qubits: int,
    toffolis: float,
    t_gates: float = 0.0,
    assumptions: PhysicalAssumptions | None = None,
    target_failure: float = 0.1,
) -> PhysicalEstimate:
    """Code distance, physical qubits and hours for a reaction-limited run.

    Args:
        logical_qubits: qubits of the algorithm (``Q >= 1``).
        toffolis: Toffoli (CCZ) count.
        t_gates: T count besides the Toffolis.
        assumptions: physical assumptions (default: Gidney-Ekera's).
        target_failure: allowed failure probability of one run, in (0, 1).

    Raises:
        QcogValueError: bad counts or budget, or no distance up to the maximum suffices.
    """
    a = assumptions or PhysicalAssumptions()
    if (
        isinstance(logical_qubits, bool)
        or not isinstance(logical_qubits, int)
        or logical_qubits < 1
    ):
        raise QcogValueError(f"logical_qubits must be a positive integer, got {logical_qubits!r}")
    if not (toffolis >= 0 and t_gates >= 0 and toffolis + t_gates > 0):
        raise QcogValueError(
            f"toffolis and t_gates must be >= 0 and not both 0, got {toffolis}, {t_gates}"
        )
    if not 0 < target_failure < 1:
        raise QcogValueError(f"target_failure must be in (0, 1), got {target_failure!r}")
    states = toffolis + t_gates / 2
    seconds = states * a.reaction_time_us * 1e-6
    rounds = seconds / (a.cycle_time_us * 1e-6)
    data = fast_block_patches(logical_qubits)
    for d2 in range(9, MAX_DISTANCE + 1, 2):
        topological = data * rounds * logical_error_per_round(d2, a)
        if topological > target_failure:
            continue
        best = None
        for d1 in range(7, d2 + 1, 2):
            factory = CCZFactory(d1, d2)
            failure = 1 - (1 - topological) * (1 - min(1.0, states * factory.error_per_state(a)))
            if failure > target_failure:
                continue
            count = math.ceil(factory.seconds_per_state(a) / (a.reaction_time_us * 1e-6))
            qubits = (data + count * factory.patches) * physical_qubits_per_patch(d2)
            if best is None or qubits < best.physical_qubits:
                best = PhysicalEstimate(
                    logical_qubits,
                    states,
                    data,
                    count,
                    d1,
                    d2,
                    qubits,
                    seconds / 3600,
                    failure,
                    target_failure,
                    a,
                )
        if best is not None:
            return best
    raise QcogValueError(
        f"no code distance up to {MAX_DISTANCE} brings {logical_qubits} logical qubits and "
        f"{states:.3g} magic states under a failure probability of {target_failure:g}"
    )
