"""Which error mitigation to apply: :class:`Mitigation`, and its names on the command line.

>>> Mitigation.parse("both").label
'readout+zne'
>>> Mitigation.parse("zne", scales="1,2,3", extrapolation="richardson").scales
(1.0, 2.0, 3.0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from qcog.exceptions import QcogValueError
from qcog.mitigation.extrapolation import METHODS
from qcog.mitigation.folding import check_scale

#: Names accepted by :meth:`Mitigation.parse` (and the CLI's ``--mitigation``).
CHOICES = ("none", "readout", "zne", "both")
DEFAULT_SCALES = (1.0, 3.0, 5.0)


@dataclass(frozen=True)
class Mitigation:
    """Error mitigation settings.

    Attributes:
        readout: correct readout errors with a per-qubit calibration (2 extra circuits).
        zne: zero-noise extrapolation by global unitary folding.
        scales: noise scales for ZNE; the first must be 1 (the circuit as is).
        extrapolation: 'linear', 'richardson' or 'exponential'.
    """

    readout: bool = False
    zne: bool = False
    scales: tuple[float, ...] = DEFAULT_SCALES
    extrapolation: str = "linear"

    def __post_init__(self) -> None:
        scales = tuple(check_scale(s) for s in self.scales)
        if len(scales) < 2 or scales[0] != 1.0 or len(set(scales)) != len(scales):
            raise QcogValueError(
                f"ZNE scales must start with 1 and hold at least two distinct values, e.g. 1,3,5; "
                f"got {list(self.scales)}"
            )
        if self.extrapolation not in METHODS:
            raise QcogValueError(
                f"extrapolation must be one of {', '.join(METHODS)}, got {self.extrapolation!r}"
            )
        object.__setattr__(self, "scales", scales)

    @classmethod
    def parse(cls, name: str | None, scales=None, extrapolation: str = "linear") -> Mitigation:
        """From a name in :data:`CHOICES`, optional scales ('1,3,5' or numbers) and a fit."""
        key = (name or "none").lower()
        if key not in CHOICES:
            raise QcogValueError(f"mitigation must be one of {', '.join(CHOICES)}, got {name!r}")
        if isinstance(scales, str):
            try:
                scales = tuple(float(s) for s in scales.split(",") if s.strip())
            except ValueError:
                raise QcogValueError(f"scales must be numbers separated by commas, got {scales!r}") from None
        return cls(
            readout=key in ("readout", "both"),
            zne=key in ("zne", "both"),
            scales=tuple(scales) if scales else DEFAULT_SCALES,
            extrapolation=extrapolation,
        )

    @property
    def label(self) -> str:
        parts = [name for name, on in (("readout", self.readout), ("zne", self.zne)) if on]
        return "+".join(parts) or "none"

    @property
    def run_scales(self) -> tuple[float, ...]:
        """The noise scales actually run: all of them with ZNE, else just 1."""
        return self.scales if self.zne else (1.0,)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}
