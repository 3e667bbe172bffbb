"""The resource models side by side for one modulus size: qcog's own circuits (windowed and
Beauregard arithmetic), Gidney-Ekera 2019, Gidney 2025 and Qrisp's published counts.

Each row says where its physical numbers come from: the paper's own layout (GE2019), the
paper's statement (G2025 at 2048 bits), or qcog's generic physical layer
(:mod:`qcog.resources.physical`: plain surface-code patches, CCZ factories,
reaction-limited), which is applied to the logical counts of qcog's circuits and, for
contrast, to Gidney 2025's logical counts.

>>> rows = compare_models(2048)
>>> [r.model for r in rows][:3]
['qcog windowed', 'qcog Beauregard', 'Gidney-Ekera 2019']
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from qcog.resources.surface_code import PhysicalAssumptions

#: The numeric columns of a :class:`ModelRow`, in the order reports show them.
COLUMNS = (
    "model",
    "logical_qubits",
    "toffolis",
    "t_count",
    "two_qubit_gates",
    "physical_qubits",
    "hours",
)


@dataclass(frozen=True)
class ModelRow:
    """One model at one size; None where the model or source gives no number."""

    model: str
    source: str
    logical_qubits: int | None
    toffolis: float | None
    t_count: float | None
    two_qubit_gates: float | None
    physical_qubits: float | None
    hours: float | None
    physical_layer: str

    def to_dict(self) -> dict:
        return asdict(self)


def _qcog_rows(bits: int, a: PhysicalAssumptions, target: float) -> list[ModelRow]:
    from qcog.algorithms.resource_estimate import estimate_shor_resources
    from qcog.exceptions import QcogValueError
    from qcog.resources.physical import physical_estimate

    rows = []
    for arithmetic, label in (("windowed", "qcog windowed"), ("beauregard", "qcog Beauregard")):
        est = estimate_shor_resources(bits, arithmetic=arithmetic)
        rotation_t = est.t_count - (4 if arithmetic == "windowed" else 7) * est.toffolis
        try:
            phys = physical_estimate(est.qubits, est.toffolis, rotation_t, a, target)
            numbers = (phys.physical_qubits, phys.hours)
            layer = f"qcog generic layer (d={phys.code_distance}, {phys.factories} CCZ factories)"
        except QcogValueError as exc:
            numbers, layer = (None, None), f"qcog generic layer: none ({exc})"
        rows.append(
            ModelRow(
                label,
                "qcog.algorithms.resource_estimate (checked against built circuits)",
                est.qubits,
                est.toffolis,
                est.t_count,
                est.twoq_gates,
                *numbers,
                layer,
            )
        )
    return rows


def compare_models(
    bits: int, assumptions: PhysicalAssumptions | None = None, target_failure: float = 0.1
) -> list[ModelRow]:
    """Rows for every model that covers ``bits`` (see the module docstring).

    Raises:
        QcogValueError: ``bits`` outside what every model accepts, or bad assumptions.
    """
    from qcog.resources.gidney_2025 import gidney_2025
    from qcog.resources.gidney_ekera_2019 import MIN_BITS, gidney_ekera_2019
    from qcog.resources.physical import physical_estimate
    from qcog.resources.published import G2025_LOGICAL, QRISP_BIGINTEGER

    a = assumptions or PhysicalAssumptions()
    rows = _qcog_rows(bits, a, target_failure)
    if bits >= MIN_BITS:
        ge = gidney_ekera_2019(bits, a)
        rows.append(
            ModelRow(
                "Gidney-Ekera 2019",
                "arXiv:1905.09749 (cost model re-implemented)",
                ge.abstract_qubits,
                ge.toffolis,
                None,
                None,
                ge.physical_qubits,
                ge.hours,
                f"the paper's layout (d1={ge.params.d1}, d2={ge.params.d2}, "
                f"{ge.factories} CCZ factories, failure {ge.failure:.0%})",
            )
        )
    if bits in G2025_LOGICAL:
        g = gidney_2025(bits)
        rows.append(
            ModelRow(
                "Gidney 2025",
                "arXiv:2505.15917 (stated numbers)",
                g.logical_qubits,
                g.toffolis,
                None,
                None,
                g.physical_qubits,
                g.hours_at_most,
                "stated by the paper (yoked storage, cultivation; hours: an upper bound)"
                if g.physical_qubits
                else "not stated at this size",
            )
        )
        phys = physical_estimate(g.logical_qubits, g.toffolis, 0.0, a, target_failure)
        rows.append(
            ModelRow(
                "Gidney 2025 logical, plain surface code",
                "G2025 logical counts + qcog layer",
                g.logical_qubits,
                g.toffolis,
                None,
                None,
                phys.physical_qubits,
                phys.hours,
                f"qcog generic layer (d={phys.code_distance}; no yoked codes, no cultivation)",
            )
        )
    if bits in QRISP_BIGINTEGER:
        t, twoq, _ = QRISP_BIGINTEGER[bits]
        rows.append(
            ModelRow(
                "Qrisp",
                "Qrisp BigInteger tutorial (gate counts of its order finding)",
                None,
                None,
                t,
                twoq,
                None,
                None,
                "not stated",
            )
        )
    return rows
