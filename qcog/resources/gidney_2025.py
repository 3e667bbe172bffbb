"""Gidney 2025 (arXiv:2505.15917), "How to factor 2048 bit RSA integers with less than a
million noisy qubits", as far as the paper's costs are available to us.

Construction (from the abstract): approximate residue arithmetic (Chevignard, Fouque and
Schrottenloher 2024) with Ekera-Hastad period finding, idle logical qubits stored in
yoked surface codes (Gidney, Newman, Brooks and Jones 2023), magic states from
cultivation (Gidney, Shutty and Jones 2024); same physical assumptions as Gidney-Ekera
2019 (0.1 % gate error, 1 us cycle, 10 us reaction time, planar grid).

This model only restates the paper's numbers (:mod:`qcog.resources.published`): logical
qubits and Toffolis at the tabulated sizes (1024 ... 8192 bits; other sizes are refused
rather than extrapolated), and at 2048 bits the physical-qubit breakdown (yoked cold
storage, hot storage at distance 25, the compute region) and the stated bound of under a
week. The yoked codes and cultivation are not modelled here, so no physical count is
offered at other sizes; :mod:`qcog.resources.physical` gives what plain surface-code
patches and CCZ factories would need for the same logical counts.

>>> est = gidney_2025(2048)
>>> est.logical_qubits, est.toffolis, est.physical_qubits, est.hours_at_most
(1399, 6500000000.0, 897864, 168)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from qcog.exceptions import QcogValueError
from qcog.resources.published import G2025_LOGICAL, G2025_PHYSICAL_2048


@dataclass(frozen=True)
class G2025Estimate:
    """Gidney 2025's costs at one size (physical numbers only where the paper states them)."""

    n: int
    logical_qubits: int
    toffolis: float
    physical_qubits: int | None
    hours_at_most: float | None
    breakdown: dict | None

    def to_dict(self) -> dict:
        return asdict(self)


def gidney_2025(n: int) -> G2025Estimate:
    """Gidney 2025's stated costs for an ``n``-bit RSA modulus.

    Raises:
        QcogValueError: ``n`` is not one of the tabulated sizes.
    """
    if isinstance(n, bool) or n not in G2025_LOGICAL:
        raise QcogValueError(
            f"Gidney 2025 tabulates n = {', '.join(map(str, G2025_LOGICAL))} bits; got {n!r} "
            "(other sizes are not extrapolated)"
        )
    qubits, toffolis = G2025_LOGICAL[n]
    physical = hours = breakdown = None
    if n == 2048:
        b = G2025_PHYSICAL_2048
        physical = (
            b["cold_logical"] * b["cold_physical_per_logical"]
            + b["hot_logical"] * b["hot_physical_per_logical"]
            + b["compute_region"]
        )
        hours, breakdown = b["hours_at_most"], dict(b)
    return G2025Estimate(n, qubits, toffolis, physical, hours, breakdown)
